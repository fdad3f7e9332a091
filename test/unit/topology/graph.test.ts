// The graph of a project's network: the exercise's nodes and links exactly, and each broken link with the
// doctor's words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph, statusOf, type Graph } from '../../../src/features/topology/model/graph';
import { exercise, floatingIp, instance, network, router, subnet, withDbNetwork } from './exercise';

const ids = (graph: Graph) => graph.nodes.map((n) => n.id).sort();
const links = (graph: Graph) => graph.links.map((l) => `${l.kind} ${l.left ?? '∅'}${l.leftAnchor ? `@${l.leftAnchor}` : ''} → ${l.right ?? '∅'}${l.rightAnchor ? `@${l.rightAnchor}` : ''}${l.broken ? ' BROKEN' : ''}`).sort();
const broken = (graph: Graph) => graph.links.filter((l) => l.broken).map((l) => l.broken).sort();

test('the exercise: one node per resource, and the links between them', () => {
  const graph = buildGraph(exercise());
  assert.deepEqual(ids(graph), [
    'external:public-id', 'floatingIp:fip1', 'instance:vm1-id', 'instance:vm2-id', 'network:private-id', 'router:r1-id',
  ]);
  assert.deepEqual(links(graph), [
    'floating instance:vm1-id@10.0.0.5 → floatingIp:fip1',
    'floating instance:vm2-id@10.0.0.6 → ∅ BROKEN',
    'gateway external:public-id → router:r1-id',
    'interface router:r1-id → network:private-id@private-subnet-id',
    'port network:private-id@private-subnet-id → instance:vm1-id@10.0.0.5',
    'port network:private-id@private-subnet-id → instance:vm2-id@10.0.0.6',
  ]);
  assert.deepEqual(broken(graph), ['No floating IP is associated with 10.0.0.6: it cannot be reached from outside its network.']);
});

test('what the nodes show: subnets with their range, the instance\'s status and fixed IPs, the router\'s gateway', () => {
  const data = exercise();
  data.routers[0].gateway!.externalFixedIps = [{ subnetId: 'public-subnet-id', ipAddress: '203.0.113.2' }];
  const nodes = new Map(buildGraph(data).nodes.map((n) => [n.id, n]));
  assert.deepEqual(nodes.get('network:private-id')!.rows, [{ text: 'private-subnet 10.0.0.0/24', anchor: 'private-subnet-id' }]);
  assert.deepEqual(nodes.get('external:public-id')!.rows.map((r) => r.text), ['public-subnet 203.0.113.0/24']);
  assert.deepEqual(nodes.get('instance:vm1-id')!.rows, [{ text: 'ACTIVE' }, { text: '10.0.0.5', anchor: '10.0.0.5' }]);
  assert.deepEqual(nodes.get('router:r1-id')!.rows.map((r) => r.text), ['ACTIVE', 'gateway 203.0.113.2']);
  assert.deepEqual(nodes.get('floatingIp:fip1')!.rows.map((r) => r.text), ['ACTIVE', '→ 10.0.0.5']);
  assert.ok(nodes.get('instance:vm1-id')!.details.includes('Floating IP 203.0.113.5 → 10.0.0.5'));
  assert.ok(nodes.get('router:r1-id')!.details.includes('Interface 10.0.0.1 on private-subnet (10.0.0.0/24)'));
});

test('each node offers the tree\'s commands that fit it', () => {
  const actions = Object.fromEntries(buildGraph(exercise()).nodes.map((n) => [n.id, n.actions]));
  assert.deepEqual(actions['instance:vm1-id'], ['openConsole', 'diagnose', 'deleteInstance']);
  assert.deepEqual(actions['instance:vm2-id'], ['openConsole', 'diagnose', 'assignFloatingIp', 'deleteInstance']);
  assert.deepEqual(actions['router:r1-id'], ['setRouterGateway', 'addRouterInterface', 'deleteRouter', 'teardownRouter']);
  assert.deepEqual(actions['floatingIp:fip1'], ['diagnose', 'releaseFloatingIp']);
  assert.deepEqual(actions['network:private-id'], ['deleteNetwork']);
  assert.deepEqual(actions['external:public-id'], [], 'the cloud\'s external network is not the project\'s to delete');
});

test('a router without gateway: its gateway link is broken, in the doctor\'s words, naming the ranges behind it', () => {
  const data = exercise();
  data.routers = [router('r1-id', 'r1')];
  data.floatingIps = [];
  const graph = buildGraph(data);
  const gateway = graph.links.find((l) => l.kind === 'gateway')!;
  assert.equal(gateway.left, undefined);
  assert.equal(gateway.broken, 'Router r1 has no external gateway: floating IPs cannot reach 10.0.0.0/24.');
  data.ports = data.ports.filter((p) => p.deviceId !== 'r1-id');
  assert.equal(buildGraph(data).links.find((l) => l.kind === 'gateway')!.broken, 'Router r1 has no external gateway: floating IPs cannot reach anything behind it.');
});

test('a subnet of the project without router interface: broken, in the doctor\'s words; another project\'s shared network is not judged', () => {
  const data = exercise();
  data.ports = data.ports.filter((p) => p.deviceId !== 'r1-id');
  const shared = { ...network('shared-id', 'shared'), shared: true, projectId: 'admin', raw: { project_id: 'admin' } };
  data.networks.push(shared);
  data.subnets.push(subnet('shared-subnet-id', 'shared-subnet', 'shared-id', '10.9.0.0/24'));
  const graph = buildGraph(data);
  const stubs = graph.links.filter((l) => l.kind === 'interface');
  assert.deepEqual(stubs.map((l) => [l.left, l.right, l.rightAnchor, l.broken]), [
    [undefined, 'network:private-id', 'private-subnet-id', 'Subnet private-subnet (10.0.0.0/24) has no interface on a router: nothing routes between 10.0.0.0/24 and the external network.'],
  ]);
});

test('an unassociated floating IP: its link is broken; the instance without one too', () => {
  const data = exercise();
  data.floatingIps = [floatingIp('fip1', '203.0.113.5', null, null)];
  const graph = buildGraph(data);
  assert.deepEqual(graph.links.filter((l) => l.kind === 'floating').map((l) => [l.left, l.right, l.broken]), [
    [undefined, 'floatingIp:fip1', 'Floating IP 203.0.113.5 is not associated: it reaches no instance.'],
    ['instance:vm1-id', undefined, 'No floating IP is associated with 10.0.0.5: it cannot be reached from outside its network.'],
    ['instance:vm2-id', undefined, 'No floating IP is associated with 10.0.0.6: it cannot be reached from outside its network.'],
  ]);
  assert.deepEqual(graph.nodes.find((n) => n.id === 'floatingIp:fip1')!.actions, ['releaseFloatingIp']);
});

test('links to what the project cannot see are left out; an instance on an external network links to it', () => {
  const data = exercise();
  data.routers = [router('r1-id', 'r1', 'hidden-ext-id')];
  const direct = instance('vm3-id', 'vm3', '203.0.113.9');
  data.servers.push(direct.server);
  data.ports.push({ ...direct.port, networkId: 'public-id', fixedIps: [{ subnetId: 'public-subnet-id', ipAddress: '203.0.113.9' }] });
  const all = links(buildGraph(data));
  assert.ok(!all.some((l) => l.startsWith('gateway')), 'a gateway on a network not listed is not drawn, nor called broken');
  assert.ok(all.includes('port external:public-id@public-subnet-id → instance:vm3-id@203.0.113.9'));
});

test('names are kept as they are (the view makes them safe to show): HTML, bidi controls, $(icons)', () => {
  const data = exercise();
  const hostile = '<img src=x onerror=alert(1)>\u202Evm $(zap)';
  data.servers[1] = { ...data.servers[1], name: hostile };
  assert.equal(buildGraph(data).nodes.find((n) => n.id === 'instance:vm2-id')!.name, hostile);
});

test('an instance with ports on two networks, and a second router: every link, the fixed IPs in NIC order', () => {
  const graph = buildGraph(withDbNetwork());
  assert.deepEqual(graph.nodes.find((n) => n.id === 'instance:vm1-id')!.rows.map((r) => r.text), ['ACTIVE', '10.1.0.5', '10.0.0.5']);
  assert.ok(links(graph).includes('interface router:r2-id → network:db-id@db-subnet-id'));
  assert.ok(links(graph).includes('port network:db-id@db-subnet-id → instance:vm1-id@10.1.0.5'));
});

test('status colours from Nova\'s and Neutron\'s words; a task in progress is busy; admin down is off', () => {
  assert.deepEqual(['ACTIVE', 'ERROR', 'SHUTOFF', 'DOWN', 'BUILD', 'REBOOT', 'weird'].map(statusOf), ['ok', 'error', 'off', 'off', 'build', 'build', 'unknown']);
  const data = exercise();
  data.servers[0] = { ...data.servers[0], taskState: 'powering-off' };
  data.routers[0] = { ...data.routers[0], adminStateUp: false };
  const nodes = new Map(buildGraph(data).nodes.map((n) => [n.id, n]));
  assert.equal(nodes.get('instance:vm1-id')!.status, 'build');
  assert.equal(nodes.get('instance:vm1-id')!.rows[0].text, 'ACTIVE (powering-off)');
  assert.equal(nodes.get('router:r1-id')!.status, 'off');
});

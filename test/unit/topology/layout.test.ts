// The layered layout: five columns in order, nodes sorted by name then ID whatever order the API listed them in,
// a new instance moving nothing before it, floating IPs level with their instances, broken links as stubs,
// texts made safe and fitted, and its time for a large project.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph, type TopologyData } from '../../../src/features/topology/model/graph';
import { GEOMETRY, fitText, layoutGraph, type TopologyView } from '../../../src/features/topology/model/layout';
import { exercise, floatingIp, instance, network, router, routerPort, subnet } from './exercise';

const layout = (data: TopologyData) => layoutGraph(buildGraph(data));
const node = (view: TopologyView, id: string) => view.nodes.find((n) => n.id === id)!;
const reversed = (data: TopologyData): TopologyData => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v])) as unknown as TopologyData;

test('columns left to right: external networks, routers, networks, instances, floating IPs', () => {
  const view = layout(exercise());
  const column = (id: string) => node(view, id).column;
  assert.deepEqual(['external:public-id', 'router:r1-id', 'network:private-id', 'instance:vm1-id', 'floatingIp:fip1'].map(column), [0, 1, 2, 3, 4]);
  assert.ok(node(view, 'instance:vm1-id').y < node(view, 'instance:vm2-id').y, 'vm1 above vm2');
  assert.ok(view.nodes.every((n) => n.x + n.w <= view.width && n.y + n.h <= view.height));
});

test('the same data in another order draws the same picture', () => {
  assert.deepEqual(layout(reversed(exercise())), layout(exercise()));
});

test('a new instance moves none of the nodes before it, and none of the other columns', () => {
  const data = exercise();
  for (let i = 0; i < 8; i += 2) {
    const vm = instance(`vm-${i}-id`, `app-${i}`, `10.0.0.${20 + i}`);
    data.servers.push(vm.server);
    data.ports.push(vm.port);
  }
  const before = layout(data);
  const added = instance('vm-3-id', 'app-3', '10.0.0.23');
  const after = layout({ ...data, servers: [...data.servers, added.server], ports: [...data.ports, added.port] });
  const order = (view: TopologyView) => view.nodes.filter((n) => n.kind === 'instance').sort((a, b) => a.y - b.y).map((n) => n.id);
  assert.deepEqual(order(after).filter((id) => id !== 'instance:vm-3-id'), order(before), 'the others keep their order');
  const newY = node(after, 'instance:vm-3-id').y;
  for (const n of before.nodes) {
    const moved = node(after, n.id).y !== n.y;
    if (n.kind !== 'instance' && n.kind !== 'floatingIp') assert.equal(moved, false, `${n.id} moved`);
    if (n.kind === 'instance' && n.y < newY) assert.equal(moved, false, `${n.id} (before the new one) moved`);
  }
});

test('names sort as people number them (vm3 before vm10), then by ID when two share a name', () => {
  const data = exercise();
  for (const [id, name] of [['b-id', 'vm10'], ['c-id', 'vm3'], ['a-id', 'vm3']]) {
    const vm = instance(id, name, '10.0.0.99');
    data.servers.push(vm.server);
    data.ports.push(vm.port);
  }
  const order = layout(data).nodes.filter((n) => n.kind === 'instance').map((n) => n.resourceId);
  assert.deepEqual(order, ['vm1-id', 'vm2-id', 'a-id', 'c-id', 'b-id']);
});

test('instances are grouped by their first network, in the networks\' order', () => {
  const data = exercise();
  data.networks.push(network('a-net-id', 'a-net'));
  data.subnets.push(subnet('a-subnet-id', 'a-subnet', 'a-net-id', '10.2.0.0/24'));
  const zed = instance('zed-id', 'zed', '10.2.0.5');
  data.servers.push(zed.server);
  data.ports.push({ ...zed.port, networkId: 'a-net-id', fixedIps: [{ subnetId: 'a-subnet-id', ipAddress: '10.2.0.5' }] });
  const view = layout(data);
  assert.ok(node(view, 'network:a-net-id').y < node(view, 'network:private-id').y);
  assert.ok(node(view, 'instance:zed-id').y < node(view, 'instance:vm1-id').y, 'zed (on a-net) comes before vm1 (on private)');
});

test('a floating IP sits level with its instance; links meet the rows of their subnet and fixed IP', () => {
  const data = exercise();
  data.floatingIps = [floatingIp('fip1', '203.0.113.5', 'port-vm2-id', '10.0.0.6')];
  const view = layout(data);
  assert.equal(node(view, 'floatingIp:fip1').y, node(view, 'instance:vm2-id').y);
  const port = view.links.find((l) => l.id === 'port:port-vm2-id:10.0.0.6')!;
  const net = node(view, 'network:private-id');
  const vm2 = node(view, 'instance:vm2-id');
  assert.deepEqual([port.x1, port.y1], [net.x + net.w, net.rows.find((r) => r.anchor === 'private-subnet-id')!.y]);
  assert.deepEqual([port.x2, port.y2], [vm2.x, vm2.rows.find((r) => r.anchor === '10.0.0.6')!.y]);
});

test('a broken link without its other end is a stub towards where that end would be', () => {
  const data = exercise();
  data.routers = [router('r1-id', 'r1')];
  data.floatingIps = [];
  const view = layout(data);
  const r1 = node(view, 'router:r1-id');
  const gateway = view.links.find((l) => l.kind === 'gateway')!;
  assert.deepEqual([gateway.x1, gateway.x2, gateway.y1 === gateway.y2], [r1.x - GEOMETRY.stub, r1.x, true]);
  const vm1 = node(view, 'instance:vm1-id');
  const noFip = view.links.find((l) => l.id === 'floating:none:vm1-id')!;
  assert.deepEqual([noFip.x1, noFip.x2], [vm1.x + vm1.w, vm1.x + vm1.w + GEOMETRY.stub]);
  assert.match(r1.label, /^Router r1, ACTIVE, no gateway, broken: Router r1 has no external gateway/);
});

test('texts are safe to show and fitted: bidi controls escaped, long names cut with an ellipsis, HTML left as text', () => {
  assert.equal(fitText('a\u202Eb', 20), 'a\\u202Eb');
  assert.equal(fitText('x'.repeat(30), 10), `${'x'.repeat(9)}…`);
  assert.equal(fitText('🙂'.repeat(12), 10), `${'🙂'.repeat(9)}…`, 'cut between characters, not within one');
  const data = exercise();
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>\u202Edlrow';
  data.servers[1] = { ...data.servers[1], name: hostile };
  const vm2 = node(layout(data), 'instance:vm2-id');
  assert.equal(vm2.title, '<img src=x onerror=aler…');
  assert.match(vm2.label, /^Instance <img src=x onerror=alert\(1\)><script>alert\(2\)<\/script>\\u202Edlrow, ACTIVE, 10\.0\.0\.6/);
  assert.equal(vm2.details[0], 'Instance <img src=x onerror=alert(1)><script>alert(2)</script>\\u202Edlrow');
});

/** A project of NETWORKS networks, ROUTERS routers (each serving two networks) and INSTANCES instances, a third with a floating IP. */
function largeProject(networks: number, routers: number, instances: number): TopologyData {
  const data: TopologyData = { ...exercise(), networks: [network('public-id', 'public', true)], subnets: [], routers: [], ports: [], servers: [], floatingIps: [] };
  for (let i = 0; i < networks; i++) {
    data.networks.push(network(`net-${i}`, `net-${String(i).padStart(2, '0')}`));
    data.subnets.push(subnet(`sub-${i}`, `sub-${i}`, `net-${i}`, `10.${i}.0.0/24`));
  }
  for (let i = 0; i < routers; i++) {
    data.routers.push(router(`r-${i}`, `router-${i}`, i % 5 ? 'public-id' : undefined));
    for (const n of [2 * i, 2 * i + 1]) data.ports.push(routerPort(`r-${i}`, `net-${n}`, `sub-${n}`, `10.${n}.0.1`));
  }
  for (let i = 0; i < instances; i++) {
    const n = i % networks;
    const vm = instance(`vm-${i}`, `vm-${i}`, `10.${n}.0.${10 + Math.floor(i / networks)}`);
    data.servers.push(vm.server);
    data.ports.push({ ...vm.port, networkId: `net-${n}`, fixedIps: [{ subnetId: `sub-${n}`, ipAddress: vm.server.addresses[0].addr }] });
    if (i % 3 === 0) data.floatingIps.push(floatingIp(`fip-${i}`, `203.0.113.${i % 250}`, vm.port.id, vm.server.addresses[0].addr));
  }
  return data;
}

test('60 networks, 30 routers, 200 instances: built and laid out in milliseconds, and again after one more instance (times printed)', () => {
  const data = largeProject(60, 30, 200);
  layout(data);   // warm up the JIT: the first call measures compilation
  const t0 = performance.now();
  const view = layout(data);
  const first = performance.now() - t0;
  const more = instance('vm-new', 'vm-new', '10.0.0.250');
  const t1 = performance.now();
  const again = layout({ ...data, servers: [...data.servers, more.server], ports: [...data.ports, { ...more.port, networkId: 'net-0', fixedIps: [{ subnetId: 'sub-0', ipAddress: '10.0.0.250' }] }] });
  const update = performance.now() - t1;
  console.log(`# layout of 60 networks / 30 routers / 200 instances (${view.nodes.length} nodes, ${view.links.length} links): ${first.toFixed(1)} ms; after one more instance: ${update.toFixed(1)} ms`);
  assert.equal(view.nodes.length, 1 + 60 + 30 + 200 + 67);
  assert.equal(again.nodes.length, view.nodes.length + 1);
  assert.ok(first < 500 && update < 500, `${first} ms, ${update} ms`);
  assert.equal(view.links.filter((l) => l.broken && l.kind === 'gateway').length, 6, 'every fifth router has no gateway');
});

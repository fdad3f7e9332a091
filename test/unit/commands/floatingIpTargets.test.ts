import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseAssignment, portChoices, routersBySubnet, unreachableSubnet, type Topology } from '../../../src/features/floatingIps/model/floatingIpTargets';
import type { FloatingIp, Port, Router, Subnet } from '../../../src/openstack/networkModels';

const EXT = 'ext-net';
const OTHER_EXT = 'other-ext';
const port = (id: string, deviceId: string, deviceOwner: string, ips: [subnetId: string, ip: string][]): Port => ({
  id, name: '', networkId: 'n', deviceId, deviceOwner, status: 'ACTIVE', macAddress: '', securityGroupIds: [],
  fixedIps: ips.map(([subnetId, ipAddress]) => ({ subnetId, ipAddress })), raw: { project_id: 'demo' },
});
const router = (id: string, gateway?: string): Router => ({
  id, name: id, status: 'ACTIVE', adminStateUp: true, gateway: gateway ? { networkId: gateway, externalFixedIps: [] } : undefined, raw: { project_id: 'demo' },
});
const subnet = (id: string, cidr: string): Subnet => ({
  id, name: id, networkId: 'n', cidr, ipVersion: cidr.includes(':') ? 6 : 4, gatewayIp: null, enableDhcp: true, allocationPools: [], dnsNameservers: [], raw: {},
});
const fip = (id: string, address: string, network: string, portId: string | null, project = 'demo'): FloatingIp => ({
  id, floatingIpAddress: address, floatingNetworkId: network, portId, fixedIpAddress: null, routerId: null, status: 'DOWN', description: '', raw: { project_id: project },
});

// subnet a: router r1 with gateway on ext; subnet b: router r2 without gateway; subnet c: no router;
// subnet d: router r3 with its gateway on another external network; subnet e: a DVR interface of r1
const routers = [router('r1', EXT), router('r2'), router('r3', OTHER_EXT)];
const routerPorts = [
  port('ri-a', 'r1', 'network:router_interface', [['a', '10.0.1.1']]),
  port('ri-b', 'r2', 'network:router_interface', [['b', '10.0.2.1']]),
  port('ri-d', 'r3', 'network:ha_router_replicated_interface', [['d', '10.0.4.1']]),
  port('ri-e', 'r1', 'network:router_interface_distributed', [['e', '10.0.5.1']]),
  port('dhcp', 'dhcp-agent', 'network:dhcp', [['c', '10.0.3.2']]),
];
const subnets = [subnet('a', '10.0.1.0/24'), subnet('b', '10.0.2.0/24'), subnet('c', '10.0.3.0/24'), subnet('d', '10.0.4.0/24'), subnet('e', '10.0.5.0/24'), subnet('v6', 'fd00::/64')];
const names = new Map([[EXT, 'ext'], [OTHER_EXT, 'other']]);
const vm = port('vm-port', 'vm', 'compute:nova', [['a', '10.0.1.5'], ['v6', 'fd00::5']]);
const vm2 = port('vm2-port', 'vm', 'compute:nova', [['b', '10.0.2.5']]);
const vm3 = port('vm3-port', 'vm', 'compute:nova', [['c', '10.0.3.5']]);
const vm4 = port('vm4-port', 'vm', 'compute:nova', [['d', '10.0.4.5']]);
const vm5 = port('vm5-port', 'vm', 'compute:nova', [['e', '10.0.5.5']]);

test('router interfaces of every kind (legacy, DVR, HA) join subnets to routers; other ports do not', () => {
  const by = routersBySubnet({ routerPorts, routers });
  assert.deepEqual([...by.keys()].sort(), ['a', 'b', 'd', 'e']);
  assert.equal(by.get('e')?.[0].id, 'r1');
});

test('each address of an instance: reachable through a router with the gateway, else the exact reason', () => {
  const choices = portChoices([vm, vm2, vm3, vm4, vm5], EXT, { routerPorts, routers, subnets, networkNames: names });
  const byIp = Object.fromEntries(choices.map((c) => [c.fixedIp.ipAddress, c.unusable ?? `ok via ${c.router?.id}`]));
  assert.deepEqual(byIp, {
    '10.0.1.5': 'ok via r1',
    'fd00::5': 'an IPv6 address: floating IPs are IPv4',
    '10.0.2.5': 'router r2 has no external gateway',
    '10.0.3.5': 'no router connects subnet c (10.0.3.0/24): add a router interface on it',
    '10.0.4.5': "router r3's gateway is on other, not ext",
    '10.0.5.5': 'ok via r1',
  });
  // against the other external network, only subnet d is reachable
  const other = portChoices([vm, vm4], OTHER_EXT, { routerPorts, routers, subnets, networkNames: names }).filter((c) => !c.unusable);
  assert.deepEqual(other.map((c) => c.fixedIp.ipAddress), ['10.0.4.5']);
});

test('an address that already has a floating IP is not offered again', () => {
  const [choice] = portChoices([vm], EXT, { routerPorts, routers, floatingIps: [{ ...fip('f', '203.0.113.9', EXT, 'vm-port'), fixedIpAddress: '10.0.1.5' }] });
  assert.equal(choice.unusable, 'already has floating IP 203.0.113.9');
});

test('one-click assign: reuses a free floating IP of the project on a reachable network, else allocates', () => {
  const topology = { routerPorts, routers, floatingIps: [fip('theirs', '203.0.113.2', EXT, null, 'other-project'), fip('busy', '203.0.113.3', EXT, 'x')] };
  const allocate = chooseAssignment([vm3, vm], 'demo', topology);
  assert.ok(!('reasons' in allocate));
  assert.equal(allocate.choice.fixedIp.ipAddress, '10.0.1.5');
  assert.equal(allocate.externalNetworkId, EXT);
  assert.equal(allocate.reuse, undefined, 'neither another project\'s nor an associated floating IP is reused');
  const reuse = chooseAssignment([vm], 'demo', { ...topology, floatingIps: [...topology.floatingIps, fip('mine-other', '198.51.100.4', OTHER_EXT, null), fip('mine', '203.0.113.4', EXT, null)] });
  assert.ok(!('reasons' in reuse));
  assert.equal(reuse.reuse?.id, 'mine');
  // a network with a free floating IP is preferred when both are reachable
  const both = chooseAssignment([vm, vm4], 'demo', { routerPorts, routers, floatingIps: [fip('mine-other', '198.51.100.4', OTHER_EXT, null)] });
  assert.ok(!('reasons' in both));
  assert.equal(both.externalNetworkId, OTHER_EXT);
  assert.equal(both.choice.fixedIp.ipAddress, '10.0.4.5');
});

test('one-click assign refuses with one reason per address when no router reaches the instance', () => {
  const refused = chooseAssignment([vm2, vm3], 'demo', { routerPorts, routers, subnets });
  assert.deepEqual(refused, {
    reasons: [
      '10.0.2.5: router r2 serves subnet b (10.0.2.0/24) but has no external gateway: set one',
      '10.0.3.5: no router connects subnet c (10.0.3.0/24): add an interface on it to router r1',
    ],
    remedy: { kind: 'setGateway', router: routers[1] },
  });
  assert.deepEqual(chooseAssignment([], 'demo', { routerPorts, routers }), { reasons: ['the instance has no network port'], remedy: undefined });
  assert.deepEqual(chooseAssignment([vm], 'demo', { routerPorts, routers, floatingIps: [{ ...fip('f', '203.0.113.9', EXT, 'vm-port'), fixedIpAddress: '10.0.1.5' }] }), {
    reasons: ['10.0.1.5: already has floating IP 203.0.113.9', 'fd00::5: an IPv6 address: floating IPs are IPv4'], remedy: undefined,
  });
});

/** The remedy of a refused assignment (undefined for one that would go ahead). */
const remedy = (ports: Port[], topology: Topology) => {
  const result = chooseAssignment(ports, 'demo', topology);
  return 'reasons' in result ? result.remedy : undefined;
};

test('one-click assign offers the fix for the resource that exists: the gateway, an interface, or a new router', () => {
  // the subnet's router has no gateway: set it on that router
  assert.deepEqual(remedy([vm2], { routerPorts, routers, subnets }), { kind: 'setGateway', router: routers[1] });
  // a detached subnet, and the project has routers: attach it to one with a gateway, naming the subnet
  assert.deepEqual(remedy([vm3], { routerPorts, routers, subnets }), { kind: 'addInterface', router: routers[0], subnetId: 'c' });
  // only a router without a gateway: attach it there, and say the gateway is needed as well
  const bare = chooseAssignment([vm3], 'demo', { routerPorts: [], routers: [router('r2')], subnets });
  assert.deepEqual(bare, {
    reasons: ["10.0.3.5: no router connects subnet c (10.0.3.0/24): add an interface on it to router r2, and set the router's gateway"],
    remedy: { kind: 'addInterface', router: router('r2'), subnetId: 'c' },
  });
  // another project's router (an admin's token lists it) is not the project's to attach to
  const theirs = { ...router('theirs', EXT), raw: { project_id: 'other-project' } };
  assert.deepEqual(remedy([vm3], { routerPorts: [], routers: [theirs], subnets }), { kind: 'createRouter' });
  // no router at all
  assert.deepEqual(chooseAssignment([vm3], 'demo', { routerPorts: [], routers: [], subnets }), {
    reasons: ['10.0.3.5: no router connects subnet c (10.0.3.0/24): create a router with a gateway on the external network and an interface on the subnet'],
    remedy: { kind: 'createRouter' },
  });
});

test('Neutron\'s "External network X is not reachable from subnet Y", said with the subnet and the fix for the router that exists', () => {
  const said = (subnetId: string, topology: Topology) => unreachableSubnet(subnetId, EXT, 'demo', { subnets, networkNames: names, ...topology });
  // the subnet's router has no gateway, or has it on another network: set it (on the floating IP's network)
  assert.deepEqual(said('b', { routerPorts, routers }), {
    message: 'Router r2 serves subnet b (10.0.2.0/24) but has no external gateway: set one on ext.', remedy: { kind: 'setGateway', router: routers[1] },
  });
  assert.deepEqual(said('d', { routerPorts, routers }), {
    message: 'Router r3 serves subnet d (10.0.4.0/24) but its gateway is on other: set it on ext.', remedy: { kind: 'setGateway', router: routers[2] },
  });
  // a detached subnet: an interface on the project's router with the gateway on ext, not on the one with another gateway
  assert.deepEqual(said('c', { routerPorts, routers: [routers[2], routers[0]] }), {
    message: 'No router connects subnet c (10.0.3.0/24): add an interface on it to router r1.', remedy: { kind: 'addInterface', router: routers[0], subnetId: 'c' },
  });
  assert.equal(said('c', { routerPorts, routers: [routers[2]] }).message, "No router connects subnet c (10.0.3.0/24): add an interface on it to router r3, and set the router's gateway on ext.");
  // no router of the project: only then Create Router
  assert.deepEqual(said('c', { routerPorts: [], routers: [] }).remedy, { kind: 'createRouter' });
  // fixed meanwhile: nothing to offer
  assert.deepEqual(said('a', { routerPorts, routers }), { message: 'A router joins subnet a (10.0.1.0/24) to ext by now: associate again.' });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Check, CheckId } from '../../../src/features/doctor/model/checklist';
import { diagnoseReachability } from '../../../src/features/doctor/model/diagnose';
import type { ReachabilitySnapshot } from '../../../src/features/doctor/model/snapshot';
import {
  ALLOW_ICMP, ALLOW_SSH, floatingIp, group, network, port, router, routerInterface, subnet, workingExercise,
} from './topology';

const CLI = { context: { cloud: 'devstack' }, names: new Map([['r1-id', 'r1'], ['public-id', 'public'], ['private-subnet-id', 'private-subnet'], ['sg-default', 'default']]) };

const diagnose = (snapshot: ReachabilitySnapshot) => diagnoseReachability(snapshot, CLI);
const statusOf = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.id, c.status])) as Record<CheckId, string>;
const check = (checks: Check[], id: CheckId) => checks.find((c) => c.id === id)!;

test('the working exercise: every check passes, in the issue\'s order', () => {
  const { checks, verdict } = diagnose(workingExercise());
  assert.deepEqual(checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.summary}`), []);
  assert.deepEqual(checks.map((c) => c.id), [
    'instance-running', 'port-up', 'router-interface', 'router-up', 'router-gateway', 'floating-ip', 'ingress-icmp', 'ingress-ssh',
    'l3-agent', 'dhcp-agent', 'compute-service', 'local-route', 'guest-dhcp', 'guest-metadata', 'probe-ping', 'probe-ssh',
  ]);
  assert.equal(verdict.sentence, 'Every link checks out.');
  assert.deepEqual(check(checks, 'guest-dhcp').evidence[0].value, 'devcloud-guest: DHCP lease 10.0.0.5/24 router 10.0.0.1 mtu 1450 from 10.0.0.2 at 2.31s');
  assert.match(check(checks, 'ingress-icmp').summary, /admits ICMP from 203\.0\.113\.1/);
});

test('floating IP not associated: the verdict names it and offers Assign Floating IP (a new one on public)', () => {
  const snapshot = { ...workingExercise(), floatingIps: [], localRoute: undefined, probes: undefined };
  const { checks, verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'floating-ip');
  assert.equal(verdict.sentence, 'No floating IP is associated with 10.0.0.5: it cannot be reached from outside its network.');
  assert.equal(verdict.fix?.kind, 'assignFloatingIp');
  assert.equal(verdict.fix?.cli, 'openstack --os-cloud devstack floating ip create --port p1 --fixed-ip-address 10.0.0.5 public');
  // nothing to route to or probe: unknown, not failed
  assert.equal(statusOf(checks)['local-route'], 'unknown');
  assert.equal(statusOf(checks)['probe-ping'], 'unknown');
});

test('a floating IP Neutron still reports DOWN: failed while nothing answers, passed once its ping does (the status lags the NAT)', () => {
  const down = { ...workingExercise(), floatingIps: [{ ...floatingIp('fip1', '203.0.113.5', 'p1', '10.0.0.5'), status: 'DOWN' }] };
  const silent = diagnose({ ...down, probes: { ping: { sent: 3, received: 0, loss: 100, final: true } } });
  assert.equal(silent.verdict.checkId, 'floating-ip');
  assert.equal(silent.verdict.sentence, 'Floating IP 203.0.113.5 is DOWN: Neutron has not wired it to 10.0.0.5.');
  const answering = diagnose(down);
  assert.equal(statusOf(answering.checks)['floating-ip'], 'passed');
  assert.match(check(answering.checks, 'floating-ip').summary, /answers ping; Neutron still says DOWN/);
});

test('floating IP not associated, with a free one of the project: the fix reuses it', () => {
  const snapshot = { ...workingExercise(), floatingIps: [floatingIp('fip9', '203.0.113.9', null, null)] };
  const { fix } = diagnose(snapshot).verdict;
  assert.equal(fix?.kind === 'assignFloatingIp' && fix.reuseFloatingIpId, 'fip9');
  assert.equal(fix?.cli, 'openstack --os-cloud devstack floating ip set --port p1 --fixed-ip-address 10.0.0.5 203.0.113.9');
});

test('no ICMP ingress: the verdict names the groups and offers Allow ICMP; SSH still passes', () => {
  const snapshot = workingExercise();
  snapshot.securityGroups = [group('sg-default', 'default', [ALLOW_SSH])];
  const { checks, verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'ingress-icmp');
  assert.equal(verdict.sentence, "No ingress rule of the port's security groups (default) admits ICMP from 203.0.113.1: ping to 203.0.113.5 is dropped.");
  assert.equal(verdict.fix?.kind, 'allowIngress');
  assert.equal(verdict.fix?.title, 'Allow ICMP');
  assert.equal(verdict.fix?.cli, 'openstack --os-cloud devstack security group rule create --ingress --ethertype IPv4 --protocol icmp --remote-ip 0.0.0.0/0 default');
  assert.equal(statusOf(checks)['ingress-ssh'], 'passed');
});

test('router without a gateway on the external network: "Router r1 has no external gateway", fix Set gateway on r1', () => {
  const snapshot = { ...workingExercise(), floatingIps: [] };
  snapshot.routers = [router('r1-id', 'r1')];
  const { verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'router-gateway');
  assert.equal(verdict.sentence, 'Router r1 has no external gateway: floating IPs cannot reach 10.0.0.5.');
  assert.equal(verdict.fix?.kind, 'setRouterGateway');
  assert.equal(verdict.fix?.title, 'Set gateway on r1');
  assert.equal(verdict.fix?.cli, 'openstack --os-cloud devstack router set --external-gateway public r1');
});

test('router gateway on another external network than the floating IP\'s: failed, fix moves it', () => {
  const snapshot = workingExercise();
  snapshot.networks.push(network('other-id', 'other', true));
  snapshot.routers = [router('r1-id', 'r1', 'other-id')];
  const { verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'router-gateway');
  assert.match(verdict.sentence, /^Router r1's gateway is on other, not on public/);
  assert.equal(verdict.fix?.kind === 'setRouterGateway' && verdict.fix.externalNetworkId, 'public-id');
});

test('subnet without a router interface: the fix adds one on the existing router r1', () => {
  const snapshot = { ...workingExercise(), routerPorts: [], floatingIps: [] };
  const { checks, verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'router-interface');
  assert.equal(verdict.sentence, 'Subnet private-subnet (10.0.0.0/24) has no interface on a router: nothing routes between 10.0.0.5 and the external network.');
  assert.equal(verdict.fix?.kind, 'addRouterInterface');
  assert.equal(verdict.fix?.cli, 'openstack --os-cloud devstack router add subnet r1 private-subnet');
  // no router on the path: its own checks cannot be decided
  assert.equal(statusOf(checks)['router-up'], 'unknown');
  assert.equal(statusOf(checks)['router-gateway'], 'unknown');
});

test('subnet without a router interface and no router in the project: the fix creates a router', () => {
  const snapshot = { ...workingExercise(), routerPorts: [], routers: [router('other-r', 'theirs', 'public-id')], floatingIps: [] };
  snapshot.routers[0].raw = { project_id: 'someone-else' };
  const { verdict } = diagnose(snapshot);
  assert.equal(verdict.fix?.kind, 'createRouter');
  assert.equal(verdict.fix?.cli, [
    'openstack --os-cloud devstack router create --external-gateway public private-subnet-router',
    'openstack --os-cloud devstack router add subnet private-subnet-router private-subnet',
  ].join('\n'));
});

test('a member (no admin view): agents and compute service are unknown, never passed', () => {
  const snapshot = { ...workingExercise(), admin: undefined };
  const { checks, verdict } = diagnose(snapshot);
  const status = statusOf(checks);
  assert.deepEqual([status['l3-agent'], status['dhcp-agent'], status['compute-service']], ['unknown', 'unknown', 'unknown']);
  assert.match(check(checks, 'l3-agent').summary, /admin only/);
  assert.equal(verdict.checkId, undefined);
  assert.match(verdict.sentence, /^No check failed; 3 could not be decided/);
});

test('an admin whose agent request was refused, or with a dead agent: unknown, and failed', () => {
  const refused = { ...workingExercise() };
  refused.admin = { ...refused.admin, l3Agents: undefined };
  assert.equal(statusOf(diagnose(refused).checks)['l3-agent'], 'unknown');
  const dead = { ...workingExercise() };
  dead.admin = { ...dead.admin, dhcpAgents: [{ id: 'd', host: 'net1', alive: false, adminStateUp: true }] };
  assert.equal(diagnose(dead).verdict.sentence, 'No DHCP agent of network private is alive and up: the guest gets no address.');
});

test('an instance with two NICs: the path follows the floating IP\'s port', () => {
  const snapshot = workingExercise();
  snapshot.networks.push(network('lab-id', 'lab'));
  snapshot.subnets.push(subnet('lab-subnet-id', 'lab-subnet', 'lab-id', '192.168.7.0/24'));
  // the first NIC is on a subnet no router serves; the floating IP is on the second
  snapshot.ports.unshift(port('p0', 'lab-id', 'lab-subnet-id', '192.168.7.4'));
  const { path, checks, verdict } = diagnose(snapshot);
  assert.equal(path.port?.id, 'p1');
  assert.equal(path.fixedIp?.ipAddress, '10.0.0.5');
  assert.equal(verdict.sentence, 'Every link checks out.');
  assert.equal(statusOf(checks)['router-interface'], 'passed');
});

test('an instance with two NICs and no floating IP: the fix targets the address a floating IP can reach', () => {
  const snapshot = { ...workingExercise(), floatingIps: [] };
  snapshot.networks.push(network('lab-id', 'lab'));
  snapshot.subnets.push(subnet('lab-subnet-id', 'lab-subnet', 'lab-id', '192.168.7.0/24'));
  snapshot.ports.unshift(port('p0', 'lab-id', 'lab-subnet-id', '192.168.7.4'));
  const { verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'floating-ip');
  assert.equal(verdict.fix?.kind === 'assignFloatingIp' && verdict.fix.portId, 'p1');
});

test('two NICs, no router on either: the fix adds an interface for the first NIC\'s subnet (eth0), whatever the port order', () => {
  const snapshot = { ...workingExercise(), floatingIps: [], routerPorts: [] };
  snapshot.networks.push(network('lab-id', 'lab'));
  snapshot.subnets.push(subnet('lab-subnet-id', 'lab-subnet', 'lab-id', '192.168.7.0/24'));
  snapshot.ports.unshift(port('p0', 'lab-id', 'lab-subnet-id', '192.168.7.4'));
  snapshot.server = { ...snapshot.server, addresses: [
    { network: 'private', addr: '10.0.0.5', version: 4, type: 'fixed' }, { network: 'lab', addr: '192.168.7.4', version: 4, type: 'fixed' },
  ] };
  const { verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'router-interface');
  assert.equal(verdict.fix?.kind === 'addRouterInterface' && verdict.fix.subnetId, 'private-subnet-id');
});

test('port security disabled: no filtering, the ingress checks pass and say so', () => {
  const snapshot = workingExercise();
  snapshot.ports = [port('p1', 'private-id', 'private-subnet-id', '10.0.0.5', { portSecurityEnabled: false, securityGroupIds: [] })];
  snapshot.securityGroups = [];
  const { checks } = diagnose(snapshot);
  for (const id of ['ingress-icmp', 'ingress-ssh'] as const) {
    assert.equal(check(checks, id).status, 'passed');
    assert.deepEqual(check(checks, id).evidence[0], { kind: 'port', id: 'p1', name: 'p1', field: 'port_security_enabled', value: 'false' });
  }
});

test('ICMP allowed only from a remote group: it blocks this machine', () => {
  const snapshot = workingExercise();
  snapshot.securityGroups = [group('sg-default', 'default', [{ protocol: 'icmp', remoteGroupId: 'sg-default' }, ALLOW_SSH])];
  const { verdict, checks } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'ingress-icmp');
  assert.match(verdict.sentence, /rules allow ICMP only from remote groups' members/);
  assert.match(check(checks, 'ingress-icmp').evidence[0].value, /only from members of group default/);
});

test('an IPv6 rule does not admit IPv4', () => {
  const snapshot = workingExercise();
  snapshot.securityGroups = [group('sg-default', 'default', [{ ethertype: 'IPv6', protocol: 'ipv6-icmp', remoteIpPrefix: '::/0' }, ALLOW_SSH])];
  assert.equal(diagnose(snapshot).verdict.checkId, 'ingress-icmp');
});

test('the union of all the port\'s groups: ICMP from one group, SSH from another', () => {
  const snapshot = workingExercise();
  snapshot.ports[0].securityGroupIds = ['sg-a', 'sg-b'];
  snapshot.securityGroups = [group('sg-a', 'ping', [ALLOW_ICMP]), group('sg-b', 'ssh', [ALLOW_SSH])];
  const { checks } = diagnose(snapshot);
  assert.deepEqual([check(checks, 'ingress-icmp').summary, check(checks, 'ingress-ssh').summary],
    ['Group ping admits ICMP from 203.0.113.1.', 'Group ssh admits TCP 22 from 203.0.113.1.']);
});

test('a prefix rule with this machine\'s address unknown: unknown, not passed', () => {
  const snapshot = { ...workingExercise(), localRoute: undefined };
  snapshot.securityGroups = [group('sg-default', 'default', [{ protocol: 'icmp', remoteIpPrefix: '203.0.113.0/24' }, ALLOW_SSH])];
  const { checks } = diagnose(snapshot);
  assert.equal(check(checks, 'ingress-icmp').status, 'unknown');
  assert.equal(check(checks, 'local-route').status, 'unknown');
});

test('instance SHUTOFF: the verdict names it first and offers Start', () => {
  const snapshot = workingExercise();
  snapshot.server = { ...snapshot.server, status: 'SHUTOFF', powerState: 4 };
  const { verdict } = diagnose(snapshot);
  assert.equal(verdict.sentence, 'Instance vm1 is SHUTOFF (power state SHUTDOWN): nothing answers at 10.0.0.5.');
  assert.equal(verdict.fix?.cli, 'openstack --os-cloud devstack server start vm1-id');
});

test('the first failing link wins: no gateway comes before no floating IP and no ICMP', () => {
  const snapshot = { ...workingExercise(), floatingIps: [], routers: [router('r1-id', 'r1')] };
  snapshot.securityGroups = [group('sg-default', 'default', [])];
  const { checks, verdict } = diagnose(snapshot);
  assert.equal(verdict.checkId, 'router-gateway');
  assert.deepEqual(checks.filter((c) => c.status === 'failed').map((c) => c.id), ['router-gateway', 'floating-ip', 'ingress-icmp', 'ingress-ssh']);
});

test('every failed check of the broken topologies carries its CLI', () => {
  const snapshot = { ...workingExercise(), floatingIps: [], routerPorts: [routerInterface('r1-id', 'private-subnet-id', '10.0.0.1')] };
  snapshot.securityGroups = [group('sg-default', 'default', [])];
  for (const c of diagnose(snapshot).checks.filter((c) => c.status === 'failed')) {
    assert.ok(c.cli, `${c.id} has a CLI line`);
    assert.ok(c.fix?.cli, `${c.id} has a fix with a CLI line`);
  }
});

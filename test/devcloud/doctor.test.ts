// The reachability doctor against the dev cloud's real data plane, gathering and fixing exactly as the command
// does (gatherSnapshot, diagnoseReachability, applyFix). The exercise: guest A with two NICs (int behind router
// r on ext, and int2 that no router serves) and a floating IP, guest B on int with port security off. Then the
// exercise broken four ways: for each, the verdict names that cause, its fix (and the next verdict's) repairs it,
// and the doctor's own live ping answers again. Probes go only to floating IPs on br-ext (assertOnDevcloudBridge).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Target } from '../../src/core/target';
import type { OpenStackClient } from '../../src/openstack/client';
import type { FloatingIp, Network, Router, SecurityGroup, Subnet } from '../../src/openstack/networkModels';
import { applyFix } from '../../src/features/doctor/applyFix';
import { gatherSnapshot, type Gathered } from '../../src/features/doctor/gather';
import type { CheckId } from '../../src/features/doctor/model/checklist';
import { diagnoseReachability, snapshotNames, type Diagnosis } from '../../src/features/doctor/model/diagnose';
import { allowPing, allowSsh, ruleCreate } from '../../src/features/securityGroups/model/securityGroupsRules';
import { connect, memberProject, undoAll, until } from '../cloud/helpers';
import { ensureDevcloud, GUEST_FLAVOR, GUEST_IMAGE, openstack } from '../support/devcloud';
import { assertOnDevcloudBridge } from '../support/dataplane';

const tag = `doc${process.pid}`;
const member = connect('devcloud');
const admin = connect('devcloud-admin');
const undo: (() => Promise<unknown>)[] = [];
const servers: string[] = [];
// the demo user in a project of its own: routers left in the demo project by an interrupted run change no verdict
let client: OpenStackClient;
const net = () => client.network;

let projectId = '';
let ext: Network;
let int: { network: Network; subnet: Subnet };
let int2: { network: Network; subnet: Subnet };
let router: Router;
let group: SecurityGroup;
let icmpRuleId = '';
const guests: Record<'a' | 'b', { id: string; fip?: FloatingIp }> = { a: { id: '' }, b: { id: '' } };

const target = (who: 'member' | 'admin'): Target => ({ cloud: 'devcloud', projectId, client: who === 'member' ? client : admin.client });

/** One diagnosis of guest A (with the live probes when it has a floating IP), as the command runs it. */
async function diagnose(who: 'member' | 'admin' = 'member', guest: 'a' | 'b' = 'a'): Promise<Diagnosis & { requests: number }> {
  const address = guests[guest].fip?.floatingIpAddress;
  if (address) await assertOnDevcloudBridge(address);
  const gathered: Gathered = await gatherSnapshot(target(who), { serverId: guests[guest].id, probes: true });
  const diagnosis = diagnoseReachability(gathered.snapshot, { context: { cloud: 'devcloud' }, names: snapshotNames(gathered.snapshot) });
  return { ...diagnosis, requests: gathered.requests };
}

const status = (d: Diagnosis, id: CheckId) => d.checks.find((c) => c.id === id)?.status;

/** Diagnoses until the live ping answers (the agents apply a change within seconds to a minute): bounded. */
async function untilPingAnswers(who: 'member' | 'admin' = 'member', guest: 'a' | 'b' = 'a'): Promise<Diagnosis & { requests: number }> {
  let last: (Diagnosis & { requests: number }) | undefined;
  for (let i = 0; i < 30; i++) {
    last = await diagnose(who, guest);
    if (status(last, 'probe-ping') === 'passed') return last;
  }
  assert.fail(`the doctor's ping never answered; last verdict: ${last?.verdict.sentence}`);
}

/** Applies the verdict's fix, then the next verdict's, until nothing fails (at most three fixes). */
async function fixUntilWorking(first: Diagnosis): Promise<string[]> {
  const used: string[] = [];
  let d = first;
  for (let i = 0; i < 3 && d.verdict.fix; i++) {
    const fix = d.verdict.fix;
    used.push(fix.title);
    await applyFix(fix, target('member'), fix.kind === 'allowIngress' ? group.id : undefined);
    d = await diagnose();
    if (!d.checks.some((c) => c.status === 'failed' && !c.id.startsWith('probe-'))) break;
  }
  return used;
}

async function addNetwork(name: string, cidr: string): Promise<{ network: Network; subnet: Subnet }> {
  const network = await net().createNetwork({ name });
  undo.push(() => net().deleteNetwork(network.id));
  const subnet = await net().createSubnet({ networkId: network.id, name: `${name}-subnet`, cidr, ipVersion: 4 });
  undo.push(() => net().deleteSubnet(subnet.id));
  return { network, subnet };
}

async function boot(name: string, networks: ({ uuid: string } | { port: string })[]): Promise<string> {
  const [images, flavors] = await Promise.all([client.image.images().toArray(), client.compute.flavors().toArray()]);
  const image = images.find((i) => i.name === GUEST_IMAGE);
  const flavor = flavors.find((f) => f.name === GUEST_FLAVOR);
  assert.ok(image && flavor, 'the dev cloud was not seeded: run `npm run devcloud -- up --seed`');
  const { id } = await client.compute.createServer({ name, imageRef: image.id, flavorRef: flavor.id, networks, securityGroups: [group.id] });
  servers.push(id);
  return id;
}

async function activeAndBooted(id: string): Promise<void> {
  await until(`${id} ACTIVE`, async () => {
    const s = await client.compute.server(id);
    assert.notEqual(s.status, 'ERROR', `nova's fault: ${s.fault?.message}`);
    return s.status === 'ACTIVE';
  }, 400_000, 2000);
  await until(`${id} booted`, async () => /devcloud-guest ready at/.test(await client.compute.consoleOutput(id, 200)), 240_000, 3000);
}

async function allocate(guest: 'a' | 'b'): Promise<FloatingIp> {
  const ports = await net().ports({ deviceId: guests[guest].id, networkId: int.network.id }).toArray();
  const fip = await net().allocateFloatingIp({ floatingNetworkId: ext.id, portId: ports[0].id });
  undo.push(() => net().releaseFloatingIp(fip.id));
  return fip;
}

before(async () => {
  await ensureDevcloud();
  client = await memberProject(admin, member, `${tag}-project`, undo);
  projectId = client.session.projectId ?? '';
  [ext] = await net().networks({ name: 'ext' }).toArray();
  assert.ok(ext, 'the dev cloud has no ext network: run `npm run devcloud -- up --seed`');
});

test('doctor: the exercise built — guest A on int and int2, guest B with port security off', async () => {
  int = await addNetwork(`${tag}-int`, '10.67.0.0/24');
  int2 = await addNetwork(`${tag}-int2`, '10.68.0.0/24');
  router = await net().createRouter({ name: `${tag}-r`, gateway: { networkId: ext.id } });
  undo.push(() => net().deleteRouter(router.id), () => net().setRouterGateway(router.id, null));
  await net().addRouterInterface(router.id, int.subnet.id);
  undo.push(() => net().removeRouterInterface(router.id, int.subnet.id));
  group = await net().createSecurityGroup(`${tag}-sg`);
  undo.push(() => net().deleteSecurityGroup(group.id));
  icmpRuleId = (await net().createSecurityGroupRule(ruleCreate(group.id, allowPing()))).id;
  await net().createSecurityGroupRule(ruleCreate(group.id, allowSsh()));
  await openstack('devcloud-admin', ['port', 'create', '--project', projectId, '--network', int.network.id, '--disable-port-security', '--no-security-group', `${tag}-open`]);
  const [open] = await net().ports({ networkId: int.network.id }).toArray().then((ps) => ps.filter((p) => p.name === `${tag}-open`));
  undo.push(() => net().deletePort(open.id));
  guests.a.id = await boot(`${tag}-a`, [{ uuid: int.network.id }, { uuid: int2.network.id }]);
  guests.b.id = await boot(`${tag}-b`, [{ port: open.id }]);
  await Promise.all([activeAndBooted(guests.a.id), activeAndBooted(guests.b.id)]);
  guests.a.fip = await allocate('a');
  guests.b.fip = await allocate('b');
});

test('doctor: a working path — every link passes for an admin, and the live ping and TCP 22 answer', async () => {
  const d = await untilPingAnswers('admin');
  assert.equal(d.verdict.sentence, 'Every link checks out.', d.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id}: ${c.summary}`).join('\n'));
  assert.equal(status(d, 'probe-ssh'), 'passed');
  for (const id of ['l3-agent', 'dhcp-agent', 'compute-service'] as const) assert.equal(status(d, id), 'passed', id);
  console.log(`# admin diagnosis: ${(await diagnose('admin')).requests} requests`);
});

test('doctor: a member sees "unknown" for the agent and compute checks, never a false pass', async () => {
  const d = await untilPingAnswers('member');
  for (const id of ['l3-agent', 'dhcp-agent', 'compute-service'] as const) assert.equal(status(d, id), 'unknown', id);
  assert.match(d.verdict.sentence, /^No check failed; 3 could not be decided/);
  assert.ok(d.requests <= 14, `${d.requests} requests`);
});

test('doctor: with two NICs the path follows the port on int (the one the floating IP reaches), not int2', async () => {
  const d = await diagnose();
  assert.equal(d.path.network?.id, int.network.id);
  assert.equal(d.path.router?.id, router.id);
});

test('doctor: guest B\'s port has port security off — ingress passes with no rule, and its floating IP answers', async () => {
  const d = await untilPingAnswers('member', 'b');
  assert.equal(status(d, 'ingress-icmp'), 'passed');
  assert.match(d.checks.find((c) => c.id === 'ingress-icmp')!.summary, /port security disabled/);
});

test('doctor: ICMP allowed only from a remote group (not from this machine) is reported as blocking', async () => {
  await net().deleteSecurityGroupRule(icmpRuleId);
  icmpRuleId = (await net().createSecurityGroupRule(ruleCreate(group.id, { ...allowPing(), remoteIpPrefix: undefined, remoteGroupId: group.id }))).id;
  const d = await diagnose();
  assert.equal(d.verdict.checkId, 'ingress-icmp', d.verdict.sentence);
  await net().deleteSecurityGroupRule(icmpRuleId);
  icmpRuleId = (await net().createSecurityGroupRule(ruleCreate(group.id, allowPing()))).id;
});

/** Neutron keeps a gateway or interface an associated floating IP needs: B's goes for good, A's is the fix's to restore. */
async function disassociateBoth(): Promise<void> {
  for (const g of Object.values(guests)) if (g.fip) await net().disassociateFloatingIp(g.fip.id);
}

/** Breaks the path, checks the verdict, applies the fixes it offers, and waits for the doctor's own ping. */
async function brokenWay(cause: CheckId, sentence: RegExp, firstFix: RegExp, breakIt: () => Promise<unknown>): Promise<Diagnosis> {
  await breakIt();
  const broken = await diagnose();
  assert.equal(broken.verdict.checkId, cause, broken.verdict.sentence);
  assert.match(broken.verdict.sentence, sentence);
  assert.match(broken.verdict.fix?.title ?? '', firstFix);
  const used = await fixUntilWorking(broken);
  const working = await untilPingAnswers();
  assert.equal(working.checks.filter((c) => c.status === 'failed').length, 0, working.verdict.sentence);
  // the fix may have reused another free floating IP of the project
  guests.a.fip = working.path.floatingIp;
  console.log(`# ${cause}: "${broken.verdict.sentence}" → fixes: ${used.join(', ')}`);
  return broken;
}

test('doctor, broken: floating IP not associated → Assign Floating IP reuses it', async () => {
  const broken = await brokenWay('floating-ip', /floating IP/i, /Assign Floating IP/, () => net().disassociateFloatingIp(guests.a.fip!.id));
  assert.equal(broken.verdict.fix?.kind === 'assignFloatingIp' && broken.verdict.fix.reuseFloatingIpId, guests.a.fip!.id);
});

test('doctor, broken: no ICMP ingress → Allow ICMP on the port\'s group', async () => {
  await brokenWay('ingress-icmp', /ICMP|ping/i, /Allow ICMP/, () => net().deleteSecurityGroupRule(icmpRuleId));
});

test('doctor, broken: router without a gateway → Set gateway on the router, then associate', async () => {
  await brokenWay('router-gateway', new RegExp(`${tag}-r`), new RegExp(`Set gateway on ${tag}-r`), async () => {
    await disassociateBoth();
    await net().setRouterGateway(router.id, null);
  });
});

test('doctor, broken: subnet without a router interface → Add interface to the existing router, then associate', async () => {
  await brokenWay('router-interface', new RegExp(`${tag}-int-subnet`), new RegExp(`Add interface on ${tag}-int-subnet to ${tag}-r`), async () => {
    await disassociateBoth();
    await net().removeRouterInterface(router.id, int.subnet.id);
  });
});

// The guests first, until gone: their ports hold the subnets and the group.
after(async () => {
  await Promise.all(servers.map((id) => client.compute.deleteServer(id)));
  await until('the guests deleted', async () => {
    const left = await client.compute.servers().toArray();
    return !left.some((s) => servers.includes(s.id));
  }, 180_000, 2000).catch((err: unknown) => console.error('cleanup:', err));
  await undoAll(undo);
  await Promise.all([member.close(), admin.close()]);
});

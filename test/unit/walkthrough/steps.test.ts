// The walkthrough's steps decided from what the cloud lists: each step done only by the resource it builds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowsPing, allowsSsh, contextKey, externalNetworkReady, floatingIpReady, imageReady, instancesReady, internalNetworkReady,
  keypairReady, noStepDone, routerReady, routersWithGateway, securityGroupReady, STEP_IDS,
} from '../../../src/features/walkthrough/model/steps';
import { PROBES } from '../../../src/features/walkthrough/model/probes';
import { answersFromRows } from '../../../src/features/walkthrough/model/rowAnswers';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
interface Manifest {
  contributes: { walkthroughs: { steps: { id: (typeof STEP_IDS)[number]; completionEvents: string[]; media: { altText: string } }[] }[] };
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

const net = (over: { external?: boolean; projectId?: string; subnetIds?: string[] }) => ({ external: false, projectId: 'p1', subnetIds: ['s1'], ...over });
const rule = (over: Partial<Parameters<typeof allowsSsh>[0]>) =>
  ({ direction: 'ingress' as const, ethertype: 'IPv4' as const, protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteGroupId: null, ...over });

test('every step has a context key and starts not done', () => {
  assert.equal(contextKey('router'), 'openstack.walkthrough.router');
  assert.deepEqual(Object.values(noStepDone()), STEP_IDS.map(() => false));
});

test('package.json: the walkthrough has these steps, in order, each completing on its context key (never on a click)', () => {
  const [walkthrough] = pkg.contributes.walkthroughs;
  assert.deepEqual(walkthrough.steps.map((s) => s.id), [...STEP_IDS]);
  for (const step of walkthrough.steps) {
    assert.deepEqual(step.completionEvents, [`onContext:${contextKey(step.id)}`]);
    assert.match(step.media.altText, /^%walkthrough\..+\.altText%$/, 'media alt text is localised');
  }
});

test('a probe for a category the tree has: its events ask again', () => {
  // the kinds the tree's categories declare (their modules import vscode, so read from their source)
  const dir = join(ROOT, 'src', 'features');
  const kinds = new Set(readdirSync(dir).flatMap((f) => {
    try {
      return [...readFileSync(join(dir, f, 'category.ts'), 'utf8').matchAll(/\bkind: '(\w+)'/g)].map((m) => m[1]);
    } catch {
      return [];
    }
  }));
  assert.ok(kinds.has('servers') && kinds.has('routers'));
  for (const kind of Object.keys(PROBES)) assert.ok(kinds.has(kind), kind);
});

test('image: an active image, not one still queued or saving', () => {
  assert.equal(imageReady([]), false);
  assert.equal(imageReady([{ status: 'queued' }, { status: 'saving' }]), false);
  assert.equal(imageReady([{ status: 'queued' }, { status: 'active' }]), true);
});

test('external network: router:external', () => {
  assert.equal(externalNetworkReady([net({})]), false);
  assert.equal(externalNetworkReady([net({}), net({ external: true })]), true);
});

test("internal network: the project's own, not external, with a subnet", () => {
  assert.equal(internalNetworkReady([net({ subnetIds: [] })], 'p1'), false, 'no subnet yet');
  assert.equal(internalNetworkReady([net({ projectId: 'other' })], 'p1'), false, "another project's (an admin's list)");
  assert.equal(internalNetworkReady([net({ external: true })], 'p1'), false, 'external');
  assert.equal(internalNetworkReady([net({ subnetIds: [] }), net({})], 'p1'), true);
});

test('router: a gateway AND an interface port on the same router', () => {
  const routers = [{ id: 'r1', gateway: { networkId: 'ext', externalFixedIps: [] } }, { id: 'r2' }];
  const port = (deviceId: string) => ({ deviceId, fixedIps: [{ subnetId: 's1', ipAddress: '10.0.0.1' }] });
  assert.deepEqual(routersWithGateway(routers), ['r1']);
  assert.equal(routerReady(routers, []), false, 'gateway only');
  assert.equal(routerReady(routers, [port('r2')]), false, 'the interface is on the router without a gateway');
  assert.equal(routerReady(routers, [{ deviceId: 'r1', fixedIps: [] }]), false, 'an interface port without an address');
  assert.equal(routerReady(routers, [port('r2'), port('r1')]), true);
});

test('security group rules: ingress IPv4 ICMP and TCP 22, ranges and "any" included', () => {
  assert.equal(allowsPing(rule({ protocol: 'icmp', portRangeMin: null, portRangeMax: null })), true);
  assert.equal(allowsPing(rule({ protocol: null })), true, 'any protocol');
  assert.equal(allowsPing(rule({ protocol: null, remoteGroupId: 'sg1' })), false, 'only from members of a group');
  assert.equal(allowsPing(rule({ protocol: 'icmp', direction: 'egress' })), false);
  assert.equal(allowsPing(rule({ protocol: 'ipv6-icmp', ethertype: 'IPv6' })), false, 'floating IPs are IPv4');
  assert.equal(allowsSsh(rule({})), true);
  assert.equal(allowsSsh(rule({ portRangeMin: 1, portRangeMax: 1024 })), true, 'a range holding 22');
  assert.equal(allowsSsh(rule({ portRangeMin: null, portRangeMax: null })), true, 'every TCP port');
  assert.equal(allowsSsh(rule({ portRangeMin: 80, portRangeMax: 80 })), false);
  assert.equal(allowsSsh(rule({ protocol: 'udp' })), false);
  assert.equal(allowsSsh(rule({ direction: 'egress' })), false);
});

test('security group: one group allowing both ping and SSH', () => {
  const ping = rule({ protocol: 'icmp', portRangeMin: null, portRangeMax: null });
  const ssh = rule({});
  assert.equal(securityGroupReady([{ rules: [ping] }, { rules: [ssh] }]), false, 'split over two groups');
  assert.equal(securityGroupReady([{ rules: [rule({ direction: 'egress', protocol: null })] }]), false, "Neutron's default egress rules");
  assert.equal(securityGroupReady([{ rules: [rule({ protocol: null, remoteGroupId: 'sg1' })] }]), false, "the default group's ingress from its members");
  assert.equal(securityGroupReady([{ rules: [ssh, ping] }]), true);
});

test('key pair, two instances that did not fail, a floating IP on a port', () => {
  assert.equal(keypairReady([]), false);
  assert.equal(keypairReady([{ name: 'k' }]), true);
  assert.equal(instancesReady([{ status: 'ACTIVE' }]), false);
  assert.equal(instancesReady([{ status: 'ACTIVE' }, { status: 'ERROR' }]), false);
  assert.equal(instancesReady([{ status: 'BUILD' }, { status: 'ACTIVE' }]), true);
  assert.equal(floatingIpReady([{ portId: null }]), false);
  assert.equal(floatingIpReady([{ portId: null }, { portId: 'port1' }]), true);
});

test('the router probe: small pages, and interfaces asked only of routers with a gateway, until one has one', async () => {
  const asked: string[] = [];
  const page = <T>(items: T[]) => ({ firstPage: async () => ({ items, hasMore: false }) });
  const gw = { networkId: 'ext', externalFixedIps: [] };
  const client = {
    network: {
      routers: (q: { projectId?: string; limit?: number }) => {
        asked.push(`routers project=${q.projectId} limit=${q.limit}`);
        return page([{ id: 'r0' }, { id: 'r1', gateway: gw }, { id: 'r2', gateway: gw }, { id: 'r3', gateway: gw }]);
      },
      routerInterfaces: (q: { deviceId?: string; limit?: number }) => {
        asked.push(`interfaces ${q.deviceId} limit=${q.limit}`);
        return page(q.deviceId === 'r2' ? [{ deviceId: 'r2', fixedIps: [{ subnetId: 's', ipAddress: '10.0.0.1' }] }] : []);
      },
    },
  };
  const answers = await PROBES.routers(client as never, 'p1', new AbortController().signal);
  assert.deepEqual(answers, { router: true });
  assert.deepEqual(asked, ['routers project=p1 limit=20', 'interfaces r1 limit=1', 'interfaces r2 limit=1']);
});

test('rows the tree loaded answer a category\'s steps: a qualifying row decides, a whole list decides, a partial list without one does not', () => {
  const gw = { id: 'r1', gateway: { networkId: 'ext' } };
  const iface = { deviceId: 'r1', fixedIps: [{ subnetId: 's1', ipAddress: '10.0.0.1' }] };
  assert.deepEqual(answersFromRows('routers', { items: [gw], joined: { interfaces: [iface] }, whole: false }, 'p1'), { router: true });
  assert.deepEqual(answersFromRows('routers', { items: [gw], joined: { interfaces: [] }, whole: true }, 'p1'), { router: false });
  assert.equal(answersFromRows('routers', { items: [gw], joined: { interfaces: [] }, whole: false }, 'p1'), undefined);
  // networks answer two steps: both must be decided by a partial page
  const ext = net({ external: true, projectId: 'admin' });
  assert.equal(answersFromRows('networks', { items: [ext], joined: undefined, whole: false }, 'p1'), undefined);
  assert.deepEqual(answersFromRows('networks', { items: [ext, net({})], joined: undefined, whole: false }, 'p1'), { externalNetwork: true, internalNetwork: true });
  assert.deepEqual(answersFromRows('servers', { items: [{ status: 'ACTIVE' }, { status: 'ERROR' }], joined: undefined, whole: true }, 'p1'), { instances: false });
  assert.deepEqual(answersFromRows('floatingIps', { items: [{ portId: 'port1' }], joined: undefined, whole: false }, 'p1'), { floatingIp: true });
  // every probed category has a decision from rows; a category without steps has none
  for (const kind of Object.keys(PROBES)) assert.ok(answersFromRows(kind, { items: [], joined: { interfaces: [] }, whole: true }, 'p1'), kind);
  assert.equal(answersFromRows('flavors', { items: [], joined: undefined, whole: true }, 'p1'), undefined);
});

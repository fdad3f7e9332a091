// How the tree's categories plan their joins: one bounded page answers a small project at once; when it was full, a
// follow-up asks only for what the rows refer to and the page did not hold; Load more adds its new rows' only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromBoundedPage, readJoined, readMoreJoined, stillToAsk, withMore } from '../../../src/core/joinPlan';
import { joinInstanceNames, reachedInstance } from '../../../src/features/floatingIps/model/instanceNames';
import { floatingIpAddressesToAsk, joinFloatingIps } from '../../../src/features/instances/model/floatingIpJoin';
import { joinSubnets, subnetIdsToAsk } from '../../../src/features/networks/model/subnetJoin';
import { joinRouterInterfaces, nameInterfaceNetworks, unknownIds, withRouterJoin } from '../../../src/features/routers/model/routerJoin';
import type { Server } from '../../../src/openstack/computeModels';
import type { Listing } from '../../../src/openstack/listing';
import type { FloatingIp, Network, Port, Router, Subnet } from '../../../src/openstack/networkModels';

const server = (id: string, ...fixed: string[]) => ({
  id, name: id, addresses: [...fixed.map((addr) => ({ network: 'n', addr, version: 4, type: 'fixed' })), { network: 'n', addr: `203.0.113.${id.length}`, version: 4, type: 'floating' }],
}) as unknown as Server;
const fip = (id: string, fixed: string, deviceId?: string) => ({ id, fixedIpAddress: fixed, portId: `port-${id}`, deviceId, status: 'ACTIVE' }) as unknown as FloatingIp;
const network = (id: string, ...subnetIds: string[]) => ({ id, subnetIds }) as unknown as Network;
const subnet = (id: string, networkId: string) => ({ id, networkId }) as unknown as Subnet;
const router = (id: string, gateway?: string) => ({ id, gateway: gateway ? { networkId: gateway, externalFixedIps: [] } : undefined }) as unknown as Router;
const port = (id: string, routerId: string, networkId: string) => ({ id, deviceId: routerId, networkId }) as unknown as Port;

test('a bounded page that was not full is the whole list: no follow-up, whatever the rows', () => {
  const whole = fromBoundedPage({ items: [fip('f1', '10.0.0.5', 'vm1')], hasMore: false });
  assert.equal(whole.whole, true);
  assert.deepEqual(floatingIpAddressesToAsk([server('vm1', '10.0.0.5'), server('vm2', '10.0.0.6')], whole), []);
  assert.deepEqual(subnetIdsToAsk([network('n1', 's1', 's9')], fromBoundedPage({ items: [subnet('s1', 'n1')], hasMore: false })), []);
  assert.deepEqual(stillToAsk(whole, ['a']), []);
});

test('a full page of floating IPs: the follow-up asks for the fixed addresses of the rows it holds none for, each once, never the floating ones', () => {
  const full = fromBoundedPage({ items: [fip('f1', '10.0.0.5', 'vm1'), fip('f2', '10.0.0.7', 'other-project-vm')], hasMore: true });
  const rows = [server('vm1', '10.0.0.5', '10.1.0.5'), server('vm2', '10.0.0.6'), server('vm3', '10.0.0.7'), server('vm4', '10.0.0.6')];
  // 10.0.0.7 is held, but for another device: an overlapping address of another network is asked for again
  assert.deepEqual(floatingIpAddressesToAsk(rows, full), ['10.1.0.5', '10.0.0.6', '10.0.0.7']);
  assert.deepEqual(floatingIpAddressesToAsk([], full), []);
});

test('without fip-port-details (no device), a held floating IP covers its fixed address', () => {
  const full = fromBoundedPage({ items: [fip('f1', '10.0.0.5')], hasMore: true });
  assert.deepEqual(floatingIpAddressesToAsk([server('vm1', '10.0.0.5', '10.0.0.8')], full), ['10.0.0.8']);
});

test('a full page of subnets: the follow-up asks by id for the rows\' subnets it does not hold', () => {
  const full = fromBoundedPage({ items: [subnet('s1', 'n1'), subnet('s2', 'n2')], hasMore: true });
  assert.deepEqual(subnetIdsToAsk([network('n1', 's1', 's3'), network('n3', 's4', 's3'), network('n4')], full), ['s3', 's4']);
  assert.deepEqual(subnetIdsToAsk([network('n1', 's1')], full), []);
});

test('what a follow-up brought is added, each id once, the newer read winning; the join stays partial', () => {
  const full = fromBoundedPage({ items: [subnet('s1', 'old'), subnet('s2', 'n2')], hasMore: true });
  const more = withMore(full, [subnet('s1', 'n1'), subnet('s3', 'n3')]);
  assert.deepEqual(more.items.map((s) => [s.id, s.networkId]), [['s1', 'n1'], ['s2', 'n2'], ['s3', 'n3']]);
  assert.equal(more.whole, false);
});

test('routers: the network ids to name, each once, minus those already named', () => {
  assert.deepEqual(unknownIds(['ext', 'net1', 'ext', 'net2'], new Map()), ['ext', 'net1', 'net2']);
  assert.deepEqual(unknownIds(['ext', 'net1', 'net2'], new Map([['ext', 'public']])), ['net1', 'net2']);
  assert.deepEqual(unknownIds([], new Map()), []);
  const interfaces = [port('p1', 'r1', 'net1'), port('p2', 'r2', 'net2')];
  const joined = withRouterJoin({ interfaces: [interfaces[0]], networkNames: new Map([['ext', 'public']]) }, { interfaces: [interfaces[1]], networkNames: new Map([['net2', 'b']]) });
  assert.deepEqual(joined.interfaces.map((p) => p.id), ['p1', 'p2']);
  assert.deepEqual([...joined.networkNames], [['ext', 'public'], ['net2', 'b']]);
});

test('a floating IP reaches the named instance when the bounded page of names held it, else its device id', () => {
  const names = new Map([['vm1', 'web']]);
  assert.equal(reachedInstance(fip('f1', '10.0.0.5', 'vm1'), names), 'web');
  assert.equal(reachedInstance(fip('f2', '10.0.0.6', 'vm-beyond-the-page'), names), 'vm-beyond-the-page');
  assert.equal(reachedInstance(fip('f3', '10.0.0.7'), names), undefined);
});

// ---- the request plans, against a fake client that records what is asked and when ----

interface Asked { what: string; query: Record<string, unknown>; round: number }

/** A client whose lists answer from TABLES (a page of LIMIT when asked for one), recording each request with the round it was sent in. */
function fakeClient(tables: Record<string, { id: string }[]>, filter: (what: string, query: Record<string, unknown>, item: never) => boolean = () => true) {
  const asked: Asked[] = [];
  let round = 1;
  const list = (what: string) => (query: Record<string, unknown> = {}) => {
    const read = () => {
      // as the client: an empty filter lists nothing, without a request
      if (Object.values(query).some((v) => Array.isArray(v) && v.length === 0)) return { items: [], hasMore: false };
      asked.push({ what, query, round });
      const all = tables[what].filter((item) => filter(what, query, item as never));
      const limit = query.limit as number | undefined;
      return limit ? { items: all.slice(0, limit), hasMore: all.length > limit } : { items: all, hasMore: false };
    };
    return { firstPage: async () => read(), toArray: async () => read().items };
  };
  const client = {
    session: { hasService: async () => true },
    network: { floatingIps: list('floatingips'), subnets: list('subnets'), routerInterfaces: list('ports'), networks: list('networks') },
    compute: { serverNames: list('servers') },
  };
  return { client: client as never, asked, nextRound: () => { round++; } };
}

/** A load as the tree runs it: the join starts with the page still coming (round 1), which arrives a round later. */
async function load<T, C>(rows: T[], join: (rows: Promise<readonly T[]>) => Promise<C>, nextRound: () => void): Promise<C> {
  let arrive!: (rows: T[]) => void;
  const joined = join(new Promise((resolve) => { arrive = resolve; }));
  await new Promise((resolve) => setImmediate(resolve));
  nextRound();
  arrive(rows);
  return joined;
}

const signal = new AbortController().signal;

test('Instances, small project: one bounded page of floating IPs alongside the first page (the Floating IPs category\'s, in the project\'s view), no follow-up', async () => {
  const { client, asked, nextRound } = fakeClient({ floatingips: [fip('f1', '10.0.0.5', 'vm1')] });
  const joined = await load([server('vm1', '10.0.0.5'), server('vm2', '10.0.0.6')], (rows) => joinFloatingIps(client, { rows, pageSize: 2, view: 'p1', signal }), nextRound);
  assert.deepEqual(asked, [{ what: 'floatingips', query: { limit: 2, byName: true, projectId: 'p1' }, round: 1 }]);
  assert.deepEqual(joined?.items.map((f) => f.id), ['f1']);
});

test('Instances, the bounded page full: one follow-up by the rows\' fixed addresses it lacks; Load more asks for its new rows only', async () => {
  const fips = [fip('f1', '10.0.0.5', 'vm1'), fip('f2', '10.9.0.1', 'far1'), fip('f3', '10.0.0.6', 'vm2'), fip('f4', '10.0.0.7', 'vm3')];
  const byAddress = (_what: string, q: Record<string, unknown>, f: FloatingIp) => !q.fixedIpAddress || (q.fixedIpAddress as string[]).includes(f.fixedIpAddress!);
  const { client, asked, nextRound } = fakeClient({ floatingips: fips }, byAddress as never);
  const joined = await load([server('vm1', '10.0.0.5'), server('vm2', '10.0.0.6')], (rows) => joinFloatingIps(client, { rows, pageSize: 2, signal }), nextRound);
  assert.deepEqual(asked, [{ what: 'floatingips', query: { limit: 2, byName: true, projectId: undefined }, round: 1 }, { what: 'floatingips', query: { fixedIpAddress: ['10.0.0.6'] }, round: 2 }]);
  assert.deepEqual(joined?.items.map((f) => f.id), ['f1', 'f2', 'f3']);
  const more = await joinFloatingIps(client, { rows: Promise.resolve([server('vm3', '10.0.0.7')]), previous: joined, pageSize: 2, signal });
  assert.deepEqual(asked.slice(2).map((a) => a.query), [{ fixedIpAddress: ['10.0.0.7'] }]);
  assert.deepEqual(more?.items.map((f) => f.id), ['f1', 'f2', 'f3', 'f4']);
});

test('Networks: a full bounded page of subnets is followed by the missing ids; a whole one is not', async () => {
  const subnets = [subnet('s1', 'n1'), subnet('s2', 'nx'), subnet('s3', 'n2')];
  const byId = (_what: string, q: Record<string, unknown>, s: Subnet) => !q.ids || (q.ids as string[]).includes(s.id);
  const big = fakeClient({ subnets }, byId as never);
  const joined = await load([network('n1', 's1'), network('n2', 's3')], (rows) => joinSubnets(big.client, { rows, pageSize: 2, signal }), big.nextRound);
  assert.deepEqual(big.asked, [{ what: 'subnets', query: { limit: 2 }, round: 1 }, { what: 'subnets', query: { ids: ['s3'] }, round: 2 }]);
  assert.deepEqual(joined.items.map((s) => s.id), ['s1', 's2', 's3']);
  const small = fakeClient({ subnets: subnets.slice(0, 1) });
  await load([network('n1', 's1')], (rows) => joinSubnets(small.client, { rows, pageSize: 2, signal }), small.nextRound);
  assert.equal(small.asked.length, 1);
});

test('Routers: the interfaces of the rows and their gateways\' network names, asked together; the interfaces\' networks named on expand', async () => {
  const ports = [port('p1', 'r1', 'net1'), port('p2', 'other', 'net9')];
  const networks = [{ id: 'ext', name: 'public' }, { id: 'net1', name: 'private' }, { id: 'net9', name: 'x' }];
  const filter = (what: string, q: Record<string, unknown>, item: { id: string; deviceId?: string }) =>
    what === 'ports' ? (q.deviceId as string[]).includes(item.deviceId!) : (q.ids as string[]).includes(item.id);
  const { client, asked, nextRound } = fakeClient({ ports, networks }, filter as never);
  // the ports take a while to answer: a join that waited for them before asking for the names would ask later
  const events: string[] = [];
  const { network } = client as unknown as { network: Record<string, (q: Record<string, unknown>) => { toArray(): Promise<unknown[]> }> };
  const [listPorts, listNetworks] = [network.routerInterfaces, network.networks];
  const later = () => new Promise((resolve) => setImmediate(resolve));
  network.routerInterfaces = (q) => ({ toArray: async () => { await later(); await later(); events.push('ports answered'); return listPorts(q).toArray(); } });
  network.networks = (q) => ({ toArray: async () => { events.push('networks asked'); return listNetworks(q).toArray(); } });
  const joined = await load([router('r1', 'ext'), router('r2')], (rows) => joinRouterInterfaces(client, { rows, pageSize: 2, signal }), nextRound);
  assert.deepEqual(events, ['networks asked', 'ports answered']);
  assert.deepEqual(asked.map((a) => [a.what, a.query.deviceId ?? a.query.ids]), [['networks', ['ext']], ['ports', ['r1', 'r2']]]);
  assert.deepEqual([joined.interfaces.map((p) => p.id), [...joined.networkNames]], [['p1'], [['ext', 'public']]]);
  const names = new Map(joined.networkNames);
  await nameInterfaceNetworks(client, joined.interfaces, names);
  assert.deepEqual([...names], [['ext', 'public'], ['net1', 'private']]);
  assert.deepEqual(asked.slice(2).map((a) => [a.what, a.query.ids]), [['networks', ['net1']]]);
  await nameInterfaceNetworks(client, joined.interfaces, names);
  assert.equal(asked.length, 3, 'named already: nothing asked');
});

test('Floating IPs: one bounded page of server names alongside the first page; Load more asks nothing', async () => {
  const { client, asked, nextRound } = fakeClient({ servers: [{ id: 'vm1', name: 'web' }, { id: 'vm2', name: '' }, { id: 'vm3', name: 'db' }] as never });
  const names = await load([fip('f1', '10.0.0.5', 'vm1')], (rows) => joinInstanceNames(client, { rows, pageSize: 2, signal }), nextRound);
  assert.deepEqual(asked, [{ what: 'servers', query: { limit: 2 }, round: 1 }]);
  assert.deepEqual([...names], [['vm1', 'web'], ['vm2', 'vm2']]);
  assert.equal(await joinInstanceNames(client, { rows: Promise.resolve([]), previous: names, pageSize: 2, signal }), names);
  assert.equal(asked.length, 1);
});

// ---- the load sequence the tree runs ----

/** A listing of ITEMS in pages of SIZE, counting the pages read. */
function pagedListing(items: string[], size: number) {
  let reads = 0;
  const at = (from: number) => { reads++; const page = items.slice(from, from + size); return { items: page, hasMore: from + size < items.length, nextUrl: String(from + size) }; };
  return {
    listing: { firstPage: async () => at(0), nextPage: async (p: { nextUrl?: string }) => at(Number(p.nextUrl)) } as never as Listing<string>,
    reads: () => reads,
  };
}

test('a load reads pages until the shown rows are covered and joins for all of them; Load more joins for its page only', async () => {
  const { listing, reads } = pagedListing(['a', 'b', 'c', 'd', 'e'], 2);
  const signal = new AbortController().signal;
  const asked: (readonly string[])[] = [];
  const join = async (rows: Promise<readonly string[]>, previous: string[] = []) => { const r = await rows; asked.push(r); return [...previous, ...r]; };
  const loaded = await readJoined(listing, (rows) => join(rows), 3, signal);
  assert.deepEqual([loaded.items, loaded.joined, loaded.page.hasMore, reads()], [['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'], true, 2]);
  const more = await readMoreJoined(listing, loaded, join, signal);
  assert.deepEqual([more.items, more.joined, more.page.hasMore, asked.at(-1)], [['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'c', 'd', 'e'], false, ['e']]);
});

test('a failed read rejects the load, even when the join never awaited the rows', async () => {
  const failing = { firstPage: async () => { throw new Error('503'); } } as never as Listing<string>;
  await assert.rejects(readJoined(failing, async () => 'nothing joined', 0, new AbortController().signal), /503/);
});

// The tree's joins against the dev cloud, in a fresh project of demo's with more of each resource than a page of 2:
// every category expand (first page, then Load more) costs 3 requests at most, and the joined data is what the
// whole lists say (floating IPs and their status on instances, instance names on floating IPs and volumes, subnets
// under networks, gateway and interface network names on routers). Page size 10 stands for a small project (its
// bounded page is the whole list).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readJoined, readMoreJoined, type JoinRequest, type JoinedRows } from '../../src/core/joinPlan';
import { joinInstanceNames, reachedInstance } from '../../src/features/floatingIps/model/instanceNames';
import { serverFloatingIpWarning } from '../../src/features/floatingIps/model/floatingIpStatus';
import { joinFloatingIps } from '../../src/features/instances/model/floatingIpJoin';
import { joinSubnets } from '../../src/features/networks/model/subnetJoin';
import { joinRouterInterfaces, nameInterfaceNetworks } from '../../src/features/routers/model/routerJoin';
import type { OpenStackClient } from '../../src/openstack/client';
import type { Listing } from '../../src/openstack/listing';
import type { FloatingIp, Network, Subnet } from '../../src/openstack/networkModels';
import type { Volume } from '../../src/openstack/blockStorageModels';
import { FAKE_AZ, GUEST_IMAGE, ensureDevcloud } from '../support/devcloud';
import { connect, memberProject, runTag, undoAll, until } from './helpers';

const tag = `${runTag}-join`;
const demo = connect('devcloud');
const admin = connect('devcloud-admin');
const cleanup: (() => Promise<unknown>)[] = [];
let client: OpenStackClient;
const servers: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
const volumes: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };


/** The OpenStack requests (not token requests) sent while FN ran. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const before = demo.log.length;
  const result = await fn();
  const requests = demo.log.slice(before).filter((e) => !e.url.endsWith('/auth/tokens')).map((e) => `${e.method} ${new URL(e.url).pathname}${new URL(e.url).search}`);
  return { result, requests };
}

type Join<T, C> = (c: OpenStackClient, r: JoinRequest<T, C>) => Promise<C>;

/** A category's expand and then its Load more, as the tree runs them, each with the requests it sent. */
async function expand<T, C>(listing: Listing<T>, join: Join<T, C>, pageSize: number) {
  const signal = new AbortController().signal;
  const first = await counted(() => readJoined(listing, (rows) => join(client, { rows, pageSize, signal }), 0, signal));
  const more = first.result.page.hasMore
    ? await counted(() => readMoreJoined(listing, first.result, (rows, previous) => join(client, { rows, previous, pageSize, signal }), signal))
    : undefined;
  for (const step of [first, more]) if (step) assert.ok(step.requests.length <= 3, `more than 3 requests:\n${step.requests.join('\n')}`);
  console.log(`page ${pageSize}: ${first.requests.length} requests (${first.result.items.length} rows)${more ? `, Load more ${more.requests.length} (${more.result.items.length} rows)` : ''}`);
  return { first, more };
}

function steps<T, C>(e: { first: { result: JoinedRows<T, C> }; more?: { result: JoinedRows<T, C> } }): JoinedRows<T, C>[] {
  return e.more ? [e.first.result, e.more.result] : [e.first.result];
}

before(async () => {
  await ensureDevcloud();
  client = await memberProject(admin, demo, tag, cleanup);
  const { compute, network, image } = client;
  const [images, flavors, exts] = await Promise.all([
    image.images({ name: GUEST_IMAGE }).toArray(), compute.flavors().toArray(), network.networks({ name: 'ext' }).toArray(),
  ]);
  const ext = exts[0];
  assert.ok(ext, 'the dev cloud has its external network ext');
  // three networks of one subnet each, the first routed to ext
  const nets: { net: Network; subnet: Subnet }[] = [];
  for (const [i, name] of ['n-a', 'n-b', 'n-c'].entries()) {
    const net = await network.createNetwork({ name: `${tag}-${name}` });
    cleanup.push(() => network.deleteNetwork(net.id));
    const subnet = await network.createSubnet({ networkId: net.id, name: `${tag}-${name}-sub`, cidr: `10.21${i}.0.0/24` });
    cleanup.push(() => network.deleteSubnet(subnet.id));
    nets.push({ net, subnet });
  }
  // three routers: r-a with ext as gateway and an interface on n-a, r-b with the gateway only, r-c with neither
  const routerA = await network.createRouter({ name: `${tag}-r-a`, gateway: { networkId: ext.id } });
  cleanup.push(() => network.deleteRouter(routerA.id));
  await network.addRouterInterface(routerA.id, nets[0].subnet.id);
  cleanup.push(() => network.removeRouterInterface(routerA.id, nets[0].subnet.id));
  for (const [name, gateway] of [['r-b', { networkId: ext.id }], ['r-c', undefined]] as const) {
    const router = await network.createRouter({ name: `${tag}-${name}`, gateway });
    cleanup.push(() => network.deleteRouter(router.id));
  }
  // three instances on n-a: vm-a and vm-c with a floating IP, vm-b without; and a free floating IP
  for (const key of ['a', 'b', 'c'] as const) {
    const { id } = await compute.createServer({
      availabilityZone: FAKE_AZ, name: `${tag}-vm-${key}`, imageRef: images[0].id, flavorRef: flavors.find((f) => f.name === 'm1.tiny')!.id, networks: [{ uuid: nets[0].net.id }],
    });
    cleanup.push(() => compute.deleteServer(id));
    servers[key] = id;
  }
  for (const key of ['a', 'b', 'c'] as const) {
    await until(`${tag}-vm-${key} ACTIVE with its fixed address`, async () => {
      const s = await compute.server(servers[key]);
      assert.notEqual(s.status, 'ERROR', s.fault?.message);
      return s.status === 'ACTIVE' && s.addresses.some((a) => a.type === 'fixed');
    });
  }
  for (const key of ['a', 'c'] as const) {
    const [port] = await network.ports({ deviceId: servers[key] }).toArray();
    const fip = await network.allocateFloatingIp({ floatingNetworkId: ext.id, portId: port.id });
    cleanup.push(() => network.releaseFloatingIp(fip.id));
  }
  // settled, so that the whole list read for comparison says what the expands saw
  await until('the floating IPs ACTIVE', async () => (await network.floatingIps().toArray()).filter((f) => f.portId).every((f) => f.status === 'ACTIVE'));
  const free = await network.allocateFloatingIp({ floatingNetworkId: ext.id });
  cleanup.push(() => network.releaseFloatingIp(free.id));
  // three volumes: vol-a attached to vm-a, vol-c to vm-c, vol-b free
  for (const key of ['a', 'b', 'c'] as const) {
    const volume = await client.blockStorage.createVolume({ name: `${tag}-vol-${key}`, size: 1 });
    cleanup.push(() => client.blockStorage.deleteVolume(volume.id));
    volumes[key] = volume.id;
  }
  for (const key of ['a', 'b', 'c'] as const) await until(`${tag}-vol-${key} available`, async () => (await client.blockStorage.volume(volumes[key])).status === 'available');
  for (const key of ['a', 'c'] as const) {
    await client.compute.attachVolume(servers[key], volumes[key]);
    cleanup.push(async () => {
      await client.compute.detachVolume(servers[key], volumes[key]);
      await until(`${tag}-vol-${key} detached`, async () => (await client.blockStorage.volume(volumes[key])).status === 'available');
    });
  }
  for (const key of ['a', 'c'] as const) await until(`${tag}-vol-${key} in-use`, async () => (await client.blockStorage.volume(volumes[key])).status === 'in-use');
  // the token, the catalog and the version documents of nova and Cinder are read once per session, before any expand
  await Promise.all([compute.versions.supported(), client.blockStorage.versions.supported(), network.networks({ limit: 1 }).firstPage()]);
});

after(async () => {
  await undoAll(cleanup);
  await Promise.all([demo.close(), admin.close()]);
});

describe('tree joins: 3 requests at most per expand, with the joined data of the whole lists', { concurrency: false }, () => {
  it('Instances: the floating IPs of the rows and their warnings, as from every floating IP', async () => {
    const all = await client.network.floatingIps().toArray();
    for (const pageSize of [2, 10]) {
      const e = await expand(client.compute.servers({ limit: pageSize, byName: true }), joinFloatingIps, pageSize);
      if (pageSize === 2) {
        // the bounded page (2 of 3) holds none for vm-b: the follow-up asks by the rows' fixed addresses
        assert.ok(e.first.requests.some((r) => r.includes('fixed_ip_address=')), e.first.requests.join('\n'));
        assert.equal(e.first.requests.length, 3);
      } else {
        assert.equal(e.first.requests.length, 2, 'a small project: the first page and one bounded page');
      }
      for (const { items, joined } of steps(e)) {
        for (const server of items.filter((s) => Object.values(servers).includes(s.id))) {
          const expected = all.filter((f) => f.deviceId === server.id).map((f) => `${f.floatingIpAddress} ${f.status}`);
          assert.deepEqual(joined!.items.filter((f) => f.deviceId === server.id).map((f) => `${f.floatingIpAddress} ${f.status}`), expected, server.name);
          assert.equal(serverFloatingIpWarning(server, joined!.items), serverFloatingIpWarning(server, all), server.name);
        }
      }
      const shown = steps(e).at(-1)!;
      assert.deepEqual(Object.values(servers).map((id) => shown.items.some((s) => s.id === id)), [true, true, true], 'first page and Load more show all three');
    }
  });

  it('Floating IPs: the name of the instance each reaches when the bounded page of names holds it, else its device id', async () => {
    const names = new Map((await client.compute.servers().toArray()).map((s) => [s.id, s.name]));
    for (const pageSize of [2, 10]) {
      const e = await expand(client.network.floatingIps({ limit: pageSize, byName: true }), joinInstanceNames<FloatingIp>, pageSize);
      const newest = (await client.compute.serverNames({ limit: pageSize }).firstPage()).items.map((s) => s.id);
      for (const { items, joined } of steps(e)) {
        for (const fip of items.filter((f) => f.deviceId)) {
          const expected = newest.includes(fip.deviceId!) ? names.get(fip.deviceId!) : fip.deviceId;
          assert.equal(reachedInstance(fip, joined), expected, fip.floatingIpAddress);
        }
      }
      if (pageSize === 10) {
        const labels = steps(e).at(-1)!.items.map((f) => reachedInstance(f, e.first.result.joined)).filter(Boolean).sort();
        assert.deepEqual(labels, [`${tag}-vm-a`, `${tag}-vm-c`], 'a small project: every instance by name');
      }
    }
  });

  it('Volumes: the name of the instance each is attached to when the bounded page of names holds it, else its id', async () => {
    const names = new Map((await client.compute.servers().toArray()).map((s) => [s.id, s.name]));
    for (const pageSize of [2, 10]) {
      const e = await expand(client.blockStorage.volumes({ limit: pageSize, byName: true }), joinInstanceNames<Volume>, pageSize);
      const newest = (await client.compute.serverNames({ limit: pageSize }).firstPage()).items.map((s) => s.id);
      for (const { items, joined } of steps(e)) {
        for (const volume of items) {
          const expected = volume.attachments.map((a) => (newest.includes(a.serverId) ? names.get(a.serverId)! : a.serverId));
          assert.deepEqual(volume.attachments.map((a) => joined.get(a.serverId) ?? a.serverId), expected, volume.name);
        }
      }
      if (pageSize === 10) {
        const rows = steps(e).at(-1)!;
        const attachedTo = (key: 'a' | 'b' | 'c') => rows.items.find((v) => v.id === volumes[key])!.attachments.map((a) => rows.joined.get(a.serverId));
        assert.deepEqual([attachedTo('a'), attachedTo('b'), attachedTo('c')], [[`${tag}-vm-a`], [], [`${tag}-vm-c`]], 'a small project: every instance by name');
      }
    }
  });

  it('Networks: the subnets of the rows, as from every subnet', async () => {
    const all = await client.network.subnets().toArray();
    for (const pageSize of [2, 10]) {
      const e = await expand(client.network.networks({ limit: pageSize, byName: true }), joinSubnets, pageSize);
      for (const { items, joined } of steps(e)) {
        for (const net of items) {
          const ids = (list: { id: string; networkId: string }[]) => list.filter((s) => s.networkId === net.id).map((s) => s.id).sort();
          assert.deepEqual(ids(joined.items), ids(all), net.name);
          // ext's subnet is the admin's: its id is on the network, but a member cannot read it
          if (net.name.startsWith(tag)) assert.deepEqual(ids(joined.items), [...net.subnetIds].sort(), net.name);
        }
      }
      const own = steps(e).at(-1)!.items.filter((n) => n.name.startsWith(tag));
      assert.ok(own.length >= (pageSize === 2 ? 1 : 3), `own networks shown: ${own.map((n) => n.name).join(', ')}`);
    }
  });

  it('Routers: the interfaces of the rows and the names of their gateway networks; the interfaces\' named on expand', async () => {
    const [ports, networks] = await Promise.all([client.network.routerInterfaces().toArray(), client.network.networks().toArray()]);
    const netName = new Map(networks.map((n) => [n.id, n.name]));
    for (const pageSize of [2, 10]) {
      const e = await expand(client.network.routers({ limit: pageSize, byName: true }), joinRouterInterfaces, pageSize);
      for (const { items, joined } of steps(e)) {
        for (const router of items) {
          const own = (list: { id: string; deviceId: string }[]) => list.filter((p) => p.deviceId === router.id).map((p) => p.id).sort();
          assert.deepEqual(own(joined.interfaces), own(ports), router.name);
          if (router.gateway) assert.equal(joined.networkNames.get(router.gateway.networkId), 'ext', router.name);
          const theirs = joined.interfaces.filter((p) => p.deviceId === router.id);
          const names = new Map(joined.networkNames);
          await nameInterfaceNetworks(client, theirs, names);
          for (const port of theirs) assert.equal(names.get(port.networkId), netName.get(port.networkId));
        }
      }
      const routers = steps(e).at(-1)!;
      assert.deepEqual(routers.items.map((r) => r.name).filter((n) => n.startsWith(tag)).sort(), [`${tag}-r-a`, `${tag}-r-b`, `${tag}-r-c`].slice(0, routers.items.length));
      const a = routers.items.find((r) => r.name === `${tag}-r-a`)!;
      const aInterfaces = routers.joined.interfaces.filter((p) => p.deviceId === a.id);
      const aNames = new Map(routers.joined.networkNames);
      await nameInterfaceNetworks(client, aInterfaces, aNames);
      assert.deepEqual(aInterfaces.map((p) => aNames.get(p.networkId)), [`${tag}-n-a`]);
    }
  });
});

// Nova against the dev cloud, as demo: microversion negotiation, a server's whole life (with its console,
// remote consoles and a floating IP), several servers from one request paged one by one, flavors, key pairs
// and limits.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Server } from '../../src/openstack/computeModels';
import type { Network } from '../../src/openstack/networkModels';
import { serversWithFloatingIps } from '../../src/openstack/serverFloatingIps';
import { FAKE_AZ, GUEST_IMAGE, ensureDevcloud } from '../support/devcloud';
import { connect, rejection, runTag, undoAll, until } from './helpers';

const tag = `${runTag}-cmp`;
const demo = connect('devcloud');
const { compute, network, image } = demo.client;
const cleanup: (() => Promise<unknown>)[] = [];
let imageId = '';
let flavorId = '';
let ext: Network;
let tenant: Network;

/** The server once it reports STATUS with no task in progress. */
function settled(id: string, status: string): Promise<Server> {
  return until(`server ${id} ${status}`, async () => {
    const server = await compute.server(id);
    assert.notEqual(server.status, 'ERROR', server.fault?.message);
    return server.status === status && server.taskState === null && server;
  });
}

function gone(id: string): Promise<boolean> {
  return until(`server ${id} deleted`, async () => (await rejection(compute.server(id)).catch(() => undefined))?.status === 404);
}

before(async () => {
  await ensureDevcloud();
  const [images, flavors, exts] = await Promise.all([
    image.images({ name: GUEST_IMAGE }).toArray(), compute.flavors().toArray(), network.networks({ name: 'ext' }).toArray(),
  ]);
  imageId = images[0].id;
  flavorId = flavors.find((f) => f.name === 'm1.tiny')?.id ?? '';
  ext = exts[0];
  tenant = await network.createNetwork({ name: `${tag}-int` });
  cleanup.push(() => network.deleteNetwork(tenant.id));
  const subnet = await network.createSubnet({ networkId: tenant.id, cidr: '10.79.0.0/24' });
  cleanup.push(() => network.deleteSubnet(subnet.id));
  const router = await network.createRouter({ name: `${tag}-router`, gateway: { networkId: ext.id } });
  cleanup.push(() => network.deleteRouter(router.id));
  await network.addRouterInterface(router.id, subnet.id);
  cleanup.push(() => network.removeRouterInterface(router.id, subnet.id));
});

after(async () => {
  await undoAll(cleanup);
  await demo.close();
});

describe('nova', { concurrency: true }, () => {
  describe('microversions', { concurrency: false }, () => {
    it("reads nova's range once per session and negotiates per feature", async () => {
      assert.deepEqual(await compute.versions.supported(), { min: '2.1', max: '2.93' });
      assert.equal(await compute.versions.negotiate('default'), '2.79');
      assert.deepEqual(await compute.versions.headers('remoteConsoles'), {
        'openstack-api-version': 'compute 2.79', 'x-openstack-nova-api-version': '2.79',
      });
      await Promise.all([compute.flavors().toArray(), compute.limits(), compute.keypairs().toArray()]);
      assert.equal(demo.log.filter((e) => e.method === 'GET' && new URL(e.url).pathname === '/v2.1/').length, 1);
    });

    it('refuses a feature that a pinned compute_api_version is too old for, before sending it', async () => {
      const pinned = connect('devcloud', { apiVersions: { compute: '2.5' } });
      try {
        assert.equal(await pinned.client.compute.versions.negotiate('default'), '2.5');
        const error = await rejection(pinned.client.compute.remoteConsole('00000000-0000-0000-0000-000000000000', 'novnc'));
        assert.equal(error.kind, 'config');
        assert.match(error.message, /compute_api_version 2\.5 is below 2\.6, which the remote console API needs/);
        assert.ok(!pinned.log.some((e) => e.url.endsWith('/remote-consoles')));
      } finally {
        await pinned.close();
      }
    });
  });

  describe('a server from create to delete', { concurrency: false }, () => {
    let keyName = '';
    let server: Server;

    it('imports, lists and deletes key pairs', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ose-key-'));
      try {
        await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', tag, '-f', join(dir, 'key')]);
        const publicKey = await readFile(join(dir, 'key.pub'), 'utf8');
        keyName = `${tag}-key`;
        const imported = await compute.importKeypair(keyName, publicKey);
        cleanup.push(() => compute.deleteKeypair(keyName));
        assert.deepEqual([imported.name, imported.type, imported.publicKey], [keyName, 'ssh', publicKey.trim()]);
        assert.match(imported.fingerprint, /^[0-9a-f]{2}(:[0-9a-f]{2}){15}$/);
        const throwaway = await compute.importKeypair(`${tag}-throwaway`, publicKey);
        assert.deepEqual((await compute.keypairs().toArray()).map((k) => k.name).filter((n) => n.startsWith(tag)).sort(), [keyName, throwaway.name]);
        await compute.deleteKeypair(throwaway.name);
        assert.ok(!(await compute.keypairs().toArray()).some((k) => k.name === throwaway.name));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('creates a server and sees it ACTIVE with what it was asked for', async () => {
      const created = await compute.createServer({
        availabilityZone: FAKE_AZ, name: `${tag}-vm`, imageRef: imageId, flavorRef: flavorId, networks: [{ uuid: tenant.id }], securityGroups: ['default'],
        keyName, metadata: { course: 'cloud-101' }, userData: '#!/bin/sh\necho hello\n',
      });
      cleanup.push(() => compute.deleteServer(created.id));
      server = await settled(created.id, 'ACTIVE');
      assert.deepEqual(
        [server.name, server.flavor.name, server.flavor.vcpus, server.imageId, server.keyName, server.metadata, server.securityGroups, server.powerState],
        [`${tag}-vm`, 'm1.tiny', 1, imageId, keyName, { course: 'cloud-101' }, ['default'], 1],
      );
      server = await until('the fixed address', async () => {
        const s = await compute.server(created.id);
        return s.addresses.some((a) => a.network === `${tag}-int` && a.addr.startsWith('10.79.0.') && a.type === 'fixed') && s;
      });
      // The negotiated header takes effect: before 2.47 nova references the flavor instead of embedding it.
      const pinned = connect('devcloud', { apiVersions: { compute: '2.46' } });
      try {
        assert.deepEqual((await pinned.client.compute.server(created.id)).flavor, { id: flavorId, name: undefined, vcpus: undefined, ram: undefined, disk: undefined });
      } finally {
        await pinned.close();
      }
    });

    it("reads the tail of the console log and gets noVNC and serial console URLs", async () => {
      const [tail, whole, vnc, serial] = await Promise.all([
        compute.consoleOutput(server.id, 2), compute.consoleOutput(server.id),
        compute.remoteConsole(server.id, 'novnc'), compute.remoteConsole(server.id, 'serial'),
      ]);
      assert.equal(tail.trimEnd().split('\n').length, 2);
      assert.ok(whole.endsWith(tail));
      assert.ok(whole.split('\n').length > 2);
      assert.deepEqual([vnc.protocol, vnc.type], ['vnc', 'novnc']);
      assert.match(vnc.url, /^http:\/\/127\.0\.0\.1:6080\/vnc_auto\.html\?path=%3Ftoken%3D[0-9a-f-]+$/);
      assert.deepEqual([serial.protocol, serial.type], ['serial', 'serial']);
      assert.match(serial.url, /^ws:\/\/127\.0\.0\.1:6083\/\?token=[0-9a-f-]+$/);
    });

    it('stops, starts and reboots the server', async () => {
      await compute.stopServer(server.id);
      assert.equal((await settled(server.id, 'SHUTOFF')).powerState, 4);
      const byStatus = async (status: string) => (await compute.servers({ name: `${tag}-vm`, status }).toArray()).map((s) => s.id);
      assert.deepEqual([await byStatus('SHUTOFF'), await byStatus('ACTIVE')], [[server.id], []]);
      await compute.startServer(server.id);
      assert.equal((await settled(server.id, 'ACTIVE')).powerState, 1);
      await compute.rebootServer(server.id, 'SOFT');
      await settled(server.id, 'ACTIVE');
      await compute.rebootServer(server.id, 'HARD');
      await settled(server.id, 'ACTIVE');
      const conflict = await rejection(compute.startServer(server.id));
      assert.equal(conflict.status, 409);
      assert.equal(conflict.faultType, 'conflictingRequest');
    });

    it('joins the server with its floating IP in one round of two requests', async () => {
      const [port] = await network.ports({ deviceId: server.id }).toArray();
      const fip = await network.allocateFloatingIp({ floatingNetworkId: ext.id, portId: port.id });
      cleanup.push(() => network.releaseFloatingIp(fip.id));
      const before = demo.log.length;
      const joined = await serversWithFloatingIps(demo.client);
      // Other tests run meanwhile: count the unfiltered listings only.
      const lists = demo.log.slice(before).map((e) => e.url).filter((url) => /\/(servers\/detail|floatingips)$/.test(url));
      assert.deepEqual(lists.sort(), ['http://127.0.0.1:8774/v2.1/servers/detail', 'http://127.0.0.1:9696/v2.0/floatingips']);
      const mine = joined.find((j) => j.server.id === server.id);
      assert.deepEqual(mine?.floatingIps.map((f) => f.floatingIpAddress), [fip.floatingIpAddress]);
      await network.releaseFloatingIp(fip.id);
    });

    it('deletes the server', async () => {
      await compute.deleteServer(server.id);
      await gone(server.id);
      await compute.deleteServer(server.id);
    });
  });

  describe('several servers', { concurrency: false }, () => {
    it('boots two servers without networks from one request and pages through them one by one', async () => {
      const name = `${tag}-many`;
      const { id } = await compute.createServer({ availabilityZone: FAKE_AZ, name, imageRef: imageId, flavorRef: flavorId, networks: 'none', minCount: 2, maxCount: 2 });
      const ids = (await compute.servers({ name }).toArray()).map((s) => s.id);
      for (const other of ids) cleanup.push(() => compute.deleteServer(other));
      assert.equal(ids.length, 2);
      assert.ok(ids.includes(id));
      // While they build, nova lists them from two tables and a marker page can repeat one: page once they are settled.
      await Promise.all(ids.map((other) => settled(other, 'ACTIVE')));
      const before = demo.log.length;
      const paged = await compute.servers({ name, limit: 1 }).toArray();
      assert.deepEqual(paged.map((s) => s.id).sort(), [...ids].sort());
      // Nova links to a next page whenever a page is full, so the last one comes back empty.
      assert.equal(demo.log.slice(before).filter((e) => e.url.includes('/servers/detail?') && e.url.includes('limit=1')).length, 3);
      await Promise.all(ids.map((other) => compute.deleteServer(other)));
      await Promise.all(ids.map(gone));
    });

    it('boots a server on a port made beforehand', async () => {
      const port = await network.createPort({ networkId: tenant.id, name: `${tag}-port` });
      cleanup.push(() => network.deletePort(port.id));
      const { id } = await compute.createServer({ availabilityZone: FAKE_AZ, name: `${tag}-on-port`, imageRef: imageId, flavorRef: flavorId, networks: [{ port: port.id }] });
      cleanup.push(() => compute.deleteServer(id));
      await settled(id, 'ACTIVE');
      assert.deepEqual((await network.ports({ deviceId: id }).toArray()).map((p) => p.id), [port.id]);
      await compute.deleteServer(id);
      await gone(id);
    });

    it("reports nova's message for a flavor that does not exist", async () => {
      const error = await rejection(compute.createServer({ availabilityZone: FAKE_AZ, name: `${tag}-bad`, imageRef: imageId, flavorRef: 'no-such-flavor', networks: 'none' }));
      assert.equal(error.status, 400);
      assert.match(error.message, /^Nova: Flavor no-such-flavor could not be found\./);
    });
  });

  describe('flavors and limits', { concurrency: false }, () => {
    it('lists flavors and reads the absolute limits', async () => {
      const tiny = (await compute.flavors().toArray()).find((f) => f.name === 'm1.tiny');
      assert.deepEqual([tiny?.vcpus, tiny?.ram, tiny?.disk, tiny?.isPublic], [1, 512, 1, true]);
      const limits = await compute.limits();
      assert.equal(limits.instances.limit, 10);
      assert.ok(limits.instances.used >= 0 && limits.cores.limit > 0 && limits.ram.limit > 0);
      assert.equal(limits.raw.maxTotalKeypairs, 100);
    });
  });
});

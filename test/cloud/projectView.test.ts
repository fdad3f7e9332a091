// What one project sees, listed with an admin's token (which Neutron and Glance answer with every project's
// resources): resources of a temporary project stay out of the admin project's view, except an image shared
// with it and accepted; and router interfaces are listed with the device owners of HA and DVR routers as well.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OpenStackClient } from '../../src/openstack/client';
import { ensureDevcloud, openstack } from '../support/devcloud';
import { connect, runTag, undoAll } from './helpers';

const tag = `${runTag}-view`;
const admin = connect('devcloud-admin');
const cleanup: (() => Promise<unknown>)[] = [];

before(ensureDevcloud);
after(async () => {
  await undoAll(cleanup);
  await admin.close();
});

describe("an admin's view of one project", { concurrency: false }, () => {
  let temp: OpenStackClient;
  let own = '';
  let fipId = '';
  let haPortId = '';

  /** A raw image of PROJECT's (4 KiB of zeros), active. */
  async function image(client: OpenStackClient, name: string, visibility: 'private' | 'shared'): Promise<string> {
    const created = await client.image.createImage({ name, diskFormat: 'raw', visibility });
    cleanup.push(() => client.image.deleteImage(created.id));
    const dir = await mkdtemp(join(tmpdir(), `${tag}-`));
    await writeFile(join(dir, 'disk.raw'), Buffer.alloc(4096));
    await client.image.uploadImage(created.id, join(dir, 'disk.raw'));
    await rm(dir, { recursive: true, force: true });
    return created.id;
  }

  before(async () => {
    await admin.client.session.token();
    own = admin.client.session.projectId!;
    const project = await openstack<{ id: string }>('devcloud-admin', ['project', 'create', '-f', 'json', `${tag}-proj`]);
    cleanup.push(() => openstack('devcloud-admin', ['project', 'delete', project.id]));
    await openstack('devcloud-admin', ['role', 'add', '--user', 'admin', '--user-domain', 'Default', '--project', project.id, 'admin']);
    temp = await admin.client.rescope(project.id);
    const net = await temp.network.createNetwork({ name: `${tag}-net` });
    cleanup.push(() => temp.network.deleteNetwork(net.id));
    const subnet = await temp.network.createSubnet({ networkId: net.id, cidr: '10.216.0.0/24', name: `${tag}-sub` });
    const res = await temp.session.request('network', '/routers', { method: 'POST', json: { router: { name: `${tag}-ha`, ha: true } } });
    const { router } = await res.json<{ router: { id: string } }>();
    cleanup.push(() => temp.network.deleteRouter(router.id));
    haPortId = (await temp.network.addRouterInterface(router.id, subnet.id)).portId;
    cleanup.push(() => temp.network.removeRouterInterface(router.id, subnet.id));
    const ext = (await temp.network.networks({ external: true }).toArray()).find((n) => n.name === 'ext')!;
    fipId = (await temp.network.allocateFloatingIp({ floatingNetworkId: ext.id, description: tag })).id;
    cleanup.push(() => temp.network.releaseFloatingIp(fipId));
    const group = await temp.network.createSecurityGroup(`${tag}-sg`);
    cleanup.push(() => temp.network.deleteSecurityGroup(group.id));
    await image(temp, `${tag}-private`, 'private');
    // shared with the admin project, which accepts it
    const shared = await image(temp, `${tag}-shared`, 'shared');
    await temp.session.request('image', `/images/${shared}/members`, { method: 'POST', json: { member: own } });
    await admin.client.session.request('image', `/images/${shared}/members/${own}`, { method: 'PUT', json: { status: 'accepted' } });
  });

  it("keeps the other project's networks, routers, floating IPs and groups out, and the external network in", async () => {
    const net = admin.client.network;
    const [everyNetwork, networks, routers, fips, groups] = await Promise.all([
      net.networks().toArray(), net.projectNetworks(own).toArray(), net.routers({ projectId: own }).toArray(),
      net.floatingIps({ projectId: own }).toArray(), net.securityGroups({ projectId: own }).toArray(),
    ]);
    assert.ok(everyNetwork.some((n) => n.name === `${tag}-net`), "the admin's token lists every project's networks");
    assert.ok(!networks.some((n) => n.name === `${tag}-net`), 'not in the admin project\'s view');
    assert.ok(networks.some((n) => n.name === 'ext'), 'the external network is');
    assert.equal(new Set(networks.map((n) => n.id)).size, networks.length, 'each network once');
    assert.ok(!routers.some((r) => r.name === `${tag}-ha`));
    assert.ok(!fips.some((f) => f.id === fipId));
    assert.ok(!groups.some((g) => g.name === `${tag}-sg`));
    // and the other project's own view has them
    const [tempRouters, tempFips] = await Promise.all([net.routers({ projectId: temp.session.projectId }).toArray(), net.floatingIps({ projectId: temp.session.projectId }).toArray()]);
    assert.ok(tempRouters.some((r) => r.name === `${tag}-ha`) && tempFips.some((f) => f.id === fipId));
  });

  it('lists the images the project sees: its own, the public ones and those shared with it that it accepted', async () => {
    const [seen, publicOnes] = await Promise.all([admin.client.image.projectImages(own).toArray(), admin.client.image.images({ visibility: 'public' }).toArray()]);
    const names = seen.map((i) => i.name);
    assert.ok(publicOnes.length > 0, 'the dev cloud has a public image');
    assert.deepEqual(publicOnes.filter((p) => !seen.some((i) => i.id === p.id)).map((i) => i.name), [], 'every public image');
    assert.ok(names.includes(`${tag}-shared`), 'shared with the project and accepted');
    assert.ok(!names.includes(`${tag}-private`), "another project's private image");
    const every = (await admin.client.image.images().toArray()).map((i) => i.name);
    assert.ok(every.includes(`${tag}-private`), "the admin's plain list has it");
  });

  it("lists an HA router's interface, asking Neutron for every interface device owner", async () => {
    const from = admin.log.length;
    const ports = await admin.client.network.routerInterfaces().toArray();
    const ha = ports.find((p) => p.id === haPortId);
    assert.equal(ha?.deviceOwner, 'network:ha_router_replicated_interface');
    const query = new URL(admin.log.slice(from).find((e) => e.url.includes('/ports'))!.url).searchParams.getAll('device_owner');
    assert.deepEqual(query.sort(), ['network:ha_router_replicated_interface', 'network:router_interface', 'network:router_interface_distributed']);
  });
});

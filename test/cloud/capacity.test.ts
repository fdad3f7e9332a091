// Host capacity and quotas against the dev cloud: placement's hosts for an admin (bounded requests) and a 403 for
// a member; and the warning Launch Instance shows before the request, provoked for real in fresh projects: a
// member whose RAM quota an admin lowered (Nova then refuses the launch), and an admin with a flavor larger than
// any host's free RAM (the scheduler then finds no host).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadLaunchRoom } from '../../src/features/instances/launchRoom';
import { capacityWarnings } from '../../src/features/instances/model/launchCapacity';
import { quotaRows } from '../../src/features/quotas/model/quotaRows';
import type { OpenStackClient } from '../../src/openstack/client';
import { allocatableFree, physicalFree } from '../../src/openstack/placementModels';
import { GUEST_IMAGE, ensureDevcloud, openstack } from '../support/devcloud';
import { connect, rejection, runTag, undoAll, until } from './helpers';

const tag = `${runTag}-cap`;
const demo = connect('devcloud');
const admin = connect('devcloud-admin');
const cleanup: (() => Promise<unknown>)[] = [];
const placementRequests = () => admin.log.filter((e) => new URL(e.url).port === '8778').length;

/** A fresh project where USER has ROLE, and that user's client scoped to it. */
async function freshProject(name: string, user: 'demo' | 'admin', role: 'member' | 'admin'): Promise<OpenStackClient> {
  const project = await openstack<{ id: string }>('devcloud-admin', ['project', 'create', '-f', 'json', name]);
  cleanup.push(() => openstack('devcloud-admin', ['project', 'delete', project.id]));
  await openstack('devcloud-admin', ['role', 'add', '--user', user, '--user-domain', 'Default', '--project', project.id, role]);
  return (user === 'demo' ? demo : admin).client.rescope(project.id);
}

before(ensureDevcloud);
after(async () => {
  await undoAll(cleanup);
  await Promise.all([demo.close(), admin.close()]);
});

describe('capacity', () => {
  it("an admin reads every compute host's inventory and usage in 1 + 2 × hosts requests", async () => {
    const before = placementRequests();
    const hosts = await admin.client.placement.hosts();
    const requests = placementRequests() - before;
    console.log(`placement: ${hosts.length} hosts in ${requests} requests;`, hosts.map((h) => `${h.name} RAM ${h.ram?.used}/${h.ram?.total} MiB (reserved ${h.ram?.reserved}, ratio ${h.ram?.ratio}, physically free ${h.ram && physicalFree(h.ram)}, allocatable free ${h.ram && allocatableFree(h.ram)})`).join('; '));
    assert.deepEqual(hosts.map((h) => h.name).sort(), ['devcloud-fake1', 'vm']);
    assert.equal(requests, 1 + 2 * hosts.length);
    // nova's own view of the hosts (2.87, the last microversion with their sizes) agrees: same ids and totals
    type NovaRow = { ID: string; 'Hypervisor Hostname': string; 'Memory MB': number; vCPUs: number };
    const nova = await openstack<NovaRow[]>('devcloud-admin', ['--os-compute-api-version', '2.87', 'hypervisor', 'list', '--long', '-f', 'json']);
    for (const h of hosts) {
      assert.ok(h.ram && h.vcpu && h.disk, `${h.name} lacks a resource class`);
      assert.ok(h.ram.reserved >= 0 && h.ram.ratio > 0 && h.vcpu.ratio > 0, JSON.stringify(h.raw));
      const n = nova.find((x) => x['Hypervisor Hostname'] === h.name);
      assert.deepEqual([n?.ID, n?.['Memory MB'], n?.vCPUs], [h.id, h.ram.total, h.vcpu.total]);
    }
  });

  it('a member may not read placement (the tree hides the category), but reads its quotas', async () => {
    const err = await rejection(demo.client.placement.hosts());
    assert.equal(err.status, 403);
    const [limits, network, volumes] = await Promise.all([demo.client.compute.limits(), demo.client.network.quotas(), demo.client.blockStorage.limits()]);
    const rows = quotaRows(limits, network, volumes);
    assert.deepEqual(rows.slice(0, 6).map((r) => r.id), ['compute.instances', 'compute.cores', 'compute.ram', 'volume.volumes', 'volume.gigabytes', 'volume.snapshots']);
    assert.ok(volumes.gigabytes.limit !== 0 && volumes.volumes.limit !== 0, JSON.stringify(volumes));
    assert.ok(rows.some((r) => r.id === 'network.floatingip') && rows.some((r) => r.id === 'network.router'), rows.map((r) => r.id).join());
  });
});

describe('the warning before a launch', () => {
  let imageId = '';
  before(async () => {
    imageId = (await demo.client.image.images({ name: GUEST_IMAGE }).toArray())[0].id;
  });

  it("a member whose RAM quota was lowered is told Nova will refuse, and Nova does", async () => {
    const client = await freshProject(`${tag}-member`, 'demo', 'member');
    await openstack('devcloud-admin', ['quota', 'set', '--ram', '256', client.session.projectId!]);
    const tiny = (await client.compute.flavors().toArray()).find((f) => f.name === 'm1.tiny')!;
    const room = await loadLaunchRoom({ cloud: 'devcloud', projectId: client.session.projectId!, client } as never);
    assert.equal(room.hosts, undefined);   // a member: the quota alone decides
    const warnings = capacityWarnings({ ram: tiny.ram, vcpus: tiny.vcpus, count: 1 }, room);
    console.log('member:', warnings);
    assert.deepEqual(warnings, ['This needs 512 MiB of RAM; your project\'s quota has 256 MiB left: Nova will refuse it.']);
    const err = await rejection(client.compute.createServer({ name: `${tag}-oom`, imageRef: imageId, flavorRef: tiny.id, networks: 'none' }));
    assert.equal(err.status, 403);
    assert.match(err.message, /Quota exceeded for ram/);
  });

  it('an admin choosing a flavor larger than any host can allocate is told no host will be found, and none is', async () => {
    const client = await freshProject(`${tag}-admin`, 'admin', 'admin');
    const projectId = client.session.projectId!;
    await openstack('devcloud-admin', ['quota', 'set', '--ram', '-1', '--cores', '-1', projectId]);
    const hosts = await client.placement.hosts();
    const most = Math.max(...hosts.map((h) => allocatableFree(h.ram!)));
    const huge = await openstack<{ id: string; ram: number }>('devcloud-admin', ['flavor', 'create', '-f', 'json', '--ram', String(most + 1024), '--vcpus', '1', '--disk', '1', `${tag}-huge`]);
    cleanup.push(() => openstack('devcloud-admin', ['flavor', 'delete', huge.id]));
    const warnings = capacityWarnings({ ram: huge.ram, vcpus: 1, count: 1 }, await loadLaunchRoom({ cloud: 'devcloud-admin', projectId, client } as never));
    console.log('admin:', warnings);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^This needs \S+ GiB of RAM; the hosts have \S+ GiB free, at most \S+ GiB on one even with overcommit: Nova will find no host for it \("No valid host was found"\)\.$/);
    const { id } = await client.compute.createServer({ name: `${tag}-huge`, imageRef: imageId, flavorRef: huge.id, networks: 'none' });
    cleanup.push(() => client.compute.deleteServer(id));
    const failed = await until('the server in ERROR', async () => {
      const s = await client.compute.server(id);
      return s.status === 'ERROR' && s;
    });
    assert.match(failed.fault?.message ?? '', /No valid host was found/);
  });
});

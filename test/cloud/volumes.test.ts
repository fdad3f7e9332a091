// Cinder through the client against the dev cloud: a volume's lifecycle (blank, from an image, a snapshot, from
// the snapshot, extend), attach and detach through nova on the fake compute host, booting from a new volume
// there, Cinder's refusal to delete an attached volume or one with snapshots (and the fix the command names),
// and paging with a small limit. Every resource carries this run's tag and is deleted afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { explainRefusal, volumeBusy } from '../../src/core/refusals';
import { deleteRefusalFix, imageMinimumGiB } from '../../src/features/volumes/model/volumesFormat';
import type { Volume } from '../../src/openstack/blockStorageModels';
import { OpenStackError } from '../../src/openstack/errors';
import { FAKE_AZ, GUEST_IMAGE, ensureDevcloud } from '../support/devcloud';
import { connect, fakeHostServer, rejection, runTag, undoAll, until } from './helpers';

const tag = `${runTag}-vol`;
const demo = connect('devcloud');
const { blockStorage, compute, image } = demo.client;
const cleanup: (() => Promise<unknown>)[] = [];
const made: Record<'blank' | 'fromImage' | 'fromSnapshot', Volume | undefined> = { blank: undefined, fromImage: undefined, fromSnapshot: undefined };
let snapshotId = '';

/** The volume once its status is STATUS (an error status fails at once). */
function settled(id: string, status: string, check: (v: Volume) => boolean = () => true): Promise<Volume> {
  return until(`volume ${id} ${status}`, async () => {
    const v = await blockStorage.volume(id);
    assert.ok(!v.status.startsWith('error'), `volume ${v.name} went ${v.status}`);
    return v.status === status && check(v) && v;
  }, 120_000);
}

/** Deletes volume ID and waits until Cinder no longer lists it (its snapshots must be gone first). */
async function deleteVolume(id: string): Promise<void> {
  await blockStorage.deleteVolume(id);
  await until(`volume ${id} gone`, async () => blockStorage.volume(id).then(() => false, (err: unknown) => err instanceof OpenStackError && err.status === 404), 120_000);
}

async function createVolume(name: string, spec: { size: number; imageId?: string; snapshotId?: string }): Promise<Volume> {
  const created = await blockStorage.createVolume({ name: `${tag}-${name}`, ...spec });
  cleanup.push(() => deleteVolume(created.id));
  return settled(created.id, 'available');
}

before(async () => {
  await ensureDevcloud();
  assert.ok(await demo.client.session.hasService('block-storage'), 'the dev cloud has Cinder');
});

after(async () => {
  await undoAll(cleanup);
  await demo.close();
});

describe('cinder', { concurrency: false }, () => {
  it('creates a blank volume and one from an image (bootable, at least the image\'s size)', async () => {
    const [guest] = await image.images({ name: GUEST_IMAGE }).toArray();
    assert.ok(guest, `the dev cloud has ${GUEST_IMAGE}`);
    const [blank, fromImage] = await Promise.all([
      createVolume('blank', { size: 1 }),
      createVolume('img', { size: imageMinimumGiB(guest), imageId: guest.id }),
    ]);
    assert.equal(blank.size, 1);
    assert.equal(blank.bootable, false);
    assert.equal(fromImage.bootable, true);
    assert.equal(fromImage.imageId, guest.id);
    made.blank = blank;
    made.fromImage = fromImage;
  });

  it('snapshots a volume, lists it as the volume\'s only snapshot, and makes a volume from it', async () => {
    const blank = made.blank!;
    const snapshot = await blockStorage.createSnapshot({ volumeId: blank.id, name: `${tag}-snap` });
    cleanup.push(async () => {
      await blockStorage.deleteSnapshot(snapshot.id);
      await until('snapshot gone', async () => blockStorage.snapshot(snapshot.id).then(() => false, (err: unknown) => err instanceof OpenStackError && err.status === 404));
    });
    snapshotId = snapshot.id;
    await until('snapshot available', async () => (await blockStorage.snapshot(snapshot.id)).status === 'available');
    const listed = await blockStorage.snapshots({ volumeId: blank.id }).toArray();
    assert.deepEqual(listed.map((s) => s.id), [snapshot.id]);
    assert.equal(listed[0].size, 1);
    const fromSnapshot = await createVolume('from-snap', { size: listed[0].size, snapshotId: snapshot.id });
    assert.equal(fromSnapshot.snapshotId, snapshot.id);
    made.fromSnapshot = fromSnapshot;
  });

  it('refuses to delete a volume that has a snapshot: the fix names the snapshot', async () => {
    const err = await rejection(blockStorage.deleteVolume(made.blank!.id));
    assert.equal(err.status, 400);
    assert.ok(volumeBusy(err), `Cinder's text: ${err.serviceMessage}`);
    assert.match(explainRefusal(err)?.message ?? '', /\(Cinder said: Invalid volume: /);
    assert.equal(deleteRefusalFix(await blockStorage.volume(made.blank!.id), 1, new Map()), 'Delete its snapshot first.');
  });

  it('extends a detached volume', async () => {
    const volume = made.fromSnapshot!;
    await blockStorage.extendVolume(volume.id, volume.size + 1);
    const extended = await settled(volume.id, 'available', (v) => v.size === volume.size + 1);
    assert.equal(extended.size, volume.size + 1);
    assert.equal(await blockStorage.canExtendInUse(), true, 'Zed negotiates past 3.42');
  });

  it('attaches a volume to an instance on the fake host through nova, refuses its delete while attached, and detaches it', async () => {
    const server = await fakeHostServer(demo.client, `${tag}-vm`);
    cleanup.push(server.undo);
    const volume = made.fromSnapshot!;
    const { device } = await compute.attachVolume(server.id, volume.id);
    assert.match(device ?? '', /^\/dev\/[a-z]+$/);
    const attached = await settled(volume.id, 'in-use', (v) => v.attachments.length === 1);
    assert.equal(attached.attachments[0].serverId, server.id);
    const err = await rejection(blockStorage.deleteVolume(volume.id));
    assert.ok(volumeBusy(err), `Cinder's text: ${err.serviceMessage}`);
    assert.equal(deleteRefusalFix(attached, 0, new Map([[server.id, `${tag}-vm`]])), `Detach it from ${tag}-vm first.`);
    await compute.detachVolume(server.id, volume.id);
    const detached = await settled(volume.id, 'available');
    assert.deepEqual(detached.attachments, []);
  });

  it('boots an instance on the fake host from a new volume of the image, deleted with it', async () => {
    const [[guest], flavors] = await Promise.all([image.images({ name: GUEST_IMAGE }).toArray(), compute.flavors().toArray()]);
    const flavor = [...flavors].sort((a, b) => a.ram - b.ram)[0];
    const size = imageMinimumGiB(guest);
    const { id } = await compute.createServer({
      name: `${tag}-bfv`, imageRef: guest.id, flavorRef: flavor.id, networks: 'none', availabilityZone: FAKE_AZ,
      bootVolume: { size, deleteOnTermination: true },
    });
    cleanup.push(() => compute.deleteServer(id));
    await until('the boot-from-volume server ACTIVE', async () => {
      const s = await compute.server(id);
      assert.notEqual(s.status, 'ERROR', s.fault?.message);
      return s.status === 'ACTIVE';
    }, 180_000);
    const volumes = await blockStorage.volumes().toArray();
    const root = volumes.find((v) => v.attachments.some((a) => a.serverId === id));
    assert.ok(root, 'a volume is attached to the instance');
    assert.equal(root.size, size);
    assert.equal(root.bootable, true);
    assert.equal(root.status, 'in-use');
    await compute.deleteServer(id);
    await until('the root volume deleted with the instance', async () => blockStorage.volume(root.id).then(() => false, (e: unknown) => e instanceof OpenStackError && e.status === 404), 180_000);
  });

  it('pages volumes ordered by name with a small limit', async () => {
    const ours = (v: Volume) => v.name.startsWith(tag);
    const first = await blockStorage.volumes({ limit: 1, byName: true }).firstPage();
    assert.equal(first.items.length, 1);
    assert.equal(first.hasMore, true);
    const all: Volume[] = [];
    for await (const v of blockStorage.volumes({ limit: 1, byName: true }).all()) all.push(v);
    const names = all.filter(ours).map((v) => v.name);
    assert.deepEqual(names, [`${tag}-blank`, `${tag}-from-snap`, `${tag}-img`]);
    const second = await blockStorage.volumes({ limit: 1, byName: true }).nextPage(first);
    assert.notEqual(second.items[0].id, first.items[0].id);
  });

  it('deletes a volume with its snapshot gone', async () => {
    await blockStorage.deleteSnapshot(snapshotId);
    await until('snapshot gone', async () => blockStorage.snapshot(snapshotId).then(() => false, (err: unknown) => err instanceof OpenStackError && err.status === 404));
    await deleteVolume(made.blank!.id);
    assert.equal((await blockStorage.volumes({ name: `${tag}-blank` }).toArray()).length, 0);
  });
});

// The volume rows' texts, the checks of the volume steps, their CLI lines, Cinder's refusals (fault texts as Zed's
// Cinder words them; the busy text was captured from the dev cloud) and the volume microversion negotiation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainRefusal, volumeBusy } from '../../../src/core/refusals';
import {
  attachmentText, deleteRefusalFix, extendInUseProblem, extendProblem, imageMinimumGiB, sizeProblem, snapshotCreateCli,
  volumeAttachCli, volumeCreateCli, volumeDescription, volumeDetachCli, volumeExtendCli, inTransition,
} from '../../../src/features/volumes/model/volumesFormat';
import { bootVolumeCliNote, joinNotes, launchCli, type LaunchSpec } from '../../../src/features/instances/model/launchInstanceInputs';
import { negotiateVolume } from '../../../src/openstack/blockStorage';
import { toVolume, type Volume } from '../../../src/openstack/blockStorageModels';
import { serverCreateBody } from '../../../src/openstack/computeModels';
import { OpenStackError } from '../../../src/openstack/errors';
import { versionedRoot } from '../../../src/openstack/serviceRoot';

function volume(over: Partial<Parameters<typeof toVolume>[0]> = {}): Volume {
  return toVolume({ id: 'v1', name: 'data', status: 'available', size: 1, bootable: 'false', attachments: [], created_at: '2026-01-01', ...over });
}

const names = new Map([['s1', 'web-1']]);

test('a row says status, size, bootable and where it is attached (an unknown instance by its id)', () => {
  assert.equal(volumeDescription(volume(), names), 'available · 1 GiB');
  const attached = volume({ status: 'in-use', size: 2, bootable: 'true', attachments: [{ server_id: 's1', device: '/dev/vdb' }, { server_id: 's9' }] });
  assert.equal(attached.bootable, true);
  assert.equal(volumeDescription(attached, names), 'in-use · 2 GiB · bootable · attached to web-1 at /dev/vdb · attached to s9');
  assert.deepEqual(attachmentText(attached, new Map()), ['attached to s1 at /dev/vdb', 'attached to s9']);
});

test('transitional statuses poll; settled ones do not', () => {
  for (const s of ['creating', 'attaching', 'detaching', 'extending', 'deleting', 'downloading', 'reserved']) assert.equal(inTransition({ status: s }), true, s);
  for (const s of ['available', 'in-use', 'error', 'error_extending']) assert.equal(inTransition({ status: s }), false, s);
});

test('sizes: whole GiB, at least the source, within the quota; extend only grows', () => {
  assert.equal(sizeProblem('2', 1), undefined);
  assert.match(sizeProblem('0', 1)!, /1 or more/);
  assert.match(sizeProblem('1.5', 1)!, /whole number/);
  assert.match(sizeProblem('1', 2)!, /At least 2 GiB/);
  assert.match(sizeProblem('20', 1, 10)!, /leaves 10 GiB/);
  assert.equal(extendProblem('3', 2), undefined);
  assert.match(extendProblem('2', 2)!, /cannot shrink/);
  assert.match(extendProblem('30', 2, 5)!, /leaves 5 GiB more/);
  // an image's minimum: its min_disk, or its data rounded up to whole GiB
  assert.equal(imageMinimumGiB({ minDisk: 0, size: 20 * 1024 * 1024 }), 1);
  assert.equal(imageMinimumGiB({ minDisk: 0, size: 1.5 * 1024 ** 3 }), 2);
  assert.equal(imageMinimumGiB({ minDisk: 5, size: 1024 }), 5);
});

test('an attached volume is extended only from microversion 3.42', () => {
  assert.match(extendInUseProblem({ status: 'in-use' }, false)!, /3\.42/);
  assert.equal(extendInUseProblem({ status: 'in-use' }, true), undefined);
  assert.equal(extendInUseProblem({ status: 'available' }, false), undefined);
});

test('CLI lines as python-openstackclient spells them', () => {
  const ctx = { cloud: 'devcloud' };
  assert.equal(volumeCreateCli(ctx, { name: 'data', size: 1, source: { kind: 'blank' } }), 'openstack --os-cloud devcloud volume create --size 1 data');
  assert.equal(volumeCreateCli(ctx, { name: 'root', size: 2, source: { kind: 'image', id: 'i1', name: 'cirros', cliName: 'cirros' }, volumeType: 'ssd' }),
    'openstack --os-cloud devcloud volume create --size 2 --image cirros --type ssd root');
  assert.equal(volumeCreateCli(ctx, { name: 'root', size: 2, source: { kind: 'image', id: 'i1', name: 'cirros' } }),
    'openstack --os-cloud devcloud volume create --size 2 --image i1 root', 'a name not known to be unique: the id');
  assert.equal(volumeCreateCli(ctx, { name: 'copy', size: 1, source: { kind: 'snapshot', id: 's1', name: '' } }), 'openstack --os-cloud devcloud volume create --size 1 --snapshot s1 copy');
  assert.equal(volumeExtendCli(ctx, 'v1', 3), 'openstack --os-cloud devcloud volume set --size 3 v1');
  assert.equal(volumeAttachCli(ctx, 's1', 'v1'), 'openstack --os-cloud devcloud server add volume s1 v1');
  assert.equal(volumeDetachCli(ctx, 's1', 'v1'), 'openstack --os-cloud devcloud server remove volume s1 v1');
  assert.equal(snapshotCreateCli(ctx, 'v1', 'data snap', true), "openstack --os-cloud devcloud volume snapshot create --volume v1 --force 'data snap'");
});

test('boot from a new volume: the mapping nova gets, and the CLI line', () => {
  const body = serverCreateBody({ name: 'vm', imageRef: 'img', flavorRef: 'f', networks: 'none', bootVolume: { size: 2, deleteOnTermination: true } }).server;
  assert.equal(body.imageRef, undefined);
  assert.deepEqual(body.block_device_mapping_v2, [{ boot_index: 0, uuid: 'img', source_type: 'image', destination_type: 'volume', volume_size: 2, delete_on_termination: true }]);
  assert.equal(serverCreateBody({ name: 'vm', imageRef: 'img', flavorRef: 'f', networks: 'none' }).server.imageRef, 'img');
  const spec: LaunchSpec = { name: 'vm', image: { id: 'img', name: 'cirros' }, flavor: { id: 'f', name: 'm1.tiny' }, networks: 'auto', securityGroups: [], metadata: {}, count: 1 };
  assert.match(launchCli({ ...spec, bootVolume: { size: 2, deleteOnTermination: false } }, {}), /server create --image cirros --boot-from-volume 2 --flavor m1\.tiny/);
  // the CLI (6.0) refuses a boot mapping without --image, and --boot-from-volume keeps the volume: the note says so
  assert.match(launchCli({ ...spec, bootVolume: { size: 2, deleteOnTermination: true } }, {}), /server create --image cirros --boot-from-volume 2 --flavor/);
  assert.match(bootVolumeCliNote({ bootVolume: { size: 2, deleteOnTermination: true } }) ?? '', /stays when the instance is deleted/);
  assert.equal(bootVolumeCliNote({ bootVolume: { size: 2, deleteOnTermination: false } }), undefined);
  assert.equal(joinNotes(undefined, 'b'), 'b');
  assert.equal(joinNotes(undefined, undefined), undefined);
});

function cinder(status: number, text: string, faultType: string): OpenStackError {
  return new OpenStackError({ kind: 'http', service: 'Cinder', status, text, serviceMessage: text, faultType, method: 'POST', url: 'http://127.0.0.1:8776/v3/p/volumes' });
}

test("Cinder's refusals: quota, busy volume (with the fix the second look finds), extend of an attached volume", () => {
  const said = (e: OpenStackError) => explainRefusal(e)?.message ?? '';
  assert.match(said(cinder(413, 'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 2000G, quota is 1000G and 6G has been consumed.', 'overLimit')),
    /^This needs 2000 GiB, but the project's volume storage quota has 6 of 1000 GiB in use \(994 GiB left\).*\(Cinder said: VolumeSizeExceeds/);
  assert.match(said(cinder(413, "VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded for quota 'volumes'.", 'overLimit')), /may have 10 volumes/);
  const busy = cinder(400, 'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.', 'badRequest');
  assert.ok(volumeBusy(busy));
  assert.match(said(busy), /detach it and delete its snapshots first/);
  assert.equal(volumeBusy(cinder(400, 'Invalid input received', 'badRequest')), undefined);
  const attached = volume({ status: 'in-use', attachments: [{ server_id: 's1' }] });
  assert.equal(deleteRefusalFix(attached, 2, names), 'Detach it from web-1 first. Delete its 2 snapshots first.');
  assert.equal(deleteRefusalFix(volume({ status: 'creating' }), 0, names), 'It is creating: wait until it settles, then delete it.');
  assert.match(said(cinder(400, "Invalid volume: Volume v1 status must be 'available' to extend, currently in-use.", 'badRequest')), /extends only detached volumes/);
});

test('the volume microversion: the ceiling, the server, a pin', () => {
  assert.equal(negotiateVolume({ min: '3.0', max: '3.70' }), '3.60');
  assert.equal(negotiateVolume({ min: '3.0', max: '3.27' }), '3.27');
  assert.equal(negotiateVolume({ min: '3.0', max: '3.70' }, '3.40'), '3.40');
  assert.equal(negotiateVolume({ min: '3.0', max: '3.70' }, '3'), '3.60');
  assert.throws(() => negotiateVolume({ min: '3.65', max: '3.70' }), /requires microversion 3\.65 or later, but this client speaks up to 3\.60/);
  assert.throws(() => negotiateVolume({ min: '3.30', max: '3.70' }, '3.20'), /volume_api_version 3\.20 is below 3\.30/);
  // the catalog URL keeps its project path; a bare one gets /v3, a /v2 one is read as /v3 beside it
  assert.equal(versionedRoot('block-storage', 'http://c:8776/v3/p1'), 'http://c:8776/v3/p1');
  assert.equal(versionedRoot('block-storage', 'http://c:8776'), 'http://c:8776/v3');
  assert.equal(versionedRoot('block-storage', 'http://c:8776/v2/p1'), 'http://c:8776/v3/p1');
});

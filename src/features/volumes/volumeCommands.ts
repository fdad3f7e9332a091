// OpenStack: Create Volume… (blank, from an image or a snapshot), Extend Volume…, Delete Volume, Attach Volume…
// (from a volume: pick an instance; from an instance: pick an available volume), Detach Volume, Create Snapshot…
// and Delete Snapshot. Each ends with "Copy as openstack CLI"; the tree follows volumes through their transitions
// (the category polls), and the snapshot commands wait for theirs, as the category does not list snapshots.
import * as l10n from '@vscode/l10n';
import type { Snapshot, Volume, VolumeLimits } from '../../openstack/blockStorageModels';
import type { Server } from '../../openstack/computeModels';
import type { Image } from '../../openstack/image';
import { OpenStackError } from '../../openstack/errors';
import { cliNote } from '../../core/cliLine';
import { Refused, volumeBusy } from '../../core/refusals';
import { changedIn, confirm, done, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import { runFlow, type FlowStep } from '../../ui/flow';
import { pickOne, pickUsable, type Item } from '../../ui/pickers';
import { withProgress } from '../../ui/runCommand';
import { projectContext, type ProjectContext } from '../../context/target';
import type { Target } from '../../core/target';
import {
  deleteRefusalFix, extendInUseProblem, extendProblem, imageMinimumGiB, sizeProblem, snapshotCreateCli, snapshotDeleteCli,
  volumeAttachCli, volumeCreateCli, volumeDeleteCli, volumeDetachCli, volumeExtendCli, volumeLabel, volumeNameProblem,
  type VolumeCreateSpec, type VolumeSource,
} from './model/volumesFormat';

/** A VolumeNode, a SnapshotNode (its volume and snapshot), a ServerNode, or nothing from the palette. */
export interface VolumeArg {
  volume?: Volume;
  snapshot?: Snapshot;
  server?: Server;
}

const left = (limits: VolumeLimits | undefined): number | undefined =>
  limits && limits.gigabytes.limit >= 0 ? Math.max(0, limits.gigabytes.limit - limits.gigabytes.used) : undefined;

/** The volume's row label with its instances: nova's names of them, read once. */
async function serverNames(target: Target, signal?: AbortSignal): Promise<Map<string, string>> {
  const servers = await target.client.compute.serverNames().toArray(signal);
  return new Map(servers.map((s) => [s.id, s.name || s.id]));
}

async function pickVolume(target: Target, title: string, filter: (v: Volume) => boolean, empty: string): Promise<Volume> {
  return pickOne(title, l10n.t('The volume'), async () => (await target.client.blockStorage.volumes({ byName: true }).toArray())
    .filter(filter).map((v) => ({ label: volumeLabel(v), description: `${v.status} · ${v.size} GiB`, detail: v.id, value: v })), empty);
}

// ---- Create

/** Name → source (blank, image, snapshot) → the image or snapshot → size → type (if several) → zone (if several). */
export async function collectVolumeCreate(target: Target, preset?: VolumeSource): Promise<VolumeCreateSpec> {
  const { blockStorage, image } = target.client;
  const limits = blockStorage.limits().catch(() => undefined);
  const types = blockStorage.volumeTypes().catch(() => []);
  const zones = blockStorage.availabilityZones().catch(() => [] as string[]);
  const spec: VolumeCreateSpec = { name: '', size: 1, source: preset ?? { kind: 'blank' } };
  let minimum = 1;
  const name: FlowStep<VolumeCreateSpec> = {
    async ask(input) {
      spec.name = (await input.inputBox({ prompt: l10n.t('Name of the new volume'), value: spec.name, validate: volumeNameProblem })).trim();
    },
  };
  const source: FlowStep<VolumeCreateSpec> = {
    when: () => !preset,
    async ask(input) {
      const items: Item<VolumeSource['kind']>[] = [
        { label: l10n.t('Blank'), description: l10n.t('an empty disk, to format and mount in an instance'), value: 'blank' },
        { label: l10n.t('From an image…'), description: l10n.t('a bootable copy of a Glance image'), value: 'image' },
        { label: l10n.t('From a snapshot…'), description: l10n.t('a copy of a volume as it was when the snapshot was taken'), value: 'snapshot' },
      ];
      const kind = await pickUsable(input, l10n.t('What the volume starts with'), items, (k) => k === spec.source.kind);
      if (kind !== spec.source.kind) spec.source = kind === 'blank' ? { kind } : { kind, id: '', name: '' };
      if (kind === 'blank') minimum = 1;
    },
  };
  const imageStep: FlowStep<VolumeCreateSpec> = {
    when: () => spec.source.kind === 'image' && !preset,
    async ask(input) {
      const images = await image.images({ status: 'active', byName: true }).toArray();
      const items: Item<Image>[] = images.map((i) => ({ label: i.name || i.id, description: l10n.t('at least {0} GiB', imageMinimumGiB(i)), detail: i.id, value: i }));
      if (!items.length) throw new Refused(l10n.t('This project sees no active image.'));
      const chosen = await pickUsable(input, l10n.t('The image to copy into the volume'), items, (i) => spec.source.kind === 'image' && i.id === spec.source.id);
      spec.source = { kind: 'image', id: chosen.id, name: chosen.name };
      minimum = imageMinimumGiB(chosen);
    },
  };
  const snapshotStep: FlowStep<VolumeCreateSpec> = {
    when: () => spec.source.kind === 'snapshot' && !preset,
    async ask(input) {
      const snapshots = (await blockStorage.snapshots().toArray()).filter((s) => s.status === 'available');
      const items: Item<Snapshot>[] = snapshots.map((s) => ({ label: s.name || s.id, description: `${s.size} GiB`, detail: s.id, value: s }));
      if (!items.length) throw new Refused(l10n.t('This project has no available snapshot: create one from a volume first.'));
      const chosen = await pickUsable(input, l10n.t('The snapshot to copy into the volume'), items, (s) => spec.source.kind === 'snapshot' && s.id === spec.source.id);
      spec.source = { kind: 'snapshot', id: chosen.id, name: chosen.name };
      minimum = chosen.size;
    },
  };
  const size: FlowStep<VolumeCreateSpec> = {
    async ask(input) {
      const room = left(await limits);
      const value = String(Math.max(spec.size, minimum));
      const prompt = room === undefined ? l10n.t('Size in GiB (at least {0})', minimum) : l10n.t('Size in GiB (at least {0}; the quota leaves {1})', minimum, room);
      spec.size = Number((await input.inputBox({ prompt, value, validate: (v) => sizeProblem(v, minimum, room) })).trim());
    },
  };
  const typeStep: FlowStep<VolumeCreateSpec> = {
    async ask(input) {
      const all = await types;
      if (all.length < 2) return;
      const items: Item<string>[] = all.map((t) => ({ label: t.name, description: t.description, value: t.name }));
      spec.volumeType = await pickUsable(input, l10n.t('The volume type (the storage backend and its qualities)'), items, (t) => t === spec.volumeType);
    },
  };
  const zoneStep: FlowStep<VolumeCreateSpec> = {
    async ask(input) {
      const all = await zones;
      if (all.length < 2) return;
      const items: Item<string>[] = all.map((z) => ({ label: z, value: z }));
      spec.availabilityZone = await pickUsable(input, l10n.t('The availability zone (an instance attaches volumes of its own zone)'), items, (z) => z === spec.availabilityZone);
    },
  };
  if (preset?.kind === 'snapshot') minimum = (await blockStorage.snapshot(preset.id)).size;
  await runFlow(l10n.t('Create volume'), spec, [name, source, imageStep, snapshotStep, size, typeStep, zoneStep]);
  return spec;
}

/** Requests: POST /volumes. */
export async function executeVolumeCreate(spec: VolumeCreateSpec, target: Target, signal: AbortSignal, changed?: Changed): Promise<Volume> {
  const { source } = spec;
  const volume = await target.client.blockStorage.createVolume({
    name: spec.name, size: spec.size, volumeType: spec.volumeType, availabilityZone: spec.availabilityZone,
    imageId: source.kind === 'image' ? source.id : undefined, snapshotId: source.kind === 'snapshot' ? source.id : undefined,
  }, signal);
  await changed?.('volumes');
  return volume;
}

export async function createVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const preset: VolumeSource | undefined = node?.snapshot ? { kind: 'snapshot', id: node.snapshot.id, name: node.snapshot.name } : undefined;
  const spec = await collectVolumeCreate(target, preset);
  await withProgress(l10n.t('Creating volume {0}', spec.name), (signal) => executeVolumeCreate(spec, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Creating volume {0} ({1} GiB): the OpenStack view follows it until it is available.', spec.name, spec.size), (c) => volumeCreateCli(c, spec));
}

/** Says MESSAGE with the command's CLI line on offer. */
async function finish(target: ProjectContext, message: string, cli: (context: Awaited<ReturnType<ProjectContext['cli']>>) => string): Promise<void> {
  const context = await target.cli();
  done(message, cli(context), cliNote(context));
}

// ---- Extend

/** Requests: POST /volumes/{id}/action (os-extend). */
export async function executeVolumeExtend(volume: Volume, newSize: number, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  const problem = extendInUseProblem(volume, await target.client.blockStorage.canExtendInUse(signal));
  if (problem) throw new Refused(problem);
  await target.client.blockStorage.extendVolume(volume.id, newSize, signal);
  await changed?.('volumes');
}

export async function extendVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Extend volume'), (v) => v.status === 'available' || v.status === 'in-use', l10n.t('This project has no volume that can be extended.'));
  const { blockStorage } = target.client;
  // refused before asking: an answer that cannot be used would waste the student's time
  const problem = extendInUseProblem(volume, await blockStorage.canExtendInUse());
  if (problem) throw new Refused(problem);
  const room = left(await blockStorage.limits().catch(() => undefined));
  let size = volume.size + 1;
  await runFlow(l10n.t('Extend volume {0}', volumeLabel(volume)), undefined, [{
    async ask(input) {
      size = Number((await input.inputBox({
        prompt: l10n.t('New size in GiB (now {0}; a volume only grows)', volume.size), value: String(size), validate: (v) => extendProblem(v, volume.size, room),
      })).trim());
    },
  }]);
  await withProgress(l10n.t('Extending {0} to {1} GiB', volumeLabel(volume), size), (signal) => executeVolumeExtend(volume, size, target, signal, changedIn(deps, target)));
  const note = volume.status === 'in-use' ? l10n.t(' Inside the instance, grow the partition and file system too (e.g. growpart, resize2fs).') : '';
  await finish(target, l10n.t('Extending {0} to {1} GiB.{2}', volumeLabel(volume), size, note), (c) => volumeExtendCli(c, volume.id, size));
}

// ---- Delete

/**
 * Requests: DELETE /volumes/{id}; when Cinder refuses it as attached, with snapshots or busy, GET the volume, its
 * snapshots and the instance names to say which fix applies (Cinder's words kept).
 */
export async function executeVolumeDelete(volume: Volume, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  const { blockStorage } = target.client;
  try {
    await blockStorage.deleteVolume(volume.id, signal);
  } catch (err) {
    const busy = volumeBusy(err);
    if (!busy) throw err;
    const [now, snapshots, names] = await Promise.all([
      blockStorage.volume(volume.id, signal), blockStorage.snapshots({ volumeId: volume.id }).toArray(signal), serverNames(target, signal).catch(() => new Map<string, string>()),
    ]);
    throw new Refused(`${l10n.t('Cinder keeps volume {0}: {1}', volumeLabel(volume), deleteRefusalFix(now, snapshots.length, names))} ${busy.said}`);
  }
  await changed?.('volumes');
}

export async function deleteVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Delete volume'), () => true, l10n.t('This project has no volumes.'));
  await confirm(l10n.t("Delete volume '{0}'?", volumeLabel(volume)), l10n.t('Its {0} GiB and everything on them are gone for good.', volume.size));
  await withProgress(l10n.t('Deleting volume {0}', volumeLabel(volume)), (signal) => executeVolumeDelete(volume, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Deleting volume {0}: the OpenStack view follows it until it is gone.', volumeLabel(volume)), (c) => volumeDeleteCli(c, volume.id));
}

// ---- Attach and detach (through nova, as `openstack server add volume` does)

/** Requests: POST /servers/{id}/os-volume_attachments. */
export async function executeVolumeAttach(serverId: string, volumeId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<{ device?: string }> {
  const attached = await target.client.compute.attachVolume(serverId, volumeId, undefined, signal);
  await changed?.('volumes');
  return attached;
}

/** Nova attaches volumes to instances in these statuses. */
const ATTACHABLE = ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED'];

async function pickServerFor(target: Target, volume: Volume): Promise<Server> {
  return pickOne(l10n.t('Attach {0}', volumeLabel(volume)), l10n.t('The instance to attach {0} to', volumeLabel(volume)), async () =>
    (await target.client.compute.servers({ byName: true }).toArray()).map((s) => ({
      label: s.name || s.id, description: s.status, detail: s.id, value: s,
      unusable: volume.attachments.some((a) => a.serverId === s.id) ? l10n.t('already attached to it')
        : !ATTACHABLE.includes(s.status) ? l10n.t('nova attaches volumes only to an instance that is ACTIVE, SHUTOFF, PAUSED or SUSPENDED') : undefined,
    })), l10n.t('This project has no instances.'));
}

export async function attachVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  let volume = node?.volume;
  let server = node?.server;
  if (!volume) {
    volume = await pickOne(l10n.t('Attach volume'), server ? l10n.t('The volume to attach to {0}', server.name || server.id) : l10n.t('The volume to attach'), async () =>
      (await target.client.blockStorage.volumes({ byName: true }).toArray()).map((v) => ({
        label: volumeLabel(v), description: `${v.status} · ${v.size} GiB`, detail: v.id, value: v,
        unusable: v.status === 'available' ? undefined : l10n.t('{0}: only an available volume can be attached', v.status),
      })), l10n.t('This project has no volumes: create one first.'));
  }
  if (volume.status !== 'available' && !volume.multiattach) throw new Refused(l10n.t('Volume {0} is {1}: only an available volume can be attached.', volumeLabel(volume), volume.status));
  server ??= await pickServerFor(target, volume);
  const v = volume;
  const s = server;
  const { device } = await withProgress(l10n.t('Attaching {0} to {1}', volumeLabel(v), s.name || s.id), (signal) => executeVolumeAttach(s.id, v.id, target, signal, changedIn(deps, target)));
  const at = device ? l10n.t('Attaching {0} to {1} at {2}.', volumeLabel(v), s.name || s.id, device) : l10n.t('Attaching {0} to {1}.', volumeLabel(v), s.name || s.id);
  await finish(target, at, (c) => volumeAttachCli(c, s.id, v.id));
}

/** Requests: DELETE /servers/{id}/os-volume_attachments/{volume_id}. */
export async function executeVolumeDetach(serverId: string, volumeId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.compute.detachVolume(serverId, volumeId, signal);
  await changed?.('volumes');
}

export async function detachVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Detach volume'), (v) => v.attachments.length > 0, l10n.t('No volume of this project is attached.'));
  if (!volume.attachments.length) throw new Refused(l10n.t('Volume {0} is not attached to any instance.', volumeLabel(volume)));
  const names = await serverNames(target).catch(() => new Map<string, string>());
  const attachment = volume.attachments.length === 1 ? volume.attachments[0] : await pickOne(l10n.t('Detach volume'), l10n.t('The instance to detach it from'),
    async () => volume.attachments.map((a) => ({ label: names.get(a.serverId) ?? a.serverId, description: a.device, value: a })), '');
  const serverName = names.get(attachment.serverId) ?? attachment.serverId;
  await confirm(l10n.t("Detach '{0}' from {1}?", volumeLabel(volume), serverName),
    l10n.t('Unmount it inside the instance first: a file system in use when its disk goes away can lose what was not written yet.'), l10n.t('Detach'));
  await withProgress(l10n.t('Detaching {0} from {1}', volumeLabel(volume), serverName), (signal) => executeVolumeDetach(attachment.serverId, volume.id, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Detaching {0} from {1}: the OpenStack view follows it until it is available.', volumeLabel(volume), serverName), (c) => volumeDetachCli(c, attachment.serverId, volume.id));
}

// ---- Snapshots

/** Polls the snapshot until SETTLED says so (or it is gone, when GONE is fine); a status of error fails. */
async function followSnapshot(target: Target, id: string, signal: AbortSignal, goneIsDone: boolean): Promise<void> {
  for (let i = 0; i < 600; i++) {
    let status: string;
    try {
      status = (await target.client.blockStorage.snapshot(id, signal)).status;
    } catch (err) {
      if (goneIsDone && err instanceof OpenStackError && err.status === 404) return;
      throw err;
    }
    if (status.startsWith('error')) throw new Refused(l10n.t('Cinder reports the snapshot as {0}: its storage backend failed; see the Cinder volume service log.', status));
    if (!goneIsDone && status === 'available') return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (signal.aborted) return;
  }
}

/** Requests: POST /snapshots, then GET /snapshots/{id} until it is available. */
export async function executeSnapshotCreate(volume: Volume, name: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<Snapshot> {
  const snapshot = await target.client.blockStorage.createSnapshot({ volumeId: volume.id, name, force: volume.status === 'in-use' }, signal);
  await changed?.('volumes');
  await followSnapshot(target, snapshot.id, signal, false);
  await changed?.('volumes');
  return snapshot;
}

export async function createSnapshot(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Create snapshot'), (v) => v.status === 'available' || v.status === 'in-use', l10n.t('This project has no volume to snapshot.'));
  let name = `${volumeLabel(volume)}-snap`;
  const inUse = volume.status === 'in-use';
  await runFlow(l10n.t('Create snapshot of {0}', volumeLabel(volume)), undefined, [{
    async ask(input) {
      name = (await input.inputBox({
        prompt: inUse ? l10n.t('Name of the snapshot. The volume is attached: it is taken anyway (--force), with what the instance has written to disk so far; stop the instance or unmount the volume first for a consistent copy.')
          : l10n.t('Name of the snapshot'),
        value: name, validate: volumeNameProblem,
      })).trim();
    },
  }]);
  await withProgress(l10n.t('Creating snapshot {0}', name), (signal) => executeSnapshotCreate(volume, name, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Snapshot {0} of {1} is available: create a volume from it to get this copy back.', name, volumeLabel(volume)), (c) => snapshotCreateCli(c, volume.id, name, inUse));
}

/** Requests: DELETE /snapshots/{id}, then GET /snapshots/{id} until it is gone. */
export async function executeSnapshotDelete(snapshotId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.blockStorage.deleteSnapshot(snapshotId, signal);
  await changed?.('volumes');
  await followSnapshot(target, snapshotId, signal, true);
  await changed?.('volumes');
}

export async function deleteSnapshot(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const snapshot = node?.snapshot ?? await pickOne(l10n.t('Delete snapshot'), l10n.t('The snapshot to delete'), async () =>
    (await target.client.blockStorage.snapshots().toArray()).map((s) => ({ label: s.name || s.id, description: `${s.status} · ${s.size} GiB`, detail: s.id, value: s })),
  l10n.t('This project has no snapshots.'));
  const label = snapshot.name || snapshot.id;
  await confirm(l10n.t("Delete snapshot '{0}'?", label), l10n.t('The volume it was taken of is not touched; volumes already made from it keep their data.'));
  await withProgress(l10n.t('Deleting snapshot {0}', label), (signal) => executeSnapshotDelete(snapshot.id, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Snapshot {0} deleted.', label), (c) => snapshotDeleteCli(c, snapshot.id));
}

/** The commands, for registerComputeCommands. */
export function volumeCommands(deps: ProjectCommandDeps): [string, (node?: VolumeArg) => Promise<void>][] {
  return [
    ['openstack.createVolume', (n) => createVolume(deps, n)],
    ['openstack.extendVolume', (n) => extendVolume(deps, n)],
    ['openstack.deleteVolume', (n) => deleteVolume(deps, n)],
    ['openstack.attachVolume', (n) => attachVolume(deps, n)],
    ['openstack.detachVolume', (n) => detachVolume(deps, n)],
    ['openstack.createVolumeSnapshot', (n) => createSnapshot(deps, n)],
    ['openstack.deleteVolumeSnapshot', (n) => deleteSnapshot(deps, n)],
  ];
}


// OpenStack: Create Volume… (blank, from an image or a snapshot), Extend Volume… and Delete Volume, and the
// registration of every volume command (attachCommands.ts, snapshotCommands.ts). Each ends with "Copy as openstack
// CLI"; the tree follows volumes through their transitions (the category polls).
import * as l10n from '@vscode/l10n';
import type { Snapshot, Volume, VolumeLimits } from '../../openstack/blockStorageModels';
import type { Image } from '../../openstack/image';
import { uniqueNames } from '../../core/cliLine';
import { Refused, volumeBusy } from '../../core/refusals';
import { changedIn, confirm, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import { runFlow, type FlowStep } from '../../ui/flow';
import { pickUsable, type Item } from '../../ui/pickers';
import { withProgress } from '../../ui/runCommand';
import { projectContext } from '../../context/target';
import type { Target } from '../../core/target';
import {
  deleteRefusalFix, extendInUseProblem, extendProblem, imageMinimumGiB, sizeProblem, volumeCreateCli, volumeDeleteCli,
  volumeExtendCli, volumeLabel, volumeNameProblem, type VolumeCreateSpec, type VolumeSource,
} from './model/volumesFormat';
import { attachVolume, detachVolume } from './attachCommands';
import { createSnapshot, deleteSnapshot } from './snapshotCommands';
import { attachedServerNames, finish, pickVolume, type VolumeArg } from './volumePicks';

const left = (limits: VolumeLimits | undefined): number | undefined =>
  limits && limits.gigabytes.limit >= 0 ? Math.max(0, limits.gigabytes.limit - limits.gigabytes.used) : undefined;

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
      spec.source = { kind: 'image', id: chosen.id, name: chosen.name, cliName: uniqueNames(images).get(chosen.id) };
      minimum = imageMinimumGiB(chosen);
    },
  };
  const snapshotStep: FlowStep<VolumeCreateSpec> = {
    when: () => spec.source.kind === 'snapshot' && !preset,
    async ask(input) {
      const all = await blockStorage.snapshots().toArray();
      const snapshots = all.filter((s) => s.status === 'available');
      const items: Item<Snapshot>[] = snapshots.map((s) => ({ label: s.name || s.id, description: `${s.size} GiB`, detail: s.id, value: s }));
      if (!items.length) throw new Refused(l10n.t('This project has no available snapshot: create one from a volume first.'));
      const chosen = await pickUsable(input, l10n.t('The snapshot to copy into the volume'), items, (s) => spec.source.kind === 'snapshot' && s.id === spec.source.id);
      spec.source = { kind: 'snapshot', id: chosen.id, name: chosen.name, cliName: uniqueNames(all).get(chosen.id) };
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
  if (preset?.kind === 'snapshot') minimum = preset.size ?? (await blockStorage.snapshot(preset.id)).size;
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
  const preset: VolumeSource | undefined = node?.snapshot ? { kind: 'snapshot', id: node.snapshot.id, name: node.snapshot.name, size: node.snapshot.size } : undefined;
  const spec = await collectVolumeCreate(target, preset);
  await withProgress(l10n.t('Creating volume {0}', spec.name), (signal) => executeVolumeCreate(spec, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Creating volume {0} ({1} GiB): the OpenStack view follows it until it is available.', spec.name, spec.size), (c) => volumeCreateCli(c, spec));
}

// ---- Extend

/** Requests: POST /volumes/{id}/action (os-extend). */
export async function executeVolumeExtend(volume: Volume, newSize: number, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.blockStorage.extendVolume(volume.id, newSize, signal);
  await changed?.('volumes');
}

export async function extendVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Extend volume'), l10n.t('This project has no volume that can be extended.'), { filter: (v) => v.status === 'available' || v.status === 'in-use' });
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
    const [now, snapshots] = await Promise.all([blockStorage.volume(volume.id, signal), blockStorage.snapshots({ volumeId: volume.id }).toArray(signal)]);
    const names = await attachedServerNames(target, now, signal);
    throw new Refused(`${l10n.t('Cinder keeps volume {0}: {1}', volumeLabel(volume), deleteRefusalFix(now, snapshots.length, names))} ${busy.said}`);
  }
  await changed?.('volumes');
}

export async function deleteVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Delete volume'), l10n.t('This project has no volumes.'));
  await confirm(l10n.t("Delete volume '{0}'?", volumeLabel(volume)), l10n.t('Its {0} GiB and everything on them are gone for good.', volume.size));
  await withProgress(l10n.t('Deleting volume {0}', volumeLabel(volume)), (signal) => executeVolumeDelete(volume, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Deleting volume {0}: the OpenStack view follows it until it is gone.', volumeLabel(volume)), (c) => volumeDeleteCli(c, volume.id));
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


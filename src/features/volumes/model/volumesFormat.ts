// What the Volumes rows say, the checks behind the volume steps, the openstack CLI lines of the volume commands,
// and which fix a refused delete needs. Pure: no vscode import, unit-tested.
import * as l10n from '@vscode/l10n';
import type { Snapshot, Volume } from '../../../openstack/blockStorageModels';
import { cliLine, optional, type CliContext } from '../../../core/cliLine';

/** Statuses Cinder leaves by itself: the category polls while a row has one. */
const TRANSITIONAL = new Set([
  'creating', 'attaching', 'detaching', 'extending', 'deleting', 'downloading', 'uploading', 'reserved',
  'backing-up', 'restoring-backup', 'retyping', 'maintenance', 'awaiting-transfer',
]);

/** A volume or a snapshot in one of Cinder's transitional statuses. */
export function inTransition(v: Pick<Volume | Snapshot, 'status'>): boolean {
  return TRANSITIONAL.has(v.status);
}

/** A volume's name, or its id when it has none. */
export function volumeLabel(v: Pick<Volume, 'id' | 'name'>): string {
  return v.name || v.id;
}

/** "attached to web-1 at /dev/vdb" for each attachment; NAMES: instance id → name (an unknown one is shown by id). */
export function attachmentText(v: Pick<Volume, 'attachments'>, names: ReadonlyMap<string, string>): string[] {
  return v.attachments.map((a) => {
    const server = names.get(a.serverId) ?? a.serverId;
    return a.device ? l10n.t('attached to {0} at {1}', server, a.device) : l10n.t('attached to {0}', server);
  });
}

/** The row's description: "in-use · 1 GiB · bootable · attached to web-1 at /dev/vdb". */
export function volumeDescription(v: Volume, names: ReadonlyMap<string, string>): string {
  return [v.status, `${v.size} GiB`, v.bootable && l10n.t('bootable'), ...attachmentText(v, names)].filter(Boolean).join(' · ');
}

export function snapshotDescription(s: Snapshot): string {
  return `${s.status} · ${s.size} GiB`;
}

/** Cinder takes names of up to 255 characters (an empty name is allowed, but the tree would show an id). */
export function volumeNameProblem(name: string): string | undefined {
  if (!name.trim()) return l10n.t('Enter a name');
  if (name.length > 255) return l10n.t('At most 255 characters (this is {0})', name.length);
  return undefined;
}

/** A whole number of GiB, at least MIN (the source's size), at most what the quota leaves (LEFT, when known). */
export function sizeProblem(value: string, min: number, left?: number): string | undefined {
  const v = value.trim();
  if (!/^\d+$/.test(v) || Number(v) < 1) return l10n.t('Enter the size in GiB: a whole number, 1 or more');
  const n = Number(v);
  if (n < min) return l10n.t('At least {0} GiB: the source needs that much', min);
  if (left !== undefined && n > left) return l10n.t("The project's volume storage quota leaves {0} GiB", left);
  return undefined;
}

/** The extend box's check: more than the current size. */
export function extendProblem(value: string, current: number, left?: number): string | undefined {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return l10n.t('Enter the new size in GiB: a whole number');
  if (Number(v) <= current) return l10n.t('More than the current {0} GiB: Cinder cannot shrink a volume', current);
  if (left !== undefined && Number(v) - current > left) return l10n.t("The project's volume storage quota leaves {0} GiB more", left);
  return undefined;
}

const GiB = 1024 ** 3;

/** The least size of a volume made from an image: its min_disk, and its data rounded up to whole GiB. */
export function imageMinimumGiB(image: { minDisk: number; size: number | null }): number {
  return Math.max(1, image.minDisk, image.size ? Math.ceil(image.size / GiB) : 0);
}

/** Where a new volume's data comes from. */
/** CLINAME: the image's or snapshot's name where it is unique among those the project sees (the CLI line names it so), else absent. */
export type VolumeSource = { kind: 'blank' } | { kind: 'image'; id: string; name: string; cliName?: string } | { kind: 'snapshot'; id: string; name: string; size?: number; cliName?: string };

export interface VolumeCreateSpec {
  name: string;
  size: number;
  source: VolumeSource;
  volumeType?: string;
  availabilityZone?: string;
}

/** `openstack volume create --size 1 [--image X | --snapshot X] [--type T] [--availability-zone Z] NAME`; X by id unless its name is unique. */
export function volumeCreateCli(context: CliContext, spec: VolumeCreateSpec): string {
  const { source } = spec;
  return cliLine(context, [
    'volume', 'create', ['--size', String(spec.size)],
    source.kind === 'image' && ['--image', source.cliName ?? source.id],
    source.kind === 'snapshot' && ['--snapshot', source.cliName ?? source.id],
    ...optional('--type', spec.volumeType), ...optional('--availability-zone', spec.availabilityZone),
  ], [spec.name]);
}

/** The volume as the CLI names it: by id, since names need not be unique. */
export function volumeExtendCli(context: CliContext, volumeId: string, size: number): string {
  return cliLine(context, ['volume', 'set', ['--size', String(size)]], [volumeId]);
}

export function volumeDeleteCli(context: CliContext, volumeId: string): string {
  return cliLine(context, ['volume', 'delete'], [volumeId]);
}

/** `openstack server add volume SERVER VOLUME`: what nova's os-volume_attachments does. */
export function volumeAttachCli(context: CliContext, serverId: string, volumeId: string): string {
  return cliLine(context, ['server', 'add', 'volume'], [serverId, volumeId]);
}

export function volumeDetachCli(context: CliContext, serverId: string, volumeId: string): string {
  return cliLine(context, ['server', 'remove', 'volume'], [serverId, volumeId]);
}

export function snapshotCreateCli(context: CliContext, volumeId: string, name: string, force: boolean): string {
  return cliLine(context, ['volume', 'snapshot', 'create', ['--volume', volumeId], force && '--force'], [name]);
}

export function snapshotDeleteCli(context: CliContext, snapshotId: string): string {
  return cliLine(context, ['volume', 'snapshot', 'delete'], [snapshotId]);
}

/**
 * Why Cinder refused to delete VOLUME (its one text covers attached, has snapshots and busy), from a second look:
 * its attachments (NAMES: their instances) and how many snapshots it has.
 */
export function deleteRefusalFix(volume: Volume, snapshots: number, names: ReadonlyMap<string, string>): string {
  const servers = volume.attachments.map((a) => names.get(a.serverId) ?? a.serverId);
  const fixes = [
    servers.length > 0 && l10n.t('Detach it from {0} first.', servers.join(', ')),
    snapshots > 0 && (snapshots === 1 ? l10n.t('Delete its snapshot first.') : l10n.t('Delete its {0} snapshots first.', snapshots)),
  ].filter((f): f is string => !!f);
  if (fixes.length) return fixes.join(' ');
  return inTransition(volume) ? l10n.t('It is {0}: wait until it settles, then delete it.', volume.status) : l10n.t('Refresh the view and look at its status.');
}

/** Why an in-use volume cannot be extended here, or undefined when it can. */
export function extendInUseProblem(volume: Pick<Volume, 'status'>, canExtendInUse: boolean): string | undefined {
  return volume.status === 'in-use' && !canExtendInUse
    ? l10n.t('This Cinder extends only detached volumes (attached ones need API microversion 3.42): detach it first, extend it, then attach it again.')
    : undefined;
}

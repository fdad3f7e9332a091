// What the volume commands share: the node they were run on, the pick of a volume, and the closing message.
import * as l10n from '@vscode/l10n';
import type { Snapshot, Volume } from '../../openstack/blockStorageModels';
import type { Server } from '../../openstack/computeModels';
import { cliNote } from '../../core/cliLine';
import type { Target } from '../../core/target';
import { done } from '../../ui/commandKit';
import { pagedItems, pickOne } from '../../ui/pickers';
import { pageSize } from '../../ui/tree/node';
import type { ProjectContext } from '../../context/target';
import { volumeLabel } from './model/volumesFormat';

/** A VolumeNode, a SnapshotNode (its volume and snapshot), a ServerNode, or nothing from the palette. */
export interface VolumeArg {
  volume?: Volume;
  snapshot?: Snapshot;
  server?: Server;
}

/** What a volume pick shows: volumes FILTER keeps, those UNUSABLE names a reason for greyed out with it. */
export interface VolumePickOptions {
  filter?: (v: Volume) => boolean;
  unusable?: (v: Volume) => string | undefined;
  placeholder?: string;
}

export function pickVolume(target: Target, title: string, empty: string, opts: VolumePickOptions = {}): Promise<Volume> {
  const { filter = () => true, unusable = () => undefined, placeholder = l10n.t('The volume') } = opts;
  return pickOne(title, placeholder, pagedItems(() => target.client.blockStorage.volumes({ byName: true, limit: pageSize() }), (v) => (filter(v)
    ? { label: volumeLabel(v), description: `${v.status} · ${v.size} GiB`, detail: v.id, value: v, unusable: unusable(v) } : undefined)), empty);
}

/** Says MESSAGE with the command's CLI line on offer. */
export async function finish(target: ProjectContext, message: string, cli: (context: Awaited<ReturnType<ProjectContext['cli']>>) => string): Promise<void> {
  const context = await target.cli();
  done(message, cli(context), cliNote(context));
}

/** The names of the instances VOLUME is attached to: one read per attachment (usually one), never the whole list. */
export async function attachedServerNames(target: Target, volume: Volume, signal?: AbortSignal): Promise<Map<string, string>> {
  const ids = [...new Set(volume.attachments.map((a) => a.serverId))];
  const servers = await Promise.all(ids.map((id) => target.client.compute.server(id, signal).catch(() => undefined)));
  return new Map(servers.flatMap((s) => (s ? [[s.id, s.name || s.id] as const] : [])));
}

// OpenStack: Attach Volume… (from a volume: pick an instance; from an instance: pick an available volume) and
// Detach Volume, through nova as `openstack server add volume` / `server remove volume` do.
import * as l10n from '@vscode/l10n';
import type { Volume } from '../../openstack/blockStorageModels';
import type { Server } from '../../openstack/computeModels';
import { Refused } from '../../core/refusals';
import type { Target } from '../../core/target';
import { changedIn, confirm, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import { pickOne } from '../../ui/pickers';
import { withProgress } from '../../ui/runCommand';
import { pickServer } from '../instances/pickServer';
import { projectContext } from '../../context/target';
import { volumeAttachCli, volumeDetachCli, volumeLabel } from './model/volumesFormat';
import { attachedServerNames, finish, pickVolume, type VolumeArg } from './volumePicks';

/** Requests: POST /servers/{id}/os-volume_attachments. */
export async function executeVolumeAttach(serverId: string, volumeId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<{ device?: string }> {
  const attached = await target.client.compute.attachVolume(serverId, volumeId, signal);
  await changed?.('volumes');
  return attached;
}

/** Nova attaches volumes to instances in these statuses. */
const ATTACHABLE = ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED'];

function pickServerFor(target: Target, volume: Volume): Promise<Server> {
  return pickServer(target.client, {
    title: l10n.t('Attach {0}', volumeLabel(volume)), placeholder: l10n.t('The instance to attach {0} to', volumeLabel(volume)), empty: l10n.t('This project has no instances.'),
    unusable: (s) => (volume.attachments.some((a) => a.serverId === s.id) ? l10n.t('already attached to it')
      : !ATTACHABLE.includes(s.status) ? l10n.t('nova attaches volumes only to an instance that is ACTIVE, SHUTOFF, PAUSED or SUSPENDED') : undefined),
  });
}

export async function attachVolume(deps: ProjectCommandDeps, node?: VolumeArg): Promise<void> {
  const target = await projectContext(node, deps);
  let volume = node?.volume;
  let server = node?.server;
  if (!volume) {
    volume = await pickVolume(target, l10n.t('Attach volume'), l10n.t('This project has no volumes: create one first.'), {
      placeholder: server ? l10n.t('The volume to attach to {0}', server.name || server.id) : l10n.t('The volume to attach'),
      unusable: (v) => (v.status === 'available' ? undefined : l10n.t('{0}: only an available volume can be attached', v.status)),
    });
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
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Detach volume'), l10n.t('No volume of this project is attached.'), { filter: (v) => v.attachments.length > 0 });
  if (!volume.attachments.length) throw new Refused(l10n.t('Volume {0} is not attached to any instance.', volumeLabel(volume)));
  const names = await attachedServerNames(target, volume);
  const attachment = volume.attachments.length === 1 ? volume.attachments[0] : await pickOne(l10n.t('Detach volume'), l10n.t('The instance to detach it from'),
    async () => volume.attachments.map((a) => ({ label: names.get(a.serverId) ?? a.serverId, description: a.device, value: a })), '');
  const serverName = names.get(attachment.serverId) ?? attachment.serverId;
  await confirm(l10n.t("Detach '{0}' from {1}?", volumeLabel(volume), serverName),
    l10n.t('Unmount it inside the instance first: a file system in use when its disk goes away can lose what was not written yet.'), l10n.t('Detach'));
  await withProgress(l10n.t('Detaching {0} from {1}', volumeLabel(volume), serverName), (signal) => executeVolumeDetach(attachment.serverId, volume.id, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Detaching {0} from {1}: the OpenStack view follows it until it is available.', volumeLabel(volume), serverName), (c) => volumeDetachCli(c, attachment.serverId, volume.id));
}

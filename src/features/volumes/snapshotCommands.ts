// OpenStack: Create Snapshot… and Delete Snapshot. Each waits for its snapshot to settle, as the category does not
// poll snapshots, and ends with "Copy as openstack CLI".
import * as l10n from '@vscode/l10n';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cancelled } from '../../core/cancelled';
import type { Snapshot, Volume } from '../../openstack/blockStorageModels';
import { OpenStackError } from '../../openstack/errors';
import { Refused } from '../../core/refusals';
import type { Target } from '../../core/target';
import { changedIn, confirm, type Changed, type ProjectCommandDeps } from '../../ui/commandKit';
import { runFlow } from '../../ui/flow';
import { pagedItems, pickOne } from '../../ui/pickers';
import { pageSize } from '../../ui/tree/node';
import { withProgress } from '../../ui/runCommand';
import { projectContext } from '../../context/target';
import { snapshotCreateCli, snapshotDeleteCli, volumeLabel, volumeNameProblem } from './model/volumesFormat';
import { finish, pickVolume, type VolumeArg } from './volumePicks';

const POLLS = 600;   // one a second: 10 minutes

/**
 * Polls the snapshot once a second until it is available (or gone, when GONEISDONE); a status of error fails, a
 * cancel throws Cancelled, and a snapshot still busy after 10 minutes is refused with where to watch it.
 */
async function followSnapshot(target: Target, id: string, signal: AbortSignal, goneIsDone: boolean): Promise<void> {
  let status = '';
  for (let i = 0; i < POLLS; i++) {
    try {
      status = (await target.client.blockStorage.snapshot(id, signal)).status;
    } catch (err) {
      if (signal.aborted) throw new Cancelled();
      if (goneIsDone && err instanceof OpenStackError && err.status === 404) return;
      throw err;
    }
    if (status.startsWith('error')) throw new Refused(l10n.t('Cinder reports the snapshot as {0}: its storage backend failed; see the Cinder volume service log.', status));
    if (!goneIsDone && status === 'available') return;
    await sleep(1000, undefined, { signal }).catch(() => {
      throw new Cancelled();
    });
  }
  throw new Refused(l10n.t('The snapshot {0} is still {1} after 10 minutes: Cinder has not finished with it. Watch it in the Volumes tree or with `openstack volume snapshot show {0}`; if it stays so, see the Cinder volume service log.', id, status));
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
  const volume = node?.volume ?? await pickVolume(target, l10n.t('Create snapshot'), l10n.t('This project has no volume to snapshot.'), { filter: (v) => v.status === 'available' || v.status === 'in-use' });
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
  const snapshot = node?.snapshot ?? await pickOne(l10n.t('Delete snapshot'), l10n.t('The snapshot to delete'),
    pagedItems(() => target.client.blockStorage.snapshots({ limit: pageSize() }), (s) => ({ label: s.name || s.id, description: `${s.status} · ${s.size} GiB`, detail: s.id, value: s })),
    l10n.t('This project has no snapshots.'));
  const label = snapshot.name || snapshot.id;
  await confirm(l10n.t("Delete snapshot '{0}'?", label), l10n.t('The volume it was taken of is not touched; volumes already made from it keep their data.'));
  await withProgress(l10n.t('Deleting snapshot {0}', label), (signal) => executeSnapshotDelete(snapshot.id, target, signal, changedIn(deps, target)));
  await finish(target, l10n.t('Snapshot {0} deleted.', label), (c) => snapshotDeleteCli(c, snapshot.id));
}

// The Volumes category (after Instances: volumes are what instances attach and boot from): each volume with its
// status, size, bootable flag and the instances it is attached to (names from one bounded page of nova's short
// list: see joinInstanceNames), polled while any is in transition; its snapshots are its children. On a cloud
// without Cinder the category stays, with one row that says so.
import * as l10n from '@vscode/l10n';
import type { Volume } from '../../openstack/blockStorageModels';
import type { CategorySpec } from '../../ui/tree/node';
import { joinInstanceNames } from '../floatingIps/model/instanceNames';
import { inTransition } from './model/volumesFormat';
import { VolumeNode } from './volumeNodes';

export const volumesCategory: CategorySpec<Volume, Map<string, string>> = {
  kind: 'volumes', get label() { return l10n.t('Volumes'); },
  icon: 'database', service: 'block-storage',
  get absentNote() { return l10n.t('This cloud has no block storage (Cinder): instances keep their data on their local disks.'); },
  list: (c, limit) => c.blockStorage.volumes({ limit, byName: true }),
  join: joinInstanceNames,
  node: (parent, v, serverNames) => new VolumeNode(parent, v, serverNames),
  inTransition,
};

// A volume in the tree (status-aware icon; status, size, bootable and "attached to web-1 at /dev/vdb") with its
// snapshots as children, read when it is expanded (one request: Cinder's snapshots filtered by volume_id).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Snapshot, Volume } from '../../openstack/blockStorageModels';
import { categoryOf } from '../../ui/tree/categoryNode';
import { markdown, md, pageSize, ResourceNode, type ExplorerNode } from '../../ui/tree/node';
import { ErrorNode, MessageNode } from '../../ui/tree/statusNodes';
import {
  attachmentText, inTransition, snapshotDescription, volumeDescription, volumeLabel,
} from './model/volumesFormat';

function volumeIcon(v: Volume): vscode.ThemeIcon {
  if (inTransition(v)) return new vscode.ThemeIcon('loading~spin');
  if (v.status.startsWith('error')) return new vscode.ThemeIcon('database', new vscode.ThemeColor('errorForeground'));
  if (v.status === 'in-use') return new vscode.ThemeIcon('database', new vscode.ThemeColor('charts.green'));
  return new vscode.ThemeIcon('database');
}

export class VolumeNode extends ResourceNode {
  readonly kind = 'volume';
  /** SERVERNAMES: instance id → name, for the attachments (an instance they do not hold is shown by its id). */
  constructor(parent: ExplorerNode, readonly volume: Volume, readonly serverNames: ReadonlyMap<string, string>) {
    super(parent, { id: volume.id, label: volumeLabel(volume), raw: volume.raw });
  }

  treeItem(): vscode.TreeItem {
    const v = this.volume;
    const item = this.item(this.label, true, [
      `status-${v.status}`,
      ...(v.attachments.length ? ['attached'] : []),
      ...(v.bootable ? ['bootable'] : []),
      ...(inTransition(v) ? ['busy'] : []),
    ]);
    item.iconPath = volumeIcon(v);
    item.description = volumeDescription(v, this.serverNames);
    item.tooltip = markdown([
      `**${md(this.label)}** — ${md(v.status)}, ${v.size} GiB`,
      ...attachmentText(v, this.serverNames).map(md),
      v.bootable && l10n.t('Bootable'),
      v.imageName && l10n.t('From image {0}', md(v.imageName)),
      v.volumeType && l10n.t('Type: {0}', md(v.volumeType)),
      v.availabilityZone && l10n.t('Availability zone: {0}', md(v.availabilityZone)),
      v.description && md(v.description),
      `ID: \`${v.id}\``,
    ]);
    return item;
  }

  /** Its snapshots: one request, one page of the tree's page size (a row says when there are more). */
  override async children(): Promise<ExplorerNode[]> {
    try {
      const client = await categoryOf(this).scope.client();
      const page = await client.blockStorage.snapshots({ volumeId: this.volume.id, limit: pageSize() }).firstPage();
      if (!page.items.length) return [new MessageNode(this, l10n.t('No snapshots'))];
      const rows: ExplorerNode[] = page.items.map((s) => new SnapshotNode(this, s));
      if (page.hasMore) rows.push(new MessageNode(this, l10n.t('First {0} snapshots shown: `openstack volume snapshot list --volume {1}` lists them all.', page.items.length, this.volume.id)));
      return rows;
    } catch (err) {
      return [new ErrorNode(this, err)];
    }
  }
}

export class SnapshotNode extends ResourceNode {
  readonly kind = 'volumeSnapshot';
  constructor(parent: VolumeNode, readonly snapshot: Snapshot) {
    super(parent, { id: snapshot.id, label: snapshot.name || snapshot.id, raw: snapshot.raw });
  }

  get volume(): Volume {
    return (this.parent as VolumeNode).volume;
  }

  treeItem(): vscode.TreeItem {
    const s = this.snapshot;
    const item = this.item(this.label, false, [`status-${s.status}`, ...(inTransition(s) ? ['busy'] : [])]);
    item.iconPath = new vscode.ThemeIcon(inTransition(s) ? 'loading~spin' : 'device-camera');
    item.description = snapshotDescription(s);
    item.tooltip = markdown([
      `**${md(this.label)}** — ${md(s.status)}, ${s.size} GiB`,
      l10n.t('Snapshot of {0}', md(volumeLabel(this.volume))),
      s.description && md(s.description),
      `ID: \`${s.id}\``,
    ]);
    return item;
  }
}

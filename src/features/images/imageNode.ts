// An image in the tree: format, size, visibility, and a spinner while it uploads.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Image } from '../../openstack/image';
import { markdown, md, ResourceNode, type ExplorerNode } from '../../ui/tree/node';
import { formatBytes } from '../../core/format';

export class ImageNode extends ResourceNode {
  readonly kind = 'image';
  constructor(parent: ExplorerNode, readonly image: Image) {
    super(parent, { id: image.id, label: image.name || image.id, raw: image.raw });
  }

  treeItem(): vscode.TreeItem {
    const i = this.image;
    const item = this.item(this.label, false, [`status-${i.status}`, `visibility-${i.visibility}`]);
    const busy = i.status === 'queued' || i.status === 'saving' || i.status === 'importing';
    item.iconPath = busy ? new vscode.ThemeIcon('loading~spin')
      : new vscode.ThemeIcon('file-binary', i.status === 'active' ? undefined : new vscode.ThemeColor('errorForeground'));
    item.description = [i.diskFormat, formatBytes(i.size), i.visibility, i.status === 'active' ? '' : i.status].filter(Boolean).join(' · ');
    item.tooltip = markdown([`**${md(this.label)}** — ${md(i.status)}`, l10n.t('Format: {0}', `${md(i.diskFormat ?? '?')}/${md(i.containerFormat ?? '?')}`), l10n.t('Size: {0}', formatBytes(i.size)), `ID: \`${i.id}\``]);
    return item;
  }
}

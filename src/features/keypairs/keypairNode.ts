// A key pair in the tree: its fingerprint and type.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Keypair } from '../../openstack/computeModels';
import { markdown, md, ResourceNode, type ExplorerNode } from '../../ui/tree/node';

export class KeypairNode extends ResourceNode {
  readonly kind = 'keypair';
  constructor(parent: ExplorerNode, readonly keypair: Keypair) {
    super(parent, { id: keypair.name, label: keypair.name, raw: keypair.raw });
  }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, false, []);
    item.iconPath = new vscode.ThemeIcon('key');
    item.description = this.keypair.fingerprint;
    item.tooltip = markdown([`**${md(this.label)}** (${md(this.keypair.type)})`, l10n.t('Fingerprint: {0}', `\`${this.keypair.fingerprint}\``)]);
    return item;
  }
}

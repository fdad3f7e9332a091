// A key pair in the tree: its fingerprint and type.
import * as vscode from 'vscode';
import type { Keypair } from '../../openstack/computeModels';
import { markdown, md, ResourceNode, type ExplorerNode } from '../../ui/tree/node';

export class KeypairNode extends ResourceNode {
  readonly kind = 'keypair';
  readonly id: string;
  constructor(parent: ExplorerNode, readonly keypair: Keypair) {
    super(parent);
    this.id = `${parent.id}/${keypair.name}`;
  }

  get resourceId(): string { return this.keypair.name; }
  get label(): string { return this.keypair.name; }
  get raw(): Record<string, unknown> { return this.keypair.raw; }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, false, []);
    item.iconPath = new vscode.ThemeIcon('key');
    item.description = this.keypair.fingerprint;
    item.tooltip = markdown([`**${md(this.label)}** (${md(this.keypair.type)})`, `Fingerprint: \`${this.keypair.fingerprint}\``]);
    return item;
  }
}

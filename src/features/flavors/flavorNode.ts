// A flavor in the tree: its vCPUs, RAM and disk.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Flavor } from '../../openstack/computeModels';
import { markdown, md, ResourceNode, type ExplorerNode } from '../../ui/tree/node';
import { formatBytes } from '../../core/format';

export class FlavorNode extends ResourceNode {
  readonly kind = 'flavor';
  constructor(parent: ExplorerNode, readonly flavor: Flavor) {
    super(parent, { id: flavor.id, label: flavor.name, raw: flavor.raw });
  }

  treeItem(): vscode.TreeItem {
    const f = this.flavor;
    const item = this.item(this.label, false, [f.isPublic ? 'public' : 'private']);
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.description = l10n.t('{0} vCPU · {1} RAM · {2} GiB disk', f.vcpus, formatBytes(f.ram * 1024 * 1024), f.disk);
    item.tooltip = markdown([`**${md(f.name)}**`, `ID: \`${f.id}\``]);
    return item;
  }
}

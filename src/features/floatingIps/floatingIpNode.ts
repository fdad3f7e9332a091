// A floating IP in the tree: free, or the instance it reaches.
import * as vscode from 'vscode';
import type { FloatingIp } from '../../openstack/networkModels';
import { markdown, md, ResourceNode, type ExplorerNode } from '../../ui/tree/node';

export class FloatingIpNode extends ResourceNode {
  readonly kind = 'floatingIp';
  /** SERVERNAME: the instance the address reaches, when the category could resolve it. */
  constructor(parent: ExplorerNode, readonly fip: FloatingIp, private readonly serverName?: string) {
    super(parent, { id: fip.id, label: fip.floatingIpAddress, raw: fip.raw });
  }

  override ips(): string[] { return [this.fip.floatingIpAddress]; }

  treeItem(): vscode.TreeItem {
    const f = this.fip;
    const item = this.item(this.label, false, [f.portId ? 'associated' : 'unassociated']);
    item.iconPath = new vscode.ThemeIcon(f.portId ? 'link' : 'circle-large-outline', f.portId ? new vscode.ThemeColor('charts.green') : undefined);
    item.description = f.portId ? `→ ${this.serverName ?? f.fixedIpAddress ?? f.portId}` : 'not associated';
    item.tooltip = markdown([
      `**${f.floatingIpAddress}** — ${md(f.status)}`,
      f.portId ? `Associated with ${md(this.serverName ?? '')} \`${f.fixedIpAddress ?? ''}\` (port \`${f.portId}\`)` : 'Free: associate it with an instance',
      f.description && md(f.description),
      `ID: \`${f.id}\``,
    ]);
    return item;
  }
}

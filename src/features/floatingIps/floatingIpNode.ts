// A floating IP in the tree: free, or the instance it reaches, with Neutron's status; an associated one that
// does not carry traffic is marked as a warning.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { FloatingIp } from '../../openstack/networkModels';
import { markdown, md, ResourceNode, WARNING_COLOR, type ExplorerNode } from '../../ui/tree/node';
import { diagnoseHint, floatingIpDescription, floatingIpWarning } from './model/floatingIpStatus';

export class FloatingIpNode extends ResourceNode {
  readonly kind = 'floatingIp';
  /** SERVERNAME: the instance the address reaches, when the category could resolve it. */
  constructor(parent: ExplorerNode, readonly fip: FloatingIp, private readonly serverName?: string) {
    super(parent, { id: fip.id, label: fip.floatingIpAddress, raw: fip.raw });
  }

  override ips(): string[] { return [this.fip.floatingIpAddress]; }

  treeItem(): vscode.TreeItem {
    const f = this.fip;
    const warning = floatingIpWarning(f);
    const item = this.item(this.label, false, [f.portId ? 'associated' : 'unassociated']);
    const color = warning ? WARNING_COLOR : f.portId ? new vscode.ThemeColor('charts.green') : undefined;
    item.iconPath = new vscode.ThemeIcon(f.portId ? 'link' : 'circle-large-outline', color);
    item.description = floatingIpDescription(f, this.serverName);
    item.tooltip = markdown([
      `**${f.floatingIpAddress}** — ${md(f.status)}`,
      warning && `${md(warning)} ${diagnoseHint()}`,
      f.portId ? l10n.t('Associated with {0} {1} (port {2})', md(this.serverName ?? ''), `\`${f.fixedIpAddress ?? ''}\``, `\`${f.portId}\``) : l10n.t('Free: associate it with an instance'),
      f.description && md(f.description),
      `ID: \`${f.id}\``,
    ]);
    return item;
  }
}

// Networks (external and shared marked, provider details for admins) with their subnets as children.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Network, Subnet } from '../../openstack/networkModels';
import { markdown, md, ResourceNode, type ExplorerNode } from '../../ui/tree/node';

export class NetworkNode extends ResourceNode {
  readonly kind = 'network';
  constructor(parent: ExplorerNode, readonly network: Network, readonly subnets: Subnet[]) {
    super(parent, { id: network.id, label: network.name || network.id, raw: network.raw });
  }

  treeItem(): vscode.TreeItem {
    const n = this.network;
    const tags = [n.external && l10n.t('external'), n.shared && l10n.t('shared'), n.providerNetworkType].filter(Boolean) as string[];
    const item = this.item(this.label, this.subnets.length > 0, [
      ...(n.external ? ['external'] : []), ...(n.shared ? ['shared'] : []),
    ]);
    item.iconPath = new vscode.ThemeIcon(n.external ? 'globe' : 'type-hierarchy-sub',
      n.status === 'ACTIVE' ? undefined : new vscode.ThemeColor('disabledForeground'));
    item.description = [this.subnets.map((s) => s.cidr).join(', '), ...tags].filter(Boolean).join(' · ');
    item.tooltip = markdown([
      `**${md(this.label)}** — ${md(n.status)}`,
      tags.length > 0 && tags.map(md).join(', '),
      !!n.providerPhysicalNetwork && l10n.t('Physical network: {0}', md(n.providerPhysicalNetwork)),
      n.providerSegmentationId != null && l10n.t('Segmentation ID: {0}', n.providerSegmentationId),
      `ID: \`${n.id}\``,
    ]);
    return item;
  }

  override children(): ExplorerNode[] {
    return this.held();
  }

  override held(): SubnetNode[] {
    return this.subnets.map((s) => new SubnetNode(this, s));
  }
}

export class SubnetNode extends ResourceNode {
  readonly kind = 'subnet';
  constructor(parent: ExplorerNode, readonly subnet: Subnet) {
    super(parent, { id: subnet.id, label: subnet.name || subnet.id, raw: subnet.raw });
  }

  treeItem(): vscode.TreeItem {
    const s = this.subnet;
    const item = this.item(this.label, false, [s.gatewayIp ? 'has-gateway' : 'no-gateway']);
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.description = [s.cidr, s.gatewayIp ? l10n.t('gw {0}', s.gatewayIp) : l10n.t('no gateway'), !s.enableDhcp && l10n.t('no DHCP')].filter(Boolean).join(' · ');
    item.tooltip = markdown([
      `**${md(this.label)}** \`${s.cidr}\` (IPv${s.ipVersion})`,
      s.gatewayIp ? l10n.t('Gateway: {0}', `\`${s.gatewayIp}\``) : l10n.t('No gateway IP: a router interface cannot use this subnet'),
      s.enableDhcp ? l10n.t('DHCP: on') : l10n.t('DHCP: off'),
      s.allocationPools.length > 0 && l10n.t('Pools: {0}', s.allocationPools.map((p) => `\`${p.start}\`–\`${p.end}\``).join(', ')),
      s.dnsNameservers.length > 0 && `DNS: ${s.dnsNameservers.map((d) => `\`${d}\``).join(', ')}`,
      `ID: \`${s.id}\``,
    ]);
    return item;
  }
}

// Networks (external and shared marked, provider details for admins) with their subnets as children.
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
    const tags = [n.external && 'external', n.shared && 'shared', n.providerNetworkType].filter(Boolean) as string[];
    const item = this.item(this.label, this.subnets.length > 0, [
      ...(n.external ? ['external'] : []), ...(n.shared ? ['shared'] : []),
    ]);
    item.iconPath = new vscode.ThemeIcon(n.external ? 'globe' : 'type-hierarchy-sub',
      n.status === 'ACTIVE' ? undefined : new vscode.ThemeColor('disabledForeground'));
    item.description = [this.subnets.map((s) => s.cidr).join(', '), ...tags].filter(Boolean).join(' · ');
    item.tooltip = markdown([
      `**${md(this.label)}** — ${md(n.status)}`,
      tags.length > 0 && tags.map(md).join(', '),
      !!n.providerPhysicalNetwork && `Physical network: ${md(n.providerPhysicalNetwork)}`,
      n.providerSegmentationId != null && `Segmentation ID: ${n.providerSegmentationId}`,
      `ID: \`${n.id}\``,
    ]);
    return item;
  }

  override children(): ExplorerNode[] {
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
    item.description = `${s.cidr}${s.gatewayIp ? ` · gw ${s.gatewayIp}` : ' · no gateway'}${s.enableDhcp ? '' : ' · no DHCP'}`;
    item.tooltip = markdown([
      `**${md(this.label)}** \`${s.cidr}\` (IPv${s.ipVersion})`,
      s.gatewayIp ? `Gateway: \`${s.gatewayIp}\`` : 'No gateway IP: a router interface cannot use this subnet',
      `DHCP: ${s.enableDhcp ? 'on' : 'off'}`,
      s.allocationPools.length > 0 && `Pools: ${s.allocationPools.map((p) => `\`${p.start}\`–\`${p.end}\``).join(', ')}`,
      s.dnsNameservers.length > 0 && `DNS: ${s.dnsNameservers.map((d) => `\`${d}\``).join(', ')}`,
      `ID: \`${s.id}\``,
    ]);
    return item;
  }
}

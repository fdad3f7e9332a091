// Routers with their external gateway and subnet interfaces as children, joined in memory from one ports list.
import * as vscode from 'vscode';
import type { Port, Router } from '../../openstack/networkModels';
import { ExplorerNode, markdown, md, ResourceNode } from '../../ui/tree/node';

export class RouterNode extends ResourceNode {
  readonly kind = 'router';
  constructor(parent: ExplorerNode, readonly router: Router, readonly interfaces: Port[], readonly networkNames: Map<string, string>) {
    super(parent, { id: router.id, label: router.name || router.id, raw: router.raw });
  }

  treeItem(): vscode.TreeItem {
    const r = this.router;
    const gw = r.gateway ? this.networkNames.get(r.gateway.networkId) ?? r.gateway.networkId : undefined;
    const item = this.item(this.label, true, [r.gateway ? 'has-gateway' : 'no-gateway', ...(this.interfaces.length ? ['has-interfaces'] : [])]);
    item.iconPath = new vscode.ThemeIcon('arrow-swap', r.status === 'ACTIVE' ? undefined : new vscode.ThemeColor('disabledForeground'));
    item.description = [gw ? `gateway ${gw}` : 'no gateway', `${this.interfaces.length} interface${this.interfaces.length === 1 ? '' : 's'}`].join(' · ');
    item.tooltip = markdown([`**${md(this.label)}** — ${md(r.status)}`, gw ? `External gateway: ${md(gw)}` : 'No external gateway: floating IPs cannot reach instances behind it', `ID: \`${r.id}\``]);
    return item;
  }

  override children(): ExplorerNode[] {
    const gateway = this.router.gateway ? [new RouterGatewayNode(this)] : [];
    return [...gateway, ...this.interfaces.map((p) => new RouterInterfaceNode(this, p))];
  }
}

export class RouterGatewayNode extends ExplorerNode {
  readonly id: string;
  constructor(readonly routerNode: RouterNode) {
    super(routerNode);
    this.id = `${routerNode.id}/gateway`;
  }

  treeItem(): vscode.TreeItem {
    const gw = this.routerNode.router.gateway!;
    const name = this.routerNode.networkNames.get(gw.networkId) ?? gw.networkId;
    const item = new vscode.TreeItem(`Gateway: ${name}`);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.description = gw.externalFixedIps.map((ip) => ip.ipAddress).join(', ');
    item.contextValue = 'openstack.routerGateway';
    return item;
  }
}

export class RouterInterfaceNode extends ResourceNode {
  readonly kind = 'routerInterface';
  constructor(readonly routerNode: RouterNode, readonly port: Port) {
    super(routerNode, { id: port.id, label: `Interface: ${routerNode.networkNames.get(port.networkId) ?? port.networkId}`, raw: port.raw });
  }

  override ips(): string[] { return this.port.fixedIps.map((ip) => ip.ipAddress); }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, false, []);
    item.iconPath = new vscode.ThemeIcon('plug');
    item.description = this.ips().join(', ');
    item.tooltip = markdown([`Port \`${this.port.id}\` — ${md(this.port.status)}`]);
    return item;
  }
}

// Routers with their external gateway and subnet interfaces as children, joined in memory from one ports list;
// the interfaces' network names are asked for when a router is expanded.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Port, Router } from '../../openstack/networkModels';
import { categoryOf } from '../../ui/tree/categoryNode';
import { ExplorerNode, markdown, md, ResourceNode } from '../../ui/tree/node';
import { ErrorNode } from '../../ui/tree/statusNodes';
import { nameInterfaceNetworks } from './model/routerJoin';

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
    const interfaces = this.interfaces.length === 1 ? l10n.t('1 interface') : l10n.t('{0} interfaces', this.interfaces.length);
    item.description = [gw ? l10n.t('gateway {0}', gw) : l10n.t('no gateway'), interfaces].join(' · ');
    item.tooltip = markdown([
      `**${md(this.label)}** — ${md(r.status)}`,
      gw ? l10n.t('External gateway: {0}', md(gw)) : l10n.t('No external gateway: floating IPs cannot reach instances behind it'),
      `ID: \`${r.id}\``,
    ]);
    return item;
  }

  /**
   * The gateway and the interfaces, whose networks are named first (one request, none when this load's routers
   * already named them). When that fails, the interfaces show their network ids, with the error below them.
   */
  override async children(): Promise<ExplorerNode[]> {
    const gateway = this.router.gateway ? [new RouterGatewayNode(this)] : [];
    const names = namesOfLoad(this.networkNames);
    const failure = await this.nameInterfaceNetworks(names).then(() => undefined, (err: unknown) => new ErrorNode(this, err));
    return [...gateway, ...this.interfaces.map((p) => new RouterInterfaceNode(this, p, names)), ...(failure ? [failure] : [])];
  }

  private async nameInterfaceNetworks(names: Map<string, string>): Promise<void> {
    if (!this.interfaces.length) return;
    await nameInterfaceNetworks(await categoryOf(this).scope.client(), this.interfaces, names);
  }
}

/**
 * The network names a load's routers know, with those their interfaces added when expanded: kept beside the
 * load, keyed by its joined names, not in it (the category compares loads to tell a change).
 */
const expandedNames = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();

function namesOfLoad(joined: ReadonlyMap<string, string>): Map<string, string> {
  let names = expandedNames.get(joined);
  if (!names) expandedNames.set(joined, (names = new Map(joined)));
  return names;
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
    const item = new vscode.TreeItem(l10n.t('Gateway: {0}', name));
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.description = gw.externalFixedIps.map((ip) => ip.ipAddress).join(', ');
    item.contextValue = 'openstack.routerGateway';
    return item;
  }
}

export class RouterInterfaceNode extends ResourceNode {
  readonly kind = 'routerInterface';
  constructor(readonly routerNode: RouterNode, readonly port: Port, networkNames: ReadonlyMap<string, string>) {
    super(routerNode, { id: port.id, label: l10n.t('Interface: {0}', networkNames.get(port.networkId) ?? port.networkId), raw: port.raw });
  }

  override ips(): string[] { return this.port.fixedIps.map((ip) => ip.ipAddress); }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, false, []);
    item.iconPath = new vscode.ThemeIcon('plug');
    item.description = this.ips().join(', ');
    item.tooltip = markdown([l10n.t('Port {0} — {1}', `\`${this.port.id}\``, md(this.port.status))]);
    return item;
  }
}

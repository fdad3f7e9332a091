// An instance: status-aware icon (a warning when its floating IPs do not reach it), its addresses (floating
// first) as description, a markdown tooltip.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Server } from '../../openstack/computeModels';
import { markdown, md, ResourceNode, WARNING_COLOR, type ExplorerNode } from '../../ui/tree/node';
import { diagnoseHint } from '../floatingIps/model/floatingIpStatus';

/** Statuses that change by themselves; with a task_state set, any status does. */
// DELETED: nova still lists a deleted server for a few seconds before it is gone. Not VERIFY_RESIZE: it waits
// for the user to confirm or revert the resize, however long that takes.
const TRANSITIONAL = new Set(['DELETED', 'BUILD', 'REBOOT', 'HARD_REBOOT', 'RESIZE', 'REVERT_RESIZE', 'MIGRATING', 'REBUILD', 'PASSWORD']);

export function serverInTransition(s: Server): boolean {
  return TRANSITIONAL.has(s.status) || !!s.taskState;
}

/** WARNING: running, but not reachable the way it is meant to be. */
function icon(s: Server, warning: boolean): vscode.ThemeIcon {
  if (serverInTransition(s)) return new vscode.ThemeIcon('loading~spin');
  switch (s.status) {
    case 'ACTIVE': return new vscode.ThemeIcon('vm-running', warning ? WARNING_COLOR : new vscode.ThemeColor('charts.green'));
    case 'ERROR': return new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('errorForeground'));
    case 'SHUTOFF': case 'SUSPENDED': case 'PAUSED': case 'SHELVED': case 'SHELVED_OFFLOADED':
      return new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('disabledForeground'));
    default: return new vscode.ThemeIcon('vm');
  }
}

export class ServerNode extends ResourceNode {
  readonly kind = 'server';
  /** WARNING: why its floating IPs do not reach it, when the category's data tells (serverFloatingIpWarning). */
  constructor(parent: ExplorerNode, readonly server: Server, private readonly warning?: string) {
    super(parent, { id: server.id, label: server.name || server.id, raw: server.raw });
  }

  /** Floating addresses first: those are the ones a user copies to reach the instance. */
  override ips(): string[] {
    const floating = this.server.addresses.filter((a) => a.type === 'floating');
    const fixed = this.server.addresses.filter((a) => a.type !== 'floating');
    return [...floating, ...fixed].map((a) => a.addr);
  }

  treeItem(): vscode.TreeItem {
    const s = this.server;
    const status = s.taskState ? `${s.status} (${s.taskState})` : s.status;
    const item = this.item(this.label, false, [
      `status-${s.status.toLowerCase()}`,
      ...(s.addresses.some((a) => a.type === 'floating') ? ['has-floating-ip'] : []),
      ...(serverInTransition(s) ? ['busy'] : []),
    ]);
    item.iconPath = icon(s, !!this.warning);
    item.description = [this.ips().join(', '), status].filter(Boolean).join(' · ');
    const flavor = s.flavor.name ?? s.flavor.id;
    item.tooltip = markdown([
      `**${md(this.label)}** — ${md(status)}`,
      this.warning && `${md(this.warning)} ${diagnoseHint()}`,
      ...s.addresses.map((a) => `${md(a.network)}: \`${a.addr}\` ${a.type ?? ''}`),
      flavor && l10n.t('Flavor: {0}', md(flavor)),
      s.keyName && l10n.t('Key pair: {0}', md(s.keyName)),
      s.securityGroups.length > 0 && l10n.t('Security groups: {0}', s.securityGroups.map(md).join(', ')),
      s.fault && l10n.t('Fault: {0}', md(s.fault.message)),
      `ID: \`${s.id}\``,
    ]);
    return item;
  }
}

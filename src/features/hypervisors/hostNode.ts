// A compute host in the Hypervisors category: how much of its RAM, vCPUs and disk the instances have
// allocated, in the warning colour when it is near full, with the reason in the tooltip.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { HostCapacity } from '../../openstack/placementModels';
import { markdown, md, ResourceNode, WARNING_COLOR, type ExplorerNode } from '../../ui/tree/node';
import { loadLines, loadSummary, nearFullReasons } from './model/hostLoad';

export class HostNode extends ResourceNode {
  readonly kind = 'hypervisor';
  constructor(parent: ExplorerNode, readonly host: HostCapacity) {
    super(parent, { id: host.id, label: host.name, raw: host.raw });
  }

  treeItem(): vscode.TreeItem {
    const reasons = nearFullReasons(this.host);
    const item = this.item(this.label, false, reasons.length ? ['near-full'] : []);
    item.iconPath = new vscode.ThemeIcon('server', reasons.length ? WARNING_COLOR : undefined);
    item.description = loadSummary(this.host);
    item.tooltip = markdown([
      `**${md(this.host.name)}**`,
      ...loadLines(this.host).map(md),
      ...reasons.map((r) => `$(warning) ${md(r)}`),
      l10n.t('Resource provider: `{0}`', this.host.id),
    ]);
    if (item.tooltip instanceof vscode.MarkdownString) item.tooltip.supportThemeIcons = true;
    return item;
  }
}

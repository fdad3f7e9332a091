// One quota of the project (instances, RAM, floating IPs, …): used of the limit, in the warning colour near it.
import * as vscode from 'vscode';
import { markdown, md, ResourceNode, WARNING_COLOR, type ExplorerNode } from '../../ui/tree/node';
import { nearLimit, nearLimitSentence, quotaUsage, type QuotaRow } from './model/quotaRows';

export class QuotaNode extends ResourceNode {
  readonly kind = 'quota';
  constructor(parent: ExplorerNode, readonly row: QuotaRow) {
    super(parent, { id: row.id, label: row.name, raw: { resource: row.id, used: row.used, limit: row.limit } });
  }

  treeItem(): vscode.TreeItem {
    const near = nearLimit(this.row);
    const item = this.item(this.label, false, near ? ['near-limit'] : []);
    item.iconPath = new vscode.ThemeIcon(near ? 'warning' : 'dashboard', near ? WARNING_COLOR : undefined);
    item.description = quotaUsage(this.row);
    item.tooltip = markdown([`**${md(this.row.name)}**: ${md(quotaUsage(this.row))}`, md(nearLimitSentence(this.row) ?? '')]);
    return item;
  }
}

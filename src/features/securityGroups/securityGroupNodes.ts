// Security groups with their rules (which arrive embedded in the group) as children.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { SecurityGroup, SecurityGroupRule } from '../../openstack/networkModels';
import { markdown, md, ResourceNode, type ExplorerNode } from '../../ui/tree/node';
import { ruleWords } from './model/securityGroupsRules';

export class SecurityGroupNode extends ResourceNode {
  readonly kind = 'securityGroup';
  constructor(parent: ExplorerNode, readonly group: SecurityGroup) {
    super(parent, { id: group.id, label: group.name || group.id, raw: group.raw });
  }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, this.group.rules.length > 0, []);
    item.iconPath = new vscode.ThemeIcon('shield');
    const ingress = this.group.rules.filter((r) => r.direction === 'ingress').length;
    item.description = l10n.t('{0} ingress · {1} egress', ingress, this.group.rules.length - ingress);
    item.tooltip = markdown([`**${md(this.label)}**`, this.group.description && md(this.group.description), `ID: \`${this.group.id}\``]);
    return item;
  }

  override children(): ExplorerNode[] {
    return this.group.rules.map((r) => new SecurityGroupRuleNode(this, r));
  }
}

/** "ingress IPv4 tcp 22 from 0.0.0.0/0", the way Horizon's rule table reads. */
export function describeRule(r: SecurityGroupRule): string {
  const ports = r.portRangeMin === null ? '' : r.portRangeMin === r.portRangeMax ? ` ${r.portRangeMin}` : ` ${r.portRangeMin}-${r.portRangeMax}`;
  return ruleWords(r.direction, r.ethertype, r.protocol ?? 'any', ports, r.remoteIpPrefix ?? undefined, !!r.remoteGroupId);
}

export class SecurityGroupRuleNode extends ResourceNode {
  readonly kind = 'securityGroupRule';
  constructor(parent: ExplorerNode, readonly rule: SecurityGroupRule) {
    super(parent, { id: rule.id, label: describeRule(rule), raw: rule.raw });
  }

  treeItem(): vscode.TreeItem {
    const item = this.item(this.label, false, [this.rule.direction]);
    item.iconPath = new vscode.ThemeIcon(this.rule.direction === 'ingress' ? 'arrow-down' : 'arrow-up');
    item.description = this.rule.description;
    item.tooltip = markdown([md(this.label), `ID: \`${this.rule.id}\``]);
    return item;
  }
}

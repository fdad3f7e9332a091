// Security groups: create one (with starter rules), add rules (quick adds for ping, SSH and a TCP port, or a
// custom rule checked as it is typed), delete a rule, delete a group.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { SecurityGroup, SecurityGroupRule } from '../../openstack/networkModels';
import { describeRule } from './securityGroupNodes';
import {
  changedIn, confirm, done, type Changed, type ProjectCommandDeps,
} from '../../ui/commandKit';
import { pickOne } from '../../ui/pickers';
import { cliNote } from '../../core/cliLine';
import { runFlow, type FlowStep } from '../../ui/flow';
import { GoBack } from '../../ui/multiStep';
import { Refused } from '../../core/refusals';
import { withProgress } from '../../ui/runCommand';
import {
  allowPing, allowSsh, allowTcpPort, ANY_IPV4, ANY_IPV6, cidrProblem, describeRuleSpec, parsePortRange, portKind, portProblem,
  protocolProblem, ruleCreate, securityGroupCli, securityGroupNameProblem, securityGroupRuleCli,
  type Direction, type Ethertype, type RuleSpec, type SecurityGroupSpec,
} from './model/securityGroupsRules';
import { projectContext } from '../../context/target';
import { type Target } from '../../core/target';

export interface SecurityGroupCreateSpec extends SecurityGroupSpec {
  /** Added right after the group. */
  rules: RuleSpec[];
}

interface RuleItem extends vscode.QuickPickItem {
  rule?: RuleSpec;
  flow?: 'tcpPort' | 'custom';
}

/** The starter rules Create security group offers (made when asked: their labels are in the display language). */
const starters = (): (RuleItem & { rule: RuleSpec })[] => [
  { label: l10n.t('Allow ICMP (ping)'), description: l10n.t('{0} from {1}', 'ingress icmp', '0.0.0.0/0'), rule: allowPing(), picked: true },
  { label: l10n.t('Allow SSH'), description: l10n.t('{0} from {1}', 'ingress tcp 22', '0.0.0.0/0'), rule: allowSsh(), picked: true },
  { label: l10n.t('Allow HTTP'), description: l10n.t('{0} from {1}', 'ingress tcp 80', '0.0.0.0/0'), rule: allowTcpPort(80) },
  { label: l10n.t('Allow HTTPS'), description: l10n.t('{0} from {1}', 'ingress tcp 443', '0.0.0.0/0'), rule: allowTcpPort(443) },
];

/** All the lines: the group, then each rule (by the group's name: it is new and unique in the project). */
export function securityGroupCreateCli(spec: SecurityGroupCreateSpec, context: Parameters<typeof securityGroupCli>[1]): string {
  return [securityGroupCli(spec, context), ...spec.rules.map((r) => securityGroupRuleCli(spec.name, r, context))].join('\n');
}

export async function collectSecurityGroupCreate(target: Target): Promise<SecurityGroupCreateSpec> {
  const taken = target.client.network.securityGroups().toArray().then((l) => l.map((g) => g.name), () => [] as string[]);
  const spec: SecurityGroupCreateSpec = { name: '', description: '', rules: [] };
  const offered = starters();
  let chosen: readonly RuleItem[] = offered.filter((s) => s.picked);

  const name: FlowStep<SecurityGroupCreateSpec> = {
    async ask(input) {
      const names = await taken;
      spec.name = (await input.inputBox({
        prompt: l10n.t('Name of the new security group'), placeholder: l10n.t('e.g. {0}', 'web'), value: spec.name, validate: (v) => securityGroupNameProblem(v, names),
      })).trim();
    },
  };
  const description: FlowStep<SecurityGroupCreateSpec> = {
    async ask(input) {
      spec.description = (await input.inputBox({ prompt: l10n.t('Description (optional)'), value: spec.description })).trim();
    },
  };
  const rules: FlowStep<SecurityGroupCreateSpec> = {
    async ask(input) {
      chosen = await input.quickPickMany({
        placeholder: l10n.t('Rules to add now (Space toggles; more later with "Add Rule…"). New groups already allow all egress.'),
        items: offered, selected: offered.filter((s) => chosen.some((c) => c.label === s.label)),
      });
      spec.rules = chosen.map((c) => c.rule!);
    },
  };
  return runFlow(l10n.t('Create security group'), spec, [name, description, rules]);
}

/** Requests: POST /security-groups, then POST /security-group-rules per rule. */
export async function executeSecurityGroupCreate(spec: SecurityGroupCreateSpec, target: Target, signal: AbortSignal, changed?: Changed): Promise<SecurityGroup> {
  const group = await target.client.network.createSecurityGroup(spec.name, spec.description, signal);
  try {
    for (const rule of spec.rules) await target.client.network.createSecurityGroupRule(ruleCreate(group.id, rule), signal);
  } finally {
    await changed?.('securityGroups');
  }
  return group;
}

export async function createSecurityGroup(deps: ProjectCommandDeps, node?: unknown): Promise<void> {
  const target = await projectContext(node, deps);
  const spec = await collectSecurityGroupCreate(target);
  const group = await withProgress(l10n.t('Creating security group {0}', spec.name), (signal) => executeSecurityGroupCreate(spec, target, signal, changedIn(deps, target)));
  const context = await target.cli();
  const cli = securityGroupCreateCli(spec, context);
  const message = spec.rules.length
    ? l10n.t('Security group \'{0}\' created with {1}. Choose it when launching an instance.', group.name, spec.rules.map(describeRuleSpec).join('; '))
    : l10n.t('Security group \'{0}\' created. Choose it when launching an instance.', group.name);
  done(message, cli, cliNote(context));
}

interface GroupItem extends vscode.QuickPickItem {
  group: SecurityGroup;
}

const groupItems = (target: Target) => target.client.network.securityGroups().toArray().then((list) => list.map((g): GroupItem => ({
  label: g.name || g.id, description: [l10n.t('{0} rules', g.rules.length), g.description].filter(Boolean).join(' · '), detail: g.id, group: g,
})));

/** The answers of Add security group rule; GROUPS is loaded only when the group is asked (from the palette). */
interface RuleAnswers {
  groups?: Promise<GroupItem[]>;
  group?: SecurityGroup;
  kind?: RuleItem;
  direction: Direction;
  ethertype: Ethertype;
  protocol: string;
  ports: string;
  remote: string;
  port: string;
}

const isFlow = (flow: RuleItem['flow']) => (a: RuleAnswers) => a.kind?.flow === flow;

const groupStep: FlowStep<RuleAnswers> = {
  when: (a) => a.groups !== undefined,
  async ask(input, a) {
    const items = await a.groups!;
    if (!items.length) throw new GoBack(l10n.t('The project has no security groups'));
    a.group = (await input.quickPick({
      placeholder: l10n.t('The security group to add a rule to'), items, active: items.find((i) => i.group.id === a.group?.id) ?? items.find((i) => i.label === 'default'),
    })).group;
  },
};

const kindStep: FlowStep<RuleAnswers> = {
  async ask(input, a) {
    const group = a.group!;
    const items: RuleItem[] = [
      { label: l10n.t('Allow ICMP (ping)'), iconPath: new vscode.ThemeIcon('pulse'), description: l10n.t('{0} from {1}', 'ingress icmp', '0.0.0.0/0'), rule: allowPing() },
      { label: l10n.t('Allow SSH'), iconPath: new vscode.ThemeIcon('terminal'), description: l10n.t('{0} from {1}', 'ingress tcp 22', '0.0.0.0/0'), rule: allowSsh() },
      { label: l10n.t('Allow TCP port…'), iconPath: new vscode.ThemeIcon('plug'), description: l10n.t('ingress tcp on a port you choose'), flow: 'tcpPort' },
      { label: l10n.t('Custom rule…'), iconPath: new vscode.ThemeIcon('settings'), description: l10n.t('direction, ethertype, protocol, ports and remote CIDR'), flow: 'custom' },
    ];
    const present = group.rules.map(describeRule);
    const ingress = group.rules.filter((r) => r.direction === 'ingress').map(describeRule).join('; ');
    a.kind = await input.quickPick({
      placeholder: ingress ? l10n.t('Rule to add to \'{0}\' ({1})', group.name, ingress) : l10n.t('Rule to add to \'{0}\' (no ingress rules yet)', group.name),
      items, active: items.find((i) => i.label === a.kind?.label),
      refuse: (i) => (i.rule && present.includes(describeRuleSpec(i.rule)) ? l10n.t('\'{0}\' already has that rule', group.name) : undefined),
    });
  },
};

const portStep: FlowStep<RuleAnswers> = {
  when: isFlow('tcpPort'),
  async ask(input, a) {
    a.port = (await input.inputBox({ prompt: l10n.t('TCP port to allow in, e.g. {0} or {1}', 80, 8080), value: a.port || '80', validate: portProblem })).trim();
  },
};

const directionStep: FlowStep<RuleAnswers> = {
  when: isFlow('custom'),
  async ask(input, a) {
    const items = [
      { label: l10n.t('Ingress'), description: l10n.t('traffic into the instances (what you usually open)'), value: 'ingress' as Direction },
      { label: l10n.t('Egress'), description: l10n.t('traffic out of the instances (new groups already allow all)'), value: 'egress' as Direction },
    ];
    a.direction = (await input.quickPick({ placeholder: l10n.t('Direction'), items, active: items.find((i) => i.value === a.direction) })).value;
  },
};

const ethertypeStep: FlowStep<RuleAnswers> = {
  when: isFlow('custom'),
  async ask(input, a) {
    const items = [{ label: 'IPv4', description: l10n.t('addresses like {0}', '10.0.0.5') }, { label: 'IPv6', description: l10n.t('addresses like {0}', '2001:db8::5') }];
    const picked = (await input.quickPick({ placeholder: l10n.t('IP version (ethertype)'), items, active: items.find((i) => i.label === a.ethertype) })).label as Ethertype;
    if (picked !== a.ethertype) a.remote = '';
    a.ethertype = picked;
  },
};

const protocolStep: FlowStep<RuleAnswers> = {
  when: isFlow('custom'),
  async ask(input, a) {
    const names = ['tcp', 'udp', 'icmp', 'any'];
    const other = l10n.t('Other…');
    const items: vscode.QuickPickItem[] = [
      ...names.map((p) => ({ label: p, description: p === 'any' ? l10n.t('every protocol') : undefined })),
      { label: other, description: l10n.t('an IP protocol name or number (e.g. {0})', 'gre, 47') },
    ];
    const picked = await input.quickPick({ placeholder: l10n.t('Protocol'), items, active: items.find((i) => i.label === a.protocol) ?? items[4] });
    if (picked.label !== other) {
      a.protocol = picked.label === 'icmp' && a.ethertype === 'IPv6' ? 'ipv6-icmp' : picked.label;
      return;
    }
    a.protocol = (await input.inputBox({
      prompt: l10n.t('IP protocol name or number'), value: names.includes(a.protocol) ? '' : a.protocol, validate: protocolProblem,
    })).trim().toLowerCase();
  },
};

const portsStep: FlowStep<RuleAnswers> = {
  when: (a) => isFlow('custom')(a) && portKind(a.protocol) !== 'none',
  async ask(input, a) {
    const pk = portKind(a.protocol) as 'ports' | 'icmp';
    a.ports = (await input.inputBox({
      prompt: pk === 'icmp' ? l10n.t('ICMP type, or type/code (8 = echo request); empty for all ICMP') : l10n.t('{0} port or range (e.g. {1} or {2}); empty for all ports', a.protocol.toUpperCase(), 22, '8000-8080'),
      value: a.ports, validate: (v) => parsePortRange(v, pk).problem,
    })).trim();
  },
};

const remoteStep: FlowStep<RuleAnswers> = {
  when: (a) => a.kind?.flow !== undefined,
  async ask(input, a) {
    a.remote ||= a.ethertype === 'IPv4' ? ANY_IPV4 : ANY_IPV6;
    a.remote = (await input.inputBox({
      prompt: a.direction === 'ingress' ? l10n.t('Remote {0} CIDR the rule lets in from ({1} is anywhere)', a.ethertype, a.ethertype === 'IPv4' ? ANY_IPV4 : ANY_IPV6)
        : l10n.t('Remote {0} CIDR the rule lets out to ({1} is anywhere)', a.ethertype, a.ethertype === 'IPv4' ? ANY_IPV4 : ANY_IPV6),
      value: a.remote, validate: (v) => cidrProblem(v, a.ethertype),
    })).trim();
  },
};

/** Group (palette only) → a quick add, or TCP port → remote, or direction → ethertype → protocol → [ports] → remote. */
const RULE_STEPS = [groupStep, kindStep, portStep, directionStep, ethertypeStep, protocolStep, portsStep, remoteStep];

/** The rule the answers describe. */
function ruleOf(a: RuleAnswers): RuleSpec {
  if (a.kind?.rule) return a.kind.rule;
  if (a.kind?.flow === 'tcpPort') return allowTcpPort(Number(a.port), a.remote);
  const pk = portKind(a.protocol);
  const range = pk === 'none' ? {} : parsePortRange(a.ports, pk).range ?? {};
  return {
    direction: a.direction, ethertype: a.ethertype, protocol: a.protocol.toLowerCase(),
    portRangeMin: range.min, portRangeMax: range.max, remoteIpPrefix: a.remote,
  };
}

/**
 * The rule to add: a quick add (ping, SSH, a TCP port from anywhere) or the custom flow (direction, ethertype,
 * protocol, ports, remote CIDR). From the palette the group is asked first.
 */
export async function collectRule(target: Target, group?: SecurityGroup): Promise<{ group: SecurityGroup; rule: RuleSpec }> {
  const answers: RuleAnswers = {
    groups: group ? undefined : groupItems(target), group,
    direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', ports: '', remote: '', port: '',
  };
  await runFlow(l10n.t('Add security group rule'), answers, RULE_STEPS);
  return { group: answers.group!, rule: ruleOf(answers) };
}

/** Requests: POST /security-group-rules. */
export async function executeRuleAdd(groupId: string, rule: RuleSpec, target: Target, signal: AbortSignal, changed?: Changed): Promise<SecurityGroupRule> {
  const created = await target.client.network.createSecurityGroupRule(ruleCreate(groupId, rule), signal);
  await changed?.('securityGroups');
  return created;
}

/** On a SecurityGroupNode, or from the palette (group asked first). */
export async function addSecurityGroupRule(deps: ProjectCommandDeps, node?: { group?: SecurityGroup }): Promise<void> {
  const target = await projectContext(node, deps);
  const { group, rule } = await collectRule(target, node?.group);
  await withProgress(l10n.t('Adding a rule to {0}', group.name), (signal) => executeRuleAdd(group.id, rule, target, signal, changedIn(deps, target)));
  const context = await target.cli();
  done(l10n.t('Added to \'{0}\': {1}.', group.name, describeRuleSpec(rule)), securityGroupRuleCli(group.id, rule, context), cliNote(context));
}

/** Requests: DELETE /security-group-rules/{id}. */
export async function executeRuleDelete(ruleId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.network.deleteSecurityGroupRule(ruleId, signal);
  await changed?.('securityGroups');
}

/** On a SecurityGroupRuleNode only. */
export async function deleteSecurityGroupRule(deps: ProjectCommandDeps, node: { rule: SecurityGroupRule; parent?: unknown }): Promise<void> {
  const target = await projectContext(node, deps);
  const group = (node.parent as { group?: SecurityGroup } | undefined)?.group;
  const what = describeRule(node.rule);
  const loses = l10n.t('Instances in the group lose what it allowed at once.');
  const lockout = node.rule.direction === 'ingress' && node.rule.portRangeMin === 22 ? ` ${l10n.t('SSH sessions to its instances will stop working.')}` : '';
  await confirm(group ? l10n.t('Delete the rule \'{0}\' from \'{1}\'?', what, group.name) : l10n.t('Delete the rule \'{0}\'?', what), `${loses}${lockout}`);
  await withProgress(l10n.t('Deleting the rule'), (signal) => executeRuleDelete(node.rule.id, target, signal, changedIn(deps, target)));
}

/** Requests: DELETE /security-groups/{id}. */
export async function executeSecurityGroupDelete(groupId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.network.deleteSecurityGroup(groupId, signal);
  await changed?.('securityGroups');
}

/** On a SecurityGroupNode, or from the palette (group picked from the active project). */
export async function deleteSecurityGroup(deps: ProjectCommandDeps, node?: { group?: SecurityGroup }): Promise<void> {
  const target = await projectContext(node, deps);
  const group = node?.group ?? await pickOne(l10n.t('Delete security group'), l10n.t('The security group to delete'),
    async () => (await groupItems(target)).filter((i) => i.group.name !== 'default').map((i) => ({ ...i, value: i.group })), l10n.t('The project has no security groups but default.'));
  if (group.name === 'default') throw new Refused(l10n.t('The project\'s \'{0}\' security group cannot be deleted: every project keeps one. Remove rules from it instead.', 'default'));
  await confirm(l10n.t('Delete security group \'{0}\'?', group.name), l10n.t('Its {0} rules go with it. Neutron refuses while instances still use the group.', group.rules.length));
  await withProgress(l10n.t('Deleting security group {0}', group.name), (signal) => executeSecurityGroupDelete(group.id, target, signal, changedIn(deps, target)));
}

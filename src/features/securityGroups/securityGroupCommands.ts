// Security groups: create one (with starter rules), add rules (quick adds for ping, SSH and a TCP port, or a
// custom rule checked as it is typed), delete a rule, delete a group.
import * as vscode from 'vscode';
import type { SecurityGroup, SecurityGroupRule } from '../../openstack/networkModels';
import { describeRule } from './securityGroupNodes';
import {
  changedIn, confirmDelete, doneWithCli, pickOne, unlessNothing, type Changed, type ComputeCommandDeps,
} from '../../ui/commandKit';
import { cliNote } from '../../core/cliLine';
import { GoBack, MultiStepInput, type Step } from '../../ui/multiStep';
import { Refused } from '../../core/refusals';
import { withProgress } from '../../ui/runCommand';
import {
  allowPing, allowSsh, allowTcpPort, ANY_IPV4, ANY_IPV6, cidrProblem, describeRuleSpec, parsePortRange, portKind, portProblem,
  protocolProblem, ruleCreate, securityGroupCli, securityGroupNameProblem, securityGroupRuleCli,
  type Direction, type Ethertype, type RuleSpec, type SecurityGroupSpec,
} from './model/securityGroupsRules';
import { cliContextOf, resolveTarget, type Target } from '../../context/target';

export interface SecurityGroupCreateSpec extends SecurityGroupSpec {
  /** Added right after the group. */
  rules: RuleSpec[];
}

interface RuleItem extends vscode.QuickPickItem {
  rule?: RuleSpec;
  flow?: 'tcpPort' | 'custom';
}

const STARTERS: (RuleItem & { rule: RuleSpec })[] = [
  { label: 'Allow ICMP (ping)', description: 'ingress icmp from 0.0.0.0/0', rule: allowPing(), picked: true },
  { label: 'Allow SSH', description: 'ingress tcp 22 from 0.0.0.0/0', rule: allowSsh(), picked: true },
  { label: 'Allow HTTP', description: 'ingress tcp 80 from 0.0.0.0/0', rule: allowTcpPort(80) },
  { label: 'Allow HTTPS', description: 'ingress tcp 443 from 0.0.0.0/0', rule: allowTcpPort(443) },
];

/** All the lines: the group, then each rule (by the group's name: it is new and unique in the project). */
export function securityGroupCreateCli(spec: SecurityGroupCreateSpec, context: Parameters<typeof securityGroupCli>[1]): string {
  return [securityGroupCli(spec, context), ...spec.rules.map((r) => securityGroupRuleCli(spec.name, r, context))].join('\n');
}

export async function collectSecurityGroupCreate(target: Target): Promise<SecurityGroupCreateSpec> {
  const taken = target.client.network.securityGroups().toArray().then((l) => l.map((g) => g.name), () => [] as string[]);
  const spec: SecurityGroupCreateSpec = { name: '', description: '', rules: [] };
  let chosen: readonly RuleItem[] = STARTERS.filter((s) => s.picked);

  const rules: Step = async (input) => {
    chosen = await input.quickPickMany({
      placeholder: 'Rules to add now (Space toggles; more later with "Add Rule…"). New groups already allow all egress.',
      items: STARTERS, selected: STARTERS.filter((s) => chosen.some((c) => c.label === s.label)),
    });
    spec.rules = chosen.map((c) => c.rule!);
    return undefined;
  };
  const description: Step = async (input) => {
    spec.description = (await input.inputBox({ prompt: 'Description (optional)', value: spec.description })).trim();
    return rules;
  };
  const name: Step = async (input) => {
    const names = await taken;
    spec.name = (await input.inputBox({
      prompt: 'Name of the new security group', placeholder: 'e.g. web', value: spec.name, validate: (v) => securityGroupNameProblem(v, names),
    })).trim();
    return description;
  };
  await MultiStepInput.run('Create security group', () => 3, name);
  return spec;
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

export async function createSecurityGroup(deps: ComputeCommandDeps, node?: unknown): Promise<void> {
  const target = await resolveTarget(node, deps);
  const spec = await collectSecurityGroupCreate(target);
  const group = await withProgress(`Creating security group ${spec.name}`, (signal) => executeSecurityGroupCreate(spec, target, signal, changedIn(deps, target)));
  const context = await cliContextOf(target, deps.registry);
  const cli = securityGroupCreateCli(spec, context);
  const rules = spec.rules.length ? ` with ${spec.rules.map(describeRuleSpec).join('; ')}` : '';
  doneWithCli(`Security group '${group.name}' created${rules}. Choose it when launching an instance.`, cli, cliNote(context));
}

interface GroupItem extends vscode.QuickPickItem {
  group: SecurityGroup;
}

const groupItems = (target: Target) => target.client.network.securityGroups().toArray().then((list) => list.map((g): GroupItem => ({
  label: g.name || g.id, description: `${g.rules.length} rules${g.description ? ` · ${g.description}` : ''}`, detail: g.id, group: g,
})));

/**
 * The rule to add: a quick add (ping, SSH, a TCP port from anywhere) or the custom flow (direction, ethertype,
 * protocol, ports, remote CIDR). From the palette the group is asked first.
 */
export async function collectRule(target: Target, group?: SecurityGroup): Promise<{ group: SecurityGroup; rule: RuleSpec }> {
  const groups = group ? undefined : groupItems(target);
  let chosenGroup = group;
  let kind: RuleItem | undefined;
  const custom = { direction: 'ingress' as Direction, ethertype: 'IPv4' as Ethertype, protocol: 'tcp', ports: '', remote: '', port: '' };
  let rule: RuleSpec | undefined;
  const first = group ? 1 : 2;
  const total = () => first - 1 + (kind?.flow === 'custom' ? (portKind(custom.protocol) === 'none' ? 5 : 6) : kind?.flow === 'tcpPort' ? 3 : 1);

  const remote: Step = async (input) => {
    custom.remote ||= custom.ethertype === 'IPv4' ? ANY_IPV4 : ANY_IPV6;
    custom.remote = (await input.inputBox({
      prompt: `Remote ${custom.ethertype} CIDR the rule ${custom.direction === 'ingress' ? 'lets in from' : 'lets out to'} (${custom.ethertype === 'IPv4' ? '0.0.0.0/0' : '::/0'} is anywhere)`,
      value: custom.remote, validate: (v) => cidrProblem(v, custom.ethertype),
    })).trim();
    if (kind?.flow === 'tcpPort') {
      rule = allowTcpPort(Number(custom.port), custom.remote);
    } else {
      const pk = portKind(custom.protocol);
      const range = pk === 'none' ? {} : parsePortRange(custom.ports, pk).range ?? {};
      rule = {
        direction: custom.direction, ethertype: custom.ethertype, protocol: custom.protocol.toLowerCase(),
        portRangeMin: range.min, portRangeMax: range.max, remoteIpPrefix: custom.remote,
      };
    }
    return undefined;
  };
  const ports: Step = async (input) => {
    const pk = portKind(custom.protocol);
    if (pk === 'none') return remote(input);
    custom.ports = (await input.inputBox({
      prompt: pk === 'icmp' ? 'ICMP type, or type/code (8 = echo request); empty for all ICMP' : `${custom.protocol.toUpperCase()} port or range (e.g. 22 or 8000-8080); empty for all ports`,
      value: custom.ports, validate: (v) => parsePortRange(v, pk).problem,
    })).trim();
    return remote;
  };
  const protocol: Step = async (input) => {
    const names = ['tcp', 'udp', 'icmp', 'any'];
    const items: vscode.QuickPickItem[] = [
      ...names.map((p) => ({ label: p, description: p === 'any' ? 'every protocol' : undefined })),
      { label: 'Other…', description: 'an IP protocol name or number (e.g. gre, 47)' },
    ];
    const picked = await input.quickPick({ placeholder: 'Protocol', items, active: items.find((i) => i.label === custom.protocol) ?? items[4] });
    if (picked.label !== 'Other…') {
      custom.protocol = picked.label;
      if (custom.protocol === 'icmp' && custom.ethertype === 'IPv6') custom.protocol = 'ipv6-icmp';
      return ports;
    }
    custom.protocol = (await input.inputBox({
      prompt: 'IP protocol name or number', value: names.includes(custom.protocol) ? '' : custom.protocol, validate: protocolProblem,
    })).trim().toLowerCase();
    return ports;
  };
  const ethertype: Step = async (input) => {
    const items = [{ label: 'IPv4', description: 'addresses like 10.0.0.5' }, { label: 'IPv6', description: 'addresses like 2001:db8::5' }];
    const picked = (await input.quickPick({ placeholder: 'IP version (ethertype)', items, active: items.find((i) => i.label === custom.ethertype) })).label as Ethertype;
    if (picked !== custom.ethertype) custom.remote = '';
    custom.ethertype = picked;
    return protocol;
  };
  const direction: Step = async (input) => {
    const items = [
      { label: 'Ingress', description: 'traffic into the instances (what you usually open)', value: 'ingress' as Direction },
      { label: 'Egress', description: 'traffic out of the instances (new groups already allow all)', value: 'egress' as Direction },
    ];
    custom.direction = (await input.quickPick({ placeholder: 'Direction', items, active: items.find((i) => i.value === custom.direction) })).value;
    return ethertype;
  };
  const port: Step = async (input) => {
    custom.port = (await input.inputBox({ prompt: 'TCP port to allow in, e.g. 80 or 8080', value: custom.port || '80', validate: portProblem })).trim();
    return remote;
  };
  const kindStep: Step = async (input) => {
    const items: RuleItem[] = [
      { label: 'Allow ICMP (ping)', iconPath: new vscode.ThemeIcon('pulse'), description: 'ingress icmp from 0.0.0.0/0', rule: allowPing() },
      { label: 'Allow SSH', iconPath: new vscode.ThemeIcon('terminal'), description: 'ingress tcp 22 from 0.0.0.0/0', rule: allowSsh() },
      { label: 'Allow TCP port…', iconPath: new vscode.ThemeIcon('plug'), description: 'ingress tcp on a port you choose', flow: 'tcpPort' },
      { label: 'Custom rule…', iconPath: new vscode.ThemeIcon('settings'), description: 'direction, ethertype, protocol, ports and remote CIDR', flow: 'custom' },
    ];
    const present = chosenGroup!.rules.map(describeRule);
    kind = await input.quickPick({
      placeholder: `Rule to add to '${chosenGroup!.name}' (${present.filter((r) => r.startsWith('ingress')).join('; ') || 'no ingress rules yet'})`,
      items, active: items.find((i) => i.label === kind?.label),
      refuse: (i) => (i.rule && present.includes(describeRuleSpec(i.rule)) ? `'${chosenGroup!.name}' already has that rule` : undefined),
    });
    if (kind.rule) {
      rule = kind.rule;
      return undefined;
    }
    return kind.flow === 'tcpPort' ? port : direction;
  };
  const groupStep: Step = async (input) => {
    const items = await groups!;
    if (!items.length) throw new GoBack('The project has no security groups');
    chosenGroup = (await input.quickPick({
      placeholder: 'The security group to add a rule to', items, active: items.find((i) => i.group.id === chosenGroup?.id) ?? items.find((i) => i.label === 'default'),
    })).group;
    return kindStep;
  };
  await MultiStepInput.run('Add security group rule', total, group ? kindStep : groupStep);
  return { group: chosenGroup!, rule: rule! };
}

/** Requests: POST /security-group-rules. */
export async function executeRuleAdd(groupId: string, rule: RuleSpec, target: Target, signal: AbortSignal, changed?: Changed): Promise<SecurityGroupRule> {
  const created = await target.client.network.createSecurityGroupRule(ruleCreate(groupId, rule), signal);
  await changed?.('securityGroups');
  return created;
}

/** On a SecurityGroupNode, or from the palette (group asked first). */
export async function addSecurityGroupRule(deps: ComputeCommandDeps, node?: { group?: SecurityGroup }): Promise<void> {
  const target = await resolveTarget(node, deps);
  const { group, rule } = await collectRule(target, node?.group);
  await withProgress(`Adding a rule to ${group.name}`, (signal) => executeRuleAdd(group.id, rule, target, signal, changedIn(deps, target)));
  const context = await cliContextOf(target, deps.registry);
  doneWithCli(`Added to '${group.name}': ${describeRuleSpec(rule)}.`, securityGroupRuleCli(group.id, rule, context), cliNote(context));
}

/** Requests: DELETE /security-group-rules/{id}. */
export async function executeRuleDelete(ruleId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.network.deleteSecurityGroupRule(ruleId, signal);
  await changed?.('securityGroups');
}

/** On a SecurityGroupRuleNode only. */
export async function deleteSecurityGroupRule(deps: ComputeCommandDeps, node: { rule: SecurityGroupRule; parent?: unknown }): Promise<void> {
  const target = await resolveTarget(node, deps);
  const group = (node.parent as { group?: SecurityGroup } | undefined)?.group;
  const what = describeRule(node.rule);
  const lockout = node.rule.direction === 'ingress' && node.rule.portRangeMin === 22 ? ' SSH sessions to its instances will stop working.' : '';
  await confirmDelete(`Delete the rule '${what}'${group ? ` from '${group.name}'` : ''}?`, `Instances in the group lose what it allowed at once.${lockout}`);
  await withProgress('Deleting the rule', (signal) => executeRuleDelete(node.rule.id, target, signal, changedIn(deps, target)));
}

/** Requests: DELETE /security-groups/{id}. */
export async function executeSecurityGroupDelete(groupId: string, target: Target, signal: AbortSignal, changed?: Changed): Promise<void> {
  await target.client.network.deleteSecurityGroup(groupId, signal);
  await changed?.('securityGroups');
}

/** On a SecurityGroupNode, or from the palette (group picked from the active project). */
export async function deleteSecurityGroup(deps: ComputeCommandDeps, node?: { group?: SecurityGroup }): Promise<void> {
  await unlessNothing(async () => {
    const target = await resolveTarget(node, deps);
    const group = node?.group ?? (await pickOne('Delete security group',
      groupItems(target).then((items) => items.filter((i) => i.group.name !== 'default')), 'The security group to delete', 'The project has no security groups but default.')).group;
    if (group.name === 'default') throw new Refused("The project's 'default' security group cannot be deleted: every project keeps one. Remove rules from it instead.");
    await confirmDelete(`Delete security group '${group.name}'?`, `Its ${group.rules.length} rules go with it. Neutron refuses while instances still use the group.`);
    await withProgress(`Deleting security group ${group.name}`, (signal) => executeSecurityGroupDelete(group.id, target, signal, changedIn(deps, target)));
  });
}

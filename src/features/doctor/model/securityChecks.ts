// Check 5: the union of the ingress rules of ALL the port's security groups admits ping (ICMP echo) and SSH
// (TCP 22) from this machine's address. Port security off means no filtering at all.
import { cliLine } from '../../../core/cliLine';
import { parseIp, type IpVersion } from '../../../core/ip';
import type { SecurityGroup, SecurityGroupRule } from '../../../openstack/networkModels';
import { describeRuleSpec } from '../../securityGroups/model/securityGroupsRules';
import { evidence, failed, named, passed, unknown, type Check, type CheckId, type Evidence } from './checklist';
import { type CheckInput } from './checkInput';
import { allowIngressFix, type IngressNeed } from './fixes';
import { PING, ruleMatch, SSH, type RuleMatch, type Traffic } from './ingressRules';

const NEEDS: Record<IngressNeed, { id: CheckId; title: string; traffic: Traffic; what: string; effect: string }> = {
  icmp: { id: 'ingress-icmp', title: 'Security groups allow ICMP (ping) in', traffic: PING, what: 'ICMP', effect: 'ping' },
  ssh: { id: 'ingress-ssh', title: 'Security groups allow SSH (TCP 22) in', traffic: SSH, what: 'TCP 22', effect: 'ssh' },
};

/** This machine's address toward the floating IP: given, else the local route's source. */
export function localSource(input: CheckInput): string | undefined {
  const route = input.snapshot.localRoute;
  return input.snapshot.localAddress ?? (route?.kind === 'route' ? route.src : undefined);
}

/** RULE as a summary row reads it, with why it does not decide: e.g. "ingress IPv4 icmp from group (only from members of group web)". */
function ruleEvidence(group: SecurityGroup, rule: SecurityGroupRule, match: RuleMatch, groupName: (id: string) => string): Evidence {
  const spec = {
    direction: rule.direction, ethertype: rule.ethertype, protocol: rule.protocol ?? undefined, portRangeMin: rule.portRangeMin ?? undefined,
    portRangeMax: rule.portRangeMax ?? undefined, remoteIpPrefix: rule.remoteIpPrefix ?? undefined, remoteGroupId: rule.remoteGroupId ?? undefined,
  };
  const note = match === 'remoteGroup' ? ` (only from members of group ${groupName(rule.remoteGroupId ?? '')})` : match === 'undecided' ? ' (source not decidable here)' : '';
  return evidence('security_group_rule', { id: rule.id, name: named(group) }, 'rule', `${describeRuleSpec(spec)}${note}`);
}

interface RuleFinding {
  group: SecurityGroup;
  rule: SecurityGroupRule;
  match: RuleMatch;
}

/** Every rule of the port's groups that admits, or would admit from another source, the traffic. */
function findings(groups: SecurityGroup[], traffic: Traffic, version: IpVersion, source: string | undefined): RuleFinding[] {
  const ip = source ? parseIp(source) : undefined;
  return groups.flatMap((group) => group.rules.map((rule) => ({ group, rule, match: ruleMatch(rule, traffic, version, ip) })))
    .filter((f) => f.match !== 'no');
}

export function ingressCheck(input: CheckInput, need: IngressNeed): Check {
  const { id, title, traffic, what, effect } = NEEDS[need];
  const { port } = input.path;
  if (!port) return unknown({ id, title, evidence: [], summary: 'The instance has no port to filter.' });
  if (port.portSecurityEnabled === false) {
    return passed({ id, title, summary: `Port ${named(port)} has port security disabled: nothing is filtered.`, evidence: [evidence('port', port, 'port_security_enabled', false)] });
  }
  const source = localSource(input);
  const version: IpVersion = source && parseIp(source)?.version === 6 ? 6 : 4;
  const groups = input.snapshot.securityGroups.filter((g) => port.securityGroupIds.includes(g.id));
  const missing = port.securityGroupIds.filter((gid) => !groups.some((g) => g.id === gid));
  const found = findings(groups, traffic, version, source);
  const cli = groups.map((g) => cliLine(input.cli.context, ['security', 'group', 'rule', 'list', '--ingress', ['--ethertype', `IPv${version}`]], [g.id])).join('\n') || undefined;
  const from = source ?? 'this machine';
  const groupName = (gid: string) => {
    const known = input.snapshot.securityGroups.find((g) => g.id === gid);
    return known ? named(known) : gid;
  };
  const admitting = found.find((f) => f.match === 'admits');
  if (admitting) return passed({ id, title, cli, evidence: [ruleEvidence(admitting.group, admitting.rule, 'admits', groupName)], summary: `Group ${named(admitting.group)} admits ${what} from ${from}.` });
  const facts = [...found.map((f) => ruleEvidence(f.group, f.rule, f.match, groupName)), evidence('port', port, 'security_groups', [...groups.map(named), ...missing].join(', ') || 'none')];
  if (found.some((f) => f.match === 'undecided') || missing.length) {
    const why = missing.length ? `group(s) ${missing.join(', ')} could not be read` : `this machine's address is not known or a rule's source cannot be read here`;
    return unknown({ id, title, cli, evidence: facts, summary: `No rule read admits ${what} from ${from}, but ${why}.` });
  }
  const onlyGroups = found.length ? ` (rules allow ${what} only from remote groups' members)` : '';
  const names = groups.map(named).join(', ') || 'none';
  return failed({
    id, title, cli, evidence: facts, fix: allowIngressFix(input.cli, need, `IPv${version}`, port.securityGroupIds),
    summary: `No ingress rule of the port's security groups (${names}) admits ${what} from ${from}${onlyGroups}: ${effect} to ${targetOf(input)} is dropped.`,
  });
}

function targetOf(input: CheckInput): string {
  return input.path.floatingIp?.floatingIpAddress ?? input.path.fixedIp?.ipAddress ?? named(input.snapshot.server);
}

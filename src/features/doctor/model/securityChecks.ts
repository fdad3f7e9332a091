// Check 5: the union of the ingress rules of ALL the port's security groups admits ping (ICMP echo) and SSH
// (TCP 22) from this machine's address. Port security off means no filtering at all.
import * as l10n from '@vscode/l10n';
import { cliLine } from '../../../core/cliLine';
import { parseIp, type IpVersion } from '../../../core/ip';
import type { SecurityGroup, SecurityGroupRule } from '../../../openstack/networkModels';
import { describeRuleSpec } from '../../securityGroups/model/securityGroupsRules';
import { evidence, failed, named, passed, unknown, type Check, type CheckId, type Evidence } from './checklist';
import { type CheckInput } from './checkInput';
import { allowIngressFix, type IngressNeed } from './fixes';
import { PING, ruleMatch, SSH, type RuleMatch, type Traffic } from './ingressRules';

/** What each need checks, in the display language (so a call, not a constant). */
function needOf(need: IngressNeed): { id: CheckId; title: string; traffic: Traffic; what: string; effect: string } {
  return need === 'icmp'
    ? { id: 'ingress-icmp', title: l10n.t('Security groups allow ICMP (ping) in'), traffic: PING, what: 'ICMP', effect: 'ping' }
    : { id: 'ingress-ssh', title: l10n.t('Security groups allow SSH (TCP 22) in'), traffic: SSH, what: 'TCP 22', effect: 'ssh' };
}

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
  const note = match === 'remoteGroup' ? l10n.t(' (only from members of group {0})', groupName(rule.remoteGroupId ?? '')) : match === 'undecided' ? l10n.t(' (source not decidable here)') : '';
  return evidence('security_group_rule', { id: rule.id, name: named(group) }, l10n.t('rule'), `${describeRuleSpec(spec)}${note}`);
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
  const { id, title, traffic, what, effect } = needOf(need);
  const { port } = input.path;
  if (!port) return unknown({ id, title, evidence: [], summary: l10n.t('The instance has no port to filter.') });
  if (port.portSecurityEnabled === false) {
    return passed({ id, title, summary: l10n.t('Port {0} has port security disabled: nothing is filtered.', named(port)), evidence: [evidence('port', port, 'port_security_enabled', false)] });
  }
  const source = localSource(input);
  const version: IpVersion = source && parseIp(source)?.version === 6 ? 6 : 4;
  const groups = input.snapshot.securityGroups.filter((g) => port.securityGroupIds.includes(g.id));
  const missing = port.securityGroupIds.filter((gid) => !groups.some((g) => g.id === gid));
  const found = findings(groups, traffic, version, source);
  const cli = groups.map((g) => cliLine(input.cli.context, ['security', 'group', 'rule', 'list', '--ingress', ['--ethertype', `IPv${version}`]], [g.id])).join('\n') || undefined;
  const from = source ?? l10n.t('this machine');
  const groupName = (gid: string) => {
    const known = input.snapshot.securityGroups.find((g) => g.id === gid);
    return known ? named(known) : gid;
  };
  const admitting = found.find((f) => f.match === 'admits');
  if (admitting) return passed({ id, title, cli, evidence: [ruleEvidence(admitting.group, admitting.rule, 'admits', groupName)], summary: l10n.t('Group {0} admits {1} from {2}.', named(admitting.group), what, from) });
  const facts = [...found.map((f) => ruleEvidence(f.group, f.rule, f.match, groupName)), evidence('port', port, 'security_groups', [...groups.map(named), ...missing].join(', ') || l10n.t('none'))];
  if (found.some((f) => f.match === 'undecided') || missing.length) {
    const why = missing.length ? l10n.t('group(s) {0} could not be read', missing.join(', ')) : l10n.t("this machine's address is not known or a rule's source cannot be read here");
    return unknown({ id, title, cli, evidence: facts, summary: l10n.t('No rule read admits {0} from {1}, but {2}.', what, from, why) });
  }
  const onlyGroups = found.length ? l10n.t(" (rules allow {0} only from remote groups' members)", what) : '';
  const names = groups.map(named).join(', ') || l10n.t('none');
  return failed({
    id, title, cli, evidence: facts, fix: allowIngressFix(input.cli, need, `IPv${version}`, port.securityGroupIds),
    summary: l10n.t("No ingress rule of the port's security groups ({0}) admits {1} from {2}{3}: {4} to {5} is dropped.", names, what, from, onlyGroups, effect, targetOf(input)),
  });
}

function targetOf(input: CheckInput): string {
  return input.path.floatingIp?.floatingIpAddress ?? input.path.fixedIp?.ipAddress ?? named(input.snapshot.server);
}

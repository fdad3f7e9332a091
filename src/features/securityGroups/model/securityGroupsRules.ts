// Security group rules as the student asks for them: the quick adds (ping, SSH, a TCP port) and the checks
// of the custom rule's fields, validated as they are typed. Pure: unit-tested.
import * as l10n from '@vscode/l10n';
import type { SecurityGroupRuleCreate } from '../../../openstack/networkModels';
import { cliLine, optional, type CliContext, type CliOption } from '../../../core/cliLine';
import { formatIp, IP_BITS, ipVersion, parseIp, prefixMask, type Ip } from '../../../core/ip';

export type Direction = 'ingress' | 'egress';
export type Ethertype = 'IPv4' | 'IPv6';

/** A rule without its group: what the steps collect. */
export type RuleSpec = Omit<SecurityGroupRuleCreate, 'securityGroupId'>;

export const ANY_IPV4 = '0.0.0.0/0';
export const ANY_IPV6 = '::/0';

export const allowPing = (ethertype: Ethertype = 'IPv4'): RuleSpec => ({
  direction: 'ingress', ethertype, protocol: ethertype === 'IPv4' ? 'icmp' : 'ipv6-icmp', remoteIpPrefix: ethertype === 'IPv4' ? ANY_IPV4 : ANY_IPV6,
});

export const allowTcpPort = (port: number, remoteIpPrefix = ANY_IPV4): RuleSpec => ({
  direction: 'ingress', ethertype: ipVersion(remoteIpPrefix.split('/')[0]) === 6 ? 'IPv6' : 'IPv4', protocol: 'tcp',
  portRangeMin: port, portRangeMax: port, remoteIpPrefix,
});

export const allowSsh = (): RuleSpec => allowTcpPort(22);

/** Protocols offered by name; Neutron also takes any IP protocol number 0–255. */
export const PROTOCOLS = ['tcp', 'udp', 'icmp', 'any'] as const;

export function protocolProblem(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  if (!v) return l10n.t('Enter a protocol: tcp, udp, icmp, any, or an IP protocol number');
  if (/^\d+$/.test(v)) return Number(v) <= 255 ? undefined : l10n.t('An IP protocol number is 0–255');
  const known = ['tcp', 'udp', 'icmp', 'ipv6-icmp', 'any', 'ah', 'dccp', 'egp', 'esp', 'gre', 'igmp', 'ospf', 'pgm', 'rsvp', 'sctp', 'udplite', 'vrrp'];
  return known.includes(v) ? undefined : l10n.t('Unknown protocol \'{0}\': tcp, udp, icmp, any, or a number 0–255', value.trim());
}

/** Whether PROTOCOL has ports (tcp, udp, …), ICMP type/code, or nothing. */
export function portKind(protocol: string | undefined): 'ports' | 'icmp' | 'none' {
  const p = (protocol ?? 'any').toLowerCase();
  if (['tcp', 'udp', 'sctp', 'udplite', 'dccp', '6', '17', '132', '136', '33'].includes(p)) return 'ports';
  if (['icmp', 'ipv6-icmp', '1', '58'].includes(p)) return 'icmp';
  return 'none';
}

export interface PortRange {
  min?: number;
  max?: number;
}

/**
 * "22", "8000-8080" or "8000:8080" (empty: all ports) for tcp/udp; "8" or "8/0" (type/code, empty: all)
 * for ICMP. Returns the range or why it is wrong.
 */
export function parsePortRange(value: string, kind: 'ports' | 'icmp'): { range: PortRange; problem?: undefined } | { range?: undefined; problem: string } {
  const v = value.trim();
  if (!v) return { range: {} };
  if (kind === 'icmp') {
    const m = /^(\d{1,3})(?:\s*\/\s*(\d{1,3}))?$/.exec(v);
    if (!m) return { problem: l10n.t('ICMP type, or type/code: e.g. 8 (echo request) or 3/4; empty for all') };
    const type = Number(m[1]);
    const code = m[2] === undefined ? undefined : Number(m[2]);
    if (type > 255 || (code !== undefined && code > 255)) return { problem: l10n.t('ICMP type and code are 0–255') };
    return { range: { min: type, max: code } };
  }
  const m = /^(\d{1,5})(?:\s*[-:]\s*(\d{1,5}))?$/.exec(v);
  if (!m) return { problem: l10n.t('A port (22) or a range (8000-8080); empty for all ports') };
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (min < 1 || max > 65535 || min > 65535) return { problem: l10n.t('Ports are 1–65535') };
  if (min > max) return { problem: l10n.t('The range starts after it ends ({0} > {1})', min, max) };
  return { range: { min, max } };
}

/** A single port as the "Allow TCP port…" quick add takes it. */
export function portProblem(value: string): string | undefined {
  const v = value.trim();
  if (!/^\d{1,5}$/.test(v)) return l10n.t('Enter a port number, e.g. 80');
  const n = Number(v);
  return n >= 1 && n <= 65535 ? undefined : l10n.t('Ports are 1–65535');
}

/**
 * A remote CIDR of ETHERTYPE: an address with an optional prefix length (a bare address is one host).
 * Host bits set are refused: Neutron would silently widen 10.0.0.5/24 to 10.0.0.0/24.
 */
export function cidrProblem(value: string, ethertype: Ethertype): string | undefined {
  const v = value.trim();
  if (!v) return ethertype === 'IPv4' ? l10n.t('Enter a CIDR, e.g. {0} (anywhere) or {1}', '0.0.0.0/0', '192.168.1.0/24') : l10n.t('Enter a CIDR, e.g. {0} (anywhere) or {1}', '::/0', '2001:db8::/32');
  const [address, prefix, extra] = v.split('/');
  if (extra !== undefined) return l10n.t('One / only: address/prefix, e.g. {0}', '10.0.0.0/24');
  const ip = parseIp(address);
  if (!ip) return l10n.t('\'{0}\' is not an IP address', address);
  const { version } = ip;
  if ((version === 4) !== (ethertype === 'IPv4')) return l10n.t('That is an IPv{0} address, but the rule is {1}: change the ethertype or the CIDR', version, ethertype);
  const bits = IP_BITS[version];
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return l10n.t('The prefix length is a number after /, e.g. /24');
  const length = prefix === undefined ? bits : Number(prefix);
  if (length > bits) return l10n.t('An {0} prefix length is 0–{1}', ethertype, bits);
  const host = hostBits(ip, length);
  if (host) return l10n.t('Host bits are set: did you mean {0}?', `${host}/${length}`);
  return undefined;
}

/** The network address when ADDRESS has bits set beyond LENGTH, else undefined. */
function hostBits(address: Ip, length: number): string | undefined {
  const network = address.value & prefixMask(address.version, length);
  return network === address.value ? undefined : formatIp({ version: address.version, value: network });
}

/** The rule to send: 'any' protocol is left out, as Neutron reads a missing protocol. */
export function ruleCreate(securityGroupId: string, rule: RuleSpec): SecurityGroupRuleCreate {
  const protocol = rule.protocol && rule.protocol.toLowerCase() !== 'any' ? rule.protocol.toLowerCase() : undefined;
  return { ...rule, securityGroupId, protocol };
}

/** "ingress IPv4 tcp 22 from 0.0.0.0/0": how a collected rule reads in a summary. */
export function describeRuleSpec(rule: RuleSpec): string {
  const protocol = rule.protocol && rule.protocol !== 'any' ? rule.protocol : 'any';
  const kind = portKind(protocol);
  let ports = '';
  if (kind === 'ports' && rule.portRangeMin !== undefined) ports = rule.portRangeMin === rule.portRangeMax ? ` ${rule.portRangeMin}` : ` ${rule.portRangeMin}-${rule.portRangeMax}`;
  if (kind === 'icmp' && rule.portRangeMin !== undefined) {
    ports = ` ${rule.portRangeMax !== undefined ? l10n.t('type {0} code {1}', rule.portRangeMin, rule.portRangeMax) : l10n.t('type {0}', rule.portRangeMin)}`;
  }
  return ruleWords(rule.direction, rule.ethertype ?? 'IPv4', protocol, ports, rule.remoteIpPrefix, !!rule.remoteGroupId);
}

/**
 * A rule in words: DIRECTION, ETHERTYPE and PROTOCOL as Neutron names them, PORTS (" 22", " 8000-8080", or an
 * ICMP type; empty for all), then where from (ingress) or to (egress): the REMOTE prefix, else a group, else any.
 */
export function ruleWords(direction: string, ethertype: string, protocol: string, ports: string, remote: string | undefined, remoteGroup: boolean): string {
  const head = `${direction} ${ethertype} ${protocol}${ports}`;
  if (remote) return direction === 'ingress' ? l10n.t('{0} from {1}', head, remote) : l10n.t('{0} to {1}', head, remote);
  if (remoteGroup) return direction === 'ingress' ? l10n.t('{0} from group', head) : l10n.t('{0} to group', head);
  return direction === 'ingress' ? l10n.t('{0} from any', head) : l10n.t('{0} to any', head);
}

/** Security group names: Neutron takes up to 255 characters; "default" is the project's own and cannot be made again. */
export function securityGroupNameProblem(name: string, taken: readonly string[] = []): string | undefined {
  const n = name.trim();
  if (!n) return l10n.t('Enter a name for the security group');
  if (n.length > 255) return l10n.t('At most 255 characters (this is {0})', n.length);
  if (n === 'default') return l10n.t('\'{0}\' is reserved: every project has its own default group already', 'default');
  if (taken.includes(n)) return l10n.t('The project already has a group \'{0}\': Neutron would allow a second one, but names would then be ambiguous', n);
  return undefined;
}

/** What "Create Security Group…" collects. */
export interface SecurityGroupSpec {
  name: string;
  description: string;
}

/** `openstack security group create [--description D] NAME`. */
export function securityGroupCli(spec: SecurityGroupSpec, context: CliContext): string {
  return cliLine(context, ['security', 'group', 'create', ...optional('--description', spec.description)], [spec.name]);
}

/** `openstack security group rule create --ingress --ethertype IPv4 --protocol tcp --dst-port 22:22 --remote-ip 0.0.0.0/0 GROUP`. */
export function securityGroupRuleCli(group: string, rule: RuleSpec, context: CliContext): string {
  const protocol = rule.protocol && rule.protocol.toLowerCase() !== 'any' ? rule.protocol.toLowerCase() : 'any';
  const kind = portKind(protocol);
  const ports: CliOption[] = [];
  if (kind === 'ports' && rule.portRangeMin !== undefined) ports.push(['--dst-port', `${rule.portRangeMin}:${rule.portRangeMax ?? rule.portRangeMin}`]);
  if (kind === 'icmp' && rule.portRangeMin !== undefined) {
    ports.push(['--icmp-type', String(rule.portRangeMin)], ...optional('--icmp-code', rule.portRangeMax === undefined ? undefined : String(rule.portRangeMax)));
  }
  return cliLine(context, [
    'security', 'group', 'rule', 'create', `--${rule.direction}`, ['--ethertype', rule.ethertype ?? 'IPv4'], ['--protocol', protocol], ...ports,
    ...optional('--remote-ip', rule.remoteIpPrefix), ...optional('--remote-group', rule.remoteGroupId),
    ...optional('--description', rule.description),
  ], [group]);
}

// Whether a security group rule lets a packet from this machine in, as Neutron applies rules: a port admits what
// ANY ingress rule of ANY of its groups admits (the union; there are no deny rules). Pure: no vscode import.
import { parseIp, prefixMask, type Ip, type IpVersion } from '../../../core/ip';
import type { SecurityGroupRule } from '../../../openstack/networkModels';

/** The traffic a check needs: ping (ICMP echo request) or a TCP connection to a port. */
export type Traffic = { kind: 'echo' } | { kind: 'tcp'; port: number };

export const PING: Traffic = { kind: 'echo' };
export const SSH: Traffic = { kind: 'tcp', port: 22 };

/**
 * admits: the rule lets the packet in; remoteGroup: it would, but only from the ports of a remote group's
 * members; undecided: its source is a prefix and this machine's address is not known, or an address group
 * whose addresses are not read here; no: it does not.
 */
export type RuleMatch = 'admits' | 'remoteGroup' | 'undecided' | 'no';

/** Names and numbers Neutron accepts for each protocol ('icmp' on an IPv6 rule means ICMPv6). */
const ICMP_NAMES: Record<IpVersion, readonly string[]> = { 4: ['icmp', '1'], 6: ['icmp', 'ipv6-icmp', 'icmpv6', '58'] };
const TCP_NAMES = ['tcp', '6'];
/** The ICMP echo request type, which ping sends. */
const ECHO_TYPE: Record<IpVersion, number> = { 4: 8, 6: 128 };

function protocolMatches(protocol: string | null, traffic: Traffic, version: IpVersion): boolean {
  const p = (protocol ?? 'any').toLowerCase();
  if (p === 'any' || p === '') return true;
  return traffic.kind === 'echo' ? ICMP_NAMES[version].includes(p) : TCP_NAMES.includes(p);
}

/** For ICMP rules port_range_min/max are the type and code; for TCP the ports. Null: all. */
function rangeMatches(rule: SecurityGroupRule, traffic: Traffic, version: IpVersion): boolean {
  const p = (rule.protocol ?? 'any').toLowerCase();
  if (p === 'any' || p === '') return true;
  if (traffic.kind === 'echo') {
    return (rule.portRangeMin === null || rule.portRangeMin === ECHO_TYPE[version]) && (rule.portRangeMax === null || rule.portRangeMax === 0);
  }
  if (rule.portRangeMin === null) return true;
  return rule.portRangeMin <= traffic.port && traffic.port <= (rule.portRangeMax ?? rule.portRangeMin);
}

/** Whether CIDR (an address with an optional /length) contains ADDRESS. */
export function cidrContains(cidr: string, address: Ip): boolean {
  const [text, length] = cidr.split('/');
  const network = parseIp(text);
  if (!network || network.version !== address.version) return false;
  const bits = length === undefined ? (network.version === 4 ? 32 : 128) : Number(length);
  const mask = prefixMask(network.version, bits);
  return (network.value & mask) === (address.value & mask);
}

const isAnywhere = (cidr: string) => /^(0\.0\.0\.0|::)\/0$/.test(cidr.trim());

/** How RULE treats TRAFFIC of VERSION from SOURCE (undefined: this machine's address is not known). */
export function ruleMatch(rule: SecurityGroupRule, traffic: Traffic, version: IpVersion, source: Ip | undefined): RuleMatch {
  if (rule.direction !== 'ingress' || rule.ethertype !== `IPv${version}`) return 'no';
  if (!protocolMatches(rule.protocol, traffic, version) || !rangeMatches(rule, traffic, version)) return 'no';
  // a remote group admits the ports of its members, never an outside machine
  if (rule.remoteGroupId) return 'remoteGroup';
  if (rule.raw.remote_address_group_id) return 'undecided';
  if (!rule.remoteIpPrefix || isAnywhere(rule.remoteIpPrefix)) return 'admits';
  if (!source) return 'undecided';
  return cidrContains(rule.remoteIpPrefix, source) ? 'admits' : 'no';
}

// The answers of the network steps, checked as the user types: IPv4/IPv6 addresses and networks (CIDR), the
// gateway, DNS servers, allocation pools, provider segments and names, with defaults that fit the classroom
// exercise (a free 192.168.x.0/24, the first address as gateway). Pure: no vscode import, unit-tested.
import * as l10n from '@vscode/l10n';
import { formatIp, IP_BITS, parseIp, prefixMask, type Ip, type IpVersion } from '../../../core/ip';

export interface Cidr {
  version: IpVersion;
  /** The network address. */
  network: bigint;
  prefix: number;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp({ version: c.version, value: c.network })}/${c.prefix}`;
}

export function lastAddress(c: Cidr): bigint {
  return c.network | (((1n << BigInt(IP_BITS[c.version])) - 1n) ^ prefixMask(c.version, c.prefix));
}

export function contains(c: Cidr, ip: Ip): boolean {
  return ip.version === c.version && (ip.value & prefixMask(c.version, c.prefix)) === c.network;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/** Parses an address with its prefix, however loosely; undefined when it is not one. Host bits may be set. */
function parseCidrLoose(text: string): { ip: Ip; prefix: number } | undefined {
  const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(text);
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  const prefix = Number(m[2]);
  if (!ip || prefix > IP_BITS[ip.version]) return undefined;
  return { ip, prefix };
}

export function parseCidr(text: string): Cidr | undefined {
  const loose = parseCidrLoose(text);
  if (!loose) return undefined;
  const network = loose.ip.value & prefixMask(loose.ip.version, loose.prefix);
  return network === loose.ip.value ? { version: loose.ip.version, network, prefix: loose.prefix } : undefined;
}

/** What is wrong with TEXT as a subnet's range (checked against OTHERS, the network's subnets), or undefined. */
export function cidrProblem(text: string, others: readonly { cidr: string; name?: string }[] = []): string | undefined {
  if (!text.trim()) return l10n.t('Enter the subnet\'s range in CIDR notation, e.g. {0}', '192.168.100.0/24');
  const loose = parseCidrLoose(text);
  if (!loose) return l10n.t('\'{0}\' is not an IPv4 or IPv6 network in CIDR notation (address/prefix), e.g. {1} or {2}', text.trim(), '192.168.100.0/24', 'fd00:1::/64');
  const { ip, prefix } = loose;
  const network = ip.value & prefixMask(ip.version, prefix);
  if (network !== ip.value) {
    return l10n.t('The address has host bits set for a /{0}: the network is {1}', prefix, formatCidr({ version: ip.version, network, prefix }));
  }
  if (ip.version === 4 && prefix > 29) return l10n.t('A /30 or smaller leaves no room for instances next to the gateway and DHCP: use /29 or larger, e.g. /24');
  if (ip.version === 4 && prefix < 8) return l10n.t('A /{0} is larger than any private range: use /8 to /29, e.g. /24', prefix);
  if (ip.version === 6 && prefix > 126) return l10n.t('An IPv6 subnet needs a /126 or larger; /64 is usual');
  const cidr: Cidr = { version: ip.version, network, prefix };
  for (const other of others) {
    const o = parseCidr(other.cidr);
    if (o && overlaps(cidr, o)) {
      return other.name ? l10n.t('Overlaps subnet {0} ({1}) on this network: pick another range', other.name, other.cidr)
        : l10n.t('Overlaps ({0}) on this network: pick another range', other.cidr);
    }
  }
  return undefined;
}

/** The first usable address: the default gateway, as Neutron picks it. */
export function firstHost(c: Cidr): Ip {
  return { version: c.version, value: c.network + 1n };
}

/** The allocation pool Neutron makes by default: the whole range without the gateway (and the IPv4 broadcast). */
export function defaultPool(c: Cidr, gateway: Ip | null): { start: Ip; end: Ip } {
  const last = c.version === 4 ? lastAddress(c) - 1n : lastAddress(c);
  let start = c.network + 1n;
  let end = last;
  if (gateway && gateway.value === start) start += 1n;
  else if (gateway && gateway.value === end) end -= 1n;
  return { start: { version: c.version, value: start }, end: { version: c.version, value: end } };
}

/** Usable host addresses: not the network address, nor the IPv4 broadcast. */
function isHost(c: Cidr, ip: Ip): boolean {
  return contains(c, ip) && ip.value !== c.network && !(c.version === 4 && ip.value === lastAddress(c));
}

/** The gateway answer: an address in the range, or "none"; blank means the default (the first address). */
export function parseGateway(text: string, cidr: Cidr): { gateway: Ip | null; problem?: undefined } | { problem: string } {
  const t = text.trim();
  if (t === '') return { gateway: firstHost(cidr) };
  if (/^none$/i.test(t)) return { gateway: null };
  const ip = parseIp(t);
  if (!ip) return { problem: l10n.t('\'{0}\' is not an IP address: enter one in {1}, or "none" for no gateway', t, formatCidr(cidr)) };
  if (ip.version !== cidr.version) return { problem: l10n.t('The subnet is IPv{0}: enter an IPv{0} address, or "none"', cidr.version) };
  if (!isHost(cidr, ip)) {
    if (!contains(cidr, ip)) return { problem: l10n.t('{0} is not in {1}', t, formatCidr(cidr)) };
    const usable = formatIp(firstHost(cidr));
    return { problem: ip.value === cidr.network ? l10n.t('{0} is the network address: use another, e.g. {1}', t, usable) : l10n.t('{0} is the broadcast address: use another, e.g. {1}', t, usable) };
  }
  return { gateway: ip };
}

/** DNS servers: addresses separated by commas or spaces; blank for none. */
export function parseDnsServers(text: string): { servers: string[]; problem?: undefined } | { problem: string } {
  const words = text.split(/[\s,;]+/).filter(Boolean);
  const servers: string[] = [];
  for (const w of words) {
    const ip = parseIp(w);
    if (!ip) return { problem: l10n.t('\'{0}\' is not an IP address: enter DNS servers like {1} (or nothing)', w, '1.1.1.1, 9.9.9.9') };
    const text = formatIp(ip);
    if (servers.includes(text)) return { problem: l10n.t('{0} is listed twice', w) };
    servers.push(text);
  }
  return { servers };
}

export interface Pool {
  start: string;
  end: string;
}

/**
 * Allocation pools: `start-end`, several separated by commas; blank means the default (the whole range without
 * the gateway). They must be in the range, not overlap each other, and leave the gateway out.
 */
export function parsePools(text: string, cidr: Cidr, gateway: Ip | null): { pools: Pool[] | undefined; problem?: undefined } | { problem: string } {
  const t = text.trim();
  if (t === '') return { pools: undefined };
  const ranges: { start: Ip; end: Ip }[] = [];
  for (const part of t.split(/\s*[,;]\s*/).filter(Boolean)) {
    const m = /^(\S+?)\s*(?:-|–|\s)\s*(\S+)$/.exec(part);
    const start = m && parseIp(m[1]);
    const end = m && parseIp(m[2]);
    if (!start || !end) return { problem: l10n.t('\'{0}\' is not a range: write start-end, e.g. {1}', part, example(cidr, gateway)) };
    for (const ip of [start, end]) {
      if (!isHost(cidr, ip)) return { problem: l10n.t('{0} is not a usable address of {1}', formatIp(ip), formatCidr(cidr)) };
    }
    if (start.value > end.value) return { problem: l10n.t('{0}: the start comes after the end', part) };
    if (gateway && gateway.value >= start.value && gateway.value <= end.value) {
      return { problem: l10n.t('{0} includes the gateway {1}: leave it out of the pool', part, formatIp(gateway)) };
    }
    const clash = ranges.find((r) => start.value <= r.end.value && r.start.value <= end.value);
    if (clash) return { problem: l10n.t('{0} overlaps {1}', part, `${formatIp(clash.start)}-${formatIp(clash.end)}`) };
    ranges.push({ start, end });
  }
  return { pools: ranges.map((r) => ({ start: formatIp(r.start), end: formatIp(r.end) })) };
}

function example(cidr: Cidr, gateway: Ip | null): string {
  const pool = defaultPool(cidr, gateway);
  return `${formatIp(pool.start)}-${formatIp(pool.end)}`;
}

export function formatPool(pool: { start: Ip; end: Ip }): string {
  return `${formatIp(pool.start)}-${formatIp(pool.end)}`;
}

/**
 * A free /24 for a new subnet: PREFERRED when nothing in USED overlaps it, else the next free 192.168.x.0/24,
 * else the first free 10.x.0.0/24.
 */
export function suggestCidr(used: readonly string[], preferred = '192.168.100.0/24'): string {
  const taken = used.map(parseCidr).filter((c): c is Cidr => !!c);
  const free = (c: Cidr) => !taken.some((t) => overlaps(c, t));
  const start = parseCidr(preferred)!;
  for (let i = 0; i < 256; i++) {
    const c: Cidr = { version: 4, network: start.network + (BigInt(i) << 8n), prefix: 24 };
    if ((c.network >> 16n) !== (start.network >> 16n)) break;
    if (free(c)) return formatCidr(c);
  }
  for (let i = 0; i < 256; i++) {
    const c: Cidr = { version: 4, network: (10n << 24n) | (BigInt(i) << 16n), prefix: 24 };
    if (free(c)) return formatCidr(c);
  }
  return preferred;
}

/** BASE, or BASE-2, BASE-3… when the name is taken. */
export function suggestName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * What is wrong with NAME for a new WHAT, or undefined. Neutron accepts duplicate names, but then the openstack
 * CLI (and the student) cannot tell the resources apart by name: refused here, before anything is sent.
 */
export function nameProblem(name: string, what: 'network' | 'subnet' | 'router', taken: readonly string[]): string | undefined {
  const n = name.trim();
  if (!n) return { network: () => l10n.t('Enter a name for the network'), subnet: () => l10n.t('Enter a name for the subnet'), router: () => l10n.t('Enter a name for the router') }[what]();
  if (n.length > 255) return l10n.t('At most 255 characters');
  if (taken.includes(n)) return nameTaken(what, n, suggestName(n, taken));
  return undefined;
}

function nameTaken(what: 'network' | 'subnet' | 'router', name: string, suggestion: string): string {
  switch (what) {
    case 'network': return l10n.t('A network named \'{0}\' already exists in this project: choose another name (e.g. {1})', name, suggestion);
    case 'subnet': return l10n.t('A subnet named \'{0}\' already exists in this project: choose another name (e.g. {1})', name, suggestion);
    case 'router': return l10n.t('A router named \'{0}\' already exists in this project: choose another name (e.g. {1})', name, suggestion);
  }
}

export type ProviderType = 'flat' | 'vlan' | 'vxlan';

/** A segmentation ID for TYPE: a VLAN tag 1–4094 (required), a VXLAN VNI 1–16777215 (blank: Neutron picks one). */
export function segmentProblem(type: ProviderType, text: string): string | undefined {
  const t = text.trim();
  if (type === 'flat') return t ? l10n.t('A flat network has no segmentation ID') : undefined;
  if (t === '') return type === 'vlan' ? l10n.t('A VLAN network needs its VLAN ID (1–4094)') : undefined;
  if (!/^\d+$/.test(t)) return l10n.t('Enter a whole number');
  const n = Number(t);
  const max = type === 'vlan' ? 4094 : 16_777_215;
  if (n >= 1 && n <= max) return undefined;
  return type === 'vlan' ? l10n.t('A VLAN ID is between 1 and {0}', max) : l10n.t('A VXLAN VNI is between 1 and {0}', max);
}

/** Flat and VLAN networks live on a physical network (a name from the ML2 config, e.g. physnet1). */
export function physicalNetworkProblem(type: ProviderType, text: string): string | undefined {
  const t = text.trim();
  if (type === 'vxlan') return t ? l10n.t('A VXLAN network has no physical network') : undefined;
  if (!t) return l10n.t('A {0} network needs the physical network it is on (e.g. physnet1, as in the ML2 configuration)', type);
  return /^[\w.-]+$/.test(t) ? undefined : l10n.t('Letters, digits, "_", "." and "-" only');
}

// IP addresses as the product reads them, on ipaddr.js: subnet ranges, gateways and pools, security group CIDRs
// and the console's ping target all parse here. Pure (no vscode, no node:net): the console webview uses it too.
import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

/** An address as a number, so that ranges are compared and masked with bigint arithmetic. */
export interface Ip {
  version: IpVersion;
  value: bigint;
}

export const IP_BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };

/**
 * The version of TEXT taken exactly: IPv4 as four decimal parts without leading zeros (`010.0.0.1` is refused:
 * some tools read it as octal), IPv6 in RFC 4291 text form with such a dotted quad at most at its end; no zone.
 */
export function ipVersion(text: string): IpVersion | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return 4;
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  const tail = text.slice(text.lastIndexOf(':') + 1);
  return !tail.includes('.') || ipaddr.IPv4.isValidFourPartDecimal(tail) ? 6 : undefined;
}

/** TEXT (trimmed) as an address, or undefined. */
export function parseIp(text: string): Ip | undefined {
  const t = text.trim();
  const version = ipVersion(t);
  if (!version) return undefined;
  const bytes = ipaddr.parse(t).toByteArray();
  return { version, value: bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n) };
}

/** IP as text: dotted quad, or IPv6 as RFC 5952 says (lower case, the longest run of zero groups as ::). */
export function formatIp(ip: Ip): string {
  const count = IP_BITS[ip.version] / 8;
  const bytes = Array.from({ length: count }, (_, i) => Number((ip.value >> BigInt(8 * (count - 1 - i))) & 0xffn));
  const address = ipaddr.fromByteArray(bytes);
  return address instanceof ipaddr.IPv6 ? address.toRFC5952String() : address.toString();
}

/** The network mask of a /PREFIX of VERSION. */
export function prefixMask(version: IpVersion, prefix: number): bigint {
  const bits = BigInt(IP_BITS[version]);
  return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

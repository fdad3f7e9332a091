// What may be handed to `ping` or `net.connect` as a target: an IPv4 literal, an IPv6 literal, or a host name made
// of RFC 1123 labels. Everything else is refused before any process starts, although ping only ever gets an
// argument array (never a shell): no option injection (`-f…`), no whitespace, no shell metacharacters, no
// control characters, at most 253 characters. Pure: the webview runs the same check as the user types.
import * as l10n from '@vscode/l10n';
import { ipVersion } from '../../../core/ip';

export type TargetKind = 'ipv4' | 'ipv6' | 'hostname';

export type TargetCheck =
  | { ok: true; target: string; kind: TargetKind }
  | { ok: false; reason: string };

export const MAX_TARGET_LENGTH = 253;

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const ZONE = /^[A-Za-z0-9_.-]{1,64}$/;

export function isIPv4(s: string): boolean {
  return ipVersion(s) === 4;
}

/** An IPv6 literal (RFC 4291 text forms, optional trailing dotted quad, optional %zone for link-local). */
export function isIPv6(s: string): boolean {
  const pct = s.indexOf('%');
  if (pct >= 0 && !ZONE.test(s.slice(pct + 1))) return false;
  const addr = pct >= 0 ? s.slice(0, pct) : s;
  return addr.length <= 45 && ipVersion(addr) === 6;
}

/** A DNS host name of RFC 1123 labels; its last label may not be all digits (that would be a mangled IPv4). */
export function isHostname(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > MAX_TARGET_LENGTH) return false;
  const labels = name.split('.');
  if (!labels.every((l) => LABEL.test(l))) return false;
  return !/^\d+$/.test(labels[labels.length - 1]);
}

/** Checks a typed or offered target exactly as given (the caller may trim a pasted value first). */
export function checkTarget(input: unknown): TargetCheck {
  if (typeof input !== 'string' || input.length === 0) return { ok: false, reason: l10n.t('Enter an IP address or a host name.') };
  if (input.length > MAX_TARGET_LENGTH) return { ok: false, reason: l10n.t('At most {0} characters.', MAX_TARGET_LENGTH) };
  if (input.startsWith('-')) return { ok: false, reason: l10n.t('A target cannot start with "-" (it would be read as an option).') };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(input)) return { ok: false, reason: l10n.t('A target cannot contain spaces, line breaks or control characters.') };
  if (/[;&|`$<>(){}[\]\\'"*?!~#=,^]/.test(input.replace(/^\[|\]$/g, ''))) {
    return { ok: false, reason: l10n.t('A target cannot contain shell characters such as ; & | ` $ ( ) < > or quotes.') };
  }
  const bracketed = /^\[(.+)\]$/.exec(input);
  const literal = bracketed ? bracketed[1] : input;
  if (isIPv4(literal) && !bracketed) return { ok: true, target: literal, kind: 'ipv4' };
  if (literal.includes(':')) {
    return isIPv6(literal) ? { ok: true, target: literal, kind: 'ipv6' } : { ok: false, reason: l10n.t('Not a valid IPv6 address.') };
  }
  if (bracketed) return { ok: false, reason: l10n.t('Only an IPv6 address goes in brackets.') };
  if (/^[\d.]+$/.test(literal)) return { ok: false, reason: l10n.t('Not a valid IPv4 address (four numbers 0-255, no leading zeros).') };
  if (isHostname(literal)) return { ok: true, target: literal, kind: 'hostname' };
  return { ok: false, reason: l10n.t('Not a valid host name: letters, digits and "-" in dot-separated labels of at most 63 characters.') };
}

/** A TCP port 1-65535 from a number or digits. */
export function checkPort(input: unknown): number | undefined {
  const n = typeof input === 'number' ? input : typeof input === 'string' && /^\d{1,5}$/.test(input) ? Number(input) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

// The one error type of the OpenStack client, and the parser that turns every service's fault body into words.
// Messages and URLs here end up in logs and notifications, so nothing that carries a secret may reach them.
import { STATUS_CODES } from 'node:http';

export type ErrorKind = 'http' | 'timeout' | 'network' | 'aborted' | 'auth' | 'config';

export interface OpenStackErrorInit {
  kind: ErrorKind;
  /** What went wrong, in words; for kind 'http' the service's fault text. */
  text: string;
  method?: string;
  url?: string;
  status?: number;
  requestId?: string;
  serviceMessage?: string;
  faultType?: string;
  service?: string;
  cause?: unknown;
}

export class OpenStackError extends Error {
  override readonly name = 'OpenStackError';
  readonly kind: ErrorKind;
  /** What went wrong and what to check, without the request details: short enough for a tree item. */
  readonly text: string;
  readonly status?: number;
  readonly method: string;
  /** Redacted: no userinfo, no token-like query values. */
  readonly url: string;
  readonly requestId?: string;
  readonly serviceMessage?: string;
  /** Nova fault name (`overLimit`), Neutron/Heat `type` (`OverQuota`) or Placement `code`: the UI maps these to fixes. */
  readonly faultType?: string;
  readonly service?: string;

  constructor(init: OpenStackErrorInit) {
    const url = init.url === undefined ? '' : redactUrl(init.url);
    const method = init.method ?? '';
    const where = [
      init.status === undefined ? '' : `HTTP ${init.status}`,
      method && url ? `${method} ${url}` : '',
      init.requestId ? `request ${init.requestId}` : '',
    ].filter(Boolean);
    const head = init.service ? `${init.service}: ${init.text}` : init.text;
    super(where.length ? `${head} (${where.join(', ')})` : head, { cause: init.cause });
    this.kind = init.kind;
    this.text = init.text;
    this.status = init.status;
    this.method = method;
    this.url = url;
    this.requestId = init.requestId;
    this.serviceMessage = init.serviceMessage;
    this.faultType = init.faultType;
    this.service = init.service;
  }
}

// `token=`, `password=`… also inside an encoded parameter (nova's console URL carries `path=%3Ftoken%3D…`).
const SECRET_VALUE = /((?:token|password|secret|sig(?:nature)?)(?:=|%3D))(?:(?!%26)[^&#])*/gi;

/** The URL as safe to show: userinfo dropped and secret-looking query values replaced by `***`. */
export function redactUrl(url: string): string {
  let safe = url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    safe = parsed.toString();
  } catch {
    // Not absolute: still scrub the query.
  }
  return safe.replace(SECRET_VALUE, '$1***');
}

export interface Fault {
  message: string;
  faultType?: string;
}

// A traceback or an HTML error page must not flood a notification.
const MAX_FAULT_CHARS = 1000;

/** The service's own explanation from an error response body, whatever its shape; never empty. */
export function parseFault(status: number, contentType: string | undefined, bodyText: string): Fault {
  const body = bodyText.trim();
  const type = (contentType ?? '').toLowerCase();
  const fault = (type.includes('json') || /^[[{]/.test(body) ? fromJson(body) : undefined) ??
    (type.includes('html') || /^<(!doctype|html)/i.test(body) ? { message: htmlText(body) } : { message: body });
  let message = fault.message.replace(/\s+/g, ' ').trim();
  if (message.length > MAX_FAULT_CHARS) message = `${message.slice(0, MAX_FAULT_CHARS)}…`;
  return { ...fault, message: message || (STATUS_CODES[status] ?? `HTTP ${status}`) };
}

function fromJson(body: string): Fault | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  // Placement: {"errors": [{"status", "title", "detail", "code"}]}
  if (Array.isArray(value.errors)) {
    const errors = value.errors.filter(isRecord);
    if (errors.length) {
      return { message: errors.map((e) => str(e.detail) ?? str(e.title) ?? '').join('; '), faultType: str(errors[0].code) };
    }
  }
  // Keystone and Heat: {"error": {...}}; Nova/Cinder: {"<faultName>": {"message", "code"}}; Neutron: {"NeutronError": {...}}
  const keys = Object.keys(value);
  const key = isRecord(value.error) ? 'error' : keys.length === 1 ? keys[0] : undefined;
  const inner = key === undefined ? undefined : value[key];
  if (isRecord(inner) && typeof inner.message === 'string') {
    const detail = str(inner.detail);
    return {
      message: detail && !inner.message.includes(detail) ? `${inner.message} ${detail}` : inner.message,
      faultType: str(inner.type) ?? (key === 'error' ? undefined : key),
    };
  }
  // Flat bodies: Designate {"message", "type"}, WSME (Octavia, Ironic) {"faultstring"}, Falcon (Zaqar) {"description"}
  const flat = str(value.message) ?? str(value.faultstring) ?? str(value.description);
  return flat === undefined ? undefined : { message: flat, faultType: str(value.type) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

// WebOb error pages (Glance, Swift): the <title> and <h1> only repeat the status line, the text follows them.
function htmlText(html: string): string {
  const text = html
    .replace(/<head[\s\S]*?<\/head>/i, '')
    .replace(/<h1[\s\S]*?<\/h1>/i, '')
    .replace(/<[^>]*>/g, ' ');
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
    const hex = name[1] === 'x' || name[1] === 'X';
    const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

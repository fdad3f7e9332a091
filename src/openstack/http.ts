// The wire rules every OpenStack call shares: JSON in and out, expected statuses, the retry policy, failures
// mapped to OpenStackError, and an exchange log that never carries headers, bodies or tokens.
import * as l10n from '@vscode/l10n';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { OpenStackError, parseFault, redactUrl } from './errors';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Readable | Buffer;
  signal?: AbortSignal;
  /** Headers and body-idle timeout of this request; the dispatcher's own apply when unset. */
  timeoutMs?: number;
  /** Default: any 2xx. */
  expectStatus?: number[];
  /** Display name for messages, e.g. 'Nova'. */
  service?: string;
  /** Overrides the method default (GET and HEAD retry); false disables every retry. */
  retryable?: boolean;
  /** An expected response's body is left unread for `stream()` (object downloads); any other is read as text. */
  stream?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Undefined for an empty body (204). */
  json<T>(): Promise<T>;
  text(): Promise<string>;
  /** The body as it arrives; only for a request sent with `stream: true` (then json() and text() are empty). */
  stream(): Readable;
  requestId?: string;
}

export interface Exchange {
  method: string;
  url: string;
  status?: number;
  ms: number;
  requestId?: string;
  attempt: number;
  error?: string;
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface HttpClientOptions {
  dispatcher: Dispatcher;
  userAgent?: string;
  defaultTimeoutMs?: number;
  retry?: RetryPolicy;
  onExchange?: (e: Exchange) => void;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 10_000 };
const GATEWAY_STATUSES = new Set([502, 503, 504]);
// A pooled socket the server closed, or a connection dropped mid-exchange.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const SECRET_HEADERS = new Set(['x-auth-token', 'x-subject-token']);
const TIMEOUTS: Record<string, (host: string, seconds: string) => string> = {
  UND_ERR_CONNECT_TIMEOUT: (host, s) => l10n.t('No connection to {0} after {1}s (connect timeout); if the service is just slow, raise `api_timeout` for this cloud.', host, s),
  UND_ERR_HEADERS_TIMEOUT: (host, s) => l10n.t('No response from {0} after {1}s (headers timeout); if the service is just slow, raise `api_timeout` for this cloud.', host, s),
  UND_ERR_BODY_TIMEOUT: (host, s) => l10n.t('The response body from {0} stopped arriving after {1}s (body timeout); if the service is just slow, raise `api_timeout` for this cloud.', host, s),
};

interface Received {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The unread body of an expected response to a `stream` request. */
  stream?: Readable;
  requestId?: string;
}

export class HttpClient {
  constructor(private readonly opts: HttpClientOptions) {}

  async request(req: HttpRequest): Promise<HttpResponse> {
    if (!/^https?:$/.test(URL.canParse(req.url) ? new URL(req.url).protocol : '')) {
      const text = l10n.t('Not an http(s) URL: check the catalog or auth_url.');
      throw new OpenStackError({ kind: 'config', text, method: req.method, url: req.url, service: req.service });
    }
    const retry = this.opts.retry ?? DEFAULT_RETRY;
    const idempotent = req.retryable ?? (req.method === 'GET' || req.method === 'HEAD');
    // A stream is consumed by the first try.
    const replayable = req.retryable !== false && !(req.body && !Buffer.isBuffer(req.body));
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const mayRetry = replayable && attempt < retry.attempts;
      let received: Received;
      try {
        received = await this.send(req);
      } catch (err) {
        const error = this.toError(err, req, Date.now() - started);
        this.log(req, attempt, started, { error: error.message });
        if (!(mayRetry && idempotent && RESET_CODES.has(errorCode(err)))) throw error;
        await this.pause(backoff(retry, attempt), req);
        continue;
      }
      const { status, headers, body, requestId } = received;
      if (expected(req, status)) {
        this.log(req, attempt, started, { status, requestId });
        return respond(req, received);
      }
      // 429: the server refused before doing anything, so any method may try again.
      if (mayRetry && (status === 429 || (idempotent && GATEWAY_STATUSES.has(status)))) {
        this.log(req, attempt, started, { status, requestId });
        const asked = status === 429 || status === 503 ? retryAfterMs(headers['retry-after']) : undefined;
        await this.pause(Math.min(asked ?? backoff(retry, attempt), retry.maxDelayMs), req);
        continue;
      }
      const fault = parseFault(status, headers['content-type'], scrub(body, req.headers));
      const error = new OpenStackError({
        kind: 'http', text: fault.message, serviceMessage: fault.message, faultType: fault.faultType,
        status, requestId, method: req.method, url: req.url, service: req.service,
      });
      this.log(req, attempt, started, { status, requestId, error: error.message });
      throw error;
    }
  }

  // The body is read here, in full: the API hands out text and JSON only, and an unread body would hold its socket.
  private async send(req: HttpRequest): Promise<Received> {
    const headers: Record<string, string> = {
      'user-agent': this.opts.userAgent ?? 'openstack-explorer',
      accept: 'application/json',
    };
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    let body: Readable | Buffer | string | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    }
    const timeout = req.timeoutMs ?? this.opts.defaultTimeoutMs;
    const res = await this.opts.dispatcher.request({
      ...originAndPath(req.url), method: req.method, headers, body, signal: req.signal,
      headersTimeout: timeout, bodyTimeout: timeout,
    });
    const received: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) received[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const requestId = received['x-openstack-request-id'] ?? received['x-compute-request-id'];
    if (req.stream && expected(req, res.statusCode)) return { status: res.statusCode, headers: received, body: '', stream: res.body, requestId };
    return { status: res.statusCode, headers: received, body: await res.body.text(), requestId };
  }

  private async pause(ms: number, req: HttpRequest): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: req.signal });
    } catch (err) {
      throw this.toError(err, req, 0);
    }
  }

  private toError(err: unknown, req: HttpRequest, ms: number): OpenStackError {
    const base = { method: req.method, url: req.url, service: req.service, cause: err };
    if (req.signal?.aborted) return new OpenStackError({ ...base, kind: 'aborted', text: l10n.t('Request cancelled.') });
    const code = errorCode(err);
    const timeout = TIMEOUTS[code];
    if (timeout) {
      const text = timeout(hostPort(new URL(req.url)), (ms / 1000).toFixed(1));
      return new OpenStackError({ ...base, kind: 'timeout', text });
    }
    return connectionError(err, req.url, base);
  }

  private log(req: HttpRequest, attempt: number, started: number, outcome: Pick<Exchange, 'status' | 'requestId' | 'error'>) {
    this.opts.onExchange?.({ method: req.method, url: redactUrl(req.url), ms: Date.now() - started, attempt, ...outcome });
  }
}

/**
 * The origin of URL and its path as written: a URL parser removes `.` and `..` segments (even `%2e%2e`), which
 * would send a request for Swift's object `a/../b` to the object `b`. Only what a request line cannot carry
 * (spaces, non-ASCII…) is percent-encoded, as the parser would; the fragment is dropped.
 */
function originAndPath(url: string): { origin: string; path: string } {
  const { origin } = new URL(url);
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/#.*$/s, '');
  const path = rest.startsWith('/') ? rest : `/${rest}`;
  return { origin, path: path.replace(/[^\x21-\x7e]|["<>`{}]/gu, (c) => encodeURIComponent(c)) };
}

function expected(req: HttpRequest, status: number): boolean {
  return req.expectStatus ? req.expectStatus.includes(status) : status >= 200 && status < 300;
}

function respond(req: HttpRequest, received: Received): HttpResponse {
  const { status, headers, body, requestId } = received;
  return {
    status, headers, requestId,
    text: () => Promise.resolve(body),
    stream() {
      if (!received.stream) throw new Error(`${req.method} ${redactUrl(req.url)} was not sent with stream: true`);
      return received.stream;
    },
    async json<T>(): Promise<T> {
      if (body === '') return undefined as T;
      try {
        return JSON.parse(body) as T;
      } catch (err) {
        throw new OpenStackError({
          kind: 'http', text: l10n.t('The response is not valid JSON ({0}).', (err as Error).message),
          status, requestId, method: req.method, url: req.url, service: req.service,
        });
      }
    },
  };
}

/** A failure to connect to URL (refused, unresolved, TLS not trusted...) in words that name the fix. */
export function connectionError(err: unknown, url: string, base: { method?: string; service?: string } = {}): OpenStackError {
  if (err instanceof OpenStackError) return err;
  const parsed = new URL(url);
  const text = networkText(errorCode(err), hostPort(parsed), parsed.hostname, err);
  return new OpenStackError({ ...base, url, kind: 'network', text, cause: err });
}

function hostPort(url: URL): string {
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return `${url.hostname}:${url.port || (secure ? 443 : 80)}`;
}

function networkText(code: string, host: string, hostname: string, err: unknown): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return l10n.t('Cannot resolve {0}: check the catalog URL (or auth_url) and DNS.', hostname);
  if (code === 'ECONNREFUSED') return l10n.t('Connection refused by {0}: is the service running? Check the catalog URL.', host);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return l10n.t('The TLS certificate of {0} is not issued for {1}: use the host name it names in auth_url (or the catalog).', host, hostname);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_/.test(code)) {
    return l10n.t('TLS verification of {0} failed ({1}): set `cacert` for this cloud, or `verify: false` for a test cloud.', host, code);
  }
  if (RESET_CODES.has(code)) return l10n.t('The connection to {0} was closed unexpectedly ({1}).', host, code);
  const reason = err instanceof Error ? err.message : String(err);
  return l10n.t('Cannot reach {0} ({1}): is the service running? Check the catalog URL.', host, code || reason);
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

/** Exponential, with jitter so that clients failed together do not come back together. */
function backoff(retry: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** Retry-After in delay-seconds or HTTP-date form. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

// Keystone echoes a bad token in its 404 ("Could not find token: gAAAA…").
function scrub(text: string, headers: Record<string, string> | undefined): string {
  let out = text;
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value && SECRET_HEADERS.has(name.toLowerCase())) out = out.split(value).join('***');
  }
  return out;
}

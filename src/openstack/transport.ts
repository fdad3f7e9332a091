// One undici dispatcher per cloud: its TLS trust, client certificate, proxy and socket timeouts. Connection
// reuse is undici's: it honours `Connection: close` (uwsgi services) and keep-alive hints; a pooled socket that
// the server closed under us is retried by HttpClient for idempotent requests. Raw sockets (the serial console's
// WebSocket) take the same TLS settings and the same proxy choice.
import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { Agent, Client, Pool, ProxyAgent, type Dispatcher } from 'undici';
import { OpenStackError } from './errors';

export interface TransportOptions {
  verify: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Overrides the proxy environment variables, for http and https alike (VS Code's `http.proxy`). */
  proxy?: string;
  /** Overrides no_proxy: comma-separated hosts (VS Code's `http.noProxy`). */
  noProxy?: string;
  /** Whether an https proxy's own certificate is verified (VS Code's `http.proxyStrictSSL`); default true. */
  proxyStrictSSL?: boolean;
  /** Where the proxy variables are read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

// A proxy cannot usefully reach this machine's loopback, where a local dev cloud listens.
const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

export function createDispatcher(opts: TransportOptions): Dispatcher {
  const tls = tlsSettings(opts);
  const agentOptions = { connect: tls, headersTimeout: opts.headersTimeoutMs, bodyTimeout: opts.bodyTimeoutMs };
  const proxyTls = { rejectUnauthorized: opts.proxyStrictSSL !== false, timeout: opts.connectTimeoutMs };
  return new Agent({
    ...agentOptions,
    // Through a tunnel the cloud's TLS settings apply to the cloud (requestTls), not to the proxy.
    factory: (origin, options) => {
      const proxy = proxyFor(new URL(String(origin)), opts);
      return proxy ? new ProxyAgent({ ...agentOptions, uri: proxy, requestTls: tls, proxyTls }) : new Pool(origin, options);
    },
  });
}

/** The cloud's TLS trust and client certificate, as node's tls options. */
export function tlsSettings(opts: TransportOptions): ConnectionOptions & { timeout: number } {
  return {
    rejectUnauthorized: opts.verify,
    timeout: opts.connectTimeoutMs,
    // Without verification a CA bundle is moot, so a stale `cacert` must not block the cloud.
    ca: opts.verify ? readPem(opts.caFile, () => l10n.t('CA file'), 'cacert') : undefined,
    cert: readPem(opts.certFile, () => l10n.t('client certificate'), 'cert'),
    key: readPem(opts.keyFile, () => l10n.t('client key'), 'key'),
  };
}

/** The proxy URL for requests to TARGET, or undefined to go direct (no proxy set, no_proxy, loopback). */
export function proxyFor(target: URL, opts: TransportOptions): string | undefined {
  const env = opts.env ?? process.env;
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const proxy = opts.proxy || (secure ? env.https_proxy ?? env.HTTPS_PROXY : env.http_proxy ?? env.HTTP_PROXY);
  if (!proxy) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (secure ? '443' : '80');
  if (LOOPBACK.includes(host) || host.startsWith('127.')) return undefined;
  const noProxy = (opts.noProxy ?? env.no_proxy ?? env.NO_PROXY ?? '').split(/[,\s]+/).filter(Boolean);
  return noProxy.some((entry) => bypasses(entry.toLowerCase(), host, port)) ? undefined : proxy;
}

/** curl's no_proxy rules: '*' is every host; `name` and `.name` match the host and its subdomains. */
function bypasses(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  const [, name, entryPort] = /^(.*?)(?::(\d+))?$/.exec(entry) ?? [];
  if (entryPort && entryPort !== port) return false;
  const domain = name.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * A connected socket to TARGET's host and port with the cloud's transport settings: through the proxy when
 * proxyFor names one (an HTTP CONNECT tunnel), TLS for https/wss. For clients that speak their own protocol
 * over it (the serial console's WebSocket).
 */
export async function openSocket(target: URL, opts: TransportOptions): Promise<Socket> {
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port) || (secure ? 443 : 80);
  const proxy = proxyFor(target, opts);
  const tls = secure ? tlsSettings(opts) : undefined;
  const raw = proxy ? await tunnel(proxy, host, port, opts) : await within(tcpConnect({ host, port }), 'connect', opts.connectTimeoutMs);
  if (!tls) return raw;
  // `host` is what the certificate must name; SNI takes names only.
  const secured = tlsConnect({ ...tls, socket: raw, host, servername: isIP(host) ? undefined : host });
  secured.once('error', () => raw.destroy());
  return within(secured, 'secureConnect', opts.connectTimeoutMs);
}

/** SOCKET once it emits READY; destroyed with ETIMEDOUT when that takes longer than TIMEOUTMS. */
function within<S extends Socket>(socket: S, ready: 'connect' | 'secureConnect', timeoutMs: number): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error(`no connection after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    socket.once('error', reject);
    socket.once(ready, () => {
      socket.setTimeout(0);
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

async function tunnel(proxy: string, host: string, port: number, opts: TransportOptions): Promise<Socket> {
  const proxyUrl = new URL(proxy);
  const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  const headers: Record<string, string> = { host: authority };
  if (proxyUrl.username) {
    const credentials = `${decodeURIComponent(proxyUrl.username)}:${decodeURIComponent(proxyUrl.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const client = new Client(proxyUrl.origin, { connect: { rejectUnauthorized: opts.proxyStrictSSL !== false, timeout: opts.connectTimeoutMs } });
  try {
    const { statusCode, socket } = await client.connect({ path: authority, headers });
    if (statusCode !== 200) {
      socket.destroy();
      throw new OpenStackError({ kind: 'network', text: l10n.t('The proxy {0} refused a tunnel to {1} (HTTP {2}): check the proxy settings.', proxyUrl.host, authority, statusCode) });
    }
    return socket as Socket;
  } finally {
    void client.close();
  }
}

function readPem(file: string | undefined, what: () => string, option: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    const text = (err as NodeJS.ErrnoException).code === 'ENOENT'
      ? l10n.t('The {0} {1} does not exist: point `{2}` in clouds.yaml at a readable PEM file.', what(), file, option)
      : l10n.t('The {0} {1} cannot be read: point `{2}` in clouds.yaml at a readable PEM file.', what(), file, option);
    throw new OpenStackError({
      kind: 'config',
      text,
      cause: err,
    });
  }
}

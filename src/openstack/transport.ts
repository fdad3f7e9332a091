// One undici dispatcher per cloud: its TLS trust, client certificate, proxy and socket timeouts. Connection
// reuse is undici's: it honours `Connection: close` (uwsgi services) and keep-alive hints; a pooled socket that
// the server closed under us is retried by HttpClient for idempotent requests.
import { readFileSync } from 'node:fs';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { OpenStackError } from './errors';

export interface TransportOptions {
  verify: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Overrides the proxy environment variables, for http and https alike. */
  proxy?: string;
  noProxy?: string;
  /** Where the proxy variables are read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

// A proxy cannot usefully reach this machine's loopback, where a local dev cloud listens.
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

export function createDispatcher(opts: TransportOptions): Dispatcher {
  const tls = {
    rejectUnauthorized: opts.verify,
    timeout: opts.connectTimeoutMs,
    // Without verification a CA bundle is moot, so a stale `cacert` must not block the cloud.
    ca: opts.verify ? readPem(opts.caFile, 'CA file', 'cacert') : undefined,
    cert: readPem(opts.certFile, 'client certificate', 'cert'),
    key: readPem(opts.keyFile, 'client key', 'key'),
  };
  const agentOptions = { connect: tls, headersTimeout: opts.headersTimeoutMs, bodyTimeout: opts.bodyTimeoutMs };
  const env = opts.env ?? process.env;
  const httpProxy = opts.proxy ?? env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = opts.proxy ?? env.https_proxy ?? env.HTTPS_PROXY ?? '';
  if (!httpProxy && !httpsProxy) return new Agent(agentOptions);
  const userNoProxy = (opts.noProxy ?? env.no_proxy ?? env.NO_PROXY ?? '').trim();
  // undici treats '*' as "bypass all" only when it is the whole value.
  const noProxy = userNoProxy === '*' ? '*' : [userNoProxy, ...LOOPBACK].filter(Boolean).join(',');
  // Every value is passed, '' for none, because undici falls back to process.env for missing ones.
  // Through a tunnel the TLS settings apply to the cloud (requestTls), not to the proxy.
  return new EnvHttpProxyAgent({ ...agentOptions, requestTls: tls, httpProxy, httpsProxy, noProxy });
}

function readPem(file: string | undefined, what: string, option: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new OpenStackError({
      kind: 'config',
      text: `The ${what} ${file} ${reason}: point \`${option}\` in clouds.yaml at a readable PEM file.`,
      cause: err,
    });
  }
}

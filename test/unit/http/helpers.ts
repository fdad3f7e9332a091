// Real local servers for the faults MockAgent cannot show: sockets, timeouts, proxies.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { HttpClient, type Exchange } from '../../../src/openstack/http';
import { createDispatcher, type TransportOptions } from '../../../src/openstack/transport';

const run = promisify(execFile);

export interface LocalServer {
  server: Server;
  url: string;
  port: number;
  /** Every TCP connection the server accepted. */
  sockets: Socket[];
  close(): Promise<void>;
}

export async function listen(handler: RequestListener): Promise<LocalServer> {
  const server = createServer(handler);
  const sockets: Socket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server, port, sockets, url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const local = await listen(() => undefined);
  await local.close();
  return local.port;
}

export const TIMEOUTS = { connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 };

/** A client over a real dispatcher with no proxy, fast retries and an exchange log. */
export function realClient(transport: Partial<TransportOptions> = {}): { client: HttpClient; log: Exchange[]; close(): Promise<void> } {
  const dispatcher = createDispatcher({ verify: true, env: {}, ...TIMEOUTS, ...transport });
  const log: Exchange[] = [];
  const client = new HttpClient({ dispatcher, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, onExchange: (e) => log.push(e) });
  return { client, log, close: () => dispatcher.close() };
}

/**
 * A CONNECT proxy that tunnels every request to `target` on 127.0.0.1, whatever host it names, and records the
 * names; its close is pushed to CLOSERS.
 */
export async function tunnelProxy(target: number, closers: { close(): Promise<void> }[], tls?: { key: Buffer; cert: Buffer }): Promise<{ url: string; connects: string[] }> {
  const connects: string[] = [];
  const tunnels = new Set<Socket>();
  const server = tls ? createHttpsServer(tls) : createServer();
  server.on('connect', (req, client: Socket, head) => {
    connects.push(req.url ?? '');
    const upstream = connect(target, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    tunnels.add(client).add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push({
    close: () => {
      for (const socket of tunnels) socket.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  });
  return { url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`, connects };
}

/** A self-signed certificate for 127.0.0.1, made with openssl. */
export async function selfSignedCertificate(): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'ose-cert-'));
  try {
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    return { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

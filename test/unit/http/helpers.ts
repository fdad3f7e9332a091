// Real local servers for the faults MockAgent cannot show: sockets, timeouts, proxies.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { HttpClient, type Exchange } from '../../../src/openstack/http';
import { createDispatcher, type TransportOptions } from '../../../src/openstack/transport';

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

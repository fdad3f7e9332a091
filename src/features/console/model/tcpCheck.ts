// "Is the port open?" for networks that drop ICMP: one TCP connect with a timeout, closed as soon as it is made.
// Only a target that passed checkTarget() gets here.
import * as net from 'node:net';
import type { TcpResult } from './protocol';

export function tcpCheck(target: string, port: number, timeoutMs = 5000, signal?: AbortSignal): Promise<TcpResult> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  if (signal?.aborted) return Promise.resolve({ target, port, ok: false, ms: 0, message: 'cancelled' });
  return new Promise((resolve) => {
    const socket = net.connect({ host: target, port });
    let done = false;
    const finish = (ok: boolean, message: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ target, port, ok, ms: ms(), message });
    };
    const timer = setTimeout(() => finish(false, `no answer within ${timeoutMs / 1000} s: the port is filtered (a firewall or security group drops it) or the host is down`), timeoutMs);
    const onAbort = () => finish(false, 'cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true, `port ${port} is open (connected in ${ms()} ms)`));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(false, explain(err, port)));
  });
}

function explain(err: NodeJS.ErrnoException, port: number): string {
  switch (err.code) {
    case 'ECONNREFUSED': return `connection refused: the host answered, but nothing listens on port ${port}`;
    case 'EHOSTUNREACH': return 'host unreachable (no route, or nobody answers ARP/ND for it)';
    case 'ENETUNREACH': return 'network unreachable from the machine running the extension';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'the host name does not resolve';
    case 'ECONNRESET': return 'the connection was reset';
    default: return `${err.code ?? 'error'}: ${err.message}`;
  }
}

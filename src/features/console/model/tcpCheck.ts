// "Is the port open?" for networks that drop ICMP: one TCP connect with a timeout, closed as soon as it is made.
// Only a target that passed checkTarget() gets here.
import * as l10n from '@vscode/l10n';
import * as net from 'node:net';
import type { TcpResult } from './protocol';

export function tcpCheck(target: string, port: number, timeoutMs = 5000, signal?: AbortSignal): Promise<TcpResult> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  if (signal?.aborted) return Promise.resolve({ target, port, ok: false, ms: 0, message: l10n.t('cancelled') });
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
    const timer = setTimeout(() => finish(false, l10n.t('no answer within {0} s: the port is filtered (a firewall or security group drops it) or the host is down', timeoutMs / 1000)), timeoutMs);
    const onAbort = () => finish(false, l10n.t('cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true, l10n.t('port {0} is open (connected in {1} ms)', port, ms())));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(false, explain(err, port)));
  });
}

function explain(err: NodeJS.ErrnoException, port: number): string {
  switch (err.code) {
    case 'ECONNREFUSED': return l10n.t('connection refused: the host answered, but nothing listens on port {0}', port);
    case 'EHOSTUNREACH': return l10n.t('host unreachable (no route, or nobody answers ARP/ND for it)');
    case 'ENETUNREACH': return l10n.t('network unreachable from the machine running the extension');
    case 'ENOTFOUND': case 'EAI_AGAIN': return l10n.t('the host name does not resolve');
    case 'ECONNRESET': return l10n.t('the connection was reset');
    default: return `${err.code ?? 'error'}: ${err.message}`;
  }
}

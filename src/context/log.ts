// The "OpenStack" log: one line per HTTP attempt (method, URL, status, time, request id) and every command
// failure. The client never hands us headers, bodies or tokens, and redacts token-bearing query strings.
import * as vscode from 'vscode';
import type { Exchange } from '../openstack/http';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('OpenStack', { log: true });
}

export function logExchange(log: Log, cloud: string, e: Exchange): void {
  const outcome = e.status !== undefined ? String(e.status) : `failed: ${e.error ?? 'unknown error'}`;
  const retry = e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
  const line = `[${cloud}] ${e.method} ${e.url} → ${outcome} in ${e.ms} ms${e.requestId ? ` ${e.requestId}` : ''}${retry}`;
  if (e.status === undefined || e.status >= 500) log.warn(line);
  else log.info(line);
}

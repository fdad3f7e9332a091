// This machine's side of the path, for checks 7 and 9: `ip route get` and the live probes (ping, TCP 22) to the
// floating IP. Every process is spawned with an argument array (never a shell), bounded in time, and only for
// an address checkTarget accepts. No vscode import: the dev-cloud tests run it as the command does.
import { execFile } from 'node:child_process';
import { PingRun } from '../console/model/ping';
import { checkTarget } from '../console/model/target';
import { tcpCheck } from '../console/model/tcpCheck';
import { parseRouteGet } from './model/localRoute';
import type { LocalRoute, Probes } from './model/snapshot';

const ROUTE_TIMEOUT_MS = 3000;
const PING_COUNT = 3;
const SSH_TIMEOUT_MS = 3000;

/** `ip route get ADDRESS` on Linux; undefined elsewhere or when `ip` cannot run (the check says "unknown"). */
export function localRoute(address: string, platform = process.platform): Promise<LocalRoute | undefined> {
  const check = checkTarget(address);
  if (platform !== 'linux' || !check.ok || check.kind === 'hostname') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('ip', ['route', 'get', check.target], { timeout: ROUTE_TIMEOUT_MS, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout, stderr) => {
      const spawnFailed = err && typeof (err as NodeJS.ErrnoException).code === 'string';
      // `ip` exits 2 with "RTNETLINK answers: Network is unreachable": that is the finding, not a failure to run
      resolve(spawnFailed ? undefined : parseRouteGet(`${stdout}\n${stderr}`));
    });
  });
}

function ping(target: string, kind: 'ipv4' | 'ipv6', signal?: AbortSignal): Promise<Probes['ping']> {
  return new Promise((resolve) => {
    const run = new PingRun({ target, kind, count: PING_COUNT }, {
      onLine: () => undefined,
      // a ping that could not run (not installed, not permitted) decides nothing
      onEnd: (end) => resolve(end.failure ? undefined : end.summary),
    });
    signal?.addEventListener('abort', () => run.stop(), { once: true });
  });
}

/** Pings ADDRESS three times and connects to its TCP 22, at the same time. */
export async function liveProbes(address: string, signal?: AbortSignal): Promise<Probes> {
  const check = checkTarget(address);
  if (!check.ok || check.kind === 'hostname') return {};
  const [pinged, ssh] = await Promise.all([ping(check.target, check.kind, signal), tcpCheck(check.target, 22, SSH_TIMEOUT_MS, signal)]);
  return { ping: pinged, ssh };
}

// Check 7, this machine's side: `ip route get <floating IP>` (Linux; "unknown" where it was not run).
import { evidence, failed, passed, unknown, type Check } from './checklist';
import type { CheckInput } from './checkInput';
import type { LocalRoute } from './snapshot';

/**
 * The first line of `ip route get` output: `203.0.113.5 via 10.0.2.2 dev eth0 src 10.0.2.15 uid 1000`, or an
 * error such as `RTNETLINK answers: Network is unreachable` (also an unreachable/blackhole/prohibit route).
 */
export function parseRouteGet(output: string): LocalRoute {
  const line = output.split('\n').map((l) => l.trim()).find((l) => l) ?? '';
  if (!line || /^RTNETLINK|^(unreachable|blackhole|prohibit)\b|^Error/i.test(line)) return { kind: 'error', line: line || 'no output' };
  const words = line.split(/\s+/);
  const after = (key: string) => {
    const i = words.indexOf(key);
    return i >= 0 ? words[i + 1] : undefined;
  };
  return { kind: 'route', line, dev: after('dev'), via: after('via'), src: after('src') };
}

export function localRouteCheck(input: CheckInput): Check {
  const id = 'local-route';
  const title = 'This machine has a route to the floating IP';
  const address = input.path.floatingIp?.floatingIpAddress;
  const route = input.snapshot.localRoute;
  if (!address) return unknown({ id, title, evidence: [], summary: 'There is no floating IP to route to.' });
  const facts = route ? [evidence('local_route', { id: address, name: `ip route get ${address}` }, 'output', route.line)] : [];
  if (!route) return unknown({ id, title, evidence: facts, summary: `The route to ${address} was not read (ip route get runs on Linux only).` });
  if (route.kind === 'error') return failed({ id, title, evidence: facts, summary: `This machine has no route to ${address}: ${route.line}.` });
  const via = route.via ? ` via ${route.via}` : '';
  return passed({ id, title, evidence: facts, summary: `This machine reaches ${address}${via} on ${route.dev ?? 'an interface'}${route.src ? ` from ${route.src}` : ''}.` });
}

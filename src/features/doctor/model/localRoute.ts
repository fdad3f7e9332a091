// Check 7, this machine's side: `ip route get <floating IP>` (Linux; "unknown" where it was not run).
import * as l10n from '@vscode/l10n';
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
  const title = l10n.t('This machine has a route to the floating IP');
  const address = input.path.floatingIp?.floatingIpAddress;
  const route = input.snapshot.localRoute;
  if (!address) return unknown({ id, title, evidence: [], summary: l10n.t('There is no floating IP to route to.') });
  const facts = route ? [evidence('local_route', { id: address, name: `ip route get ${address}` }, l10n.t('output'), route.line)] : [];
  if (!route) return unknown({ id, title, evidence: facts, summary: l10n.t('The route to {0} was not read (ip route get runs on Linux only).', address) });
  if (route.kind === 'error') return failed({ id, title, evidence: facts, summary: l10n.t('This machine has no route to {0}: {1}.', address, route.line) });
  const via = route.via ? l10n.t(' via {0}', route.via) : '';
  const from = route.src ? l10n.t(' from {0}', route.src) : '';
  return passed({ id, title, evidence: facts, summary: l10n.t('This machine reaches {0}{1} on {2}{3}.', address, via, route.dev ?? l10n.t('an interface'), from) });
}

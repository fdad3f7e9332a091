// Diagnose Reachability: the checklist over one instance's snapshot, in the order a packet from this machine
// needs its links, and the verdict naming the first failing link. Pure: no vscode import, unit-tested.
import * as l10n from '@vscode/l10n';
import { dhcpAgentCheck, computeServiceCheck, l3AgentCheck } from './agentChecks';
import { type Check, type CheckId } from './checklist';
import type { CheckInput } from './checkInput';
import type { DoctorCli, Fix } from './fixes';
import { uniqueNames, type CliNames } from '../../../core/cliLine';
import { guestDhcpCheck, guestMetadataCheck } from './guestLog';
import { instanceRunningCheck, portUpCheck } from './instanceChecks';
import { localRouteCheck } from './localRoute';
import { reachabilityPath, type ReachabilityPath } from './path';
import { pingProbeCheck, sshProbeCheck } from './probeChecks';
import { floatingIpCheck, routerGatewayCheck, routerInterfaceCheck, routerUpCheck } from './routingChecks';
import { ingressCheck } from './securityChecks';
import type { ReachabilitySnapshot } from './snapshot';

/** The checks in the order (1–9). */
const CHECKS: ((input: CheckInput) => Check)[] = [
  instanceRunningCheck, portUpCheck,
  routerInterfaceCheck, routerUpCheck,
  routerGatewayCheck,
  floatingIpCheck,
  (input) => ingressCheck(input, 'icmp'), (input) => ingressCheck(input, 'ssh'),
  l3AgentCheck, dhcpAgentCheck, computeServiceCheck,
  localRouteCheck,
  guestDhcpCheck, guestMetadataCheck,
  pingProbeCheck, sshProbeCheck,
];

export interface Verdict {
  /** One sentence: the first failing link, or that none failed. */
  sentence: string;
  /** The first failed check; undefined when none failed. */
  checkId?: CheckId;
  fix?: Fix;
}

export interface Diagnosis {
  path: ReachabilityPath;
  checks: Check[];
  verdict: Verdict;
}

export function verdictOf(checks: readonly Check[]): Verdict {
  const first = checks.find((c) => c.status === 'failed');
  if (first) return { sentence: first.summary, checkId: first.id, fix: first.fix };
  const unknowns = checks.filter((c) => c.status === 'unknown');
  if (!unknowns.length) return { sentence: l10n.t('Every link checks out.') };
  return { sentence: l10n.t('No check failed; {0} could not be decided: {1}.', unknowns.length, unknowns.map((c) => c.title).join(l10n.t('; '))) };
}

export function diagnoseReachability(snapshot: ReachabilitySnapshot, cli: DoctorCli): Diagnosis {
  const path = reachabilityPath(snapshot);
  const checks = CHECKS.map((check) => check({ snapshot, path, cli }));
  return { path, checks, verdict: verdictOf(checks) };
}

/** ID → name for the CLI lines: the snapshot's resources whose names are unique within their kind. */
export function snapshotNames(snapshot: ReachabilitySnapshot): CliNames {
  return uniqueNames(snapshot.networks, snapshot.subnets, snapshot.routers, snapshot.securityGroups, [snapshot.server]);
}

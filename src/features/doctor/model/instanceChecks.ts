// Check 1: the instance is ACTIVE and running, and the port on the path is ACTIVE and admin-up.
import * as l10n from '@vscode/l10n';
import { cliLine } from '../../../core/cliLine';
import type { Server } from '../../../openstack/computeModels';
import { evidence, failed, named, passed, type Check } from './checklist';
import { targetAddress, type CheckInput } from './checkInput';
import { startInstanceFix } from './fixes';

const POWER_STATES: Record<number, string> = { 0: 'NOSTATE', 1: 'RUNNING', 3: 'PAUSED', 4: 'SHUTDOWN', 6: 'CRASHED', 7: 'SUSPENDED' };
const RUNNING = 1;

function powerStateName(server: Server): string {
  return server.powerState === undefined ? l10n.t('not reported') : POWER_STATES[server.powerState] ?? String(server.powerState);
}

export function instanceRunningCheck(input: CheckInput): Check {
  const { server } = input.snapshot;
  const title = l10n.t('Instance is ACTIVE and running');
  const facts = [evidence('server', server, 'status', server.status), evidence('server', server, 'OS-EXT-STS:power_state', powerStateName(server))];
  const cli = cliLine(input.cli.context, ['server', 'show', ['-c', 'status'], ['-c', 'OS-EXT-STS:power_state']], [server.id]);
  // an older Nova or a restrictive policy may hide the power state: ACTIVE alone then says it runs
  const running = server.powerState === undefined || server.powerState === RUNNING;
  if (server.status === 'ACTIVE' && running) return passed({ id: 'instance-running', title, summary: l10n.t('Instance {0} is ACTIVE and running.', named(server)), evidence: facts, cli });
  return failed({
    id: 'instance-running', title, evidence: facts, cli,
    summary: l10n.t('Instance {0} is {1} (power state {2}): nothing answers at {3}.', named(server), server.status, powerStateName(server), targetAddress(input)),
    fix: server.status === 'SHUTOFF' ? startInstanceFix(input.cli, server) : undefined,
  });
}

export function portUpCheck(input: CheckInput): Check {
  const { port } = input.path;
  const { server } = input.snapshot;
  const title = l10n.t('Port is ACTIVE and admin-up');
  if (!port) return failed({ id: 'port-up', title, evidence: [evidence('server', server, 'ports', l10n.t('none'))], summary: l10n.t('Instance {0} has no network port: nothing can reach it.', named(server)) });
  const adminUp = port.raw.admin_state_up !== false;
  const facts = [
    evidence('port', port, 'status', port.status), evidence('port', port, 'admin_state_up', adminUp),
    evidence('port', port, 'port_security_enabled', port.portSecurityEnabled ?? l10n.t('not reported')),
  ];
  const cli = cliLine(input.cli.context, ['port', 'show', ['-c', 'status'], ['-c', 'admin_state_up'], ['-c', 'port_security_enabled']], [port.id]);
  if (port.status === 'ACTIVE' && adminUp) return passed({ id: 'port-up', title, evidence: facts, cli, summary: l10n.t('Port {0} of {1} is ACTIVE and admin-up.', named(port), named(server)) });
  const summary = adminUp
    ? l10n.t('Port {0} of {1} is {2}: no traffic reaches {3}.', named(port), named(server), port.status, targetAddress(input))
    : l10n.t('Port {0} of {1} is administratively down: no traffic reaches {2}.', named(port), named(server), targetAddress(input));
  return failed({ id: 'port-up', title, evidence: facts, cli, summary });
}

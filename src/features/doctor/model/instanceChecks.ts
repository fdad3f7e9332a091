// Check 1: the instance is ACTIVE and running, and the port on the path is ACTIVE and admin-up.
import { cliLine } from '../../../core/cliLine';
import type { Server } from '../../../openstack/computeModels';
import { evidence, failed, named, passed, type Check } from './checklist';
import { targetAddress, type CheckInput } from './checkInput';
import { startInstanceFix } from './fixes';

const POWER_STATES: Record<number, string> = { 0: 'NOSTATE', 1: 'RUNNING', 3: 'PAUSED', 4: 'SHUTDOWN', 6: 'CRASHED', 7: 'SUSPENDED' };
const RUNNING = 1;

function powerStateName(server: Server): string {
  return server.powerState === undefined ? 'not reported' : POWER_STATES[server.powerState] ?? String(server.powerState);
}

export function instanceRunningCheck(input: CheckInput): Check {
  const { server } = input.snapshot;
  const title = 'Instance is ACTIVE and running';
  const facts = [evidence('server', server, 'status', server.status), evidence('server', server, 'OS-EXT-STS:power_state', powerStateName(server))];
  const cli = cliLine(input.cli.context, ['server', 'show', ['-c', 'status'], ['-c', 'OS-EXT-STS:power_state']], [server.id]);
  // an older Nova or a restrictive policy may hide the power state: ACTIVE alone then says it runs
  const running = server.powerState === undefined || server.powerState === RUNNING;
  if (server.status === 'ACTIVE' && running) return passed({ id: 'instance-running', title, summary: `Instance ${named(server)} is ACTIVE and running.`, evidence: facts, cli });
  return failed({
    id: 'instance-running', title, evidence: facts, cli,
    summary: `Instance ${named(server)} is ${server.status} (power state ${powerStateName(server)}): nothing answers at ${targetAddress(input)}.`,
    fix: server.status === 'SHUTOFF' ? startInstanceFix(input.cli, server) : undefined,
  });
}

export function portUpCheck(input: CheckInput): Check {
  const { port } = input.path;
  const { server } = input.snapshot;
  const title = 'Port is ACTIVE and admin-up';
  if (!port) return failed({ id: 'port-up', title, evidence: [evidence('server', server, 'ports', 'none')], summary: `Instance ${named(server)} has no network port: nothing can reach it.` });
  const adminUp = port.raw.admin_state_up !== false;
  const facts = [
    evidence('port', port, 'status', port.status), evidence('port', port, 'admin_state_up', adminUp),
    evidence('port', port, 'port_security_enabled', port.portSecurityEnabled ?? 'not reported'),
  ];
  const cli = cliLine(input.cli.context, ['port', 'show', ['-c', 'status'], ['-c', 'admin_state_up'], ['-c', 'port_security_enabled']], [port.id]);
  if (port.status === 'ACTIVE' && adminUp) return passed({ id: 'port-up', title, evidence: facts, cli, summary: `Port ${named(port)} of ${named(server)} is ACTIVE and admin-up.` });
  const why = adminUp ? `is ${port.status}` : 'is administratively down';
  return failed({ id: 'port-up', title, evidence: facts, cli, summary: `Port ${named(port)} of ${named(server)} ${why}: no traffic reaches ${targetAddress(input)}.` });
}

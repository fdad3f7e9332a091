// Check 9: the live probes from this machine to the floating IP (ping, TCP 22), run by the caller.
import * as l10n from '@vscode/l10n';
import { evidence, failed, passed, unknown, type Check } from './checklist';
import type { CheckInput } from './checkInput';

export function pingProbeCheck(input: CheckInput): Check {
  const id = 'probe-ping';
  const title = l10n.t('The floating IP answers ping');
  const address = input.path.floatingIp?.floatingIpAddress;
  const ping = input.snapshot.probes?.ping;
  if (!address) return unknown({ id, title, evidence: [], summary: l10n.t('There is no floating IP to ping.') });
  if (!ping || ping.sent === 0) return unknown({ id, title, evidence: [], summary: l10n.t('{0} was not pinged.', address) });
  const facts = [evidence('probe', { id: address, name: `ping ${address}` }, l10n.t('received / sent'), `${ping.received} / ${ping.sent}`)];
  if (ping.received > 0) return passed({ id, title, evidence: facts, summary: l10n.t('{0} answered {1} of {2} pings.', address, ping.received, ping.sent) });
  return failed({ id, title, evidence: facts, summary: l10n.t('{0} answered none of {1} pings from this machine.', address, ping.sent) });
}

export function sshProbeCheck(input: CheckInput): Check {
  const id = 'probe-ssh';
  const title = l10n.t('The floating IP accepts TCP 22');
  const address = input.path.floatingIp?.floatingIpAddress;
  const ssh = input.snapshot.probes?.ssh;
  if (!address) return unknown({ id, title, evidence: [], summary: l10n.t('There is no floating IP to connect to.') });
  if (!ssh) return unknown({ id, title, evidence: [], summary: l10n.t('TCP 22 on {0} was not tried.', address) });
  const facts = [evidence('probe', { id: address, name: `tcp ${address}:${ssh.port}` }, l10n.t('result'), ssh.message)];
  if (ssh.ok) return passed({ id, title, evidence: facts, summary: l10n.t('{0}: {1}.', address, ssh.message) });
  return failed({ id, title, evidence: facts, summary: l10n.t('TCP {0} on {1} from this machine: {2}.', ssh.port, address, ssh.message) });
}

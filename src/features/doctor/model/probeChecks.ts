// Check 9: the live probes from this machine to the floating IP (ping, TCP 22), run by the caller.
import { evidence, failed, passed, unknown, type Check } from './checklist';
import type { CheckInput } from './checkInput';

export function pingProbeCheck(input: CheckInput): Check {
  const id = 'probe-ping';
  const title = 'The floating IP answers ping';
  const address = input.path.floatingIp?.floatingIpAddress;
  const ping = input.snapshot.probes?.ping;
  if (!address) return unknown({ id, title, evidence: [], summary: 'There is no floating IP to ping.' });
  if (!ping || ping.sent === 0) return unknown({ id, title, evidence: [], summary: `${address} was not pinged.` });
  const facts = [evidence('probe', { id: address, name: `ping ${address}` }, 'received / sent', `${ping.received} / ${ping.sent}`)];
  if (ping.received > 0) return passed({ id, title, evidence: facts, summary: `${address} answered ${ping.received} of ${ping.sent} pings.` });
  return failed({ id, title, evidence: facts, summary: `${address} answered none of ${ping.sent} pings from this machine.` });
}

export function sshProbeCheck(input: CheckInput): Check {
  const id = 'probe-ssh';
  const title = 'The floating IP accepts TCP 22';
  const address = input.path.floatingIp?.floatingIpAddress;
  const ssh = input.snapshot.probes?.ssh;
  if (!address) return unknown({ id, title, evidence: [], summary: 'There is no floating IP to connect to.' });
  if (!ssh) return unknown({ id, title, evidence: [], summary: `TCP 22 on ${address} was not tried.` });
  const facts = [evidence('probe', { id: address, name: `tcp ${address}:${ssh.port}` }, 'result', ssh.message)];
  if (ssh.ok) return passed({ id, title, evidence: facts, summary: `${address}: ${ssh.message}.` });
  return failed({ id, title, evidence: facts, summary: `TCP ${ssh.port} on ${address} from this machine: ${ssh.message}.` });
}

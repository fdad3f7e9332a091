// Check 6, for admins: the L3 agent hosting the router, the DHCP agent of the network and the compute service of
// the instance's host. A member may not read them: "unknown", never "passed".
import * as l10n from '@vscode/l10n';
import { cliLine } from '../../../core/cliLine';
import { evidence, failed, named, passed, unknown, type Check, type Evidence } from './checklist';
import type { CheckInput } from './checkInput';
import type { AgentState } from './snapshot';

const notAllowed = () => l10n.t('not visible with this role (admin only)');

function agentEvidence(agents: AgentState[]): Evidence[] {
  return agents.map((a) => evidence('agent', { id: a.id, name: a.host }, 'alive / admin_state_up', `${a.alive ? l10n.t('alive') : l10n.t('dead')} / ${a.adminStateUp ? 'up' : 'down'}`));
}

const serving = (a: AgentState) => a.alive && a.adminStateUp;

export function l3AgentCheck(input: CheckInput): Check {
  const { router } = input.path;
  const id = 'l3-agent';
  const title = l10n.t('An L3 agent hosting the router is alive');
  if (!router) return unknown({ id, title, evidence: [], summary: l10n.t('No router serves the subnet.') });
  const cli = cliLine(input.cli.context, ['network', 'agent', 'list', ['--router', router.id]], []);
  const agents = input.snapshot.admin?.l3Agents;
  if (!agents) return unknown({ id, title, cli, evidence: [evidence('router', router, 'l3-agents', notAllowed())], summary: l10n.t('The L3 agents of router {0} are {1}.', named(router), notAllowed()) });
  // OVN and other drivers without L3 agents list none: that is not proof of a fault
  if (!agents.length) return unknown({ id, title, cli, evidence: [evidence('router', router, 'l3-agents', l10n.t('none listed'))], summary: l10n.t('No L3 agent is listed for router {0} (none exist with OVN; else the router is not scheduled).', named(router)) });
  const facts = agentEvidence(agents);
  if (agents.some(serving)) return passed({ id, title, cli, evidence: facts, summary: l10n.t('An L3 agent hosting router {0} is alive.', named(router)) });
  return failed({ id, title, cli, evidence: facts, summary: l10n.t('No L3 agent hosting router {0} is alive and up: nothing forwards its traffic.', named(router)) });
}

export function dhcpAgentCheck(input: CheckInput): Check {
  const { network, subnet } = input.path;
  const id = 'dhcp-agent';
  const title = l10n.t('A DHCP agent of the network is alive');
  if (!network) return unknown({ id, title, evidence: [], summary: l10n.t("The port's network was not read.") });
  if (subnet && !subnet.enableDhcp) return passed({ id, title, evidence: [evidence('subnet', subnet, 'enable_dhcp', false)], summary: l10n.t('Subnet {0} has DHCP off: no DHCP agent is needed (the guest must configure itself).', named(subnet)) });
  const cli = cliLine(input.cli.context, ['network', 'agent', 'list', ['--network', network.id]], []);
  const agents = input.snapshot.admin?.dhcpAgents;
  if (!agents) return unknown({ id, title, cli, evidence: [evidence('network', network, 'dhcp-agents', notAllowed())], summary: l10n.t('The DHCP agents of network {0} are {1}.', named(network), notAllowed()) });
  if (!agents.length) return unknown({ id, title, cli, evidence: [evidence('network', network, 'dhcp-agents', l10n.t('none listed'))], summary: l10n.t('No DHCP agent is listed for network {0} (none exist with OVN; else the network is not scheduled).', named(network)) });
  const facts = agentEvidence(agents);
  if (agents.some(serving)) return passed({ id, title, cli, evidence: facts, summary: l10n.t('A DHCP agent of network {0} is alive.', named(network)) });
  return failed({ id, title, cli, evidence: facts, summary: l10n.t('No DHCP agent of network {0} is alive and up: the guest gets no address.', named(network)) });
}

export function computeServiceCheck(input: CheckInput): Check {
  const { server } = input.snapshot;
  const id = 'compute-service';
  const title = l10n.t("The instance's compute service is up");
  const service = input.snapshot.admin?.computeService;
  const host = typeof server.raw['OS-EXT-SRV-ATTR:host'] === 'string' ? server.raw['OS-EXT-SRV-ATTR:host'] : undefined;
  const cli = host ? cliLine(input.cli.context, ['compute', 'service', 'list', ['--host', host], ['--service', 'nova-compute']], []) : undefined;
  if (!service) return unknown({ id, title, cli, evidence: [evidence('server', server, 'OS-EXT-SRV-ATTR:host', host ?? notAllowed())], summary: l10n.t("The compute service of {0}'s host is {1}.", named(server), notAllowed()) });
  const facts = [evidence('compute_service', { id: service.host, name: service.host }, 'state / status', `${service.state} / ${service.status}`)];
  // a disabled service only takes no new instances; a down one has stopped reporting
  if (service.state === 'up') return passed({ id, title, cli, evidence: facts, summary: l10n.t('nova-compute on {0} is up.', service.host) });
  return failed({ id, title, cli, evidence: facts, summary: l10n.t('nova-compute on {0} is {1}: the host of {2} is not reporting.', service.host, service.state, named(server)) });
}

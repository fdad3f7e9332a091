// Check 6, for admins: the L3 agent hosting the router, the DHCP agent of the network and the compute service of
// the instance's host. A member may not read them: "unknown", never "passed".
import { cliLine } from '../../../core/cliLine';
import { evidence, failed, named, passed, unknown, type Check, type Evidence } from './checklist';
import type { CheckInput } from './checkInput';
import type { AgentState } from './snapshot';

const NOT_ALLOWED = 'not visible with this role (admin only)';

function agentEvidence(agents: AgentState[]): Evidence[] {
  return agents.map((a) => evidence('agent', { id: a.id, name: a.host }, 'alive / admin_state_up', `${a.alive ? 'alive' : 'dead'} / ${a.adminStateUp ? 'up' : 'down'}`));
}

const serving = (a: AgentState) => a.alive && a.adminStateUp;

export function l3AgentCheck(input: CheckInput): Check {
  const { router } = input.path;
  const id = 'l3-agent';
  const title = 'An L3 agent hosting the router is alive';
  if (!router) return unknown({ id, title, evidence: [], summary: 'No router serves the subnet.' });
  const cli = cliLine(input.cli.context, ['network', 'agent', 'list', ['--router', router.id]], []);
  const agents = input.snapshot.admin?.l3Agents;
  if (!agents) return unknown({ id, title, cli, evidence: [evidence('router', router, 'l3-agents', NOT_ALLOWED)], summary: `The L3 agents of router ${named(router)} are ${NOT_ALLOWED}.` });
  // OVN and other drivers without L3 agents list none: that is not proof of a fault
  if (!agents.length) return unknown({ id, title, cli, evidence: [evidence('router', router, 'l3-agents', 'none listed')], summary: `No L3 agent is listed for router ${named(router)} (none exist with OVN; else the router is not scheduled).` });
  const facts = agentEvidence(agents);
  if (agents.some(serving)) return passed({ id, title, cli, evidence: facts, summary: `An L3 agent hosting router ${named(router)} is alive.` });
  return failed({ id, title, cli, evidence: facts, summary: `No L3 agent hosting router ${named(router)} is alive and up: nothing forwards its traffic.` });
}

export function dhcpAgentCheck(input: CheckInput): Check {
  const { network, subnet } = input.path;
  const id = 'dhcp-agent';
  const title = "A DHCP agent of the network is alive";
  if (!network) return unknown({ id, title, evidence: [], summary: 'The port\'s network was not read.' });
  if (subnet && !subnet.enableDhcp) return passed({ id, title, evidence: [evidence('subnet', subnet, 'enable_dhcp', false)], summary: `Subnet ${named(subnet)} has DHCP off: no DHCP agent is needed (the guest must configure itself).` });
  const cli = cliLine(input.cli.context, ['network', 'agent', 'list', ['--network', network.id]], []);
  const agents = input.snapshot.admin?.dhcpAgents;
  if (!agents) return unknown({ id, title, cli, evidence: [evidence('network', network, 'dhcp-agents', NOT_ALLOWED)], summary: `The DHCP agents of network ${named(network)} are ${NOT_ALLOWED}.` });
  if (!agents.length) return unknown({ id, title, cli, evidence: [evidence('network', network, 'dhcp-agents', 'none listed')], summary: `No DHCP agent is listed for network ${named(network)} (none exist with OVN; else the network is not scheduled).` });
  const facts = agentEvidence(agents);
  if (agents.some(serving)) return passed({ id, title, cli, evidence: facts, summary: `A DHCP agent of network ${named(network)} is alive.` });
  return failed({ id, title, cli, evidence: facts, summary: `No DHCP agent of network ${named(network)} is alive and up: the guest gets no address.` });
}

export function computeServiceCheck(input: CheckInput): Check {
  const { server } = input.snapshot;
  const id = 'compute-service';
  const title = "The instance's compute service is up";
  const service = input.snapshot.admin?.computeService;
  const host = typeof server.raw['OS-EXT-SRV-ATTR:host'] === 'string' ? server.raw['OS-EXT-SRV-ATTR:host'] : undefined;
  const cli = host ? cliLine(input.cli.context, ['compute', 'service', 'list', ['--host', host], ['--service', 'nova-compute']], []) : undefined;
  if (!service) return unknown({ id, title, cli, evidence: [evidence('server', server, 'OS-EXT-SRV-ATTR:host', host ?? NOT_ALLOWED)], summary: `The compute service of ${named(server)}'s host is ${NOT_ALLOWED}.` });
  const facts = [evidence('compute_service', { id: service.host, name: service.host }, 'state / status', `${service.state} / ${service.status}`)];
  // a disabled service only takes no new instances; a down one has stopped reporting
  if (service.state === 'up') return passed({ id, title, cli, evidence: facts, summary: `nova-compute on ${service.host} is up.` });
  return failed({ id, title, cli, evidence: facts, summary: `nova-compute on ${service.host} is ${service.state}: the host of ${named(server)} is not reporting.` });
}

// Checks 2–4: the fixed IP's subnet has an interface on a router, the router is up, its gateway is on the
// floating IP's external network, and a floating IP is associated with the address.
import { cliLine } from '../../../core/cliLine';
import { projectOf } from '../../../core/ownership';
import { evidence, failed, named, passed, unknown, type Check } from './checklist';
import { targetAddress, type CheckInput } from './checkInput';
import { addRouterInterfaceFix, assignFloatingIpFix, createRouterFix, setRouterGatewayFix } from './fixes';
import { serverProject } from './path';

/** The doctor's words for a subnet no router serves; SUBNET: its name and range, ADDRESS: what nothing routes to. */
export function noRouterInterfaceSentence(subnet: string, address: string): string {
  return `Subnet ${subnet} has no interface on a router: nothing routes between ${address} and the external network.`;
}

/** The doctor's words for a router without gateway; UNREACHED: what floating IPs cannot reach behind it. */
export function noGatewaySentence(router: string, unreached: string): string {
  return `Router ${router} has no external gateway: floating IPs cannot reach ${unreached}.`;
}

/** The doctor's words for an address without floating IP. */
export function noFloatingIpSentence(address: string): string {
  return `No floating IP is associated with ${address}: it cannot be reached from outside its network.`;
}

/** The external network by name, for sentences. */
function networkName(input: CheckInput, id: string): string {
  const network = input.snapshot.networks.find((n) => n.id === id);
  return network ? named(network) : id;
}

export function routerInterfaceCheck(input: CheckInput): Check {
  const { subnet, router, spareRouter, fixedIp, externalNetworkId } = input.path;
  const title = 'Subnet has an interface on a router';
  if (!fixedIp) return unknown({ id: 'router-interface', title, evidence: [], summary: 'The instance has no fixed IP to route to.' });
  const subnetLabel = subnet ? `${named(subnet)} (${subnet.cidr})` : fixedIp.subnetId;
  const cli = cliLine(input.cli.context, ['port', 'list', ['--fixed-ip', `subnet=${fixedIp.subnetId}`], ['--device-owner', 'network:router_interface']], []);
  if (router) {
    return passed({
      id: 'router-interface', title, cli, summary: `Subnet ${subnetLabel} has an interface on router ${named(router)}.`,
      evidence: [evidence('router', router, 'interface on subnet', subnetLabel)],
    });
  }
  const facts = [evidence('subnet', subnet ?? { id: fixedIp.subnetId }, 'router interface', 'none')];
  const summary = noRouterInterfaceSentence(subnetLabel, fixedIp.ipAddress);
  const fix = !subnet ? undefined
    : spareRouter ? addRouterInterfaceFix(input.cli, spareRouter, subnet) : createRouterFix(input.cli, subnet, externalNetworkId);
  return failed({ id: 'router-interface', title, evidence: facts, summary, fix, cli });
}

export function routerUpCheck(input: CheckInput): Check {
  const { router } = input.path;
  const title = 'Router is admin-up and ACTIVE';
  if (!router) return unknown({ id: 'router-up', title, evidence: [], summary: 'No router serves the subnet.' });
  const facts = [evidence('router', router, 'admin_state_up', router.adminStateUp), evidence('router', router, 'status', router.status)];
  const cli = cliLine(input.cli.context, ['router', 'show', ['-c', 'admin_state_up'], ['-c', 'status']], [router.id]);
  if (router.adminStateUp && router.status === 'ACTIVE') return passed({ id: 'router-up', title, evidence: facts, cli, summary: `Router ${named(router)} is admin-up and ACTIVE.` });
  const why = router.adminStateUp ? `is ${router.status}` : 'is administratively down';
  return failed({ id: 'router-up', title, evidence: facts, cli, summary: `Router ${named(router)} ${why}: it forwards nothing to ${targetAddress(input)}.` });
}

export function routerGatewayCheck(input: CheckInput): Check {
  const { router, externalNetworkId } = input.path;
  const title = "Router has a gateway on the floating IP's external network";
  if (!router) return unknown({ id: 'router-gateway', title, evidence: [], summary: 'No router serves the subnet.' });
  const gateway = router.gateway?.networkId;
  const facts = [evidence('router', router, 'external_gateway_info.network_id', gateway ? networkName(input, gateway) : 'none')];
  const cli = cliLine(input.cli.context, ['router', 'show', ['-c', 'external_gateway_info']], [router.id]);
  const fix = externalNetworkId ? setRouterGatewayFix(input.cli, router, externalNetworkId) : undefined;
  if (!gateway) {
    return failed({ id: 'router-gateway', title, evidence: facts, cli, fix, summary: noGatewaySentence(named(router), targetAddress(input)) });
  }
  if (externalNetworkId && gateway !== externalNetworkId) {
    const summary = `Router ${named(router)}'s gateway is on ${networkName(input, gateway)}, not on ${networkName(input, externalNetworkId)}: floating IPs of ${networkName(input, externalNetworkId)} cannot reach ${targetAddress(input)}.`;
    return failed({ id: 'router-gateway', title, evidence: facts, cli, fix, summary });
  }
  return passed({ id: 'router-gateway', title, evidence: facts, cli, summary: `Router ${named(router)} has its gateway on ${networkName(input, gateway)}.` });
}

export function floatingIpCheck(input: CheckInput): Check {
  const { floatingIp, port, fixedIp, externalNetworkId } = input.path;
  const { server, floatingIps } = input.snapshot;
  const title = 'A floating IP is associated with the address';
  if (floatingIp) {
    const facts = [evidence('floating_ip', { id: floatingIp.id, name: floatingIp.floatingIpAddress }, 'fixed_ip_address', floatingIp.fixedIpAddress ?? 'none'),
      evidence('floating_ip', { id: floatingIp.id, name: floatingIp.floatingIpAddress }, 'status', floatingIp.status)];
    const cli = cliLine(input.cli.context, ['floating', 'ip', 'show', ['-c', 'port_id'], ['-c', 'fixed_ip_address'], ['-c', 'status']], [floatingIp.floatingIpAddress]);
    if (floatingIp.status === 'ACTIVE') return passed({ id: 'floating-ip', title, evidence: facts, cli, summary: `Floating IP ${floatingIp.floatingIpAddress} is associated with ${targetAddress(input)} and ACTIVE.` });
    // Neutron reports DOWN until the L3 agent says it has redone the NAT: an answered ping shows it already has
    const answered = (input.snapshot.probes?.ping?.received ?? 0) > 0;
    if (answered) return passed({ id: 'floating-ip', title, evidence: facts, cli, summary: `Floating IP ${floatingIp.floatingIpAddress} is associated with ${targetAddress(input)} and answers ping; Neutron still says ${floatingIp.status} (its status follows the L3 agent's report).` });
    return failed({ id: 'floating-ip', title, evidence: facts, cli, summary: `Floating IP ${floatingIp.floatingIpAddress} is ${floatingIp.status}: Neutron has not wired it to ${targetAddress(input)}.` });
  }
  const facts = port ? [evidence('port', port, 'floating IP', 'none')] : [];
  const cli = port && cliLine(input.cli.context, ['floating', 'ip', 'list', ['--port', port.id]], []);
  const project = serverProject(input.snapshot);
  const reuse = floatingIps.find((f) => !f.portId && f.floatingNetworkId === externalNetworkId && (projectOf(f) ?? project) === project);
  const fix = port && fixedIp && externalNetworkId ? assignFloatingIpFix(input.cli, server.id, port, fixedIp.ipAddress, externalNetworkId, reuse) : undefined;
  return failed({ id: 'floating-ip', title, evidence: facts, cli, fix, summary: noFloatingIpSentence(targetAddress(input)) });
}

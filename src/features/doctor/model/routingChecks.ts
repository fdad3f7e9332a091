// Checks 2–4: the fixed IP's subnet has an interface on a router, the router is up, its gateway is on the
// floating IP's external network, and a floating IP is associated with the address.
import * as l10n from '@vscode/l10n';
import { cliLine } from '../../../core/cliLine';
import { projectOf } from '../../../core/ownership';
import { evidence, failed, named, passed, unknown, type Check } from './checklist';
import { targetAddress, type CheckInput } from './checkInput';
import { addRouterInterfaceFix, assignFloatingIpFix, createRouterFix, setRouterGatewayFix } from './fixes';
import { serverProject } from './path';

/** The doctor's words for a subnet no router serves; SUBNET: its name and range, ADDRESS: what nothing routes to. */
export function noRouterInterfaceSentence(subnet: string, address: string): string {
  return l10n.t('Subnet {0} has no interface on a router: nothing routes between {1} and the external network.', subnet, address);
}

/** The doctor's words for a router without gateway; UNREACHED: what floating IPs cannot reach behind it. */
export function noGatewaySentence(router: string, unreached: string): string {
  return l10n.t('Router {0} has no external gateway: floating IPs cannot reach {1}.', router, unreached);
}

/** The doctor's words for an address without floating IP. */
export function noFloatingIpSentence(address: string): string {
  return l10n.t('No floating IP is associated with {0}: it cannot be reached from outside its network.', address);
}

/** The external network by name, for sentences. */
function networkName(input: CheckInput, id: string): string {
  const network = input.snapshot.networks.find((n) => n.id === id);
  return network ? named(network) : id;
}

export function routerInterfaceCheck(input: CheckInput): Check {
  const { subnet, router, spareRouter, fixedIp, externalNetworkId } = input.path;
  const title = l10n.t('Subnet has an interface on a router');
  if (!fixedIp) return unknown({ id: 'router-interface', title, evidence: [], summary: l10n.t('The instance has no fixed IP to route to.') });
  const subnetLabel = subnet ? `${named(subnet)} (${subnet.cidr})` : fixedIp.subnetId;
  const cli = cliLine(input.cli.context, ['port', 'list', ['--fixed-ip', `subnet=${fixedIp.subnetId}`], ['--device-owner', 'network:router_interface']], []);
  if (router) {
    return passed({
      id: 'router-interface', title, cli, summary: l10n.t('Subnet {0} has an interface on router {1}.', subnetLabel, named(router)),
      evidence: [evidence('router', router, l10n.t('interface on subnet'), subnetLabel)],
    });
  }
  const facts = [evidence('subnet', subnet ?? { id: fixedIp.subnetId }, l10n.t('router interface'), l10n.t('none'))];
  const summary = noRouterInterfaceSentence(subnetLabel, fixedIp.ipAddress);
  const fix = !subnet ? undefined
    : spareRouter ? addRouterInterfaceFix(input.cli, spareRouter, subnet) : createRouterFix(input.cli, subnet, externalNetworkId);
  return failed({ id: 'router-interface', title, evidence: facts, summary, fix, cli });
}

export function routerUpCheck(input: CheckInput): Check {
  const { router } = input.path;
  const title = l10n.t('Router is admin-up and ACTIVE');
  if (!router) return unknown({ id: 'router-up', title, evidence: [], summary: l10n.t('No router serves the subnet.') });
  const facts = [evidence('router', router, 'admin_state_up', router.adminStateUp), evidence('router', router, 'status', router.status)];
  const cli = cliLine(input.cli.context, ['router', 'show', ['-c', 'admin_state_up'], ['-c', 'status']], [router.id]);
  if (router.adminStateUp && router.status === 'ACTIVE') return passed({ id: 'router-up', title, evidence: facts, cli, summary: l10n.t('Router {0} is admin-up and ACTIVE.', named(router)) });
  const summary = router.adminStateUp
    ? l10n.t('Router {0} is {1}: it forwards nothing to {2}.', named(router), router.status, targetAddress(input))
    : l10n.t('Router {0} is administratively down: it forwards nothing to {1}.', named(router), targetAddress(input));
  return failed({ id: 'router-up', title, evidence: facts, cli, summary });
}

export function routerGatewayCheck(input: CheckInput): Check {
  const { router, externalNetworkId } = input.path;
  const title = l10n.t("Router has a gateway on the floating IP's external network");
  if (!router) return unknown({ id: 'router-gateway', title, evidence: [], summary: l10n.t('No router serves the subnet.') });
  const gateway = router.gateway?.networkId;
  const facts = [evidence('router', router, 'external_gateway_info.network_id', gateway ? networkName(input, gateway) : l10n.t('none'))];
  const cli = cliLine(input.cli.context, ['router', 'show', ['-c', 'external_gateway_info']], [router.id]);
  const fix = externalNetworkId ? setRouterGatewayFix(input.cli, router, externalNetworkId) : undefined;
  if (!gateway) {
    return failed({ id: 'router-gateway', title, evidence: facts, cli, fix, summary: noGatewaySentence(named(router), targetAddress(input)) });
  }
  if (externalNetworkId && gateway !== externalNetworkId) {
    const summary = l10n.t("Router {0}'s gateway is on {1}, not on {2}: floating IPs of {2} cannot reach {3}.", named(router), networkName(input, gateway), networkName(input, externalNetworkId), targetAddress(input));
    return failed({ id: 'router-gateway', title, evidence: facts, cli, fix, summary });
  }
  return passed({ id: 'router-gateway', title, evidence: facts, cli, summary: l10n.t('Router {0} has its gateway on {1}.', named(router), networkName(input, gateway)) });
}

export function floatingIpCheck(input: CheckInput): Check {
  const { floatingIp, port, fixedIp, externalNetworkId } = input.path;
  const { server, floatingIps } = input.snapshot;
  const title = l10n.t('A floating IP is associated with the address');
  if (floatingIp) {
    const facts = [evidence('floating_ip', { id: floatingIp.id, name: floatingIp.floatingIpAddress }, 'fixed_ip_address', floatingIp.fixedIpAddress ?? l10n.t('none')),
      evidence('floating_ip', { id: floatingIp.id, name: floatingIp.floatingIpAddress }, 'status', floatingIp.status)];
    const cli = cliLine(input.cli.context, ['floating', 'ip', 'show', ['-c', 'port_id'], ['-c', 'fixed_ip_address'], ['-c', 'status']], [floatingIp.floatingIpAddress]);
    if (floatingIp.status === 'ACTIVE') return passed({ id: 'floating-ip', title, evidence: facts, cli, summary: l10n.t('Floating IP {0} is associated with {1} and ACTIVE.', floatingIp.floatingIpAddress, targetAddress(input)) });
    // Neutron reports DOWN until the L3 agent says it has redone the NAT: an answered ping shows it already has
    const answered = (input.snapshot.probes?.ping?.received ?? 0) > 0;
    if (answered) return passed({ id: 'floating-ip', title, evidence: facts, cli, summary: l10n.t("Floating IP {0} is associated with {1} and answers ping; Neutron still says {2} (its status follows the L3 agent's report).", floatingIp.floatingIpAddress, targetAddress(input), floatingIp.status) });
    return failed({ id: 'floating-ip', title, evidence: facts, cli, summary: l10n.t('Floating IP {0} is {1}: Neutron has not wired it to {2}.', floatingIp.floatingIpAddress, floatingIp.status, targetAddress(input)) });
  }
  const facts = port ? [evidence('port', port, l10n.t('floating IP'), l10n.t('none'))] : [];
  const cli = port && cliLine(input.cli.context, ['floating', 'ip', 'list', ['--port', port.id]], []);
  const project = serverProject(input.snapshot);
  const reuse = floatingIps.find((f) => !f.portId && f.floatingNetworkId === externalNetworkId && (projectOf(f) ?? project) === project);
  const fix = port && fixedIp && externalNetworkId ? assignFloatingIpFix(input.cli, server.id, port, fixedIp.ipAddress, externalNetworkId, reuse) : undefined;
  return failed({ id: 'floating-ip', title, evidence: facts, cli, fix, summary: noFloatingIpSentence(targetAddress(input)) });
}

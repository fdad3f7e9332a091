// The one-click fixes of failed checks: which command mends the link, on which resources, and the equivalent
// openstack CLI (from the builders the commands themselves use). Pure: no vscode import.
import * as l10n from '@vscode/l10n';
import { cliLine, type CliContext } from '../../../core/cliLine';
import type { FloatingIp, Port, Router, Subnet } from '../../../openstack/networkModels';
import type { CliNames } from '../../../core/cliLine';
import { associateCli, floatingIpCli, routerCli, routerGatewayCli, routerInterfaceCli } from '../../networks/model/networkCli';
import { allowPing, allowSsh, allowTcpPort, ANY_IPV6, securityGroupRuleCli, type RuleSpec } from '../../securityGroups/model/securityGroupsRules';

/** How CLI lines name things: the cloud and project, and ID → unambiguous name. */
export interface DoctorCli {
  context: CliContext;
  names?: CliNames;
}

interface FixBase {
  /** The button's label, e.g. "Set gateway on r1". */
  title: string;
  /** The equivalent openstack CLI, one command per line. */
  cli: string;
}

export type Fix =
  | FixBase & { kind: 'startInstance'; serverId: string }
  | FixBase & { kind: 'addRouterInterface'; routerId: string; subnetId: string }
  | FixBase & { kind: 'createRouter'; routerName: string; subnetId: string; externalNetworkId?: string }
  | FixBase & { kind: 'setRouterGateway'; routerId: string; externalNetworkId: string }
  | FixBase & { kind: 'assignFloatingIp'; serverId: string; portId: string; fixedIpAddress: string; externalNetworkId: string; reuseFloatingIpId?: string }
  /** The user picks one of GROUPIDS (the port's groups); CLIBYGROUP holds each choice's line, CLI the first's. */
  | FixBase & { kind: 'allowIngress'; rule: RuleSpec; groupIds: string[]; cliByGroup: Record<string, string> };

const nameOf = (cli: DoctorCli, id: string) => cli.names?.get(id) ?? id;
const names = (cli: DoctorCli): CliNames => cli.names ?? new Map();

export function startInstanceFix(cli: DoctorCli, server: { id: string; name: string }): Fix {
  return {
    kind: 'startInstance', title: l10n.t('Start {0}', server.name || server.id), serverId: server.id,
    cli: cliLine(cli.context, ['server', 'start'], [nameOf(cli, server.id)]),
  };
}

export function addRouterInterfaceFix(cli: DoctorCli, router: Router, subnet: Subnet): Fix {
  return {
    kind: 'addRouterInterface', title: l10n.t('Add interface on {0} to {1}', subnet.name || subnet.cidr, router.name || router.id),
    routerId: router.id, subnetId: subnet.id, cli: routerInterfaceCli(cli.context, nameOf(cli, router.id), subnet.id, true, names(cli)),
  };
}

/** Only when the project has no router at all: one with the gateway and the subnet's interface. */
export function createRouterFix(cli: DoctorCli, subnet: Subnet, externalNetworkId: string | undefined): Fix {
  const name = `${subnet.name || 'subnet'}-router`;
  return {
    kind: 'createRouter', title: l10n.t('Create router {0}', name), routerName: name, subnetId: subnet.id, externalNetworkId,
    cli: routerCli(cli.context, { name, gatewayNetworkId: externalNetworkId, subnetIds: [subnet.id] }, names(cli)),
  };
}

export function setRouterGatewayFix(cli: DoctorCli, router: Router, externalNetworkId: string): Fix {
  return {
    kind: 'setRouterGateway', title: l10n.t('Set gateway on {0}', router.name || router.id),
    routerId: router.id, externalNetworkId, cli: routerGatewayCli(cli.context, nameOf(cli, router.id), externalNetworkId, names(cli)),
  };
}

/** Associates REUSE (a free floating IP of the project on the network) when there is one, else allocates one. */
export function assignFloatingIpFix(cli: DoctorCli, serverId: string, port: Port, fixedIpAddress: string, externalNetworkId: string, reuse?: FloatingIp): Fix {
  const line = reuse
    ? associateCli(cli.context, { floatingIpId: reuse.id, portId: port.id, fixedIpAddress }, reuse.floatingIpAddress)
    : floatingIpCli(cli.context, { floatingNetworkId: externalNetworkId, portId: port.id, fixedIpAddress }, names(cli));
  return {
    kind: 'assignFloatingIp', title: l10n.t('Assign Floating IP'), serverId, portId: port.id, fixedIpAddress,
    externalNetworkId, reuseFloatingIpId: reuse?.id, cli: line,
  };
}

export type IngressNeed = 'icmp' | 'ssh';

/** Allow ICMP or SSH from anywhere of the source's version, as the security group's quick adds do. */
export function allowIngressFix(cli: DoctorCli, need: IngressNeed, ethertype: 'IPv4' | 'IPv6', groupIds: string[]): Fix {
  const ssh = ethertype === 'IPv4' ? allowSsh() : allowTcpPort(22, ANY_IPV6);
  const rule = need === 'icmp' ? allowPing(ethertype) : ssh;
  const cliByGroup = Object.fromEntries(groupIds.map((id) => [id, securityGroupRuleCli(nameOf(cli, id), rule, cli.context)]));
  return {
    kind: 'allowIngress', title: need === 'icmp' ? l10n.t('Allow ICMP') : l10n.t('Allow SSH'),
    rule, groupIds, cliByGroup, cli: cliByGroup[groupIds[0]] ?? '',
  };
}

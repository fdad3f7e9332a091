// "Copy as openstack CLI" for the network commands: the python-openstackclient lines that do what the Spec
// does, one command per line. Resources are named by name when the name is unambiguous (NAMES maps their IDs
// to such names), else by ID. Pure: no vscode import, unit-tested.
import { cliLine, repeated, type CliContext } from './cliLine';
import type { AssociateSpec, FloatingIpSpec, NetworkSpec, RouterSpec, SubnetFields, SubnetSpec } from './networkActions';

/** ID → a name the CLI can use for it (unique in what the project sees). */
export type CliNames = ReadonlyMap<string, string>;

const ref = (names: CliNames, id: string) => names.get(id) ?? id;

function subnetArgs(network: string, s: SubnetFields): string[] {
  return [
    'subnet', 'create', '--network', network, '--subnet-range', s.cidr,
    ...(s.ipVersion === 6 ? ['--ip-version', '6'] : []),
    ...(s.gatewayIp === null ? ['--gateway', 'none'] : s.gatewayIp ? ['--gateway', s.gatewayIp] : []),
    ...(s.enableDhcp ? [] : ['--no-dhcp']),
    ...repeated('--dns-nameserver', s.dnsNameservers),
    ...repeated('--allocation-pool', (s.allocationPools ?? []).map((p) => `start=${p.start},end=${p.end}`)),
    s.name,
  ];
}

export function networkCli(context: CliContext, spec: NetworkSpec): string {
  const p = spec.provider;
  const lines = [cliLine(context, [
    'network', 'create',
    ...(p ? ['--provider-network-type', p.type] : []),
    ...(p?.physicalNetwork ? ['--provider-physical-network', p.physicalNetwork] : []),
    ...(p?.segmentationId !== undefined ? ['--provider-segment', String(p.segmentationId)] : []),
    spec.external && '--external',
    spec.shared && '--share',
    spec.name,
  ])];
  if (spec.subnet) lines.push(cliLine(context, subnetArgs(spec.name, spec.subnet)));
  return lines.join('\n');
}

export function subnetCli(context: CliContext, spec: SubnetSpec, names: CliNames): string {
  return cliLine(context, subnetArgs(ref(names, spec.networkId), spec));
}

export function routerCli(context: CliContext, spec: RouterSpec, names: CliNames): string {
  return [
    cliLine(context, ['router', 'create', ...(spec.gatewayNetworkId ? ['--external-gateway', ref(names, spec.gatewayNetworkId)] : []), spec.name]),
    ...spec.subnetIds.map((id) => cliLine(context, ['router', 'add', 'subnet', spec.name, ref(names, id)])),
  ].join('\n');
}

export function routerGatewayCli(context: CliContext, router: string, networkId: string | undefined, names: CliNames): string {
  return networkId
    ? cliLine(context, ['router', 'set', '--external-gateway', ref(names, networkId), router])
    : cliLine(context, ['router', 'unset', '--external-gateway', router]);
}

export function routerInterfaceCli(context: CliContext, router: string, subnetId: string, add: boolean, names: CliNames): string {
  return cliLine(context, ['router', add ? 'add' : 'remove', 'subnet', router, ref(names, subnetId)]);
}

export function floatingIpCli(context: CliContext, spec: FloatingIpSpec, names: CliNames): string {
  return cliLine(context, [
    'floating', 'ip', 'create',
    ...(spec.description ? ['--description', spec.description] : []),
    ...(spec.portId ? ['--port', spec.portId] : []),
    ...(spec.fixedIpAddress ? ['--fixed-ip-address', spec.fixedIpAddress] : []),
    ref(names, spec.floatingNetworkId),
  ]);
}

/** FLOATINGIP: its address (the CLI takes an address or an ID). */
export function associateCli(context: CliContext, spec: AssociateSpec, floatingIp: string): string {
  return cliLine(context, [
    'floating', 'ip', 'set', '--port', spec.portId,
    ...(spec.fixedIpAddress ? ['--fixed-ip-address', spec.fixedIpAddress] : []),
    floatingIp,
  ]);
}

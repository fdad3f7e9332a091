// "Copy as openstack CLI" for the network commands: the python-openstackclient lines that do what the Spec
// does, one command per line. Resources are named by name when the name is unambiguous (NAMES maps their IDs
// to such names), else by ID. Pure: no vscode import, unit-tested.
import { cliLine, optional, repeated, type CliArg, type CliContext, type CliNames } from '../../../core/cliLine';
import type { AssociateSpec, FloatingIpSpec, NetworkSpec, RouterSpec, SubnetFields, SubnetSpec } from './networkActions';

const ref = (names: CliNames, id: string) => names.get(id) ?? id;

/** The options of `subnet create` (its name is the positional argument). */
function subnetOptions(network: string, s: SubnetFields): CliArg[] {
  return [
    'subnet', 'create', ['--network', network], ['--subnet-range', s.cidr],
    ...optional('--ip-version', s.ipVersion === 6 ? '6' : undefined),
    ...optional('--gateway', s.gatewayIp === null ? 'none' : s.gatewayIp),
    !s.enableDhcp && '--no-dhcp',
    ...repeated('--dns-nameserver', s.dnsNameservers),
    ...repeated('--allocation-pool', (s.allocationPools ?? []).map((p) => `start=${p.start},end=${p.end}`)),
  ];
}

export function networkCli(context: CliContext, spec: NetworkSpec): string {
  const p = spec.provider;
  const lines = [cliLine(context, [
    'network', 'create',
    ...optional('--provider-network-type', p?.type),
    ...optional('--provider-physical-network', p?.physicalNetwork),
    ...optional('--provider-segment', p?.segmentationId === undefined ? undefined : String(p.segmentationId)),
    spec.external && '--external',
    spec.shared && '--share',
  ], [spec.name])];
  if (spec.subnet) lines.push(cliLine(context, subnetOptions(spec.name, spec.subnet), [spec.subnet.name]));
  return lines.join('\n');
}

export function subnetCli(context: CliContext, spec: SubnetSpec, names: CliNames): string {
  return cliLine(context, subnetOptions(ref(names, spec.networkId), spec), [spec.name]);
}

export function routerCli(context: CliContext, spec: RouterSpec, names: CliNames): string {
  return [
    cliLine(context, ['router', 'create', ...optional('--external-gateway', spec.gatewayNetworkId && ref(names, spec.gatewayNetworkId))], [spec.name]),
    ...spec.subnetIds.map((id) => cliLine(context, ['router', 'add', 'subnet'], [spec.name, ref(names, id)])),
  ].join('\n');
}

export function routerGatewayCli(context: CliContext, router: string, networkId: string | undefined, names: CliNames): string {
  return networkId
    ? cliLine(context, ['router', 'set', ['--external-gateway', ref(names, networkId)]], [router])
    : cliLine(context, ['router', 'unset', '--external-gateway'], [router]);
}

export function routerInterfaceCli(context: CliContext, router: string, subnetId: string, add: boolean, names: CliNames): string {
  return cliLine(context, ['router', add ? 'add' : 'remove', 'subnet'], [router, ref(names, subnetId)]);
}

export function floatingIpCli(context: CliContext, spec: FloatingIpSpec, names: CliNames): string {
  return cliLine(context, [
    'floating', 'ip', 'create',
    ...optional('--description', spec.description),
    ...optional('--port', spec.portId),
    ...optional('--fixed-ip-address', spec.fixedIpAddress),
  ], [ref(names, spec.floatingNetworkId)]);
}

/** FLOATINGIP: its address (the CLI takes an address or an ID). */
export function associateCli(context: CliContext, spec: AssociateSpec, floatingIp: string): string {
  return cliLine(context, [
    'floating', 'ip', 'set', ['--port', spec.portId],
    ...optional('--fixed-ip-address', spec.fixedIpAddress),
  ], [floatingIp]);
}

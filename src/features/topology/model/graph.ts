// A project's network as a graph: external networks, routers, its networks with their subnets, instances with
// their fixed IPs, floating IPs; the links between them (router gateway, router interface, instance port,
// floating IP association), and the links that are broken, each with its reason in the reachability doctor's
// own words. Pure: no vscode import, unit-tested.
import * as l10n from '@vscode/l10n';
import type { Server } from '../../../openstack/computeModels';
import { ROUTER_INTERFACE_OWNERS, type FloatingIp, type Network, type Port, type Router, type Subnet } from '../../../openstack/networkModels';
import { ownedBy } from '../../../core/ownership';
import { named } from '../../doctor/model/checklist';
import { noFloatingIpSentence, noGatewaySentence, noRouterInterfaceSentence } from '../../doctor/model/routingChecks';
import type { ActionId } from './actions';

/** What one load reads (gather.ts): what the project sees. */
export interface TopologyData {
  projectId: string;
  networks: Network[];
  subnets: Subnet[];
  routers: Router[];
  /** Router interfaces and instance ports; other ports are ignored. */
  ports: Port[];
  servers: Server[];
  floatingIps: FloatingIp[];
}

/** In the order of the picture's columns, left to right. */
export const NODE_KINDS = ['external', 'router', 'network', 'instance', 'floatingIp'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const LINK_KINDS = ['gateway', 'interface', 'port', 'floating'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const STATUSES = ['ok', 'build', 'off', 'error', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

/** A line of a node; ANCHOR: what links attach to there (a subnet ID on a network, a fixed IP on an instance). */
export interface Row {
  text: string;
  anchor?: string;
}

export interface GraphNode {
  /** `kind:resourceId` */
  id: string;
  kind: NodeKind;
  resourceId: string;
  /** The cloud's name for it (untrusted text), or its address. */
  name: string;
  status: Status;
  rows: Row[];
  /** The tooltip's lines. */
  details: string[];
  actions: ActionId[];
}

/** A link from a node of one column to one further right; a broken link may lack an end (drawn as a stub). */
export interface GraphLink {
  id: string;
  kind: LinkKind;
  left?: string;
  right?: string;
  leftAnchor?: string;
  rightAnchor?: string;
  /** Why it is broken: the doctor's sentence where the doctor has one. */
  broken?: string;
}

export interface Graph {
  nodes: GraphNode[];
  links: GraphLink[];
}

const OFF = new Set(['DOWN', 'SHUTOFF', 'SUSPENDED', 'PAUSED', 'SHELVED', 'SHELVED_OFFLOADED', 'STOPPED']);
const BUSY = new Set(['BUILD', 'REBUILD', 'REBOOT', 'HARD_REBOOT', 'MIGRATING', 'RESIZE', 'VERIFY_RESIZE', 'ALLOCATING', 'PENDING_CREATE', 'PENDING_UPDATE']);

/** The colour class of an OpenStack status (Nova's and Neutron's words). */
export function statusOf(status: string): Status {
  const s = status.toUpperCase();
  if (s === 'ACTIVE') return 'ok';
  if (s === 'ERROR') return 'error';
  if (OFF.has(s)) return 'off';
  return BUSY.has(s) ? 'build' : 'unknown';
}

const nodeId = (kind: NodeKind, resourceId: string) => `${kind}:${resourceId}`;
const networkNodeId = (n: Network) => nodeId(n.external ? 'external' : 'network', n.id);
const subnetText = (s: Subnet) => (s.name ? `${s.name} ${s.cidr}` : s.cidr);
const isIpv4 = (ip: string) => !ip.includes(':');

/** What the builders look things up in, each by ID. */
class Index {
  readonly networks: Map<string, Network>;
  readonly subnets: Map<string, Subnet>;
  readonly subnetsByNetwork: Map<string, Subnet[]>;
  readonly routerPorts: Port[];
  readonly routerPortsByRouter: Map<string, Port[]>;
  /** Each instance's ports, in the order of its NICs. */
  readonly serverPorts: Map<string, Port[]>;
  /** The instance each floating IP reaches, when it is one of the project's. */
  readonly serverOfFip: Map<string, Server>;
  readonly fipsByServer: Map<string, FloatingIp[]>;

  constructor(readonly data: TopologyData) {
    this.networks = new Map(data.networks.map((n) => [n.id, n]));
    this.subnets = new Map(data.subnets.map((s) => [s.id, s]));
    this.subnetsByNetwork = groupBy(data.subnets, (s) => s.networkId);
    const routerIds = new Set(data.routers.map((r) => r.id));
    this.routerPorts = data.ports.filter((p) => ROUTER_INTERFACE_OWNERS.includes(p.deviceOwner) && routerIds.has(p.deviceId));
    this.routerPortsByRouter = groupBy(this.routerPorts, (p) => p.deviceId);
    const servers = new Map(data.servers.map((s) => [s.id, s]));
    const instancePorts = data.ports.filter((p) => p.deviceOwner.startsWith('compute:') && servers.has(p.deviceId));
    const byServer = groupBy(instancePorts, (p) => p.deviceId);
    this.serverPorts = new Map(data.servers.map((s) => [s.id, nicOrder(s, byServer.get(s.id) ?? [])]));
    const portDevice = new Map(instancePorts.map((p) => [p.id, p.deviceId]));
    this.serverOfFip = new Map(data.floatingIps.flatMap((f) => {
      const server = servers.get((f.portId && portDevice.get(f.portId)) || f.deviceId || '');
      return server ? [[f.id, server] as const] : [];
    }));
    this.fipsByServer = groupBy(data.floatingIps.filter((f) => this.serverOfFip.has(f.id)), (f) => this.serverOfFip.get(f.id)!.id);
  }

  networkName(id: string): string {
    const network = this.networks.get(id);
    return network ? named(network) : id;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...groups.get(key(item)) ?? [], item]);
  return groups;
}

/** SERVER's PORTS in the order of its NICs (Nova lists its addresses so): eth0 first. */
function nicOrder(server: Server, ports: Port[]): Port[] {
  const position = (p: Port) => {
    const i = server.addresses.findIndex((a) => p.fixedIps.some((ip) => ip.ipAddress === a.addr));
    return i < 0 ? Infinity : i;
  };
  return [...ports].sort((a, b) => position(a) - position(b) || (a.id < b.id ? -1 : 1));
}

function networkNode(network: Network, index: Index): GraphNode {
  const subnets = index.subnetsByNetwork.get(network.id) ?? [];
  const rows: Row[] = subnets.length ? subnets.map((s) => ({ text: subnetText(s), anchor: s.id })) : [{ text: l10n.t('no subnet') }];
  return {
    id: networkNodeId(network), kind: network.external ? 'external' : 'network', resourceId: network.id, name: network.name,
    status: network.adminStateUp ? statusOf(network.status) : 'off', rows,
    // as in the tree: an external network is the cloud's, not the project's to delete
    actions: network.external ? [] : ['deleteNetwork'],
    details: [
      network.external ? l10n.t('External network {0}', named(network)) : l10n.t('Network {0}', named(network)), l10n.t('ID {0}', network.id),
      statusDetail(network.status, network.adminStateUp, network.shared),
      ...subnets.map((s) => l10n.t('Subnet {0}, gateway {1}', subnetText(s), s.gatewayIp ?? l10n.t('none'))),
    ],
  };
}

/** "Status ACTIVE", with ", administratively down" and ", shared" as they apply. */
function statusDetail(status: string, adminStateUp: boolean, shared = false): string {
  const down = adminStateUp ? '' : l10n.t(', administratively down');
  return l10n.t('Status {0}', status) + down + (shared ? l10n.t(', shared') : '');
}

function routerNode(router: Router, index: Index): GraphNode {
  const gateway = router.gateway;
  const gatewayIps = gateway?.externalFixedIps.map((ip) => ip.ipAddress).join(', ') ?? '';
  const interfaces = (index.routerPortsByRouter.get(router.id) ?? []).flatMap((p) => p.fixedIps);
  return {
    id: nodeId('router', router.id), kind: 'router', resourceId: router.id, name: router.name,
    status: router.adminStateUp ? statusOf(router.status) : 'off',
    rows: [
      { text: router.adminStateUp ? router.status : l10n.t('admin down') },
      { text: gateway ? l10n.t('gateway {0}', gatewayIps || index.networkName(gateway.networkId)) : l10n.t('no gateway') },
    ],
    details: [
      l10n.t('Router {0}', named(router)), l10n.t('ID {0}', router.id), statusDetail(router.status, router.adminStateUp),
      !gateway ? l10n.t('No external gateway')
        : gatewayIps ? l10n.t('Gateway on {0} ({1})', index.networkName(gateway.networkId), gatewayIps) : l10n.t('Gateway on {0}', index.networkName(gateway.networkId)),
      ...interfaces.map((ip) => l10n.t('Interface {0} on {1}', ip.ipAddress, subnetLabel(ip.subnetId, index))),
    ],
    actions: ['setRouterGateway', 'addRouterInterface', 'deleteRouter', 'teardownRouter'],
  };
}

function subnetLabel(subnetId: string, index: Index): string {
  const subnet = index.subnets.get(subnetId);
  return subnet ? `${named(subnet)} (${subnet.cidr})` : subnetId;
}

function instanceNode(server: Server, index: Index): GraphNode {
  const fixedIps = (index.serverPorts.get(server.id) ?? []).flatMap((p) => p.fixedIps.map((ip) => ({ ip, network: p.networkId })));
  const fips = index.fipsByServer.get(server.id) ?? [];
  const status = server.taskState ? `${server.status} (${server.taskState})` : server.status;
  return {
    id: nodeId('instance', server.id), kind: 'instance', resourceId: server.id, name: server.name,
    status: server.taskState ? 'build' : statusOf(server.status),
    rows: [{ text: status }, ...fixedIps.map(({ ip }) => ({ text: ip.ipAddress, anchor: ip.ipAddress }))],
    details: [
      l10n.t('Instance {0}', named(server)), l10n.t('ID {0}', server.id), l10n.t('Status {0}', status),
      ...fixedIps.map(({ ip, network }) => l10n.t('Fixed IP {0} on {1}', ip.ipAddress, index.networkName(network))),
      ...fips.map((f) => l10n.t('Floating IP {0} → {1}', f.floatingIpAddress, f.fixedIpAddress ?? '')),
    ],
    actions: ['openConsole', 'diagnose', ...(fips.length ? [] : ['assignFloatingIp' as const]), 'deleteInstance'],
  };
}

function floatingIpNode(fip: FloatingIp, index: Index): GraphNode {
  const server = index.serverOfFip.get(fip.id);
  const reaches = fip.portId ? `${fip.fixedIpAddress ?? fip.portId}${server ? ` (${named(server)})` : ''}` : undefined;
  return {
    id: nodeId('floatingIp', fip.id), kind: 'floatingIp', resourceId: fip.id, name: fip.floatingIpAddress,
    status: statusOf(fip.status),
    rows: [{ text: fip.status }, { text: fip.portId ? `→ ${fip.fixedIpAddress ?? fip.portId}` : l10n.t('not associated') }],
    details: [
      l10n.t('Floating IP {0}', fip.floatingIpAddress), l10n.t('ID {0}', fip.id), l10n.t('Status {0}', fip.status),
      l10n.t('From {0}', index.networkName(fip.floatingNetworkId)),
      reaches ? l10n.t('Reaches {0}', reaches) : l10n.t('Not associated'),
    ],
    actions: [...(server ? ['diagnose' as const] : []), 'releaseFloatingIp'],
  };
}

/** Router → its external network; a router without gateway has a broken one. */
function gatewayLinks(index: Index): GraphLink[] {
  return index.data.routers.map((router): GraphLink => {
    const id = `gateway:${router.id}`;
    const right = nodeId('router', router.id);
    const external = router.gateway && index.networks.get(router.gateway.networkId);
    if (router.gateway) return { id, kind: 'gateway', left: external ? networkNodeId(external) : undefined, right };
    const cidrs = (index.routerPortsByRouter.get(router.id) ?? [])
      .flatMap((p) => p.fixedIps.map((ip) => index.subnets.get(ip.subnetId)?.cidr ?? ip.ipAddress));
    return { id, kind: 'gateway', right, broken: noGatewaySentence(named(router), cidrs.length ? cidrs.join(', ') : l10n.t('anything behind it')) };
  });
}

/**
 * Router → each subnet it has an interface on; a subnet of the project's own networks without any has a broken
 * one (a shared network's router may be another project's, which its ports do not show).
 */
function interfaceLinks(index: Index): GraphLink[] {
  const links = index.routerPorts.flatMap((port) => port.fixedIps.map((ip): GraphLink => {
    const network = index.networks.get(port.networkId);
    return {
      id: `interface:${port.id}:${ip.subnetId}`, kind: 'interface', left: nodeId('router', port.deviceId),
      right: network && networkNodeId(network), rightAnchor: ip.subnetId,
    };
  }));
  const served = new Set(links.map((l) => l.rightAnchor));
  const unserved = index.data.subnets.filter((s) => {
    const network = index.networks.get(s.networkId);
    return network && !network.external && ownedBy(network, index.data.projectId) && !served.has(s.id);
  });
  return [...links, ...unserved.map((s): GraphLink => ({
    id: `interface:none:${s.id}`, kind: 'interface', right: nodeId('network', s.networkId), rightAnchor: s.id,
    broken: noRouterInterfaceSentence(`${named(s)} (${s.cidr})`, s.cidr),
  }))];
}

/** Network (at the subnet) → instance (at the fixed IP). */
function portLinks(index: Index): GraphLink[] {
  return [...index.serverPorts.values()].flat().flatMap((port) => port.fixedIps.map((ip): GraphLink => {
    const network = index.networks.get(port.networkId);
    return {
      id: `port:${port.id}:${ip.ipAddress}`, kind: 'port', left: network && networkNodeId(network), leftAnchor: ip.subnetId,
      right: nodeId('instance', port.deviceId), rightAnchor: ip.ipAddress,
    };
  }));
}

/** Instance (at the fixed IP) → its floating IP; an unassociated floating IP, and an instance without one, have broken ones. */
function floatingLinks(index: Index): GraphLink[] {
  const associations = index.data.floatingIps.map((fip): GraphLink => {
    const server = index.serverOfFip.get(fip.id);
    const link: GraphLink = { id: `floating:${fip.id}`, kind: 'floating', right: nodeId('floatingIp', fip.id) };
    if (!fip.portId) return { ...link, broken: l10n.t('Floating IP {0} is not associated: it reaches no instance.', fip.floatingIpAddress) };
    return server ? { ...link, left: nodeId('instance', server.id), leftAnchor: fip.fixedIpAddress ?? undefined } : link;
  });
  const unreachable = index.data.servers.flatMap((server): GraphLink[] => {
    const address = (index.serverPorts.get(server.id) ?? []).flatMap((p) => p.fixedIps).find((ip) => isIpv4(ip.ipAddress))?.ipAddress;
    if (!address || index.fipsByServer.has(server.id)) return [];
    return [{ id: `floating:none:${server.id}`, kind: 'floating', left: nodeId('instance', server.id), leftAnchor: address, broken: noFloatingIpSentence(address) }];
  });
  return [...associations, ...unreachable];
}

export function buildGraph(data: TopologyData): Graph {
  const index = new Index(data);
  const nodes = [
    ...data.networks.map((n) => networkNode(n, index)),
    ...data.routers.map((r) => routerNode(r, index)),
    ...data.servers.map((s) => instanceNode(s, index)),
    ...data.floatingIps.map((f) => floatingIpNode(f, index)),
  ];
  const ids = new Set(nodes.map((n) => n.id));
  const drawn = (end?: string) => end === undefined || ids.has(end);
  // only a broken link lacks an end; none names a node not drawn (a network the project cannot see)
  const links = [...gatewayLinks(index), ...interfaceLinks(index), ...portLinks(index), ...floatingLinks(index)]
    .filter((l) => drawn(l.left) && drawn(l.right) && (l.broken !== undefined || (l.left !== undefined && l.right !== undefined)));
  return { nodes, links };
}

// Which instance addresses a floating IP of an external network can reach: Horizon's rule (and Neutron's
// ExternalGatewayForFloatingIPNotFound check): the address's subnet must have an interface on a router whose
// gateway is on that external network. Every other address is still listed, with the reason it cannot be used,
// and a refusal offers the fix for the router that exists (the one-click Assign's, and Neutron's own re-said).
// Pure: no vscode import, unit-tested with ports × subnets × routers.
import * as l10n from '@vscode/l10n';
import { ROUTER_INTERFACE_OWNERS, type FixedIp, type FloatingIp, type Port, type Router, type Subnet } from '../../../openstack/networkModels';
import { projectOf } from '../../../core/ownership';

export interface PortChoice {
  port: Port;
  fixedIp: FixedIp;
  /** The router that joins the address's subnet to the external network. */
  router?: Router;
  /** Why the floating IP cannot reach this address; undefined when it can. */
  unusable?: string;
}

export interface Topology {
  /** Router interface ports (any of ROUTER_INTERFACE_OWNERS); other ports are ignored. */
  routerPorts: readonly Port[];
  routers: readonly Router[];
  /** For naming subnets in reasons; optional. */
  subnets?: readonly Subnet[];
  /** To tell addresses that already have one. */
  floatingIps?: readonly FloatingIp[];
  /** External network names, for reasons. */
  networkNames?: ReadonlyMap<string, string>;
}

function name(item: { id: string; name: string } | undefined, fallback: string): string {
  return item ? item.name || item.id : fallback;
}

/** The routers with an interface on each subnet. */
export function routersBySubnet(topology: Topology): Map<string, Router[]> {
  const routers = new Map(topology.routers.map((r) => [r.id, r]));
  const bySubnet = new Map<string, Router[]>();
  for (const port of topology.routerPorts) {
    if (!ROUTER_INTERFACE_OWNERS.includes(port.deviceOwner)) continue;
    const router = routers.get(port.deviceId);
    if (!router) continue;
    for (const ip of port.fixedIps) {
      const list = bySubnet.get(ip.subnetId) ?? [];
      if (!list.includes(router)) list.push(router);
      bySubnet.set(ip.subnetId, list);
    }
  }
  return bySubnet;
}

/** A subnet by name and range, else its ID. */
function subnetLabel(subnetId: string, topology: Topology): string {
  const subnet = topology.subnets?.find((s) => s.id === subnetId);
  return subnet ? `${name(subnet, subnet.id)} (${subnet.cidr})` : subnetId;
}

/** An external network by name, else its ID. */
function networkLabel(networkId: string, topology: Topology): string {
  return topology.networkNames?.get(networkId) ?? networkId;
}

const ipv6Reason = () => l10n.t('an IPv6 address: floating IPs are IPv4');

/** Each fixed address of PORTS (an instance's), with whether a floating IP of EXTERNALNETWORKID can reach it. */
export function portChoices(ports: readonly Port[], externalNetworkId: string, topology: Topology): PortChoice[] {
  const bySubnet = routersBySubnet(topology);
  const extName = networkLabel(externalNetworkId, topology);
  const choices: PortChoice[] = [];
  for (const port of ports) {
    for (const fixedIp of port.fixedIps) {
      const taken = topology.floatingIps?.find((f) => f.portId === port.id && (f.fixedIpAddress === fixedIp.ipAddress || !f.fixedIpAddress));
      const routers = bySubnet.get(fixedIp.subnetId) ?? [];
      const via = routers.find((r) => r.gateway?.networkId === externalNetworkId);
      let unusable: string | undefined;
      if (fixedIp.ipAddress.includes(':')) unusable = ipv6Reason();
      else if (taken) unusable = l10n.t('already has floating IP {0}', taken.floatingIpAddress);
      else if (!via && routers.length === 0) unusable = l10n.t('no router connects subnet {0}: add a router interface on it', subnetLabel(fixedIp.subnetId, topology));
      else if (!via) {
        const gateways = routers.map((r) => r.gateway
          ? l10n.t('router {0}\'s gateway is on {1}, not {2}', name(r, r.id), networkLabel(r.gateway.networkId, topology), extName)
          : l10n.t('router {0} has no external gateway', name(r, r.id)));
        unusable = gateways.join('; ');
      }
      choices.push({ port, fixedIp, router: via, unusable });
    }
  }
  return choices;
}

export interface Assignment {
  choice: PortChoice;
  externalNetworkId: string;
  /** A free floating IP of the project on that network, to reuse; undefined: allocate one. */
  reuse?: FloatingIp;
}

/** What would let a floating IP reach an address: the fix for the resource that exists. */
export type Remedy =
  | { kind: 'setGateway'; router: Router }
  | { kind: 'addInterface'; router: Router; subnetId: string }
  | { kind: 'createRouter' };

export interface NoAssignment {
  /** One per address. */
  reasons: string[];
  /** For the first address a router could serve; undefined when none could (IPv6 only, already assigned). */
  remedy?: Remedy;
}

/**
 * What the one-click "Assign Floating IP" does for an instance with PORTS: the first address a router joins to
 * an external network, preferring a network where the project has a free floating IP to reuse. When no address
 * can get one: the reason for each, and the remedy for the first address that a router could serve.
 */
export function chooseAssignment(ports: readonly Port[], projectId: string, topology: Topology): Assignment | NoAssignment {
  const externals = [...new Set(topology.routers.map((r) => r.gateway?.networkId).filter((id): id is string => !!id))];
  // only the project's own: an admin's token lists every project's floating IPs
  const free = (topology.floatingIps ?? []).filter((f) => !f.portId && (projectOf(f) ?? projectId) === projectId);
  const candidates = externals.flatMap((ext) => portChoices(ports, ext, topology)
    .filter((c) => !c.unusable)
    .map((choice) => ({ choice, externalNetworkId: ext, reuse: free.find((f) => f.floatingNetworkId === ext) })));
  const best = candidates.find((c) => c.reuse) ?? candidates[0];
  return best ?? refusal(ports, projectId, topology);
}

/** Why no address of PORTS can get a floating IP, and what to fix first. */
function refusal(ports: readonly Port[], projectId: string, topology: Topology): NoAssignment {
  let remedy: Remedy | undefined;
  const reasons = ports.flatMap((port) => port.fixedIps.map((ip) => {
    if (ip.ipAddress.includes(':')) return `${ip.ipAddress}: ${ipv6Reason()}`;
    const blocked = subnetBlocked(ip.subnetId, undefined, projectId, topology);
    remedy ??= blocked?.remedy;
    return `${ip.ipAddress}: ${blocked?.why ?? takenReason(port, ip, topology)}`;
  }));
  return { reasons: reasons.length ? reasons : [l10n.t('the instance has no network port')], remedy };
}

/** Why an address that a router with a gateway serves was passed over: it has a floating IP already. */
function takenReason(port: Port, ip: FixedIp, topology: Topology): string {
  const networkId = routersBySubnet(topology).get(ip.subnetId)?.find((r) => r.gateway)?.gateway?.networkId;
  return (networkId && portChoices([{ ...port, fixedIps: [ip] }], networkId, topology)[0].unusable) || l10n.t('cannot get one');
}

/** Why no floating IP reaches an address, and the fix for the resource that exists. */
interface Blocked {
  why: string;
  remedy: Remedy;
}

/**
 * What keeps floating IPs of EXTERNALNETWORKID (undefined: of any external network) from the addresses on
 * SUBNETID: a router of the subnet without that gateway (set it), else a router of the project without an
 * interface on the subnet (add one), else no router at all (create one). Undefined when a router joins them.
 */
function subnetBlocked(subnetId: string, externalNetworkId: string | undefined, projectId: string, topology: Topology): Blocked | undefined {
  const reaches = (r: Router) => (externalNetworkId ? r.gateway?.networkId === externalNetworkId : !!r.gateway);
  const external = externalNetworkId && networkLabel(externalNetworkId, topology);
  const subnet = subnetLabel(subnetId, topology);
  const routers = routersBySubnet(topology).get(subnetId) ?? [];
  if (routers.some(reaches)) return undefined;
  if (routers.length) {
    const router = routers.find((r) => !r.gateway) ?? routers[0];
    return { why: wrongGateway(name(router, router.id), subnet, router.gateway && networkLabel(router.gateway.networkId, topology), external), remedy: { kind: 'setGateway', router } };
  }
  // the router to attach the subnet to: the project's own (an admin's token lists every project's), the right gateway first
  const own = topology.routers.filter((r) => (projectOf(r) ?? projectId) === projectId);
  const spare = own.find(reaches) ?? own.find((r) => r.gateway) ?? own[0];
  if (!spare) {
    return { why: l10n.t('no router connects subnet {0}: create a router with a gateway on the external network and an interface on the subnet', subnet), remedy: { kind: 'createRouter' } };
  }
  const router = name(spare, spare.id);
  let why: string;
  if (reaches(spare)) why = l10n.t('no router connects subnet {0}: add an interface on it to router {1}', subnet, router);
  else if (external) why = l10n.t('no router connects subnet {0}: add an interface on it to router {1}, and set the router\'s gateway on {2}', subnet, router, external);
  else why = l10n.t('no router connects subnet {0}: add an interface on it to router {1}, and set the router\'s gateway', subnet, router);
  return { why, remedy: { kind: 'addInterface', router: spare, subnetId } };
}

/** Why ROUTER (serving SUBNET) lets no floating IP of EXTERNAL (undefined: of any external network) through: its GATEWAY is elsewhere, or missing. */
function wrongGateway(router: string, subnet: string, gateway: string | undefined, external: string | undefined): string {
  if (gateway) {
    return external ? l10n.t('router {0} serves subnet {1} but its gateway is on {2}: set it on {3}', router, subnet, gateway, external)
      : l10n.t('router {0} serves subnet {1} but its gateway is on {2}: set it', router, subnet, gateway);
  }
  return external ? l10n.t('router {0} serves subnet {1} but has no external gateway: set one on {2}', router, subnet, external)
    : l10n.t('router {0} serves subnet {1} but has no external gateway: set one', router, subnet);
}

/**
 * Neutron's refusal to associate a floating IP of EXTERNALNETWORKID with an address on SUBNETID
 * (ExternalGatewayForFloatingIPNotFound), said with what blocks it and the fix for the resource that exists; no
 * remedy when a router joins them by now (it was fixed meanwhile).
 */
export function unreachableSubnet(subnetId: string, externalNetworkId: string, projectId: string, topology: Topology): { message: string; remedy?: Remedy } {
  const blocked = subnetBlocked(subnetId, externalNetworkId, projectId, topology);
  if (!blocked) {
    return { message: l10n.t('A router joins subnet {0} to {1} by now: associate again.', subnetLabel(subnetId, topology), networkLabel(externalNetworkId, topology)) };
  }
  return { message: `${blocked.why[0].toUpperCase()}${blocked.why.slice(1)}.`, remedy: blocked.remedy };
}

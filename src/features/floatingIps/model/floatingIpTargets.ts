// Which instance addresses a floating IP of an external network can reach: Horizon's rule (and Neutron's
// ExternalGatewayForFloatingIPNotFound check): the address's subnet must have an interface on a router whose
// gateway is on that external network. Every other address is still listed, with the reason it cannot be used.
// Pure: no vscode import, unit-tested with ports × subnets × routers.
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

/** Each fixed address of PORTS (an instance's), with whether a floating IP of EXTERNALNETWORKID can reach it. */
export function portChoices(ports: readonly Port[], externalNetworkId: string, topology: Topology): PortChoice[] {
  const bySubnet = routersBySubnet(topology);
  const subnets = new Map((topology.subnets ?? []).map((s) => [s.id, s]));
  const extName = topology.networkNames?.get(externalNetworkId) ?? externalNetworkId;
  const choices: PortChoice[] = [];
  for (const port of ports) {
    for (const fixedIp of port.fixedIps) {
      const subnet = subnets.get(fixedIp.subnetId);
      const subnetName = subnet ? `${name(subnet, subnet.id)} (${subnet.cidr})` : fixedIp.subnetId;
      const taken = topology.floatingIps?.find((f) => f.portId === port.id && (f.fixedIpAddress === fixedIp.ipAddress || !f.fixedIpAddress));
      const routers = bySubnet.get(fixedIp.subnetId) ?? [];
      const via = routers.find((r) => r.gateway?.networkId === externalNetworkId);
      let unusable: string | undefined;
      if (fixedIp.ipAddress.includes(':')) unusable = 'an IPv6 address: floating IPs are IPv4';
      else if (taken) unusable = `already has floating IP ${taken.floatingIpAddress}`;
      else if (!via && routers.length === 0) unusable = `no router connects subnet ${subnetName}: add a router interface on it`;
      else if (!via) {
        const gateways = routers.map((r) => r.gateway
          ? `router ${name(r, r.id)}'s gateway is on ${topology.networkNames?.get(r.gateway.networkId) ?? r.gateway.networkId}, not ${extName}`
          : `router ${name(r, r.id)} has no external gateway`);
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
  const bySubnet = routersBySubnet(topology);
  const subnets = new Map((topology.subnets ?? []).map((s) => [s.id, s]));
  // the router to attach a detached subnet to: the project's own, one with a gateway first
  const own = topology.routers.filter((r) => (projectOf(r) ?? projectId) === projectId);
  const spare = own.find((r) => r.gateway) ?? own[0];
  let remedy: Remedy | undefined;
  const reasons = ports.flatMap((p) => p.fixedIps.map((ip) => {
    const routers = bySubnet.get(ip.subnetId) ?? [];
    const gatewayed = routers.find((r) => r.gateway);
    const subnet = subnets.get(ip.subnetId);
    const subnetName = subnet ? `${name(subnet, subnet.id)} (${subnet.cidr})` : ip.subnetId;
    let why: string;
    let fix: Remedy | undefined;
    if (ip.ipAddress.includes(':')) why = 'an IPv6 address: floating IPs are IPv4';
    else if (routers.length === 0 && spare) {
      why = `no router connects subnet ${subnetName}: add an interface on it to router ${name(spare, spare.id)}${spare.gateway ? '' : ', and set the router\'s gateway'}`;
      fix = { kind: 'addInterface', router: spare, subnetId: ip.subnetId };
    } else if (routers.length === 0) {
      why = `no router connects subnet ${subnetName}: create a router with a gateway on the external network and an interface on the subnet`;
      fix = { kind: 'createRouter' };
    } else if (!gatewayed) {
      why = `router ${name(routers[0], routers[0].id)} has no external gateway: set one`;
      fix = { kind: 'setGateway', router: routers[0] };
    } else why = portChoices([{ ...p, fixedIps: [ip] }], gatewayed.gateway!.networkId, topology)[0].unusable ?? 'cannot get one';
    remedy ??= fix;
    return `${ip.ipAddress}: ${why}`;
  }));
  return { reasons: reasons.length ? reasons : ['the instance has no network port'], remedy };
}

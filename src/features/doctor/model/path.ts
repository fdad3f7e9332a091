// The path a packet from this machine takes to the instance: floating IP → its external network → the router
// with a gateway there → the router's interface on the fixed IP's subnet → the port. The checks walk it link by
// link. With several NICs the path follows the floating IP's port, else the address a floating IP could reach.
import type { FixedIp, FloatingIp, Network, Port, Router, Subnet } from '../../../openstack/networkModels';
import { projectOf } from '../../../core/ownership';
import { portChoices, routersBySubnet } from '../../floatingIps/model/floatingIpTargets';
import type { ReachabilitySnapshot } from './snapshot';

export interface ReachabilityPath {
  /** Undefined when the instance has no port. */
  port?: Port;
  fixedIp?: FixedIp;
  subnet?: Subnet;
  network?: Network;
  floatingIp?: FloatingIp;
  /** The floating IP's network, else the one a floating IP would come from; undefined when none is known. */
  externalNetworkId?: string;
  /** The router with an interface on the subnet (one with a gateway on the external network first). */
  router?: Router;
  /** When no router serves the subnet: the project's router an interface could be added to. */
  spareRouter?: Router;
}

/** The project of the instance (Nova says tenant_id). */
export function serverProject(snapshot: ReachabilitySnapshot): unknown {
  return snapshot.server.raw.tenant_id ?? snapshot.server.raw.project_id;
}

/** The floating IP on one of the instance's ports: the one asked about, else the first. */
function instanceFloatingIp(snapshot: ReachabilitySnapshot): FloatingIp | undefined {
  const portIds = new Set(snapshot.ports.map((p) => p.id));
  const ours = snapshot.floatingIps.filter((f) => f.portId !== null && portIds.has(f.portId));
  return ours.find((f) => f.id === snapshot.focusFloatingIpId) ?? ours[0];
}

/** The external network a new floating IP would come from: one a router of the instance's subnets uses first. */
function likelyExternalNetwork(snapshot: ReachabilitySnapshot): string | undefined {
  const bySubnet = routersBySubnet(snapshot);
  const used = snapshot.ports.flatMap((p) => p.fixedIps.flatMap((ip) => bySubnet.get(ip.subnetId) ?? []))
    .map((r) => r.gateway?.networkId).find((id) => id !== undefined);
  return used ?? snapshot.networks.find((n) => n.external)?.id ?? snapshot.routers.find((r) => r.gateway)?.gateway?.networkId;
}

const isIpv4 = (ip: FixedIp) => !ip.ipAddress.includes(':');

/** Without a floating IP: the address one could reach, else the first IPv4 address a router serves, else the first NIC's IPv4. */
function likelyAddress(snapshot: ReachabilitySnapshot, externalNetworkId: string | undefined): { port: Port; fixedIp: FixedIp } | undefined {
  const reachable = externalNetworkId ? portChoices(snapshot.ports, externalNetworkId, snapshot).find((c) => !c.unusable) : undefined;
  if (reachable) return reachable;
  const bySubnet = routersBySubnet(snapshot);
  // Nova lists the addresses in the order of the NICs: the first is eth0, where guests take their default route
  const nicOrder = (ip: FixedIp) => {
    const i = snapshot.server.addresses.findIndex((a) => a.addr === ip.ipAddress);
    return i < 0 ? Infinity : i;
  };
  const all = snapshot.ports.flatMap((port) => port.fixedIps.map((fixedIp) => ({ port, fixedIp })))
    .sort((a, b) => nicOrder(a.fixedIp) - nicOrder(b.fixedIp));
  return all.find((a) => isIpv4(a.fixedIp) && bySubnet.has(a.fixedIp.subnetId)) ?? all.find((a) => isIpv4(a.fixedIp)) ?? all[0];
}

/** Of ROUTERS, one with its gateway on EXTERNALNETWORKID first, then one with any gateway. */
function bestRouter(routers: readonly Router[], externalNetworkId: string | undefined): Router | undefined {
  return routers.find((r) => r.gateway && r.gateway.networkId === externalNetworkId) ?? routers.find((r) => r.gateway) ?? routers[0];
}

export function reachabilityPath(snapshot: ReachabilitySnapshot): ReachabilityPath {
  const floatingIp = instanceFloatingIp(snapshot);
  const externalNetworkId = floatingIp?.floatingNetworkId ?? likelyExternalNetwork(snapshot);
  let address: { port: Port; fixedIp: FixedIp } | undefined;
  if (floatingIp) {
    const port = snapshot.ports.find((p) => p.id === floatingIp.portId)!;
    const fixedIp = port.fixedIps.find((ip) => ip.ipAddress === floatingIp.fixedIpAddress) ?? port.fixedIps.find(isIpv4) ?? port.fixedIps[0];
    address = fixedIp && { port, fixedIp };
  } else address = likelyAddress(snapshot, externalNetworkId);
  const port = address?.port ?? snapshot.ports[0];
  const subnetId = address?.fixedIp.subnetId;
  const routers = subnetId ? routersBySubnet(snapshot).get(subnetId) ?? [] : [];
  const project = serverProject(snapshot);
  // an admin sees every project's routers: only the instance's project's own may take its subnet
  const own = snapshot.routers.filter((r) => (projectOf(r) ?? project) === project);
  return {
    port, fixedIp: address?.fixedIp, floatingIp, externalNetworkId,
    subnet: snapshot.subnets.find((s) => s.id === subnetId),
    network: snapshot.networks.find((n) => n.id === port?.networkId),
    router: bestRouter(routers, externalNetworkId),
    spareRouter: routers.length ? undefined : bestRouter(own, externalNetworkId),
  };
}

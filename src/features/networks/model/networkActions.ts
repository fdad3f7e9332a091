// What the network commands do once their input is collected: each takes a Spec (plain data, also what
// "Copy as openstack CLI" prints), the Target (cloud, project, client) and the progress's AbortSignal. No vscode
// import: the extension-host tests run these against the dev cloud. Request counts are in the doc comments.
import * as l10n from '@vscode/l10n';
import { ROUTER_INTERFACE_OWNERS, type FloatingIp, type Network, type Port, type Router, type Subnet } from '../../../openstack/networkModels';
import { chooseAssignment, unreachableSubnet, type Remedy } from '../../floatingIps/model/floatingIpTargets';
import type { Pool, ProviderType } from './networkInputs';
import { CREATE_ROUTER, Refused, unreachableFromSubnet, type Fix } from '../../../core/refusals';
import type { Target } from '../../../core/target';
import { ownedBy } from '../../../core/ownership';

export interface SubnetFields {
  name: string;
  cidr: string;
  ipVersion: 4 | 6;
  /** Undefined: Neutron's default (the first address); null: no gateway. */
  gatewayIp?: string | null;
  enableDhcp: boolean;
  dnsNameservers: string[];
  /** Undefined: Neutron's default (the whole range without the gateway). */
  allocationPools?: Pool[];
}

export interface NetworkSpec {
  name: string;
  /** Admin only. */
  provider?: { type: ProviderType; physicalNetwork?: string; segmentationId?: number };
  /** Admin only. */
  external?: boolean;
  /** Admin only. */
  shared?: boolean;
  /** A subnet created in the same go. */
  subnet?: SubnetFields;
}

export interface SubnetSpec extends SubnetFields {
  networkId: string;
}

export interface RouterSpec {
  name: string;
  /** The external network of the gateway; undefined: none. */
  gatewayNetworkId?: string;
  /** Subnets to attach through interfaces. */
  subnetIds: string[];
}

export interface FloatingIpSpec {
  floatingNetworkId: string;
  description?: string;
  /** Associated at once when set. */
  portId?: string;
  fixedIpAddress?: string;
}

export interface AssociateSpec {
  floatingIpId: string;
  portId: string;
  fixedIpAddress?: string;
}

/** The explorer categories a command changed, for refreshCategory. */
export type Category = 'networks' | 'routers' | 'floatingIps' | 'servers';

const owned = (target: Target) => (item: { raw: Record<string, unknown> }) => ownedBy(item, target.projectId);

function nameTakenRefusal(what: 'network' | 'subnet' | 'router', name: string): string {
  switch (what) {
    case 'network': return l10n.t('A network named \'{0}\' already exists in this project: choose another name, so that it (and the openstack CLI) can tell them apart.', name);
    case 'subnet': return l10n.t('A subnet named \'{0}\' already exists in this project: choose another name, so that it (and the openstack CLI) can tell them apart.', name);
    case 'router': return l10n.t('A router named \'{0}\' already exists in this project: choose another name, so that it (and the openstack CLI) can tell them apart.', name);
  }
}

/** Refuses a NAME that a WHAT of the project (or a shared/external one it sees) already has: 1 GET. */
async function assertNameFree(target: Target, what: 'network' | 'subnet' | 'router', name: string, signal?: AbortSignal): Promise<void> {
  const net = target.client.network;
  const found: { raw: Record<string, unknown> }[] = what === 'network'
    ? (await net.networks({ name }).toArray(signal)).filter((n) => owned(target)(n) || n.shared || n.external)
    : what === 'subnet' ? (await net.subnets({ name }).toArray(signal)).filter(owned(target))
      : (await net.routers({ name }).toArray(signal)).filter(owned(target));
  if (found.length > 0) {
    throw new Refused(nameTakenRefusal(what, name));
  }
}

function subnetCreate(networkId: string, s: SubnetFields) {
  return {
    networkId, name: s.name, cidr: s.cidr, ipVersion: s.ipVersion, gatewayIp: s.gatewayIp, enableDhcp: s.enableDhcp,
    dnsNameservers: s.dnsNameservers.length ? s.dnsNameservers : undefined, allocationPools: s.allocationPools,
  };
}

/**
 * Creates the network, then its subnet; when the subnet is refused the network is deleted again (as Horizon
 * does), so a refusal leaves nothing half made. Requests: 1 GET name check (+1 for the subnet's name), 1 POST
 * network, 1 POST subnet.
 */
export async function createNetwork(spec: NetworkSpec, target: Target, signal?: AbortSignal): Promise<{ network: Network; subnet?: Subnet }> {
  const net = target.client.network;
  await Promise.all([
    assertNameFree(target, 'network', spec.name, signal),
    spec.subnet && assertNameFree(target, 'subnet', spec.subnet.name, signal),
  ]);
  const network = await net.createNetwork({
    name: spec.name, external: spec.external || undefined, shared: spec.shared || undefined,
    providerNetworkType: spec.provider?.type, providerPhysicalNetwork: spec.provider?.physicalNetwork,
    providerSegmentationId: spec.provider?.segmentationId,
  }, signal);
  if (!spec.subnet) return { network };
  try {
    return { network, subnet: await net.createSubnet(subnetCreate(network.id, spec.subnet), signal) };
  } catch (err) {
    await net.deleteNetwork(network.id).catch(() => undefined);
    throw err;
  }
}

/** Requests: 1 GET name check, 1 POST. */
export async function createSubnet(spec: SubnetSpec, target: Target, signal?: AbortSignal): Promise<Subnet> {
  await assertNameFree(target, 'subnet', spec.name, signal);
  return target.client.network.createSubnet(subnetCreate(spec.networkId, spec), signal);
}

/**
 * Creates the router with its gateway in one request, then adds the interfaces; when an interface is refused
 * the router stays (it is useful as it is) and the refusal is reported. Requests: 1 GET, 1 POST, 1 PUT per subnet.
 */
export async function createRouter(spec: RouterSpec, target: Target, signal?: AbortSignal): Promise<Router> {
  const net = target.client.network;
  await assertNameFree(target, 'router', spec.name, signal);
  const router = await net.createRouter({ name: spec.name, gateway: spec.gatewayNetworkId ? { networkId: spec.gatewayNetworkId } : undefined }, signal);
  for (const subnetId of spec.subnetIds) await net.addRouterInterface(router.id, subnetId, signal);
  return router;
}

/** Sets (networkId) or clears (undefined) the gateway. Requests: 1 PUT. */
export function setRouterGateway(routerId: string, networkId: string | undefined, target: Target, signal?: AbortSignal): Promise<Router> {
  return target.client.network.setRouterGateway(routerId, networkId ? { networkId } : null, signal);
}

/** Requests: 1 PUT. */
export function addRouterInterface(routerId: string, subnetId: string, target: Target, signal?: AbortSignal): Promise<{ portId: string }> {
  return target.client.network.addRouterInterface(routerId, subnetId, signal);
}

/** Detaches the interface port (all its subnets). Requests: 1 PUT. */
export function removeRouterInterface(routerId: string, portId: string, target: Target, signal?: AbortSignal): Promise<void> {
  return target.client.network.removeRouterPort(routerId, portId, signal);
}

/**
 * Allocates (and, with a port, associates) a floating IP. Requests: 1 POST; after Neutron's refusal that no router
 * reaches the port, the look-up of reachabilityRefusal.
 */
export function allocateFloatingIp(spec: FloatingIpSpec, target: Target, signal?: AbortSignal): Promise<FloatingIp> {
  return explainingUnreachable(target.client.network.allocateFloatingIp(spec, signal), target, signal);
}

/** Requests: 1 PUT; after Neutron's refusal that no router reaches the port, the look-up of reachabilityRefusal. */
export function associateFloatingIp(spec: AssociateSpec, target: Target, signal?: AbortSignal): Promise<FloatingIp> {
  return explainingUnreachable(target.client.network.associateFloatingIp(spec.floatingIpId, spec.portId, spec.fixedIpAddress, signal), target, signal);
}

/**
 * ASSOCIATION's result; should Neutron refuse because no router joins the port's subnet to the floating IP's
 * network, its refusal re-said by reachabilityRefusal (or as it came, should that look-up fail).
 */
async function explainingUnreachable<T>(association: Promise<T>, target: Target, signal?: AbortSignal): Promise<T> {
  try {
    return await association;
  } catch (err) {
    const unreachable = unreachableFromSubnet(err);
    if (!unreachable) throw err;
    throw await reachabilityRefusal(unreachable, target, signal).catch(() => err);
  }
}

/**
 * Neutron's "External network X is not reachable from subnet Y", said as the doctor says it: the subnet by name
 * and range, and the fix for the router that exists. Requests, only after that refusal: 4 GETs in parallel (the
 * subnet, the external network, the router interfaces on the subnet, the project's routers), and 1 more for the
 * subnet's routers of other projects, if any.
 */
async function reachabilityRefusal(unreachable: { externalNetworkId: string; subnetId: string; said: string }, target: Target, signal?: AbortSignal): Promise<Refused> {
  const net = target.client.network;
  const { externalNetworkId, subnetId } = unreachable;
  const [subnet, external, routerPorts, own] = await Promise.all([
    net.subnet(subnetId, signal),
    net.network(externalNetworkId, signal).catch(() => undefined),   // a member may not see it: its ID will do
    net.routerInterfaces({ subnetId }).toArray(signal),
    net.routers({ projectId: target.projectId }).toArray(signal),
  ]);
  const others = [...new Set(routerPorts.map((p) => p.deviceId))].filter((id) => !own.some((r) => r.id === id));
  const routers = others.length ? [...own, ...await net.routers({ ids: others }).toArray(signal)] : own;
  const networkNames = new Map(external ? [[external.id, external.name || external.id]] : []);
  const { message, remedy } = unreachableSubnet(subnetId, externalNetworkId, target.projectId, { routerPorts, routers, subnets: [subnet], networkNames });
  return new Refused(`${message} ${unreachable.said}`, remedy && fixFor(remedy, target));
}

/** Requests: 1 PUT. */
export function disassociateFloatingIp(floatingIpId: string, target: Target, signal?: AbortSignal): Promise<FloatingIp> {
  return target.client.network.disassociateFloatingIp(floatingIpId, signal);
}

export interface Assigned {
  floatingIp: FloatingIp;
  /** True when a free floating IP of the project was reused rather than allocated. */
  reused: boolean;
}

/**
 * The command that fixes REMEDY, acting in TARGET's project: its argument stands for the router's tree node (a
 * scope for the project, the subnet to preselect), as the commands read nodes by `kind`.
 */
function fixFor(remedy: Remedy, target: Target): Fix {
  if (remedy.kind === 'createRouter') return CREATE_ROUTER;
  const scope = { cloud: target.cloud, projectId: target.projectId, projectName: target.projectId, client: async () => target.client };
  const routerNode = { kind: 'router', router: remedy.router, interfaces: [], scope };
  const routerName = remedy.router.name || remedy.router.id;
  return remedy.kind === 'setGateway'
    ? { title: l10n.t('Set Router Gateway on {0}…', routerName), command: 'openstack.setRouterGateway', args: [routerNode] }
    : { title: l10n.t('Add Router Interface on {0}…', routerName), command: 'openstack.addRouterInterface', args: [{ ...routerNode, subnetId: remedy.subnetId }] };
}

/**
 * The one-click "Assign Floating IP": finds the instance's address that a router joins to an external network,
 * reuses a free floating IP of the project on that network or allocates one, and associates it. Refuses, naming
 * each address's reason and offering the fix for the resource that exists, when no router reaches the instance.
 * Requests: 5 GETs in parallel (the instance's ports, router interfaces, routers, floating IPs, subnets), then
 * 1 PUT (reuse) or 1 POST (allocate and associate); should Neutron still refuse, the look-up of reachabilityRefusal.
 */
export async function assignFloatingIp(serverId: string, serverName: string, target: Target, signal?: AbortSignal): Promise<Assigned> {
  const net = target.client.network;
  const [ports, routerPorts, routers, floatingIps, subnets] = await Promise.all([
    net.ports({ deviceId: serverId }).toArray(signal),
    net.routerInterfaces().toArray(signal),
    net.routers().toArray(signal),
    net.floatingIps().toArray(signal),
    net.subnets().toArray(signal),
  ]);
  const existing = floatingIps.find((f) => f.portId && ports.some((p) => p.id === f.portId));
  if (existing) throw new Refused(l10n.t('{0} already has floating IP {1}.', serverName, existing.floatingIpAddress));
  const choice = chooseAssignment(ports, target.projectId, { routerPorts, routers, floatingIps, subnets });
  if ('reasons' in choice) throw new Refused(l10n.t('No floating IP can reach {0}: {1}.', serverName, choice.reasons.join('; ')), choice.remedy && fixFor(choice.remedy, target));
  const { port, fixedIp } = choice.choice;
  const fixedIpAddress = port.fixedIps.length > 1 ? fixedIp.ipAddress : undefined;
  if (choice.reuse) {
    return { floatingIp: await associateFloatingIp({ floatingIpId: choice.reuse.id, portId: port.id, fixedIpAddress }, target, signal), reused: true };
  }
  return { floatingIp: await allocateFloatingIp({ floatingNetworkId: choice.externalNetworkId, portId: port.id, fixedIpAddress }, target, signal), reused: false };
}

/** The floating IPs on the ports of instance SERVERID. Requests: 2 GETs, one after the other, whatever the project's size. */
export async function serverFloatingIps(serverId: string, target: Target, signal?: AbortSignal): Promise<FloatingIp[]> {
  const ports = await target.client.network.ports({ deviceId: serverId }).toArray(signal);
  return target.client.network.floatingIps({ portId: ports.map((p) => p.id) }).toArray(signal);
}

export type DeleteKind = 'network' | 'subnet' | 'router' | 'floatingIp';

/** Requests: 1 DELETE (what is already gone counts as deleted). */
export function deleteResource(kind: DeleteKind, id: string, target: Target, signal?: AbortSignal): Promise<void> {
  const net = target.client.network;
  switch (kind) {
    case 'network': return net.deleteNetwork(id, signal);
    case 'subnet': return net.deleteSubnet(id, signal);
    case 'router': return net.deleteRouter(id, signal);
    case 'floatingIp': return net.releaseFloatingIp(id, signal);
  }
}

/** One step of a router's tear-down, as the preview lists it. */
export type TeardownStep =
  | { kind: 'disassociate'; floatingIp: FloatingIp }
  | { kind: 'removeInterface'; port: Port; subnets: string[] }
  | { kind: 'clearGateway'; networkId: string }
  | { kind: 'delete' };

export interface TeardownPlan {
  router: Router;
  steps: TeardownStep[];
}

/**
 * What tearing ROUTERID down takes: floating IPs routed through it are disassociated (Neutron refuses to remove
 * an interface they need), its interfaces removed, its gateway cleared, then it is deleted.
 * Requests: 3 GETs in parallel (the router, its ports, floating IPs).
 */
export async function planTeardown(routerId: string, target: Target, signal?: AbortSignal): Promise<TeardownPlan> {
  const net = target.client.network;
  const [router, ports, floatingIps] = await Promise.all([
    net.router(routerId, signal),
    net.ports({ deviceId: routerId }).toArray(signal),
    net.floatingIps().toArray(signal),
  ]);
  const interfaces = ports.filter((p) => ROUTER_INTERFACE_OWNERS.includes(p.deviceOwner));
  const steps: TeardownStep[] = [
    ...floatingIps.filter((f) => f.routerId === routerId && f.portId).map((floatingIp) => ({ kind: 'disassociate' as const, floatingIp })),
    ...interfaces.map((port) => ({ kind: 'removeInterface' as const, port, subnets: port.fixedIps.map((ip) => ip.subnetId) })),
    ...(router.gateway ? [{ kind: 'clearGateway' as const, networkId: router.gateway.networkId }] : []),
    { kind: 'delete' },
  ];
  return { router, steps };
}

/** Runs the plan's steps in order, reporting each. Requests: 1 per step. */
export async function executeTeardown(plan: TeardownPlan, target: Target, signal?: AbortSignal, report?: (step: TeardownStep, index: number) => void): Promise<void> {
  const net = target.client.network;
  const id = plan.router.id;
  for (const [i, step] of plan.steps.entries()) {
    report?.(step, i);
    switch (step.kind) {
      case 'disassociate': await net.disassociateFloatingIp(step.floatingIp.id, signal); break;
      case 'removeInterface': await net.removeRouterPort(id, step.port.id, signal); break;
      case 'clearGateway': await net.setRouterGateway(id, null, signal); break;
      case 'delete': await net.deleteRouter(id, signal); break;
    }
  }
}

// Gathers the doctor's snapshot of one instance in a bounded number of rounds, whatever the project's size: every
// list is filtered by the IDs the instance's ports name, or is one bounded page. No vscode import: the dev-cloud
// tests gather exactly as the command does.
//   round 1: the server and its ports (2 requests)
//   round 2: their subnets, networks, external networks, router interfaces on those networks, floating IPs (the
//            ports' and a page of the project's), security groups, the console log (8)
//   round 3: the routers of those interfaces (or a page of the project's), the host's compute service (admins),
//            and on this machine `ip route get`, ping and TCP 22 to the floating IP (1-2 + probes)
//   round 4: the L3 agents of the path's router and the DHCP agents of its network (admins; 0-2)
import { OpenStackError } from '../../openstack/errors';
import type { Agent } from '../../openstack/networkModels';
import type { Target } from '../../core/target';
import { reachabilityPath } from './model/path';
import type { AdminView, ComputeServiceState, ReachabilitySnapshot } from './model/snapshot';
import { liveProbes, localRoute } from './probes';

/** A page large enough for a lab project and bounded for any other. */
const PAGE = 100;
const CONSOLE_LINES = 400;

export interface GatherOptions {
  serverId: string;
  /** Diagnose on a floating IP: the one the path follows. */
  focusFloatingIpId?: string;
  /** Run ping and TCP 22 from this machine (off in unit-sized runs that must not send packets). */
  probes: boolean;
  signal?: AbortSignal;
}

export interface Gathered {
  snapshot: ReachabilitySnapshot;
  /** The API requests made (the probes and `ip route get` are not requests). */
  requests: number;
}

/** A refusal by policy (or a resource the role may not see) yields undefined: the check then says "unknown". */
async function unlessRefused<T>(ask: Promise<T>): Promise<T | undefined> {
  try {
    return await ask;
  } catch (err) {
    if (err instanceof OpenStackError && err.status !== undefined && err.status >= 400 && err.status < 500) return undefined;
    throw err;
  }
}

const unique = (ids: readonly (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];

/** The lists' items, each ID once. */
function mergeById<T extends { id: string }>(...lists: T[][]): T[] {
  return [...new Map(lists.flat().map((x) => [x.id, x])).values()];
}

export async function gatherSnapshot(target: Target, opts: GatherOptions): Promise<Gathered> {
  const { compute, network: net } = target.client;
  const { signal } = opts;
  let requests = 0;
  const count = <T>(ask: Promise<T>): Promise<T> => { requests++; return ask; };

  const [server, ports] = await Promise.all([
    count(compute.server(opts.serverId, signal)),
    count(net.ports({ deviceId: opts.serverId }).toArray(signal)),
  ]);

  const networkIds = unique(ports.map((p) => p.networkId));
  const [subnets, networks, externals, routerPorts, portFips, projectFips, securityGroups, consoleLog] = await Promise.all([
    count(net.subnets({ ids: unique(ports.flatMap((p) => p.fixedIps.map((ip) => ip.subnetId))) }).toArray(signal)),
    count(net.networks({ ids: networkIds }).toArray(signal)),
    count(net.networks({ external: true, limit: PAGE }).firstPage(signal)).then((p) => p.items),
    count(net.routerInterfaces({ networkId: networkIds }).toArray(signal)),
    count(net.floatingIps({ portId: ports.map((p) => p.id) }).toArray(signal)),
    count(net.floatingIps({ projectId: target.projectId, limit: PAGE }).firstPage(signal)).then((p) => p.items),
    count(net.securityGroups({ ids: unique(ports.flatMap((p) => p.securityGroupIds)) }).toArray(signal)),
    count(unlessRefused(compute.consoleOutput(opts.serverId, CONSOLE_LINES, signal))),
  ]);

  const routerIds = unique(routerPorts.map((p) => p.deviceId));
  const floatingIps = mergeById(portFips, projectFips);
  const partial: ReachabilitySnapshot = {
    server, ports, subnets, networks: mergeById(networks, externals), routers: [], routerPorts, floatingIps, securityGroups,
    focusFloatingIpId: opts.focusFloatingIpId, consoleLog,
  };
  // the floating IP is known without the routers; the path's router and network only with them
  const address = reachabilityPath(partial).floatingIp?.floatingIpAddress;
  // only an admin's view of the server names its host
  const host = typeof server.raw['OS-EXT-SRV-ATTR:host'] === 'string' ? server.raw['OS-EXT-SRV-ATTR:host'] : undefined;
  // the probes take seconds: round 4 does not wait for them
  const probing = address && opts.probes ? liveProbes(address, signal) : undefined;
  const [routers, computeService, route] = await Promise.all([
    count(routerIds.length
      ? net.routers({ ids: routerIds }).toArray(signal)
      // no router serves these networks: the project's own, one of which a fix could add an interface to
      : net.routers({ projectId: target.projectId, limit: PAGE }).firstPage(signal).then((p) => p.items)),
    host ? count(unlessRefused(computeServiceOf(target, host, signal))) : undefined,
    address ? localRoute(address) : undefined,
  ]);

  const withRouters = { ...partial, routers };
  const { router, network } = reachabilityPath(withRouters);
  const [l3Agents, dhcpAgents] = await Promise.all([
    router ? count(unlessRefused(net.routerL3Agents(router.id, signal))) : undefined,
    network ? count(unlessRefused(net.networkDhcpAgents(network.id, signal))) : undefined,
  ]);
  const snapshot: ReachabilitySnapshot = {
    ...withRouters,
    admin: adminView(l3Agents, dhcpAgents, computeService),
    localRoute: route,
    localAddress: route?.kind === 'route' ? route.src : undefined,
    probes: await probing,
  };
  return { snapshot, requests };
}

async function computeServiceOf(target: Target, host: string, signal?: AbortSignal): Promise<ComputeServiceState | undefined> {
  return (await target.client.compute.computeServices(host, signal))[0];
}

/** Undefined when nothing admin-only could be read (a member): every agent check then says "unknown". */
function adminView(l3Agents?: Agent[], dhcpAgents?: Agent[], computeService?: ComputeServiceState): AdminView | undefined {
  if (!l3Agents && !dhcpAgents && !computeService) return undefined;
  return { l3Agents, dhcpAgents, computeService };
}

// What each category of a project lists, and what it joins in memory: the primary list's first page and the
// joined lists are requested in parallel, so expanding a category costs one round of requests.
import type { OpenStackClient } from '../openstack/client';
import type { Listing } from '../openstack/listing';
import type { Flavor, Keypair, Server } from '../openstack/computeModels';
import type { Image } from '../openstack/image';
import type { FloatingIp, Network, Port, Router, SecurityGroup, Subnet } from '../openstack/networkModels';
import type { ExplorerNode, ResourceNode, Scope } from '../ui/tree/node';
import { NetworkNode } from './networks/networkNodes';
import { RouterNode } from './routers/routerNodes';
import { SecurityGroupNode } from './securityGroups/securityGroupNodes';
import { serverInTransition, ServerNode } from './instances/serverNode';
import { FlavorNode } from './flavors/flavorNode';
import { FloatingIpNode } from './floatingIps/floatingIpNode';
import { ImageNode } from './images/imageNode';
import { KeypairNode } from './keypairs/keypairNode';

export type ServiceType = 'compute' | 'network' | 'image';

export interface CategorySpec<T, C> {
  kind: string;
  label: string;
  icon: string;
  service: ServiceType;
  list(client: OpenStackClient, pageSize: number, scope: Scope): Listing<T>;
  /** Data joined into the nodes, fetched alongside the first page. */
  join(client: OpenStackClient, signal: AbortSignal, scope: Scope): Promise<C>;
  node(parent: ExplorerNode, item: T, joined: C): ResourceNode;
  /** Items that change by themselves make the category poll until they settle. */
  inTransition?(item: T): boolean;
}

const nothing = async (): Promise<undefined> => undefined;

/**
 * The project whose view Neutron and Glance lists show: an admin's token lists every project's resources, so
 * they are narrowed to the node's project unless its "All projects" is on. Undefined: the token's own list,
 * which for a member is its project's view already.
 */
function viewOf(client: OpenStackClient, scope: Scope): string | undefined {
  return client.session.isAdmin && !scope.allProjects ? scope.projectId : undefined;
}
const nameMap = <T extends { id: string; name: string }>(items: T[]) => new Map(items.map((i) => [i.id, i.name || i.id]));

/**
 * Nova's `addresses` learns of a floating IP association (and of its end) a moment after Neutron: where Neutron
 * is in the catalog its floating IPs are the truth, so nova's floating entries are replaced by Neutron's.
 */
function withNeutronFloatingIps(server: Server, fips: FloatingIp[] | undefined): Server {
  // without Neutron (or its fip-port-details extension) nova's view is all there is
  if (!fips || fips.some((f) => f.portId && !f.deviceId)) return server;
  const fixed = server.addresses.filter((a) => a.type !== 'floating');
  const floating = fips.filter((f) => f.deviceId === server.id)
    .map((f) => ({ network: 'floating', addr: f.floatingIpAddress, version: 4, type: 'floating' as const }));
  return { ...server, addresses: [...floating, ...fixed] };
}

const servers: CategorySpec<Server, FloatingIp[] | undefined> = {
  kind: 'servers', label: 'Instances', icon: 'vm', service: 'compute',
  list: (c, limit) => c.compute.servers({ limit, byName: true }),
  join: async (c, signal) => (await c.session.hasService('network', signal)) ? c.network.floatingIps().toArray(signal) : undefined,
  node: (parent, s, fips) => new ServerNode(parent, withNeutronFloatingIps(s, fips)),
  inTransition: serverInTransition,
};

const networks: CategorySpec<Network, Subnet[]> = {
  kind: 'networks', label: 'Networks', icon: 'type-hierarchy-sub', service: 'network',
  list: (c, limit, scope) => {
    const project = viewOf(c, scope);
    return project ? c.network.projectNetworks(project) : c.network.networks({ limit, byName: true });
  },
  join: (c, signal) => c.network.subnets().toArray(signal),
  node: (parent, n, subnets) => new NetworkNode(parent, n, subnets.filter((s) => s.networkId === n.id)),
};

const routers: CategorySpec<Router, { interfaces: Port[]; networkNames: Map<string, string> }> = {
  kind: 'routers', label: 'Routers', icon: 'arrow-swap', service: 'network',
  list: (c, limit, scope) => c.network.routers({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: async (c, signal) => {
    // not narrowed to the project: an interface port belongs to its subnet's project, not always the router's
    const [interfaces, nets] = await Promise.all([
      c.network.routerInterfaces().toArray(signal),
      c.network.networks().toArray(signal),
    ]);
    return { interfaces, networkNames: nameMap(nets) };
  },
  node: (parent, r, j) => new RouterNode(parent, r, j.interfaces.filter((p) => p.deviceId === r.id), j.networkNames),
};

const floatingIps: CategorySpec<FloatingIp, Map<string, string>> = {
  kind: 'floatingIps', label: 'Floating IPs', icon: 'link', service: 'network',
  list: (c, limit, scope) => c.network.floatingIps({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: async (c, signal) => (await c.session.hasService('compute', signal)) ? nameMap(await c.compute.servers().toArray(signal)) : new Map(),
  node: (parent, f, serverNames) => new FloatingIpNode(parent, f, f.deviceId ? serverNames.get(f.deviceId) : undefined),
};

const images: CategorySpec<Image, undefined> = {
  kind: 'images', label: 'Images', icon: 'file-binary', service: 'image',
  list: (c, limit, scope) => {
    const project = viewOf(c, scope);
    return project ? c.image.projectImages(project) : c.image.images({ limit, byName: true });
  },
  join: nothing,
  node: (parent, i) => new ImageNode(parent, i),
  inTransition: (i) => i.status === 'queued' || i.status === 'saving' || i.status === 'importing',
};

const flavors: CategorySpec<Flavor, undefined> = {
  kind: 'flavors', label: 'Flavors', icon: 'server-environment', service: 'compute',
  list: (c, limit) => c.compute.flavors({ limit, byName: true }),
  join: nothing,
  node: (parent, f) => new FlavorNode(parent, f),
};

const securityGroups: CategorySpec<SecurityGroup, undefined> = {
  kind: 'securityGroups', label: 'Security Groups', icon: 'shield', service: 'network',
  list: (c, limit, scope) => c.network.securityGroups({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: nothing,
  node: (parent, g) => new SecurityGroupNode(parent, g),
};

const keypairs: CategorySpec<Keypair, undefined> = {
  kind: 'keypairs', label: 'Key Pairs', icon: 'key', service: 'compute',
  list: (c, limit) => c.compute.keypairs({ limit }),
  join: nothing,
  node: (parent, k) => new KeypairNode(parent, k),
};

/** In the order the exercise needs them. */
export const CATEGORIES: readonly CategorySpec<unknown, unknown>[] = [
  servers, networks, routers, floatingIps, images, flavors, securityGroups, keypairs,
] as unknown as CategorySpec<unknown, unknown>[];

// What the tree's resource nodes carry, as commands receive them (matched by `kind`, not by class, so that the
// nodes of any bundle of this code, the tests' included, are understood).
import type { Server } from '../../openstack/computeModels';
import type { FloatingIp, Network, Port, Router, Subnet } from '../../openstack/networkModels';

interface NetworkNodeLike { kind: 'network'; network: Network; subnets: Subnet[] }
interface SubnetNodeLike { kind: 'subnet'; subnet: Subnet }
interface RouterNodeLike { kind: 'router'; router: Router; interfaces: Port[]; /** A refusal's fix names the subnet to attach. */ subnetId?: string }
interface RouterInterfaceNodeLike { kind: 'routerInterface'; port: Port; routerNode: RouterNodeLike }
interface FloatingIpNodeLike { kind: 'floatingIp'; fip: FloatingIp }
interface ServerNodeLike { kind: 'server'; server: Server }
type NodeLike = NetworkNodeLike | SubnetNodeLike | RouterNodeLike | RouterInterfaceNodeLike | FloatingIpNodeLike | ServerNodeLike;

export function nodeOf<K extends NodeLike['kind']>(arg: unknown, kind: K): Extract<NodeLike, { kind: K }> | undefined {
  return typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === kind ? arg as Extract<NodeLike, { kind: K }> : undefined;
}

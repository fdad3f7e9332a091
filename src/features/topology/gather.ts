// Gathers what the network topology draws in one round of parallel requests, whatever the project's size: the
// networks the project sees, the subnets, its routers, its ports (router interfaces and instance ports among
// them), its instances and its floating IPs. No vscode import.
import { viewOf } from '../../core/ownership';
import type { Target } from '../../core/target';
import type { TopologyData } from './model/graph';

export interface GatheredTopology {
  data: TopologyData;
  /** The lists asked for (Neutron answers each whole without `limit`; Nova pages past its max_limit, 1000). */
  requests: number;
}

export async function gatherTopology(target: Target, signal?: AbortSignal): Promise<GatheredTopology> {
  const { compute, network: net } = target.client;
  // an admin's token lists every project's resources: narrowed to this project's view, as the tree does
  const project = viewOf(target.client, { projectId: target.projectId });
  const [networks, subnets, routers, ports, servers, floatingIps] = await Promise.all([
    (project ? net.projectNetworks(project) : net.networks()).toArray(signal),
    net.subnets().toArray(signal),
    net.routers({ projectId: project }).toArray(signal),
    net.ports({ projectId: project }).toArray(signal),
    compute.servers().toArray(signal),
    net.floatingIps({ projectId: project }).toArray(signal),
  ]);
  return {
    data: { projectId: target.projectId, networks, subnets, routers, ports, servers, floatingIps },
    // projectNetworks is three lists: the project's own, the shared and the external ones
    requests: project ? 8 : 6,
  };
}

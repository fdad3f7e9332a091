// The Networks rows' subnets, asked for without reading every subnet. Pure: no vscode import.
import { fromBoundedPage, stillToAsk, withMore, type JoinRequest, type Joined } from '../../../core/joinPlan';
import type { OpenStackClient } from '../../../openstack/client';
import type { Network, Subnet } from '../../../openstack/networkModels';

/**
 * One bounded page of subnets alongside the first page of networks (a small project's whole list) and, when it
 * was full, the rows' subnets it did not hold, by id (a network carries its subnets' ids): two requests at most.
 */
export async function joinSubnets(c: OpenStackClient, r: JoinRequest<Network, Joined<Subnet>>): Promise<Joined<Subnet>> {
  const held = r.previous ?? fromBoundedPage(await c.network.subnets({ limit: r.pageSize }).firstPage(r.signal));
  const ids = subnetIdsToAsk(await r.rows, held);
  return ids.length ? withMore(held, await c.network.subnets({ ids }).toArray(r.signal)) : held;
}

/** The subnet ids NETWORKS carry that JOINED does not hold: a follow-up asks for them by id. */
export function subnetIdsToAsk(networks: readonly Network[], joined: Joined<Subnet>): string[] {
  const held = new Set(joined.items.map((s) => s.id));
  return stillToAsk(joined, networks.flatMap((n) => n.subnetIds).filter((id) => !held.has(id)));
}

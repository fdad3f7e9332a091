// What the Routers rows need joined in: their interface ports, and the names of the networks their gateways and
// interfaces are on. Pure: no vscode import.
import { fromBoundedPage, stillToAsk, withMore, type JoinRequest, type Joined } from '../../../core/joinPlan';
import type { OpenStackClient } from '../../../openstack/client';
import type { Network, Port, Router } from '../../../openstack/networkModels';

export interface RouterJoin {
  interfaces: Port[];
  /** Networks read so far: a bounded page (a small project's whole list) and those the rows named beyond it. */
  networks: Joined<Network>;
  /** Network id → name, from NETWORKS, for the rows. */
  networkNames: Map<string, string>;
}

/**
 * One bounded page of networks alongside the first page of routers, then the rows' interface ports by the routers'
 * ids and, only when that page was full, the networks it did not hold: two rounds for a small project, three at
 * most, whatever its size. Load more: its new rows' ports, and the networks not read before.
 */
export async function joinRouterInterfaces(c: OpenStackClient, r: JoinRequest<Router, RouterJoin>): Promise<RouterJoin> {
  const previous = r.previous;
  const page = previous ? undefined : c.network.networks({ limit: r.pageSize }).firstPage(r.signal);
  page?.catch(() => undefined);   // awaited below; a failed router read must not leave it unhandled
  const routers = await r.rows;
  // not narrowed to the project: an interface port belongs to its subnet's project, not always the router's
  const interfaces = routers.length ? await c.network.routerInterfaces({ deviceId: routers.map((x) => x.id) }).toArray(r.signal) : [];
  const held = previous?.networks ?? fromBoundedPage(await page!);
  const ids = networkIdsToAsk(routers, interfaces, held);
  const networks = ids.length ? withMore(held, await c.network.networks({ ids }).toArray(r.signal)) : held;
  return { interfaces: [...(previous?.interfaces ?? []), ...interfaces], networks, networkNames: new Map(networks.items.map((n) => [n.id, n.name || n.id])) };
}

/** The networks whose names ROUTERS (with their INTERFACES) show and HELD does not hold, each once. */
export function networkIdsToAsk(routers: readonly Router[], interfaces: readonly Port[], held: Joined<Network>): string[] {
  const known = new Set(held.items.map((n) => n.id));
  const ids = [...routers.flatMap((r) => (r.gateway ? [r.gateway.networkId] : [])), ...interfaces.map((p) => p.networkId)];
  return stillToAsk(held, ids.filter((id) => !known.has(id)));
}

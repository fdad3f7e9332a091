// What the Routers rows need joined in: their interface ports, and the names of the networks their gateways and
// interfaces are on, asked for by the rows' own ids once the page is read. Pure: no vscode import.
import type { JoinRequest } from '../../../core/joinPlan';
import type { OpenStackClient } from '../../../openstack/client';
import type { Port, Router } from '../../../openstack/networkModels';

export interface RouterJoin {
  interfaces: Port[];
  networkNames: Map<string, string>;
}

/**
 * The rows' interface ports, then the names of the networks those and the gateways are on: two requests after the
 * page, whatever the project's size (none for rows without either). Load more: its new rows', naming only the
 * networks the earlier rows did not.
 */
export async function joinRouterInterfaces(c: OpenStackClient, r: JoinRequest<Router, RouterJoin>): Promise<RouterJoin> {
  const routers = await r.rows;
  const previous = r.previous ?? { interfaces: [], networkNames: new Map<string, string>() };
  // not narrowed to the project: an interface port belongs to its subnet's project, not always the router's
  const interfaces = await c.network.routerInterfaces({ deviceId: routers.map((x) => x.id) }).toArray(r.signal);
  const networks = await c.network.networks({ ids: networkIdsToAsk(routers, interfaces, previous.networkNames) }).toArray(r.signal);
  return withRouterJoin(previous, { interfaces, networkNames: new Map(networks.map((n) => [n.id, n.name || n.id])) });
}

/** The networks whose names ROUTERS (with their INTERFACES) show and KNOWN does not hold, each once. */
export function networkIdsToAsk(routers: readonly Router[], interfaces: readonly Port[], known: ReadonlyMap<string, string>): string[] {
  const ids = [...routers.flatMap((r) => (r.gateway ? [r.gateway.networkId] : [])), ...interfaces.map((p) => p.networkId)];
  return [...new Set(ids)].filter((id) => !known.has(id));
}

/** PREVIOUS (what Load more's earlier rows had) with MORE added. */
export function withRouterJoin(previous: RouterJoin, more: RouterJoin): RouterJoin {
  return { interfaces: [...previous.interfaces, ...more.interfaces], networkNames: new Map([...previous.networkNames, ...more.networkNames]) };
}

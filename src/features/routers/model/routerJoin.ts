// What the Routers rows need joined in: their interface ports and the names of their gateways' networks, asked
// for together by the rows' own ids once the page is read. The networks of the interfaces are named when a
// router is expanded (nameInterfaceNetworks). Pure: no vscode import.
import type { JoinRequest } from '../../../core/joinPlan';
import type { OpenStackClient } from '../../../openstack/client';
import type { Port, Router } from '../../../openstack/networkModels';

export interface RouterJoin {
  interfaces: Port[];
  /** Network id → name, for the gateways (and whatever else was asked for). */
  networkNames: Map<string, string>;
}

/**
 * The rows' interface ports and their gateways' network names: two requests in one round after the page,
 * whatever the project's size (the second only when a row has a gateway whose network is not named yet).
 * Load more: its new rows', naming only the networks the earlier rows did not.
 */
export async function joinRouterInterfaces(c: OpenStackClient, r: JoinRequest<Router, RouterJoin>): Promise<RouterJoin> {
  const routers = await r.rows;
  const previous = r.previous ?? { interfaces: [], networkNames: new Map<string, string>() };
  const [interfaces, networkNames] = await Promise.all([
    // not narrowed to the project: an interface port belongs to its subnet's project, not always the router's
    c.network.routerInterfaces({ deviceId: routers.map((x) => x.id) }).toArray(r.signal),
    namesOf(c, unknownIds(routers.flatMap((x) => (x.gateway ? [x.gateway.networkId] : [])), previous.networkNames), r.signal),
  ]);
  return withRouterJoin(previous, { interfaces, networkNames });
}

/** The names of the networks INTERFACES are on, added to KNOWN: one request, none when KNOWN has them all. */
export async function nameInterfaceNetworks(c: OpenStackClient, interfaces: readonly Port[], known: Map<string, string>, signal?: AbortSignal): Promise<void> {
  for (const [id, name] of await namesOf(c, unknownIds(interfaces.map((p) => p.networkId), known), signal)) known.set(id, name);
}

/** No request for no IDS (the client lists nothing for an empty filter). */
async function namesOf(c: OpenStackClient, ids: string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const networks = await c.network.networks({ ids }).toArray(signal);
  return new Map(networks.map((n) => [n.id, n.name || n.id]));
}

/** IDS that KNOWN does not hold, each once. */
export function unknownIds(ids: readonly string[], known: ReadonlyMap<string, string>): string[] {
  return [...new Set(ids)].filter((id) => !known.has(id));
}

/** PREVIOUS (what Load more's earlier rows had) with MORE added. */
export function withRouterJoin(previous: RouterJoin, more: RouterJoin): RouterJoin {
  return { interfaces: [...previous.interfaces, ...more.interfaces], networkNames: new Map([...previous.networkNames, ...more.networkNames]) };
}

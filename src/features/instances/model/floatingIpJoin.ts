// The Instances rows' floating IPs from Neutron, asked for without reading the project's whole list. Pure: no
// vscode import.
import { fromBoundedPage, stillToAsk, withMore, type JoinRequest, type Joined } from '../../../core/joinPlan';
import type { OpenStackClient } from '../../../openstack/client';
import type { Server } from '../../../openstack/computeModels';
import type { FloatingIp } from '../../../openstack/networkModels';

/** Neutron's floating IPs of the rows, or undefined without Neutron (nova's addresses are all there is). */
export type InstanceFloatingIps = Joined<FloatingIp> | undefined;

/**
 * One bounded page of floating IPs alongside the first page of servers (a small project's whole list) then, when
 * it was full, those of the rows' fixed addresses it did not hold: two requests at most. Load more asks only for
 * its new rows', and nothing when the page was the whole list.
 */
export async function joinFloatingIps(c: OpenStackClient, r: JoinRequest<Server, InstanceFloatingIps>): Promise<InstanceFloatingIps> {
  if (!(await c.session.hasService('network', r.signal))) return undefined;
  // started before the rows are awaited, so that it runs alongside their first page; the Floating IPs category's own
  // first page, so that the two expanded together share one read (Session)
  const held = r.previous ?? fromBoundedPage(await c.network.floatingIps({ limit: r.pageSize, byName: true, projectId: r.view }).firstPage(r.signal));
  const addresses = floatingIpAddressesToAsk(await r.rows, held);
  if (addresses.length === 0) return held;
  return withMore(held, await c.network.floatingIps({ fixedIpAddress: addresses }).toArray(r.signal));
}

/**
 * The fixed addresses of SERVERS that JOINED holds no floating IP for: what a follow-up filters Neutron's list by
 * (`fixed_ip_address`). A fixed address takes one floating IP at most, so one held for it (of the same device,
 * where Neutron tells the device: fixed addresses of different networks may overlap) covers it.
 */
export function floatingIpAddressesToAsk(servers: readonly Server[], joined: Joined<FloatingIp>): string[] {
  const held = (server: Server, addr: string) => joined.items.some((f) => f.fixedIpAddress === addr && (f.deviceId ?? server.id) === server.id);
  return stillToAsk(joined, servers.flatMap((s) => s.addresses.filter((a) => a.type !== 'floating' && !held(s, a.addr)).map((a) => a.addr)));
}

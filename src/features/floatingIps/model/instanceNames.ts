// The instance a floating IP's row says it reaches (and the instances the Volumes rows are attached to). Nova
// lists chosen servers by id for admins only (and by one address at a time), so the category reads one bounded page of server names alongside its first page: a device
// that page does not name is shown by its id (the port's device, from Neutron's fip-port-details), never by
// reading every server. Pure: no vscode import.
import type { JoinRequest } from '../../../core/joinPlan';
import type { OpenStackClient } from '../../../openstack/client';
import type { FloatingIp } from '../../../openstack/networkModels';

/** Server id → name, from nova's short list (ids and names only), one page of the page size. Load more keeps it: the same page again would add nothing. */
export async function joinInstanceNames<T>(c: OpenStackClient, r: JoinRequest<T, Map<string, string>>): Promise<Map<string, string>> {
  if (r.previous) return r.previous;
  if (!(await c.session.hasService('compute', r.signal))) return new Map();
  const { items } = await c.compute.serverNames({ limit: r.pageSize }).firstPage(r.signal);
  return new Map(items.map((s) => [s.id, s.name || s.id]));
}

/** The name of the instance FIP reaches when NAMES holds it, else its device id; undefined when Neutron does not tell the device. */
export function reachedInstance(fip: FloatingIp, names: ReadonlyMap<string, string>): string | undefined {
  return fip.deviceId ? names.get(fip.deviceId) ?? fip.deviceId : undefined;
}

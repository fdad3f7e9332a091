// The pick of an instance, for a palette command that got no tree node: the project's instances by name, a page
// of the tree's size at a time, so that a project of thousands shows its first ones after one request.
import type { OpenStackClient } from '../../openstack/client';
import type { Server } from '../../openstack/computeModels';
import { pagedItems, pickOne } from '../../ui/pickers';
import { pageSize } from '../../ui/tree/node';
import { plainName } from '../console/model/ansi';

export interface ServerPick {
  title: string;
  placeholder: string;
  /** Said instead of a pick when no instance is listed. */
  empty: string;
  /** The instances listed (by default: all). */
  keep?: (server: Server) => boolean;
  /** Why an instance cannot be chosen: it is listed, greyed out, with the reason. */
  unusable?: (server: Server) => string | undefined;
}

/** An instance of the project CLIENT is scoped to, found by its name, addresses or ID. */
export function pickServer(client: Pick<OpenStackClient, 'compute'>, pick: ServerPick): Promise<Server> {
  const { keep = () => true, unusable = () => undefined } = pick;
  return pickOne(pick.title, pick.placeholder, pagedItems(() => client.compute.servers({ limit: pageSize(), byName: true }), (s) => (keep(s) ? {
    label: plainName(s.name) || s.id, description: [s.status, ...s.addresses.map((a) => a.addr)].join(' · '), detail: s.id, value: s, unusable: unusable(s),
  } : undefined)), pick.empty);
}

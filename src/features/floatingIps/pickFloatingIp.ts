// The pick of a floating IP, for a palette command that got no tree node: the project's addresses in order, a page
// of the tree's size at a time, each with what it reaches. The instances are named from one page of the project's
// (a small project's all of them); an address whose instance is not on it shows the fixed address it reaches.
import * as l10n from '@vscode/l10n';
import type { FloatingIp } from '../../openstack/networkModels';
import { pagesOf } from '../../openstack/listing';
import { ownedBy, viewOf } from '../../core/ownership';
import type { Target } from '../../core/target';
import { pickOne, type Item } from '../../ui/pickers';
import { pageSize } from '../../ui/tree/node';

export interface FloatingIpPick {
  title: string;
  /** Said instead of a pick when no address is listed. */
  empty: string;
  /** The addresses listed (by default: all). */
  keep?: (fip: FloatingIp) => boolean;
}

/** A floating IP of TARGET's project. */
export function pickFloatingIp(target: Target, pick: FloatingIpPick): Promise<FloatingIp> {
  const { keep = () => true } = pick;
  const { client } = target;
  return pickOne(pick.title, l10n.t('The floating IP'), async function* pages(signal) {
    const names = instanceNames(target, signal);
    const listing = client.network.floatingIps({ limit: pageSize(), byName: true, projectId: viewOf(client, target) });
    for await (const page of pagesOf(listing, signal)) {
      const named = await names;
      // the project's own also where a token sees more than its project without being named admin (see viewOf)
      yield page.filter((f) => ownedBy(f, target.projectId) && keep(f)).map((f): Item<FloatingIp> => ({ label: f.floatingIpAddress, description: reaches(f, named), value: f }));
    }
  }, pick.empty);
}

/** Instance id → name, from the first page of the project's instances by name; none where Nova cannot say. */
async function instanceNames({ client }: Target, signal: AbortSignal): Promise<Map<string, string>> {
  try {
    const page = await client.compute.servers({ limit: pageSize(), byName: true }).firstPage(signal);
    return new Map(page.items.map((s) => [s.id, s.name || s.id]));
  } catch {
    return new Map();   // the addresses are still worth picking: each shows its fixed address instead
  }
}

/** "→ vm-1", "→ 10.0.0.5" or "not associated". */
function reaches(fip: FloatingIp, names: ReadonlyMap<string, string>): string {
  if (!fip.portId) return l10n.t('not associated');
  return `→ ${(fip.deviceId && names.get(fip.deviceId)) ?? fip.fixedIpAddress ?? fip.portId}`;
}

// Placement: each compute host's inventory (total, reserved, allocation ratio, largest single allocation) and
// usage, which is what the scheduler weighs a new instance against. Admin-only under the default policy.
import { toHostCapacity, type HostCapacity, type PlacementInventory } from './placementModels';
import { path } from './paths';
import type { Session } from './session';

// Inventories and usages have kept their shape since 1.0; pinned so that a newer placement cannot change it.
const HEADERS = { 'openstack-api-version': 'placement 1.0' };

interface PlacementProvider {
  uuid: string;
  name: string;
}

export class PlacementService {
  constructor(private readonly session: Session) {}

  /**
   * Every resource provider that offers vCPUs or RAM (the compute hosts), by name. Placement has no bulk read:
   * requests GET /resource_providers, then GET …/inventories and …/usages of each provider in parallel
   * (1 + 2 × providers, in two rounds).
   */
  async hosts(signal?: AbortSignal): Promise<HostCapacity[]> {
    const { resource_providers: providers } = await this.get<{ resource_providers: PlacementProvider[] }>('/resource_providers', signal);
    const hosts = await Promise.all(providers.map(async (p) => {
      const [inventory, usage] = await Promise.all([
        this.get<{ inventories: Record<string, PlacementInventory> }>(path`/resource_providers/${p.uuid}/inventories`, signal),
        this.get<{ usages: Record<string, number> }>(path`/resource_providers/${p.uuid}/usages`, signal),
      ]);
      return toHostCapacity(p.uuid, p.name, inventory.inventories, usage.usages);
    }));
    return hosts.filter((h) => h.vcpu || h.ram).sort((a, b) => a.name.localeCompare(b.name));
  }

  private async get<T>(relative: string, signal?: AbortSignal): Promise<T> {
    return (await this.session.request('placement', relative, { method: 'GET', headers: HEADERS, signal })).json<T>();
  }
}

// What Launch Instance checks just before it sends the request (model/launchCapacity decides).
import type { Target } from '../../core/target';
import type { LaunchRoom } from './model/launchCapacity';

/**
 * The room left for the launch, read afresh just before it: the project's limits, and for an admin placement's
 * hosts (unreadable hosts are left out: the quota still counts). Requests: GET /limits; admins also
 * GET /resource_providers and each provider's inventories and usages.
 */
export async function loadLaunchRoom(target: Target, signal?: AbortSignal): Promise<LaunchRoom> {
  const { compute, placement, session } = target.client;
  const readHosts = session.isAdmin && (await session.hasService('placement', signal));
  const [limits, hosts] = await Promise.all([
    compute.limits(signal),
    readHosts ? placement.hosts(signal).catch(() => undefined) : undefined,
  ]);
  return { limits, hosts };
}

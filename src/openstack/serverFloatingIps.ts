// The servers view joined with Neutron's floating IPs (nova's `addresses` lags behind association): one round
// of parallel list requests and a join in memory, never a request per server.
import type { ComputeService } from './compute';
import type { Server } from './computeModels';
import type { NetworkService } from './network';
import type { FloatingIp } from './networkModels';

export interface ServerWithFloatingIps {
  server: Server;
  floatingIps: FloatingIp[];
}

export async function serversWithFloatingIps(
  services: { compute: ComputeService; network: NetworkService },
  signal?: AbortSignal,
): Promise<ServerWithFloatingIps[]> {
  const { compute, network } = services;
  const [servers, floatingIps] = await Promise.all([compute.servers().toArray(signal), network.floatingIps().toArray(signal)]);
  // fip-port-details names each port's server; without that extension one port listing does.
  const portOwners = new Map<string, string>();
  if (floatingIps.some((fip) => fip.portId && !fip.deviceId)) {
    for (const port of await network.ports().toArray(signal)) portOwners.set(port.id, port.deviceId);
  }
  const byServer = new Map<string, FloatingIp[]>();
  for (const fip of floatingIps) {
    const serverId = fip.deviceId ?? (fip.portId ? portOwners.get(fip.portId) : undefined);
    if (serverId) byServer.set(serverId, [...(byServer.get(serverId) ?? []), fip]);
  }
  return servers.map((server) => ({ server, floatingIps: byServer.get(server.id) ?? [] }));
}

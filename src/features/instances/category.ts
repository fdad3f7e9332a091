// The Instances category: servers with Neutron's floating IPs joined in (those of the rows only: see
// joinFloatingIps; a warning when none of an instance's carries traffic), polled while any is in transition.
import * as l10n from '@vscode/l10n';
import type { Server } from '../../openstack/computeModels';
import type { FloatingIp } from '../../openstack/networkModels';
import type { CategorySpec } from '../../ui/tree/node';
import { joinFloatingIps, type InstanceFloatingIps } from './model/floatingIpJoin';
import { serverInTransition, ServerNode } from './serverNode';
import { floatingIpSettling, serverFloatingIpWarning } from '../floatingIps/model/floatingIpStatus';

/**
 * Nova's `addresses` learns of a floating IP association (and of its end) a moment after Neutron: where Neutron
 * is in the catalog its floating IPs are the truth, so nova's floating entries are replaced by Neutron's.
 */
function withNeutronFloatingIps(server: Server, fips: FloatingIp[] | undefined): Server {
  // without Neutron (or its fip-port-details extension) nova's view is all there is
  if (!fips || fips.some((f) => f.portId && !f.deviceId)) return server;
  const fixed = server.addresses.filter((a) => a.type !== 'floating');
  const floating = fips.filter((f) => f.deviceId === server.id)
    .map((f) => ({ network: 'floating', addr: f.floatingIpAddress, version: 4, type: 'floating' as const }));
  return { ...server, addresses: [...floating, ...fixed] };
}

export const serversCategory: CategorySpec<Server, InstanceFloatingIps> = {
  kind: 'servers', get label() { return l10n.t('Instances'); },
  icon: 'vm', service: 'compute',
  list: (c, limit) => c.compute.servers({ limit, byName: true }),
  join: joinFloatingIps,
  node: (parent, s, fips) => new ServerNode(parent, withNeutronFloatingIps(s, fips?.items), fips && serverFloatingIpWarning(s, fips.items)),
  // a floating IP just associated is DOWN for a moment: reload until it settles, so its warning does not linger
  inTransition: (s, fips) => serverInTransition(s) || !!fips?.items.some((f) => f.deviceId === s.id && floatingIpSettling(f)),
};

// The Floating IPs category: each address with the name of the instance it reaches, reloaded while a status
// lags an association.
import * as l10n from '@vscode/l10n';
import type { FloatingIp } from '../../openstack/networkModels';
import { namesById, type CategorySpec } from '../../ui/tree/node';
import { FloatingIpNode } from './floatingIpNode';
import { viewOf } from '../../core/ownership';
import { floatingIpSettling } from './model/floatingIpStatus';

export const floatingIpsCategory: CategorySpec<FloatingIp, Map<string, string>> = {
  kind: 'floatingIps', get label() { return l10n.t('Floating IPs'); },
  icon: 'link', service: 'network',
  list: (c, limit, scope) => c.network.floatingIps({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: async (c, signal) => (await c.session.hasService('compute', signal)) ? namesById(await c.compute.servers().toArray(signal)) : new Map(),
  node: (parent, f, serverNames) => new FloatingIpNode(parent, f, f.deviceId ? serverNames.get(f.deviceId) : undefined),
  inTransition: floatingIpSettling,
};

// The Floating IPs category: each address with the instance it reaches (see joinInstanceNames), reloaded while a
// status lags an association.
import * as l10n from '@vscode/l10n';
import type { FloatingIp } from '../../openstack/networkModels';
import type { CategorySpec } from '../../ui/tree/node';
import { FloatingIpNode } from './floatingIpNode';
import { viewOf } from '../../core/ownership';
import { floatingIpSettling } from './model/floatingIpStatus';
import { joinInstanceNames, reachedInstance } from './model/instanceNames';

export const floatingIpsCategory: CategorySpec<FloatingIp, Map<string, string>> = {
  kind: 'floatingIps', get label() { return l10n.t('Floating IPs'); },
  icon: 'link', service: 'network',
  list: (c, limit, scope) => c.network.floatingIps({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: joinInstanceNames,
  node: (parent, f, serverNames) => new FloatingIpNode(parent, f, reachedInstance(f, serverNames)),
  inTransition: floatingIpSettling,
};

// The Networks category: each network with its subnets joined in.
import * as l10n from '@vscode/l10n';
import type { Network, Subnet } from '../../openstack/networkModels';
import type { CategorySpec } from '../../ui/tree/node';
import { NetworkNode } from './networkNodes';
import { viewOf } from '../../core/ownership';

export const networksCategory: CategorySpec<Network, Subnet[]> = {
  kind: 'networks', get label() { return l10n.t('Networks'); },
  icon: 'type-hierarchy-sub', service: 'network',
  list: (c, limit, scope) => {
    const project = viewOf(c, scope);
    return project ? c.network.projectNetworks(project) : c.network.networks({ limit, byName: true });
  },
  join: (c, signal) => c.network.subnets().toArray(signal),
  node: (parent, n, subnets) => new NetworkNode(parent, n, subnets.filter((s) => s.networkId === n.id)),
};

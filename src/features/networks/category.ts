// The Networks category: each network with its subnets joined in (those of the rows only: see joinSubnets).
import * as l10n from '@vscode/l10n';
import type { Network, Subnet } from '../../openstack/networkModels';
import type { Joined } from '../../core/joinPlan';
import type { CategorySpec } from '../../ui/tree/node';
import { NetworkNode } from './networkNodes';
import { viewOf } from '../../core/ownership';
import { joinSubnets } from './model/subnetJoin';

export const networksCategory: CategorySpec<Network, Joined<Subnet>> = {
  kind: 'networks', get label() { return l10n.t('Networks'); },
  icon: 'type-hierarchy-sub', service: 'network',
  list: (c, limit, scope) => {
    const project = viewOf(c, scope);
    return project ? c.network.projectNetworks(project) : c.network.networks({ limit, byName: true });
  },
  join: joinSubnets,
  node: (parent, n, subnets) => new NetworkNode(parent, n, subnets.items.filter((s) => s.networkId === n.id)),
};

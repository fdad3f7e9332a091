// The Security Groups category.
import * as l10n from '@vscode/l10n';
import type { SecurityGroup } from '../../openstack/networkModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { SecurityGroupNode } from './securityGroupNodes';
import { viewOf } from '../../core/ownership';

export const securityGroupsCategory: CategorySpec<SecurityGroup, undefined> = {
  kind: 'securityGroups', get label() { return l10n.t('Security Groups'); },
  icon: 'shield', service: 'network',
  list: (c, limit, scope) => c.network.securityGroups({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: noJoin,
  node: (parent, g) => new SecurityGroupNode(parent, g),
};

// The Hypervisors category (admins): each compute host's allocation as placement reports it. Requests per
// expand: GET /resource_providers, then the inventories and usages of each provider (1 + 2 × providers).
import * as l10n from '@vscode/l10n';
import { oneRead } from '../../openstack/listing';
import type { HostCapacity } from '../../openstack/placementModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { HostNode } from './hostNode';

export const hypervisorsCategory: CategorySpec<HostCapacity, undefined> = {
  kind: 'hypervisors', get label() { return l10n.t('Hypervisors'); }, icon: 'server', service: 'placement', adminOnly: true,
  list: (c) => oneRead((signal) => c.placement.hosts(signal)),
  join: noJoin,
  node: (parent, h) => new HostNode(parent, h),
};

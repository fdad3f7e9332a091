// The Flavors category.
import * as l10n from '@vscode/l10n';
import type { Flavor } from '../../openstack/computeModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { FlavorNode } from './flavorNode';

export const flavorsCategory: CategorySpec<Flavor, undefined> = {
  kind: 'flavors', get label() { return l10n.t('Flavors'); },
  icon: 'server-environment', service: 'compute',
  list: (c, limit) => c.compute.flavors({ limit, byName: true }),
  join: noJoin,
  node: (parent, f) => new FlavorNode(parent, f),
};

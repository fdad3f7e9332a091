// The Flavors category.
import type { Flavor } from '../../openstack/computeModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { FlavorNode } from './flavorNode';

export const flavorsCategory: CategorySpec<Flavor, undefined> = {
  kind: 'flavors', label: 'Flavors', icon: 'server-environment', service: 'compute',
  list: (c, limit) => c.compute.flavors({ limit, byName: true }),
  join: noJoin,
  node: (parent, f) => new FlavorNode(parent, f),
};

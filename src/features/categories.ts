// The tree's categories, in the order the exercise needs them. A new resource kind: a client module in
// src/openstack, a folder in src/features (nodes, category, commands), and one line here.
import { flavorsCategory } from './flavors/category';
import { floatingIpsCategory } from './floatingIps/category';
import { hypervisorsCategory } from './hypervisors/category';
import { imagesCategory } from './images/category';
import { serversCategory } from './instances/category';
import { keypairsCategory } from './keypairs/category';
import { networksCategory } from './networks/category';
import { objectStorageCategory } from './objectStorage/category';
import { quotasCategory } from './quotas/category';
import { routersCategory } from './routers/category';
import { securityGroupsCategory } from './securityGroups/category';
import { volumesCategory } from './volumes/category';
import type { CategorySpec } from '../ui/tree/node';

/** Each category's item and joined types differ; the tree only passes each one's own values back to it. */
export const CATEGORIES = [
  serversCategory,
  volumesCategory,
  networksCategory,
  routersCategory,
  floatingIpsCategory,
  imagesCategory,
  flavorsCategory,
  securityGroupsCategory,
  keypairsCategory,
  objectStorageCategory,
  quotasCategory,
  hypervisorsCategory,
] as unknown as readonly CategorySpec<unknown, unknown>[];

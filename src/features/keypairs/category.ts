// The Key Pairs category.
import type { Keypair } from '../../openstack/computeModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { KeypairNode } from './keypairNode';

export const keypairsCategory: CategorySpec<Keypair, undefined> = {
  kind: 'keypairs', label: 'Key Pairs', icon: 'key', service: 'compute',
  list: (c, limit) => c.compute.keypairs({ limit }),
  join: noJoin,
  node: (parent, k) => new KeypairNode(parent, k),
};

// The Key Pairs category.
import * as l10n from '@vscode/l10n';
import type { Keypair } from '../../openstack/computeModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { KeypairNode } from './keypairNode';

export const keypairsCategory: CategorySpec<Keypair, undefined> = {
  kind: 'keypairs', get label() { return l10n.t('Key Pairs'); },
  icon: 'key', service: 'compute',
  list: (c, limit) => c.compute.keypairs({ limit }),
  join: noJoin,
  node: (parent, k) => new KeypairNode(parent, k),
};

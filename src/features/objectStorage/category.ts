// The Object Storage category: the project's Swift containers. A cloud without Swift shows it all the same, with
// one row saying so: many clouds run no object storage, and an absent category would look like a fault.
import * as l10n from '@vscode/l10n';
import type { Container } from '../../openstack/objectStorageModels';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { ContainerNode } from './objectStorageNodes';

export const objectStorageCategory: CategorySpec<Container, undefined> = {
  kind: 'objectStorage', get label() { return l10n.t('Object Storage'); },
  icon: 'archive', service: 'object-store',
  get absentNote() { return l10n.t("This cloud has no object storage (no 'object-store' endpoint in its catalog)."); },
  // one GET of the account: a category expand costs a single request (and the token)
  list: (c, limit) => c.objectStorage.containers(limit),
  join: noJoin,
  node: (parent, container) => new ContainerNode(parent, container),
};

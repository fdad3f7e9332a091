// The Images category, polled while an upload is in progress.
import * as l10n from '@vscode/l10n';
import type { Image } from '../../openstack/image';
import { noJoin, type CategorySpec } from '../../ui/tree/node';
import { ImageNode } from './imageNode';
import { viewOf } from '../../core/ownership';

export const imagesCategory: CategorySpec<Image, undefined> = {
  kind: 'images', get label() { return l10n.t('Images'); },
  icon: 'file-binary', service: 'image',
  list: (c, limit, scope) => {
    const project = viewOf(c, scope);
    return project ? c.image.projectImages(project) : c.image.images({ limit, byName: true });
  },
  join: noJoin,
  node: (parent, i) => new ImageNode(parent, i),
  inTransition: (i) => i.status === 'queued' || i.status === 'saving' || i.status === 'importing',
};

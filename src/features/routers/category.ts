// The Routers category: each router with its interfaces and its gateway network's name joined in.
import * as l10n from '@vscode/l10n';
import type { Port, Router } from '../../openstack/networkModels';
import { namesById, type CategorySpec } from '../../ui/tree/node';
import { RouterNode } from './routerNodes';
import { viewOf } from '../../core/ownership';

export const routersCategory: CategorySpec<Router, { interfaces: Port[]; networkNames: Map<string, string> }> = {
  kind: 'routers', get label() { return l10n.t('Routers'); },
  icon: 'arrow-swap', service: 'network',
  list: (c, limit, scope) => c.network.routers({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: async (c, signal) => {
    const [interfaces, nets] = await Promise.all([
      // not narrowed to the project: an interface port belongs to its subnet's project, not always the router's
      c.network.routerInterfaces().toArray(signal),
      c.network.networks().toArray(signal),
    ]);
    return { interfaces, networkNames: namesById(nets) };
  },
  node: (parent, r, j) => new RouterNode(parent, r, j.interfaces.filter((p) => p.deviceId === r.id), j.networkNames),
};

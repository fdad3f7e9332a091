// The Routers category: each router with its interfaces and its gateway's network name joined in (those of the
// rows only: see joinRouterInterfaces); an interface's network is named when its router is expanded.
import * as l10n from '@vscode/l10n';
import type { Router } from '../../openstack/networkModels';
import type { CategorySpec } from '../../ui/tree/node';
import { RouterNode } from './routerNodes';
import { viewOf } from '../../core/ownership';
import { joinRouterInterfaces, type RouterJoin } from './model/routerJoin';

export const routersCategory: CategorySpec<Router, RouterJoin> = {
  kind: 'routers', get label() { return l10n.t('Routers'); },
  icon: 'arrow-swap', service: 'network',
  list: (c, limit, scope) => c.network.routers({ limit, byName: true, projectId: viewOf(c, scope) }),
  join: joinRouterInterfaces,
  node: (parent, r, j) => new RouterNode(parent, r, j.interfaces.filter((p) => p.deviceId === r.id), j.networkNames),
};

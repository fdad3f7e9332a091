// Commands on the tree itself: refresh, retry, load more, inspect, copy id/IP and "Find resource…".
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Log } from '../../context/log';
import type { ExplorerProvider } from './explorerProvider';
import type { InspectDocuments } from './inspectDocuments';
import type { ExplorerNode, ResourceNode } from './node';
import type { CategoryNode } from './categoryNode';
import { registerCommand } from '../runCommand';
import { showPick } from '../shownItems';
import type { ProjectNode } from './cloudNodes';

export function registerExplorerCommands(deps: {
  log: Log; explorer: ExplorerProvider; view: vscode.TreeView<ExplorerNode>; inspect: InspectDocuments;
}): vscode.Disposable[] {
  const { log, explorer, view, inspect } = deps;
  const command = (id: string, handler: (...args: never[]) => unknown) => registerCommand(log, id, handler);
  return [
    command('openstack.refresh', (node?: ExplorerNode) => (node ? explorer.refresh(node) : explorer.refreshAll())),
    command('openstack.retry', (node: ExplorerNode) => explorer.refresh(node)),
    command('openstack.showAllProjects', (node: ProjectNode) => explorer.showAllProjects(node, true)),
    command('openstack.showOneProject', (node: ProjectNode) => explorer.showAllProjects(node, false)),
    // a category, or a row that pages its own children (a container's objects)
    command('openstack.loadMore', (node: ExplorerNode) => (node.parent as unknown as Pick<CategoryNode, 'loadMore'>).loadMore()),
    command('openstack.inspect', (node: ResourceNode) => inspect.open(node)),
    command('openstack.copyId', async (node: ResourceNode) => {
      await vscode.env.clipboard.writeText(node.resourceId);
      vscode.window.setStatusBarMessage(l10n.t('Copied {0}', node.resourceId), 3000);
    }),
    command('openstack.copyIp', async (node: ResourceNode) => {
      const ips = node.ips();
      const ip = ips.length === 1 ? ips[0] : (await showPick(ips.map((label) => ({ label })), { title: l10n.t('Copy an IP address of {0}', node.label) }))?.label;
      if (!ip) return;
      await vscode.env.clipboard.writeText(ip);
      vscode.window.setStatusBarMessage(l10n.t('Copied {0}', ip), 3000);
    }),
    command('openstack.findResource', async () => {
      const nodes = explorer.loadedResources();
      if (nodes.length === 0) {
        void vscode.window.showInformationMessage(l10n.t("Nothing is loaded yet: expand a project's categories in the OpenStack view first."));
        return;
      }
      type Item = vscode.QuickPickItem & { node: ResourceNode };
      const items: Item[] = nodes.map((node) => ({
        label: node.label,
        description: [kindLabel(node.kind), ...node.ips()].join(' · '),
        detail: node.resourceId,
        node,
      }));
      const picked = await showPick(items, {
        title: l10n.t('Find resource (name, ID or IP)'), matchOnDescription: true, matchOnDetail: true,
      });
      if (picked) await view.reveal(picked.node, { select: true, focus: true, expand: false });
    }),
  ];
}

/** What a resource of KIND is called; a kind not listed is its name spelt out ('fooBar' → 'foo bar'). */
function kindLabel(kind: string): string {
  switch (kind) {
    case 'server': return l10n.t('server');
    case 'network': return l10n.t('network');
    case 'subnet': return l10n.t('subnet');
    case 'router': return l10n.t('router');
    case 'routerInterface': return l10n.t('router interface');
    case 'floatingIp': return l10n.t('floating IP');
    case 'image': return l10n.t('image');
    case 'flavor': return l10n.t('flavor');
    case 'securityGroup': return l10n.t('security group');
    case 'securityGroupRule': return l10n.t('security group rule');
    case 'keypair': return l10n.t('keypair');
    default: return kind.replace(/([A-Z])/g, ' $1').toLowerCase();
  }
}

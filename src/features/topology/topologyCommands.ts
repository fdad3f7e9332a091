// "Show Network Topology": from a project, its Networks or Routers category (context menu), or the palette (the
// active cloud and project). Also registers the panel serializer (panels come back after a reload), and the
// resolver that hands the tree's commands the node a topology menu was opened on.
import * as vscode from 'vscode';
import type { ActiveCloud } from '../../context/activeCloud';
import type { CloudRegistry } from '../../context/cloudRegistry';
import type { Log } from '../../context/log';
import { resolveTarget, scopeOf } from '../../context/target';
import { registerArgumentResolver, registerCommand } from '../../ui/runCommand';
import { registerSerializer } from '../../ui/registrations';
import type { ExplorerProvider } from '../../ui/tree/explorerProvider';
import type { ExplorerNode } from '../../ui/tree/node';
import { TOPOLOGY_VIEW_TYPE, type TopologyTarget } from './model/protocol';
import { TopologyPanel, type TopologyDeps } from './topologyPanel';

export interface TopologyCommandDeps {
  context: vscode.ExtensionContext;
  log: Log;
  registry: CloudRegistry;
  active: ActiveCloud;
  explorer: ExplorerProvider;
  view: vscode.TreeView<ExplorerNode>;
}

export function registerTopologyCommands(deps: TopologyCommandDeps): vscode.Disposable[] {
  const { context, log, registry, active, explorer, view } = deps;
  const panelDeps: TopologyDeps = {
    extensionUri: context.extensionUri, log, explorer, view,
    clientFor: (t) => registry.projectClient(t.cloud, t.projectId),
  };

  /** The project of the tree node the command ran on, else the active cloud's project. */
  async function targetOf(node: unknown): Promise<TopologyTarget> {
    const scope = scopeOf(node);
    if (scope) return { cloud: scope.cloud, projectId: scope.projectId, projectName: scope.projectName };
    const target = await resolveTarget(undefined, { active });
    return { cloud: target.cloud, projectId: target.projectId, projectName: active.project?.name ?? active.cloud?.auth.projectName ?? target.projectId };
  }

  return [
    registerSerializer(TOPOLOGY_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => TopologyPanel.restore(panelDeps, panel, state),
    }),
    { dispose: () => TopologyPanel.disposeAll() },
    registerArgumentResolver((arg) => TopologyPanel.commandArgumentOf(arg)),
    registerCommand(log, 'openstack.showTopology', async (node?: unknown) => TopologyPanel.show(panelDeps, await targetOf(node))),
  ];
}

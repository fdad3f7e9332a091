// Entry point: only wires the parts together. Activation is lazy: VS Code derives onView/onCommand activation
// events from contributes, so package.json keeps `activationEvents` empty.
import * as vscode from 'vscode';
import { ActiveCloud } from './context/activeCloud';
import { CloudRegistry } from './context/cloudRegistry';
import { CloudStore } from './context/cloudStore';
import { CATEGORIES } from './features/categories';
import { registerCloudCommands } from './features/clouds/cloudCommands';
import { registerComputeCommands } from './features/computeCommands';
import { registerConsoleCommands } from './features/console/consoleCommands';
import { registerExplorerCommands } from './ui/tree/treeCommands';
import { registerNetworkCommands } from './features/networks/networkCommands';
import { registerTopologyCommands } from './features/topology/topologyCommands';
import { registerWalkthrough } from './features/walkthrough/walkthroughCommands';
import type { WalkthroughProgress } from './features/walkthrough/walkthroughProgress';
import { ExplorerProvider } from './ui/tree/explorerProvider';
import { INSPECT_SCHEME, InspectDocuments } from './ui/tree/inspectDocuments';
import { configureL10n } from './context/l10n';
import { createLog } from './context/log';
import type { ExplorerNode } from './ui/tree/node';

/** What activate() returns; extension-host tests read it through getExtension(...).activate(). */
export interface OpenStackExplorerApi {
  readonly version: string;
  readonly registry: CloudRegistry;
  readonly explorer: ExplorerProvider;
  /** The tree view showing the explorer. */
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly store: CloudStore;
  readonly active: ActiveCloud;
  /** Which walkthrough steps are done (the context keys openstack.walkthrough.<step>). */
  readonly walkthrough: WalkthroughProgress;
}

export async function activate(context: vscode.ExtensionContext): Promise<OpenStackExplorerApi> {
  const started = Date.now();
  configureL10n();
  const log = createLog();
  const store = new CloudStore(context);
  const registry = new CloudRegistry(store, log);
  const active = new ActiveCloud(context.globalState, registry);
  const explorer = new ExplorerProvider(registry, CATEGORIES);
  const view = vscode.window.createTreeView('openstackExplorer', { treeDataProvider: explorer, showCollapseAll: true });
  const inspect = new InspectDocuments();
  const walkthrough = registerWalkthrough({ log, registry, active, explorer });

  context.subscriptions.push(
    log, registry, active, explorer, view, inspect,
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspect),
    view.onDidChangeVisibility((e) => explorer.poller.setVisible(e.visible)),
    explorer.trackExpansion(view, context.workspaceState),
    registry.onDidChange(() => {
      // drives the "no cloud yet" welcome view (contributes.viewsWelcome)
      void vscode.commands.executeCommand('setContext', 'openstack.hasClouds', registry.clouds.length > 0);
      explorer.refreshAll();
    }),
    ...registerExplorerCommands({ log, explorer, view, inspect }),
    ...registerCloudCommands({ registry, store, log, active }),
    ...registerNetworkCommands({ log, explorer, active, registry }),
    ...registerComputeCommands({ log, registry, active, explorer }),
    ...registerConsoleCommands({ context, log, registry, active, explorer }),
    ...registerTopologyCommands({ context, log, registry, active, explorer, view }),
    ...walkthrough.disposables,
  );
  await registry.load();
  log.info(`activated in ${Date.now() - started} ms with ${registry.clouds.length} cloud(s)`);
  return { version: String(context.extension.packageJSON.version), registry, explorer, view, store, active, walkthrough: walkthrough.progress };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

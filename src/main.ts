// The extension proper, bundled as dist/main.js: the activation shell (src/extension.ts) loads it right after
// activation, or earlier when a command, the tree or a restored panel needs it. Wires the parts together and
// hands the shell's placeholders (commands, panel serializers, documents) their implementations.
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
import { registerObjectStorageCommands } from './features/objectStorage/objectStorageCommands';
import { SwiftFileSystem } from './features/objectStorage/swiftFileSystem';
import { registerTopologyCommands } from './features/topology/topologyCommands';
import { registerWalkthrough } from './features/walkthrough/walkthroughCommands';
import type { WalkthroughProgress } from './features/walkthrough/walkthroughProgress';
import { ExplorerProvider } from './ui/tree/explorerProvider';
import { InspectDocuments } from './ui/tree/inspectDocuments';
import { INSPECT_SCHEME, SWIFT_SCHEME } from './core/schemes';
import { configureL10n } from './context/l10n';
import type { Log } from './context/log';
import { registerDocuments, registerFileSystem, usePlaceholders, type Placeholders } from './ui/registrations';
import type { ExplorerNode } from './ui/tree/node';

/** What the extension-host tests get from `ready()` of what activate() returns. */
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

/** What the activation shell made before main.js loaded. */
export interface Shell {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  /** The tree view, created at activation; it shows the explorer once start() has resolved. */
  readonly view: vscode.TreeView<ExplorerNode>;
  readonly placeholders: Placeholders;
}

export async function start(shell: Shell): Promise<OpenStackExplorerApi> {
  const { context, log, view } = shell;
  // @vscode/l10n lives in this bundle only: it learns the bundle here, before any message is made
  configureL10n();
  usePlaceholders(shell.placeholders);
  const store = new CloudStore(context);
  const registry = new CloudRegistry(store, log);
  const active = new ActiveCloud(context.globalState, registry);
  const explorer = new ExplorerProvider(registry, CATEGORIES);
  const inspect = new InspectDocuments();
  const swift = new SwiftFileSystem(registry);
  const walkthrough = registerWalkthrough({ log, registry, active, explorer });

  context.subscriptions.push(
    registry, active, explorer, inspect,
    registerDocuments(INSPECT_SCHEME, inspect),
    swift, registerFileSystem(SWIFT_SCHEME, swift),
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
    ...registerObjectStorageCommands({ log, registry, active, explorer }),
    ...registerConsoleCommands({ context, log, registry, active, explorer }),
    ...registerTopologyCommands({ context, log, registry, active, explorer, view }),
    ...walkthrough.disposables,
  );
  await registry.load();
  return { version: String(context.extension.packageJSON.version), registry, explorer, view, store, active, walkthrough: walkthrough.progress };
}

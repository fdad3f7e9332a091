// Entry point (dist/extension.js): the activation shell. Activation is lazy twice over. VS Code derives
// onView/onCommand activation events from contributes (package.json lists only the restored panels); and this
// bundle is small (no client, no YAML parser, no feature), so activate() returns in milliseconds: it registers a
// placeholder for every command, panel serializer, document scheme and file system and creates the tree view, and main.js
// (src/main.ts: everything else) loads right after, or on the first use of any of them, and fills them in.
import * as vscode from 'vscode';
import { LazyTree } from './activation/lazyTree';
import { registerPlaceholders } from './activation/placeholders';
import { createLog } from './context/log';
import { DOCUMENT_SCHEMES, FILE_SYSTEM_SCHEMES } from './core/schemes';
import type { OpenStackExplorerApi } from './main';
import type { ExplorerNode } from './ui/tree/node';

export type { OpenStackExplorerApi } from './main';

/** What activate() returns: extension-host tests get the API through `ready()`. */
export interface OpenStackExplorerActivation {
  readonly version: string;
  /** Loads main.js if it is not yet, and resolves once it has started (its clouds read). */
  ready(): Promise<OpenStackExplorerApi>;
}

export function activate(context: vscode.ExtensionContext): OpenStackExplorerActivation {
  const started = Date.now();
  const log = createLog();
  let main: Promise<OpenStackExplorerApi> | undefined;
  const ready = (): Promise<OpenStackExplorerApi> => (main ??= loadMain());
  const manifest = context.extension.packageJSON as Manifest;
  const shell = registerPlaceholders({
    commands: manifest.contributes.commands.map((c) => c.command),
    viewTypes: manifest.activationEvents.flatMap((e) => e.match(/^onWebviewPanel:(.+)$/)?.[1] ?? []),
    schemes: DOCUMENT_SCHEMES,
    fileSystems: FILE_SYSTEM_SCHEMES,
  }, ready);
  const tree = new LazyTree<ExplorerNode>(async () => (await ready()).explorer);
  const view = vscode.window.createTreeView('openstackExplorer', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(log, view, tree, ...shell.disposables);

  async function loadMain(): Promise<OpenStackExplorerApi> {
    const loading = Date.now();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the second bundle, left out of this one (scripts/build.mjs)
      const { start } = require('./main.js') as typeof import('./main');
      const api = await start({ context, log, view, placeholders: shell.placeholders });
      const unfilled = shell.unfilled();
      if (unfilled.length > 0) throw new Error(`main.js registered nothing for ${unfilled.join(', ')}`);
      log.info(`main.js loaded and started in ${Date.now() - loading} ms with ${api.registry.clouds.length} cloud(s)`);
      return api;
    } catch (err) {
      log.error(`loading main.js: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      throw err;
    }
  }

  // right after activation has returned, not within it: the first tree row waits for main.js anyway. VS Code no
  // longer sees a failure here as a failed activation, so it is said once, with the way to the log.
  setImmediate(() => void ready().catch(() => reportMainFailure(log)));
  log.info(`activated in ${Date.now() - started} ms`);
  return { version: String(manifest.version), ready };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function reportMainFailure(log: { show(): void }): void {
  // eslint-disable-next-line no-restricted-properties -- the shell bundles no @vscode/l10n; VS Code's own reads the same bundle
  const showLog = vscode.l10n.t('Show Log');
  // eslint-disable-next-line no-restricted-properties -- as above
  void vscode.window.showErrorMessage(vscode.l10n.t('OpenStack Explorer could not start: its clouds, tree and commands are unavailable. The log says why.'), showLog)
    .then((choice) => { if (choice === showLog) log.show(); });
}

/** The parts of package.json read here. */
interface Manifest {
  readonly version: string;
  readonly activationEvents: readonly string[];
  readonly contributes: { readonly commands: readonly { readonly command: string }[] };
}

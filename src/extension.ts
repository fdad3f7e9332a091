// Entry point: only wires the parts together. Activation is lazy: VS Code derives onView/onCommand activation
// events from contributes, so package.json keeps `activationEvents` empty.
import * as vscode from 'vscode';
import { ExplorerProvider } from './explorer/explorerProvider';

/** What activate() returns; extension-host tests read it through getExtension(...).activate(). */
export interface OpenStackExplorerApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): OpenStackExplorerApi {
  const explorer = new ExplorerProvider();
  const view = vscode.window.createTreeView('openstackExplorer', { treeDataProvider: explorer, showCollapseAll: true });
  // Drives the "no cloud yet" welcome view (contributes.viewsWelcome).
  void vscode.commands.executeCommand('setContext', 'openstack.hasClouds', false);

  context.subscriptions.push(
    explorer,
    view,
    vscode.commands.registerCommand('openstack.refresh', () => explorer.refresh()),
    // STUBS until the cloud configuration commands land: each one says so instead of silently doing nothing.
    notYet('openstack.addCloud', 'Add cloud'),
    notYet('openstack.importOpenrc', 'Import openrc file'),
    notYet('openstack.openCloudsYaml', 'Open clouds.yaml'),
  );
  return { version: String(context.extension.packageJSON.version) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function notYet(command: string, title: string): vscode.Disposable {
  return vscode.commands.registerCommand(command, () =>
    vscode.window.showInformationMessage(`OpenStack: "${title}" is not implemented yet.`),
  );
}

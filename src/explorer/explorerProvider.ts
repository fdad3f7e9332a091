// PLACEHOLDER tree for the `openstackExplorer` view: it has no nodes yet, so VS Code shows the view's welcome
// content (contributes.viewsWelcome). The real cloud/project/resource tree replaces this class.
import * as vscode from 'vscode';

/** Placeholder node type: plain TreeItems. */
export type ExplorerNode = vscode.TreeItem;

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node;
  }

  getChildren(): ExplorerNode[] {
    return [];
  }

  /** Asks VS Code to re-read the whole tree. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

// The tree view's data provider at activation: it forwards to the real one (the ExplorerProvider of main.js)
// once main.js has loaded. The view asks for its root rows first, and that wait is the only one: every element
// the view holds came from the real provider.
import * as vscode from 'vscode';

export class LazyTree<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private real: vscode.TreeDataProvider<T> | undefined;
  private loading: Promise<vscode.TreeDataProvider<T>> | undefined;
  private forwarding: vscode.Disposable | undefined;

  /** LOAD resolves to the real provider (once main.js has started). */
  constructor(private readonly load: () => Promise<vscode.TreeDataProvider<T>>) {}

  async getChildren(element?: T): Promise<T[] | null | undefined> {
    return (await this.provider()).getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.loaded().getTreeItem(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.loaded().resolveTreeItem?.(item, element, token) ?? item;
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.loaded().getParent?.(element);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.emitter.dispose();
  }

  private provider(): Promise<vscode.TreeDataProvider<T>> {
    this.loading ??= this.load().then((real) => {
      this.real = real;
      this.forwarding = real.onDidChangeTreeData?.((e) => this.emitter.fire(e));
      return real;
    });
    return this.loading;
  }

  private loaded(): vscode.TreeDataProvider<T> {
    if (!this.real) throw new Error('the OpenStack tree asked about an element before main.js loaded');
    return this.real;
  }
}

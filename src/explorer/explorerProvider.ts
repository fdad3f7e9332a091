// The OpenStack tree: clouds → projects → categories → resources. Owns the polling of transitional
// resources, the index behind "Find resource…", and targeted refreshes.
import * as vscode from 'vscode';
import type { CloudRegistry } from '../clouds/cloudRegistry';
import { plainTreeItem } from '../ui/shownItems';
import { CategoryNode } from './categoryNode';
import { CloudNode, ProjectNode } from './cloudNodes';
import { ExplorerNode, ResourceNode, type ExplorerEnv } from './node';
import { Poller } from './poller';
import { ErrorNode, LoadMoreNode } from './statusNodes';

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly poller: Poller<CategoryNode>;
  private roots: CloudNode[] | undefined;
  private readonly loadedByParent = new Map<string, ResourceNode[]>();
  private readonly loadedParents = new Map<string, ExplorerNode>();
  private readonly env: ExplorerEnv;

  constructor(private readonly registry: CloudRegistry) {
    this.poller = new Poller((node) => this.emitter.fire(node));
    this.env = {
      registry,
      changed: (node) => this.emitter.fire(node),
      poll: (category) => this.poller.watch(category as CategoryNode),
      remember: (parent, nodes) => this.remember(parent, nodes),
    };
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return plainTreeItem(node.treeItem());
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] | Promise<ExplorerNode[]> {
    if (node) return node.children();
    this.roots ??= this.registry.clouds.map((c) => new CloudNode(c, this.env, pageSize));
    return this.roots;
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** Everything again: clouds re-read, clients and loaded pages dropped. */
  refreshAll(): void {
    this.roots = undefined;
    this.loadedByParent.clear();
    this.loadedParents.clear();
    this.poller.clear();
    this.emitter.fire(undefined);
  }

  /** NODE's data again, from the nearest level that owns data. */
  async refresh(node: ExplorerNode): Promise<void> {
    if (node instanceof ErrorNode || node instanceof LoadMoreNode || node instanceof ResourceNode) {
      return node.parent ? this.refresh(node.parent) : this.refreshAll();
    }
    if (node instanceof CategoryNode) {
      await node.reload();
      this.poller.watch(node, true);
    } else if (node instanceof ProjectNode) {
      node.resetCategories();
    } else if (node instanceof CloudNode) {
      await this.registry.forget(node.cloud.name);
    }
    this.emitter.fire(node);
  }

  /** Reloads the categories of KIND (e.g. 'servers') under the project CLOUD/PROJECTID, after a command changed them. */
  async refreshCategory(cloud: string, projectId: string, kind: string): Promise<void> {
    const categories = [...this.categories()].filter((c) => c.scope.cloud === cloud && c.scope.projectId === projectId && c.spec.kind === kind);
    await Promise.all(categories.map((c) => this.refresh(c)));
  }

  /** Resources loaded so far, for "Find resource…". */
  loadedResources(): ResourceNode[] {
    return [...this.loadedByParent.values()].flat();
  }

  dispose(): void {
    this.poller.dispose();
    this.emitter.dispose();
  }

  private *categories(): Iterable<CategoryNode> {
    for (const parent of this.loadedParents.values()) if (parent instanceof CategoryNode) yield parent;
  }

  private remember(parent: ExplorerNode, nodes: readonly ResourceNode[]): void {
    // subnets are found by name and CIDR too: their network node holds them already
    const nested = nodes.flatMap((n) => {
      const kids = n.children();
      return Array.isArray(kids) ? kids.filter((k): k is ResourceNode => k instanceof ResourceNode && k.kind === 'subnet') : [];
    });
    this.loadedByParent.set(parent.id, [...nodes, ...nested]);
    this.loadedParents.set(parent.id, parent);
  }
}

function pageSize(): number {
  return vscode.workspace.getConfiguration('openstack').get<number>('pageSize', 100);
}

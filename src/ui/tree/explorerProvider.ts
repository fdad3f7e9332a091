// The OpenStack tree: clouds → projects → categories → resources. Owns the polling of transitional
// resources, the index behind "Find resource…", targeted refreshes, and tells other views (the network topology)
// when a project's category changed.
//
// A change of a node is never announced while the view is still fetching the children of that node or of a node
// below it: VS Code would re-render the node while the fetch runs, fetch the children again once it returned, and
// register the same ids twice ("Element with id … is already registered"), leaving the node without rows. Such a
// change is announced once the fetch has returned.
import * as vscode from 'vscode';
import type { CloudRegistry } from '../../context/cloudRegistry';
import { plainTreeItem } from '../shownItems';
import { CategoryNode } from './categoryNode';
import type { LoadedRows } from '../../core/joinPlan';
import { CloudNode, ProjectNode } from './cloudNodes';
import { ExplorerNode, pageSize, ResourceNode, type CategorySpec, type ExplorerEnv } from './node';
import { Poller } from './poller';
import { ErrorNode, LoadMoreNode } from './statusNodes';

const EXPANDED_KEY = 'openstack.expandedCategories';
/** Categories remembered as expanded, across every cloud and project. */
const MAX_REMEMBERED = 500;
/** How long the view may take to ask for a category remembered as expanded. */
const UNASKED_MS = 10_000;

/** A category of a project whose resources changed. */
export interface CategoryChange {
  cloud: string;
  projectId: string;
  kind: string;
}

/** A category's rows as the view just loaded them: the walkthrough decides from them instead of asking again. */
export interface CategoryLoad extends CategoryChange {
  rows: LoadedRows;
  /** An admin's "All projects" view: the rows are every project's, not only this one's. */
  allProjects: boolean;
}

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly categoryEmitter = new vscode.EventEmitter<CategoryChange>();
  /** A command changed a category (refreshCategory), or the poller saw one change by itself. */
  readonly onDidChangeCategory = this.categoryEmitter.event;
  private readonly loadEmitter = new vscode.EventEmitter<CategoryLoad>();
  /** The view loaded a category's rows (first expand, Refresh, Load more, a poll): what it lists may be news. */
  readonly onDidLoadCategory = this.loadEmitter.event;
  readonly poller: Poller<CategoryNode>;
  private roots: CloudNode[] | undefined;
  private readonly loadedByParent = new Map<string, ResourceNode[]>();
  private readonly loadedParents = new Map<string, ExplorerNode>();
  private readonly env: ExplorerEnv;
  /** Nodes whose children the view is fetching, with how many fetches are running. */
  private readonly fetching = new Map<ExplorerNode, number>();
  /** Changes held back until the fetch of their node returns. */
  private readonly heldBack = new Set<ExplorerNode>();
  /** The Markdown tooltip of each row last drawn, sent when the row is hovered. */
  private readonly tooltips = new WeakMap<ExplorerNode, vscode.MarkdownString>();
  /** Ids of the categories the view shows expanded (see trackExpansion). */
  private expanded = new Set<string>();
  /** Where EXPANDED is kept for the next window (see trackExpansion). */
  private memento: vscode.Memento | undefined;

  constructor(private readonly registry: CloudRegistry, categories: readonly CategorySpec<unknown, unknown>[]) {
    this.poller = new Poller((node) => {
      this.changed(node);
      this.categoryEmitter.fire({ cloud: node.scope.cloud, projectId: node.scope.projectId, kind: node.spec.kind });
    });
    this.env = {
      registry,
      categories,
      changed: (node) => this.changed(node),
      poll: (category) => this.poller.watch(category as CategoryNode),
      remember: (parent, nodes) => this.remember(parent, nodes),
      listed: (category) => this.listed(category),
    };
  }

  /**
   * Follows which categories VIEW shows expanded (kept in MEMENTO for the next window): one that expands starts
   * loading at once, and a project's listing starts those expanded before, so that categories expanded together
   * load side by side although VS Code asks for their rows one after the other.
   */
  trackExpansion(view: vscode.TreeView<ExplorerNode>, memento: vscode.Memento): vscode.Disposable {
    this.memento = memento;
    this.expanded = new Set(memento.get<string[]>(EXPANDED_KEY, []));
    return vscode.Disposable.from(
      view.onDidExpandElement(({ element }) => {
        if (!(element instanceof CategoryNode)) return;
        element.prefetch();
        this.expanded.delete(element.id);   // the newest last, so the cap drops the oldest
        this.expanded.add(element.id);
        this.saveExpanded();
      }),
      view.onDidCollapseElement(({ element }) => {
        if (element instanceof CategoryNode && this.expanded.delete(element.id)) this.saveExpanded();
      }),
    );
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = plainTreeItem(node.treeItem());
    // a Markdown tooltip goes to the view when its row is hovered (resolveTreeItem), not with every row of every
    // load: a category's rows are all sent again at each Load more and poll
    if (item.tooltip instanceof vscode.MarkdownString) {
      this.tooltips.set(node, item.tooltip);
      item.tooltip = undefined;
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    item.tooltip ??= this.tooltips.get(node);
    return item;
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] | Promise<ExplorerNode[]> {
    if (!node) {
      this.roots ??= this.registry.clouds.map((c) => new CloudNode(c, this.env, pageSize));
      return this.roots;
    }
    const children = node.children();
    return Array.isArray(children) ? children : this.whileFetching(node, children);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** Everything again: clouds re-read, clients and loaded pages dropped. */
  refreshAll(): void {
    for (const cloud of this.roots ?? []) cloud.detach();
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
      const changed = await node.refresh();
      // what the user just did may have started a transition: poll it from the shortest delay
      if (node.inTransition()) this.poller.watch(node, true);
      if (changed) this.changed(node);
      return;
    }
    if (node instanceof ProjectNode) {
      node.resetCategories();
    } else if (node instanceof CloudNode) {
      node.detach();
      await this.registry.forget(node.cloud.name);
    }
    this.changed(node);
  }

  /** An admin's "All projects" toggle on PROJECT: its categories list every project's resources, or its own view. */
  showAllProjects(project: ProjectNode, on: boolean): void {
    project.showAllProjects(on);
    this.emitter.fire(project);
  }

  /** Reloads the categories of KIND (e.g. 'servers') under the project CLOUD/PROJECTID, after a command changed them. */
  async refreshCategory(cloud: string, projectId: string, kind: string): Promise<void> {
    const categories = [...this.categories()].filter((c) => c.attached && c.scope.cloud === cloud && c.scope.projectId === projectId && c.spec.kind === kind);
    await Promise.all(categories.map((c) => this.refresh(c)));
    // also when the tree has not loaded the category: other views show it all the same
    this.categoryEmitter.fire({ cloud, projectId, kind });
  }

  /**
   * The node of resource RESOURCEID in the category KIND of CLOUD/PROJECTID, loading the levels above it that are
   * not loaded yet (as expanding them would), so that the view can reveal it; undefined when it is not listed.
   */
  async resource(cloud: string, projectId: string, kind: string, resourceId: string): Promise<ResourceNode | undefined> {
    const cloudNode = (await this.getChildren()).find((n) => n instanceof CloudNode && n.cloud.name === cloud);
    const project = cloudNode && (await this.getChildren(cloudNode)).find((n) => n instanceof ProjectNode && n.scope.projectId === projectId);
    const category = project && (await this.getChildren(project)).find((n) => n instanceof CategoryNode && n.spec.kind === kind);
    const rows = category ? await this.getChildren(category) : [];
    return rows.find((n): n is ResourceNode => n instanceof ResourceNode && n.resourceId === resourceId);
  }

  /**
   * A category remembered as expanded starts loading as its project lists it. Collapse All collapses without an
   * event: a category the view then does not ask for within UNASKED_MS is forgotten, so it costs one load at most.
   */
  private listed(category: ExplorerNode & { prefetch(): void; readonly asked: boolean }): void {
    if (!this.expanded.has(category.id)) return;
    category.prefetch();
    setTimeout(() => {
      if (category.asked || !this.expanded.delete(category.id)) return;
      this.saveExpanded();
    }, UNASKED_MS).unref?.();
  }

  private saveExpanded(): void {
    void this.memento?.update(EXPANDED_KEY, [...this.expanded].slice(-MAX_REMEMBERED));
  }

  /** Resources loaded so far, for "Find resource…". */
  loadedResources(): ResourceNode[] {
    return [...this.loadedByParent.values()].flat();
  }

  dispose(): void {
    this.poller.dispose();
    this.emitter.dispose();
    this.categoryEmitter.dispose();
    this.loadEmitter.dispose();
  }

  /** Fires NODE's change, or holds it back while the view fetches the children of NODE or of a node below it. */
  private changed(node: ExplorerNode): void {
    if ([...this.fetching.keys()].some((fetched) => isWithin(fetched, node))) this.heldBack.add(node);
    else this.emitter.fire(node);
  }

  private async whileFetching(node: ExplorerNode, children: Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
    this.fetching.set(node, (this.fetching.get(node) ?? 0) + 1);
    try {
      return await children;
    } finally {
      const left = this.fetching.get(node)! - 1;
      if (left > 0) this.fetching.set(node, left);
      else this.fetching.delete(node);
      // after the view has registered what this fetch returned (it does so as the promise settles)
      if (left === 0 && this.heldBack.size > 0) setTimeout(() => this.releaseHeldBack(), 0);
    }
  }

  private releaseHeldBack(): void {
    const held = [...this.heldBack];
    this.heldBack.clear();
    for (const node of held) this.changed(node);
  }

  private *categories(): Iterable<CategoryNode> {
    for (const parent of this.loadedParents.values()) if (parent instanceof CategoryNode) yield parent;
  }

  private remember(parent: ExplorerNode, nodes: readonly ResourceNode[]): void {
    if (parent instanceof CategoryNode && !parent.attached) return;   // dropped: its rows are no longer the tree's
    // subnets are found by name and CIDR too: their network node holds them already
    this.loadedByParent.set(parent.id, [...nodes, ...nodes.flatMap((n) => n.held())]);
    this.loadedParents.set(parent.id, parent);
    const rows = parent instanceof CategoryNode && parent.loadedRows();
    if (rows) this.loadEmitter.fire({ cloud: parent.scope.cloud, projectId: parent.scope.projectId, kind: parent.spec.kind, rows, allProjects: parent.scope.allProjects === true });
  }
}

/** Whether NODE is ANCESTOR or lies below it. */
function isWithin(node: ExplorerNode, ancestor: ExplorerNode): boolean {
  for (let n: ExplorerNode | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

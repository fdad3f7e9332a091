// One category of a project (Instances, Networks, …): loads its first page and joined data in one round,
// offers "Load more…" when the page was full, shows a failure as an error item with Retry (never a modal),
// and asks the poller to come back while something in it is in transition.
import * as vscode from 'vscode';
import type { Page } from '../openstack/paging';
import type { CategorySpec } from './categories';
import { ExplorerNode, type ExplorerEnv, type ResourceNode, type Scope } from './node';
import { ErrorNode, LoadMoreNode, MessageNode } from './statusNodes';

interface Loaded {
  page: Page<unknown>;
  items: unknown[];
  joined: unknown;
}

export class CategoryNode extends ExplorerNode {
  readonly id: string;
  private loaded: Loaded | undefined;
  private failure: unknown;
  private loading: Promise<void> | undefined;

  constructor(
    parent: ExplorerNode,
    readonly scope: Scope,
    readonly spec: CategorySpec<unknown, unknown>,
    private readonly env: ExplorerEnv,
    private readonly pageSize: number,
  ) {
    super(parent);
    this.id = `${parent.id}/${spec.kind}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.spec.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.spec.icon);
    item.contextValue = `openstack.category openstack.category-${this.spec.kind}`;
    if (this.loaded) item.description = `${this.loaded.items.length}${this.loaded.page.hasMore ? '+' : ''}`;
    return item;
  }

  override async children(): Promise<ExplorerNode[]> {
    if (!this.loaded && !this.failure) await this.reload();
    if (this.failure) return [new ErrorNode(this, this.failure)];
    const { items, joined, page } = this.loaded!;
    const nodes: ResourceNode[] = items.map((item) => this.spec.node(this, item, joined));
    this.env.remember(this, nodes);
    if (nodes.length === 0) return [new MessageNode(this, `No ${this.spec.label[0].toLowerCase()}${this.spec.label.slice(1)}`)];
    return page.hasMore ? [...nodes, new LoadMoreNode(this, nodes.length)] : nodes;
  }

  /** Loads the first page again (Refresh, Retry, polling); concurrent calls share one load. */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => { this.loading = undefined; });
    return this.loading;
  }

  async loadMore(): Promise<void> {
    if (!this.loaded?.page.hasMore) return;
    const client = await this.scope.client();
    const page = await this.spec.list(client, this.pageSize, this.scope).nextPage(this.loaded.page);
    this.loaded = { ...this.loaded, page, items: [...this.loaded.items, ...page.items] };
    this.env.changed(this);
  }

  inTransition(): boolean {
    return !!this.loaded && !!this.spec.inTransition && this.loaded.items.some((i) => this.spec.inTransition!(i));
  }

  private async load(): Promise<void> {
    const controller = new AbortController();
    try {
      const client = await this.scope.client();
      const [page, joined] = await Promise.all([
        this.spec.list(client, this.pageSize, this.scope).firstPage(controller.signal),
        this.spec.join(client, controller.signal, this.scope),
      ]);
      this.loaded = { page, items: page.items, joined };
      this.failure = undefined;
    } catch (err) {
      controller.abort();
      this.failure = err;
    }
    if (this.inTransition()) this.env.poll(this);
  }
}

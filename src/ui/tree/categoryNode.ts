// One category of a project (Instances, Networks, …): loads its first page and the data joined for its rows,
// offers "Load more…" when the page was full, shows a failure as an error item with Retry (never a modal),
// and asks the poller to come back while something in it is in transition.
//
// Loads are single-flight with a generation number: a Refresh supersedes (aborts) the load in flight, a poll
// joins it, and only the newest generation's result is kept, so a render never sees a half-replaced list and
// its rows (memoised per generation) are the same objects however often the view asks for them.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { readJoined, readMoreJoined, type JoinedRows, type LoadedRows } from '../../core/joinPlan';
import type { CategorySpec } from './node';
import { ExplorerNode, type ExplorerEnv, type ResourceNode } from './node';
import { type Scope } from '../../core/target';
import { viewOf } from '../../core/ownership';
import type { Pollable } from './poller';
import { ErrorNode, LoadMoreNode, MessageNode } from './statusNodes';

interface Loaded extends JoinedRows<unknown, unknown> {
  /** openstack.pageSize when this was loaded: a change of the setting loads again on the next render. */
  pageSize: number;
}

interface Load {
  generation: number;
  done: Promise<void>;
  controller: AbortController;
}

export class CategoryNode extends ExplorerNode implements Pollable {
  readonly id: string;
  private loaded: Loaded | undefined;
  private failure: unknown;
  private generation = 0;
  private inFlight: Load | undefined;
  private rows: ExplorerNode[] | undefined;
  private detached = false;
  /** The view has asked for the rows (it shows the category expanded). */
  asked = false;

  constructor(
    parent: ExplorerNode,
    readonly scope: Scope,
    readonly spec: CategorySpec<unknown, unknown>,
    private readonly env: ExplorerEnv,
    private readonly pageSize: () => number,
    /** The catalog has no endpoint of the spec's service: the one row is its absentNote, and nothing loads. */
    private readonly absent = false,
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
    this.asked = true;
    if (this.absent) return [new MessageNode(this, this.spec.absentNote ?? '')];
    if (this.inFlight && !this.loaded && !this.failure) {
      await this.settled();
    } else if (!this.failure && this.loaded?.pageSize !== this.pageSize()) {
      // First expand, or openstack.pageSize changed since the rows were loaded. The count in the description shows
      // on the category's next render, not by announcing a change now: VS Code drops a re-rendered node's child
      // handles until the view fetches them again, so a row expanded in that moment would open empty.
      await this.load(0);
      this.pollIfBusy();
    }
    this.rows ??= this.render();
    return this.rows;
  }

  /**
   * Starts the first load before the view asks. VS Code asks for the rows of categories expanded together one
   * after the other (its extension host awaits each getChildren in turn), so without this they would load in
   * series; the view's ask then joins the load in flight.
   */
  prefetch(): void {
    if (this.absent || this.loaded || this.inFlight || this.failure !== undefined || this.detached) return;
    void this.load(0).then(() => {
      if (this.detached || (!this.loaded && this.failure === undefined)) return;
      // rendered now, as the view's ask would: the explorer then knows these rows (a command's refresh, Find
      // resource, the walkthrough), also when the view does not ask after all
      this.rows ??= this.render();
      this.pollIfBusy();
    }).catch(() => undefined);   // a load shows its own failure as a row
  }

  /** Refresh and Retry: the first page again, with the current page size; a load in flight is superseded. True when the rows changed. */
  refresh(): Promise<boolean> {
    return this.absent ? Promise.resolve(false) : this.load(0);
  }

  /** The poller: the rows shown again (as many pages as Load more had read), joining a load in flight. True when they changed. */
  async poll(): Promise<boolean> {
    if (this.inFlight) {
      const before = this.shown();
      await this.settled();
      return this.changedSince(before);
    }
    return this.load(this.loaded?.items.length ?? 0);
  }

  async loadMore(): Promise<void> {
    await this.settled();
    const from = this.loaded;
    if (!from?.page.hasMore) return;
    const changed = await this.start(async (signal) => {
      const client = await this.scope.client();
      const listing = this.spec.list(client, from.pageSize, this.scope);
      const more = await readMoreJoined(listing, from, (rows, previous) => this.spec.join(client, { rows, previous, pageSize: from.pageSize, view: viewOf(client, this.scope), signal }), signal);
      return { ...more, pageSize: from.pageSize };
    }, 'throw');
    if (changed) this.env.changed(this);
    this.pollIfBusy();
  }

  /** Re-renders NODE, a row below this category that loads rows of its own (a container's objects). */
  announce(node: ExplorerNode): void {
    this.env.changed(node);
  }

  loadedRows(): LoadedRows | undefined {
    return this.loaded && { items: this.loaded.items, joined: this.loaded.joined, whole: !this.loaded.page.hasMore };
  }

  inTransition(): boolean {
    const { loaded, spec } = this;
    return !!loaded && !!spec.inTransition && loaded.items.some((i) => spec.inTransition!(i, loaded.joined));
  }

  /** No longer in the tree (its project was refreshed): its load is aborted and the poller lets it go. */
  detach(): void {
    this.detached = true;
    this.inFlight?.controller.abort();
  }

  get attached(): boolean {
    return !this.detached;
  }

  private pollIfBusy(): void {
    if (this.inTransition()) this.env.poll(this);
  }

  private render(): ExplorerNode[] {
    if (this.failure) return [new ErrorNode(this, this.failure)];
    const { items, joined, page } = this.loaded!;
    // an item renamed between two pages comes twice: an id must be registered once
    const seen = new Set<string>();
    const nodes: ResourceNode[] = items.map((item) => this.spec.node(this, item, joined)).filter((n) => !seen.has(n.id) && !!seen.add(n.id));
    this.env.remember(this, nodes);
    if (nodes.length === 0) return [new MessageNode(this, emptyText(this.spec.label))];
    return page.hasMore ? [...nodes, new LoadMoreNode(this, nodes.length)] : nodes;
  }

  /** Loads the first page, then further pages until SHOWN items are covered. True when the rows changed. */
  private load(shown: number): Promise<boolean> {
    return this.start(async (signal) => {
      const client = await this.scope.client();
      const pageSize = this.pageSize();
      const listing = this.spec.list(client, pageSize, this.scope);
      const read = await readJoined(listing, (rows) => this.spec.join(client, { rows, pageSize, view: viewOf(client, this.scope), signal }), shown, signal);
      return { ...read, pageSize };
    }, 'show');
  }

  /**
   * Runs WORK as the newest generation, aborting the one in flight. Its result is kept only if no newer load
   * started meanwhile; a failure is shown as the category's error item ('show') or rejected to the caller ('throw').
   * Resolves once the newest generation has settled: true when the rows changed.
   */
  private async start(work: (signal: AbortSignal) => Promise<Loaded>, onFailure: 'show' | 'throw'): Promise<boolean> {
    this.inFlight?.controller.abort();
    const generation = ++this.generation;
    const controller = new AbortController();
    const before = this.shown();
    let failed: { err: unknown } | undefined;
    const done = work(controller.signal).then(
      (loaded) => this.apply(generation, { loaded }),
      (err: unknown) => {
        if (onFailure === 'show') this.apply(generation, { failure: err });
        else if (generation === this.generation) failed = { err };
      },
    ).finally(() => {
      if (this.inFlight?.generation === generation) this.inFlight = undefined;
    });
    this.inFlight = { generation, done, controller };
    await done;
    if (failed) throw failed.err;
    await this.settled();
    return this.changedSince(before);
  }

  private apply(generation: number, outcome: { loaded: Loaded } | { failure: unknown }): void {
    if (generation !== this.generation) return;   // superseded: the newer load decides
    this.loaded = 'loaded' in outcome ? outcome.loaded : undefined;
    this.failure = 'failure' in outcome ? outcome.failure ?? new Error(l10n.t('The load failed.')) : undefined;
    this.rows = undefined;
  }

  /** Resolves once no load is in flight (a newer one may have started while waiting). */
  private async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight.done;
  }

  private shown(): Shown {
    return { loaded: this.loaded, failure: this.failure };
  }

  /**
   * Whether the rows differ from BEFORE's. Another row count (Load more, a poll that found one more) says so at once;
   * only a load of as many rows compares what they show, which for a thousand rows is megabytes of JSON.
   */
  private changedSince(before: Shown): boolean {
    const now = this.shown();
    if (now.loaded === before.loaded && now.failure === before.failure) return false;
    if (now.loaded && before.loaded && now.loaded.items.length !== before.loaded.items.length) return true;
    return fingerprint(before) !== fingerprint(now);
  }
}

interface Shown {
  loaded?: Loaded;
  failure?: unknown;
}

/** What the rows show, to tell whether a load changed anything. */
function fingerprint({ loaded, failure }: Shown): string {
  if (failure !== undefined) return `failure:${failure instanceof Error ? failure.message : String(failure)}`;
  if (!loaded) return 'nothing';
  const { items, joined, page } = loaded;
  return JSON.stringify({ items, joined, more: page.hasMore }, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
}

/** The row of an empty category labelled LABEL: "No instances". */
function emptyText(label: string): string {
  const lowered = `${label[0].toLowerCase()}${label.slice(1)}`;
  return l10n.t({ message: 'No {0}', args: [lowered], comment: ['An empty category: {0} its label (Instances, Networks, …), lower-cased'] });
}

/** The category a row lies in: its scope (cloud, project, client) and the view's change announcements. */
export function categoryOf(node: ExplorerNode): CategoryNode {
  for (let n: ExplorerNode | undefined = node; n; n = n.parent) if (n instanceof CategoryNode) return n;
  throw new Error(`${node.id} is not below a category`);
}

// Keeps the context keys openstack.walkthrough.<step> (the walkthrough's completionEvents) true exactly when the
// active project has what the step builds. Decided from the rows when the tree loads a category of the active
// project (asked of the cloud only when a partial page cannot tell), asked again when a command changed one, and
// for every category the tree has not loaded soon after the active project changes (after the tree's own first
// loads, which it would only slow down); the console step when a console panel opens while the project is active.
//
// The check boxes follow the same state through VS Code's welcome.markStepComplete / markStepIncomplete. A
// completionEvent alone misses a step whose key was already true when the walkthrough service started (VS Code
// creates it lazily, e.g. when the walkthrough is first opened, and records such an event as seen without ticking
// the step), and it never unticks a step whose resource was deleted.
import * as vscode from 'vscode';
import type { ActiveCloud } from '../../context/activeCloud';
import type { CloudRegistry } from '../../context/cloudRegistry';
import type { Log } from '../../context/log';
import type { OpenStackClient } from '../../openstack/client';
import type { CategoryChange, CategoryLoad, ExplorerProvider } from '../../ui/tree/explorerProvider';
import { CONSOLE_VIEW_TYPE } from '../console/model/protocol';
import { PROBES } from './model/probes';
import { answersFromRows } from './model/rowAnswers';
import { STEP_IDS, contextKey, noStepDone, workbenchStepId, type StepAnswers, type StepId, type StepState } from './model/steps';

export interface WalkthroughDeps {
  log: Log;
  registry: CloudRegistry;
  active: ActiveCloud;
  explorer: Pick<ExplorerProvider, 'onDidChangeCategory' | 'onDidLoadCategory'>;
}

/** The project the state is about, with its client; the generation drops answers for an earlier project. */
interface Watched {
  cloud: string;
  projectId: string;
  client: OpenStackClient;
  generation: number;
}

/** Events of one category that come together (a command's refresh, then the tree's reload) ask once. */
const SETTLE_MS = 300;
/** After the active project changes, the categories the tree has not loaded by then are asked. */
const FIRST_PROBE_MS = 2000;

export class WalkthroughProgress implements vscode.Disposable {
  private state = noStepDone();
  private readonly changed = new vscode.EventEmitter<StepState>();
  /** A step's state changed (tests and the API read it; VS Code reads the context keys). */
  readonly onDidChange = this.changed.event;
  private watched: Watched | undefined;
  private generation = 0;
  private controller = new AbortController();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The latest probe (or rows' answer) of each category: a probe that answers after a newer one is dropped. */
  private readonly latest = new Map<string, number>();
  /** Categories of the watched project whose rows answered their steps. */
  private readonly answered = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: WalkthroughDeps) {
    this.subscriptions = [
      deps.registry.onDidChange(() => this.set({ cloud: deps.registry.clouds.length > 0 })),
      deps.active.onDidChange(() => void this.watchActiveProject()),
      deps.explorer.onDidChangeCategory((c) => this.categoryChanged(c)),
      deps.explorer.onDidLoadCategory((c) => this.categoryLoaded(c)),
      vscode.window.tabGroups.onDidChangeTabs((e) => { if (e.opened.some(isConsoleTab)) this.set({ console: true }); }),
    ];
    for (const id of STEP_IDS) this.show(id, false);
    void this.watchActiveProject();   // its reset is synchronous: a console panel restored with the window counts
    this.set({ cloud: deps.registry.clouds.length > 0, console: vscode.window.tabGroups.all.some((g) => g.tabs.some(isConsoleTab)) });
  }

  /** Which steps are done now. */
  get steps(): Readonly<StepState> {
    return { ...this.state };
  }

  dispose(): void {
    this.controller.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }

  /** Every category again, for the project that is active now. */
  private async watchActiveProject(): Promise<void> {
    this.controller.abort();
    this.controller = new AbortController();
    const generation = ++this.generation;
    const { signal } = this.controller;
    const cloud = this.deps.active.cloud?.name;
    this.watched = undefined;
    // every step but the cloud's is about the active project: the console too is opened again for the new one
    this.set(Object.fromEntries(STEP_IDS.filter((id) => id !== 'cloud').map((id) => [id, false])));
    if (!cloud) return;
    try {
      const client = await this.deps.active.client();
      await client.session.token(signal);
      const projectId = client.session.projectId;
      if (!projectId || generation !== this.generation) return;
      this.watched = { cloud, projectId, client, generation };
      this.answered.clear();
      await new Promise((resolve) => setTimeout(resolve, FIRST_PROBE_MS));
      if (generation !== this.generation || signal.aborted) return;
      await Promise.all(Object.keys(PROBES).filter((kind) => !this.answered.has(kind)).map((kind) => this.probe(kind)));
    } catch (err) {
      if (!signal.aborted) this.deps.log.warn(`walkthrough: cannot read the active project of ${cloud}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private isWatched(change: CategoryChange): boolean {
    const watched = this.watched;
    return !!watched && change.cloud === watched.cloud && change.projectId === watched.projectId && !!PROBES[change.kind];
  }

  /** The tree loaded a category: its rows answer, unless a partial page cannot tell. */
  private categoryLoaded(load: CategoryLoad): void {
    if (!this.isWatched(load)) return;
    // every project's rows would answer for this one: asked of the project instead
    const answers = load.allProjects ? undefined : answersFromRows(load.kind, load.rows, load.projectId);
    if (!answers) return this.categoryChanged(load);
    clearTimeout(this.timers.get(load.kind));
    this.timers.delete(load.kind);
    this.latest.set(load.kind, (this.latest.get(load.kind) ?? 0) + 1);   // a probe still out answers older news
    this.answered.add(load.kind);
    this.set(answers);
  }

  private categoryChanged(change: CategoryChange): void {
    if (!this.isWatched(change)) return;
    clearTimeout(this.timers.get(change.kind));
    this.timers.set(change.kind, setTimeout(() => {
      this.timers.delete(change.kind);
      void this.probe(change.kind);
    }, SETTLE_MS));
  }

  /** The steps that depend on category KIND, asked of the watched project; a failure leaves them as they were. */
  private async probe(kind: string): Promise<void> {
    const watched = this.watched;
    if (!watched) return;
    const asked = (this.latest.get(kind) ?? 0) + 1;
    this.latest.set(kind, asked);
    try {
      const answers = await PROBES[kind](watched.client, watched.projectId, this.controller.signal);
      if (watched.generation === this.generation && this.latest.get(kind) === asked) this.set(answers);
    } catch (err) {
      if (!this.controller.signal.aborted) this.deps.log.warn(`walkthrough: ${kind} of ${watched.cloud}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private set(answers: StepAnswers): void {
    const changedSteps = (Object.entries(answers) as [StepId, boolean][]).filter(([id, done]) => this.state[id] !== done);
    if (changedSteps.length === 0) return;
    for (const [id, done] of changedSteps) {
      this.state[id] = done;
      this.show(id, done);
    }
    this.changed.fire(this.steps);
  }

  /** The step's context key and its check box in the walkthrough. */
  private show(id: StepId, done: boolean): void {
    void vscode.commands.executeCommand('setContext', contextKey(id), done);
    vscode.commands.executeCommand(done ? 'welcome.markStepComplete' : 'welcome.markStepIncomplete', workbenchStepId(id)).then(undefined, (err: unknown) => {
      // before VS Code has registered the walkthrough the mark is kept all the same (it is stored first)
      this.deps.log.debug(`walkthrough: marking ${id} ${done ? 'done' : 'not done'}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }
}

/** A tab of the instance console panel (webview tabs carry their view type, prefixed by VS Code). */
function isConsoleTab(tab: vscode.Tab): boolean {
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(CONSOLE_VIEW_TYPE);
}

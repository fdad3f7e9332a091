// The network topology panel, host side: one webview panel per project (revealed if already open), built from
// the webview bundle (dist/webview/topology.*), talking through the typed protocol in ./model/protocol. It loads
// the project (gather.ts) and lays it out (model/), loads again on Refresh and when the tree says a category of
// the project changed (a command, or the poller), reveals a clicked node's resource in the tree, runs a node's
// action as the tree's own command (a selection button here; the right-click menu through commandArgumentOf),
// and saves the picture as SVG. The webview is not retained when hidden: it says `ready` again when shown and
// gets the last picture, or a new one if something changed meanwhile.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import type { Log } from '../../context/log';
import type { OpenStackClient } from '../../openstack/client';
import { ROUTER_INTERFACE_OWNERS } from '../../openstack/networkModels';
import { fileNameOf, plainText } from '../../core/displayText';
import type { Scope } from '../../core/target';
import type { ExplorerProvider } from '../../ui/tree/explorerProvider';
import type { ExplorerNode } from '../../ui/tree/node';
import { loadPage, onWebviewMessage, webviewOptions } from '../../ui/webviewPanel';
import { webviewBundle } from '../../context/l10n';
import { ACTIONS, type ActionId } from './model/actions';
import { buildGraph, type NodeKind, type TopologyData } from './model/graph';
import { layoutGraph, type ViewNode } from './model/layout';
import { nodeRefOf } from './model/nodeMenu';
import {
  TOPOLOGY_VIEW_TYPE, isTopologyState, isWebviewMessage, type HostMessage, type TopologyTarget, type WebviewMessage,
} from './model/protocol';
import { gatherTopology } from './gather';

export interface TopologyDeps {
  extensionUri: vscode.Uri;
  log: Log;
  clientFor(target: TopologyTarget): Promise<OpenStackClient>;
  explorer: Pick<ExplorerProvider, 'resource' | 'onDidChangeCategory'>;
  view: Pick<vscode.TreeView<ExplorerNode>, 'reveal'>;
}

/** The tree category that lists each kind of node. */
const CATEGORY_OF: Record<NodeKind, string> = {
  external: 'networks', network: 'networks', router: 'routers', instance: 'servers', floatingIp: 'floatingIps',
};
const DRAWN_CATEGORIES = new Set(Object.values(CATEGORY_OF));

/** A burst of changes (a command reloads several categories) makes one load. */
const RELOAD_DELAY_MS = 300;

const keyOf = (t: Pick<TopologyTarget, 'cloud' | 'projectId'>) => `${t.cloud}\u0000${t.projectId}`;
const title = (t: TopologyTarget) => l10n.t('Topology: {0}', plainText(t.projectName));

type Picture = Extract<HostMessage, { type: 'topology' }>;

export class TopologyPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, TopologyPanel>();

  /** Reveals asked for so far, and the one under way (see reveal). */
  private reveals = 0;
  private revealing: Promise<void> = Promise.resolve();

  /** Opens the topology of TARGET's project, or reveals the panel that already shows it. */
  static show(deps: TopologyDeps, target: TopologyTarget): void {
    const existing = TopologyPanel.panels.get(keyOf(target));
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn);
      return;
    }
    const panel = vscode.window.createWebviewPanel(TOPOLOGY_VIEW_TYPE, title(target), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    new TopologyPanel(deps, panel, target);
  }

  /** WebviewPanelSerializer: a panel restored after a reload, with the state its webview kept. */
  static restore(deps: TopologyDeps, panel: vscode.WebviewPanel, state: unknown): void {
    if (!isTopologyState(state) || TopologyPanel.panels.has(keyOf(state.target))) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(deps.extensionUri);
    new TopologyPanel(deps, panel, state.target);
  }

  /**
   * The argument ARG stands for when it is the context of a node's right-click menu (model/nodeMenu): what the
   * selection's buttons hand over too; undefined for any other argument.
   */
  static commandArgumentOf(arg: unknown): unknown {
    const ref = nodeRefOf(arg);
    if (!ref) return undefined;
    const panel = TopologyPanel.panels.get(keyOf(ref));
    if (!panel) throw new Error(l10n.t('That topology panel is closed.'));
    return panel.commandArgument(panel.node(ref.nodeId));
  }

  static disposeAll(): void {
    for (const p of [...TopologyPanel.panels.values()]) p.panel.dispose();
  }

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** Something changed since the last load (or nothing was loaded yet). */
  private stale = true;
  private data?: TopologyData;
  private picture?: Picture;
  /** The load in flight; a newer one aborts it. */
  private loading?: AbortController;
  private reloadTimer?: NodeJS.Timeout;
  private disposed = false;

  private constructor(private readonly deps: TopologyDeps, readonly panel: vscode.WebviewPanel, private readonly target: TopologyTarget) {
    TopologyPanel.panels.set(keyOf(target), this);
    loadPage(panel, deps.extensionUri, { bundle: 'topology', title: l10n.t('Network topology'), view: 'openstack-topology' });
    this.disposables.push(
      onWebviewMessage(panel.webview, {
        panel: 'topology panel', log: deps.log, isMessage: isWebviewMessage, handle: (m) => this.handle(m),
        notify: (text) => this.post({ type: 'notice', level: 'error', text }),
      }),
      // not retained when hidden: the webview is gone until it says `ready` again
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      panel.onDidDispose(() => this.dispose()),
      deps.explorer.onDidChangeCategory((c) => {
        if (c.cloud === target.cloud && c.projectId === target.projectId && DRAWN_CATEGORIES.has(c.kind)) this.changed();
      }),
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.reloadTimer);
    this.loading?.abort();
    TopologyPanel.panels.delete(keyOf(this.target));
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private post(message: HostMessage): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        // the page builds nothing before its strings
        this.post({ type: 'l10n', bundle: webviewBundle() });
        if (this.picture) this.post(this.picture);
        if (this.loading) this.post({ type: 'loading' });
        else if (this.stale) await this.load();
        return;
      case 'refresh':
        await this.load();
        return;
      case 'reveal':
        await this.reveal(this.node(m.nodeId));
        return;
      case 'run':
        await this.run(this.node(m.nodeId), m.action);
        return;
      case 'exportSvg':
        await this.exportSvg(m.svg);
        return;
    }
  }

  /** The project changed: load again now (after a short wait for the rest of a burst), or once the webview shows again. */
  private changed(): void {
    this.stale = true;
    if (!this.ready) return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), RELOAD_DELAY_MS);
  }

  private async load(): Promise<void> {
    clearTimeout(this.reloadTimer);
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.stale = false;
    this.post({ type: 'loading' });
    const started = Date.now();
    try {
      const client = await this.deps.clientFor(this.target);
      const { data, requests } = await gatherTopology({ cloud: this.target.cloud, projectId: this.target.projectId, client }, controller.signal);
      if (controller.signal.aborted) return;
      const view = layoutGraph(buildGraph(data));
      this.data = data;
      this.picture = { type: 'topology', target: this.target, view, stats: { at: Date.now(), ms: Date.now() - started, requests } };
      this.post(this.picture);
      this.deps.log.info(`topology of ${this.target.cloud}/${this.target.projectName}: ${view.nodes.length} nodes, ${view.links.length} links, ${requests} requests in ${this.picture.stats.ms} ms`);
    } catch (err) {
      if (controller.signal.aborted) return;
      this.stale = true;
      this.deps.log.error(`topology of ${this.target.cloud}/${this.target.projectName}: ${err instanceof Error ? err.message : String(err)}`);
      this.post({ type: 'loadFailed', message: err instanceof Error ? err.message : String(err) });
    } finally {
      if (this.loading === controller) this.loading = undefined;
    }
  }

  /** The node NODEID of the picture shown; a webview may only name those. */
  private node(nodeId: string): ViewNode {
    const node = this.picture?.view.nodes.find((n) => n.id === nodeId);
    if (!node) throw new Error(l10n.t('That resource is no longer in the picture: refresh it.'));
    return node;
  }

  /**
   * One reveal at a time, and only the latest: two overlapping reveals (Enter on one node, then a click on another)
   * left the tree selecting the first.
   */
  private reveal(node: ViewNode): Promise<void> {
    const asked = ++this.reveals;
    const run = this.revealing.then(async () => {
      const row = await this.deps.explorer.resource(this.target.cloud, this.target.projectId, CATEGORY_OF[node.kind], node.resourceId);
      if (asked !== this.reveals) return;
      if (!row) throw new Error(l10n.t('The OpenStack view does not list {0} (yet): refresh it.', node.title));
      await this.deps.view.reveal(row, { select: true, focus: false, expand: false });
    });
    this.revealing = run.catch(() => undefined);
    return run;
  }

  /** Runs ACTION's command on NODE's resource, handed over as the tree hands its nodes to commands. */
  private async run(node: ViewNode, action: ActionId): Promise<void> {
    if (!node.actions.includes(action)) throw new Error(l10n.t('{0} does not apply to {1}.', ACTIONS[action].title, node.title));
    await vscode.commands.executeCommand(ACTIONS[action].command, this.commandArgument(node));
  }

  /** What the commands read from a tree node (ui/tree/nodeLike.ts): the resource by kind, and its scope. */
  private commandArgument(node: ViewNode): unknown {
    const { cloud, projectId, projectName } = this.target;
    const scope: Scope = { cloud, projectId, projectName, client: () => this.deps.clientFor(this.target) };
    const data = this.data!;
    switch (node.kind) {
      case 'instance':
        return { kind: 'server', server: data.servers.find((s) => s.id === node.resourceId), scope };
      case 'floatingIp':
        return { kind: 'floatingIp', fip: data.floatingIps.find((f) => f.id === node.resourceId), scope };
      case 'router': {
        const interfaces = data.ports.filter((p) => p.deviceId === node.resourceId && ROUTER_INTERFACE_OWNERS.includes(p.deviceOwner));
        return { kind: 'router', router: data.routers.find((r) => r.id === node.resourceId), interfaces, scope };
      }
      case 'external':
      case 'network': {
        const subnets = data.subnets.filter((s) => s.networkId === node.resourceId);
        return { kind: 'network', network: data.networks.find((n) => n.id === node.resourceId), subnets, scope };
      }
    }
  }

  private async exportSvg(svg: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const uri = await vscode.window.showSaveDialog({
      title: l10n.t('Export Network Topology as SVG'), saveLabel: l10n.t('Export'), filters: { [l10n.t('SVG image')]: ['svg'] },
      defaultUri: vscode.Uri.joinPath(folder, fileNameOf(`topology-${this.target.projectName}.svg`)),
    });
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(svg, 'utf8'));
    this.post({ type: 'notice', level: 'info', text: l10n.t('Saved {0}', uri.fsPath) });
  }
}

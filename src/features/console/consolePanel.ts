// The instance console panel, host side: one webview panel per instance (revealed if already open), built from
// the webview bundle (dist/webview), talking through the typed protocol in ./protocol. It owns the console-log
// model (fetch, follow with backoff), the ping run, the TCP check, and opens the remote consoles. The webview
// is not retained when hidden: it sends `ready` again when shown and gets a snapshot of all of this.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Log } from '../../context/log';
import type { OpenStackClient } from '../../openstack/client';
import type { Server } from '../../openstack/computeModels';
import { plainName, stripAnsi } from './model/ansi';
import { explainConsoleError } from './model/consoleErrors';
import { diffLog, FOLLOW_MIN_MS, nextDelay, parseConsole } from './model/logFollow';
import { PingRun } from './model/ping';
import { checkPort, checkTarget } from './model/target';
import { tcpCheck } from './model/tcpCheck';
import { openExternalUrl } from '../../ui/openExternal';
import { plainText } from '../../core/displayText';
import { loadPage, onWebviewMessage, webviewOptions } from '../../ui/webviewPanel';
import { webviewBundle } from '../../context/l10n';
import {
  CONSOLE_VIEW_TYPE, DEFAULT_UI, MAX_LOG_LINES, isPanelState, isWebviewMessage,
  type ConsoleTarget, type HostMessage, type InstanceInfo, type LogSnapshot, type PingSnapshot, type Tab, type TcpResult, type UiState, type WebviewMessage,
} from './model/protocol';
import { openSerialTerminal } from './serialTerminal';
import { DoctorTab, type DoctorDeps } from '../doctor/doctorTab';
import { Cancelled } from '../../core/cancelled';

export interface ConsoleDeps {
  extensionUri: vscode.Uri;
  log: Log;
  clientFor(target: ConsoleTarget): Promise<OpenStackClient>;
  /** Opens TEXT as a read-only document titled NAME. */
  showDocument(name: string, text: string): Promise<void>;
  /** What the Diagnose tab needs for TARGET's project. */
  doctorFor(target: ConsoleTarget): DoctorDeps;
}

const MAX_PING_LINES = 2000;

export function targetKey(t: Pick<ConsoleTarget, 'cloud' | 'projectId' | 'serverId'>): string {
  return `${t.cloud}\u0000${t.projectId}\u0000${t.serverId}`;
}

export function instanceInfo(target: ConsoleTarget, server?: Server): InstanceInfo {
  return {
    cloud: target.cloud, projectId: target.projectId, serverId: target.serverId,
    name: server?.name ?? target.name,
    status: server ? (server.taskState ? `${server.status} (${server.taskState})` : server.status) : '',
    addresses: (server?.addresses ?? []).map((a) => ({ addr: a.addr, type: a.type ?? 'unknown', network: a.network, version: a.version })),
  };
}

export class ConsolePanel implements vscode.Disposable {
  private static readonly panels = new Map<string, ConsolePanel>();

  /** Opens the console of TARGET, or reveals the panel that already shows it. */
  static show(deps: ConsoleDeps, target: ConsoleTarget, server?: Server): ConsolePanel {
    const existing = ConsolePanel.panels.get(targetKey(target));
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(CONSOLE_VIEW_TYPE, title(target.name), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    return new ConsolePanel(deps, panel, target, undefined, server);
  }

  /** Opens (or reveals) TARGET's panel on the Diagnose tab and runs the checklist; FOCUS: the floating IP asked about. */
  static diagnose(deps: ConsoleDeps, target: ConsoleTarget, server?: Server, focusFloatingIpId?: string): void {
    const panel = ConsolePanel.show(deps, target, server);
    panel.showTab('diagnose');
    void panel.doctor.run(focusFloatingIpId);
  }

  /** WebviewPanelSerializer: a panel restored after a reload, with the state its webview kept. */
  static restore(deps: ConsoleDeps, panel: vscode.WebviewPanel, state: unknown): void {
    if (!isPanelState(state) || ConsolePanel.panels.has(targetKey(state.target))) {
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(deps.extensionUri);
    new ConsolePanel(deps, panel, state.target, state.ui);
  }

  static disposeAll(): void {
    for (const p of [...ConsolePanel.panels.values()]) p.panel.dispose();
  }

  readonly key: string;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private ui: UiState;
  private instance: InstanceInfo;
  private log: LogSnapshot = { lines: [], tail: '' };
  private fetching?: Promise<boolean>;
  private followTimer?: NodeJS.Timeout;
  private followDelay = FOLLOW_MIN_MS;
  private ping?: { run?: PingRun; snap: PingSnapshot };
  private pingIds = 0;
  private tcp?: TcpResult;
  private disposed = false;
  private readonly doctor: DoctorTab;
  /** A tab to show once the webview is ready (Diagnose opens a new panel on its tab). */
  private pendingTab?: Tab;

  private constructor(private readonly deps: ConsoleDeps, readonly panel: vscode.WebviewPanel, private target: ConsoleTarget, ui?: UiState, server?: Server) {
    this.key = targetKey(target);
    this.ui = ui ?? { ...DEFAULT_UI };
    this.instance = instanceInfo(target, server);
    this.doctor = new DoctorTab(deps.doctorFor(target), target, (view) => this.post({ type: 'diagnosis', view }));
    ConsolePanel.panels.set(this.key, this);
    loadPage(panel, deps.extensionUri, { bundle: 'main', title: l10n.t('Instance console'), view: 'openstack-console' });
    this.disposables.push(
      onWebviewMessage(panel.webview, {
        panel: 'console panel', log: deps.log, isMessage: isWebviewMessage, handle: (m) => this.handle(m),
        notify: (text) => this.post({ type: 'notice', level: 'error', text }),
      }),
      panel.onDidChangeViewState(() => {
        // not retained when hidden: the webview is gone until it says `ready` again
        if (!panel.visible) {
          this.ready = false;
          this.stopFollowTimer();
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopFollowTimer();
    this.ping?.run?.stop();
    ConsolePanel.panels.delete(this.key);
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private post(message: HostMessage): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        this.ui = m.ui;
        const diagnosis = this.doctor.current;
        // the page builds nothing before its strings
        this.post({ type: 'l10n', bundle: webviewBundle() });
        this.post({
          type: 'snapshot', instance: this.instance, log: this.log, followStatus: this.followStatus(),
          ...(this.ping ? { ping: this.ping.snap } : {}), ...(this.tcp ? { tcp: this.tcp } : {}), ...(diagnosis ? { diagnosis } : {}),
        });
        if (this.pendingTab) this.showTab(this.pendingTab);
        void this.refreshInstance();
        if (this.ui.follow) {
          this.followDelay = FOLLOW_MIN_MS;
          await this.fetchLog(this.log.fetchedAt === undefined ? 'replace' : 'diff');
          this.scheduleFollow();
        } else if (this.log.fetchedAt === undefined) {
          await this.fetchLog('replace');
        }
        return;
      }
      case 'refreshLog':
        this.ui.lines = m.lines;
        await this.fetchLog('replace');
        return;
      case 'setFollow':
        this.ui.lines = m.lines;
        this.ui.follow = m.follow;
        this.stopFollowTimer();
        if (m.follow) {
          this.followDelay = FOLLOW_MIN_MS;
          await this.fetchLog('diff');
          this.scheduleFollow();
        }
        this.post({ type: 'followStatus', status: this.followStatus() });
        return;
      case 'openFullLog': {
        const client = await this.deps.clientFor(this.target);
        const text = await client.compute.consoleOutput(this.target.serverId).catch((err) => { throw this.explained(err, 'log'); });
        await this.deps.showDocument(`${plainName(this.instance.name, 80) || this.target.serverId} console.log`, stripAnsi(text));
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        vscode.window.setStatusBarMessage(l10n.t('Copied {0} line(s)', m.text.split('\n').length), 3000);
        return;
      case 'openRemote':
        await this.openRemote(m.console);
        return;
      case 'startPing':
        this.startPing(m.target, m.count);
        return;
      case 'stopPing':
        this.ping?.run?.stop();
        return;
      case 'tcpCheck': {
        const check = checkTarget(m.target);
        const port = checkPort(m.port);
        if (!check.ok || port === undefined) {
          this.post({ type: 'notice', level: 'error', text: check.ok ? l10n.t('The port must be a number from 1 to 65535.') : check.reason });
          return;
        }
        this.tcp = await tcpCheck(check.target, port);
        this.post({ type: 'tcpResult', result: this.tcp });
        return;
      }
      case 'diagnose':
        await this.doctor.run();
        return;
      case 'applyFix': {
        const done = await this.doctor.fix(m.checkId).catch((err: unknown) => { if (err instanceof Cancelled) return undefined; throw err; });
        if (done) this.post({ type: 'notice', level: 'info', text: done });
        return;
      }
    }
  }

  private showTab(tab: Tab): void {
    this.ui.tab = tab;
    this.pendingTab = this.ready ? undefined : tab;
    this.post({ type: 'showTab', tab });
  }

  private followStatus(): { follow: boolean; nextPollMs?: number } {
    return this.ui.follow ? { follow: true, nextPollMs: this.followDelay } : { follow: false };
  }

  private async refreshInstance(): Promise<void> {
    try {
      const client = await this.deps.clientFor(this.target);
      const server = await client.compute.server(this.target.serverId);
      this.instance = instanceInfo(this.target, server);
      this.target = { ...this.target, name: server.name };
      this.panel.title = title(server.name || server.id);
      this.post({ type: 'instance', instance: this.instance });
    } catch (err) {
      this.deps.log.warn(`console panel: reading instance ${this.target.serverId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** One fetch at a time; MODE 'diff' appends what is new, 'replace' sends everything. Resolves to whether it changed. */
  private fetchLog(mode: 'replace' | 'diff'): Promise<boolean> {
    const previous = this.fetching ?? Promise.resolve(false);
    const run = previous.then(() => this.fetchLogNow(mode)).finally(() => { if (this.fetching === run) this.fetching = undefined; });
    this.fetching = run;
    return run;
  }

  private async fetchLogNow(mode: 'replace' | 'diff'): Promise<boolean> {
    let raw: string;
    try {
      const client = await this.deps.clientFor(this.target);
      raw = await client.compute.consoleOutput(this.target.serverId, this.ui.lines);
    } catch (err) {
      const message = this.explained(err, 'log').message;
      this.log = { ...this.log, error: message };
      this.post({ type: 'logError', message });
      if ((err as { status?: unknown }).status === 404 && this.ui.follow) {
        // the instance is gone: nothing more will come
        this.ui.follow = false;
        this.stopFollowTimer();
        this.post({ type: 'followStatus', status: this.followStatus() });
      }
      return false;
    }
    const next = parseConsole(raw);
    if (next.lines.length > MAX_LOG_LINES) next.lines = next.lines.slice(-MAX_LOG_LINES);
    const fetchedAt = Date.now();
    const update = mode === 'replace' || this.log.fetchedAt === undefined ? { kind: 'replace' as const, ...next } : diffLog(this.log, next);
    const keep = (lines: string[]) => (lines.length > MAX_LOG_LINES ? lines.slice(-MAX_LOG_LINES) : lines);
    if (update.kind === 'unchanged') {
      this.log = { lines: this.log.lines, tail: this.log.tail, fetchedAt };
      // an empty append tells the webview when the log was last checked (and that it is readable again)
      this.post({ type: 'log', mode: 'append', lines: [], tail: this.log.tail, fetchedAt });
      return false;
    }
    this.log = { lines: update.kind === 'replace' ? update.lines : keep([...this.log.lines, ...update.lines]), tail: update.tail, fetchedAt };
    this.post({ type: 'log', mode: update.kind, lines: update.lines, tail: update.tail, fetchedAt });
    return true;
  }

  private scheduleFollow(): void {
    this.stopFollowTimer();
    if (!this.ui.follow || !this.ready || this.disposed) return;
    this.post({ type: 'followStatus', status: this.followStatus() });
    this.followTimer = setTimeout(() => {
      this.followTimer = undefined;
      void this.fetchLog('diff').then((changed) => {
        this.followDelay = nextDelay(this.followDelay, changed);
        this.scheduleFollow();
      });
    }, this.followDelay);
  }

  private stopFollowTimer(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = undefined;
  }

  private async openRemote(kind: 'serial' | 'novnc'): Promise<void> {
    if (kind === 'serial') {
      try {
        await openSerialTerminal(this.deps, this.target);
      } catch (err) {
        throw this.explained(err, 'serial');
      }
      this.post({ type: 'notice', level: 'info', text: l10n.t('The serial console opened in a terminal.') });
      return;
    }
    const client = await this.deps.clientFor(this.target);
    const remote = await client.compute.remoteConsole(this.target.serverId, 'novnc').catch((err) => { throw this.explained(err, 'novnc'); });
    const opened = await openExternalUrl(remote.url, this.deps.log);
    this.post({ type: 'notice', level: 'info', text: opened ? l10n.t('The VNC console opened in the browser (its link is valid for a few minutes).') : l10n.t('The VNC console was not opened.') });
  }

  private explained(err: unknown, kind: 'serial' | 'novnc' | 'log'): Error {
    const words = explainConsoleError(err, kind);
    return words ? new Error(words, { cause: err }) : err instanceof Error ? err : new Error(String(err));
  }

  private startPing(rawTarget: string, count: number): void {
    if (this.ping?.run?.running) return;
    const id = ++this.pingIds;
    const check = checkTarget(rawTarget);
    const empty = { sent: 0, received: 0, loss: 0, final: false };
    if (!check.ok) {
      this.ping = { snap: { id, target: rawTarget, command: '', lines: [], samples: [], summary: empty, running: false, exitCode: null, failure: { kind: 'invalid', message: check.reason } } };
      this.post({ type: 'pingEnded', id, exitCode: null, summary: empty, failure: { kind: 'invalid', message: check.reason } });
      return;
    }
    const snap: PingSnapshot = { id, target: check.target, command: '', lines: [], samples: [], summary: empty, running: true };
    const state: { run?: PingRun; snap: PingSnapshot } = { snap };
    this.ping = state;
    const run = new PingRun({ target: check.target, kind: check.kind, count }, {
      onLine: (raw, summary, sample) => {
        const line = stripAnsi(raw);   // ping echoes names it resolved: text only, no control sequences
        if (snap.lines.length < MAX_PING_LINES) snap.lines.push(line);
        if (sample) snap.samples.push(sample);
        snap.summary = summary;
        if (this.ping === state) this.post({ type: 'pingLine', id, line, summary, ...(sample ? { sample } : {}) });
      },
      onEnd: (end) => {
        snap.running = false;
        snap.exitCode = end.exitCode;
        snap.summary = end.summary;
        if (end.failure) snap.failure = end.failure;
        if (this.ping === state) this.post({ type: 'pingEnded', id, exitCode: end.exitCode, summary: end.summary, ...(end.failure ? { failure: end.failure } : {}) });
        this.deps.log.info(`ping ${check.target}: exit ${end.exitCode}, ${end.summary.received}/${end.summary.sent} received${end.failure ? ` (${end.failure.kind})` : ''}`);
      },
    });
    state.run = run;
    snap.command = [run.command.command, ...run.command.args].join(' ');
    this.post({ type: 'pingStarted', id, target: check.target, command: snap.command });
  }
}

function title(name: string): string {
  return l10n.t('Console: {0}', plainText(plainName(name, 60)));
}

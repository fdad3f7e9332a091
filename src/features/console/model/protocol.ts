// The message protocol between the instance console panel (extension host) and its webview (browser bundle).
// Shared by both sides: no vscode, Node or DOM import here. One discriminated union per direction, with guards
// that both sides run on everything they receive (a webview message is untrusted input to the host).
//
// Sequence: the webview loads, sends `ready` (with the UI state it kept), and only then does the host post: first
// `l10n` (the page's translations: it builds nothing before them, so no English flashes), a full `snapshot`, then deltas (`log`, `ping*`, `tcpResult`, `notice`). Every time the webview is re-created (shown
// after being hidden, or restored after a reload) it sends `ready` again and gets a new snapshot.

import { hasOnly, isBool, isInt, isNum, isObj, isOptNum, isOptStr, isStr, isStrArray, type Obj } from '../../../core/guards';
import type { DiagnosisView } from '../../doctor/model/view';

/** The webview panel type; the serializer is registered for it and `onWebviewPanel:` names it. */
export const CONSOLE_VIEW_TYPE = 'openstack.console';

/** Which instance a panel shows; persisted in the webview state so a reload can reopen it. */
export interface ConsoleTarget {
  cloud: string;
  projectId: string;
  serverId: string;
  /** The instance name as last seen: untrusted text. */
  name: string;
}

export const TABS = ['log', 'ping', 'diagnose'] as const;
export type Tab = (typeof TABS)[number];

export interface UiState {
  tab: Tab;
  /** How many lines of the console log to fetch (os-getConsoleOutput length). */
  lines: number;
  follow: boolean;
  wrap: boolean;
  filter: string;
  pingTarget: string;
  pingCount: number;
  tcpPort: number;
}

/** What the webview keeps with setState and what the WebviewPanelSerializer gets back after a reload. */
export interface PanelState {
  v: 1;
  target: ConsoleTarget;
  ui: UiState;
}

export const DEFAULT_UI: UiState = { tab: 'log', lines: 500, follow: false, wrap: true, filter: '', pingTarget: '', pingCount: 5, tcpPort: 22 };
export const LINE_CHOICES = [100, 500, 1000, 5000] as const;
export const MAX_PING_COUNT = 100;
/** Host → webview log batches stay below this many lines; the webview keeps at most MAX_LOG_LINES. */
export const MAX_LOG_LINES = 5000;

export interface InstanceAddress {
  addr: string;
  type: 'fixed' | 'floating' | 'unknown';
  network: string;
  version: number;
}

export interface InstanceInfo extends ConsoleTarget {
  status: string;
  addresses: InstanceAddress[];
}

export interface PingSummary {
  sent: number;
  received: number;
  /** Percent, 0-100. */
  loss: number;
  min?: number;
  avg?: number;
  max?: number;
  /** True once ping printed its own statistics (the numbers are ping's, not our running count). */
  final: boolean;
}

/** One probe for the chart: its sequence number and round-trip time, or undefined when it got no answer. */
export interface PingSample {
  seq: number;
  rtt?: number;
}

export type PingFailure = 'missing' | 'denied' | 'invalid' | 'other';

export interface PingSnapshot {
  id: number;
  target: string;
  command: string;
  lines: string[];
  samples: PingSample[];
  summary: PingSummary;
  running: boolean;
  exitCode?: number | null;
  failure?: { kind: PingFailure; message: string };
}

export interface LogSnapshot {
  /** Complete lines, colours kept as SGR escapes, every other control sequence removed. */
  lines: string[];
  /** The unterminated last line (a login prompt), replaced by every update. */
  tail: string;
  /** ms since the epoch of the last successful fetch. */
  fetchedAt?: number;
  error?: string;
}

export interface FollowStatus {
  follow: boolean;
  /** When following: ms until the next check. */
  nextPollMs?: number;
}

// ---------------------------------------------------------------- host → webview

/** A page's translations, for l10n.config of '@vscode/l10n' (message → translation; empty in English). */
export type MessageBundle = Record<string, string>;

const MAX_BUNDLE_MESSAGES = 20_000;

/** A bundle as l10n.config takes it: a plain object of strings, bounded. */
export function isMessageBundle(x: unknown): x is MessageBundle {
  if (!isObj(x)) return false;
  const entries = Object.entries(x);
  return entries.length <= MAX_BUNDLE_MESSAGES && entries.every(([key, value]) => key.length <= 10_000 && isStr(value, 10_000));
}

export type HostMessage =
  /** Always the first answer to `ready`. */
  | { type: 'l10n'; bundle: MessageBundle }
  | { type: 'snapshot'; instance: InstanceInfo; log: LogSnapshot; followStatus: FollowStatus; ping?: PingSnapshot; tcp?: TcpResult; diagnosis?: DiagnosisView }
  | { type: 'showTab'; tab: Tab }
  | { type: 'diagnosis'; view: DiagnosisView }
  | { type: 'instance'; instance: InstanceInfo }
  | { type: 'log'; mode: 'replace' | 'append'; lines: string[]; tail: string; fetchedAt: number }
  | { type: 'logError'; message: string }
  | { type: 'followStatus'; status: FollowStatus }
  | { type: 'pingStarted'; id: number; target: string; command: string }
  | { type: 'pingLine'; id: number; line: string; summary: PingSummary; sample?: PingSample }
  | { type: 'pingEnded'; id: number; exitCode: number | null; summary: PingSummary; failure?: { kind: PingFailure; message: string } }
  | { type: 'tcpResult'; result: TcpResult }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string };

export interface TcpResult {
  target: string;
  port: number;
  ok: boolean;
  ms: number;
  message: string;
}

// ---------------------------------------------------------------- webview → host

export type WebviewMessage =
  | { type: 'ready'; ui: UiState }
  | { type: 'refreshLog'; lines: number }
  | { type: 'setFollow'; follow: boolean; lines: number }
  | { type: 'openFullLog' }
  | { type: 'copy'; text: string }
  | { type: 'openRemote'; console: 'serial' | 'novnc' }
  | { type: 'startPing'; target: string; count: number }
  | { type: 'stopPing' }
  | { type: 'tcpCheck'; target: string; port: number }
  | { type: 'diagnose' }
  /** The fix of check CHECKID in the last diagnosis. */
  | { type: 'applyFix'; checkId: string };

/** Bounds a copied text: a webview message can carry anything, the clipboard gets at most this. */
export const MAX_COPY_CHARS = 4_000_000;

// ---------------------------------------------------------------- guards

const isTab = (x: unknown): x is Tab => TABS.includes(x as Tab);

export function isUiState(x: unknown): x is UiState {
  return isObj(x) && hasOnly(x, Object.keys(DEFAULT_UI))
    && isTab(x.tab)
    && isInt(x.lines, 1, 100_000) && isBool(x.follow) && isBool(x.wrap) && isStr(x.filter, 1000)
    && isStr(x.pingTarget, 1000) && isInt(x.pingCount, 1, MAX_PING_COUNT) && isInt(x.tcpPort, 1, 65535);
}

export function isConsoleTarget(x: unknown): x is ConsoleTarget {
  return isObj(x) && isStr(x.cloud, 1000) && x.cloud.length > 0 && isStr(x.projectId, 200) && isStr(x.serverId, 200)
    && /^[\w-]{1,200}$/.test(x.serverId) && isStr(x.name, 1000);
}

export function isPanelState(x: unknown): x is PanelState {
  return isObj(x) && x.v === 1 && isConsoleTarget(x.target) && isUiState(x.ui);
}

/** Validates a message from the webview; anything else (another shape, extra fields, wrong types) is rejected. */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  const only = (...keys: string[]) => hasOnly(x, ['type', ...keys]);
  switch (x.type) {
    case 'ready': return only('ui') && isUiState(x.ui);
    case 'refreshLog': return only('lines') && isInt(x.lines, 1, 100_000);
    case 'setFollow': return only('follow', 'lines') && isBool(x.follow) && isInt(x.lines, 1, 100_000);
    case 'openFullLog': case 'stopPing': case 'diagnose': return only();
    case 'applyFix': return only('checkId') && isStr(x.checkId, 100);
    case 'copy': return only('text') && isStr(x.text, MAX_COPY_CHARS);
    case 'openRemote': return only('console') && (x.console === 'serial' || x.console === 'novnc');
    case 'startPing': return only('target', 'count') && isStr(x.target, 1000) && isInt(x.count, 1, MAX_PING_COUNT);
    case 'tcpCheck': return only('target', 'port') && isStr(x.target, 1000) && isInt(x.port, 1, 65535);
    default: return false;
  }
}

function isSummary(x: unknown): x is PingSummary {
  return isObj(x) && isNum(x.sent) && isNum(x.received) && isNum(x.loss) && isOptNum(x.min) && isOptNum(x.avg) && isOptNum(x.max) && isBool(x.final);
}
function isSample(x: unknown): x is PingSample {
  return isObj(x) && isNum(x.seq) && isOptNum(x.rtt);
}
function isFailure(x: unknown): boolean {
  return x === undefined || (isObj(x) && ['missing', 'denied', 'invalid', 'other'].includes(x.kind as string) && isStr(x.message));
}
function isInstance(x: unknown): x is InstanceInfo {
  return isConsoleTarget(x) && isStr((x as unknown as Obj).status, 100) && Array.isArray((x as unknown as Obj).addresses)
    && ((x as unknown as Obj).addresses as unknown[]).every((a) => isObj(a) && isStr(a.addr, 100) && isStr(a.network, 1000) && isNum(a.version) && ['fixed', 'floating', 'unknown'].includes(a.type as string));
}
function isTcp(x: unknown): x is TcpResult {
  return isObj(x) && isStr(x.target, 1000) && isInt(x.port, 1, 65535) && isBool(x.ok) && isNum(x.ms) && isStr(x.message);
}
function isPingSnapshot(x: unknown): x is PingSnapshot {
  return isObj(x) && isNum(x.id) && isStr(x.target, 1000) && isStr(x.command) && isStrArray(x.lines, 100_000)
    && Array.isArray(x.samples) && x.samples.every(isSample) && isSummary(x.summary) && isBool(x.running)
    && (x.exitCode === undefined || x.exitCode === null || isNum(x.exitCode)) && isFailure(x.failure);
}

const STATUSES = ['passed', 'failed', 'unknown'];

function isFixView(x: unknown): boolean {
  return x === undefined || (isObj(x) && isStr(x.title, 1000) && isStr(x.cli, 100_000));
}
function isEvidence(x: unknown): boolean {
  return isObj(x) && isStr(x.kind, 100) && isStr(x.id, 1000) && isStr(x.name, 1000) && isStr(x.field, 1000) && isStr(x.value, 100_000);
}
function isCheckView(x: unknown): boolean {
  return isObj(x) && isStr(x.id, 100) && isStr(x.title, 1000) && STATUSES.includes(x.status as string) && isStr(x.summary, 100_000)
    && Array.isArray(x.evidence) && x.evidence.length <= 1000 && x.evidence.every(isEvidence) && isOptStr(x.cli, 100_000) && isFixView(x.fix);
}
function isDiagnosisView(x: unknown): x is DiagnosisView {
  const verdict = isObj(x) ? x.verdict : undefined;
  return isObj(x) && isBool(x.running) && Array.isArray(x.checks) && x.checks.length <= 100 && x.checks.every(isCheckView)
    && (verdict === undefined || (isObj(verdict) && isStr(verdict.sentence, 100_000) && isOptStr(verdict.checkId, 100) && isFixView(verdict.fix)))
    && isOptNum(x.ms) && isOptNum(x.requests) && isOptStr(x.error) && isOptStr(x.cliNote);
}

/** Validates a message from the host (the webview also receives messages from nobody else, but checks anyway). */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'l10n': return isMessageBundle(x.bundle);
    case 'snapshot': {
      const log = x.log;
      const follow = x.followStatus;
      return isInstance(x.instance) && isObj(log) && isStrArray(log.lines, MAX_LOG_LINES) && isStr(log.tail, 100_000)
        && isOptNum(log.fetchedAt) && (log.error === undefined || isStr(log.error))
        && isObj(follow) && isBool(follow.follow) && isOptNum(follow.nextPollMs)
        && (x.ping === undefined || isPingSnapshot(x.ping)) && (x.tcp === undefined || isTcp(x.tcp))
        && (x.diagnosis === undefined || isDiagnosisView(x.diagnosis));
    }
    case 'showTab': return isTab(x.tab);
    case 'diagnosis': return isDiagnosisView(x.view);
    case 'instance': return isInstance(x.instance);
    case 'log': return (x.mode === 'replace' || x.mode === 'append') && isStrArray(x.lines, MAX_LOG_LINES) && isStr(x.tail, 100_000) && isNum(x.fetchedAt);
    case 'logError': return isStr(x.message);
    case 'followStatus': return isObj(x.status) && isBool(x.status.follow) && isOptNum(x.status.nextPollMs);
    case 'pingStarted': return isNum(x.id) && isStr(x.target, 1000) && isStr(x.command);
    case 'pingLine': return isNum(x.id) && isStr(x.line, 100_000) && isSummary(x.summary) && (x.sample === undefined || isSample(x.sample));
    case 'pingEnded': return isNum(x.id) && (x.exitCode === null || isNum(x.exitCode)) && isSummary(x.summary) && isFailure(x.failure);
    case 'tcpResult': return isTcp(x.result);
    case 'notice': return (x.level === 'info' || x.level === 'warning' || x.level === 'error') && isStr(x.text);
    default: return false;
  }
}

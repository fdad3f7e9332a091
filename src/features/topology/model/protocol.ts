// The message protocol between the network topology panel (extension host) and its webview (browser bundle).
// Shared by both sides: no vscode, Node or DOM import. One union per direction, with guards that both sides run
// on everything they receive (a webview message is untrusted input to the host).
//
// Sequence: the webview loads and sends `ready`; the host answers with `l10n` (the page's translations: it builds
// nothing before them), then the picture it has (or `loading`, then
// the picture once loaded), and sends a new one after each load: a Refresh, a command that changed the project,
// or a change the tree saw. The webview asks the host to reveal a node in the tree, to run a node's action, and
// to save the picture. Shown again after being hidden, it sends `ready` again.
import { hasOnly, isInt, isNum, isObj, isOptStr, isStr, isStrArray, type Obj } from '../../../core/guards';
import { isMessageBundle, type MessageBundle } from '../../console/model/protocol';
import { isActionId, type ActionId } from './actions';
import { LINK_KINDS, NODE_KINDS, STATUSES } from './graph';
import type { TopologyView, ViewLink, ViewNode } from './layout';

/** The webview panel type; the serializer is registered for it and `onWebviewPanel:` names it. */
export const TOPOLOGY_VIEW_TYPE = 'openstack.topology';

/** Whose network a panel shows; kept in the webview state so that a reload can reopen it. */
export interface TopologyTarget {
  cloud: string;
  projectId: string;
  /** As last seen: untrusted text. */
  projectName: string;
}

/** The part of the picture shown: its top-left corner (picture coordinates) and the zoom. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 4;

/** What the webview keeps with setState (across hide/show, and for the serializer after a reload). */
export interface TopologyState {
  v: 1;
  target: TopologyTarget;
  viewport?: Viewport;
  /** The selected node's ID. */
  selected?: string;
}

export interface LoadStats {
  /** ms since the epoch when the load finished. */
  at: number;
  ms: number;
  requests: number;
}

/** The largest SVG the host saves (a picture of a few thousand nodes is a few MB). */
const MAX_SVG_CHARS = 20_000_000;
const MAX_NODES = 20_000;
const MAX_LINKS = 100_000;

// ---------------------------------------------------------------- host → webview

export type HostMessage =
  /** Always the first answer to `ready`. */
  | { type: 'l10n'; bundle: MessageBundle }
  | { type: 'topology'; target: TopologyTarget; view: TopologyView; stats: LoadStats }
  | { type: 'loading' }
  | { type: 'loadFailed'; message: string }
  | { type: 'notice'; level: 'info' | 'error'; text: string };

// ---------------------------------------------------------------- webview → host

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  /** Reveal the node's resource in the tree. */
  | { type: 'reveal'; nodeId: string }
  | { type: 'run'; nodeId: string; action: ActionId }
  | { type: 'exportSvg'; svg: string };

// ---------------------------------------------------------------- guards

const isNodeId = (x: unknown): x is string => isStr(x, 300) && /^[a-zA-Z]+:[\w.:-]{1,250}$/.test(x);
const isOneOf = <T extends string>(values: readonly T[], x: unknown): x is T => values.includes(x as T);

function isTopologyTarget(x: unknown): x is TopologyTarget {
  return isObj(x) && hasOnly(x, ['cloud', 'projectId', 'projectName']) && isStr(x.cloud, 1000) && x.cloud.length > 0
    && isStr(x.projectId, 200) && /^[\w-]{1,200}$/.test(x.projectId) && isStr(x.projectName, 1000);
}

function isViewport(x: unknown): x is Viewport {
  return isObj(x) && hasOnly(x, ['x', 'y', 'scale']) && isNum(x.x) && isNum(x.y) && isNum(x.scale) && x.scale >= MIN_SCALE && x.scale <= MAX_SCALE;
}

export function isTopologyState(x: unknown): x is TopologyState {
  return isObj(x) && hasOnly(x, ['v', 'target', 'viewport', 'selected']) && x.v === 1 && isTopologyTarget(x.target)
    && (x.viewport === undefined || isViewport(x.viewport)) && (x.selected === undefined || isNodeId(x.selected));
}

/** Validates a message from the webview; anything else (another shape, extra fields, wrong types) is rejected. */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  const only = (...keys: string[]) => hasOnly(x, ['type', ...keys]);
  switch (x.type) {
    case 'ready': case 'refresh': return only();
    case 'reveal': return only('nodeId') && isNodeId(x.nodeId);
    case 'run': return only('nodeId', 'action') && isNodeId(x.nodeId) && isActionId(x.action);
    case 'exportSvg': return only('svg') && isStr(x.svg, MAX_SVG_CHARS) && x.svg.startsWith('<svg');
    default: return false;
  }
}

const isText = (x: unknown) => isStr(x, 10_000);

function isViewNode(x: unknown): x is ViewNode {
  const n = x as Obj;
  return isObj(n) && isNodeId(n.id) && isOneOf(NODE_KINDS, n.kind) && isStr(n.resourceId, 250) && isOneOf(STATUSES, n.status)
    && Array.isArray(n.actions) && n.actions.every(isActionId) && isText(n.title) && isText(n.label) && isStrArray(n.details, 1000, 10_000)
    && Array.isArray(n.rows) && n.rows.length <= 1000 && n.rows.every((r) => isObj(r) && isText(r.text) && isNum(r.y) && isOptStr(r.anchor, 300))
    && isInt(n.column, 0, NODE_KINDS.length - 1) && [n.x, n.y, n.w, n.h].every(isNum);
}

function isViewLink(x: unknown): x is ViewLink {
  const l = x as Obj;
  const isEnd = (end: unknown) => end === undefined || isNodeId(end);
  return isObj(l) && isStr(l.id, 600) && isOneOf(LINK_KINDS, l.kind) && isEnd(l.left) && isEnd(l.right)
    && isOptStr(l.leftAnchor, 300) && isOptStr(l.rightAnchor, 300) && isOptStr(l.broken) && [l.x1, l.y1, l.x2, l.y2].every(isNum);
}

function isTopologyView(x: unknown): x is TopologyView {
  const isHeading = (h: unknown) => isObj(h) && isText(h.text) && isNum(h.x) && isNum(h.y);
  return isObj(x) && Array.isArray(x.headings) && x.headings.length <= NODE_KINDS.length && x.headings.every(isHeading) && Array.isArray(x.nodes) && x.nodes.length <= MAX_NODES && x.nodes.every(isViewNode)
    && Array.isArray(x.links) && x.links.length <= MAX_LINKS && x.links.every(isViewLink) && isNum(x.width) && isNum(x.height);
}

/** Validates a message from the host (nobody else posts to the webview, but it checks anyway). */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'l10n': return isMessageBundle(x.bundle);
    case 'topology': {
      const stats = x.stats;
      return isTopologyTarget(x.target) && isTopologyView(x.view) && isObj(stats) && isNum(stats.at) && isNum(stats.ms) && isNum(stats.requests);
    }
    case 'loading': return true;
    case 'loadFailed': return isStr(x.message);
    case 'notice': return (x.level === 'info' || x.level === 'error') && isStr(x.text);
    default: return false;
  }
}

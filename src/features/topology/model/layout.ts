// Where each node and link of the graph is drawn: five columns, left to right external networks → routers →
// networks → instances → floating IPs. A column is sorted by name, then ID (instances grouped by their first
// network first, for fewer crossing links), and a node's place depends only on the nodes before it in its column
// (a floating IP's also on its instance's, level with which it sits when it can): the same data draws the same
// picture, and a new node moves none of the nodes sorted before it, nor any node of the columns to its left.
// Every text is made safe to show here (bidi controls escaped) and fitted to the node's width. Pure: unit-tested,
// with its time at scale.
import * as l10n from '@vscode/l10n';
import { plainText } from '../../../core/displayText';
import { NODE_KINDS, type Graph, type GraphLink, type GraphNode, type NodeKind } from './graph';

export const GEOMETRY = {
  margin: 24, nodeWidth: 200, columnGap: 100, head: 24, row: 16, pad: 8, gap: 14,
  /** Above the nodes: the columns' titles. */
  headings: 28,
  /** How far a broken link without its other end reaches. */
  stub: 44,
  /** What fits in a node's width, in characters of its title and of its rows. */
  titleChars: 24, rowChars: 27,
} as const;

export interface ViewRow {
  text: string;
  /** The row's middle. */
  y: number;
  anchor?: string;
}

export interface ViewNode extends Pick<GraphNode, 'id' | 'kind' | 'resourceId' | 'status' | 'actions'> {
  /** The name fitted to the node. */
  title: string;
  /** For screen readers: what it is, its whole name, its rows, and its broken links. */
  label: string;
  details: string[];
  rows: ViewRow[];
  column: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ViewLink extends GraphLink {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A column's title, above it. */
export interface Heading {
  text: string;
  x: number;
  y: number;
}

export interface TopologyView {
  headings: Heading[];
  nodes: ViewNode[];
  links: ViewLink[];
  width: number;
  height: number;
}

/** What a node is, for screen readers (a call: the words follow the display language). */
function kindName(kind: NodeKind): string {
  switch (kind) {
    case 'external': return l10n.t('External network');
    case 'router': return l10n.t('Router');
    case 'network': return l10n.t('Network');
    case 'instance': return l10n.t('Instance');
    case 'floatingIp': return l10n.t('Floating IP');
  }
}

/** The columns' titles, left to right (NODE_KINDS' order). */
const columnTitles = () => [l10n.t('External networks'), l10n.t('Routers'), l10n.t('Networks'), l10n.t('Instances'), l10n.t('Floating IPs')];

/** TEXT safe to show (bidi controls escaped), at most MAX characters. */
export function fitText(text: string, max: number): string {
  const chars = [...plainText(text)];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

// numeric: vm3 before vm10, as people number their instances
const collator = new Intl.Collator('en', { numeric: true });
const byNameThenId = (a: GraphNode, b: GraphNode) =>
  collator.compare(a.name, b.name) || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0);

/** Each column's nodes in drawing order. */
function columns(graph: Graph): GraphNode[][] {
  const rank = new Map<string, number>();
  /** KIND's nodes by GROUP (a number), then by name and ID. */
  const column = (kind: NodeKind, group: (n: GraphNode) => number = () => 0) => {
    const nodes = graph.nodes.filter((n) => n.kind === kind);
    const groups = new Map(nodes.map((n) => [n.id, group(n)]));
    // Infinity - Infinity is NaN, which the name order then decides
    const sorted = nodes.sort((a, b) => groups.get(a.id)! - groups.get(b.id)! || byNameThenId(a, b));
    sorted.forEach((n, i) => rank.set(n.id, NODE_KINDS.indexOf(kind) * 1e6 + i));
    return sorted;
  };
  /** The rank of the first node that a link of KIND joins to a node from the left (read once the left column is sorted). */
  const firstLeft = (kind: GraphLink['kind']) => {
    const first = new Map<string, number>();
    for (const l of graph.links) {
      if (l.kind === kind && l.left && l.right) first.set(l.right, Math.min(first.get(l.right) ?? Infinity, rank.get(l.left) ?? Infinity));
    }
    return (n: GraphNode) => first.get(n.id) ?? Infinity;
  };
  const [external, routers, networks] = [column('external'), column('router'), column('network')];
  const instances = column('instance', firstLeft('port'));
  return [external, routers, networks, instances, column('floatingIp', firstLeft('floating'))];
}

function rowsOf(node: GraphNode, y: number): ViewRow[] {
  const { head, row } = GEOMETRY;
  return node.rows.map((r, i) => ({ text: fitText(r.text, GEOMETRY.rowChars), y: y + head + i * row + row / 2, ...(r.anchor ? { anchor: r.anchor } : {}) }));
}

function viewNode(node: GraphNode, column: number, y: number, broken: string[]): ViewNode {
  const { head, row, pad } = GEOMETRY;
  const name = node.name || node.resourceId;
  const rows = rowsOf(node, y);
  return {
    id: node.id, kind: node.kind, resourceId: node.resourceId, status: node.status, actions: node.actions,
    title: fitText(name, GEOMETRY.titleChars),
    label: plainText([l10n.t('{0} {1}', kindName(node.kind), name), ...node.rows.map((r) => r.text), ...broken.map((b) => l10n.t('broken: {0}', b))].join(', ')),
    details: node.details.map(plainText),
    rows, column,
    x: columnX(column), y, w: GEOMETRY.nodeWidth, h: head + rows.length * row + pad,
  };
}

const columnX = (column: number) => GEOMETRY.margin + column * (GEOMETRY.nodeWidth + GEOMETRY.columnGap);

/** Where a link meets NODE: the row of ANCHOR, else the middle of its title. */
function anchorY(node: ViewNode, anchor: string | undefined): number {
  return node.rows.find((r) => r.anchor !== undefined && r.anchor === anchor)?.y ?? node.y + GEOMETRY.head / 2;
}

function viewLink(link: GraphLink, nodes: Map<string, ViewNode>): ViewLink {
  const left = link.left === undefined ? undefined : nodes.get(link.left)!;
  const right = link.right === undefined ? undefined : nodes.get(link.right)!;
  const from = left && { x: left.x + left.w, y: anchorY(left, link.leftAnchor) };
  const to = right && { x: right.x, y: anchorY(right, link.rightAnchor) };
  // a broken link without one of its ends is a stub reaching towards where that end would be
  const start = from ?? { x: to!.x - GEOMETRY.stub, y: to!.y };
  const end = to ?? { x: start.x + GEOMETRY.stub, y: start.y };
  return { ...link, ...(link.broken ? { broken: plainText(link.broken) } : {}), x1: start.x, y1: start.y, x2: end.x, y2: end.y };
}

export function layoutGraph(graph: Graph): TopologyView {
  const { margin, gap, headings } = GEOMETRY;
  const brokenAt = new Map<string, string[]>();
  for (const l of graph.links) {
    for (const end of [l.left, l.right]) if (l.broken && end) brokenAt.set(end, [...(brokenAt.get(end) ?? []), l.broken]);
  }
  const instanceOf = new Map(graph.links.filter((l) => l.kind === 'floating' && l.left && l.right).map((l) => [l.right!, l.left!]));
  const placed = new Map<string, ViewNode>();
  const drawnColumns = columns(graph);
  drawnColumns.forEach((nodes, column) => {
    let cursor = margin + headings;
    for (const node of nodes) {
      // a floating IP level with its instance, unless the nodes above it are in the way
      const beside = instanceOf.get(node.id);
      const y = Math.max(cursor, (beside && placed.get(beside)?.y) || cursor);
      const view = viewNode(node, column, y, brokenAt.get(node.id) ?? []);
      placed.set(node.id, view);
      cursor = y + view.h + gap;
    }
  });
  const nodes = [...placed.values()];
  const titles = columnTitles();
  // in ID order: the same data draws the links in the same order (which of two crossing ones is on top)
  const links = graph.links.map((l) => viewLink(l, placed)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    headings: drawnColumns.flatMap((nodes, column) => (nodes.length ? [{ text: titles[column], x: columnX(column), y: margin + headings / 2 - 4 }] : [])),
    nodes, links,
    width: Math.max(0, ...nodes.map((n) => n.x + n.w), ...links.map((l) => l.x2)) + margin,
    height: Math.max(0, ...nodes.map((n) => n.y + n.h)) + margin,
  };
}

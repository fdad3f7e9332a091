// Draws the laid-out topology as SVG elements: the columns' titles, the links (under the nodes), then the nodes,
// each focusable with its role and label, and the context its right-click menu gets (model/nodeMenu.ts). Built
// with createElementNS, setAttribute and textContent only: names come from the cloud and are never parsed as
// markup. Colours come from topology.css (the VS Code theme's variables).
import type { TopologyView, ViewLink, ViewNode } from '../src/features/topology/model/layout';
import { nodeContext } from '../src/features/topology/model/nodeMenu';
import type { TopologyTarget } from '../src/features/topology/model/protocol';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with ATTRS (numbers and names only; text goes in with textContent). */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A link's curve: level at both ends, so that links meet the nodes square on. */
function curve(l: ViewLink): string {
  const bend = (l.x2 - l.x1) / 2;
  return `M ${l.x1} ${l.y1} C ${l.x1 + bend} ${l.y1}, ${l.x2 - bend} ${l.y2}, ${l.x2} ${l.y2}`;
}

function linkElement(l: ViewLink): SVGGElement {
  const g = svgEl('g', { class: 'link', 'data-id': l.id, 'data-kind': l.kind });
  if (l.left) g.setAttribute('data-left', l.left);
  if (l.right) g.setAttribute('data-right', l.right);
  g.append(svgEl('path', { class: 'link-line', d: curve(l) }), svgEl('path', { class: 'link-hit', d: curve(l) }));
  if (l.broken) {
    g.setAttribute('data-broken', 'true');
    g.append(svgEl('title', {}, l.broken));
    // the mark stands where the missing end would be
    const [x, y] = l.left ? [l.x2, l.y2] : [l.x1, l.y1];
    g.append(svgEl('text', { class: 'broken-mark', x, y, 'aria-hidden': 'true' }, '✗'));
  }
  return g;
}

function nodeElement(target: TopologyTarget, n: ViewNode): SVGGElement {
  const g = svgEl('g', {
    class: 'node', 'data-id': n.id, 'data-kind': n.kind, 'data-resource-id': n.resourceId, 'data-status': n.status,
    tabindex: 0, role: 'button', 'aria-pressed': 'false', 'aria-label': n.label,
    'data-vscode-context': JSON.stringify(nodeContext(target, n)),
  });
  const textX = n.x + 10;
  g.append(
    svgEl('rect', { class: 'node-box', x: n.x, y: n.y, width: n.w, height: n.h, rx: 4 }),
    svgEl('rect', { class: 'node-status', x: n.x, y: n.y, width: 4, height: n.h, rx: 2 }),
    svgEl('text', { class: 'node-title', x: textX, y: n.y + 12 }, n.title),
    ...n.rows.map((r) => svgEl('text', { class: 'node-row', x: textX, y: r.y }, r.text)),
  );
  return g;
}

export interface Drawn {
  nodes: Map<string, SVGGElement>;
  links: Map<string, SVGGElement>;
}

/** Replaces SVG's content with VIEW, the picture of TARGET's project. */
export function drawTopology(svg: SVGSVGElement, target: TopologyTarget, view: TopologyView): Drawn {
  const nodes = new Map(view.nodes.map((n) => [n.id, nodeElement(target, n)]));
  const links = new Map(view.links.map((l) => [l.id, linkElement(l)]));
  const headings = svgEl('g', { class: 'headings', 'aria-hidden': 'true' });
  headings.append(...view.headings.map((h) => svgEl('text', { class: 'column-title', x: h.x, y: h.y }, h.text)));
  const linkLayer = svgEl('g', { class: 'links' });
  const nodeLayer = svgEl('g', { class: 'nodes' });
  linkLayer.append(...links.values());
  nodeLayer.append(...nodes.values());
  svg.replaceChildren(headings, linkLayer, nodeLayer);
  return { nodes, links };
}

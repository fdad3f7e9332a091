// The network topology webview (bundled to dist/webview/topology.js): the picture the host laid out, drawn as
// SVG (topologySvg.ts), with zoom, pan and fit (viewport.ts), hover details, a selection that lights up its way
// and reveals the resource in the tree, the selected node's actions (also in its right-click menu, which VS Code
// draws from package.json), keyboard moves between nodes, and Export SVG. Everything shown comes from the host
// by postMessage and goes into the DOM as text. The viewport and the selection are kept with setState, so they
// survive hide/show and (through the serializer) a window reload.
// Its words come from the host as well: the translations of the display language (`l10n`, the first answer to
// `ready`) configure @vscode/l10n before anything is built.
import './topology.css';
import * as l10n from '@vscode/l10n';
import { plainText } from '../src/core/displayText';
import { ACTIONS } from '../src/features/topology/model/actions';
import type { TopologyView, ViewNode } from '../src/features/topology/model/layout';
import { neighbour, type Direction } from '../src/features/topology/model/navigation';
import { highlightOf } from '../src/features/topology/model/path';
import {
  isHostMessage, isTopologyState, type HostMessage, type LoadStats, type TopologyState, type TopologyTarget, type WebviewMessage,
} from '../src/features/topology/model/protocol';
import { buildWhenTranslated, connectHost } from './host';
import { exportSvg } from './svgExport';
import { drawTopology, svgEl, type Drawn } from './topologySvg';
import { button, componentsReady, el } from './ui';
import { ViewportControl } from './viewport';

const host = connectHost<WebviewMessage, HostMessage, TopologyState>({ isMessage: isHostMessage, isState: isTopologyState }, (m) => onMessage(m));
const restored = host.restored;
let target: TopologyTarget | undefined = restored?.target;
let selected: string | undefined = restored?.selected;
let view: TopologyView | undefined;
let drawn: Drawn | undefined;

const send = (message: WebviewMessage) => host.send(message);

const onMessage = buildWhenTranslated<HostMessage>(buildPage);

/** Builds the page in the display language and answers the host's messages. */
function buildPage(): (m: HostMessage) => void {
  // ---------------------------------------------------------------- page

  function saveState(): void {
    // not before the first picture: the viewport is the kept one only from then on
    if (target && view) host.save({ v: 1, target, viewport: viewport.state, ...(selected ? { selected } : {}) });
  }

  const titleEl = el('h1', { id: 'topology-title', text: l10n.t('Network topology') });
  const statusEl = el('span', { id: 'topology-status', className: 'muted', attrs: { role: 'status' } });
  const refreshBtn = button(l10n.t('Refresh'), { id: 'refresh', title: l10n.t('Load the project again'), onClick: () => send({ type: 'refresh' }) });
  const zoomOut = button('−', { id: 'zoom-out', title: l10n.t('Zoom out (-)'), onClick: () => viewport.zoomBy(1 / 1.25) });
  const zoomIn = button('+', { id: 'zoom-in', title: l10n.t('Zoom in (+)'), onClick: () => viewport.zoomBy(1.25) });
  const fitBtn = button(l10n.t('Fit'), { id: 'fit', title: l10n.t('Show the whole picture (0)'), onClick: () => viewport.fit() });
  const exportBtn = button(l10n.t('Export SVG…'), { id: 'export', title: l10n.t('Save the picture as an SVG file'), onClick: () => exportPicture() });
  const notice = el('div', { id: 'notice', className: 'notice', attrs: { role: 'alert' } });
  const svg = svgEl('svg', { id: 'topology', class: 'topology', role: 'group', 'aria-label': l10n.t('Network topology') });
  const tooltip = el('div', { id: 'tooltip', className: 'tooltip', attrs: { role: 'tooltip' } });
  const stage = el('div', { className: 'stage' }, svg, tooltip);
  const selection = el('footer', { id: 'selection', className: 'bar', attrs: { 'aria-live': 'polite' } });
  const viewport = new ViewportControl(svg, () => saveState());
  tooltip.hidden = true;

  const hint = l10n.t('Click a node (or Tab to it and press Enter) to light up its way and reveal it in the OpenStack view; right-click it for its commands. Dashed red links are broken: hover for why. The wheel scrolls, Ctrl+wheel or +/− zooms, dragging pans, 0 fits.');

  document.getElementById('app')?.replaceChildren(
    el('header', { className: 'bar' }, titleEl, statusEl, el('span', { className: 'spacer' }), refreshBtn.el, zoomOut.el, zoomIn.el, fitBtn.el, exportBtn.el),
    notice, stage, selection,
  );
  showNotice('info', '');

  function showNotice(level: 'info' | 'error', text: string): void {
    notice.textContent = text;
    notice.className = `notice ${level}`;
    notice.hidden = !text;
  }

  function exportPicture(): void {
    if (view) send({ type: 'exportSvg', svg: exportSvg(svg, { width: view.width, height: view.height }) });
  }

  // ---------------------------------------------------------------- the picture

  function show(shown: TopologyTarget, next: TopologyView, stats: LoadStats): void {
    const started = performance.now();
    const first = !view;
    // a keyboard user keeps their place across a refresh
    const focused = nodeOf(document.activeElement)?.dataset.id;
    view = next;
    drawn = drawTopology(svg, shown, next);
    if (focused) drawn.nodes.get(focused)?.focus();
    viewport.setContent({ x: 0, y: 0, w: next.width, h: next.height });
    if (first && restored?.viewport) viewport.state = restored.viewport;
    else if (first) viewport.fitWidth();
    select(next.nodes.some((n) => n.id === selected) ? selected : undefined);
    document.body.dataset.loading = 'false';
    document.body.dataset.loadedAt = String(stats.at);
    refreshBtn.disabled = false;
    showNotice('info', '');
    const broken = next.links.filter((l) => l.broken).length;
    const counts = [l10n.t('{0} nodes', next.nodes.length), l10n.t('{0} links', next.links.length), ...(broken ? [l10n.t('{0} broken', broken)] : [])];
    const summary = next.nodes.length ? counts.join(' · ') : l10n.t('No network, router or instance in this project yet');
    // drawn: once the browser has laid the new elements out
    requestAnimationFrame(() => {
      const loaded = l10n.t('loaded {0} in {1} ms ({2} requests)', new Date(stats.at).toLocaleTimeString(), stats.ms, stats.requests);
      statusEl.textContent = [summary, loaded, l10n.t('drawn in {0} ms', Math.round(performance.now() - started))].join(' · ');
      document.body.dataset.ready = 'true';
    });
  }

  function showTarget(t: TopologyTarget): void {
    target = t;
    const name = plainText(t.projectName);
    titleEl.textContent = l10n.t('Network topology of {0}', name);
    svg.setAttribute('aria-label', l10n.t('Network topology of project {0} in {1}', name, plainText(t.cloud)));
    document.title = l10n.t('Topology: {0}', name);
  }

  /** Selects node ID (none: undefined), lights up its way, offers its actions; REVEAL: in the tree too. */
  function select(id: string | undefined, reveal = false): void {
    const node = id === undefined ? undefined : view?.nodes.find((n) => n.id === id);
    selected = node?.id;
    saveState();
    const lit = node && view ? highlightOf(view.links, node) : undefined;
    svg.classList.toggle('has-selection', !!lit);
    for (const [nodeId, g] of drawn?.nodes ?? []) {
      g.classList.toggle('selected', nodeId === selected);
      g.classList.toggle('on-path', !!lit?.nodes.has(nodeId));
      g.setAttribute('aria-pressed', String(nodeId === selected));
    }
    for (const [linkId, g] of drawn?.links ?? []) g.classList.toggle('on-path', !!lit?.links.has(linkId));
    showSelection(node);
    if (node && reveal) send({ type: 'reveal', nodeId: node.id });
  }

  function showSelection(node: ViewNode | undefined): void {
    if (!node) {
      selection.replaceChildren(el('span', { className: 'muted', text: hint }));
      return;
    }
    const [heading, ...details] = node.details;
    const actions = node.actions.map((a) => button(ACTIONS[a].title, { id: `action-${a}`, onClick: () => send({ type: 'run', nodeId: node.id, action: a }) }).el);
    selection.replaceChildren(
      el('strong', { id: 'selection-name', text: heading }),
      el('span', { id: 'selection-details', className: 'muted', text: details.join(' · ') }),
      el('span', { className: 'spacer' }),
      ...actions,
    );
  }

  // ---------------------------------------------------------------- pointer and keyboard

  const nodeOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<SVGGElement>('.node') : null);
  const viewNode = (g: SVGGElement | null) => (g ? view?.nodes.find((n) => n.id === g.dataset.id) : undefined);

  svg.addEventListener('click', (e) => {
    if (viewport.takeDragged()) return;
    const node = viewNode(nodeOf(e.target));
    select(node?.id, !!node);
  });

  const KEYS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
  svg.addEventListener('keydown', (e) => {
    const node = viewNode(nodeOf(e.target));
    if (!node || !view) return;
    if (KEYS[e.key]) {
      e.preventDefault();
      const next = neighbour(view.nodes, node, KEYS[e.key]);
      if (next) drawn?.nodes.get(next.id)?.focus();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(node.id, true);
    } else if (e.key === 'Escape') {
      select(undefined);
    }
  });

  stage.addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '=') viewport.zoomBy(1.25);
    else if (e.key === '-') viewport.zoomBy(1 / 1.25);
    else if (e.key === '0') viewport.fit();
  });

  svg.addEventListener('focusin', (e) => {
    const node = viewNode(nodeOf(e.target));
    if (!node) return;
    viewport.show({ x: node.x, y: node.y, w: node.w, h: node.h });
    const box = drawn!.nodes.get(node.id)!.getBoundingClientRect();
    showTooltip(node.details, box.left, box.bottom);
  });
  svg.addEventListener('focusout', () => { tooltip.hidden = true; });

  svg.addEventListener('pointermove', (e) => {
    const node = viewNode(nodeOf(e.target));
    const link = e.target instanceof Element ? e.target.closest<SVGGElement>('.link[data-broken]') : null;
    const why = link && view?.links.find((l) => l.id === link.dataset.id)?.broken;
    if (node) showTooltip(node.details, e.clientX + 12, e.clientY + 12);
    else if (why) showTooltip([why], e.clientX + 12, e.clientY + 12);
    else tooltip.hidden = true;
  });
  svg.addEventListener('pointerleave', () => { tooltip.hidden = true; });

  /** LINES near the client point X, Y, kept inside the stage. */
  function showTooltip(lines: string[], x: number, y: number): void {
    tooltip.replaceChildren(...lines.map((text) => el('div', { text })));
    tooltip.hidden = false;
    const stageBox = stage.getBoundingClientRect();
    const left = Math.min(x - stageBox.left, stageBox.width - tooltip.offsetWidth - 4);
    const top = Math.min(y - stageBox.top, stageBox.height - tooltip.offsetHeight - 4);
    // CSSOM, which the Content Security Policy allows (a style attribute would not be)
    tooltip.style.left = `${Math.max(4, left)}px`;
    tooltip.style.top = `${Math.max(4, top)}px`;
  }

  // ---------------------------------------------------------------- messages

  function onHostMessage(m: HostMessage): void {
    switch (m.type) {
      case 'topology':
        showTarget(m.target);
        show(m.target, m.view, m.stats);
        return;
      case 'loading':
        document.body.dataset.loading = 'true';
        refreshBtn.disabled = true;
        if (!view) statusEl.textContent = l10n.t("Loading the project's networks, routers and instances…");
        return;
      case 'loadFailed':
        document.body.dataset.loading = 'false';
        refreshBtn.disabled = false;
        showNotice('error', m.message);
        return;
      case 'notice':
        showNotice(m.level, m.text);
        return;
    }
  }

  if (target) showTarget(target);
  showSelection(undefined);
  return onHostMessage;
}

void componentsReady.then(() => { document.body.dataset.componentsReady = 'true'; });
send({ type: 'ready' });

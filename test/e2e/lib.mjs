/* global document, window, MouseEvent, MutationObserver -- used in code that Playwright runs inside the page */
// Playwright helpers for driving the real VS Code workbench served by code-server, with Debian's chromium
// (playwright-core bundles no browser, and none may be downloaded here).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../scripts/codeserver/server.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** The clouds.yaml the workbench under test reads (OS_CLIENT_CONFIG_FILE); tests write it. */
export const E2E_CLOUDS_YAML = join(ROOT, '.state', `e2e-openstack-${process.pid}`, 'clouds.yaml');  // one per run: runs may overlap
export const SHOT_DIR = process.env.SHOT_DIR || join(ROOT, 'test-results', 'screenshots');

/** Launches headless chromium with a throw-away profile; records every request (see assertNoExternalRequests). */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'openstack-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
      '--disable-background-networking', '--disable-component-update',
      // Any host but loopback fails to resolve, so an external fetch shows up as a failed request instead of hanging.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
  const network = recordNetwork(context);
  const page = context.pages()[0] ?? await context.newPage();
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  return { context, page, network, close };
}

const LOCAL_PROTOCOLS = new Set(['data:', 'blob:', 'about:', 'chrome:', 'chrome-extension:', 'vscode-webview:']);
function isLocal(url) {
  try {
    const u = new URL(url);
    return LOCAL_PROTOCOLS.has(u.protocol) || u.hostname === '127.0.0.1' || u.hostname === 'localhost';
  } catch {
    return true;
  }
}

/**
 * Records non-loopback requests. Webview resources use https://*.vscode-cdn.net URLs but are answered by the
 * webview's service worker (which reads them through code-server); only those are allowed.
 */
function recordNetwork(context) {
  const rec = { requests: 0, external: [] };
  context.on('request', () => { rec.requests++; });
  context.on('requestfinished', async req => {
    if (isLocal(req.url())) return;
    const resp = await req.response().catch(() => null);
    rec.external.push({ url: req.url(), fromServiceWorker: resp?.fromServiceWorker() ?? false });
  });
  context.on('requestfailed', req => {
    if (!isLocal(req.url())) rec.external.push({ url: req.url(), failed: req.failure()?.errorText });
  });
  return rec;
}

/** Throws when any request left 127.0.0.1 (other than webview resources served by the service worker). */
export function assertNoExternalRequests(network) {
  const leaked = network.external.filter(x => !x.fromServiceWorker);
  if (leaked.length) throw new Error(`requests left 127.0.0.1: ${JSON.stringify(leaked, null, 1)}`);
}

/**
 * Workbench URL. `payload` entries are the web workbench's launch options, e.g. extensionDevelopmentPath; paths are
 * server paths and become vscode-remote:// URIs on the page's own authority (host:port).
 */
export function workbenchUrl(csUrl, folder, payload = {}) {
  const authority = new URL(csUrl).host;
  const entries = Object.entries(payload).map(([k, v]) => [k, `vscode-remote://${authority}${v}`]);
  const query = `folder=${encodeURIComponent(folder)}`;
  return `${csUrl}/?${query}${entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : ''}`;
}

/** Opens the workbench and waits until its activity bar shows the OpenStack item. */
export async function openWorkbench(page, url) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await activityItem(page).waitFor({ timeout: 60_000 });
  await dismissNotifications(page);
}

/** Closes every notification toast (e.g. from built-in extensions) so it covers nothing. */
export async function dismissNotifications(page) {
  const toasts = page.locator('.notifications-toasts .notification-toast:visible');
  for (let i = 0; i < 10 && (await toasts.count()) > 0; i++) {
    const toast = toasts.first();
    await toast.hover({ timeout: 2_000 }).catch(() => {}); // its toolbar (with "Clear Notification") shows on hover
    await toast.locator('.codicon-notifications-clear').click({ timeout: 2_000 }).catch(() => {});
    await toast.waitFor({ state: 'detached', timeout: 2_000 }).catch(() => {});
  }
}

let shotCount = 0;
/** Saves a full-window PNG as test-results/screenshots/NN-name.png and returns its path. */
export async function shot(page, name) {
  mkdirSync(SHOT_DIR, { recursive: true });
  const path = join(SHOT_DIR, `${String(++shotCount).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path });
  return path;
}

export const activityItem = page => page.locator('.part.activitybar').getByRole('tab', { name: /^OpenStack/ });
export const sideBar = page => page.locator('.part.sidebar');

/** Clicks the OpenStack activity-bar item (if its container is not already shown) and waits for the side bar. */
export async function openOpenStack(page) {
  const item = activityItem(page);
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
  await sideBar(page).locator('.composite.title', { hasText: /OpenStack/i }).waitFor({ timeout: 15_000 });
  return sideBar(page);
}

/** Runs a command by its palette title ("OpenStack: Refresh"), as a user would with F1. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** TEXT as a regular expression that matches it literally. */
export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A row of a tree in the side bar whose accessible name starts with `label` (a string or RegExp). */
export function treeRow(page, label) {
  const name = typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}`) : label;
  return sideBar(page).getByRole('treeitem', { name });
}

// ---- a tiny sequential test registry: *.e2e.mjs files call test(); test/e2e/run.mjs runs them on one workbench.
const registered = [];
/** Registers a UI test; fn receives { page, csUrl, workspace }. Tests run in file order on a shared page. */
export function test(name, fn) {
  registered.push({ name, fn });
}
export const registeredTests = () => registered;
const grep = new RegExp(process.env.E2E_GREP ?? '');
/** Whether E2E_GREP selects the test NAME: files that start work at import (a boot) do so only for tests that run. */
export const selected = name => grep.test(name);

/** Work a test file starts at import (an instance booting while the other tests run). A test that takes an API
 * away (the stopped-Glance test) first waits for it, so that a server create never meets a stopped service. */
const backgroundWork = [];
export function inBackground(promise) {
  backgroundWork.push(promise.catch(() => undefined));
  return promise;
}
export const backgroundSettled = () => Promise.all(backgroundWork);

/**
 * A registry of dependent steps: once one fails, the later ones (but tests registered with test(), e.g. a clean-up)
 * are skipped rather than run into their timeouts.
 */
export function dependentSteps() {
  let broken = '';
  return (name, fn) => test(name, async (ctx) => {
    if (broken) throw new Error(`skipped: "${broken}" failed`);
    await fn(ctx).catch((err) => { broken = name; throw err; });
  });
}

// ---- the quick input (palette, pickers, multi-step inputs), context menus and modal dialogs, as a user drives them

const QUICK_INPUT = '.quick-input-widget';
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Polls FN every INTERVALMS until it returns a truthy value (returned); fails naming WHAT after TIMEOUTMS. */
export async function until(what, fn, timeoutMs = 30_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Error notifications shown now (their text), e.g. a command's failure. */
export async function errorToasts(page) {
  return page.locator('.notifications-toasts .notification-toast').filter({ has: page.locator('.codicon-error') }).allInnerTexts();
}

/**
 * Runs the palette command whose title is exactly TITLE (runCommand takes the first fuzzy match). The palette
 * narrows its list while it filters, so the row is found by its label, never by a position read earlier.
 * THEN_HIDDEN: wait until the palette has closed (not for a command that opens a quick input of its own).
 */
export async function runExactCommand(page, title, { thenHidden = false } = {}) {
  const input = page.locator(`${QUICK_INPUT} input[type="text"]`);
  // F1 can go nowhere while the focus moves (a terminal just killed or opened), or the palette can close again
  // before it takes the text: pressed again, as a user would
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const typed = await input.waitFor({ state: 'visible', timeout: 4000 })
      .then(() => input.fill(`>${title}`, { timeout: 5000 }))
      .then(() => true, () => false);
    if (typed) break;
    if (attempt === 3) throw new Error(`the command palette did not take "${title}" after pressing F1 three times`);
  }
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  const row = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) }).first();
  await row.waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`no palette entry "${title}" in: ${(await rows.locator('.label-name').allInnerTexts()).join(' | ')}`);
  });
  await row.click();
  if (thenHidden) await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Screen reader mode ON or off (xterm keeps its text in an accessibility tree only when on): toggled only when it
 * is not already so, so that a test that failed before turning it off does not flip it for the next one.
 */
export async function screenReaderMode(page, on) {
  const active = await page.locator('.part.statusbar', { hasText: 'Screen Reader Optimized' }).isVisible();
  if (active !== on) await runExactCommand(page, 'Toggle Screen Reader Accessibility Mode', { thenHidden: true });
}

/**
 * Waits until the quick input shows a title matching TITLE (e.g. /^Create network .*\(2\/8\)$/) and takes input
 * (a multi-step input keeps the previous step shown, disabled, while it loads the next); returns the title. Fails
 * at once with the message when an error notification appears or the input box keeps refusing its value.
 */
export async function waitForQuickInput(page, title, timeout = 60_000) {
  const widget = page.locator(QUICK_INPUT);
  const deadline = Date.now() + timeout;
  let refusedSince = 0;
  let last = '';
  for (;;) {
    if (await widget.isVisible()) {
      last = (await widget.locator('.quick-input-title').textContent().catch(() => '')) ?? '';
      const enabled = await widget.locator('input[type="text"]').isEnabled().catch(() => false);
      if (enabled && title.test(last)) return last;
      if (await widget.locator('.monaco-inputbox.error').isVisible().catch(() => false)) {
        refusedSince ||= Date.now();
        if (Date.now() - refusedSince > 3000) {
          throw new Error(`"${last}" refuses the value: ${await widget.locator('.quick-input-message').innerText().catch(() => '?')}`);
        }
      } else {
        refusedSince = 0;
      }
    }
    const errors = await errorToasts(page);
    if (errors.length) throw new Error(`error shown while waiting for the quick input ${title}: ${errors.join(' / ')}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for the quick input ${title}; last title: "${last}"`);
    await sleep(100);
  }
}

/** The quick pick's items as their accessible names ("label, description, detail"). */
export function quickItems(page) {
  return page.locator(`${QUICK_INPUT} .monaco-list-row`).evaluateAll(rows => rows.map(r => r.getAttribute('aria-label') ?? ''));
}

/**
 * Clicks the quick-pick item whose label (without its $(icon)) is LABEL (a string: exactly; or a RegExp). FILTER
 * first types that text into the filter, for long lists whose rows are not all rendered. In a single pick the
 * click accepts the item; with checkboxes it toggles it.
 */
export async function pickQuickItem(page, label, { filter, timeout = 30_000 } = {}) {
  const widget = page.locator(QUICK_INPUT);
  if (filter !== undefined) await widget.locator('input[type="text"]').fill(filter);
  const rows = widget.locator('.monaco-list-row');
  const deadline = Date.now() + timeout;
  for (;;) {
    const labels = await rows.evaluateAll(els => els.map(e => (e.querySelector('.label-name')?.textContent ?? '').trim())).catch(() => []);
    const index = labels.findIndex(l => (typeof label === 'string' ? l === label : label.test(l)));
    if (index >= 0) {
      await rows.nth(index).click();
      return;
    }
    if (Date.now() > deadline) throw new Error(`no quick-pick item ${label} in: ${labels.join(' | ')}`);
    await sleep(100);
  }
}

/** Replaces the quick input's value with VALUE and presses Enter. */
export async function enterQuickInput(page, value) {
  const input = page.locator(`${QUICK_INPUT} input[type="text"]`);
  await input.fill(value);
  await input.press('Enter');
}

/**
 * Right-clicks ROW (a locator; in a webview's frame too: the workbench draws that menu in the top page as well)
 * and runs the context-menu item ITEM (its exact title), after WHILEOPEN (e.g. a screenshot of the menu); returns the
 * titles of all the items the menu offered.
 */
export async function contextMenu(page, row, item, { whileOpen } = {}) {
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .action-menu-item', { hasText: item }).filter({ hasText: new RegExp(`^\\s*${escapeRegExp(item)}\\s*$`) });
  const offered = async () => (await page.locator('.context-view .action-menu-item .action-label').allInnerTexts()).map((t) => t.trim());
  try {
    await entry.first().waitFor({ timeout: 10_000 });
  } catch {
    const titles = await offered();
    await page.keyboard.press('Escape');
    throw new Error(`no context-menu item "${item}"; offered: ${titles.join(' | ')}`);
  }
  const titles = await offered();
  await entry.first().hover();   // the menu takes a click only once it has settled under the pointer
  await sleep(150);
  await whileOpen?.();
  await entry.first().click();
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.mouse.move(900, 600);
  return titles;
}

/** Waits for the modal dialog (e.g. a delete confirmation), clicks BUTTON and returns the dialog's text. */
export async function answerDialog(page, button, timeout = 30_000) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout });
  const text = await dialog.locator('.dialog-message-row').innerText().catch(() => dialog.innerText());
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  return text;
}

/** Expands (or collapses) the tree row ROW (a locator) unless it already is; then moves the pointer off the tree. */
export async function setExpanded(page, row, expanded, timeout = 30_000) {
  await row.waitFor({ timeout });
  if (((await row.getAttribute('aria-expanded')) === 'true') !== expanded) await row.locator('.monaco-tl-twistie').click();
  await page.mouse.move(900, 600);
  const deadline = Date.now() + 10_000;
  while (((await row.getAttribute('aria-expanded')) === 'true') !== expanded) {
    if (Date.now() > deadline) throw new Error(`the row did not ${expanded ? 'expand' : 'collapse'}`);
    await sleep(100);
  }
}

/**
 * Chooses FILE in code-server's simple file dialog (a quick input titled TITLE): types the path once the dialog
 * lists a folder, waits until it lists the file, and presses Enter. The dialog starts in the folder the command
 * asks for, or, when that folder does not exist (~/.ssh on a fresh machine), in its parent with the name typed.
 */
export async function chooseFileInDialog(page, title, file, timeout = 30_000) {
  const widget = page.locator(QUICK_INPUT);
  const input = widget.locator('input[type="text"]');
  const base = file.split('/').pop();
  const deadline = Date.now() + timeout;
  const ready = async () => (await widget.isVisible()) && (await widget.locator('.quick-input-title').textContent()) === title
    && (await quickItems(page)).length > 0;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`the file dialog "${title}" did not open`);
    await sleep(100);
  }
  await input.fill(file);
  while (!(await quickItems(page)).some(item => item === base || item.startsWith(`${base},`))) {
    if (Date.now() > deadline) throw new Error(`the file dialog "${title}" does not list ${file}: ${(await quickItems(page)).join(' | ')}`);
    await sleep(100);
  }
  await input.press('Enter');
}

// ---- the webview panels (console, topology) and the terminals they open

/**
 * The content frame of the webview whose body[data-view] is VIEW ('openstack-console', 'openstack-topology'), once
 * its page says it is ready (nested iframes: iframe.webview > #active-frame); fails listing the frames.
 */
export async function webviewFrame(page, view, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const ok = await frame.evaluate((v) => document.body?.dataset.view === v && document.body.dataset.ready === 'true', view).catch(() => false);
      if (ok) return frame;
    }
    if (Date.now() > deadline) {
      const frames = await Promise.all(page.frames().map(async (f) => `${f.url().slice(0, 100)} ${await f.evaluate(() => JSON.stringify(document.body?.dataset ?? {})).catch((e) => String(e).slice(0, 60))}`));
      throw new Error(`timed out after ${timeoutMs} ms waiting for the ${view} webview; frames:\n${frames.join('\n')}`);
    }
    await sleep(250);
  }
}

/** The console webview's content frame. */
export const consoleFrame = (page, timeoutMs) => webviewFrame(page, 'openstack-console', timeoutMs);

const cspSeen = [];
let cspRecorded = false;
/** Counts CSP violations in every frame created from now on, from its first script on, and CSP reports on the console. */
export async function recordCspViolations(page) {
  if (cspRecorded) return;
  cspRecorded = true;
  await page.context().addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__cspViolations ??= []).push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text()) && /vscode-cdn|webview/i.test(`${m.location()?.url ?? ''} ${m.text()}`)) {
      cspSeen.push({ console: m.text().slice(0, 300), url: m.location()?.url });
    }
  });
}

/** The CSP violations seen in webview frames since recordCspViolations. */
export async function cspViolations(page) {
  const all = [...cspSeen];
  for (const frame of page.frames()) {
    if (!/vscode-cdn\.net|vscode-webview|webview\/browser\/pre/.test(frame.url())) continue;
    const seen = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    all.push(...seen.map((v) => ({ ...v, frame: frame.url().slice(0, 80) })));
  }
  return all;
}

/** The active terminal's text: xterm's DOM renderer rows if it uses that renderer, else its accessibility tree
 * (kept in screen reader mode; the canvas renderer has no text). */
export async function terminalText(page) {
  const text = await page.evaluate(() => {
    const host = document.querySelector('.part.panel .terminal-wrapper.active') ?? document.querySelector('.part.panel');
    const rows = host?.querySelector('.xterm-rows') ?? host?.querySelector('.xterm-accessibility-tree');
    return rows ? rows.innerText : '';
  });
  return text.replace(/\u00a0/g, ' ');
}

/**
 * Opens the console of the instance whose name starts with PREFIX (then a space or its end) with its row's inline
 * ACTION (Open Console, or Diagnose Reachability… which opens it on its Diagnose tab), the cloud and Instances
 * opened and refreshed first; returns the panel's tab. VS Code hands an inline
 * action no node while the category re-renders (the poller follows other runs' instances in BUILD or REBOOT); the
 * command then asks which instance, and this picks it there, as a user would (logged as a NOTE).
 */
export async function openConsoleInline(page, prefix, action = 'Open Console') {
  const name = new RegExp(`^${escapeRegExp(prefix)}( |$)`);
  await openOpenStack(page);
  const instances = treeRow(page, 'Instances').first();
  if (!(await instances.isVisible())) {
    const cloud = treeRow(page, 'devcloud').first();   // the tree tests did not open it (or the exercise closed it)
    await cloud.waitFor({ timeout: 30_000 });
    if ((await cloud.getAttribute('aria-expanded')) !== 'true') await cloud.click();
  }
  await instances.waitFor({ timeout: 30_000 });
  if ((await instances.getAttribute('aria-expanded')) !== 'true') await instances.click();
  await instances.hover();
  await instances.locator('.action-label[aria-label="Refresh"]').click();
  const row = treeRow(page, name).first();
  await row.waitFor({ timeout: 60_000 });
  // a panel already open for it shows its tab at once: then give the picker a moment to show instead
  const settled = Date.now() + ((await page.locator('.tabs-container .tab', { hasText: `Console: ${prefix}` }).isVisible()) ? 5000 : 0);
  // the inline action shows on hover only: when a poll removes a row above (an instance of an earlier test
  // deleted), the row moves away from the mouse and its action hides, so hover again
  for (let attempt = 1; ; attempt++) {
    await row.hover();
    try {
      await row.locator(`.action-label[aria-label="${action}"]`).click({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
  await page.mouse.move(900, 600);
  const tab = page.locator('.tabs-container .tab', { hasText: `Console: ${prefix}` });
  const picker = page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: new RegExp(`^${escapeRegExp(action.replace(/…$/, ''))}: choose an instance`) });
  const deadline = Date.now() + 30_000;
  while (!((await tab.isVisible()) && Date.now() > settled) && !(await picker.isVisible())) {
    if (Date.now() > deadline) throw new Error(`neither the tab "Console: ${prefix}" nor the instance picker showed in 30 s`);
    await sleep(250);
  }
  if (await picker.isVisible()) {
    console.log(`    NOTE: ${action} got no tree node and asked which instance: picked it there`);
    await pickQuickItem(page, name, { filter: prefix });
  }
  await tab.waitFor({ timeout: 30_000 });
  return tab;
}

/**
 * Resolves when the side bar shows a row matching each of PATTERNS (ABSENT: when it shows none). CLICKS: the rows
 * whose labels start with these, clicked first, in the same task of the page and in that order (bottom first, so that
 * no click moves a row still to click), without actionability waits, and before the watch starts, so that no row can
 * come in unseen. Resolves to the ms from just before the clicks (or the call) to that change, on the page's own clock: a
 * bench times without CDP's round trips. Checked on each change of the side bar's DOM (a MutationObserver), not on
 * every frame: a check per frame costs the renderer CPU the tree would have used, on 2 cores, and a locator's waitFor
 * polls at growing intervals (up to 500 ms) that would be measured too.
 */
export function rowsShown(page, patterns, { absent = false, timeout = 120_000, clicks = [] } = {}) {
  return page.evaluate(({ sources, gone, ms, names }) => new Promise((resolve, reject) => {
    const bar = document.querySelector('.part.sidebar');
    const rows = [...bar.querySelectorAll('[role="treeitem"]')];
    const targets = names.map((name) => rows.find((r) => (r.getAttribute('aria-label') ?? '').startsWith(name)) ?? name);
    const missing = targets.find((t) => typeof t === 'string');
    if (missing) { reject(new Error(`no row ${missing}`)); return; }
    const done = () => {
      const labels = [...bar.querySelectorAll('[role="treeitem"]')].map((r) => r.getAttribute('aria-label') ?? '');
      const there = (p) => labels.some((l) => new RegExp(p).test(l));
      return gone ? !sources.some(there) : sources.every(there);
    };
    const start = performance.now();
    for (const row of targets) {
      for (const type of ['mousedown', 'mouseup', 'click']) row.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, view: window }));
    }
    if (done()) { resolve(performance.now() - start); return; }
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - start); } });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`rows ${gone ? 'still' : 'not'} shown after ${ms} ms: ${sources.join(', ')}`)); }, ms);
    observer.observe(bar, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  }), { sources: patterns, gone: absent, ms: timeout, names: clicks });
}


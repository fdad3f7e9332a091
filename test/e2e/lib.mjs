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

/** A row of a tree in the side bar whose accessible name starts with `label` (a string or RegExp). */
export function treeRow(page, label) {
  const name = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : label;
  return sideBar(page).getByRole('treeitem', { name });
}

// ---- a tiny sequential test registry: *.e2e.mjs files call test(); test/e2e/run.mjs runs them on one workbench.
const registered = [];
/** Registers a UI test; fn receives { page, csUrl, workspace }. Tests run in file order on a shared page. */
export function test(name, fn) {
  registered.push({ name, fn });
}
export const registeredTests = () => registered;

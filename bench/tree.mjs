/* global document -- used in code that Playwright runs inside the page */
// `npm run bench:tree`: the Instances of a bench project in the real tree (code-server + Chromium), against the API
// calls behind it (curl, warm token, the same URLs in the same minute, read from the extension's own log).
// BENCH_CLOUD picks the project (devcloud-bench: 200 servers, devcloud-bench1000: 1,000; made by `npm run bench`).
// BENCH_SCALE=1 adds, in the last run: Load more until every server is shown (each click against its calls), Find
// Resource over all of them, the instance pick of Stop Instance (first rows, and the last server), and the extension
// host's memory before the first expand and after the last Load more.
// A fresh code-server and browser profile each run: nothing cached or restored as expanded. Times are the page's own
// (click → rows in its DOM). The floor: Instances collapsed and clicked again, its rows in memory (runs but the
// scaled one). Prints a table and one JSON line.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, build, ensureInstalled, startCodeServer } from '../scripts/codeserver/server.mjs';
import {
  launchBrowser, openOpenStack, openWorkbench, runCommand, treeRow, workbenchUrl,
} from '../test/e2e/lib.mjs';
import { curlBar, curlRounds, exchangesBetween, extensionLog, median } from './extensionLog.mjs';
import { extensionHostRssMib } from './proc.mjs';
import { clicksToRows, floorOf } from './treeTiming.mjs';

const run = promisify(execFile);
const STATE = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
const CLOUDS = join(STATE, 'bench-clouds.yaml');
const CLOUD = process.env.BENCH_CLOUD ?? 'devcloud-bench';
const SCALE = process.env.BENCH_SCALE === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 1000);   // the project's, for BENCH_SCALE
const PAGE = 100;   // openstack.pageSize's default: the bench's workbench has no user setting for it
const env = { ...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, PATH: `/usr/bin:/bin:${process.env.PATH}` };

statSync(CLOUDS);   // made by `npm run bench`
const token = (await run('openstack', ['--os-cloud', CLOUD, 'token', 'issue', '-f', 'value', '-c', 'id'], { env })).stdout.trim();
ensureInstalled();
build();
const runs = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await oneRun(SCALE && i === RUNS - 1));
  console.error(`[bench] ${CLOUD} run ${i + 1}: Instances ${runs.at(-1).expand.tree} ms, its calls ${runs.at(-1).expand.api.toFixed(0)} ms`);
}

async function oneRun(scale) {
  const server = await startCodeServer({ env: { OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: CLOUD } });
  const { page, close } = await launchBrowser();
  try {
    await openWorkbench(page, workbenchUrl(server.url, server.workspace, { extensionDevelopmentPath: ROOT }));
    await openOpenStack(page);
    const cloud = treeRow(page, CLOUD).first();
    await cloud.waitFor({ timeout: 60_000 });
    if ((await cloud.getAttribute('aria-expanded')) === 'false') await cloud.click();
    await treeRow(page, 'Instances').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(5000);   // what the project's opening asked for is done
    const rssBefore = extensionHostRssMib(server.pid);
    const expand = await timedClick(page, server, 'Instances', ['^bench-']);
    if (!scale) return { expand, floor: await floorOf(page, server.runDir, ['Instances'], ['^bench-']) };
    const more = [];
    await page.evaluate(() => [...document.querySelectorAll('.part.sidebar [role="treeitem"]')]
      .find((r) => (r.getAttribute('aria-label') ?? '').startsWith('Instances')).closest('.monaco-list').focus());   // End goes to this tree
    for (let shown = PAGE; shown < SERVERS; shown += PAGE) {
      const row = `^Load more.*\\b${shown}\\b`;
      await untilShown(page, [row]);   // the list is virtual: its last row is drawn once scrolled to
      // Load more, scrolled to the bottom: its row gives way to the next page's first rows, drawn where it was
      more.push(await timedClick(page, server, 'Load more', [row], { absent: true }));
    }
    const rssAfter = extensionHostRssMib(server.pid);
    const find = await findResource(page);
    return { expand, more, find, pick: await instancePick(page, server, find.name), rssBefore, rssAfter };
  } finally {
    await close();
    server.stop();
  }
}

/**
 * Presses End in the tree (its focus moves to the last row, which is drawn) until rows matching PATTERNS are there:
 * rows below the drawn part of a virtual list are not in the page until scrolled to.
 */
async function untilShown(page, patterns) {
  const shown = () => page.evaluate((sources) => {
    const labels = [...document.querySelectorAll('.part.sidebar [role="treeitem"]')].map((r) => r.getAttribute('aria-label') ?? '');
    return sources.every((p) => labels.some((l) => new RegExp(p).test(l)));
  }, patterns);
  for (const until = Date.now() + 120_000; !(await shown()); await page.keyboard.press('End')) {
    if (Date.now() > until) throw new Error(`rows not shown: ${patterns.join(', ')}`);
  }
}

/** Clicks the row LABEL, waits for rows matching PATTERNS (or, ABSENT, for none to match); the time, and the slowest of its calls asked again with curl (the median of several bursts: curlRounds). */
async function timedClick(page, server, label, patterns, { absent = false } = {}) {
  const t0 = Date.now();
  const tree = await clicksToRows(page, [label], patterns, { absent });
  const exchanges = exchangesBetween(extensionLog(server.runDir), t0, Date.now());
  const { slowest } = curlBar(await curlRounds(token, exchanges.map((e) => (e.method === 'GET' ? e.url : undefined))));
  return { tree, api: slowest, requests: exchanges.length, answered: Math.max(0, ...exchanges.map((e) => e.end)), sent: Math.min(...exchanges.map((e) => e.end - e.ms)) };
}

/** Find Resource over everything loaded: the time until the pick lists them, and from Enter until the row is selected. */
async function findResource(page) {
  const name = await page.evaluate(() => [...document.querySelectorAll('.part.sidebar [role="treeitem"]')]
    .map((r) => r.getAttribute('aria-label') ?? '').filter((l) => l.startsWith('bench-')).at(-1).split(/[ ,]/)[0]);
  const t0 = Date.now();
  await runCommand(page, 'OpenStack: Find Resource…');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 60_000 });
  const listed = Date.now() - t0;
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  const t1 = Date.now();
  await page.keyboard.press('Enter');
  await page.locator(`.part.sidebar [role="treeitem"][aria-selected="true"][aria-label^="${name}"]`).waitFor({ timeout: 30_000 });
  return { listed_ms: listed, reveal_ms: Date.now() - t1, name };
}

/**
 * The instance pick of a palette command (Stop Instance) over every server, the last one's name typed at once: the
 * time until its first rows show, and until that last one does (every page read); then Escape.
 */
async function instancePick(page, server, last) {
  const t0 = Date.now();
  await runCommand(page, 'OpenStack: Stop Instance');
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.first().waitFor({ timeout: 60_000 });
  const first = Date.now() - t0;
  await page.locator('.quick-input-widget input[type="text"]').fill(last);
  await rows.filter({ hasText: last }).first().waitFor({ timeout: 120_000 });
  const all = Date.now() - t0;
  await page.keyboard.press('Escape');
  const pages = exchangesBetween(extensionLog(server.runDir), t0, t0 + all).filter((e) => e.url.includes('/servers/detail')).length;
  return { first_ms: first, last_ms: all, pages, name: last };
}

const expandTree = median(runs.map((r) => r.expand.tree));
const expandApi = median(runs.map((r) => r.expand.api));
const ratio = (r) => +(r.tree / Math.max(1, r.api)).toFixed(2);
console.log(`Instances of ${CLOUD}, first page of ${PAGE} (openstack.pageSize), ${RUNS} runs (median):`);
console.log(`tree (click → rows shown)        ${expandTree} ms   runs: ${runs.map((r) => r.expand.tree).join(' ')}`);
console.log(`its calls (curl, same URLs)      ${expandApi.toFixed(0)} ms   runs: ${runs.map((r) => r.expand.api.toFixed(0)).join(' ')}`);
console.log(`answered (last response, ms after the click) ${runs.map((r) => r.expand.answered).join(' ')}`);
console.log(`ratio (median of the runs' own)  ${median(runs.map((r) => ratio(r.expand)))}   requests: ${median(runs.map((r) => r.expand.requests))}`);
const result = { cloud: CLOUD, page_size: PAGE, tree_ms: expandTree, api_ms: Math.round(expandApi), ratio: median(runs.map((r) => ratio(r.expand))), requests: median(runs.map((r) => r.expand.requests)) };
const floors = runs.filter((r) => r.floor).map((r) => r.floor);
if (floors.length) {
  const floor = median(floors.map((f) => f.ms));
  const requests = Math.max(...floors.map((f) => f.requests));
  console.log(`the workbench's floor (the click again, rows in memory)  ${floor} ms = ${(floor / expandApi).toFixed(2)} of its calls   runs: ${floors.map((f) => f.ms).join(' ')}; requests meanwhile: ${requests}`);
  Object.assign(result, { floor_ms: floor, floor_requests: requests });
}
const scaled = runs.at(-1);
if (SCALE) {
  const more = scaled.more;
  console.log(`Load more ×${more.length}: tree ${more.map((m) => m.tree).join(' ')} ms; its calls ${more.map((m) => m.api.toFixed(0)).join(' ')} ms; requests ${more.map((m) => m.requests).join(' ')}`);
  console.log(`  answered (ms after the click) ${more.map((m) => m.answered).join(' ')}; sent ${more.map((m) => m.sent).join(' ')}`);
  console.log(`Find Resource over ${SERVERS} servers: listed in ${scaled.find.listed_ms} ms; ${scaled.find.name} revealed ${scaled.find.reveal_ms} ms after Enter`);
  console.log(`Stop Instance's pick over ${SERVERS} servers: first rows in ${scaled.pick.first_ms} ms, ${scaled.pick.name} (the last) in ${scaled.pick.last_ms} ms; ${scaled.pick.pages} pages read`);
  console.log(`extension host RSS: ${scaled.rssBefore} MiB before Instances, ${scaled.rssAfter} MiB with ${SERVERS} servers shown (+${scaled.rssAfter - scaled.rssBefore} MiB)`);
  Object.assign(result, {
    load_more_ms: median(more.map((m) => m.tree)), load_more_api_ms: Math.round(median(more.map((m) => m.api))), load_more_ratio: median(more.map(ratio)),
    load_more_requests: Math.max(...more.map((m) => m.requests)), shown: SERVERS,
    find_listed_ms: scaled.find.listed_ms, find_reveal_ms: scaled.find.reveal_ms,
    pick_first_ms: scaled.pick.first_ms, pick_last_ms: scaled.pick.last_ms, pick_pages: scaled.pick.pages,
    exthost_rss_before_mib: scaled.rssBefore, exthost_rss_after_mib: scaled.rssAfter, exthost_rss_growth_mib: scaled.rssAfter - scaled.rssBefore,
  });
}
console.log(JSON.stringify(result));

// `npm run bench:tree`: how long the real tree (code-server + Chromium) takes to show the Instances of the
// bench project (N servers, set up by `npm run bench`), against the bare API calls behind it (curl, warm token).
// Also reads the extension's own activation time from its log. Prints a table and one JSON line.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, build, ensureInstalled, startCodeServer } from '../scripts/codeserver/server.mjs';
import { launchBrowser, openOpenStack, openWorkbench, treeRow, workbenchUrl } from '../test/e2e/lib.mjs';

const run = promisify(execFile);
const STATE = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
const CLOUDS = join(STATE, 'bench-clouds.yaml');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const env = { ...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, PATH: `/usr/bin:/bin:${process.env.PATH}` };

statSync(CLOUDS);   // made by `npm run bench`
const pageSize = 100;   // openstack.pageSize's default: the bench's workbench has no user setting for it
const token = (await run('openstack', ['--os-cloud', 'devcloud-bench', 'token', 'issue', '-f', 'value', '-c', 'id'], { env })).stdout.trim();
const curl = async (url) => Number((await run('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total}', '-H', `X-Auth-Token: ${token}`,
  '-H', 'OpenStack-API-Version: compute 2.79', '-H', 'X-OpenStack-Nova-API-Version: 2.79', url])).stdout) * 1000;
// what the Instances category asks for: the first page of servers and, in parallel, one bounded page of floating
// IPs (the bench's servers have no NICs, so no follow-up by fixed address)
const apiRound = async () => Math.max(...await Promise.all([
  curl(`http://127.0.0.1:8774/v2.1/servers/detail?limit=${pageSize}`), curl(`http://127.0.0.1:9696/v2.0/floatingips?limit=${pageSize}`),
]));

ensureInstalled();
build();
const server = await startCodeServer({ env: { OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: 'devcloud-bench' } });
const browser = await launchBrowser();
const { page } = browser;
const tree = [];
const api = [];
let activationMs;
try {
  const url = workbenchUrl(server.url, server.workspace, { extensionDevelopmentPath: ROOT });
  for (let i = 0; i < RUNS; i++) {
    // a fresh workbench each run, so Instances is expanded for the first time (nothing cached in the tree);
    // the project's token is already there when Instances is clicked, as when a user expands it
    await openWorkbench(page, url);
    await openOpenStack(page);
    const cloud = treeRow(page, 'devcloud-bench').first();
    if ((await cloud.getAttribute('aria-expanded')) === 'false') await cloud.click();
    const instances = treeRow(page, 'Instances').first();
    await instances.waitFor({ timeout: 60_000 });
    if ((await instances.getAttribute('aria-expanded')) === 'true') await instances.click();   // restored state
    api.push(await apiRound());
    const t0 = Date.now();
    await instances.click();
    await treeRow(page, /^bench-/).first().waitFor({ timeout: 120_000 });
    tree.push(Date.now() - t0);
  }
  activationMs = readActivation(server.runDir);
} finally {
  await browser.close();
  server.stop();
}
console.log(`Instances of the bench project, first page of ${pageSize} (openstack.pageSize), ${RUNS} runs:`);
console.log(`tree (click → rows shown)         ${median(tree)} ms   runs: ${tree.join(' ')}`);
console.log(`API round (curl, parallel)        ${median(api).toFixed(0)} ms   runs: ${api.map((x) => x.toFixed(0)).join(' ')}`);
console.log(`extension activation              ${activationMs} ms`);
console.log(JSON.stringify({ page_size: pageSize, tree_ms: median(tree), api_ms: Math.round(median(api)), tree_first_ms: tree[0], activation_ms: activationMs }));

function readActivation(runDir) {
  const logs = join(runDir, 'user-data', 'logs');
  for (const session of readdirSync(logs)) {
    const file = join(logs, session, 'exthost1', 'openstack-explorer.openstack-explorer', 'OpenStack.log');
    try { return Number(readFileSync(file, 'utf8').match(/activated in (\d+) ms/)?.[1]); } catch { /* next */ }
  }
  return undefined;
}


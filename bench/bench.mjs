// `npm run bench`: listing all servers (detail) and all networks of a project with N ≥ 200 servers on the dev
// cloud, ours against the openstack CLI (cold) and against bare curl (warm). Medians of alternating runs.
// Setup is kept between runs: project `bench` with BENCH_SERVERS servers (no NICs) and 50 networks, and project
// `bench1000` with 1,000 servers, all on the fake host; the first setup creates them (about 1 minute per 200).
// Then the workbench benches: bench/tree.mjs (Instances of `bench`; of `bench1000` with Load more to the end, Find
// Resource and the extension host's memory), bench/projectTree.mjs (a whole project expanded at once, here and
// 50 ms away), and the size of what activation loads. Prints tables, then one JSON line with every figure.
// `npm run bench -- --remove` deletes both projects and what they hold.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { median } from './extensionLog.mjs';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const STATE = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
const N = Number(process.env.BENCH_SERVERS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const NETWORKS = 50;
const SCALE = 1000;
const PROJECTS = ['bench', 'bench1000'];
const CLOUDS = join(STATE, 'bench-clouds.yaml');
const env = { ...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, PATH: `/usr/bin:/bin:${process.env.PATH}` };
const log = (m) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const os = async (cloud, ...args) => (await run('openstack', ['--os-cloud', cloud, ...args], { env, maxBuffer: 64 << 20 })).stdout;
const osJson = async (cloud, ...args) => JSON.parse(await os(cloud, ...args, '-f', 'json'));

async function setup() {
  await run('bash', [join(ROOT, 'test/devcloud/devcloud.sh'), 'up', '--seed']);
  const base = readFileSync(join(STATE, 'clouds.yaml'), 'utf8');
  const entry = (project) => `  devcloud-${project}:\n    auth: {auth_url: 'http://127.0.0.1:5000/v3', username: admin, password: admin, project_name: ${project}, user_domain_name: Default, project_domain_name: Default}\n    region_name: RegionOne\n`;
  writeFileSync(CLOUDS, base + PROJECTS.map(entry).join(''));
  for (const project of PROJECTS) {
    await os('devcloud-admin', 'project', 'create', '--or-show', project);
    await os('devcloud-admin', 'role', 'add', '--project', project, '--user', 'admin', 'admin');
    await os('devcloud-admin', 'quota', 'set', '--instances', '-1', '--cores', '-1', '--ram', '-1', '--networks', '-1', '--subnets', '-1', '--ports', '-1', project);
  }
  await ensureServers('devcloud-bench', N);
  await ensureServers('devcloud-bench1000', SCALE);
  const nets = (await osJson('devcloud-bench', 'network', 'list', '--project', 'bench')).length;
  if (nets < NETWORKS) {
    const { token, endpoint } = await tokenOf('networks');
    const body = JSON.stringify({ networks: Array.from({ length: NETWORKS - nets }, (_, i) => ({ name: `bench-net-${i}` })) });
    await run('curl', ['-sf', '-X', 'POST', '-H', `X-Auth-Token: ${token}`, '-H', 'Content-Type: application/json', '-d', body, `${endpoint}/networks`]);
  }
}

/** Deletes the bench projects with their servers and networks (the fake host frees each server in well under a second). */
async function remove() {
  for (const project of PROJECTS) {
    const cloud = `devcloud-${project}`;
    const exists = (await os('devcloud-admin', 'project', 'list', '-f', 'value', '-c', 'Name')).split('\n').includes(project);
    if (!exists) continue;
    const ids = async (kind) => (await os(cloud, kind, 'list', ...(kind === 'server' ? ['--limit', '-1'] : ['--project', project]), '-f', 'value', '-c', 'ID')).split('\n').filter(Boolean);
    const servers = await ids('server');
    log(`${project}: deleting ${servers.length} servers`);
    for (let i = 0; i < servers.length; i += 100) await os(cloud, 'server', 'delete', ...servers.slice(i, i + 100));
    for (let polls = 0; (await ids('server')).length; polls++) {
      if (polls === 60) throw new Error(`${project}: servers still there after 10 minutes (see the dev cloud's nova-compute-fake.log)`);
      await new Promise((r) => setTimeout(r, 10_000));
    }
    const networks = await ids('network');
    if (networks.length) await os(cloud, 'network', 'delete', ...networks);
    await os('devcloud-admin', 'project', 'delete', project);
    log(`${project}: deleted`);
  }
}

/** CLOUD's project gets N servers on the fake host (no NICs), made in requests of up to 200; then all are ACTIVE. */
async function ensureServers(cloud, n) {
  // the CLI asks servers/detail whatever it prints; only the ids are kept
  const count = async (...filter) => (await os(cloud, 'server', 'list', '--limit', '-1', '-f', 'value', '-c', 'ID', ...filter)).split('\n').filter(Boolean).length;
  const started = Date.now();
  for (let missing = n - await count(); missing > 0; missing -= 200) {
    const k = Math.min(200, missing);
    log(`${cloud}: creating ${k} servers (${missing} missing)`);
    await os(cloud, '--os-compute-api-version', '2.37', 'server', 'create', '--flavor', 'm1.tiny', '--image', 'devcloud-guest',
      '--availability-zone', 'devcloud-fake', '--nic', 'none', '--min', String(k), '--max', String(k), `bench-${Date.now()}`);
  }
  for (let building = await count('--status', 'BUILD'); building > 0; building = await count('--status', 'BUILD')) {
    log(`${cloud}: ${building} servers building`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
  if (await count('--status', 'ERROR')) throw new Error(`a server of ${cloud} went to ERROR (see the dev cloud's nova-compute-fake.log)`);
  log(`${cloud}: ${n} servers ACTIVE after ${Math.round((Date.now() - started) / 1000)} s`);
}

async function bundle() {
  const outfile = join(ROOT, '.state', 'bench', 'listServers.js');
  mkdirSync(join(ROOT, '.state', 'bench'), { recursive: true });
  await esbuild.build({ entryPoints: [join(ROOT, 'bench/listServers.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, outfile, logLevel: 'error' });   // minified, as the extension ships
  return outfile;
}

function timed(cmd, args, extra = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let out = '';
    const child = spawn(cmd, args, { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => { out += d; });
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, out }) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

/** A long-lived process of ours with a warm token, answering one JSON line per command. */
function warmWorker(script, what) {
  const child = spawn(process.execPath, [script, 'devcloud-bench', what, '--serve'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  let buffer = '';
  child.stdout.on('data', (d) => {
    buffer += d;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) { waiting.shift()(JSON.parse(buffer.slice(0, i))); buffer = buffer.slice(i + 1); }
  });
  const ask = (cmd) => new Promise((resolve) => { waiting.push(resolve); child.stdin.write(`${cmd}\n`); });
  return { ask, close: () => child.stdin.end() };
}

let tokenWorker;
async function tokenOf(what) {
  tokenWorker ??= warmWorker(await bundle(), what);
  return tokenWorker.ask('token');
}

async function measure(script, what) {
  const cliArgs = what === 'servers' ? ['server', 'list', '--long', '-f', 'json', '--limit', '-1'] : ['network', 'list', '--long', '-f', 'json'];
  const worker = warmWorker(script, what);
  const { token, endpoint } = await worker.ask('token');
  const url = what === 'servers' ? `${endpoint}/servers/detail` : `${endpoint}/networks`;
  const curlArgs = ['-s', '-o', '/dev/null', '-w', '%{time_total}', '-H', `X-Auth-Token: ${token}`, '-H', 'OpenStack-API-Version: compute 2.79', '-H', 'X-OpenStack-Nova-API-Version: 2.79', url];
  const r = { cold: [], cli: [], warm: [], curl: [], overhead: [], count: 0, coldRequests: 0, warmRequests: 0 };
  for (let i = 0; i < RUNS; i++) {
    // alternate which goes first, so neither always meets the warmer caches
    const pair = [async () => {
      const { ms, out } = await timed(process.execPath, [script, 'devcloud-bench', what]);
      const res = JSON.parse(out);
      r.cold.push(ms); r.count = res.count; r.coldRequests = res.requests;
    }, async () => { r.cli.push((await timed('openstack', ['--os-cloud', 'devcloud-bench', ...cliArgs])).ms); }];
    for (const f of i % 2 ? pair.reverse() : pair) await f();
    const warmPair = [async () => {
      const res = await worker.ask('list');
      r.warm.push(res.ms); r.overhead.push(res.ms - res.exchangeMs); r.warmRequests = res.requests;
    }, async () => { r.curl.push(Number((await run('curl', curlArgs)).stdout) * 1000); }];
    for (const f of i % 2 ? warmPair.reverse() : warmPair) await f();
  }
  worker.close();
  return r;
}

if (process.argv.includes('--remove')) {
  await remove();
  process.exit(0);
}
await setup();
const script = await bundle();
tokenWorker?.close();
const results = {};
for (const what of ['servers', 'networks']) results[what] = await measure(script, what);
const row = (name, xs) => `${name.padEnd(12)} ${median(xs).toFixed(1).padStart(9)} ms   (runs: ${xs.map((x) => x.toFixed(0)).join(' ')})`;
for (const [what, r] of Object.entries(results)) {
  console.log(`\n${what}: ${r.count} listed; ours made ${r.coldRequests} requests cold, ${r.warmRequests} warm`);
  console.log(row('ours_cold', r.cold)); console.log(row('cli', r.cli)); console.log(row('ours_warm', r.warm)); console.log(row('curl', r.curl));
  // the server's answer to the same URL swings by tens of ms from one request to the next: what the client adds is measured apart
  console.log(row('ours_warm − its requests\' own time (the client\'s share)', r.overhead));
  console.log(`ours_cold/cli = ${(median(r.cold) / median(r.cli)).toFixed(2)} (target ≤ 0.4), ours_warm/curl = ${(median(r.warm) / median(r.curl)).toFixed(2)} (target ≤ 1.05)`);
}
const s = results.servers;
const n = results.networks;
const listing = {
  servers: s.count, ours_cold_ms: Math.round(median(s.cold)), cli_ms: Math.round(median(s.cli)), ours_warm_ms: +median(s.warm).toFixed(1), curl_ms: +median(s.curl).toFixed(1), requests: s.coldRequests, requests_warm: s.warmRequests,
  networks: n.count, networks_ours_cold_ms: Math.round(median(n.cold)), networks_cli_ms: Math.round(median(n.cli)), networks_ours_warm_ms: +median(n.warm).toFixed(1), networks_curl_ms: +median(n.curl).toFixed(1), networks_requests: n.coldRequests,
  cold_vs_cli: +(median(s.cold) / median(s.cli)).toFixed(2), warm_vs_curl: +(median(s.warm) / median(s.curl)).toFixed(2),
  networks_cold_vs_cli: +(median(n.cold) / median(n.cli)).toFixed(2), networks_warm_vs_curl: +(median(n.warm) / median(n.curl)).toFixed(2),
  warm_client_ms: +median(s.overhead).toFixed(1), networks_warm_client_ms: +median(n.overhead).toFixed(1),
};
const activationKb = await activationBundleKb();
const instances = await lastJsonOf('tree.mjs', { BENCH_CLOUD: 'devcloud-bench' });
const scale = await lastJsonOf('tree.mjs', { BENCH_CLOUD: 'devcloud-bench1000', BENCH_SCALE: '1', BENCH_SERVERS: String(SCALE), BENCH_RUNS: '3' });
const project = await lastJsonOf('projectTree.mjs');
const projectFar = await lastJsonOf('projectTree.mjs', { BENCH_LATENCY_MS: '50' });
console.log(`\nactivation: ${activationKb} KB loaded (production build), activated in ${project.activation_ms} ms (main.js: ${project.main_js_ms} ms, later)`);
console.log(JSON.stringify({
  activation: { kb: activationKb, ms: project.activation_ms, main_js_ms: project.main_js_ms },
  listing,
  instances_tree: { servers: N, ...instances },
  project_tree: project,
  project_tree_50ms_away: projectFar,
  scale_1000: { servers: SCALE, ...scale },
}));

/** The KB of the production bundles VS Code loads when it activates the extension (package.json's main). */
async function activationBundleKb() {
  await run(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--production']);
  const main = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).main;
  return Math.round(statSync(join(ROOT, main.endsWith('.js') ? main : `${main}.js`)).size / 1024);
}

/** Runs bench/SCRIPT with EXTRA in its environment (its tables go to this output) and returns its last line, JSON. */
async function lastJsonOf(script, extra = {}) {
  const { out } = await timed(process.execPath, [join(ROOT, 'bench', script)], extra);
  process.stdout.write(out);
  return JSON.parse(out.trim().split('\n').at(-1));
}

// `npm run bench:topology`: the network topology of a large project in the real workbench (code-server +
// Chromium): 60 networks with subnets, 30 routers (gateway on ext, an interface each), 200 instances on the dev
// cloud's fake compute host spread over 4 networks. Time from the palette command to the first picture, and from
// Refresh to the new picture, with the panel's own load and draw times. Prints a table and one JSON line.
//   node bench/topology.mjs            # set up (once; kept between runs), then measure
//   node bench/topology.mjs --setup    # only set up (e.g. while something else uses the workbench)
//   node bench/topology.mjs --delete   # delete the project's instances, routers and networks
// Only API data: nothing is probed.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, build, ensureInstalled, startCodeServer } from '../scripts/codeserver/server.mjs';
import { launchBrowser, openOpenStack, openWorkbench, runExactCommand, treeRow, until, webviewFrame, workbenchUrl } from '../test/e2e/lib.mjs';
import { median } from './extensionLog.mjs';

const run = promisify(execFile);
const STATE = process.env.DEVCLOUD_STATE ?? '/var/lib/openstack-explorer-devcloud';
const CLOUDS = join(STATE, 'topo-clouds.yaml');
const PROJECT = 'topo-scale';
const SIZE = { networks: 60, routers: 30, servers: 200 };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const env = { ...process.env, OS_CLIENT_CONFIG_FILE: CLOUDS, PATH: `/usr/bin:/bin:${process.env.PATH}` };
const log = (m) => console.error(`[bench:topology ${new Date().toISOString().slice(11, 19)}] ${m}`);
const os = async (cloud, ...args) => (await run('openstack', ['--os-cloud', cloud, ...args], { env, maxBuffer: 64 << 20 })).stdout;
const osJson = async (cloud, ...args) => JSON.parse(await os(cloud, ...args, '-f', 'json'));

/** Neutron through curl with the project's token: bulk creates and router actions without a CLI process each. */
async function neutron(method, path, body) {
  const token = (await os('devcloud-topo', 'token', 'issue', '-f', 'value', '-c', 'id')).trim();
  const args = ['-sf', '-X', method, '-H', `X-Auth-Token: ${token}`, '-H', 'Content-Type: application/json', `http://127.0.0.1:9696/v2.0${path}`];
  const { stdout } = await run('curl', body ? [...args, '-d', JSON.stringify(body)] : args, { maxBuffer: 64 << 20 });
  return stdout ? JSON.parse(stdout) : undefined;
}

async function setup() {
  await run('bash', [join(ROOT, 'test/devcloud/devcloud.sh'), 'up', '--seed']);
  const base = readFileSync(join(STATE, 'clouds.yaml'), 'utf8');
  writeFileSync(CLOUDS, `${base}  devcloud-topo:\n    auth: {auth_url: 'http://127.0.0.1:5000/v3', username: admin, password: admin, project_name: ${PROJECT}, user_domain_name: Default, project_domain_name: Default}\n    region_name: RegionOne\n`);
  await os('devcloud-admin', 'project', 'create', '--or-show', PROJECT);
  await os('devcloud-admin', 'role', 'add', '--project', PROJECT, '--user', 'admin', 'admin');
  await os('devcloud-admin', 'quota', 'set', '--instances', '-1', '--cores', '-1', '--ram', '-1', '--networks', '-1', '--subnets', '-1',
    '--ports', '-1', '--routers', '-1', PROJECT);
  const projectId = (await osJson('devcloud-admin', 'project', 'show', PROJECT)).id;
  const nets = (await neutron('GET', `/networks?project_id=${projectId}`)).networks.filter((n) => n.name.startsWith('topo-net-'));
  if (nets.length < SIZE.networks) {
    const missing = Array.from({ length: SIZE.networks - nets.length }, (_, i) => nets.length + i);
    const made = (await neutron('POST', '/networks', { networks: missing.map((i) => ({ name: `topo-net-${String(i).padStart(2, '0')}` })) })).networks;
    await neutron('POST', '/subnets', { subnets: made.map((n, k) => ({ network_id: n.id, name: `${n.name}-subnet`, cidr: `10.120.${missing[k]}.0/24`, ip_version: 4 })) });
    nets.push(...made);
  }
  nets.sort((a, b) => a.name.localeCompare(b.name));
  const ext = (await neutron('GET', '/networks?name=ext')).networks[0];
  const routers = (await neutron('GET', `/routers?project_id=${projectId}`)).routers;
  for (let i = routers.length; i < SIZE.routers; i++) {
    const { router } = await neutron('POST', '/routers', { router: { name: `topo-router-${String(i).padStart(2, '0')}`, external_gateway_info: { network_id: ext.id } } });
    const subnet = (await neutron('GET', `/subnets?network_id=${nets[i].id}`)).subnets[0];
    await neutron('PUT', `/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id });
  }
  const have = (await osJson('devcloud-topo', 'server', 'list', '--limit', '-1')).length;
  for (let missing = SIZE.servers - have, batch = 0; missing > 0; missing -= 50, batch++) {
    const k = Math.min(50, missing);
    log(`creating ${k} instances (have ${SIZE.servers - missing})`);
    await os('devcloud-topo', 'server', 'create', '--flavor', 'm1.tiny', '--image', 'devcloud-guest', '--availability-zone', 'devcloud-fake',
      '--nic', `net-id=${nets[batch % 4].id}`, '--min', String(k), '--max', String(k), `topo-vm-${batch}`);
  }
  await until('every instance ACTIVE', async () => {
    const servers = await osJson('devcloud-topo', 'server', 'list', '--limit', '-1');
    if (servers.some((s) => s.Status === 'ERROR')) throw new Error('an instance went to ERROR');
    const active = servers.filter((s) => s.Status === 'ACTIVE').length;
    log(`${active}/${servers.length} instances ACTIVE`);
    return active >= SIZE.servers;
  }, 3_600_000, 20_000);
}

async function teardown() {
  const ids = (await osJson('devcloud-topo', 'server', 'list', '--limit', '-1')).map((s) => s.ID);
  for (let i = 0; i < ids.length; i += 50) await os('devcloud-topo', 'server', 'delete', '--wait', ...ids.slice(i, i + 50));
  const projectId = (await osJson('devcloud-admin', 'project', 'show', PROJECT)).id;
  for (const router of (await neutron('GET', `/routers?project_id=${projectId}`)).routers) {
    const ports = (await neutron('GET', `/ports?device_id=${router.id}&device_owner=network:router_interface`)).ports;
    for (const p of ports) await neutron('PUT', `/routers/${router.id}/remove_router_interface`, { port_id: p.id });
    await neutron('DELETE', `/routers/${router.id}`);
  }
  for (const n of (await neutron('GET', `/networks?project_id=${projectId}`)).networks) await neutron('DELETE', `/networks/${n.id}`);
  log('deleted');
}

/** Palette → first picture, then Refresh → new picture, in a fresh workbench; with the panel's own figures. */
async function measure(page, url) {
  await openWorkbench(page, url);
  await openOpenStack(page);
  await treeRow(page, 'devcloud-topo').first().waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  await runExactCommand(page, 'OpenStack: Show Network Topology', { thenHidden: true });
  const frame = await webviewFrame(page, 'openstack-topology', 120_000);
  const first = Date.now() - t0;
  const firstStatus = await frame.locator('#topology-status').textContent();
  const nodes = await frame.locator('#topology g.node').count();
  const before = await frame.locator('body').getAttribute('data-loaded-at');
  const t1 = Date.now();
  await frame.locator('#refresh').click();
  await until('the new picture', async () => (await frame.locator('body').getAttribute('data-loaded-at')) !== before, 120_000, 50);
  const update = Date.now() - t1;
  return { first, update, nodes, firstStatus, updateStatus: await frame.locator('#topology-status').textContent() };
}

if (process.argv.includes('--delete')) {
  await teardown();
} else if (process.argv.includes('--setup')) {
  await setup();
} else {
  await setup();
  ensureInstalled();
  build();
  const server = await startCodeServer({ env: { OS_CLIENT_CONFIG_FILE: CLOUDS, OS_CLOUD: 'devcloud-topo' } });
  const browser = await launchBrowser();
  const runs = [];
  try {
    const url = workbenchUrl(server.url, server.workspace, { extensionDevelopmentPath: ROOT });
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser.page, url));
  } finally {
    await browser.close();
    server.stop();
  }
  for (const r of runs) console.log(`first picture ${r.first} ms (${r.firstStatus}); update ${r.update} ms (${r.updateStatus}); ${r.nodes} nodes`);
  console.log(JSON.stringify({ ...SIZE, nodes: runs[0].nodes, first_picture_ms: median(runs.map((r) => r.first)), update_ms: median(runs.map((r) => r.update)) }));
}

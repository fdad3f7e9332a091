// The console panel against a REAL guest on the dev cloud's data plane (libvirt/TCG on devcloud-node1): a tenant
// network behind a router on ext, ICMP and SSH allowed, one guest with a floating IP, made with the openstack CLI
// as demo. In the workbench: Open Console shows the guest's real boot (its banner and DHCP lease) as it happens,
// the Ping tab pings the floating IP and reports the replies, and the serial console terminal runs `hostname`,
// which answers the instance's name (set from the metadata service). Everything is deleted at the end.
//
// Network safety: the only address probed is the floating IP, after `ip route get` shows it goes into br-ext.
// Waits are bounded and say every 15 s what they wait for and what they last saw (TCG boots take 40-110 s here).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import {
  E2E_CLOUDS_YAML, consoleFrame, dependentSteps, dismissNotifications, inBackground, openConsoleInline, runExactCommand, screenReaderMode, selected, terminalText, test, escapeRegExp } from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, assertRoutedToBrExt, openstack } from './devcloud.mjs';

const tag = `gcon${process.pid}`;
const n = process.pid % 200 + 20;                     // 10.67.<n>.0/24, different per run
const NAMES = { net: `${tag}-net`, subnet: `${tag}-subnet`, router: `${tag}-router`, group: `${tag}-sg`, vm: `${tag}-vm` };
const CIDR = `10.67.${n}.0/24`;
const SETUP = 'guest console: setup: a guest on the real host behind a router, with a floating IP';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const demo = (...args) => openstack('devcloud', ...args);
/** The later steps (but the clean-up) are skipped once one fails. */
const step = dependentSteps();
/** What this file created (IDs), for the clean-up whatever failed. */
const made = { serverId: '', fipId: '', fip: '', fixedIp: '', router: false, network: false, group: false };

/** Polls FN every INTERVAL ms until it returns a truthy value; every 15 s logs WHAT and SEEN() (the last state). */
async function until(what, fn, timeoutMs, intervalMs = 1000, seen = () => '') {
  const start = Date.now();
  let logged = start;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${await seen()}`);
    if (Date.now() - logged >= 15_000) {
      logged = Date.now();
      console.log(`    … ${((logged - start) / 1000).toFixed(0)} s waiting for ${what}; seen: ${await seen()}`);
    }
    await sleep(intervalMs);
  }
}

/** The student's set-up, through the CLI: started at import (the boot takes minutes), awaited by the setup test. */
async function buildGuest() {
  await demo('network', 'create', NAMES.net);
  made.network = true;
  await demo('subnet', 'create', NAMES.subnet, '--network', NAMES.net, '--subnet-range', CIDR);
  await demo('router', 'create', NAMES.router);
  made.router = true;
  await demo('router', 'set', NAMES.router, '--external-gateway', 'ext');
  await demo('router', 'add', 'subnet', NAMES.router, NAMES.subnet);
  await demo('security', 'group', 'create', NAMES.group);
  made.group = true;
  await demo('security', 'group', 'rule', 'create', NAMES.group, '--protocol', 'icmp');
  await demo('security', 'group', 'rule', 'create', NAMES.group, '--protocol', 'tcp', '--dst-port', '22');
  const server = await demo('server', 'create', '--flavor', 'm1.nano', '--image', 'devcloud-guest', '--network', NAMES.net,
    '--security-group', NAMES.group, NAMES.vm, '-f', 'json');
  made.serverId = server.id;
}
const built = selected(SETUP) ? inBackground(buildGuest()) : Promise.resolve();
built.catch(() => undefined);   // awaited (and reported) by the setup test

step(SETUP, async () => {
  if (!existsSync(E2E_CLOUDS_YAML)) copyFileSync(DEVCLOUD_CLOUDS_YAML, E2E_CLOUDS_YAML);   // when the tree tests did not run
  await built;
  let status = '';
  const server = await until(`${NAMES.vm} to be ACTIVE`, async () => {
    const s = await demo('server', 'show', made.serverId, '-f', 'json');
    if (s.status === 'ERROR') throw new Error(`the instance failed: ${JSON.stringify(s.fault)}`);
    status = s.status;
    return s.status === 'ACTIVE' && s;
  }, 600_000, 3000, () => status);
  const admin = await openstack('devcloud-admin', 'server', 'show', made.serverId, '-f', 'json');
  assert.equal(admin['OS-EXT-SRV-ATTR:host'], 'devcloud-node1', 'the guest runs on the real host');
  made.fixedIp = new RegExp(`10\\.67\\.${n}\\.\\d+`).exec(JSON.stringify(server.addresses))?.[0] ?? '';
  assert.ok(made.fixedIp, `fixed IP in ${JSON.stringify(server.addresses)}`);
  const fip = await demo('floating', 'ip', 'create', 'ext', '-f', 'json');
  made.fipId = fip.id;
  made.fip = fip.floating_ip_address;
  await demo('server', 'add', 'floating', 'ip', made.serverId, made.fip);
  // nova lists it a moment after Neutron; the panel offers (and fills in) the addresses nova lists when it opens
  let addresses = '';
  await until(`nova to list ${made.fip} on ${NAMES.vm}`, async () => {
    addresses = JSON.stringify((await demo('server', 'show', made.serverId, '-f', 'json')).addresses);
    return addresses.includes(`"${made.fip}"`);
  }, 120_000, 2000, () => addresses);
  await assertRoutedToBrExt(made.fip);
  console.log(`    ${NAMES.vm} ${made.serverId} ACTIVE on devcloud-node1, fixed ${made.fixedIp}, floating ${made.fip}`);
});

step('guest console: Open Console shows the guest\'s real boot: its banner and its DHCP lease', async ({ page, shot }) => {
  await openConsoleInline(page, NAMES.vm);
  const frame = await consoleFrame(page, 60_000);
  assert.equal(await frame.locator('#instance-name').textContent(), NAMES.vm);
  // Follow on: should the guest still be booting, the panel shows each new line as nova's console log grows
  await frame.locator('#log-follow').click();
  const log = () => frame.locator('#log').innerText();
  const lastLine = async () => (await log()).trim().split('\n').pop()?.slice(0, 120) ?? '';
  await until('the guest to finish booting in the panel ("devcloud-guest ready at")', async () => /=== devcloud-guest ready at /.test(await log()),
    300_000, 1000, lastLine);
  const text = await log();
  assert.match(text, /=== devcloud-guest boot: Debian kernel \S+, busybox userland/);
  assert.match(text, new RegExp(`devcloud-guest: DHCP lease ${escapeRegExp(made.fixedIp)}/24 router 10\\.67\\.${n}\\.1 `));
  assert.match(text, new RegExp(`devcloud-guest: metadata hostname ${NAMES.vm}\\b`));
  assert.doesNotMatch(text, /\[6n/, 'the shell\'s cursor-position query (ESC stripped by nova) is not shown');
  await frame.locator('#log .line', { hasText: 'DHCP lease' }).scrollIntoViewIfNeeded();
  await shot('guest-console-boot-log');
});

step('guest console: the Ping tab pings the floating IP and reports its replies', async ({ page, shot }) => {
  const frame = await consoleFrame(page);
  await frame.locator('#tab-ping').click();
  // the panel fills in the instance's first address, the floating one
  const offered = await frame.locator('#ping-choice vscode-option').allTextContents();
  assert.ok(offered.some((o) => o.includes(made.fip) && o.includes('floating')), `offered: ${offered.join(' | ')}`);
  await until('the floating IP in the target field', async () => (await frame.locator('#ping-target input').inputValue()) === made.fip, 30_000, 250,
    () => frame.locator('#ping-target input').inputValue());
  await assertRoutedToBrExt(made.fip);   // the panel's ping goes to br-ext and nowhere else
  await frame.locator('#ping-count input').fill('4');
  await frame.locator('#ping-start').click();
  const output = () => frame.locator('#ping-output').innerText();
  await until(`ping ${made.fip} to finish`, async () => (await frame.locator('#ping-summary').getAttribute('data-final')) === 'true'
    && (await frame.locator('body').getAttribute('data-ping')) === 'idle', 60_000, 250, async () => (await output()).split('\n').pop());
  const out = await output();
  const stats = /(\d+) packets transmitted, (\d+) received, (\d+)% packet loss/.exec(out);
  assert.ok(stats, out);
  assert.match(await frame.locator('#ping-command').textContent(), new RegExp(`^ping -n -O -W 2 -c 4 -- ${escapeRegExp(made.fip)}$`));
  assert.ok(Number(stats[2]) >= 1, `no reply from ${made.fip}:\n${out}`);
  assert.match(out, new RegExp(`bytes from ${escapeRegExp(made.fip)}: icmp_seq=\\d+ ttl=\\d+ time=`));
  const text = async (id) => (await frame.locator(id).textContent()).trim();
  assert.equal(await text('#ping-sent'), stats[1]);
  assert.equal(await text('#ping-received'), stats[2]);
  assert.equal(await text('#ping-loss'), `${stats[3]}%`);
  assert.equal(await frame.locator('#rtt-chart .rtt-point').count(), Number(stats[2]));
  console.log(`    ping ${made.fip} from the panel: ${stats[0]}`);
  await shot('guest-console-ping-fip');
});

/** The Diagnose tab's state once its run is over (done / failed / error), bounded. */
async function diagnosed(frame, timeoutMs = 60_000) {
  const view = frame.locator('#view-diagnose .view');
  return until('the diagnosis', async () => {
    const state = await view.getAttribute('data-state');
    return state && state !== 'running' && state;
  }, timeoutMs, 250, () => frame.locator('#diagnose-verdict').innerText());
}
/** Run Again, then its outcome: waits for the run to start first, so the last run's state is not taken for it. */
async function rerun(frame) {
  const view = frame.locator('#view-diagnose .view');
  if (await view.getAttribute('data-state') !== 'running') {
    await frame.locator('#diagnose-run').click();
    await until('the diagnosis to start', async () => await view.getAttribute('data-state') === 'running', 10_000, 50);
  }
  return diagnosed(frame);
}
const checkStatus = (frame, id) => frame.locator(`#diagnose-checks [data-check="${id}"]`).getAttribute('data-status');

/** Runs the checklist again until the doctor's own ping answers (the agents apply a change in seconds to a minute). */
async function diagnoseUntilPingAnswers(frame) {
  for (let i = 0; i < 20; i++) {
    await assertRoutedToBrExt(made.fip);
    await rerun(frame);
    if (await checkStatus(frame, 'probe-ping') === 'passed') return;
  }
  throw new Error(`the doctor's ping never answered: ${await frame.locator('#diagnose-verdict').innerText()}`);
}

step('guest console: Diagnose Reachability (inline) shows the working path, with "unknown" for what a member may not see', async ({ page, shot }) => {
  await assertRoutedToBrExt(made.fip);
  await openConsoleInline(page, NAMES.vm, 'Diagnose Reachability…');
  const frame = await consoleFrame(page);
  await frame.locator('#view-diagnose .view[data-state]').waitFor({ timeout: 30_000 });
  assert.equal(await diagnosed(frame), 'done', await frame.locator('#diagnose-verdict').innerText());
  assert.equal(await frame.locator('#tab-diagnose').getAttribute('aria-selected'), 'true');
  assert.match(await frame.locator('#diagnose-verdict').innerText(), /^No check failed; 3 could not be decided/);
  for (const id of ['l3-agent', 'dhcp-agent', 'compute-service']) assert.equal(await checkStatus(frame, id), 'unknown', id);
  for (const id of ['router-gateway', 'floating-ip', 'ingress-icmp', 'probe-ping', 'probe-ssh']) assert.equal(await checkStatus(frame, id), 'passed', id);
  // the panel's own measure, from the command to the verdict (the helper above waits a fixed while for a picker)
  console.log(`    diagnosis: ${await frame.locator('#diagnose-meta').innerText()}`);
  await shot('doctor-passing');
});

step('guest console: Diagnose names a removed ICMP rule, and its Allow ICMP fix brings the ping back', async ({ page, shot }) => {
  const frame = await consoleFrame(page);
  const [icmp] = await demo('security', 'group', 'rule', 'list', NAMES.group, '--protocol', 'icmp', '-f', 'json');
  await demo('security', 'group', 'rule', 'delete', icmp.ID);
  assert.equal(await rerun(frame), 'failed');
  const verdict = await frame.locator('#diagnose-verdict').innerText();
  assert.match(verdict, new RegExp(`No ingress rule of the port's security groups \\(${escapeRegExp(NAMES.group)}\\) admits ICMP`));
  assert.equal(await checkStatus(frame, 'ingress-icmp'), 'failed');
  const failedCheck = frame.locator('#diagnose-checks [data-check="ingress-icmp"]');
  assert.match(await failedCheck.locator('.cli').innerText(), /openstack .*security group rule create/);
  await shot('doctor-failing-no-icmp');
  await failedCheck.scrollIntoViewIfNeeded();
  await shot('doctor-failing-no-icmp-check');
  await frame.locator('#verdict-fix').click();
  await diagnoseUntilPingAnswers(frame);
  assert.equal(await checkStatus(frame, 'ingress-icmp'), 'passed');
  const rules = await demo('security', 'group', 'rule', 'list', NAMES.group, '--protocol', 'icmp', '-f', 'json');
  assert.equal(rules.length, 1, 'the fix added one ICMP rule');
  await shot('doctor-fixed');
});

step('guest console: the serial console terminal runs hostname on the guest, which answers its name', async ({ page, shot }) => {
  // the terminal draws on a canvas; in screen reader mode xterm also keeps its text in an accessibility tree
  await screenReaderMode(page, true);
  await dismissNotifications(page);
  try {
    const frame = await consoleFrame(page);
    await frame.locator('#open-serial').click();
    await page.locator('.part.panel', { hasText: `Serial: ${NAMES.vm}` }).waitFor({ timeout: 30_000 });
    const terminal = page.locator('.part.panel .terminal-wrapper.active').first();
    await terminal.waitFor({ timeout: 30_000 });
    await terminal.click();
    // ttyS0 holds a root shell; Enter makes it print a prompt (its PS1 is user@host:dir#)
    const prompt = new RegExp(`root@${escapeRegExp(NAMES.vm)}:[^\\n]*# ?$`, 'm');
    const lastRow = async () => (await terminalText(page)).trimEnd().split('\n').pop();
    await page.keyboard.press('Enter');
    await until('the guest\'s shell prompt on the serial console', async () => prompt.test(await terminalText(page)), 60_000, 500, lastRow);
    await page.keyboard.type('hostname\r');
    await until(`hostname → ${NAMES.vm}`, async () => new RegExp(`# hostname\\s*\\n${escapeRegExp(NAMES.vm)}\\s*\\n`).test(await terminalText(page)),
      30_000, 250, lastRow);
    await shot('guest-serial-console');
    await runExactCommand(page, 'Terminal: Kill the Active Terminal Instance');
  } finally {
    await screenReaderMode(page, false);
    await dismissNotifications(page);
  }
});

test('guest console: clean up', async ({ page }) => {
  await runExactCommand(page, 'View: Close All Editors').catch(() => undefined);
  await built.catch(() => undefined);
  const quiet = (p) => p.catch((err) => console.log(`    clean-up: ${String(err.message ?? err).split('\n')[0]}`));
  if (made.fipId) await quiet(demo('floating', 'ip', 'delete', made.fipId));
  if (made.serverId) await quiet(demo('server', 'delete', '--wait', made.serverId));
  if (made.router) {
    await quiet(demo('router', 'remove', 'subnet', NAMES.router, NAMES.subnet));
    await quiet(demo('router', 'delete', NAMES.router));
  }
  if (made.network) await quiet(demo('network', 'delete', NAMES.net));
  if (made.group) await quiet(demo('security', 'group', 'delete', NAMES.group));
  const left = [
    ...(await demo('server', 'list', '--name', tag, '-f', 'json')).map((s) => `server ${s.Name}`),
    ...(await demo('floating', 'ip', 'list', '-f', 'json')).filter((f) => f.ID === made.fipId).map((f) => `floating IP ${f.ID}`),
    ...(await demo('router', 'list', '-f', 'json')).filter((r) => r.Name === NAMES.router).map((r) => `router ${r.Name}`),
    ...(await demo('network', 'list', '-f', 'json')).filter((x) => x.Name === NAMES.net).map((x) => `network ${x.Name}`),
    ...(await demo('security', 'group', 'list', '-f', 'json')).filter((g) => g.Name === NAMES.group).map((g) => `group ${g.Name}`),
  ];
  assert.deepEqual(left, [], `left over: ${left.join(', ')}`);
});

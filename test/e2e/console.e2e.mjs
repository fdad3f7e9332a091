/* global document, window, getComputedStyle -- used in code that Playwright runs inside the page */
// The instance console panel in a real workbench against the dev cloud: an instance whose NAME and console text
// carry HTML, script tags and ANSI sequences shows them as text and nothing executes; follow mode shows appended
// lines (latency measured); ping 127.0.0.1, a host in a network namespace this test creates, and an address
// nobody answers (routed into that namespace, where it is dropped); the TCP check; the serial console logging in
// through the real nova-serialproxy in a terminal; one panel per instance; state across hide/show and a reload.
// CSP violations in the webview are counted (securitypolicyviolation events from document start, plus console
// messages) and must be 0.
//
// Network safety: only 127.0.0.1 and 198.18.<n>.2/.3, addresses that exist solely on a veth pair into the namespace
// created here (after checking the host routes them into it); the namespace is deleted in clean-up.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  E2E_CLOUDS_YAML, consoleFrame, cspViolations, dismissNotifications, inBackground, openConsoleInline, recordCspViolations, selected, sideBar, runExactCommand, screenReaderMode, terminalText, test, until,
} from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, DEVCLOUD_STATE, openstack } from './devcloud.mjs';

// These tests come after the explorer and tree tests (they need the dev cloud's clouds.yaml that tree.e2e.mjs
// writes); run.mjs imports files in name order, so register those first. E2E_CONSOLE_ONLY=1 skips them.
if (!process.env.E2E_CONSOLE_ONLY) {
  await import('./explorer.e2e.mjs');
  await import('./tree.e2e.mjs');
}

const run = promisify(execFile);
const n = process.pid % 200 + 20;                    // 198.18.<n>.0/24, unique per run
const tag = `e2ec${process.pid}`;
const NAME = `${tag} <img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>`;
const NS = `oxc${process.pid}`;
const VETH_HOST = `oxh${process.pid}`.slice(0, 15);
const VETH_NS = `oxn${process.pid}`.slice(0, 15);
const NS_HOST = `198.18.${n}.2`;                     // answers (inside the namespace)
const NS_DEAD = `198.18.${n}.3`;                     // routed into the namespace, which drops it (no forwarding)
const LOCAL = `198.18.${n}.1`;
const consoleFile = (id) => join(DEVCLOUD_STATE, 'console', `${id}.log`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = { followLatencyMs: [] };
let serverId = '';
let fixedIp = '';

const SETUP = 'console: setup: an instance with HTML, script and ANSI in its name and console log';
// Boot the instance while the explorer and tree tests run (boots take minutes on a loaded machine); not when
// E2E_GREP leaves the setup out (nothing would delete it).
const created = !selected(SETUP) ? Promise.resolve('') : inBackground((async () => {
  await openstack('devcloud', 'network', 'create', `${tag}-net`);
  await openstack('devcloud', 'subnet', 'create', `${tag}-subnet`, '--network', `${tag}-net`, '--subnet-range', '10.89.0.0/24');
  const server = await openstack('devcloud', 'server', 'create', '--flavor', 'm1.tiny', '--image', 'devcloud-guest', '--availability-zone', 'devcloud-fake', '--network', `${tag}-net`, NAME, '-f', 'json');
  return server.id;
})());
created.catch(() => undefined);   // awaited (and reported) by the first test

const ip = (...args) => run('ip', args);

test(SETUP, async ({ page }) => {
  if (!existsSync(E2E_CLOUDS_YAML)) copyFileSync(DEVCLOUD_CLOUDS_YAML, E2E_CLOUDS_YAML);   // E2E_CONSOLE_ONLY
  await recordCspViolations(page);
  serverId = await created;
  const server = await until('the instance to be ACTIVE', async () => {
    const s = await openstack('devcloud', 'server', 'show', serverId, '-f', 'json');
    if (s.status === 'ERROR') throw new Error(`the instance failed: ${JSON.stringify(s.fault)}`);
    return s.status === 'ACTIVE' && s;
  }, 600_000, 3000);
  fixedIp = /10\.89\.0\.\d+/.exec(JSON.stringify(server.addresses))?.[0] ?? '';
  assert.ok(fixedIp, `fixed IP in ${JSON.stringify(server.addresses)}`);
  writeFileSync(consoleFile(serverId), [
    'boot: the console of an instance with a hostile name',
    'html: <img src=x onerror="window.__pwned=3"> and <script>window.__pwned=4</script>',
    'ansi: \u001b[31mRED-TEXT\u001b[0m normal [32mGREEN-BARE[0m \u001b[1mBOLD\u001b[0m',
    'osc: \u001b]0;evil-title\u0007after-osc \u001b[2Jafter-clear',
    '',
  ].join('\n'));
});

test('console: Open Console (inline action) shows the name, HTML and script as text, colours as colours, nothing runs', async ({ page, shot }) => {
  const tab = await openConsoleInline(page, tag);
  const frame = await consoleFrame(page);
  await frame.locator('#log .line', { hasText: 'boot: the console' }).waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('#instance-name').textContent(), NAME);
  assert.match(await tab.textContent(), /Console: e2ec\d+ <img src=x onerror=window\.__pwned=1><script>/);
  const log = await frame.locator('#log').innerText();
  assert.match(log, /html: <img src=x onerror="window\.__pwned=3"> and <script>window\.__pwned=4<\/script>/);
  assert.match(log, /ansi: RED-TEXT normal GREEN-BARE BOLD/);
  assert.doesNotMatch(log, /\[31m|\[0m|\[32m|\[2J/);
  assert.equal(await frame.locator('#log .ansi-red-fg').textContent(), 'RED-TEXT');
  assert.equal(await frame.locator('#log .ansi-green-fg').textContent(), 'GREEN-BARE');
  assert.equal(await frame.locator('#log .ansi-bold').textContent(), 'BOLD');
  // red is the theme's terminal red, not a hard-coded colour
  const red = await frame.locator('#log .ansi-red-fg').evaluate((e) => [getComputedStyle(e).color, getComputedStyle(document.documentElement).getPropertyValue('--vscode-terminal-ansiRed').trim()]);
  assert.ok(red[1], 'the theme provides --vscode-terminal-ansiRed');
  assert.equal(await frame.evaluate(() => document.querySelectorAll('#app img, #app script').length), 0);
  assert.equal(await frame.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await sleep(500);
  const violations = await cspViolations(page);
  assert.deepEqual(violations, [], `CSP violations: ${JSON.stringify(violations, null, 1)}`);
  console.log(`    components ready: ${await frame.evaluate(() => document.body.dataset.componentsReady)}; CSP violations: ${violations.length}`);
  await shot('console-opened-hostile-name');
});

test('console: follow mode appends new lines (latency measured), filter and wrap', async ({ page, shot }) => {
  const frame = await consoleFrame(page);
  await frame.locator('#log-follow').click();
  await until('follow on', async () => /following/.test(await frame.locator('#log-status').innerText()));
  const linesBefore = await frame.locator('#log .line').count();
  // after 0 s (poll every 1 s), after 6 s and 12 s idle (the poll has backed off towards 10 s)
  for (const [i, idle] of [[1, 1500], [2, 6000], [3, 12_000]]) {
    await sleep(idle);
    const mark = `follow-mark-${i}-${Date.now()}`;
    const t0 = Date.now();
    appendFileSync(consoleFile(serverId), `${mark} \u001b[36mcyan\u001b[0m\n`);
    await frame.locator('#log .line', { hasText: mark }).waitFor({ timeout: 30_000 });
    results.followLatencyMs.push(Date.now() - t0);
  }
  console.log(`    follow latency (append → visible): ${results.followLatencyMs.join(' ms, ')} ms`);
  assert.equal(await frame.locator('#log .line').count(), linesBefore + 3, 'only the new lines were appended');
  assert.equal(await frame.locator('#log .line .ansi-cyan-fg').count(), 3);
  await shot('console-follow');
  // filter
  await frame.locator('#log-filter input').fill('follow-mark');
  await until('the filter', async () => (await frame.locator('#log .line:not(.tail)').count()) === 3);
  assert.match(await frame.locator('#log-status').innerText(), /3 of \d+ lines match/);
  await shot('console-filter');
  await frame.locator('#log-filter input').fill('');
  // wrap off: lines do not wrap
  await frame.locator('#log-wrap').click();
  assert.equal(await frame.locator('#log').evaluate((e) => getComputedStyle(e).whiteSpace), 'pre');
  await frame.locator('#log-wrap').click();
  assert.equal(await frame.locator('#log').evaluate((e) => getComputedStyle(e).whiteSpace), 'pre-wrap');
});

test('console: Copy, and Open Full Log as a read-only document without escape sequences', async ({ page, shot }) => {
  const frame = await consoleFrame(page);
  await frame.locator('#log-copy').click();
  await page.locator('.part.statusbar', { hasText: /Copied \d+ line\(s\)/ }).waitFor({ timeout: 10_000 });
  await frame.locator('#log-full').click();
  const tab = page.locator('.tabs-container .tab', { hasText: 'console.log' });
  await tab.waitFor({ timeout: 30_000 });
  const editor = page.locator('.editor-instance .monaco-editor .view-lines').last();
  const editorText = async () => (await editor.innerText()).replace(/\u00a0/g, ' ');
  await until('the full log text', async () => /html: <img src=x onerror="window\.__pwned=3">/.test(await editorText()));
  const text = await editorText();
  assert.match(text, /ansi: RED-TEXT normal GREEN-BARE BOLD/);
  assert.doesNotMatch(text, /\[31m|\[0m/);
  // read-only: typing changes nothing
  await editor.click();
  await page.keyboard.type('typed');
  assert.doesNotMatch(await editorText(), /typed/);
  await shot('console-full-log');
  await tab.locator('.codicon-close').click();
  await page.locator('.tabs-container .tab', { hasText: `Console: ${tag}` }).click();
});

test('console: Open VNC Console hands nova\'s noVNC URL to the browser', async ({ page }) => {
  const frame = await consoleFrame(page);
  const popup = page.context().waitForEvent('page', { timeout: 20_000 }).catch(() => undefined);
  await frame.locator('#open-vnc').click();
  // VS Code may ask before opening an external link
  const open = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
  await open.click({ timeout: 5_000 }).catch(() => undefined);
  const opened = await popup;
  assert.ok(opened, 'a browser tab opened');
  await opened.waitForLoadState('domcontentloaded').catch(() => undefined);
  // desktop VS Code opens nova's URL as it is; code-server's resolveExternalUri maps any localhost URL to its own
  // /proxy/<port>/ and keeps only the port (its limitation; a real cloud's noVNC host is not localhost)
  assert.match(opened.url(), /^http:\/\/127\.0\.0\.1:(?:6080\/vnc_auto\.html\?path=%3Ftoken%3D[\w-]+|\d+\/proxy\/6080\/)$/);
  await opened.close();
  await until('the webview notice', async () => /VNC console opened/.test(await frame.locator('#notice').textContent()));
});

test('console: state survives hide and show (the webview is not retained)', async ({ page }) => {
  let frame = await consoleFrame(page);
  await frame.locator('#log-filter input').fill('html:');
  await runExactCommand(page, 'File: New Untitled Text File', { thenHidden: true });
  await until('the console webview to be hidden', async () => (await page.locator('.tabs-container .tab.active', { hasText: 'Console:' }).count()) === 0);
  await page.locator('.tabs-container .tab', { hasText: `Console: ${tag}` }).click();
  frame = await consoleFrame(page);
  assert.equal(await frame.locator('#log-filter input').inputValue(), 'html:');
  await until('the filtered log', async () => (await frame.locator('#log .line:not(.tail)').count()) === 1);
  assert.equal(await frame.locator('#log-follow').evaluate((e) => e.checked), true);
  await frame.locator('#log-filter input').fill('');
});

test('console: ping 127.0.0.1 streams its lines and the summary matches ping\'s statistics', async ({ page, shot }) => {
  const frame = await consoleFrame(page);
  await frame.locator('#tab-ping').click();
  // the instance's addresses are offered (not pinged: tenant addresses are never probed from here)
  const offered = await frame.locator('#ping-choice vscode-option').allTextContents();
  assert.ok(offered.some((o) => o.includes(fixedIp) && o.includes('fixed')), `offered: ${offered.join(' | ')}`);
  await frame.locator('#ping-target input').fill('127.0.0.1');
  await frame.locator('#ping-count input').fill('4');
  await frame.locator('#ping-start').click();
  const seen = [];
  await until('ping to finish', async () => {
    const lines = await frame.locator('#ping-output .line').count();
    if (!seen.length || seen[seen.length - 1].lines !== lines) seen.push({ lines, at: Date.now() });
    return (await frame.locator('#ping-summary').getAttribute('data-final')) === 'true' && (await frame.locator('body').getAttribute('data-ping')) === 'idle';
  }, 30_000, 50);
  const replyTimes = seen.filter((s) => s.lines >= 2 && s.lines <= 5);
  assert.ok(replyTimes.length >= 3 && replyTimes[replyTimes.length - 1].at - replyTimes[0].at > 1500, `streamed: ${JSON.stringify(seen)}`);
  const out = await frame.locator('#ping-output').innerText();
  const stats = /(\d+) packets transmitted, (\d+) received, (\d+)% packet loss/.exec(out);
  const rtt = /rtt min\/avg\/max\/mdev = ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(out);
  assert.ok(stats && rtt, out);
  assert.deepEqual([stats[1], stats[2], stats[3]], ['4', '4', '0']);
  const text = async (id) => (await frame.locator(id).textContent()).trim();
  assert.equal(await text('#ping-sent'), '4');
  assert.equal(await text('#ping-received'), '4');
  assert.equal(await text('#ping-loss'), '0%');
  assert.equal(await text('#ping-min'), `${Number(rtt[1])} ms`);
  assert.equal(await text('#ping-avg'), `${Number(rtt[2])} ms`);
  assert.equal(await text('#ping-max'), `${Number(rtt[3])} ms`);
  assert.equal(await frame.locator('#rtt-chart .rtt-point').count(), 4);
  assert.match(await text('#ping-command'), /^ping -n -O -W 2 -c 4 -- 127\.0\.0\.1$/);
  await shot('console-ping-loopback');
});

test('console: a typed hostile target is refused before anything runs', async ({ page }) => {
  const frame = await consoleFrame(page);
  const before = await frame.locator('#ping-command').textContent();
  for (const hostile of [';rm -rf /', '$(id)', '-f', '`id`']) {
    await frame.locator('#ping-target input').fill(hostile);
    await frame.locator('#ping-start').click();
    assert.notEqual(await frame.locator('#target-error').textContent(), '', hostile);
  }
  assert.equal(await frame.locator('#ping-command').textContent(), before);
});

test('console: ping a host in a network namespace created here, then an address nobody answers (100% loss)', async ({ page, shot }) => {
  await ip('netns', 'add', NS);
  try {
    await ip('link', 'add', VETH_HOST, 'type', 'veth', 'peer', 'name', VETH_NS);
    await ip('link', 'set', VETH_NS, 'netns', NS);
    await ip('addr', 'add', LOCAL, 'peer', NS_HOST, 'dev', VETH_HOST);
    await ip('link', 'set', VETH_HOST, 'up');
    await ip('netns', 'exec', NS, 'ip', 'addr', 'add', NS_HOST, 'peer', LOCAL, 'dev', VETH_NS);
    await ip('netns', 'exec', NS, 'ip', 'link', 'set', VETH_NS, 'up');
    await ip('route', 'add', `${NS_DEAD}/32`, 'via', NS_HOST, 'dev', VETH_HOST);
    // never send anything anywhere else: both addresses must go into our veth
    for (const addr of [NS_HOST, NS_DEAD]) {
      const { stdout } = await ip('route', 'get', addr);
      assert.match(stdout, new RegExp(`dev ${VETH_HOST} `), `${addr} is not routed into the namespace: ${stdout}`);
    }
    const frame = await consoleFrame(page);
    const ping = async (target, count) => {
      await frame.locator('#ping-target input').fill(target);
      await frame.locator('#ping-count input').fill(String(count));
      await frame.locator('#ping-start').click();
      await until(`ping ${target} to start`, async () => (await frame.locator('#ping-command').textContent()).endsWith(` ${target}`));
      let streamed = 0;
      await until(`ping ${target} to finish`, async () => {
        const running = (await frame.locator('body').getAttribute('data-ping')) === 'running';
        if (running) streamed = Math.max(streamed, await frame.locator('#ping-output .line').count());
        return !running && (await frame.locator('#ping-summary').getAttribute('data-final')) === 'true';
      }, 60_000, 50);
      return streamed;
    };
    const streamed = await ping(NS_HOST, 3);
    assert.ok(streamed >= 2, `lines shown while ping ran: ${streamed}`);
    assert.equal((await frame.locator('#ping-received').textContent()).trim(), '3');
    assert.equal((await frame.locator('#ping-loss').textContent()).trim(), '0%');
    await shot('console-ping-namespace-host');
    await ping(NS_DEAD, 3);
    assert.equal((await frame.locator('#ping-sent').textContent()).trim(), '3');
    assert.equal((await frame.locator('#ping-received').textContent()).trim(), '0');
    assert.equal((await frame.locator('#ping-loss').textContent()).trim(), '100%');
    assert.match(await frame.locator('#ping-output').innerText(), /no answer yet for icmp_seq=1/);
    assert.equal(await frame.locator('#rtt-chart .rtt-lost').count(), 3);
    await shot('console-ping-no-answer');
    // the TCP check: the namespace host refuses (nothing listens), 127.0.0.1 on code-server's port is open
    await frame.locator('#ping-target input').fill(NS_HOST);
    await frame.locator('#tcp-port input').fill('22');
    await frame.locator('#tcp-check').click();
    await until('the TCP result', async () => /refused/.test(await frame.locator('#tcp-result').textContent()));
    await frame.locator('#ping-target input').fill('127.0.0.1');
    await frame.locator('#tcp-port input').fill(new URL(page.url()).port);
    await frame.locator('#tcp-check').click();
    await until('the TCP result', async () => /is open/.test(await frame.locator('#tcp-result').textContent()));
    await shot('console-tcp-check');
  } finally {
    await ip('link', 'del', VETH_HOST).catch(() => undefined);
    await ip('route', 'del', `${NS_DEAD}/32`).catch(() => undefined);
    await ip('netns', 'del', NS).catch(() => undefined);
  }
});

test('console: the serial console logs in through the real serial proxy in a terminal', async ({ page, shot }) => {
  // the terminal draws on a canvas; in screen reader mode xterm also keeps its text in an accessibility tree
  await screenReaderMode(page, true);
  await dismissNotifications(page);
  const frame = await consoleFrame(page);
  await frame.locator('#open-serial').click();
  const terminal = page.locator('.part.panel .terminal-wrapper.active').first();
  const screen = () => terminalText(page);
  try {
    await until('the login prompt', async () => /cirros login:/.test(await screen()), 60_000, 200);
  } catch (err) {
    const classes = await page.evaluate(() => [...new Set([...document.querySelectorAll('.part.panel *')].flatMap((e) => [...e.classList]).filter((c) => /xterm|terminal/.test(c)))].join(' '));
    throw new Error(`${err.message}; terminal classes: ${classes}`);
  }
  await terminal.click();
  await page.keyboard.type('cirros\r');
  await until('the shell prompt', async () => /^\$\s*$/m.test(await screen()), 20_000, 200);
  await page.keyboard.type('hostname\r');
  await until('hostname → cirros', async () => /\$ hostname\s*\n\s*cirros\s*\n/.test(await screen()), 20_000, 200);
  assert.match(await page.locator('.part.panel').innerText(), new RegExp(`Serial: ${tag} <img`));
  await shot('console-serial-terminal');
  await page.keyboard.type('exit\r');
  await runExactCommand(page, 'Terminal: Kill the Active Terminal Instance', { thenHidden: true });
  await screenReaderMode(page, false);
  await dismissNotifications(page);
});

test('console: Open Console from the palette picks the instance and reveals the same panel', async ({ page }) => {
  await runExactCommand(page, 'File: New Untitled Text File', { thenHidden: true });
  await runExactCommand(page, 'OpenStack: Open Console');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(tag);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: tag }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: `Console: ${tag}` }).waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Console:' }).count(), 1);
});

test('console: the panel comes back after a window reload (serializer) with its state', async ({ page, shot }) => {
  // Developer: Reload Window, which lets the workbench store its state first: the browser's reload can bring back the
  // workbench's previous save of a webview's state (ci33: the target and port of a test before), whatever the page saved
  const reloaded = page.waitForEvent('domcontentloaded', { timeout: 60_000 });
  await runExactCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // the restored tab's webview is revived (deserializeWebviewPanel) when it is shown
  const tab = page.locator('.tabs-container .tab', { hasText: `Console: ${tag}` });
  await tab.waitFor({ timeout: 60_000 });
  await tab.click();
  const frame = await consoleFrame(page, 90_000);
  await until('the instance name', async () => (await frame.locator('#instance-name').textContent()) === NAME);
  assert.equal(await frame.locator('#log-follow').evaluate((e) => e.checked), true);
  assert.equal(await frame.locator('#ping-target input').inputValue(), '127.0.0.1');
  assert.equal(await frame.locator('vscode-panels').getAttribute('activeid'), 'tab-ping', 'the Ping tab is still the one shown');
  await frame.locator('#log .line', { hasText: 'follow-mark-3' }).waitFor({ state: 'attached', timeout: 30_000 });
  await dismissNotifications(page);
  await sleep(500);
  const violations = await cspViolations(page);
  assert.deepEqual(violations, [], `CSP violations: ${JSON.stringify(violations, null, 1)}`);
  await shot('console-restored-after-reload');
  console.log(`    CSP violations in the console webview over the whole run: ${violations.length}`);
});

test('console: clean up', async ({ page }) => {
  await runExactCommand(page, 'View: Close All Editors', { thenHidden: true }).catch(() => undefined);
  const id = serverId || await created.catch(() => '');   // also when setup failed before it took the id
  if (id) await openstack('devcloud', 'server', 'delete', '--wait', id);
  await openstack('devcloud', 'network', 'delete', `${tag}-net`);
  await ip('netns', 'del', NS).catch(() => undefined);
  assert.ok(sideBar(page));
});

/* global document, window, getComputedStyle -- used in code that Playwright runs inside the page */
// The network topology panel in a real workbench against the dev cloud. The exercise is built with the openstack
// CLI as the demo user: a network with a subnet, a router with its gateway on ext and an interface on the subnet,
// two instances on the fake compute host (the second named with HTML and a script), a floating IP on the first.
// Show Network Topology (palette) must draw exactly those nodes and links, read from the SVG's DOM (the second
// instance's missing floating IP as a broken link); the hostile name stays text; arrow keys move between nodes;
// a click on an instance selects its row in the tree; a right-click on it offers the tree's commands and runs Open
// Console from the menu the workbench draws; screenshots in the default light, a dark and a high-contrast theme;
// with the floating IP disassociated and the gateway cleared, Refresh draws both links broken with the doctor's
// words; the selection survives hide/show; Export SVG saves the picture; CSP violations are counted (0); the time
// to the first picture and to an update is printed. Everything made here is deleted at the end.
//
// Network safety: nothing is probed. Only API data is read (the fake host's instances have no data plane).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  E2E_CLOUDS_YAML, contextMenu, cspViolations, dependentSteps, escapeRegExp, inBackground, openOpenStack, pickQuickItem, recordCspViolations, runExactCommand,
  selected, test, treeRow, until, webviewFrame,
} from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, openstack } from './devcloud.mjs';

const tag = `topo${process.pid}`;
const n = process.pid % 200 + 20;                     // 10.65.<n>.0/24, different per run
const CIDR = `10.65.${n}.0/24`;
const NAMES = {
  net: `${tag}-net`, subnet: `${tag}-subnet`, router: `${tag}-router`, vm1: `${tag}-vm1`,
  vm2: `${tag}-vm2 <img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>`,
};
const SETUP = 'topology: setup: ext, a router with its gateway, a network with a subnet, 2 instances, 1 floating IP (openstack CLI)';
const EXPORTED = 'topology-demo.svg';
const demo = (...args) => openstack('devcloud', ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What this file made (IDs and addresses), for the assertions and the clean-up whatever failed. */
const made = { networkId: '', subnetId: '', routerId: '', extId: '', vm1: '', vm2: '', ip1: '', ip2: '', fipId: '', fip: '' };
/** Node IDs as the picture names them (kind:resourceId). */
const ids = () => ({
  ext: `external:${made.extId}`, router: `router:${made.routerId}`, net: `network:${made.networkId}`,
  vm1: `instance:${made.vm1}`, vm2: `instance:${made.vm2}`, fip: `floatingIp:${made.fipId}`,
});
const times = { firstPictureMs: 0, updateMs: 0 };

/** The later steps (but the clean-up) are skipped once one fails. */
const step = dependentSteps();

/** The student's set-up, through the CLI: started at import (instances take a while even on the fake host). */
async function build() {
  made.networkId = (await demo('network', 'create', NAMES.net, '-f', 'json')).id;
  made.subnetId = (await demo('subnet', 'create', NAMES.subnet, '--network', NAMES.net, '--subnet-range', CIDR, '-f', 'json')).id;
  made.routerId = (await demo('router', 'create', NAMES.router, '-f', 'json')).id;
  await demo('router', 'set', NAMES.router, '--external-gateway', 'ext');
  await demo('router', 'add', 'subnet', NAMES.router, NAMES.subnet);
  made.extId = (await demo('network', 'show', 'ext', '-f', 'json')).id;
  for (const vm of ['vm1', 'vm2']) {
    made[vm] = (await demo('server', 'create', '--flavor', 'm1.tiny', '--image', 'devcloud-guest', '--availability-zone', 'devcloud-fake',
      '--network', NAMES.net, NAMES[vm], '-f', 'json')).id;
  }
}
const built = selected(SETUP) ? inBackground(build()) : Promise.resolve();
built.catch(() => undefined);   // awaited (and reported) by the setup test

/** The picture as the SVG's DOM has it: every node and link with what the test reads of it. */
function readPicture(frame) {
  return frame.evaluate(() => ({
    nodes: [...document.querySelectorAll('#topology g.node')].map((g) => ({
      id: g.dataset.id, kind: g.dataset.kind, status: g.dataset.status, label: g.getAttribute('aria-label'),
      title: g.querySelector('.node-title')?.textContent ?? '', rows: [...g.querySelectorAll('.node-row')].map((t) => t.textContent),
    })),
    links: [...document.querySelectorAll('#topology g.link')].map((g) => ({
      id: g.dataset.id, kind: g.dataset.kind, left: g.dataset.left ?? '∅', right: g.dataset.right ?? '∅',
      broken: g.dataset.broken === 'true', reason: g.querySelector('title')?.textContent ?? '',
    })),
  }));
}

/** The links that touch this test's own nodes (ext is shared with every other router of the project). */
function ourLinks(picture) {
  const own = new Set(Object.entries(ids()).filter(([key]) => key !== 'ext').map(([, id]) => id));
  return picture.links.filter((l) => own.has(l.left) || own.has(l.right)).map((l) => `${l.kind} ${l.left} → ${l.right}${l.broken ? ' BROKEN' : ''}`).sort();
}

const node = (frame, id) => frame.locator(`#topology g.node[data-id="${id}"]`);
const link = (frame, id) => frame.locator(`#topology g.link[data-id="${id}"]`);

/** Refresh in the panel, and the time until the new picture is drawn. */
async function refreshPicture(frame) {
  const before = await frame.locator('body').getAttribute('data-loaded-at');
  const t0 = Date.now();
  await frame.locator('#refresh').click();
  await until('the new picture', async () => (await frame.locator('body').getAttribute('data-loaded-at')) !== before, 60_000, 50);
  return Date.now() - t0;
}

/** Chooses the colour theme LABEL with "Preferences: Color Theme"; waits until the webview has BODYCLASS. */
async function colorTheme(page, frame, label, bodyClass) {
  await runExactCommand(page, 'Preferences: Color Theme');
  // the theme picker, not the palette still closing ("Select Color Theme…" as its placeholder or title)
  const widget = page.locator('.quick-input-widget');
  await until('the colour theme picker', async () => /Color Theme/.test(`${await widget.locator('input[type="text"]').getAttribute('placeholder').catch(() => '')} ${await widget.locator('.quick-input-title').textContent().catch(() => '')}`), 10_000, 100);
  await pickQuickItem(page, label, { filter: label });
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await until(`the webview in ${label}`, () => frame.evaluate((c) => document.body.classList.contains(c), bodyClass));
  // and the workbench around it (a screenshot shows both): vs, hc-black or vs-dark on .monaco-workbench
  const workbenchClass = { 'vscode-light': 'vs', 'vscode-high-contrast': 'hc-black', 'vscode-dark': 'vs-dark' }[bodyClass];
  await until(`the workbench in ${label}`, () => page.locator('.monaco-workbench').evaluate((e, c) => e.classList.contains(c), workbenchClass));
  await sleep(300);   // the theme's colours are applied with the class
}

step(SETUP, async ({ page }) => {
  if (!existsSync(E2E_CLOUDS_YAML)) copyFileSync(DEVCLOUD_CLOUDS_YAML, E2E_CLOUDS_YAML);   // when the tree tests did not run
  await recordCspViolations(page);
  await built;
  for (const vm of ['vm1', 'vm2']) {
    const server = await until(`${vm} to be ACTIVE`, async () => {
      const s = await demo('server', 'show', made[vm], '-f', 'json');
      if (s.status === 'ERROR') throw new Error(`${vm} failed: ${JSON.stringify(s.fault)}`);
      return s.status === 'ACTIVE' && s;
    }, 600_000, 3000);
    made[vm === 'vm1' ? 'ip1' : 'ip2'] = new RegExp(`10\\.65\\.${n}\\.\\d+`).exec(JSON.stringify(server.addresses))?.[0] ?? '';
  }
  assert.ok(made.ip1 && made.ip2, `fixed IPs ${made.ip1} ${made.ip2}`);
  const fip = await demo('floating', 'ip', 'create', 'ext', '-f', 'json');
  made.fipId = fip.id;
  made.fip = fip.floating_ip_address;
  await demo('server', 'add', 'floating', 'ip', made.vm1, made.fip);
  await until('the floating IP on vm1\'s port', async () => (await demo('floating', 'ip', 'show', made.fipId, '-f', 'json')).fixed_ip_address === made.ip1);
});

step('topology: Show Network Topology (palette) draws exactly the exercise\'s nodes and links', async ({ page, shot }) => {
  // the extension has read clouds.yaml (the palette offers the command once a cloud exists)
  await openOpenStack(page);
  await treeRow(page, 'devcloud').first().waitFor({ timeout: 30_000 });
  const t0 = Date.now();
  await runExactCommand(page, 'OpenStack: Show Network Topology', { thenHidden: true });
  await page.locator('.tabs-container .tab', { hasText: 'Topology: demo' }).waitFor({ timeout: 30_000 });
  const frame = await webviewFrame(page, 'openstack-topology', 60_000);
  times.firstPictureMs = Date.now() - t0;
  const id = ids();
  const picture = await readPicture(frame);
  const ours = new Set(Object.values(id));
  assert.deepEqual(picture.nodes.filter((x) => ours.has(x.id)).map((x) => x.id).sort(), [...ours].sort(), 'each node once');
  assert.deepEqual(picture.nodes.filter((x) => x.label.includes(tag)).map((x) => x.id).sort(), [id.router, id.net, id.vm1, id.vm2].sort(), 'nothing else carries the tag');
  assert.deepEqual(ourLinks(picture), [
    `floating ${id.vm1} → ${id.fip}`,
    `floating ${id.vm2} → ∅ BROKEN`,
    `gateway ${id.ext} → ${id.router}`,
    `interface ${id.router} → ${id.net}`,
    `port ${id.net} → ${id.vm1}`,
    `port ${id.net} → ${id.vm2}`,
  ].sort());
  const of = (nodeId) => picture.nodes.find((x) => x.id === nodeId);
  assert.match(of(id.net).label, new RegExp(`^Network ${escapeRegExp(NAMES.net)}, ${escapeRegExp(NAMES.subnet)} ${escapeRegExp(CIDR)}$`));
  assert.deepEqual([of(id.vm1).rows, of(id.vm1).status], [['ACTIVE', made.ip1], 'ok']);
  assert.equal(of(id.fip).title, made.fip);
  assert.equal(of(id.fip).rows[1], `→ ${made.ip1}`);
  assert.match(of(id.router).rows[1], /^gateway \d+\.\d+\.\d+\.\d+/, 'the router shows its gateway address');
  assert.equal(picture.links.find((l) => l.id === `floating:none:${made.vm2}`).reason,
    `No floating IP is associated with ${made.ip2}: it cannot be reached from outside its network.`);
  console.log(`    palette → picture drawn: ${times.firstPictureMs} ms; ${await frame.locator('#topology-status').textContent()}`);
  await shot('topology-light-default');
});

step('topology: a hostile instance name stays text; nothing runs; 0 CSP violations', async ({ page }) => {
  const frame = await webviewFrame(page, 'openstack-topology');
  const vm2 = node(frame, ids().vm2);
  assert.ok((await vm2.getAttribute('aria-label')).startsWith(`Instance ${NAMES.vm2}, ACTIVE, ${made.ip2}`));
  const title = await vm2.locator('.node-title').textContent();
  assert.ok(title.endsWith('…') && NAMES.vm2.startsWith(title.slice(0, -1)), `fitted title: ${title}`);
  assert.equal(await frame.evaluate(() => document.querySelectorAll('#app img, #app script, #app foreignObject, #app iframe').length), 0);
  assert.equal(await frame.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await sleep(500);
  const violations = await cspViolations(page);
  assert.deepEqual(violations, [], `CSP violations: ${JSON.stringify(violations, null, 1)}`);
});

step('topology: arrow keys move between nodes, Enter selects, Escape clears', async ({ page }) => {
  const frame = await webviewFrame(page, 'openstack-topology');
  const focused = () => frame.evaluate(() => document.activeElement?.getAttribute('data-id'));
  // a locator's press focuses its element first: the keys go to the node that has the focus
  await node(frame, ids().vm1).press('ArrowLeft');
  const left = await focused();
  assert.match(left, /^(network|external):/, `ArrowLeft from an instance goes to a network: ${left}`);
  await frame.locator(':focus').press('Enter');
  assert.equal(await node(frame, left).getAttribute('aria-pressed'), 'true');
  assert.match(await frame.locator('#selection-name').textContent(), /^(External network|Network) /);
  await frame.locator(':focus').press('Escape');
  assert.equal(await frame.locator('#topology g.node[aria-pressed="true"]').count(), 0);
});

step('topology: a click on an instance lights up its way and selects its row in the tree', async ({ page, shot }) => {
  await openOpenStack(page);
  const frame = await webviewFrame(page, 'openstack-topology');
  const vm1 = node(frame, ids().vm1);
  await vm1.focus();   // pans it into view
  await vm1.click();
  assert.equal(await vm1.getAttribute('aria-pressed'), 'true');
  for (const id of [ids().fip, ids().net, ids().router, ids().ext]) assert.match(await node(frame, id).getAttribute('class'), /\bon-path\b/, id);
  assert.doesNotMatch(await node(frame, ids().vm2).getAttribute('class'), /\bon-path\b/, 'vm2 is not on vm1\'s way');
  assert.equal(await frame.locator('#selection-name').textContent(), `Instance ${NAMES.vm1}`);
  for (const action of ['openConsole', 'diagnose']) await frame.locator(`#action-${action}`).waitFor();
  const row = treeRow(page, new RegExp(`^${escapeRegExp(NAMES.vm1)}( |$)`)).first();
  await until('the tree to select vm1\'s row', async () => (await row.getAttribute('aria-selected').catch(() => null)) === 'true', 60_000, 250);
  await page.mouse.move(900, 600);
  await shot('topology-click-reveals-instance');
});

step('topology: a right-click on an instance offers the tree\'s commands; Open Console from there opens its console', async ({ page, shot }) => {
  const frame = await webviewFrame(page, 'openstack-topology');
  const vm1 = node(frame, ids().vm1);
  await vm1.focus();   // pans it into view
  const offered = await contextMenu(page, vm1, 'Open Console', { whileOpen: () => shot('topology-context-menu') });
  for (const item of ['Open Console', 'Diagnose Reachability…', 'Delete Instance…']) assert.ok(offered.includes(item), `${item} offered: ${offered.join(' | ')}`);
  assert.ok(!offered.includes('Assign Floating IP'), `vm1 has its floating IP already; offered: ${offered.join(' | ')}`);
  assert.ok(!offered.includes('Copy'), `no Cut/Copy/Paste on a node; offered: ${offered.join(' | ')}`);
  const tab = page.locator('.tabs-container .tab', { hasText: `Console: ${NAMES.vm1}` });
  await tab.waitFor({ timeout: 30_000 });
  await tab.locator('.codicon-close').click();
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
  // the later steps read the topology: show it again whatever the workbench shows after the close
  await page.locator('.tabs-container .tab', { hasText: 'Topology: demo' }).click();
  assert.equal(await node(await webviewFrame(page, 'openstack-topology'), ids().vm1).getAttribute('aria-pressed'), 'true', 'vm1 is still selected');
});

step('topology: dark, high-contrast and light themes', async ({ page, shot }) => {
  const frame = await webviewFrame(page, 'openstack-topology');
  const box = () => node(frame, ids().vm1).locator('.node-box').evaluate((e) => getComputedStyle(e).fill);
  const fills = {};
  try {
    await colorTheme(page, frame, 'Dark Modern', 'vscode-dark');
    fills.dark = await box();
    await shot('topology-dark');
    await colorTheme(page, frame, 'Dark High Contrast', 'vscode-high-contrast');
    fills.highContrast = await box();
    await shot('topology-high-contrast');
  } finally {
    // back to the workbench's default, which the later tests' screenshots are in
    await colorTheme(page, frame, 'Light Modern', 'vscode-light');
  }
  fills.light = await box();
  assert.notEqual(fills.light, fills.dark, `the node colours follow the theme: ${JSON.stringify(fills)}`);
  assert.notEqual(fills.highContrast, fills.dark, `the node colours follow the theme: ${JSON.stringify(fills)}`);
});

step('topology: floating IP disassociated, gateway cleared → after Refresh both links are broken, with the doctor\'s words', async ({ page, shot }) => {
  // Neutron refuses to clear a gateway that a floating IP behind the router still uses
  await demo('server', 'remove', 'floating', 'ip', made.vm1, made.fip);
  await demo('router', 'unset', '--external-gateway', NAMES.router);
  const frame = await webviewFrame(page, 'openstack-topology');
  times.updateMs = await refreshPicture(frame);
  const id = ids();
  const picture = await readPicture(frame);
  assert.deepEqual(ourLinks(picture), [
    `floating ∅ → ${id.fip} BROKEN`,
    `floating ${id.vm1} → ∅ BROKEN`,
    `floating ${id.vm2} → ∅ BROKEN`,
    `gateway ∅ → ${id.router} BROKEN`,
    `interface ${id.router} → ${id.net}`,
    `port ${id.net} → ${id.vm1}`,
    `port ${id.net} → ${id.vm2}`,
  ].sort());
  const reason = (linkId) => picture.links.find((l) => l.id === linkId).reason;
  assert.equal(reason(`gateway:${made.routerId}`), `Router ${NAMES.router} has no external gateway: floating IPs cannot reach ${CIDR}.`);
  assert.equal(reason(`floating:${made.fipId}`), `Floating IP ${made.fip} is not associated: it reaches no instance.`);
  // hover shows the reason too (the router focused first: the picture pans to it and its broken links)
  await node(frame, id.router).focus();
  await link(frame, `gateway:${made.routerId}`).locator('.broken-mark').hover();
  await until('the tooltip', async () => (await frame.locator('#tooltip').innerText()).includes('has no external gateway'));
  console.log(`    Refresh → new picture drawn: ${times.updateMs} ms; ${await frame.locator('#topology-status').textContent()}`);
  await shot('topology-gateway-cleared-broken');
});

step('topology: the selection and the view survive hide and show (the webview is not retained)', async ({ page }) => {
  let frame = await webviewFrame(page, 'openstack-topology');
  assert.equal(await node(frame, ids().vm1).getAttribute('aria-pressed'), 'true', 'vm1 is still selected after the Refresh');
  const viewBox = await frame.locator('#topology').getAttribute('viewBox');
  await runExactCommand(page, 'File: New Untitled Text File', { thenHidden: true });
  await until('the topology to be hidden', async () => (await page.locator('.tabs-container .tab.active', { hasText: 'Topology:' }).count()) === 0);
  await page.locator('.tabs-container .tab', { hasText: 'Topology: demo' }).click();
  frame = await webviewFrame(page, 'openstack-topology');
  assert.equal(await node(frame, ids().vm1).getAttribute('aria-pressed'), 'true');
  assert.equal(await frame.locator('#topology').getAttribute('viewBox'), viewBox);
});

step('topology: Export SVG saves the picture, names as text', async ({ page, workspace }) => {
  const file = join(workspace, EXPORTED);
  rmSync(file, { force: true });
  const frame = await webviewFrame(page, 'openstack-topology');
  await frame.locator('#export').click();
  // code-server's own save dialog (a quick input), filled in with the workspace folder and the file's name
  const dialog = page.locator('.quick-input-widget');
  await dialog.locator('.quick-input-title', { hasText: 'Export Network Topology as SVG' }).waitFor({ timeout: 30_000 });
  await until('the file name in the dialog', async () => (await dialog.locator('input[type="text"]').inputValue()).endsWith(EXPORTED));
  await dialog.locator('input[type="text"]').press('Enter');
  await until(`${file} to be written`, async () => existsSync(file), 30_000);
  const svg = readFileSync(file, 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.includes(`data-resource-id="${made.vm2}"`) && svg.includes('&lt;img src=x onerror='), 'the hostile name is escaped text');
  assert.doesNotMatch(svg, /<script|<img|<foreignObject/i);
  await until('the saved notice', async () => (await frame.locator('#notice').textContent()).startsWith('Saved '));
});

test('topology: clean up, and the times', async ({ page, workspace }) => {
  console.log(`    time to the first picture: ${times.firstPictureMs} ms; to an update (Refresh): ${times.updateMs} ms`);
  await runExactCommand(page, 'View: Close All Editors', { thenHidden: true }).catch(() => undefined);
  await built.catch(() => undefined);
  const quiet = (p) => p.catch((err) => console.log(`    clean-up: ${String(err.message ?? err).split('\n')[0]}`));
  if (made.fipId) await quiet(demo('floating', 'ip', 'delete', made.fipId));
  for (const vm of ['vm1', 'vm2']) if (made[vm]) await quiet(demo('server', 'delete', '--wait', made[vm]));
  if (made.routerId) {
    await quiet(demo('router', 'remove', 'subnet', made.routerId, made.subnetId || NAMES.subnet));
    await quiet(demo('router', 'delete', made.routerId));
  }
  if (made.networkId) await quiet(demo('network', 'delete', made.networkId));
  rmSync(join(workspace, EXPORTED), { force: true });
  const left = [
    ...(await demo('server', 'list', '--name', tag, '-f', 'json')).map((s) => `server ${s.Name}`),
    ...(await demo('floating', 'ip', 'list', '-f', 'json')).filter((f) => f.ID === made.fipId).map((f) => `floating IP ${f.ID}`),
    ...(await demo('router', 'list', '-f', 'json')).filter((r) => r.Name === NAMES.router).map((r) => `router ${r.Name}`),
    ...(await demo('network', 'list', '-f', 'json')).filter((x) => x.Name === NAMES.net).map((x) => `network ${x.Name}`),
  ];
  assert.deepEqual(left, [], `left over: ${left.join(', ')}`);
});

// The classroom exercise, played through the UI against the dev cloud as a student would in Horizon: the command
// palette, the tree's context menus and inline actions, typing into the quick input and pressing Enter.
//   1. upload a small qcow2 image (the file picked in code-server's simple file dialog, the format confirmed);
//   2. as admin, create an external flat network on physnet1 with a subnet (the dev cloud's flat physnet1 already
//      carries the seeded `ext`, and a flat physnet takes one network: Neutron refuses, and the exercise goes on
//      with `ext`; what this shows is that the admin gets the provider steps a student does not);
//   3. as the student (demo): a network with a subnet, a router with its gateway on `ext` and an interface on the
//      subnet, ICMP and SSH rules in `default` (quick adds), a key pair imported from a public key file, two
//      instances from one Launch Instance (count 2), a floating IP on one of them (the one-click inline action),
//      seen on the instance's row and under Floating IPs;
//   4. everything torn down through the UI, then checked through the API (openstack CLI): nothing tagged is left.
// A screenshot follows each step; each step's wall time and the whole exercise's are printed at the end. The last
// test deletes through the CLI whatever a failed run left behind, and leaves the tree as the later files expect.
//
// Addresses: 192.168.<n>.0/24 (tenant, inside the dev cloud) and 198.51.100.0/24 (TEST-NET-2, documentation range,
// only ever data in Neutron); floating IPs come from the seeded ext's 172.24.4.0/24 (on the dev cloud's br-ext). Nothing is sent.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  E2E_CLOUDS_YAML, answerDialog, chooseFileInDialog, contextMenu, dismissNotifications, enterQuickInput, errorToasts, openOpenStack, pickQuickItem,
  quickItems, runExactCommand, setExpanded, sideBar, test, treeRow, waitForQuickInput, escapeRegExp } from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, openstack } from './devcloud.mjs';

const run = promisify(execFile);
const tag = `ex${process.pid}`;
const n = process.pid % 200 + 30;                     // 192.168.<n>.0/24, different per run
const NAMES = {
  image: `cirros-${tag}`, ext: `ext-${tag}`, net: `int-${tag}`, subnet: `int-${tag}-subnet`, router: `router-${tag}`,
  key: `key-${tag}`, vm: `vm-${tag}`, vm1: `vm-${tag}-1`, vm2: `vm-${tag}-2`,
};
const INT_CIDR = `192.168.${n}.0/24`;
const EXT_CIDR = '198.51.100.0/24';
const ICMP_RULE = 'ingress IPv4 icmp from 0.0.0.0/0';
const SSH_RULE = 'ingress IPv4 tcp 22 from 0.0.0.0/0';
const BOOT_TIMEOUT = 600_000;                          // the machine is loaded: boots take minutes

const state = {
  dir: '', imageFile: '', pubKey: '', wroteCloudsYaml: false, sideBarWidth: 0,
  /** IDs of default's rules before the exercise. */
  baselineRules: /** @type {string[]} */ ([]),
  /** IDs of what the exercise made that others' runs in the demo project may look alike (an address can be reused). */
  ruleIds: /** @type {string[]} */ ([]), floatingIpId: '',
  floatingIp: '', extCreated: false,
  /** The step that failed (the later ones are skipped); whether 4f saw nothing left. */
  broken: '', verifiedClean: false,
  exerciseStart: 0, exerciseMs: 0, /** @type {[string, number][]} */ times: [],
  /** Where the tree needed a manual Refresh, and where a row's command asked which resource instead. */
  refreshes: /** @type {string[]} */ ([]), fallbacks: /** @type {string[]} */ ([]),
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The first tree row whose label is LABEL (its accessible name is "label description"). */
const row = (page, label) => treeRow(page, label instanceof RegExp ? label : new RegExp(`^${escapeRegExp(label)}( |$)`)).first();
const label = (page, text) => row(page, text).getAttribute('aria-label');

/**
 * What to choose should a row's command ask which resource. VS Code hands a context-menu or inline command no
 * tree node when the row's category is being re-rendered at that moment (a refresh: the poller following an
 * instance, or a command's reload), and the command then asks as from the palette. Set by rowAction; answered by
 * every wait (until), as a student would answer it; reported.
 * @type {{ title: RegExp, item: string } | undefined}
 */
let fallback;

async function answerFallback(page) {
  if (!fallback) return;
  const widget = page.locator('.quick-input-widget');
  if (!(await widget.isVisible().catch(() => false))) return;
  const title = (await widget.locator('.quick-input-title').textContent().catch(() => '')) ?? '';
  if (!fallback.title.test(title)) return;
  const { item } = fallback;
  fallback = undefined;
  console.log(`    NOTE: the command got no tree node and asked "${title}": picked ${item} there`);
  state.fallbacks.push(`"${title}" → ${item}`);
  await pickQuickItem(page, item, { filter: item });
}

/** Runs ACTION of the row TEXT from its context menu (or INLINE); PICKER: the title of the picker it falls back on. */
async function rowAction(page, text, action, { inline = false, picker } = {}) {
  fallback = picker && { title: picker, item: text };
  if (inline) await inlineAction(page, row(page, text), action);
  else await contextMenu(page, row(page, text), action);
}

/** Waits for the modal dialog (answering a fallback picker first), clicks BUTTON; returns the dialog's text. */
async function confirmDialog(page, button) {
  await until(page, 'the confirmation dialog', () => page.locator('.monaco-dialog-box').isVisible(), 60_000);
  return answerDialog(page, button);
}

async function until(page, what, fn, timeoutMs = 60_000, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await answerFallback(page);
    const v = await fn();
    if (v) return v;
    const errors = await errorToasts(page);
    if (errors.length) throw new Error(`error shown while waiting for ${what}: ${errors.join(' / ')}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Waits until the first row LABEL exists and its accessible name matches RE. */
function rowMatches(page, text, re, timeoutMs = 60_000) {
  return until(page, `row ${text} to match ${re}`, async () => {
    const name = await label(page, text).catch(() => null);
    return name && re.test(name) ? name : undefined;
  }, timeoutMs);
}

/**
 * Waits until the row TEXT under CATEGORY matches RE. Should it not within 30 s, the category's Refresh is clicked,
 * again every 10 s, as a student would; that is reported.
 */
async function rowSettles(page, category, text, re, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const start = Date.now();
  let refreshed = 0;
  for (;;) {
    await answerFallback(page);
    const name = (await label(page, text).catch(() => '')) ?? '';
    if (re.test(name)) return name;
    const errors = await errorToasts(page);
    if (errors.length) throw new Error(`error shown while waiting for ${text} to match ${re}: ${errors.join(' / ')}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${text} to match ${re}; it reads "${name}"`);
    if (Date.now() - start > 30_000 && Date.now() - refreshed > 10_000) {
      if (!refreshed) {
        console.log(`    NOTE: "${name}" did not change to match ${re} in ${category} within 30 s: clicked Refresh`);
        state.refreshes.push(`${category}: "${name}"`);
      }
      await inlineAction(page, row(page, category), 'Refresh');
      refreshed = Date.now();
    }
    await sleep(250);
  }
}

/**
 * Waits for the row TEXT under CATEGORY. The command reloads the category itself; should the row not show within
 * 30 s, the category's Refresh (inline) is clicked, as a student would, and that is reported.
 */
async function appears(page, category, text, timeoutMs = 120_000) {
  const shown = async () => (await row(page, text).count()) > 0;
  try {
    await until(page, `${text} in ${category}`, shown, 30_000);
  } catch (err) {
    if (/error shown/.test(err.message)) throw err;
    console.log(`    NOTE: ${text} did not show in ${category} by itself within 30 s: clicked Refresh`);
    state.refreshes.push(`${category}: ${text}`);
    await inlineAction(page, row(page, category), 'Refresh');
    await until(page, `${text} in ${category}`, shown, timeoutMs);
  }
}

/**
 * Waits for the row TEXT under CATEGORY to go. Should it stay 60 s, or read "DELETED" for 5 s (an instance nova
 * lists as DELETED for a while before it is gone: polling stops there, see the report), the category's Refresh is
 * clicked, again every 10 s while it stays, as a student would; that is reported.
 */
async function disappears(page, category, text, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const start = Date.now();
  let deletedSince = 0;
  let refreshed = 0;
  let last = '';
  for (;;) {
    await answerFallback(page);
    if ((await row(page, text).count()) === 0) return;
    last = (await label(page, text).catch(() => '')) ?? '';
    deletedSince = / DELETED$/.test(last) ? deletedSince || Date.now() : 0;
    const errors = await errorToasts(page);
    if (errors.length) throw new Error(`error shown while waiting for ${text} to go: ${errors.join(' / ')}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${text} to go; it reads "${last}"`);
    const stale = deletedSince ? Date.now() - deletedSince > 5000 : Date.now() - start > 60_000;
    if (stale && Date.now() - refreshed > 10_000) {
      if (!refreshed) {
        console.log(`    NOTE: "${last}" stayed in ${category}: clicked Refresh`);
        state.refreshes.push(`${category}: "${last}"`);
      }
      await inlineAction(page, row(page, category), 'Refresh');
      refreshed = Date.now();
    }
    await sleep(250);
  }
}

/** Clicks the inline action TITLE of ROW (shown on hover). */
async function inlineAction(page, r, title) {
  await r.hover();
  await r.locator(`.action-label[aria-label="${title}"]`).click();
  await page.mouse.move(900, 600);
}

/** Expands the category (and, first, the cloud and its project), collapsing the other categories to keep the tree short. */
async function openCategory(page, category, keep = []) {
  await setExpanded(page, row(page, 'devcloud'), true);
  await setExpanded(page, row(page, 'demo'), true);
  for (const other of ['Instances', 'Volumes', 'Networks', 'Routers', 'Floating IPs', 'Images', 'Flavors', 'Security Groups', 'Key Pairs']) {
    if (other !== category && !keep.includes(other) && (await row(page, other).getAttribute('aria-expanded')) === 'true') {
      await setExpanded(page, row(page, other), false);
    }
  }
  await setExpanded(page, row(page, category), true);
}

/** Drags the side bar's edge so that it is WIDTH pixels wide (descriptions readable in screenshots); returns the old width. */
async function sideBarWidth(page, width) {
  const box = await sideBar(page).boundingBox();
  const edge = box.x + box.width;
  await page.mouse.move(edge - 1, 400);
  await page.mouse.down();
  await page.mouse.move(edge + (box.x + width - edge) / 2, 400, { steps: 4 });
  await page.mouse.move(box.x + width, 400, { steps: 4 });
  await page.mouse.up();
  await page.mouse.move(900, 600);
  return box.width;
}

async function statusBar(page) {
  return page.locator('.statusbar-item', { hasText: /devcloud/ }).first().innerText().catch(() => '');
}

/** Select Cloud… → CLOUD → PROJECT, through the palette. */
async function selectCloud(page, cloud, project) {
  await runExactCommand(page, 'OpenStack: Select Cloud…');
  await waitForQuickInput(page, /^Select cloud \(1\/2\)$/);
  await pickQuickItem(page, cloud);
  await waitForQuickInput(page, /^Select cloud \(2\/2\)$/);
  await pickQuickItem(page, project);
  await until(page, `the status bar to show ${cloud} / ${project}`, async () => (await statusBar(page)).includes(`${cloud} / ${project}`), 15_000);
}

/** Registers one timed step of the exercise; after a failed step the rest are skipped (not run into timeouts). */
function step(name, fn) {
  test(`exercise: ${name}`, async (ctx) => {
    if (state.broken) throw new Error(`skipped: "${state.broken}" failed`);
    state.exerciseStart ||= Date.now();
    const t0 = Date.now();
    try {
      await fn(ctx);
    } catch (err) {
      state.broken = name;
      throw err;
    } finally {
      state.times.push([name, Date.now() - t0]);
    }
  });
}

test('exercise: setup: a qcow2 image file, an SSH key, the dev cloud in clouds.yaml', async ({ page }) => {
  state.dir = mkdtempSync(join(tmpdir(), `openstack-exercise-${tag}-`));
  state.imageFile = join(state.dir, `${NAMES.image}.qcow2`);
  await run('qemu-img', ['create', '-q', '-f', 'qcow2', state.imageFile, '16M']);
  const key = join(state.dir, `${NAMES.key}`);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${tag}@exercise`, '-f', key]);
  state.pubKey = `${key}.pub`;
  // tree.e2e.mjs writes it too, but this file sorts before it (and may run alone)
  if (!existsSync(E2E_CLOUDS_YAML)) {
    copyFileSync(DEVCLOUD_CLOUDS_YAML, E2E_CLOUDS_YAML);
    state.wroteCloudsYaml = true;
  }
  const rules = await openstack('devcloud', 'security', 'group', 'rule', 'list', 'default', '-f', 'json');
  state.baselineRules = rules.map((r) => r.ID);
  for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');   // whatever an earlier file left open
  await openOpenStack(page);
  await row(page, 'devcloud').waitFor({ timeout: 60_000 });
  await dismissNotifications(page);
  state.sideBarWidth = await sideBarWidth(page, 520);
  if (!(await statusBar(page)).includes('devcloud / demo')) await selectCloud(page, 'devcloud', 'demo');
});

step('1. upload image cirros-<tag> (inline + on Images, file dialog, format confirmed)', async ({ page, shot }) => {
  await openCategory(page, 'Images');
  await inlineAction(page, row(page, 'Images'), 'Upload Image…');
  // code-server's file picker is the simple file dialog, a quick input: type the path
  await chooseFileInDialog(page, 'Upload image: choose the disk image file', state.imageFile);
  await waitForQuickInput(page, /^Upload image \(1\/4\)$/);
  await enterQuickInput(page, NAMES.image);
  await waitForQuickInput(page, /^Upload image \(2\/4\)$/);
  const focused = await page.locator('.quick-input-widget .monaco-list-row.focused').getAttribute('aria-label');
  assert.match(focused, /qcow2.*detected: qcow2 header/, `the detected format is offered first: ${focused}`);
  await shot('exercise-1-image-format-detected');
  await page.keyboard.press('Enter');
  await waitForQuickInput(page, /^Upload image \(3\/4\)$/);
  await pickQuickItem(page, 'Private');
  await waitForQuickInput(page, /^Upload image \(4\/4\)$/);
  await pickQuickItem(page, /^Upload /);
  await appears(page, 'Images', NAMES.image);
  const name = await rowMatches(page, NAMES.image, /qcow2 · [\d.]+ KiB · private$/, 120_000);
  console.log(`    image row: ${name}`);
  await shot('exercise-1-image-uploaded');
});

step('2. admin: create ext-<tag> flat on physnet1 (provider steps), refused: physnet1 carries ext', async ({ page, shot }) => {
  await selectCloud(page, 'devcloud-admin', 'admin');
  await runExactCommand(page, 'OpenStack: Create Network…');
  await waitForQuickInput(page, /^Create network \(1\/\d+\)$/);   // no "(provider fields: admin only)": the admin gets them
  await enterQuickInput(page, NAMES.ext);
  await waitForQuickInput(page, /^Create network \(2\/\d+\)$/);
  assert.deepEqual((await quickItems(page)).map((i) => i.split(',')[0]), ['Project network', 'Flat', 'VLAN', 'VXLAN']);
  await shot('exercise-2-admin-provider-type');
  await pickQuickItem(page, 'Flat');
  await waitForQuickInput(page, /^Create network \(3\/11\)$/);
  await enterQuickInput(page, 'physnet1');
  await waitForQuickInput(page, /^Create network \(4\/11\)$/);
  await pickQuickItem(page, 'External');
  await waitForQuickInput(page, /^Create network \(5\/11\)$/);
  await pickQuickItem(page, `Create subnet ${NAMES.ext}-subnet`);
  await waitForQuickInput(page, /^Create network \(6\/11\)$/);
  await enterQuickInput(page, EXT_CIDR);
  await waitForQuickInput(page, /^Create network \(7\/11\)$/);
  await enterQuickInput(page, '198.51.100.1');
  await waitForQuickInput(page, /^Create network \(8\/11\)$/);
  assert.match(await page.locator('.quick-input-widget .monaco-list-row.focused').getAttribute('aria-label'), /^DHCP off/, 'an external subnet defaults to DHCP off');
  await page.keyboard.press('Enter');
  await waitForQuickInput(page, /^Create network \(9\/11\)$/);
  await enterQuickInput(page, '');
  await waitForQuickInput(page, /^Create network \(10\/11\)$/);
  await enterQuickInput(page, '');
  await waitForQuickInput(page, /^Create network \(11\/11\)$/);
  const cli = (await quickItems(page))[0];
  assert.match(cli, /--provider-network-type flat --provider-physical-network physnet1 --external ext-/);
  await shot('exercise-2-admin-confirm');
  await pickQuickItem(page, /^Create network /);
  const refusal = await until(page, 'Neutron\'s answer', async () => {
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    return toasts.find((t) => /physnet1 is in use|Created network/.test(t));
  }, 60_000);
  await shot('exercise-2-admin-flat-refused');
  if (/Created network/.test(refusal)) {
    state.extCreated = true;   // a dev cloud whose physnet1 was free: then ext-<tag> is the gateway network
  } else {
    assert.match(refusal, /Unable to create the flat network\. Physical network physnet1 is in use/);
    console.log('    Neutron refused the flat physnet1 network (the seeded ext uses it): the router uses ext');
  }
  await dismissNotifications(page);
  await selectCloud(page, 'devcloud', 'demo');
});

step('3a. demo: network int-<tag> with a subnet (inline + on Networks)', async ({ page, shot }) => {
  await openCategory(page, 'Networks');
  await inlineAction(page, row(page, 'Networks'), 'Create Network…');
  await waitForQuickInput(page, /^Create network \(provider fields: admin only\) \(1\/8\)$/);
  await enterQuickInput(page, NAMES.net);
  await waitForQuickInput(page, /\(2\/8\)$/);
  await pickQuickItem(page, `Create subnet ${NAMES.subnet}`);
  await waitForQuickInput(page, /\(3\/8\)$/);
  await enterQuickInput(page, INT_CIDR);
  await waitForQuickInput(page, /\(4\/8\)$/);
  await enterQuickInput(page, `192.168.${n}.1`);
  await waitForQuickInput(page, /\(5\/8\)$/);
  await pickQuickItem(page, 'DHCP on');
  await waitForQuickInput(page, /\(6\/8\)$/);
  await enterQuickInput(page, '');
  await waitForQuickInput(page, /\(7\/8\)$/);
  await enterQuickInput(page, '');
  await waitForQuickInput(page, /\(8\/8\)$/);
  await pickQuickItem(page, new RegExp(`^Create network ${NAMES.net} with subnet ${escapeRegExp(INT_CIDR)}$`));
  await appears(page, 'Networks', NAMES.net);
  await rowMatches(page, NAMES.net, new RegExp(`^${NAMES.net} ${escapeRegExp(INT_CIDR)}$`));
  await setExpanded(page, row(page, NAMES.net), true);
  await rowMatches(page, NAMES.subnet, new RegExp(`${escapeRegExp(INT_CIDR)} · gw 192\\.168\\.${n}\\.1$`));
  await shot('exercise-3a-network');
});

step('3b. demo: router-<tag>, gateway on the external network, interface on int-<tag>-subnet', async ({ page, shot }) => {
  const external = state.extCreated ? NAMES.ext : 'ext';
  await openCategory(page, 'Routers');
  await inlineAction(page, row(page, 'Routers'), 'Create Router…');
  await waitForQuickInput(page, /^Create router \(1\/4\)$/);
  await enterQuickInput(page, NAMES.router);
  await waitForQuickInput(page, /^Create router \(2\/4\)$/);
  await pickQuickItem(page, external);
  await waitForQuickInput(page, /^Create router \(3\/4\)$/);
  await pickQuickItem(page, NAMES.subnet, { filter: NAMES.subnet });
  await waitForQuickInput(page, /^Create router \(4\/4\)$/);
  await pickQuickItem(page, /^Create router .* with an external gateway and an interface$/);
  await appears(page, 'Routers', NAMES.router);
  await rowMatches(page, NAMES.router, new RegExp(`gateway ${external} · 1 interface$`));
  await setExpanded(page, row(page, NAMES.router), true);
  await row(page, `Gateway: ${external}`).waitFor();
  await rowMatches(page, `Interface: ${NAMES.net}`, new RegExp(`192\\.168\\.${n}\\.1$`));
  await shot('exercise-3b-router');
});

step('3c. demo: ICMP and SSH rules in default (inline Add Security Group Rule…, quick adds)', async ({ page, shot }) => {
  await openCategory(page, 'Security Groups');
  for (const quick of ['Allow ICMP (ping)', 'Allow SSH']) {
    await inlineAction(page, row(page, 'default'), 'Add Security Group Rule…');
    const title = await waitForQuickInput(page, /^Add security group rule \(1\/[12]\)$/);
    if (title.endsWith('(1/2)')) {   // no node (see rowAction): the group is asked first
      console.log(`    NOTE: the command got no tree node and asked "${title}": picked default there`);
      state.fallbacks.push(`"${title}" → default`);
      await pickQuickItem(page, 'default');
      await waitForQuickInput(page, /^Add security group rule \(2\/2\)$/);
    }
    await pickQuickItem(page, quick);
    await until(page, 'the rule to be added', async () => !(await page.locator('.quick-input-widget').isVisible()), 30_000);
  }
  // by ID from here on: other runs in the demo project add look-alike rules (Neutron refuses only duplicates)
  state.ruleIds = (await addedRules()).map((r) => r.ID);
  assert.equal(state.ruleIds.length, 2, `default's new ICMP and SSH rules: ${state.ruleIds.join(', ')}`);
  await setExpanded(page, row(page, 'default'), true);
  await appears(page, 'Security Groups', ICMP_RULE);
  await appears(page, 'Security Groups', SSH_RULE);
  await shot('exercise-3c-rules');
  await setExpanded(page, row(page, 'default'), false);
});

step('3d. demo: key pair imported from a public key file (inline + on Key Pairs, Browse…)', async ({ page, shot }) => {
  await openCategory(page, 'Key Pairs');
  await inlineAction(page, row(page, 'Key Pairs'), 'Import Key Pair…');
  await waitForQuickInput(page, /^Import key pair \(1\/2\)$/);
  await pickQuickItem(page, 'Browse…');
  await chooseFileInDialog(page, 'Import key pair: choose the PUBLIC key file', state.pubKey);
  await waitForQuickInput(page, /^Import key pair \(2\/2\)$/);
  await enterQuickInput(page, NAMES.key);
  await appears(page, 'Key Pairs', NAMES.key);
  await rowMatches(page, NAMES.key, /SHA256:|[0-9a-f]{2}(:[0-9a-f]{2}){15}/);
  await shot('exercise-3d-keypair');
});

step('3e. demo: Launch Instance (inline + on Instances), count 2, on int-<tag>, until both are ACTIVE', async ({ page, shot }) => {
  await openCategory(page, 'Instances');
  await inlineAction(page, row(page, 'Instances'), 'Launch Instance…');
  await waitForQuickInput(page, /^Launch instance \(1\/\d+\)$/);
  await enterQuickInput(page, NAMES.vm);
  // the network step is left out when the project sees only one network (then that one is taken): 9 steps, not 10
  // (one more, the root disk, where the cloud has Cinder)
  const total = (await waitForQuickInput(page, /^Launch instance \(2\/(9|10|11)\)$/)).match(/\/(\d+)\)$/)[1];
  let at = 2;
  const next = () => waitForQuickInput(page, new RegExp(`^Launch instance \\(${++at}\\/${total}\\)$`));
  await pickQuickItem(page, NAMES.image, { filter: NAMES.image });
  await next();
  await pickQuickItem(page, 'm1.tiny', { filter: 'm1.tiny' });
  await next();
  // where the cloud has Cinder the root disk is asked: m1.tiny's local disk, the default for a flavor with a disk
  const rootDisk = (await quickItems(page)).some((i) => i.startsWith('Boot from the local disk'));
  if (rootDisk) {
    await page.keyboard.press('Enter');
    await next();
  }
  if (Number(total) - (rootDisk ? 1 : 0) === 10) {
    await pickQuickItem(page, NAMES.net, { filter: NAMES.net });   // checks it
    await page.keyboard.press('Enter');
    await next();
  }
  await page.keyboard.press('Enter');                              // security groups: default, checked
  await next();
  await pickQuickItem(page, NAMES.key);
  await next();
  await enterQuickInput(page, '');                                 // no metadata
  await next();
  await pickQuickItem(page, 'No user data');
  await next();
  await enterQuickInput(page, '2');
  await next();
  const summary = (await quickItems(page)).join('\n');
  for (const want of [NAMES.image, 'm1.tiny', NAMES.net, 'default', NAMES.key, `${NAMES.vm}-1 … ${NAMES.vm}-2`]) assert.ok(summary.includes(want), `summary shows ${want}:\n${summary}`);
  await shot('exercise-3e-launch-summary');
  await pickQuickItem(page, 'Launch 2 instances');
  await until(page, 'the launch request', async () => (await page.locator('.notifications-toasts .notification-toast').allInnerTexts())
    .some((t) => t.includes(`Launching 2 instances (${NAMES.vm1} … ${NAMES.vm2})`)), 120_000);
  await appears(page, 'Instances', NAMES.vm1);
  await appears(page, 'Instances', NAMES.vm2);
  await shot('exercise-3e-instances-build');
  for (const vm of [NAMES.vm1, NAMES.vm2]) {
    await rowMatches(page, vm, new RegExp(`192\\.168\\.${n}\\.\\d+ · ACTIVE$`), BOOT_TIMEOUT);
    await row(page, vm).locator('.codicon-vm-running').waitFor();
  }
  await shot('exercise-3e-instances-active');
});

step('3f. demo: Assign Floating IP (inline, one click) on vm-<tag>-1; seen on its row and under Floating IPs', async ({ page, shot }) => {
  await openCategory(page, 'Instances');
  await rowAction(page, NAMES.vm1, 'Assign Floating IP', { inline: true, picker: /^Assign floating IP \(1\/1\)$/ });
  const name = await rowMatches(page, NAMES.vm1, /172\.24\.4\.\d+, 192\.168\.\d+\.\d+ · ACTIVE$/, 60_000);
  state.floatingIp = /172\.24\.4\.\d+/.exec(name)[0];
  const ours = (await floatingIpsOf(await serverIds())).filter((f) => f['Floating IP Address'] === state.floatingIp);
  assert.equal(ours.length, 1, `${state.floatingIp} on ${NAMES.vm1}'s port: ${JSON.stringify(ours)}`);
  state.floatingIpId = ours[0].ID;
  assert.doesNotMatch(await label(page, NAMES.vm2), /172\.24\.4\./);
  await openCategory(page, 'Floating IPs', ['Instances']);
  // Neutron says DOWN until the L3 agent has set up the NAT: the category reloads until it is ACTIVE
  await rowMatches(page, state.floatingIp, new RegExp(`→ ${NAMES.vm1} · ACTIVE$`));
  console.log(`    ${NAMES.vm1}: ${name}`);
  await shot('exercise-3f-floating-ip');
});

step('4a. teardown: disassociate (inline) and release (context menu) the floating IP', async ({ page, shot }) => {
  await openCategory(page, 'Floating IPs', ['Instances']);
  await rowAction(page, state.floatingIp, 'Disassociate Floating IP', { inline: true, picker: /^Disassociate floating IP \(1\/1\)$/ });
  await rowMatches(page, state.floatingIp, /not associated · DOWN$/);
  // nova's own list drops the address a moment after Neutron: the tree shows nova's word for what it lost
  await rowSettles(page, 'Instances', NAMES.vm1, new RegExp(`^${NAMES.vm1} 192\\.168\\.${n}\\.\\d+ · ACTIVE$`), 180_000);
  await rowAction(page, state.floatingIp, 'Release Floating IP…', { picker: /^Release floating IP \(1\/1\)$/ });
  await confirmDialog(page, 'Release');
  await disappears(page, 'Floating IPs', state.floatingIp);
  await shot('exercise-4a-floating-ip-released');
});

step('4b. teardown: delete both instances (context menu)', async ({ page, shot }) => {
  await openCategory(page, 'Instances');
  for (const vm of [NAMES.vm1, NAMES.vm2]) {
    await rowAction(page, vm, 'Delete Instance…', { picker: /^Delete instance$/ });
    await confirmDialog(page, 'Delete');
  }
  await disappears(page, 'Instances', NAMES.vm1, 300_000);
  await disappears(page, 'Instances', NAMES.vm2, 300_000);
  await shot('exercise-4b-instances-deleted');
});

step('4c. teardown: Tear Down Router (interface, gateway, router)', async ({ page, shot }) => {
  await openCategory(page, 'Routers');
  await rowAction(page, NAMES.router, 'Tear Down Router…', { picker: /^Tear down router \(1\/1\)$/ });
  const plan = await confirmDialog(page, 'Tear Down');
  assert.match(plan, /This takes 3 steps/);
  await disappears(page, 'Routers', NAMES.router);
  await shot('exercise-4c-router-torn-down');
});

step('4d. teardown: delete the network (and its subnet)', async ({ page, shot }) => {
  await openCategory(page, 'Networks');
  await rowAction(page, NAMES.net, 'Delete Network…', { picker: /^Delete network \(1\/1\)$/ });
  await confirmDialog(page, 'Delete');
  await disappears(page, 'Networks', NAMES.net);
  await shot('exercise-4d-network-deleted');
});

step('4e. teardown: delete the image, the key pair and the two rules', async ({ page, shot }) => {
  await openCategory(page, 'Images');
  await rowAction(page, NAMES.image, 'Delete Image…');   // no picker: it needs the node (see the report)
  await confirmDialog(page, 'Delete');
  await disappears(page, 'Images', NAMES.image);
  await openCategory(page, 'Key Pairs');
  await rowAction(page, NAMES.key, 'Delete Key Pair…', { picker: /^Delete key pair$/ });
  await confirmDialog(page, 'Delete');
  await disappears(page, 'Key Pairs', NAMES.key);
  await openCategory(page, 'Security Groups');
  await setExpanded(page, row(page, 'default'), true);
  for (const rule of [ICMP_RULE, SSH_RULE]) {
    await rowAction(page, rule, 'Delete Rule…');   // no picker either
    await confirmDialog(page, 'Delete');
    await disappears(page, 'Security Groups', rule);
  }
  await setExpanded(page, row(page, 'default'), false);
  await shot('exercise-4e-image-key-rules-deleted');
});

step('4f. the API shows nothing tagged left (openstack CLI)', async () => {
  if (state.extCreated) {
    // only on a dev cloud whose physnet1 was free; the tree offers no Delete on external networks (see the report)
    console.log(`    NOTE: ${NAMES.ext} deleted through the CLI`);
    await openstack('devcloud-admin', 'network', 'delete', NAMES.ext);
  }
  const left = await leftovers();
  assert.deepEqual(left, [], `left over: ${left.join(', ')}`);
  state.exerciseMs = Date.now() - state.exerciseStart;
  state.verifiedClean = true;
});

/** IDs of the instances this run launched (by its tag). */
async function serverIds() {
  return (await openstack('devcloud', 'server', 'list', '--name', tag, '-f', 'json')).map((s) => s.ID);
}

/** The floating IPs on the ports of SERVERS (IDs). */
async function floatingIpsOf(servers) {
  const ports = (await Promise.all(servers.map((id) => openstack('devcloud', 'port', 'list', '--server', id, '-f', 'json')))).flat().map((p) => p.ID);
  const fips = await openstack('devcloud', 'floating', 'ip', 'list', '-f', 'json');
  return fips.filter((f) => ports.includes(f.Port));
}

/** Rules in default that were not there at setup and look like the quick adds (ingress ICMP, TCP 22 from anywhere). */
async function addedRules() {
  const rules = await openstack('devcloud', 'security', 'group', 'rule', 'list', 'default', '-f', 'json');
  return rules.filter((r) => state.baselineRules.length && !state.baselineRules.includes(r.ID) && r['IP Range'] === '0.0.0.0/0'
    && (r['IP Protocol'] === 'icmp' || (r['IP Protocol'] === 'tcp' && r['Port Range'] === '22:22')));
}

/** What the exercise created and the API still lists. */
async function leftovers() {
  const names = (list, key = 'Name') => list.map((x) => x[key]).filter((name) => name?.includes(tag));
  const [servers, networks, routers, images, keys, fips, rules, adminNets] = await Promise.all([
    openstack('devcloud', 'server', 'list', '-f', 'json'),
    openstack('devcloud', 'network', 'list', '-f', 'json'),
    openstack('devcloud', 'router', 'list', '-f', 'json'),
    openstack('devcloud', 'image', 'list', '-f', 'json'),
    openstack('devcloud', 'keypair', 'list', '-f', 'json'),
    openstack('devcloud', 'floating', 'ip', 'list', '-f', 'json'),
    openstack('devcloud', 'security', 'group', 'rule', 'list', 'default', '-f', 'json'),
    openstack('devcloud-admin', 'network', 'list', '-f', 'json'),
  ]);
  return [
    ...names(servers), ...names(networks), ...names(routers), ...names(images), ...names(keys), ...names(adminNets),
    ...fips.filter((f) => f.ID === state.floatingIpId).map((f) => `floating IP ${f['Floating IP Address']} (${f.ID})`),
    ...rules.filter((r) => state.ruleIds.includes(r.ID)).map((r) => `rule ${r['IP Protocol']} ${r['Port Range'] ?? ''} ${r['IP Range']} (${r.ID})`),
  ].sort().filter((x, i, all) => all.indexOf(x) === i);
}

test('exercise: clean up (CLI for anything left), tree and active cloud as the next files expect; times', async ({ page }) => {
  // the UI first: no quick input, dialog or menu left open
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await dismissNotifications(page);
  try {
    if (!(await statusBar(page)).includes('devcloud / demo')) await selectCloud(page, 'devcloud', 'demo');
  } finally {
    if (!state.verifiedClean) await cliCleanup();   // after a failed (or skipped) step
    // collapse what this file opened, then the cloud: tree.e2e.mjs opens rows by clicking them
    for (const category of ['Instances', 'Volumes', 'Networks', 'Routers', 'Floating IPs', 'Images', 'Flavors', 'Security Groups', 'Key Pairs']) {
      const r = row(page, category);
      if ((await r.count()) && (await r.getAttribute('aria-expanded')) === 'true') await setExpanded(page, r, false).catch(() => undefined);
    }
    if (await row(page, 'devcloud').count()) await setExpanded(page, row(page, 'devcloud'), false).catch(() => undefined);
    if (state.sideBarWidth) await sideBarWidth(page, state.sideBarWidth).catch(() => undefined);
    if (state.wroteCloudsYaml) rmSync(E2E_CLOUDS_YAML, { force: true });   // as run.mjs left it: tree.e2e.mjs writes it
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
    const total = state.times.reduce((s, [, ms]) => s + ms, 0);
    console.log('    exercise step times:');
    for (const [name, ms] of state.times) console.log(`      ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
    if (state.fallbacks.length) console.log(`    commands that got no tree node and asked instead: ${state.fallbacks.join('; ')}`);
    if (state.refreshes.length) console.log(`    rows that needed a manual Refresh: ${state.refreshes.join('; ')}`);
    console.log(`    exercise wall time: ${((state.exerciseMs || Date.now() - state.exerciseStart) / 1000).toFixed(1)} s (steps ${(total / 1000).toFixed(1)} s)${state.broken ? `; FAILED at "${state.broken}"` : ''}`);
  }
  assert.ok(sideBar(page));
});

/** Deletes whatever the exercise left, through the CLI (each step tolerates "already gone"). */
async function cliCleanup() {
  const quiet = (p) => p.catch(() => undefined);
  // floating IPs first: once the instances are gone, nothing tells which address was theirs
  const servers = await quiet(serverIds()) ?? [];
  const fips = [...new Set([state.floatingIpId, ...(await quiet(floatingIpsOf(servers)) ?? []).map((f) => f.ID)].filter(Boolean))];
  if (fips.length) await quiet(openstack('devcloud', 'floating', 'ip', 'delete', ...fips));
  if (servers.length) await quiet(openstack('devcloud', 'server', 'delete', '--wait', ...servers));
  const router = NAMES.router;
  await quiet(openstack('devcloud', 'router', 'remove', 'subnet', router, NAMES.subnet));
  await quiet(openstack('devcloud', 'router', 'unset', '--external-gateway', router));
  await quiet(openstack('devcloud', 'router', 'delete', router));
  await quiet(openstack('devcloud', 'network', 'delete', NAMES.net));
  await quiet(openstack('devcloud-admin', 'network', 'delete', NAMES.ext));
  await quiet(openstack('devcloud', 'image', 'delete', NAMES.image));
  await quiet(openstack('devcloud', 'keypair', 'delete', NAMES.key));
  // only the rules 3c recorded: a look-alike may be another run's
  if (state.ruleIds.length) await quiet(openstack('devcloud', 'security', 'group', 'rule', 'delete', ...state.ruleIds));
  const left = await quiet(leftovers());
  if (left?.length) console.log(`    still left after the CLI clean-up: ${left.join(', ')}`);
}

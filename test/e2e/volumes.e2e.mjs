// The Volumes category in a real workbench against the dev cloud. Made with the openstack CLI as the demo user: an
// instance on the fake compute host, a volume attached to it, and a second volume with a snapshot. The category
// must show the attached one as "in-use · 1 GiB · attached to <instance> at /dev/…", the other with its snapshot as
// its child (screenshot); Delete Volume… on the attached one, confirmed in the dialog, is refused with the fix named
// (detach it from the instance first) and Cinder's own words. Everything made here is deleted at the end.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import {
  E2E_CLOUDS_YAML, answerDialog, contextMenu, dependentSteps, errorToasts, escapeRegExp, inBackground, openOpenStack, selected,
  setExpanded, sideBar, test, treeRow, until,
} from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, openstack } from './devcloud.mjs';

const tag = `vol${process.pid}`;
const NAMES = { vm: `${tag}-vm`, attached: `${tag}-attached`, kept: `${tag}-kept`, snapshot: `${tag}-snap` };
const SETUP = 'volumes: setup: an instance on the fake host, a volume attached to it, another with a snapshot (openstack CLI)';
const demo = (...args) => openstack('devcloud', ...args);
const made = { vm: '', attached: '', kept: '', snapshot: '' };
const step = dependentSteps();

async function settled(kind, id, status) {
  return until(`${kind} ${id} ${status}`, async () => {
    const r = await demo(...kind.split(' '), 'show', id, '-f', 'json');
    if (String(r.status).startsWith('error')) throw new Error(`${kind} ${id} went ${r.status}`);
    return r.status === status && r;
  }, 180_000, 1000);
}

// --nic none needs the microversion that introduced it (the CLI's default is older)
async function build() {
  made.vm = (await demo('--os-compute-api-version', '2.37', 'server', 'create', '--flavor', 'm1.tiny', '--image', 'devcloud-guest', '--availability-zone', 'devcloud-fake',
    '--nic', 'none', NAMES.vm, '-f', 'json')).id;
  made.attached = (await demo('volume', 'create', '--size', '1', NAMES.attached, '-f', 'json')).id;
  made.kept = (await demo('volume', 'create', '--size', '1', NAMES.kept, '-f', 'json')).id;
  await settled('volume', made.kept, 'available');
  made.snapshot = (await demo('volume', 'snapshot', 'create', '--volume', made.kept, NAMES.snapshot, '-f', 'json')).id;
  await Promise.all([settled('server', made.vm, 'ACTIVE'), settled('volume', made.attached, 'available'), settled('volume snapshot', made.snapshot, 'available')]);
  await demo('server', 'add', 'volume', made.vm, made.attached);
  await settled('volume', made.attached, 'in-use');
}
const built = selected(SETUP) ? inBackground(build()) : Promise.resolve();

step(SETUP, async () => {
  if (!existsSync(E2E_CLOUDS_YAML)) copyFileSync(DEVCLOUD_CLOUDS_YAML, E2E_CLOUDS_YAML);   // when the tree tests did not run
  await built;
});

/** The row's text as the tree draws it: its label, a space, its description. */
async function rowText(page, name) {
  const row = treeRow(page, name).first();
  const part = async (cls) => (await row.locator(cls).first().innerText().catch(() => '')).trim();
  return `${await part('.label-name')} ${await part('.label-description')}`;
}

step('volumes: the category shows status, size, the instance and device it is attached to, and a snapshot as a child', async ({ page, shot }) => {
  await openOpenStack(page);
  await setExpanded(page, treeRow(page, 'devcloud').first(), true, 60_000);
  await setExpanded(page, treeRow(page, 'demo').first(), true);
  await setExpanded(page, treeRow(page, 'Volumes').first(), true);
  const attached = await until('the attached volume\'s row', async () => {
    const text = await rowText(page, NAMES.attached).catch(() => '');
    return /attached to/.test(text) && text;
  }, 60_000, 500);
  assert.match(attached, new RegExp(`^${escapeRegExp(NAMES.attached)} in-use · 1 GiB · attached to ${escapeRegExp(NAMES.vm)} at /dev/[a-z]+$`));
  assert.equal(await rowText(page, NAMES.kept), `${NAMES.kept} available · 1 GiB`);
  await setExpanded(page, treeRow(page, NAMES.kept).first(), true);
  await treeRow(page, NAMES.snapshot).first().waitFor({ timeout: 30_000 });
  assert.equal(await rowText(page, NAMES.snapshot), `${NAMES.snapshot} available · 1 GiB`);
  // the side bar widened for the picture, so that the attached row's description shows whole; narrowed again after
  const edge = await sideBar(page).boundingBox();
  const drag = async (from, to) => {
    await page.mouse.move(from, 500);
    await page.mouse.down();
    await page.mouse.move(to, 500, { steps: 10 });
    await page.mouse.up();
  };
  await drag(edge.x + edge.width, edge.x + edge.width + 300);
  await shot('volumes-category');
  await drag(edge.x + edge.width + 300, edge.x + edge.width);
});

step('volumes: Delete Volume… on the attached one is refused, naming the instance to detach it from', async ({ page, shot }) => {
  const offered = await contextMenu(page, treeRow(page, NAMES.attached).first(), 'Delete Volume…');
  for (const want of ['Detach Volume…', 'Extend Volume…', 'Create Snapshot…']) assert.ok(offered.includes(want), `the menu offers ${want}: ${offered.join(' | ')}`);
  assert.ok(!offered.includes('Attach Volume…'), 'an attached volume offers no Attach');
  const question = await answerDialog(page, 'Delete');
  assert.match(question, new RegExp(`Delete volume '${escapeRegExp(NAMES.attached)}'\\?`));
  const toast = await until('the refusal', async () => (await errorToasts(page)).find((t) => t.includes('Cinder keeps volume')), 30_000, 200);
  assert.match(toast, new RegExp(`Cinder keeps volume ${escapeRegExp(NAMES.attached)}: Detach it from ${escapeRegExp(NAMES.vm)} first\\. \\(Cinder said: Invalid volume: `));
  await shot('volumes-delete-refused');
});

test('volumes: clean-up (CLI)', async () => {
  await built.catch(() => undefined);
  const quiet = (p) => p.catch(() => undefined);
  if (made.vm && made.attached) await quiet(demo('server', 'remove', 'volume', made.vm, made.attached));
  if (made.snapshot) await quiet(demo('volume', 'snapshot', 'delete', made.snapshot));
  if (made.vm) await quiet(demo('server', 'delete', '--wait', made.vm));
  for (const id of [made.attached, made.kept].filter(Boolean)) {
    await until(`volume ${id} deletable`, async () => demo('volume', 'delete', id).then(() => true, () => false), 120_000, 2000).catch(() => undefined);
  }
});

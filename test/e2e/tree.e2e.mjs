// The explorer against the dev cloud in a real workbench: clouds.yaml appears (file watch), cloud → project →
// every category with the right labels and icons, a server in BUILD turning ACTIVE by polling, and failures:
// a wrong password and a stopped API service (error item, then Retry after the restart).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { E2E_CLOUDS_YAML, backgroundSettled, openOpenStack, sideBar, test, treeRow } from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, devcloud, openstack } from './devcloud.mjs';

const tag = `e2e${process.pid}`;
const row = (page, label) => treeRow(page, label).first();
const icon = (page, label, codicon) => row(page, label).locator(`.codicon-${codicon}`);

/** Toggles a row open (or shut) by clicking it, then moves the mouse off the tree so no hover tooltip covers rows. */
async function expand(page, label) {
  const r = row(page, label);
  await r.waitFor({ timeout: 30_000 });
  await r.click();
  await page.mouse.move(900, 600);
}

test('tree: the dev cloud appears when clouds.yaml is written', async ({ page, shot }) => {
  await devcloud('up', '--seed');
  await openstack('devcloud', 'network', 'create', `${tag}-net`);
  await openstack('devcloud', 'subnet', 'create', `${tag}-subnet`, '--network', `${tag}-net`, '--subnet-range', '10.88.0.0/24');
  const badpass = `  devcloud-badpass:\n    auth: {auth_url: 'http://127.0.0.1:5000/v3', username: demo, password: wrong, project_name: demo, user_domain_name: Default, project_domain_name: Default}\n    region_name: RegionOne\n`;
  writeFileSync(E2E_CLOUDS_YAML, readFileSync(DEVCLOUD_CLOUDS_YAML, 'utf8') + badpass);
  await openOpenStack(page);
  await row(page, 'devcloud').waitFor({ timeout: 30_000 });
  await expand(page, 'devcloud');
  // the configured project opens by itself
  for (const category of ['Instances', 'Volumes', 'Networks', 'Routers', 'Floating IPs', 'Images', 'Flavors', 'Security Groups', 'Key Pairs']) {
    await row(page, category).waitFor({ timeout: 30_000 });
  }
  await shot('tree-cloud-project-categories');
});

test('tree: a server in BUILD spins, then turns ACTIVE by itself', async ({ page, shot }) => {
  await openstack('devcloud', 'server', 'create', '--flavor', 'm1.tiny', '--image', 'devcloud-guest', '--availability-zone', 'devcloud-fake', '--network', `${tag}-net`, `${tag}-vm`);
  await expand(page, 'Instances');
  await row(page, `${tag}-vm`).waitFor({ timeout: 30_000 });
  await shot('tree-server-build');
  await icon(page, `${tag}-vm`, 'vm-running').waitFor({ timeout: 300_000 });
  assert.match(await row(page, `${tag}-vm`).innerText(), /10\.88\.0\.\d+ · ACTIVE/);
  await shot('tree-server-active');
});

test('tree: networks with subnets, images, flavors, security groups and rules', async ({ page, shot }) => {
  await expand(page, 'Instances');   // collapse it again to make room
  await expand(page, 'Networks');
  await expand(page, `${tag}-net`);
  await row(page, `${tag}-subnet`).waitFor();
  assert.match(await row(page, `${tag}-subnet`).innerText(), /10\.88\.0\.0\/24 · gw 10\.88\.0\.1/);
  await icon(page, 'ext', 'globe').waitFor();
  await shot('tree-networks');
  for (const [category, item, codicon] of [['Images', 'devcloud-guest', 'file-binary'], ['Flavors', 'm1.tiny', 'server-environment'], ['Security Groups', 'default', 'shield']]) {
    await expand(page, category);
    await icon(page, item, codicon).waitFor({ timeout: 30_000 });
  }
  await expand(page, 'default');
  await row(page, /^egress IPv4 any to any/).waitFor();
  await expand(page, 'Routers');
  await expand(page, 'Floating IPs');
  await expand(page, 'Key Pairs');
  await shot('tree-categories-expanded');
});

test('tree: a wrong password shows Keystone\'s message as an error item', async ({ page, shot }) => {
  await expand(page, 'devcloud');   // collapse the good cloud
  await expand(page, 'devcloud-badpass');
  const error = sideBar(page).getByRole('treeitem', { name: /authentication|password|401/i }).first();
  await error.waitFor({ timeout: 30_000 });
  await shot('tree-wrong-password');
  await expand(page, 'devcloud-badpass');
  await expand(page, 'devcloud');
});

test('tree: a stopped API shows an error item, and Retry works after the restart', async ({ page, shot }) => {
  await backgroundSettled();   // other files' set-ups create servers now: not while Glance is down
  await devcloud('stop', 'glance-api');
  try {
    await row(page, 'Images').hover();
    await row(page, 'Images').locator('.action-label[aria-label="Refresh"]').click();
    await page.mouse.move(900, 600);
    const error = sideBar(page).getByRole('treeitem', { name: /127\.0\.0\.1:9292/ }).first();
    await error.waitFor({ timeout: 60_000 });
    await shot('tree-glance-down');
  } finally {
    await devcloud('up');
  }
  await sideBar(page).getByRole('treeitem', { name: /127\.0\.0\.1:9292/ }).first().click();
  await row(page, 'devcloud-guest').waitFor({ timeout: 60_000 });
  await shot('tree-glance-back');
});

test('tree: clean up', async () => {
  await openstack('devcloud', 'server', 'delete', '--wait', `${tag}-vm`);
  await openstack('devcloud', 'network', 'delete', `${tag}-net`);
});

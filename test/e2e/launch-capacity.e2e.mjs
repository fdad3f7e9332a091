// Named to run after explorer.e2e.mjs and tree.e2e.mjs (which console.e2e.mjs registers first): the welcome view
// test needs a run that has no cloud yet.
// Host capacity in a real workbench against the dev cloud, as the admin in a fresh project (its quota unlimited,
// so only the hosts can say no): Launch Instance with a flavor larger than any compute host may allocate warns in a
// modal before the request (Launch Anyway / Cancel), and Cancel sends nothing; then the project's Quotas and the
// Hypervisors (each host's allocation from placement) in the tree. Everything made here is deleted at the end.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import {
  E2E_CLOUDS_YAML, enterQuickInput, escapeRegExp, openOpenStack, pickQuickItem, quickItems, setExpanded, test, treeRow, waitForQuickInput,
} from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, openstack } from './devcloud.mjs';

const tag = `cap${process.pid}`;
const CIDR = `10.66.${process.pid % 200 + 20}.0/24`;
const NAMES = { project: `${tag}-proj`, flavor: `${tag}-huge`, net: `${tag}-net`, subnet: `${tag}-subnet` };
const admin = (...args) => openstack('devcloud-admin', ...args);
const row = (page, label) => treeRow(page, new RegExp(`^${escapeRegExp(label)}( |$)`)).first();

async function inlineAction(page, r, title) {
  await r.hover();
  await r.locator(`.action-label[aria-label="${title}"]`).click();
  await page.mouse.move(900, 600);
}

test('capacity: Launch Instance warns before the request when no host has the RAM; Quotas and Hypervisors in the tree', async ({ page, shot }) => {
  if (!existsSync(E2E_CLOUDS_YAML)) copyFileSync(DEVCLOUD_CLOUDS_YAML, E2E_CLOUDS_YAML);   // when the tree tests did not run
  const made = { projectId: '', flavorId: '', networkId: '' };
  try {
    made.projectId = (await admin('project', 'create', NAMES.project, '-f', 'json')).id;
    await admin('role', 'add', '--user', 'admin', '--user-domain', 'Default', '--project', made.projectId, 'admin');
    await admin('quota', 'set', '--ram', '-1', '--cores', '-1', made.projectId);
    // larger than any host's RAM, hence than placement's max_unit: the scheduler can place it nowhere
    const hosts = await admin('--os-compute-api-version', '2.87', 'hypervisor', 'list', '--long', '-f', 'json');
    const ram = Math.max(...hosts.map((h) => h['Memory MB'])) + 1024;
    made.flavorId = (await admin('flavor', 'create', '--ram', String(ram), '--vcpus', '1', '--disk', '1', NAMES.flavor, '-f', 'json')).id;
    made.networkId = (await admin('network', 'create', '--project', made.projectId, NAMES.net, '-f', 'json')).id;
    await admin('subnet', 'create', '--project', made.projectId, '--network', made.networkId, '--subnet-range', CIDR, NAMES.subnet);

    await openOpenStack(page);
    await setExpanded(page, row(page, 'devcloud'), false);               // earlier tests opened the demo project's categories
    await setExpanded(page, row(page, 'devcloud-admin'), true);
    await setExpanded(page, row(page, 'admin'), false);                  // the configured project opens by itself
    await setExpanded(page, row(page, NAMES.project), true);
    await inlineAction(page, row(page, 'Instances'), 'Launch Instance…');
    await waitForQuickInput(page, /^Launch instance \(1\/\d+\)$/);
    await enterQuickInput(page, `${tag}-vm`);
    const total = (await waitForQuickInput(page, /^Launch instance \(2\/(9|10|11)\)$/)).match(/\/(\d+)\)$/)[1];
    let at = 2;
    const next = () => waitForQuickInput(page, new RegExp(`^Launch instance \\(${++at}\\/${total}\\)$`));
    await pickQuickItem(page, 'devcloud-guest', { filter: 'devcloud-guest' });
    await next();
    await pickQuickItem(page, NAMES.flavor, { filter: NAMES.flavor });   // within the (unlimited) quota: offered
    await next();
    // where the cloud has Cinder the root disk is asked: the flavor's local disk
    const rootDisk = (await quickItems(page)).some((i) => i.startsWith('Boot from the local disk'));
    if (rootDisk) {
      await pickQuickItem(page, 'Boot from the local disk');
      await next();
    }
    if (Number(total) - (rootDisk ? 1 : 0) === 10) {
      await pickQuickItem(page, NAMES.net, { filter: NAMES.net });
      await page.keyboard.press('Enter');
      await next();
    }
    await page.keyboard.press('Enter');                                  // security groups: default
    await next();
    await pickQuickItem(page, 'No key pair');
    await next();
    await enterQuickInput(page, '');                                     // no metadata
    await next();
    await pickQuickItem(page, 'No user data');
    await next();
    await enterQuickInput(page, '1');
    await next();
    await pickQuickItem(page, 'Launch instance');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`${escapeRegExp(NAMES.flavor)} may not fit: launch anyway\\?`));
    assert.match(text, /This needs \S+ GiB of RAM; the hosts have \S+ (GiB|TiB) free, at most \S+ GiB on one even with overcommit: Nova will find no host for it \("No valid host was found"\)\./);
    await dialog.getByRole('button', { name: 'Launch Anyway', exact: true }).waitFor();
    const path = await shot('capacity-launch-warning');
    console.log(`  warning: ${text.replace(/\s+/g, ' ')}\n  screenshot: ${path}`);
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    const servers = await admin('server', 'list', '--project', made.projectId, '-f', 'json');
    assert.deepEqual(servers, [], 'Cancel sent no request');

    await setExpanded(page, row(page, 'Quotas'), true);
    await row(page, 'RAM').waitFor({ timeout: 30_000 });
    assert.match(await row(page, 'RAM').getAttribute('aria-label'), /^RAM 0 B of unlimited/);
    await setExpanded(page, row(page, 'Hypervisors'), true);
    for (const host of ['devcloud-fake1', 'vm']) {
      await row(page, host).waitFor({ timeout: 30_000 });
      assert.match(await row(page, host).getAttribute('aria-label'), /RAM \d+% · vCPU \d+% · disk \d+%/);
    }
    await row(page, 'vm').hover();                                        // the tooltip: used of allocatable, ratio
    await page.locator('.monaco-hover', { hasText: 'allocation ratio' }).first().waitFor({ timeout: 10_000 });
    console.log(`  screenshot: ${await shot('capacity-quotas-hypervisors')}`);
    await page.mouse.move(900, 600);
  } finally {
    await setExpanded(page, row(page, 'devcloud-admin'), false).catch(() => undefined);
    if (made.flavorId) await admin('flavor', 'delete', made.flavorId).catch((e) => console.error('cleanup:', e.message));
    if (made.networkId) await admin('network', 'delete', made.networkId).catch((e) => console.error('cleanup:', e.message));
    if (made.projectId) await admin('project', 'delete', made.projectId).catch((e) => console.error('cleanup:', e.message));
  }
});

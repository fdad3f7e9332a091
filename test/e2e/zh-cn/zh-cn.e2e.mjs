/* global document -- used in code that Playwright runs inside the page */
// The extension in Chinese: run with VS Code's display language zh-cn (E2E_LOCALE=zh-cn, a stand-in language pack:
// see scripts/codeserver/start.sh), so VS Code loads package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json. The
// tree's categories, a multi-step input's title, the console panel (its tabs, html[lang]) and the walkthrough show the
// translations. Expected texts are read from the translation files, so a changed wording needs no edit here; each
// must contain Chinese, so an untranslated message fails.
//
//   npm run test:e2e:zh-cn
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../../../scripts/codeserver/server.mjs';
import {
  E2E_CLOUDS_YAML, consoleFrame, escapeRegExp, openOpenStack, runExactCommand, setExpanded, test, treeRow, until, waitForQuickInput,
} from '../lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, openstack } from '../devcloud.mjs';

const json = (...path) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8'));
const bundle = json('l10n', 'bundle.l10n.zh-cn.json');
const nls = json('package.nls.zh-cn.json');
const CHINESE = /[\u4e00-\u9fff]/;

/** The zh-CN translation of the runtime message EN; fails when it is missing or not Chinese. */
function zh(en) {
  const entry = bundle[en];
  const text = typeof entry === 'string' ? entry : entry?.message;
  assert.ok(text && CHINESE.test(text), `l10n/bundle.l10n.zh-cn.json translates "${en}" into Chinese`);
  return text;
}
/** The zh-CN translation of package.json's %KEY%. */
function zhNls(key) {
  assert.ok(CHINESE.test(nls[key] ?? ''), `package.nls.zh-cn.json translates ${key} into Chinese`);
  return nls[key];
}

const tag = `zh${process.pid}`;
const CATEGORIES = ['Instances', 'Volumes', 'Networks', 'Routers', 'Floating IPs', 'Images', 'Flavors', 'Security Groups', 'Key Pairs', 'Quotas'];
let serverId = '';

test('zh-cn: set-up: the dev cloud configured, an instance on a network of its own', async () => {
  writeFileSync(E2E_CLOUDS_YAML, readFileSync(DEVCLOUD_CLOUDS_YAML, 'utf8'));
  await openstack('devcloud', 'network', 'create', `${tag}-net`);
  await openstack('devcloud', 'subnet', 'create', `${tag}-subnet`, '--network', `${tag}-net`, '--subnet-range', '10.91.0.0/24');
  const server = await openstack('devcloud', 'server', 'create', '--flavor', 'm1.tiny', '--image', 'devcloud-guest',
    '--availability-zone', 'devcloud-fake', '--network', `${tag}-net`, `${tag}-vm`, '-f', 'json');
  serverId = server.id;
});

test("zh-cn: the tree's view and categories are in Chinese", async ({ page, shot }) => {
  const bar = await openOpenStack(page);
  await bar.getByText(zhNls('view.openstackExplorer.name')).first().waitFor({ timeout: 30_000 });
  const cloud = treeRow(page, 'devcloud').first();
  await cloud.waitFor({ timeout: 30_000 });
  await setExpanded(page, cloud, true);
  for (const category of CATEGORIES) await treeRow(page, zh(category)).first().waitFor({ timeout: 30_000 });
  await setExpanded(page, treeRow(page, zh('Instances')).first(), true);
  await treeRow(page, new RegExp(`^${tag}-vm`)).first().waitFor({ timeout: 60_000 });
  await page.mouse.move(900, 600);
  await shot('zh-cn-tree');
});

test('zh-cn: a multi-step input (Create Router) asks in Chinese', async ({ page, shot }) => {
  await runExactCommand(page, `OpenStack: ${zhNls('command.createRouter.title')}`);
  const title = await waitForQuickInput(page, new RegExp(`^${escapeRegExp(zh('Create router'))}`));
  assert.match(title, CHINESE);
  await shot('zh-cn-create-router-step');
  await page.keyboard.press('Escape');
});

test('zh-cn: the console panel speaks Chinese (tabs, html[lang])', async ({ page, shot }) => {
  await until('the instance to be ACTIVE', async () => (await openstack('devcloud', 'server', 'show', serverId, '-f', 'json')).status === 'ACTIVE', 300_000, 3000);
  const row = treeRow(page, new RegExp(`^${tag}-vm`)).first();
  await row.hover();
  await row.locator(`.action-label[aria-label="${zhNls('command.openConsole.title')}"]`).click();
  const frame = await consoleFrame(page, 60_000);
  for (const tab of ['Console Log', 'Diagnose']) await frame.locator('vscode-panel-tab', { hasText: zh(tab) }).waitFor({ timeout: 30_000 });
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'zh-cn');
  await sleep(500);
  await shot('zh-cn-console-panel');
});

test('zh-cn: the walkthrough is in Chinese, its steps checked by what the project has', async ({ page, shot }) => {
  await runExactCommand(page, `OpenStack: ${zhNls('command.openWalkthrough.title')}`, { thenHidden: true });
  await page.getByText(zhNls('walkthrough.firstNetwork.title')).first().waitFor({ timeout: 30_000 });
  const router = page.locator('.getting-started-step', { hasText: zhNls('walkthrough.router.title') });
  await router.waitFor({ timeout: 30_000 });
  // the dev cloud's demo project has an image, the external network and (set up above) an internal network
  await page.locator('[data-done-step-id$="#internalNetwork"].complete').waitFor({ timeout: 60_000 });
  await router.click();
  await page.waitForTimeout(1500);   // the step's diagram renders in a webview of its own
  await shot('zh-cn-walkthrough');
});

test('zh-cn: clean up', async () => {
  if (serverId) await openstack('devcloud', 'server', 'delete', '--wait', serverId);
  await openstack('devcloud', 'subnet', 'delete', `${tag}-subnet`);
  await openstack('devcloud', 'network', 'delete', `${tag}-net`);
});

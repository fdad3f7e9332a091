// First UI test: the OpenStack activity-bar container, its Explorer view and the "no cloud yet" welcome view
// (the placeholder tree has no nodes, so VS Code shows contributes.viewsWelcome).
import assert from 'node:assert/strict';
import { activityItem, openOpenStack, runCommand, sideBar, test } from './lib.mjs';

test('the activity bar shows the OpenStack item', async ({ page, shot }) => {
  await activityItem(page).waitFor();
  await shot('workbench');
});

test('clicking it opens the OpenStack container with the Explorer view', async ({ page, shot }) => {
  await activityItem(page).click();
  const title = sideBar(page).locator('.composite.title');
  await title.filter({ hasText: /OpenStack/i }).waitFor({ timeout: 15_000 });
  assert.match(await title.innerText(), /OPENSTACK.*EXPLORER/is);
  assert.equal(await activityItem(page).getAttribute('aria-selected'), 'true');
  await shot('openstack-container');
});

test('the empty tree shows the welcome view with its command links', async ({ page, shot }) => {
  const welcome = (await openOpenStack(page)).locator('.welcome-view-content');
  await welcome.getByText('No OpenStack cloud is configured yet.').waitFor({ timeout: 15_000 });
  const addCloud = welcome.getByRole('button', { name: 'Add cloud…' });
  assert.ok(await addCloud.isVisible(), '"Add cloud…" is not visible');
  // Secondary actions are inline links (UX guidelines: buttons only for primary actions), wired by href.
  for (const [name, command] of [['Import openrc file…', 'openstack.importOpenrc'], ['Open clouds.yaml', 'openstack.openCloudsYaml']]) {
    const link = welcome.getByRole('button', { name });
    assert.ok(await link.isVisible(), `link "${name}" is not visible`);
    assert.equal(await link.getAttribute('href'), `command:${command}`);
  }
  await shot('welcome-view');
});

test('the view title has the Refresh action', async ({ page, shot }) => {
  // A container with a single view shows that view's title actions in the side bar's title, not a pane header.
  const refresh = sideBar(page).locator('.composite.title .action-label[aria-label="Refresh"]');
  await sideBar(page).locator('.composite.title').hover();
  await refresh.waitFor({ state: 'visible', timeout: 10_000 });
  await refresh.click();
  await shot('refresh-action');
});

test('the command palette lists the OpenStack commands', async ({ page, shot }) => {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.fill('>OpenStack:');
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  for (const title of ['OpenStack: Refresh', 'OpenStack: Add Cloud…', 'OpenStack: Import openrc File…', 'OpenStack: Open clouds.yaml']) {
    await rows.filter({ hasText: title }).first().waitFor({ timeout: 10_000 });
  }
  await shot('command-palette');
  await page.keyboard.press('Escape');
  await runCommand(page, 'OpenStack: Refresh');
});

// The "Build your first OpenStack network" walkthrough in a real workbench: opened from the palette with no
// cloud yet (nothing checked), then the dev cloud's clouds.yaml appears and the steps whose resources the
// active project has check themselves off, with no click on any step.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { E2E_CLOUDS_YAML, dismissNotifications, runExactCommand, test, until } from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML } from './devcloud.mjs';

const WALKTHROUGH = 'openstack-explorer.openstack-explorer#firstNetwork';
/** The steps' check boxes: VS Code marks a done step's with the class `complete` (and aria-checked). */
const checkBoxes = (page) => page.locator(`[data-done-step-id*="${WALKTHROUGH}"]`);
const doneSteps = async (page) => (await checkBoxes(page).evaluateAll((els) => els
  .filter((el) => el.classList.contains('complete') && el.getAttribute('aria-checked') === 'true')
  .map((el) => el.getAttribute('data-done-step-id'))))
  .map((id) => id.slice(id.lastIndexOf('#') + 1));

test('walkthrough: opens from the palette; steps check off as the cloud has their resources', async ({ page, shot }) => {
  rmSync(E2E_CLOUDS_YAML, { force: true });   // earlier tests of the run configured the dev cloud: no cloud now
  await runExactCommand(page, 'OpenStack: Open Walkthrough: Build Your First Network', { thenHidden: true });
  await until('the ten steps', async () => (await checkBoxes(page).count()) === 10);
  await until('no step done without a cloud', async () => (await doneSteps(page)).length === 0, 30_000);
  await page.waitForTimeout(1500);
  await shot('walkthrough-no-cloud');

  writeFileSync(E2E_CLOUDS_YAML, readFileSync(DEVCLOUD_CLOUDS_YAML, 'utf8'));
  // the dev cloud's demo project: the cloud, its seeded image and external network at least
  await until('the cloud, image and external network steps', async () => {
    const done = await doneSteps(page);
    return ['cloud', 'image', 'externalNetwork'].every((id) => done.includes(id));
  }, 60_000);
  await page.keyboard.press('Control+B');   // the side bar closed: room for the steps
  await page.locator('.getting-started-step', { hasText: 'A router between them' }).click();
  await dismissNotifications(page);
  await page.waitForTimeout(1500);   // the step's diagram renders in a webview of its own
  const path = await shot('walkthrough-steps-done');
  console.log(`  done: ${(await doneSteps(page)).join(', ')}; ${path}`);
});

/* global document -- used in code that Playwright runs inside the page */
// The packaged extension (E2E_VSIX only: a development extension has no package): its details page in the
// Extensions view shows the README with every screenshot loaded (scripts/package.mjs inlines them, since the
// details webview cannot load the README's relative links).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/codeserver/server.mjs';
import { runCommand, test } from './lib.mjs';

/** The alt texts of the README's screenshots, e.g. "welcome view". */
const SCREENSHOTS = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/!\[([^\]]*)\]\([^)]+\.png\)/g)].map(m => m[1]);

/** The README's screenshots in the details webview once each finished loading: [{ alt, width }]. */
async function screenshotsShown(page, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let seen = [];
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      seen = await frame.evaluate((alts) => [...document.querySelectorAll('img')]
        .filter(img => alts.includes(img.alt))
        .map(img => ({ alt: img.alt, complete: img.complete, width: img.naturalWidth })), SCREENSHOTS).catch(() => []);
      if (seen.length === SCREENSHOTS.length && seen.every(i => i.complete)) return seen;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`the details page did not show the README's ${SCREENSHOTS.length} screenshots; last seen: ${JSON.stringify(seen)}`);
}

if (process.env.E2E_VSIX) {
  test('package: the installed extension\'s details page shows the README with its screenshots', async ({ page, shot }) => {
    assert.ok(SCREENSHOTS.length > 0, 'the README shows screenshots');
    await runCommand(page, 'View: Show Extensions');
    await page.locator('.extensions-viewlet .suggest-input-container').click();
    await page.keyboard.type('@installed OpenStack');
    const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'OpenStack Explorer' }).first();
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    const images = await screenshotsShown(page);
    for (const image of images) assert.ok(image.width > 0, `"${image.alt}" is a broken image: ${JSON.stringify(images)}`);
    await shot('package-details-readme');
  });
}

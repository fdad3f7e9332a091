// Object Storage in a real workbench: the tree shows a container → its pseudo-folder → the objects in it, and
// clicking an object opens it in the editor through the swift: file system (its tab and title name the object), and
// an edit saved with Ctrl+S is what Swift then holds.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_CLOUDS_YAML, openOpenStack, setExpanded, test, treeRow, until } from './lib.mjs';
import { DEVCLOUD_CLOUDS_YAML, openstack } from './devcloud.mjs';

const tag = `e2eswift${process.pid}`;
const row = (page, label) => treeRow(page, label).first();

const expand = (page, label) => setExpanded(page, row(page, label), true);

test('object storage: container → folder → objects in the tree; an object opens in the editor and Ctrl+S saves it to Swift', async ({ page, shot }) => {
  writeFileSync(E2E_CLOUDS_YAML, readFileSync(DEVCLOUD_CLOUDS_YAML, 'utf8'));
  await openstack('devcloud', 'container', 'create', tag);
  const note = join(tmpdir(), `${tag}-readme.txt`);
  writeFileSync(note, 'Hello from Swift\nsecond line\n');
  try {
    await openstack('devcloud', 'object', 'create', tag, note, '--name', 'docs/readme.txt');
    await openstack('devcloud', 'object', 'create', tag, note, '--name', 'docs/notes.md');
    await openstack('devcloud', 'object', 'create', tag, note, '--name', 'top.txt');
    await openOpenStack(page);
    await row(page, 'devcloud').waitFor({ timeout: 30_000 });
    await expand(page, 'devcloud');
    await expand(page, 'Object Storage');
    await expand(page, tag);
    // the account listing's count lags; the container's own HEAD on expand brings the current one
    await until('the container to count 3 objects', async () => /3 objects/.test(await row(page, tag).innerText()));
    await expand(page, 'docs');
    await row(page, 'readme.txt').waitFor({ timeout: 30_000 });
    assert.match(await row(page, 'readme.txt').innerText(), /29 B · text\/plain/);
    await shot('object-storage-tree');

    await row(page, 'readme.txt').click();
    const tab = page.locator('.tabs-container .tab', { hasText: 'readme.txt' });
    await tab.waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines', { hasText: 'Hello from Swift' }).waitFor({ timeout: 30_000 });
    // the breadcrumbs are the object's path in the swift: file system: <project-id> › <container> › docs › readme.txt
    const crumbs = (await page.locator('.breadcrumbs-control').first().innerText()).split(/\s+/).filter((w) => /\w/.test(w));
    assert.deepEqual(crumbs.slice(-3), [tag, 'docs', 'readme.txt']);
    assert.match(crumbs[crumbs.length - 4] ?? '', /^[0-9a-f]{32}$/);

    // edit and save with the keyboard: the object in Swift is the new text
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('saved from the editor');
    await page.keyboard.press('Control+S');
    await until('the object to hold the saved line', async () =>
      /saved from the editor/.test(await openstack('devcloud', 'object', 'save', '--file', '-', tag, 'docs/readme.txt')), 30_000, 1000);
    await page.mouse.move(900, 600);   // no hover over the text in the picture
    await shot('object-storage-editor');
  } finally {
    for (const name of ['docs/readme.txt', 'docs/notes.md', 'top.txt']) await openstack('devcloud', 'object', 'delete', tag, name).catch(() => undefined);
    await openstack('devcloud', 'container', 'delete', tag).catch(() => undefined);
    rmSync(note, { force: true });
  }
});

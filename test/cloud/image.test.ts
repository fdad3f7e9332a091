// Glance against the dev cloud, as demo: create, stream an upload with progress, cancel an upload without
// leaving an image behind, page through images, delete.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GUEST_IMAGE, ensureDevcloud } from '../support/devcloud';
import { connect, rejection, runTag, undoAll } from './helpers';

const tag = `${runTag}-img`;
const demo = connect('devcloud');
const { image } = demo.client;
const cleanup: (() => Promise<unknown>)[] = [];
let dir = '';

before(async () => {
  await ensureDevcloud();
  dir = await mkdtemp(join(tmpdir(), 'ose-img-'));
});

after(async () => {
  await undoAll(cleanup);
  await rm(dir, { recursive: true, force: true });
  await demo.close();
});

describe('glance', { concurrency: true }, () => {
  it('creates an image, uploads a file with progress, and deletes it', async () => {
    const file = join(dir, 'small.raw');
    const size = 3 * 1024 * 1024 + 17;
    await writeFile(file, randomBytes(size));
    const created = await image.createImage({ name: `${tag}-upload`, diskFormat: 'raw', minDisk: 1, properties: { os_distro: 'cirros' } });
    cleanup.push(() => image.deleteImage(created.id));
    assert.deepEqual([created.status, created.size, created.diskFormat, created.containerFormat, created.visibility], ['queued', null, 'raw', 'bare', 'shared']);
    assert.equal(created.raw.os_distro, 'cirros');
    const progress: number[] = [];
    await image.uploadImage(created.id, file, { onProgress: (sent, total) => (assert.equal(total, size), progress.push(sent)) });
    assert.ok(progress.length > 10, `progress reported ${progress.length} times`);
    assert.ok(progress.every((sent, i) => i === 0 || sent > progress[i - 1]));
    assert.equal(progress.at(-1), size);
    const uploaded = await image.image(created.id);
    assert.deepEqual([uploaded.status, uploaded.size], ['active', size]);
    await image.deleteImage(created.id);
    assert.equal((await rejection(image.image(created.id))).status, 404);
    await image.deleteImage(created.id);
  });

  it('deletes the image when its upload is cancelled', async () => {
    const file = join(dir, 'big.raw');
    await writeFile(file, '');
    await truncate(file, 256 * 1024 * 1024);
    const created = await image.createImage({ name: `${tag}-cancelled`, diskFormat: 'raw' });
    cleanup.push(() => image.deleteImage(created.id));
    const controller = new AbortController();
    const upload = image.uploadImage(created.id, file, {
      signal: controller.signal, onProgress: (sent) => sent >= 1024 * 1024 && controller.abort(),
    });
    assert.equal((await rejection(upload)).kind, 'aborted');
    assert.equal((await rejection(image.image(created.id))).status, 404);
    assert.ok(!(await image.images().toArray()).some((i) => i.id === created.id));
  });

  it('follows glance next links (limit=2) and filters by name', async () => {
    const names = [1, 2, 3].map((n) => `${tag}-page-${n}`);
    const created = await Promise.all(names.map((name) => image.createImage({ name, diskFormat: 'qcow2' })));
    for (const c of created) cleanup.push(() => image.deleteImage(c.id));
    // Scoped to images no other test file deletes: a marker deleted between two pages is Glance's 400.
    const ours = `in:${[...names, GUEST_IMAGE].join(',')}`;
    const before = demo.log.length;
    const all = await image.images({ name: ours, limit: 2 }).toArray();
    const pages = demo.log.slice(before).filter((e) => e.url.includes('/v2/images?') && e.url.includes('limit=2')).length;
    assert.equal(pages, 3, '2 full pages of 2, then the empty one their next link leads to');
    assert.deepEqual(all.map((i) => i.name).sort(), [...names, GUEST_IMAGE].sort());
    const first = await image.images({ name: ours, limit: 2 }).firstPage();
    assert.deepEqual([first.items.length, first.hasMore], [2, true]);
    const second = await image.images({ name: ours, limit: 2 }).nextPage(first);
    assert.ok(!second.items.some((i) => first.items.some((f) => f.id === i.id)));
    assert.deepEqual((await image.images({ name: names[1] }).toArray()).map((i) => i.id), [created[1].id]);
  });

  it('says the list changed when the image that ended a page is deleted before the next', async () => {
    const names = [1, 2].map((n) => `${tag}-gone-${n}`);
    const created = await Promise.all(names.map((name) => image.createImage({ name, diskFormat: 'qcow2' })));
    for (const c of created) cleanup.push(() => image.deleteImage(c.id));
    const listed = image.images({ name: `in:${names.join(',')}`, limit: 1 });
    const first = await listed.firstPage();
    await image.deleteImage(first.items[0].id);
    const error = await rejection(listed.nextPage(first));
    assert.equal(error.status, 400);
    assert.match(error.message, /^Glance: The list changed while it was read: [0-9a-f-]+, the last item of the page before, is gone\. Reload the list\. \(.*No image found with ID [0-9a-f-]+/);
  });
});

// Swift against the dev cloud, as demo: a folder of 50 files uploaded through the upload run the command uses,
// listed with paging and by pseudo-folder; read → edit → write with the ETag check; a conflicting write refused;
// a non-empty container's delete refused with Swift's 409; a temp URL fetched without a token; a cancelled upload
// leaves no object.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { explainRefusal } from '../../src/core/refusals';
import { planUpload, runUpload, UploadRolledBack } from '../../src/features/objectStorage/model/uploadRun';
import { StaleObject } from '../../src/openstack/objectStorage';
import { md5Hex } from '../../src/openstack/objectStorageModels';
import { connect, rejection, runTag, undoAll } from './helpers';

const tag = `${runTag}-swift`;
const demo = connect('devcloud');
const other = connect('devcloud');   // "someone else": another client of the same project
const storage = demo.client.objectStorage;
const cleanup: (() => Promise<unknown>)[] = [];
let dir = '';

/** A container of this run, deleted with its objects afterwards. */
async function container(name: string): Promise<string> {
  const full = `${tag}-${name}`;
  assert.equal(await storage.createContainer(full), true);
  cleanup.push(async () => {
    for (const o of await storage.entries(full).toArray()) await storage.deleteObject(full, o.name);
    await storage.deleteContainer(full);
  });
  return full;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ose-swift-'));
});

after(async () => {
  await undoAll(cleanup);
  await rm(dir, { recursive: true, force: true });
  await demo.close();
  await other.close();
});

describe('swift', { concurrency: true }, () => {
  it('uploads a folder of 50 files, lists them a page at a time and by pseudo-folder', async () => {
    const bucket = await container('fifty');
    const folder = join(dir, 'site');
    await mkdir(join(folder, 'img'), { recursive: true });
    for (let i = 0; i < 40; i++) await writeFile(join(folder, `page${String(i).padStart(2, '0')}.txt`), `page ${i}\n`);
    for (let i = 0; i < 10; i++) await writeFile(join(folder, 'img', `p${i}.png`), Buffer.from([0x89, 0x50, 0x4e, 0x47, i]));
    const items = await planUpload([folder], 'up/');
    assert.equal(items.length, 50);
    assert.equal(items[0].object, 'up/site/img/p0.png');
    const seen: number[] = [];
    const uploaded = await runUpload(storage, bucket, items, { existing: new Set(), onProgress: (p) => seen.push(p.files) });
    assert.equal(uploaded.length, 50);
    assert.equal(seen.at(-1), 50);

    // paging: 50 objects in pages of 20, each next page from the last name shown
    const listing = storage.entries(bucket, { limit: 20 });
    const first = await listing.firstPage();
    assert.equal(first.items.length, 20);
    assert.equal(first.hasMore, true);
    assert.equal(first.nextUrl, first.items[19].name, 'the marker is the last name shown');
    const second = await listing.nextPage(first);
    const third = await listing.nextPage(second);
    assert.deepEqual([second.items.length, second.hasMore, third.items.length, third.hasMore], [20, true, 10, false]);
    assert.deepEqual([...first.items, ...second.items, ...third.items].map((o) => o.name), items.map((i) => i.object));

    // one level at a time: the folder up/site/ holds 40 pages and the pseudo-folder img/
    const level = await storage.entries(bucket, { prefix: 'up/site/', delimiter: '/' }).toArray();
    assert.equal(level.length, 41);
    assert.deepEqual(level[0], { kind: 'folder', name: 'up/site/img/' });
    const png = (await storage.entries(bucket, { prefix: 'up/site/img/', delimiter: '/' }).toArray())[0];
    assert.equal(png.kind === 'object' && png.contentType, 'image/png');

    // the account listing pages the same way
    const containers = await storage.containers(1).firstPage();
    assert.equal(containers.items.length, 1);

    // the dev cloud has the bulk middleware: the 50 go in one bulk delete, a name already gone counts as deleted
    assert.ok((await storage.info()).bulkDeleteMax, 'bulk_delete in /info');
    const settled: number[] = [];
    const outcome = await storage.deleteMany(bucket, [...items.map((i) => i.object), 'up/never-there.txt'], { onProgress: (n) => settled.push(n) });
    assert.deepEqual([outcome, settled], [{ done: 51, failed: [] }, [51]]);
    assert.deepEqual(await storage.entries(bucket).toArray(), []);
  });

  it('reads, edits and writes an object with its ETag; a conflicting change by another client is refused', async () => {
    const bucket = await container('edit');
    await storage.write(bucket, 'notes/a.txt', Buffer.from('one\n'), { contentType: 'text/plain' });
    const { data, head } = await storage.read(bucket, 'notes/a.txt', 1 << 20);
    assert.equal(data.toString(), 'one\n');
    assert.equal(head.etag, md5Hex(Buffer.from('one\n')));
    const edited = Buffer.from('one\ntwo\n');
    const etag = await storage.writeIfUnchanged(bucket, 'notes/a.txt', edited, head.etag);
    assert.equal(etag, md5Hex(edited));
    const again = await storage.read(bucket, 'notes/a.txt', 1 << 20);
    assert.deepEqual([again.data.toString(), again.head.etag, again.head.contentType], ['one\ntwo\n', md5Hex(edited), 'text/plain']);

    // someone else writes in between: the save that expected our ETag is refused, their content stays
    await other.client.objectStorage.write(bucket, 'notes/a.txt', Buffer.from('theirs\n'));
    const stale = await storage.writeIfUnchanged(bucket, 'notes/a.txt', Buffer.from('mine\n'), etag).then(() => assert.fail('a stale write went through'), (err: unknown) => err);
    assert.ok(stale instanceof StaleObject, String(stale));
    assert.match(stale.message, new RegExp(`^notes/a\\.txt changed on the server since you opened it \\(ETag ${etag}, now ${md5Hex(Buffer.from('theirs\n'))}\\)`));
    assert.equal((await storage.read(bucket, 'notes/a.txt', 1 << 20)).data.toString(), 'theirs\n');

    // If-None-Match: * does not replace an existing object
    const exists = await rejection(storage.write(bucket, 'notes/a.txt', Buffer.from('x'), { createOnly: true }));
    assert.equal(exists.status, 412);
  });

  it("reads and deletes an object named with '..' and '.' segments as itself, not the object they would navigate to", async () => {
    const bucket = await container('dots');
    await storage.write(bucket, 'b', Buffer.from('plain b\n'));
    await storage.write(bucket, 'a/../b', Buffer.from('dotted\n'));
    await storage.write(bucket, './c', Buffer.from('dot c\n'));
    assert.deepEqual((await storage.entries(bucket).toArray()).map((e) => e.name), ['./c', 'a/../b', 'b']);
    assert.equal((await storage.read(bucket, 'a/../b', 1024)).data.toString(), 'dotted\n');
    assert.equal((await storage.read(bucket, './c', 1024)).data.toString(), 'dot c\n');
    assert.equal(await storage.deleteObject(bucket, 'a/../b'), true);
    assert.equal((await storage.read(bucket, 'b', 1024)).data.toString(), 'plain b\n', 'b is untouched');
    assert.deepEqual((await storage.entries(bucket).toArray()).map((e) => e.name), ['./c', 'b']);
  });

  it("refuses to delete a non-empty container with Swift's 409, explained", async () => {
    const bucket = await container('full');
    await storage.write(bucket, 'x.txt', Buffer.from('x'));
    const refused = await rejection(storage.deleteContainer(bucket));
    assert.equal(refused.status, 409);
    assert.match(explainRefusal(refused)!.message, /^The container is not empty: Swift deletes only empty containers\..*\(Swift said: There was a conflict when trying to complete your request\.\)$/);
    assert.equal((await storage.container(bucket))?.count, 1);
  });

  it('makes a temp URL that downloads the object without a token', async () => {
    const bucket = await container('temp');
    await storage.write(bucket, 'shared/report.txt', Buffer.from('for your eyes\n'));
    const info = await storage.info();
    assert.ok(info.tempUrl && info.tempUrlDigests.includes('sha256'), JSON.stringify(info));
    let key = (await storage.tempUrlKeys())[0];
    if (!key) {
      key = `${tag}-key`;
      await storage.setTempUrlKey(key);
      cleanup.push(() => demo.client.session.request('object-store', '', { method: 'POST', headers: { 'x-remove-account-meta-temp-url-key': 'x' } }));
    }
    const url = await storage.tempUrl(bucket, 'shared/report.txt', key, 3600);
    assert.match(url, /temp_url_sig=[0-9a-f]{128}&temp_url_expires=\d+$/, 'signed with sha512, the strongest the cluster allows');
    const res = await request(url);
    assert.equal(res.statusCode, 200);
    assert.equal(await res.body.text(), 'for your eyes\n');
    const forged = await request(url.replace(/temp_url_sig=./, (m) => m.slice(0, -1) + (m.endsWith('0') ? '1' : '0')));
    assert.equal(forged.statusCode, 401);
    await forged.body.dump();
  });

  it('downloads an object into a file through a .part file', async () => {
    const bucket = await container('down');
    const big = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
    await storage.write(bucket, 'big.bin', big);
    const file = join(dir, 'big.bin');
    let last = 0;
    await storage.download(bucket, 'big.bin', file, { onProgress: (n) => (last = n) });
    assert.equal(last, big.length);
    assert.equal(md5Hex(await readFile(file)), md5Hex(big));
  });

  it('a cancelled upload leaves no object behind', async () => {
    const bucket = await container('cancel');
    const folder = join(dir, 'cancel');
    await mkdir(folder);
    for (let i = 0; i < 12; i++) await writeFile(join(folder, `f${i}.bin`), Buffer.alloc(256 * 1024, i));
    const items = await planUpload([folder], '');
    const controller = new AbortController();
    const run = runUpload(storage, bucket, items, {
      existing: new Set(), concurrency: 2, signal: controller.signal,
      onProgress: (p) => { if (p.files >= 3) controller.abort(); },
    });
    const err = await run.then(() => assert.fail('the cancelled upload resolved'), (e: unknown) => e);
    assert.ok(err instanceof UploadRolledBack, String(err));
    assert.match(err.message, /^The upload was cancelled: the \d+ objects it had uploaded were deleted again, so nothing of it is left\.$/);
    assert.ok(err.deleted >= 3, `deleted ${err.deleted}`);
    assert.deepEqual(await storage.entries(bucket).toArray(), []);
  });
});

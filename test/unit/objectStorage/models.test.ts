// Object Storage's pure parts: swift: URIs, listing entries, temp URL signatures, CLI lines, what opens
// editable, and Swift's refusals as the user is told them.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { explainRefusal } from '../../../src/core/refusals';
import { OpenStackError, parseFault } from '../../../src/openstack/errors';
import { infoUrl, ObjectStorageService, StaleObject } from '../../../src/openstack/objectStorage';
import type { Session } from '../../../src/openstack/session';
import {
  bulkDeleteFailures, leafName, objectPath, type RawBulkDelete, signedPath, strongestDigest, tempUrlSignature, toClusterInfo, toEntry, unquoteEtag,
} from '../../../src/openstack/objectStorageModels';
import {
  containerDeleteCli, containerNameProblem, contentTypeFor, isEditable, normalPrefix, objectDeleteCli, objectSaveCli, objectUploadCli, segmentedUploadCli,
} from '../../../src/features/objectStorage/model/objectStorageFormat';
import { folderPrefix, isFolder, parseSwiftPath, swiftPath } from '../../../src/features/objectStorage/model/swiftUri';

test('swift: paths: cloud, project id, container, then the object name with its slashes', () => {
  const loc = parseSwiftPath('devcloud', '/p1/photos/2024/june/a b.txt');
  assert.deepEqual(loc, { cloud: 'devcloud', projectId: 'p1', container: 'photos', object: '2024/june/a b.txt' });
  assert.equal(swiftPath(loc!), '/p1/photos/2024/june/a b.txt');
  assert.equal(isFolder(loc!), false);
  const container = parseSwiftPath('devcloud', '/p1/photos')!;
  assert.equal(isFolder(container), true);
  assert.equal(folderPrefix(container), '');
  assert.equal(folderPrefix({ ...container, object: '2024/june' }), '2024/june/');
  assert.equal(parseSwiftPath('devcloud', '/p1'), undefined, 'no container');
  assert.equal(parseSwiftPath('', '/p1/c/o'), undefined, 'no cloud');
});

test('a delimiter listing: subdir entries are pseudo-folders, named below their parent', () => {
  const folder = toEntry({ subdir: 'logs/2024/' });
  const object = toEntry({ name: 'logs/a.txt', bytes: 3, hash: 'abc', content_type: 'text/plain', last_modified: '2026-01-01T00:00:00.000000' });
  assert.deepEqual(folder, { kind: 'folder', name: 'logs/2024/' });
  assert.equal(object.kind, 'object');
  assert.equal(leafName(folder, 'logs/'), '2024');
  assert.equal(leafName(object, 'logs/'), 'a.txt');
});

test('object paths encode each segment but keep the slashes of pseudo-folders', () => {
  assert.equal(objectPath('my c', 'a/b?/c#d.txt'), '/my%20c/a/b%3F/c%23d.txt');
  assert.equal(objectPath('c'), '/c');
  assert.equal(objectPath('c', 'a/../b/./c..d'), '/c/a/%2E%2E/b/%2E/c..d', 'dot segments are names, not navigation');
});

test("temp URL signature: the sha256 example of Swift's tempurl documentation (key 'mykey')", () => {
  const spec = { method: 'GET' as const, expires: 1512508563, path: '/v1/AUTH_account/container/object', key: 'mykey' };
  assert.equal(tempUrlSignature({ ...spec, digest: 'sha256' }), '732fcac368abb10c78a4cbe95c3fab7f311584532bf779abd5074e13cbe8b88b');
  assert.equal(tempUrlSignature({ ...spec, digest: 'sha1' }).length, 40);
  assert.equal(signedPath('/swift/v1/AUTH_a/c/o'), '/v1/AUTH_a/c/o', 'a prefix a proxy strips is not signed');
  assert.equal(signedPath('/v1/AUTH_a/c/x/v1/y'), '/v1/AUTH_a/c/x/v1/y');
  assert.equal(tempUrlSignature({ ...spec, digest: 'sha512' }).length, 128);
});

test("/info: the strongest allowed digest; a cluster without tempurl says so; old clusters sign with sha1", () => {
  const info = toClusterInfo({ swift: { max_file_size: 5368709122 }, tempurl: { methods: ['GET', 'PUT'], allowed_digests: ['sha1', 'sha256', 'sha512'] } });
  assert.equal(strongestDigest(info.tempUrlDigests), 'sha512');
  assert.equal(info.maxFileSize, 5368709122);
  assert.equal(toClusterInfo({ swift: {} }).tempUrl, false);
  assert.deepEqual(toClusterInfo({ tempurl: { methods: ['GET'] } }).tempUrlDigests, ['sha1']);
  assert.equal(strongestDigest(['sha256']), 'sha256');
  assert.equal(strongestDigest([]), undefined);
  assert.equal(infoUrl('http://127.0.0.1:8080/v1/AUTH_abc'), 'http://127.0.0.1:8080/info');
  assert.equal(infoUrl('https://cloud.example/swift/v1/AUTH_abc'), 'https://cloud.example/swift/info');
});

test('ETags compare unquoted', () => {
  assert.equal(unquoteEtag('"d41d8cd98f00b204e9800998ecf8427e"'), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.equal(unquoteEtag('d41d8cd98f00b204e9800998ecf8427e'), 'd41d8cd98f00b204e9800998ecf8427e');
});

test('a stale write names the object and both ETags', () => {
  assert.match(new StaleObject('notes/a.txt', 'aaa', 'bbb').message, /^notes\/a\.txt changed on the server since you opened it \(ETag aaa, now bbb\): reopen it/);
  assert.match(new StaleObject('a.txt', 'aaa', undefined).message, /was deleted on the server/);
});

test('small text objects are editable; binaries and big ones are not', () => {
  assert.equal(isEditable(100, 'text/plain'), true);
  assert.equal(isEditable(100, 'application/json'), true);
  assert.equal(isEditable(100, 'image/png'), false);
  assert.equal(isEditable(100, 'application/octet-stream'), false);
  assert.equal(isEditable(6 * 1024 * 1024, 'text/plain'), false);
  assert.equal(contentTypeFor('/tmp/a/readme.md'), 'text/markdown');
  assert.equal(contentTypeFor('C:\\x\\photo.JPG'), 'image/jpeg');
  assert.equal(contentTypeFor('/tmp/Makefile'), 'text/plain');
  assert.equal(contentTypeFor('/tmp/blob.bin'), 'application/octet-stream');
});

test('names and prefixes', () => {
  assert.equal(containerNameProblem('a/b') !== undefined, true);
  assert.equal(containerNameProblem('photos'), undefined);
  assert.equal(normalPrefix('/a/b//'), 'a/b/');
  assert.equal(normalPrefix('  '), '');
});

test('CLI lines', () => {
  const ctx = { cloud: 'devcloud' };
  assert.equal(containerDeleteCli(ctx, 'photos', true), 'openstack --os-cloud devcloud container delete --recursive photos');
  assert.equal(objectUploadCli(ctx, 'photos', '/tmp/a b.txt', 'x/a b.txt'), "openstack --os-cloud devcloud object create --name 'x/a b.txt' photos '/tmp/a b.txt'");
  assert.equal(objectSaveCli(ctx, 'photos', 'x/a.txt', '/tmp/a.txt'), 'openstack --os-cloud devcloud object save --file /tmp/a.txt photos x/a.txt');
  assert.equal(objectDeleteCli(ctx, 'photos', ['a', 'b']), 'openstack --os-cloud devcloud object delete photos a b');
  assert.equal(segmentedUploadCli('disks', '/tmp/big disk.qcow2', 'img/big disk.qcow2'), "swift upload --use-slo --segment-size 1G --object-name 'img/big disk.qcow2' disks '/tmp/big disk.qcow2'");
});

/** A Swift refusal as HttpClient builds it from Swift's HTML error page. */
function swift(status: number, method: string, html: string): OpenStackError {
  const fault = parseFault(status, 'text/html; charset=UTF-8', html);
  return new OpenStackError({ kind: 'http', status, text: fault.message, serviceMessage: fault.message, service: 'Swift', method, url: 'http://127.0.0.1:8080/v1/AUTH_p/c' });
}

test("Swift's refusals: a non-empty container, quota, no Swift role; its own words kept", () => {
  const conflict = explainRefusal(swift(409, 'DELETE', '<html><h1>Conflict</h1><p>There was a conflict when trying to complete your request.</p></html>'));
  assert.match(conflict!.message, /^The container is not empty: Swift deletes only empty containers\./);
  assert.match(conflict!.message, /\(Swift said: There was a conflict when trying to complete your request\.\)$/);
  assert.match(explainRefusal(swift(413, 'PUT', 'Upload exceeds quota.'))!.message, /exceed the container's or the account's quota/);
  assert.match(explainRefusal(swift(413, 'PUT', '<html><h1>Request Entity Too Large</h1><p>Your request is too large.</p></html>'))!.message, /max_file_size/);
  assert.match(explainRefusal(swift(403, 'GET', '<html><h1>Forbidden</h1><p>Access was denied to this resource.</p></html>'))!.message, /operator_roles/);
  assert.equal(explainRefusal(swift(409, 'PUT', 'conflict')), undefined, 'a 409 of a PUT is not "not empty"');
});

/**
 * An ObjectStorageService over a stand-in session that answers listings from NAMES as Swift would (sorted, marker,
 * limit, at most CAP a page: its container_listing_limit).
 */
function fakeListing(names: string[], cap = 10_000) {
  const asked: string[] = [];
  const session = {
    async request(_service: string, url: string) {
      asked.push(url);
      const query = new URL(url, 'http://x').searchParams;
      const marker = query.get('marker') ?? '';
      const limit = Math.min(Number(query.get('limit') ?? cap), cap);
      const rows = names.filter((n) => n > marker).slice(0, limit).map((name) => ({ name, count: 0, bytes: 0 }));
      return { status: 200, headers: {}, json: async () => rows };
    },
  };
  return { storage: new ObjectStorageService(session as unknown as Session), asked };
}

test('marker paging: one more than the page is asked, the next page starts after the last name shown', async () => {
  const { storage, asked } = fakeListing(['a', 'b', 'c', 'd', 'e']);
  const listing = storage.containers(2);
  const first = await listing.firstPage();
  assert.deepEqual([first.items.map((c) => c.name), first.hasMore, first.nextUrl], [['a', 'b'], true, 'b']);
  const second = await listing.nextPage(first);
  const third = await listing.nextPage(second);
  assert.deepEqual([second.items.map((c) => c.name), third.items.map((c) => c.name), third.hasMore], [['c', 'd'], ['e'], false]);
  assert.deepEqual(asked, ['?format=json&limit=3', '?format=json&limit=3&marker=b', '?format=json&limit=3&marker=d']);
});

test("a whole listing past Swift's 10,000 cap follows the marker", async () => {
  const names = Array.from({ length: 10_005 }, (_, i) => `c${String(i).padStart(5, '0')}`);
  const { storage, asked } = fakeListing(names);
  assert.equal((await storage.containers().toArray()).length, 10_005);
  assert.equal(asked.length, 3, 'two pages, then the empty one that ends it');
});

test('a whole listing of a cluster with a smaller page cap is not cut at its first short page', async () => {
  const names = Array.from({ length: 2500 }, (_, i) => `o${String(i).padStart(4, '0')}`);
  const { storage, asked } = fakeListing(names, 1000);
  assert.deepEqual((await storage.entries('c').toArray()).map((e) => e.name), names);
  assert.deepEqual(asked.map((u) => new URL(u, 'http://x').searchParams.get('marker')), [null, 'o0999', 'o1999', 'o2499']);
});

/** A stand-in session whose PUT reads the body to its end, as undici does. */
function bodyReadingSession(): Session {
  return {
    async request(_service: string, _url: string, req: { body?: AsyncIterable<Buffer> }) {
      for await (const chunk of req.body ?? []) void chunk;
      return { status: 201, headers: { etag: '"abc"' } };
    },
  } as unknown as Session;
}

test("an upload whose file cannot be read fails that PUT with the file's own error, without hanging", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ose-upload-'));
  try {
    const storage = new ObjectStorageService(bodyReadingSession());
    const file = join(dir, 'a.txt');
    await writeFile(file, 'hello');
    assert.equal(await storage.upload('c', 'a.txt', file), 'abc');
    // planned as a file, a folder by the time of the upload: reading it fails with EISDIR
    await rm(file);
    await mkdir(file);
    await assert.rejects(storage.upload('c', 'a.txt', file), (err: NodeJS.ErrnoException) => err.code === 'EISDIR');
    await rm(file, { recursive: true });
    await assert.rejects(storage.upload('c', 'a.txt', file), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

/** A stand-in session for deletes: /info from INFO, a bulk delete answered by BULK, a DELETE refused for names in REFUSED. */
function fakeDeletes(info: Record<string, unknown>, bulk: (lines: string[]) => RawBulkDelete, refused: string[] = []) {
  const sent: { method: string; url: string; lines?: string[] }[] = [];
  const session = {
    endpoint: async () => 'http://127.0.0.1:8080/v1/AUTH_p',
    async request(_service: string, url: string, req: { method: string; body?: Buffer; headers?: Record<string, string> }) {
      if (url.endsWith('/info')) return { status: 200, headers: {}, json: async () => info };
      const lines = req.body?.toString().split('\n');
      sent.push({ method: req.method, url, lines });
      if (req.method === 'POST') {
        assert.deepEqual(req.headers, { 'content-type': 'text/plain', accept: 'application/json' });
        return { status: 200, headers: {}, json: async () => bulk(lines!) };
      }
      const name = decodeURIComponent(url.split('/').slice(2).join('/'));
      if (refused.includes(name)) throw new OpenStackError({ kind: 'http', status: 409, text: 'Conflict', serviceMessage: 'There was a conflict' });
      return { status: 204, headers: {} };
    },
  };
  return { storage: new ObjectStorageService(session as unknown as Session), sent };
}

test("deletes use Swift's bulk delete, as many names a request as /info allows; refused ones come back with Swift's words", async () => {
  const names = ['a', 'b c', 'd/e', 'f', 'g'];
  const { storage, sent } = fakeDeletes({ bulk_delete: { max_deletes_per_request: 2 } }, (lines) => ({
    'Response Status': lines.includes('/c/f') ? '400 Bad Request' : '200 OK',
    'Number Deleted': lines.includes('/c/f') ? 1 : lines.length,
    Errors: lines.includes('/c/f') ? [['/c/f', '409 Conflict']] : [],
  }));
  const progress: number[] = [];
  const outcome = await storage.deleteMany('c', names, { onProgress: (n) => progress.push(n) });
  assert.deepEqual(sent.map((s) => [s.method, s.url, s.lines]), [
    ['POST', '?bulk-delete', ['/c/a', '/c/b%20c']], ['POST', '?bulk-delete', ['/c/d/e', '/c/f']], ['POST', '?bulk-delete', ['/c/g']],
  ]);
  assert.deepEqual(outcome, { done: 4, failed: [{ name: 'f', reason: '409 Conflict' }] });
  assert.deepEqual(progress, [2, 4, 5]);
  await assert.rejects(storage.deleteAll('c', names), { name: 'ObjectsNotDeleted', message: '4 of 5 objects deleted; Swift did not delete 1: f (409 Conflict)' });
});

test('without the bulk middleware deletes go 4 at a time, one DELETE each', async () => {
  const names = Array.from({ length: 9 }, (_, i) => `o${i}`);
  const { storage, sent } = fakeDeletes({ swift: {} }, () => assert.fail('no bulk delete without bulk_delete in /info'), ['o3']);
  const outcome = await storage.deleteMany('c', names);
  assert.deepEqual(sent.map((s) => s.method), Array(9).fill('DELETE'));
  assert.deepEqual(outcome, { done: 8, failed: [{ name: 'o3', reason: 'There was a conflict' }] });
});

test('a bulk delete refused as a whole leaves every name of it undeleted, with the status and body Swift sent', () => {
  assert.deepEqual(bulkDeleteFailures('c', ['a', 'b'], { 'Response Status': '413 Request Entity Too Large', 'Response Body': 'Max delete count exceeded' }),
    [{ name: 'a', reason: '413 Request Entity Too Large: Max delete count exceeded' }, { name: 'b', reason: '413 Request Entity Too Large: Max delete count exceeded' }]);
  assert.deepEqual(bulkDeleteFailures('c', ['x y'], { 'Response Status': '400 Bad Request', Errors: [['/c/x%20y', '409 Conflict']] }), [{ name: 'x y', reason: '409 Conflict' }]);
});

// The dev cloud's storage services, as `demo`: Cinder's volume lifecycle on the dev cloud's file driver
// (pylib/devcloud_volume.py: sparse files, attached through loop devices), attached to an instance on the
// fake host and to a real guest that writes through to the volume's file; and a Swift round trip over HTTP
// (ETag, delimiter listing, a temp URL, 409 for a non-empty container). Everything is deleted at the end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request, type Dispatcher } from 'undici';
import { devcloudState, ensureDevcloud, FAKE_AZ, GUEST_FLAVOR, GUEST_IMAGE, openstack, until } from '../support/devcloud';
import { PROMPT, SerialShell } from '../support/dataplane';

const tag = `sto${process.pid}`;
const GiB = 1024 ** 3;
const volumesDir = join(devcloudState, 'volumes');
const demo = (...args: string[]) => openstack('devcloud', args);
const demoJson = <T>(...args: string[]) => openstack<T>('devcloud', [...args, '-f', 'json']);
// 2.37: `--nic none` (the instances here need no network)
const compute = (...args: string[]) => openstack<{ id: string; status: string }>('devcloud', ['--os-compute-api-version', '2.37', ...args, '-f', 'json']);

interface Volume { id: string; status: string; size: number; bootable: string; attachments: { server_id: string }[];
  volume_image_metadata?: Record<string, string> }
const volumes: string[] = [];
const snapshots: string[] = [];
const servers: string[] = [];
const containers: string[] = [];

before(ensureDevcloud);

after(async () => {
  const quietly = (p: Promise<unknown>) => p.catch(() => undefined);
  await Promise.all(servers.map((s) => quietly(demo('server', 'delete', '--wait', s))));
  for (const id of [...volumes].reverse()) await quietly(until(`volume ${id} deletable`, async () => (await volumeOf(id).catch(() => undefined))?.status !== 'in-use', 60_000));
  await Promise.all(snapshots.map((s) => quietly(demo('volume', 'snapshot', 'delete', s))));
  await quietly(until('snapshots gone', async () => (await demo('volume', 'snapshot', 'list', '-f', 'value', '-c', 'Name') as string).split('\n').every((n) => !n.startsWith(tag)), 60_000));
  await Promise.all(volumes.map((v) => quietly(demo('volume', 'delete', v))));
  for (const c of containers) await quietly(demo('container', 'delete', '--recursive', c));
});

const volumeOf = (id: string) => demoJson<Volume>('volume', 'show', id);

async function settled(id: string, status: string): Promise<Volume> {
  return until(`volume ${id} ${status}`, async () => {
    const v = await volumeOf(id);
    assert.notEqual(v.status, 'error', `volume ${id} went to error`);
    return v.status === status && v;
  }, 90_000);
}

async function createVolume(name: string, ...args: string[]): Promise<Volume> {
  const v = await demoJson<Volume>('volume', 'create', `${tag}-${name}`, ...args);
  volumes.push(v.id);
  return settled(v.id, 'available');
}

/** The driver's file of a volume, and its apparent length. */
const volumeFile = (id: string) => join(volumesDir, `volume-${id}`);
const linkOf = (id: string) => join(volumesDir, 'dev', `volume-${id}`);

async function loopBackingFile(device: string): Promise<string> {
  const { stdout } = await promisify(execFile)('losetup', ['-nl', '-O', 'BACK-FILE', device]);
  return stdout.trim();
}

function firstBytes(path: string, n: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    readSync(fd, buf, 0, n, 0);
    return buf.toString('latin1');
  } finally { closeSync(fd); }
}

let blank: Volume;

test('a blank volume, its snapshot, a bigger volume from the snapshot, and an extend', async () => {
  blank = await createVolume('blank', '--size', '1');
  assert.equal(blank.size, 1);
  assert.equal(statSync(volumeFile(blank.id)).size, GiB);
  const snap = await demoJson<{ id: string }>('volume', 'snapshot', 'create', '--volume', blank.id, `${tag}-snap`);
  snapshots.push(snap.id);
  await until('snapshot available', async () => (await demoJson<{ status: string }>('volume', 'snapshot', 'show', snap.id)).status === 'available', 60_000);
  const fromSnap = await createVolume('from-snap', '--snapshot', snap.id, '--size', '2');
  assert.equal(statSync(volumeFile(fromSnap.id)).size, 2 * GiB);
  await demo('volume', 'set', '--size', '2', blank.id);
  blank = await until('extended to 2 GiB', async () => { const v = await volumeOf(blank.id); return v.size === 2 && v.status === 'available' && v; }, 60_000);
  assert.equal(statSync(volumeFile(blank.id)).size, 2 * GiB);
});

test('a volume from the guest image is bootable and holds the image', async () => {
  const fromImage = await createVolume('from-image', '--size', '1', '--image', GUEST_IMAGE);
  assert.equal(fromImage.bootable, 'true');
  assert.equal(fromImage.volume_image_metadata?.image_name, GUEST_IMAGE);
  // the qcow2 image converted to raw: an MBR boot signature at the end of the first sector
  const sector = firstBytes(volumeFile(fromImage.id), 512);
  assert.equal(sector.charCodeAt(510).toString(16) + sector.charCodeAt(511).toString(16), '55aa');
});

/** Attaches VOLUME to SERVER and checks the loop device behind the attachment; a failed attach (the volume
 * back to available) fails at once with nova's error instead of waiting out the timeout. */
async function attach(server: string, volume: string): Promise<void> {
  await demo('server', 'add', 'volume', server, volume);
  const v = await until(`volume ${volume} in-use`, async () => {
    const shown = await volumeOf(volume);
    if (shown.status === 'available') {
      const actions = await demoJson<{ 'Request ID': string; Action: string }[]>('server', 'event', 'list', server);
      const last = actions.find((a) => a.Action === 'attach_volume');
      const action = last && await demoJson<{ message: string | null }>('server', 'event', 'show', server, last['Request ID']);
      assert.notEqual(action?.message, 'Error', `nova-compute failed to attach ${volume} (see its log)`);
    }
    return shown.status === 'in-use' && shown;
  }, 90_000);
  assert.equal(v.attachments[0]?.server_id, server);
  const device = readlinkSync(linkOf(volume));
  assert.match(device, /^\/dev\/loop\d+$/);
  assert.equal(await loopBackingFile(device), volumeFile(volume));
}

async function detach(server: string, volume: string): Promise<void> {
  const device = readlinkSync(linkOf(volume));
  await demo('server', 'remove', 'volume', server, volume);
  await settled(volume, 'available');
  assert.equal(existsSync(linkOf(volume)), false, 'the attachment link is removed');
  assert.equal(await loopBackingFile(device).catch(() => ''), '', `${device} is detached`);
}

test('attach and detach on the fake host (nova records the attachment, cinder makes the loop device)', async () => {
  const server = await compute('server', 'create', '--availability-zone', FAKE_AZ, '--image', GUEST_IMAGE,
    '--flavor', GUEST_FLAVOR, '--nic', 'none', '--wait', `${tag}-fake`);
  servers.push(server.id);
  assert.equal(server.status, 'ACTIVE');
  await attach(server.id, blank.id);
  await detach(server.id, blank.id);
});

test('boot from volume on the fake host: nova has cinder make a bootable volume from the image', async () => {
  const server = await compute('server', 'create', '--availability-zone', FAKE_AZ, '--image', GUEST_IMAGE,
    '--boot-from-volume', '1', '--flavor', GUEST_FLAVOR, '--nic', 'none', '--wait', `${tag}-bfv`);
  servers.push(server.id);
  assert.equal(server.status, 'ACTIVE');
  const shown = await demoJson<{ volumes_attached: { id: string }[] }>('server', 'show', server.id);
  assert.equal(shown.volumes_attached.length, 1);
  const root = shown.volumes_attached[0].id;
  volumes.push(root);
  const v = await volumeOf(root);
  assert.equal(v.status, 'in-use');
  assert.equal(v.bootable, 'true');
  assert.equal(v.volume_image_metadata?.image_name, GUEST_IMAGE);
});

test('a real guest on devcloud-node1 sees the attached volume and writes through to its file', async () => {
  const server = await compute('server', 'create', '--image', GUEST_IMAGE, '--flavor', GUEST_FLAVOR,
    '--nic', 'none', '--wait', `${tag}-real`);
  servers.push(server.id);
  assert.equal(server.status, 'ACTIVE');
  const volume = await createVolume('real', '--size', '1');
  const { url } = await demoJson<{ url: string }>('console', 'url', 'show', '--serial', server.id);
  const shell = await until('the guest shell', () => SerialShell.open(url).catch(() => undefined), 120_000, 3000);
  try {
    await attach(server.id, volume.id);
    // 1 GiB in 512-byte sectors, once the guest's virtio driver has seen the disk
    await until('vdb of 2097152 sectors in the guest', async () =>
      /^2097152\r?$/m.test(await shell.run('cat /sys/block/vdb/size', PROMPT)), 30_000);
    const marker = `${tag}-written-by-the-guest`;
    await shell.run(`echo ${marker} | dd of=/dev/vdb conv=fsync 2>/dev/null; echo done`, new RegExp(`done\r?\n[^]*${PROMPT.source}`));
    assert.equal(firstBytes(volumeFile(volume.id), marker.length), marker);
    await detach(server.id, volume.id);
  } finally { shell.close(); }
});

// ---- Swift, over HTTP with the demo user's token ----

async function swiftAccess(): Promise<{ token: string; account: string }> {
  const token = await demoJson<{ id: string }>('token', 'issue');
  const catalog = await demoJson<{ endpoints: { interface: string; region_id: string; url: string }[] }>('catalog', 'show', 'object-store');
  const endpoint = catalog.endpoints.find((e) => e.interface === 'public' && e.region_id === 'RegionOne');
  assert.ok(endpoint, 'object-store has a public endpoint in RegionOne');
  return { token: token.id, account: endpoint.url };
}

async function http(method: Dispatcher.HttpMethod, url: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; etag: unknown; text: string }> {
  const response = await request(url, { method, headers, body });
  return { status: response.statusCode, etag: response.headers.etag, text: await response.body.text() };
}

test('swift: upload with ETag, listing with a delimiter, a temp URL, and 409 for a non-empty container', async () => {
  const { token, account } = await swiftAccess();
  const auth = { 'X-Auth-Token': token };
  const container = `${tag}-c`;
  containers.push(container);
  assert.equal((await http('PUT', `${account}/${container}`, auth)).status, 201);

  const body = `hello from ${tag}\n`;
  const md5 = createHash('md5').update(body).digest('hex');
  for (const name of ['top.txt', 'dir/a.txt', 'dir/b.txt']) {
    const put = await http('PUT', `${account}/${container}/${name}`, { ...auth, ETag: md5 }, body);
    assert.equal(put.status, 201, name);
    assert.equal(put.etag, md5);
  }
  const got = await http('GET', `${account}/${container}/top.txt`, auth);
  assert.equal(got.text, body);
  assert.equal(got.etag, md5);

  const listing = JSON.parse((await http('GET', `${account}/${container}?delimiter=/&format=json`, auth)).text) as { name?: string; subdir?: string }[];
  assert.deepEqual(listing.map((e) => e.subdir ?? e.name), ['dir/', 'top.txt']);

  // the account's listing learns the container's totals from the container updater
  await until('the account listing counts the objects', async () => {
    const containers = JSON.parse((await http('GET', `${account}?format=json&prefix=${container}`, auth)).text) as { name: string; count: number; bytes: number }[];
    const mine = containers.find((c) => c.name === container);
    return mine?.count === 3 && mine.bytes === 3 * Buffer.byteLength(body);
  }, 60_000, 2000);

  // a container's own temp URL key: the demo account's keys stay as they are
  const key = `${tag}-key`;
  assert.equal((await http('POST', `${account}/${container}`, { ...auth, 'X-Container-Meta-Temp-URL-Key': key })).status, 204);
  const path = new URL(`${account}/${container}/top.txt`).pathname;
  const expires = Math.floor(Date.now() / 1000) + 300;
  const sig = createHmac('sha256', key).update(`GET\n${expires}\n${path}`).digest('hex');
  const origin = new URL(account).origin;
  const temp = await http('GET', `${origin}${path}?temp_url_sig=${sig}&temp_url_expires=${expires}`);
  assert.equal(temp.status, 200);
  assert.equal(temp.text, body);
  assert.equal((await http('GET', `${origin}${path}?temp_url_sig=${'0'.repeat(64)}&temp_url_expires=${expires}`)).status, 401);
  assert.equal((await http('GET', `${origin}${path}`)).status, 401, 'no anonymous access without a signature');

  assert.equal((await http('DELETE', `${account}/${container}`, auth)).status, 409);
});

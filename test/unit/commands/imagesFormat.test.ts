// Disk format detection on real image files: qemu-img makes each format, an ISO 9660 primary volume
// descriptor is written by hand, and the rest are files as a student might pick by mistake.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import {
  detectDiskFormat, detectFileDiskFormat, imageNameFromFile, imageNameProblem, imageUploadCli,
} from '../../../src/features/images/model/imagesFormat';

const run = promisify(execFile);
let dir = '';

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ose-imgfmt-'));
});
test.after(() => rm(dir, { recursive: true, force: true }));

async function qemuImg(format: string, name: string, options: string[] = []): Promise<string> {
  const file = join(dir, name);
  await run('qemu-img', ['create', '-q', '-f', format, ...options, file, '16M']);
  return file;
}

for (const [qemuFormat, expected, options] of [
  ['qcow2', 'qcow2', []],
  ['vmdk', 'vmdk', []],
  ['vdi', 'vdi', []],
  ['vhdx', 'vhdx', []],
  ['vpc', 'vhd', []],
  ['vpc', 'vhd', ['-o', 'subformat=fixed']],
] as const) {
  test(`qemu-img ${qemuFormat} ${options.join(' ')} is detected as ${expected}`, async () => {
    const file = await qemuImg(qemuFormat, `disk-${qemuFormat}${options.length ? '-fixed' : ''}.img`, [...options]);
    const detected = await detectFileDiskFormat(file);
    assert.equal(detected.format, expected, detected.evidence);
    assert.equal(detected.warning, undefined);
    assert.ok(detected.size > 0);
  });
}

test('a fixed VHD is found by its footer only (its first bytes are the raw disk)', async () => {
  const file = await qemuImg('vpc', 'fixed.vhd', ['-o', 'subformat=fixed']);
  assert.match((await detectFileDiskFormat(file)).evidence, /fixed VHD footer/);
});

test('an ISO 9660 image is found by CD001 at 0x8001', async () => {
  const iso = Buffer.alloc(0x8800);
  iso[0x8000] = 1;   // primary volume descriptor
  iso.write('CD001', 0x8001, 'latin1');
  iso[0x8006] = 1;
  const file = join(dir, 'boot.iso');
  await writeFile(file, iso);
  const detected = await detectFileDiskFormat(file);
  assert.equal(detected.format, 'iso');
  assert.match(detected.evidence, /CD001 at 0x8001/);
});

test('a qemu-img raw file, and one with an MBR, fall back to raw', async () => {
  const file = await qemuImg('raw', 'disk.raw');
  assert.deepEqual(await detectFileDiskFormat(file), { format: 'raw', evidence: 'no known header', size: 16 * 1024 * 1024 });
  const mbr = Buffer.alloc(4096);
  mbr[510] = 0x55;
  mbr[511] = 0xaa;
  assert.equal(detectDiskFormat(mbr).evidence, 'no known header; MBR boot signature');
});

test('a gzip-compressed image is raw with a warning to decompress it', async () => {
  const qcow = await qemuImg('qcow2', 'packed.qcow2');
  const file = join(dir, 'packed.qcow2.gz');
  const { readFile } = await import('node:fs/promises');
  await writeFile(file, gzipSync(await readFile(qcow)));
  const detected = await detectFileDiskFormat(file);
  assert.equal(detected.format, 'raw');
  assert.match(detected.warning ?? '', /gzip-compressed.*Decompress/);
});

test('a VMDK descriptor alone is flagged: its extents are not uploaded', () => {
  const detected = detectDiskFormat(Buffer.from('# Disk DescriptorFile\nversion=1\n'));
  assert.equal(detected.format, 'vmdk');
  assert.match(detected.warning ?? '', /qemu-img convert/);
});

test('tiny and empty files are raw', async () => {
  const file = join(dir, 'empty.img');
  await writeFile(file, '');
  assert.equal((await detectFileDiskFormat(file)).format, 'raw');
  assert.equal(detectDiskFormat(Buffer.from('QF')).format, 'raw');
});

test('the image name defaults to the base name without the format extension', () => {
  assert.equal(imageNameFromFile('/home/s/cirros-0.6.2-x86_64-disk.img'), 'cirros-0.6.2-x86_64-disk');
  assert.equal(imageNameFromFile('C:\\images\\ubuntu.qcow2'), 'ubuntu');
  assert.equal(imageNameFromFile('/tmp/.img'), '.img');
  assert.equal(imageNameFromFile('/tmp/noext'), 'noext');
  assert.equal(imageNameProblem('  '), 'Enter a name for the image');
  assert.match(imageNameProblem('x'.repeat(256)) ?? '', /255/);
  assert.equal(imageNameProblem('cirros'), undefined);
});

test('the upload as an openstack CLI line', () => {
  const line = imageUploadCli({ file: "/home/st udent/it's.qcow2", name: 'my image', diskFormat: 'qcow2', containerFormat: 'bare', visibility: 'private' }, { cloud: 'devcloud' });
  assert.equal(line, "openstack --os-cloud devcloud image create --disk-format qcow2 --container-format bare --private --file '/home/st udent/it'\\''s.qcow2' --progress 'my image'");
});

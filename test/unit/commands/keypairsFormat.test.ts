// Public key checks on keys made by ssh-keygen (and the wrong files a student might pick instead).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { keypairImportCli, keypairNameFromFile, keypairNameProblem, parsePublicKey } from '../../../src/features/keypairs/model/keypairsFormat';

const run = promisify(execFile);
let dir = '';

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ose-keys-'));
});
test.after(() => rm(dir, { recursive: true, force: true }));

async function keygen(type: string, name: string, extra: string[] = []): Promise<string> {
  const file = join(dir, name);
  await run('ssh-keygen', ['-q', '-t', type, ...extra, '-N', '', '-C', 'student@laptop', '-f', file]);
  return file;
}

for (const [type, expected, extra] of [
  ['ed25519', 'ssh-ed25519', []],
  ['rsa', 'ssh-rsa', ['-b', '2048']],
  ['ecdsa', 'ecdsa-sha2-nistp256', ['-b', '256']],
  ['ecdsa', 'ecdsa-sha2-nistp521', ['-b', '521']],
] as const) {
  test(`an ssh-keygen ${expected} public key is accepted with its comment`, async () => {
    const file = await keygen(type, `id_${expected}`, [...extra]);
    const text = await readFile(`${file}.pub`, 'utf8');
    const { key, problem } = parsePublicKey(`\n${text}\n`);
    assert.equal(problem, undefined);
    assert.equal(key?.type, expected);
    assert.equal(key?.comment, 'student@laptop');
    assert.equal(key?.line, text.trim());
  });
}

test('the private key is refused, never uploaded', async () => {
  const file = await keygen('ed25519', 'id_private');
  assert.match(parsePublicKey(await readFile(file, 'utf8')).problem ?? '', /PRIVATE key.*\.pub/);
  const rsa = await keygen('rsa', 'id_pem', ['-b', '2048', '-m', 'PEM']);
  assert.match(parsePublicKey(await readFile(rsa, 'utf8')).problem ?? '', /PRIVATE key/);
});

test('RFC 4716 and PEM public keys are refused with the ssh-keygen line that converts them', async () => {
  const file = await keygen('rsa', 'id_conv', ['-b', '2048']);
  const rfc4716 = (await run('ssh-keygen', ['-e', '-f', `${file}.pub`])).stdout;
  assert.match(parsePublicKey(rfc4716).problem ?? '', /SSH2 \(RFC 4716\).*ssh-keygen -i/);
  const pkcs8 = (await run('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', `${file}.pub`])).stdout;
  assert.match(parsePublicKey(pkcs8).problem ?? '', /PEM public key.*-m PKCS8/);
});

test('damaged, mismatched, unknown and multi-key files are refused', async () => {
  const file = await keygen('ed25519', 'id_damaged');
  const [type, data] = (await readFile(`${file}.pub`, 'utf8')).trim().split(' ');
  assert.match(parsePublicKey(`${type} ${data.slice(0, -4)}x=== c`).problem ?? '', /base64 data is missing or damaged/);
  assert.match(parsePublicKey(`ssh-rsa ${data}`).problem ?? '', /does not match its type ssh-rsa/);
  assert.match(parsePublicKey(`ssh-foo ${data}`).problem ?? '', /Unknown key type 'ssh-foo'/);
  assert.match(parsePublicKey(type).problem ?? '', /base64 data is missing/);
  assert.match(parsePublicKey(`${type} ${data}\n${type} ${data}`).problem ?? '', /one key on one line, found 2 lines/);
  assert.equal(parsePublicKey('  \n').problem, 'The file is empty.');
  // comment lines (authorized_keys style) are ignored
  assert.equal(parsePublicKey(`# mine\n${type} ${data}`).key?.line, `${type} ${data}`);
});

test("key pair names: nova's characters, no clash with the project's key pairs", () => {
  assert.equal(keypairNameProblem('id_ed25519'), undefined);
  assert.equal(keypairNameProblem('my key-1'), undefined);
  assert.match(keypairNameProblem('me@laptop.pub') ?? '', /Not allowed in a key pair name: '@' '\.'/);
  assert.match(keypairNameProblem(' lead') ?? '', /No spaces at the start/);
  assert.match(keypairNameProblem('') ?? '', /Enter a name/);
  assert.match(keypairNameProblem('k'.repeat(256)) ?? '', /255/);
  assert.match(keypairNameProblem('mykey', ['other', 'mykey']) ?? '', /already has a key pair 'mykey'/);
  assert.equal(keypairNameFromFile('/home/s/.ssh/id_ed25519.pub'), 'id_ed25519');
  assert.equal(keypairNameFromFile('/home/s/keys/me@laptop.v2.pub'), 'me-laptop-v2');
});

test('the import as an openstack CLI line', () => {
  const spec = { name: 'my key', file: '/home/s/.ssh/id_ed25519.pub', publicKey: { type: 'ssh-ed25519', line: 'ssh-ed25519 AAAA' } };
  assert.equal(keypairImportCli(spec, {}), "openstack keypair create --public-key /home/s/.ssh/id_ed25519.pub 'my key'");
});

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cloudsYaml, loadFrom, tempTree } from './tempTree';

const cloud = (url: string) => cloudsYaml('c', `auth:\n  auth_url: ${url}\n  username: u\n  password: p`);

test('cwd beats the user dir, which beats /etc; only the first file is read', async (t) => {
  const root = await tempTree(t, {
    'cwd/clouds.yaml': cloud('https://cwd:5000/v3'),
    'user/clouds.yaml': cloudsYaml('other', 'auth:\n  auth_url: https://user:5000/v3'),
    'etc/clouds.yaml': cloud('https://etc:5000/v3'),
  });
  const result = await loadFrom(root);
  assert.equal(result.files.clouds, join(root, 'cwd/clouds.yaml'));
  assert.equal(result.clouds.get('c')?.auth.authUrl, 'https://cwd:5000/v3');
  assert.equal(result.clouds.has('other'), false, 'files are not merged with each other');
});

test('the user dir beats /etc when cwd has none', async (t) => {
  const root = await tempTree(t, { 'user/clouds.yaml': cloud('https://user:5000/v3'), 'etc/clouds.yaml': cloud('https://etc:5000/v3') });
  const result = await loadFrom(root);
  assert.equal(result.clouds.get('c')?.auth.authUrl, 'https://user:5000/v3');
});

test('/etc is used last', async (t) => {
  const root = await tempTree(t, { 'etc/clouds.yaml': cloud('https://etc:5000/v3') });
  assert.equal((await loadFrom(root)).files.clouds, join(root, 'etc/clouds.yaml'));
});

test('OS_CLIENT_CONFIG_FILE beats every dir, relative to cwd', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': cloud('https://cwd:5000/v3'), 'cwd/conf/mine.yaml': cloud('https://env:5000/v3') });
  const result = await loadFrom(root, { env: { OS_CLIENT_CONFIG_FILE: 'conf/mine.yaml' } });
  assert.equal(result.files.clouds, join(root, 'cwd/conf/mine.yaml'));
  assert.equal(result.clouds.get('c')?.auth.authUrl, 'https://env:5000/v3');
});

test('a missing OS_CLIENT_CONFIG_FILE falls back to the search path', async (t) => {
  const root = await tempTree(t, { 'user/clouds.yaml': cloud('https://user:5000/v3') });
  const result = await loadFrom(root, { env: { OS_CLIENT_CONFIG_FILE: join(root, 'nope.yaml') } });
  assert.equal(result.clouds.get('c')?.auth.authUrl, 'https://user:5000/v3');
  assert.deepEqual(result.problems, []);
});

test('clouds.yaml beats clouds.yml, which beats clouds.json, in one dir', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yml': cloud('https://yml:5000/v3'), 'cwd/clouds.json': '{}' });
  assert.equal((await loadFrom(root)).clouds.get('c')?.auth.authUrl, 'https://yml:5000/v3');
});

test('clouds.json is read as JSON', async (t) => {
  const json = JSON.stringify({ clouds: { j: { auth: { auth_url: 'https://json:5000/v3', project_id: 1234 }, region_name: 'R1' } } });
  const root = await tempTree(t, { 'user/clouds.json': json });
  const c = (await loadFrom(root)).clouds.get('j');
  assert.equal(c?.auth.authUrl, 'https://json:5000/v3');
  assert.equal(c?.auth.projectId, '1234', 'numbers become strings, as normalize_keys does');
  assert.equal(c?.regionName, 'R1');
});

test('secure.yaml is deep-merged over clouds.yaml; its own search finds it in another dir', async (t) => {
  const root = await tempTree(t, {
    'cwd/clouds.yaml': cloudsYaml('c', 'auth:\n  auth_url: https://k:5000/v3\n  username: ann\n  project_name: demo\nregion_name: R1'),
    'user/secure.yaml': cloudsYaml('c', 'auth:\n  password: s3cret'),
  });
  const result = await loadFrom(root);
  const c = result.clouds.get('c');
  assert.equal(c?.auth.password, 's3cret');
  assert.equal(c?.auth.username, 'ann', 'keys beside the secret in auth survive the merge');
  assert.equal(c?.auth.projectName, 'demo');
  assert.equal(c?.source, join(root, 'cwd/clouds.yaml'));
  assert.equal(result.files.secure, join(root, 'user/secure.yaml'));
});

test('secure.yaml values win over clouds.yaml, and OS_CLIENT_SECURE_FILE is searched first', async (t) => {
  const root = await tempTree(t, {
    'cwd/clouds.yaml': cloudsYaml('c', 'auth:\n  auth_url: https://k:5000/v3\n  username: ann\n  password: old'),
    'cwd/secure.yaml': cloudsYaml('c', 'auth:\n  password: from-cwd'),
    'vault/s.json': JSON.stringify({ clouds: { c: { auth: { password: 'from-env-file' } } } }),
  });
  assert.equal((await loadFrom(root)).clouds.get('c')?.auth.password, 'from-cwd');
  const viaEnv = await loadFrom(root, { env: { OS_CLIENT_SECURE_FILE: join(root, 'vault/s.json') } });
  assert.equal(viaEnv.clouds.get('c')?.auth.password, 'from-env-file');
});

test('malformed YAML is reported with file, line and column, and the next file is used', async (t) => {
  const root = await tempTree(t, {
    'cwd/clouds.yaml': 'clouds:\n  c:\n    auth: {auth_url: x\n  d: 1\n',
    'user/clouds.yaml': cloud('https://user:5000/v3'),
  });
  const result = await loadFrom(root);
  const [problem] = result.problems;
  assert.equal(problem?.code, 'malformed-file');
  assert.equal(problem?.file, join(root, 'cwd/clouds.yaml'));
  assert.equal(problem?.line, 4);
  assert.match(problem?.message ?? '', new RegExp(`^${join(root, 'cwd/clouds.yaml')} is not valid YAML at line 4, column \\d+: .+Fix it there`));
  assert.equal(result.files.clouds, join(root, 'user/clouds.yaml'), 'openstacksdk skips a malformed file');
  assert.equal(result.clouds.get('c')?.auth.authUrl, 'https://user:5000/v3');
});

test('malformed JSON is reported with line and column', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.json': '{\n  "clouds": {\n    "c": 1,\n  }\n}' });
  const [problem] = (await loadFrom(root)).problems;
  assert.equal(problem?.code, 'malformed-file');
  assert.equal(problem?.line, 4);
  assert.equal(problem?.column, 3);
  assert.match(problem?.message ?? '', /is not valid JSON at line 4, column 3/);
});

test('YAML 1.1 booleans like PyYAML: insecure: yes, verify: off', async (t) => {
  const root = await tempTree(t, {
    'cwd/clouds.yaml': 'clouds:\n  a:\n    auth: {auth_url: https://k/v3}\n    insecure: yes\n  b:\n    auth: {auth_url: https://k/v3}\n    verify: off\n',
  });
  const { clouds } = await loadFrom(root);
  assert.equal(clouds.get('a')?.tls.verify, false);
  assert.equal(clouds.get('b')?.tls.verify, false);
});

test('a top level that is not a mapping is a whole-file problem', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': '- just\n- a list\n' });
  const result = await loadFrom(root);
  assert.equal(result.clouds.size, 0);
  assert.equal(result.problems[0]?.code, 'not-a-mapping');
  assert.match(result.problems[0]?.message ?? '', /clouds\.yaml must hold a mapping with a clouds: key/);
});

test('a file with no clouds: key says to put the clouds under it', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': 'mycloud:\n  auth:\n    auth_url: https://k/v3\n' });
  const [problem] = (await loadFrom(root)).problems;
  assert.equal(problem?.code, 'no-clouds-key');
  assert.match(problem?.message ?? '', /has no clouds: key; put each cloud under it/);
});

test('an empty file is found (it shadows later ones) and reported', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': '', 'user/clouds.yaml': cloud('https://user/v3') });
  const result = await loadFrom(root);
  assert.equal(result.files.clouds, join(root, 'cwd/clouds.yaml'));
  assert.equal(result.clouds.size, 0);
  assert.match(result.problems[0]?.message ?? '', /is empty/);
});

test('an empty clouds: mapping is not a problem', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': 'clouds:\n' });
  const result = await loadFrom(root);
  assert.deepEqual([result.clouds.size, result.problems], [0, []]);
});

test('an unreadable candidate is reported and skipped', async (t) => {
  const root = await tempTree(t, { 'user/clouds.yaml': cloud('https://user/v3') });
  await mkdir(join(root, 'cwd/clouds.yaml'), { recursive: true });
  const result = await loadFrom(root);
  assert.equal(result.problems[0]?.code, 'unreadable-file');
  assert.match(result.problems[0]?.message ?? '', /cannot be read \(EISDIR\)/);
  assert.equal(result.clouds.get('c')?.auth.authUrl, 'https://user/v3');
});

test('the file reader can be injected', async () => {
  const files: Record<string, string> = { '/virtual/clouds.yaml': cloud('https://virtual/v3') };
  const result = await loadFrom('/nowhere', {
    searchDirs: ['/virtual'],
    readFile: async (path) => files[path] ?? Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' })),
  });
  assert.equal(result.clouds.get('c')?.auth.authUrl, 'https://virtual/v3');
});

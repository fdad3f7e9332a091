import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { cloudFromEnvVars } from '../../../src/openstack/config';
import { cloudsYaml, loadFrom, tempTree } from './tempTree';

const ENV = {
  OS_AUTH_URL: 'https://keystone:5000/v3',
  OS_USERNAME: 'ann',
  OS_PASSWORD: 'pw',
  OS_TENANT_NAME: 'demo',
  OS_USER_DOMAIN_NAME: 'Default',
  OS_PROJECT_DOMAIN_ID: 'default',
  OS_REGION_NAME: 'RegionOne',
  OS_ENDPOINT_TYPE: 'internalURL',
  OS_INSECURE: 'true',
  OS_CACERT: '/ca.pem',
  OS_API_TIMEOUT: '15',
  OS_IDENTITY_API_VERSION: '3',
  OS_COMPUTE_API_VERSION: '2.79',
  OS_TEST_TIMEOUT: '999',
  HOME: '/home/ann',
};

test('OS_* variables map onto the cloud like openstacksdk', () => {
  const c = cloudFromEnvVars(ENV, { homeDir: '/home/ann' });
  assert.equal(c.name, 'envvars');
  assert.equal(c.source, 'env');
  assert.equal(c.authType, 'password');
  assert.deepEqual(c.auth, {
    authUrl: 'https://keystone:5000/v3',
    username: 'ann',
    password: 'pw',
    projectName: 'demo',
    userDomainName: 'Default',
    projectDomainId: 'default',
  });
  assert.equal(c.regionName, 'RegionOne');
  assert.equal(c.interface, 'internal');
  assert.deepEqual(c.tls, { verify: false, cacert: '/ca.pem' });
  assert.equal(c.apiTimeoutSeconds, 15, 'OS_TEST_* is skipped, so it does not become a legacy *_timeout');
  assert.deepEqual(c.apiVersions, { identity: '3', compute: '2.79' });
  assert.equal(c.raw.home, undefined, 'only OS_* variables are read');
});

test('OS_AUTH_TYPE, OS_TOKEN and OS_APPLICATION_CREDENTIAL_* map to auth', () => {
  const token = cloudFromEnvVars({ OS_AUTH_URL: 'https://k/v3', OS_AUTH_TYPE: 'v3token', OS_TOKEN: 'tok' }, { homeDir: '/h' });
  assert.deepEqual([token.authType, token.auth.token], ['v3token', 'tok']);
  const appCred = cloudFromEnvVars(
    { OS_AUTH_URL: 'https://k/v3', OS_APPLICATION_CREDENTIAL_ID: 'id1', OS_APPLICATION_CREDENTIAL_SECRET: 'sec' },
    { homeDir: '/h' },
  );
  assert.equal(appCred.authType, 'v3applicationcredential');
  assert.deepEqual([appCred.auth.applicationCredentialId, appCred.auth.applicationCredentialSecret], ['id1', 'sec']);
});

test('OS_* variables add an envvars cloud next to the file clouds, and it becomes the default', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': cloudsYaml('filecloud', 'auth: {auth_url: https://file/v3}') });
  const result = await loadFrom(root, { env: ENV });
  assert.deepEqual([...result.clouds.keys()], ['filecloud', 'envvars']);
  assert.equal(result.clouds.get('envvars')?.source, 'env');
  assert.equal(result.defaultCloud, 'envvars');
});

test('OS_CLOUD names the default cloud, even when OS_* variables make an envvars cloud', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': cloudsYaml('filecloud', 'auth: {auth_url: https://file/v3}') });
  const result = await loadFrom(root, { env: { ...ENV, OS_CLOUD: 'filecloud' } });
  assert.equal(result.defaultCloud, 'filecloud');
  assert.equal(result.clouds.has('envvars'), true);
});

test('selectors alone (OS_CLOUD, OS_REGION_NAME) make no envvars cloud', async (t) => {
  const root = await tempTree(t, {
    'cwd/clouds.yaml': 'clouds:\n  a: {auth: {auth_url: https://a/v3}}\n  b: {auth: {auth_url: https://b/v3}}\n',
  });
  const result = await loadFrom(root, { env: { OS_CLOUD: 'b', OS_REGION_NAME: 'R' } });
  assert.deepEqual([...result.clouds.keys()], ['a', 'b']);
  assert.equal(result.defaultCloud, 'b');
});

test('with one cloud and no OS_CLOUD, that cloud is the default; with two, none is', async (t) => {
  const one = await tempTree(t, { 'cwd/clouds.yaml': cloudsYaml('only', 'auth: {auth_url: https://k/v3}') });
  assert.equal((await loadFrom(one)).defaultCloud, 'only');
  const two = await tempTree(t, { 'cwd/clouds.yaml': 'clouds:\n  a: {auth: {auth_url: https://a/v3}}\n  b: {auth: {auth_url: https://b/v3}}\n' });
  assert.equal((await loadFrom(two)).defaultCloud, undefined);
});

test('OS_CLOUD naming a cloud that does not exist is a problem listing the choices', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': cloudsYaml('real', 'auth: {auth_url: https://k/v3}') });
  const result = await loadFrom(root, { env: { OS_CLOUD: 'typo' } });
  assert.equal(result.defaultCloud, undefined);
  assert.equal(result.problems[0]?.code, 'unknown-cloud');
  assert.equal(result.problems[0]?.message, `OS_CLOUD is 'typo' but ${join(root, 'cwd/clouds.yaml')} has no cloud 'typo'; set OS_CLOUD to one of real`);
});

test('OS_CLOUD_NAME renames the env cloud; a clash with a file cloud is reported', async (t) => {
  const root = await tempTree(t, { 'cwd/clouds.yaml': cloudsYaml('mine', 'auth: {auth_url: https://file/v3}') });
  const renamed = await loadFrom(root, { env: { ...ENV, OS_CLOUD_NAME: 'shell' } });
  assert.equal(renamed.clouds.get('shell')?.source, 'env');
  const clash = await loadFrom(root, { env: { ...ENV, OS_CLOUD_NAME: 'mine' } });
  assert.equal(clash.clouds.get('mine')?.source, join(root, 'cwd/clouds.yaml'));
  assert.equal(clash.problems[0]?.code, 'name-clash');
});

test('an env cloud without OS_AUTH_URL is a problem that says to set it', async (t) => {
  const root = await tempTree(t, {});
  const result = await loadFrom(root, { env: { OS_USERNAME: 'ann', OS_PASSWORD: 'pw' } });
  assert.equal(result.clouds.size, 0);
  assert.equal(result.defaultCloud, undefined);
  assert.equal(
    result.problems[0]?.message,
    "cloud 'envvars' from OS_* environment variables has no auth.auth_url; set OS_AUTH_URL=https://keystone:5000/v3",
  );
});

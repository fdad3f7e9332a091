import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  authUrlProblem, cloudHostName, cloudNameProblem, loginVars, normaliseAuthUrl, openrcCloudName, openrcCloudVars, uniqueName,
} from '../../../src/features/clouds/model/cloudInputs';
import { cloudFromEnvVars, validateCloud } from '../../../src/openstack/config';

test('an auth URL pasted after the https:// prefix keeps one scheme', () => {
  assert.equal(normaliseAuthUrl('https://https://keystone.example.com:5000/v3'), 'https://keystone.example.com:5000/v3');
  assert.equal(normaliseAuthUrl('https://http://10.0.0.5/identity/v3 '), 'http://10.0.0.5/identity/v3');
  assert.equal(normaliseAuthUrl(' https://keystone.example.com/v3'), 'https://keystone.example.com/v3');
});

test('the auth URL must be an http(s) URL with a host', () => {
  assert.equal(authUrlProblem('https://keystone.example.com:5000/v3'), undefined);
  assert.equal(authUrlProblem('http://127.0.0.1:5000/v3'), undefined);
  assert.equal(authUrlProblem('https://https://keystone.example.com/v3'), undefined);
  assert.match(authUrlProblem('https://') ?? '', /Keystone's URL/);
  assert.match(authUrlProblem('keystone.example.com/v3') ?? '', /Keystone's URL/);
  assert.match(authUrlProblem('ftp://keystone.example.com/v3') ?? '', /https:\/\/ or http:\/\//);
  assert.match(authUrlProblem('file:///etc/passwd') ?? '', /https:\/\/ or http:\/\//);
});

test('a default cloud name is the host without a keystone./identity. label', () => {
  assert.equal(cloudHostName('https://keystone.example.com:5000/v3'), 'example.com');
  assert.equal(cloudHostName('https://identity.cloud.ovh.net/v3'), 'cloud.ovh.net');
  assert.equal(cloudHostName('https://keystone.lan/v3'), 'keystone.lan');
  assert.equal(cloudHostName('http://127.0.0.1:5000/v3'), '127.0.0.1');
  assert.equal(cloudHostName('not a url'), undefined);
});

test('names are made unique with a counter, and typed names are checked against the clouds', () => {
  assert.equal(uniqueName('example.com', []), 'example.com');
  assert.equal(uniqueName('example.com', ['example.com', 'example.com-2']), 'example.com-3');
  assert.equal(cloudNameProblem('mine', ['devcloud']), undefined);
  assert.match(cloudNameProblem('  ', ['devcloud']) ?? '', /Enter a name/);
  assert.match(cloudNameProblem(' devcloud ', ['devcloud']) ?? '', /already a cloud named 'devcloud'/);
});

test('a password login becomes a valid project-scoped cloud', () => {
  const vars = loginVars(
    { kind: 'password', authUrl: 'https://k.example.com/v3', userDomain: 'Default', username: 'ann', password: 's3cret' },
    { id: 'p1', name: 'demo', domainId: 'default' },
  );
  const cloud = cloudFromEnvVars(vars, { homeDir: '/home/ann', name: 'k', source: 'extension' });
  assert.deepEqual(validateCloud(cloud), []);
  assert.equal(cloud.authType, 'password');
  assert.deepEqual(
    [cloud.auth.username, cloud.auth.password, cloud.auth.userDomainName, cloud.auth.projectId, cloud.auth.projectName],
    ['ann', 's3cret', 'Default', 'p1', 'demo'],
  );
});

test('without a project a password login stays unscoped, for the sign-in that lists projects', () => {
  const vars = loginVars({ kind: 'password', authUrl: 'https://k/v3', userDomain: 'Default', username: 'ann', password: 'x' });
  assert.equal(vars.OS_PROJECT_ID, undefined);
  assert.equal(vars.OS_PROJECT_NAME, undefined);
});

test('an application credential login names no project, even when one is known', () => {
  const vars = loginVars({ kind: 'applicationCredential', authUrl: 'https://k/v3', id: 'ac1', secret: 'sh' }, { id: 'p1', name: 'demo', domainId: 'default' });
  assert.equal(vars.OS_PROJECT_ID, undefined);
  const cloud = cloudFromEnvVars(vars, { homeDir: '/', name: 'k', source: 'extension' });
  assert.equal(cloud.authType, 'v3applicationcredential');
  assert.deepEqual(validateCloud(cloud), []);
  assert.deepEqual([cloud.auth.applicationCredentialId, cloud.auth.applicationCredentialSecret], ['ac1', 'sh']);
});

test('an openrc cloud keeps the OS_* variables that describe it', () => {
  const vars = openrcCloudVars({ OS_AUTH_URL: 'https://k/v3', OS_CLOUD: 'other', OS_CLIENT_CONFIG_FILE: '/x', PS1: '$ ', OS_REGION_NAME: 'RegionOne' });
  assert.deepEqual(vars, { OS_AUTH_URL: 'https://k/v3', OS_REGION_NAME: 'RegionOne' });
});

test('an openrc cloud is named project@host, else host, else after the file', () => {
  assert.equal(openrcCloudName({ OS_AUTH_URL: 'https://keystone.example.com:5000/v3', OS_PROJECT_NAME: 'demo' }, 'demo-openrc.sh'), 'demo@example.com');
  assert.equal(openrcCloudName({ OS_AUTH_URL: 'https://k.example.com/v3', OS_TENANT_NAME: 'old' }, 'x.sh'), 'old@k.example.com');
  assert.equal(openrcCloudName({ OS_AUTH_URL: 'https://k.example.com/v3' }, 'x.sh'), 'k.example.com');
  assert.equal(openrcCloudName({ OS_PROJECT_NAME: 'demo' }, 'admin-openrc.sh'), 'admin-openrc');
  assert.equal(openrcCloudName({}, 'openrc'), 'openrc');
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CloudConfig, LoadResult } from '../../../src/openstack/config';
import { cloudsYaml, loadFrom, tempTree } from './tempTree';

const AUTH = 'auth:\n  auth_url: https://keystone:5000/v3\n  username: ann\n  password: pw\n  project_name: demo';

async function loadYaml(t: TestContext, yaml: string): Promise<LoadResult & { root: string }> {
  const root = await tempTree(t, { 'cwd/clouds.yaml': yaml });
  return { ...(await loadFrom(root)), root };
}

async function one(t: TestContext, body: string): Promise<CloudConfig> {
  const result = await loadYaml(t, cloudsYaml('c', body));
  assert.deepEqual(result.problems.map((p) => p.message), []);
  const c = result.clouds.get('c');
  assert.ok(c);
  return c;
}

test('defaults: password auth, public interface, verify on, no region, no timeout', async (t) => {
  const c = await one(t, AUTH);
  assert.equal(c.authType, 'password');
  assert.equal(c.interface, 'public');
  assert.deepEqual(c.tls, { verify: true });
  assert.equal(c.regionName, undefined);
  assert.equal(c.apiTimeoutSeconds, undefined);
  assert.deepEqual(c.raw.auth, { auth_url: 'https://keystone:5000/v3', username: 'ann', password: 'pw', project_name: 'demo' });
});

test('region_name, interface, cacert/cert/key with ~ and api_timeout', async (t) => {
  const body = `${AUTH}\nregion_name: RegionTwo\ninterface: internal\ncacert: ~/ca.pem\ncert: /c.pem\nkey: /k.pem\napi_timeout: 42`;
  const { clouds, root } = await loadYaml(t, cloudsYaml('c', body));
  const c = clouds.get('c');
  assert.equal(c?.regionName, 'RegionTwo');
  assert.equal(c?.interface, 'internal');
  assert.deepEqual(c?.tls, { verify: true, cacert: join(root, 'home', 'ca.pem'), cert: '/c.pem', key: '/k.pem' });
  assert.equal(c?.apiTimeoutSeconds, 42);
});

test('insecure: true turns verify off even with a cacert', async (t) => {
  const c = await one(t, `${AUTH}\ninsecure: true\ncacert: /ca.pem`);
  assert.equal(c.tls.verify, false);
  assert.equal(c.tls.cacert, '/ca.pem');
});

test('verify: false turns verification off', async (t) => {
  assert.equal((await one(t, `${AUTH}\nverify: false`)).tls.verify, false);
});

test('publicURL, internalURL and endpoint_type are accepted; endpoint_type wins', async (t) => {
  assert.equal((await one(t, `${AUTH}\ninterface: publicURL`)).interface, 'public');
  assert.equal((await one(t, `${AUTH}\ninterface: public\nendpoint_type: internalURL`)).interface, 'internal');
});

test('an unknown interface is a problem for that cloud', async (t) => {
  const result = await loadYaml(t, cloudsYaml('c', `${AUTH}\ninterface: private`));
  assert.equal(result.clouds.size, 0);
  assert.equal(result.problems[0]?.code, 'bad-value');
  assert.match(result.problems[0]?.message ?? '', /has interface "private"; use public, internal or admin/);
});

test('a bad api_timeout names the fix', async (t) => {
  const result = await loadYaml(t, cloudsYaml('c', `${AUTH}\napi_timeout: soon`));
  assert.match(result.problems[0]?.message ?? '', /api_timeout "soon"; use a number of seconds/);
});

test('a legacy service *_timeout replaces api_timeout', async (t) => {
  assert.equal((await one(t, `${AUTH}\napi_timeout: 10\ncompute_timeout: 30`)).apiTimeoutSeconds, 30);
});

test('endpoint overrides and api versions are keyed by official service type', async (t) => {
  const c = await one(
    t,
    [
      AUTH,
      'compute_endpoint_override: https://nova/v2.1',
      'object-store-endpoint-override: https://swift/v1',
      'volumev3_endpoint_override: https://cinder/v3',
      'network_endpoint: https://plain-neutron',
      'network_endpoint_override: https://neutron',
      'identity_api_version: 3',
      'compute_api_version: "2.79"',
      'volume_api_version: 2',
      'block_storage_api_version: 3',
      'image_api_version: latest',
    ].join('\n'),
  );
  assert.deepEqual(c.endpointOverrides, {
    compute: 'https://nova/v2.1',
    'object-store': 'https://swift/v1',
    'block-storage': 'https://cinder/v3',
    network: 'https://neutron',
  });
  assert.deepEqual(c.apiVersions, { identity: '3', compute: '2.79', 'block-storage': '3' });
});

test('regions: the first is the region, and its values are merged over the cloud', async (t) => {
  const c = await one(
    t,
    `${AUTH}\nregions:\n  - name: R1\n    values:\n      compute_endpoint_override: https://r1-nova\n  - R2`,
  );
  assert.equal(c.regionName, 'R1');
  assert.deepEqual(c.regions, ['R1', 'R2']);
  assert.equal(c.endpointOverrides.compute, 'https://r1-nova');
});

test('a comma-separated region_name lists regions', async (t) => {
  assert.deepEqual((await one(t, `${AUTH}\nregion_name: A,B`)).regions, ['A', 'B']);
});

test('auth_url is formatted with the cloud values, e.g. {region_name}', async (t) => {
  const c = await one(t, 'auth:\n  auth_url: https://identity.{region_name}.example.com/v3\nregion_name: GRA');
  assert.equal(c.auth.authUrl, 'https://identity.GRA.example.com/v3');
});

test('application credential keys select v3applicationcredential without auth_type', async (t) => {
  const c = await one(t, 'auth:\n  auth_url: https://k/v3\n  application_credential_id: id1\n  application_credential_secret: sec');
  assert.equal(c.authType, 'v3applicationcredential');
  assert.deepEqual(c.auth, { authUrl: 'https://k/v3', applicationCredentialId: 'id1', applicationCredentialSecret: 'sec' });
});

test('an explicit auth_type wins, and auth_plugin is its old spelling', async (t) => {
  assert.equal((await one(t, `auth:\n  auth_url: https://k/v3\n  token: tok\nauth_type: v3token`)).authType, 'v3token');
  assert.equal((await one(t, `auth:\n  auth_url: https://k/v3\n  token: tok\nauth_plugin: token`)).authType, 'token');
});

test('an unknown auth type names the supported ones, and other clouds still load', async (t) => {
  const yaml = `clouds:\n  old:\n    auth_type: v2password\n    auth: {auth_url: https://k/v2.0}\n  good:\n    auth: {auth_url: https://k/v3}\n`;
  const result = await loadYaml(t, yaml);
  assert.deepEqual([...result.clouds.keys()], ['good']);
  const [problem] = result.problems;
  assert.equal(problem?.code, 'unknown-auth-type');
  assert.equal(problem?.cloud, 'old');
  assert.equal(problem?.file, join(result.root, 'cwd/clouds.yaml'));
  assert.match(problem?.message ?? '', /^cloud 'old' in .*clouds\.yaml has auth_type 'v2password', which is not supported; use password, v3applicationcredential or v3token$/);
});

test('missing auth_url names the file and the fix, and does not hide other clouds', async (t) => {
  const yaml = `clouds:\n  a:\n    auth: {username: ann}\n  b:\n    auth: {auth_url: https://k/v3}\n`;
  const result = await loadYaml(t, yaml);
  assert.deepEqual([...result.clouds.keys()], ['b']);
  assert.equal(result.problems[0]?.code, 'missing-auth-url');
  assert.equal(
    result.problems[0]?.message,
    `cloud 'a' in ${join(result.root, 'cwd/clouds.yaml')} has no auth.auth_url; add auth: { auth_url: https://keystone:5000/v3 } to it`,
  );
});

test('a cloud relying on a vendor profile is told to copy auth_url from it', async (t) => {
  const result = await loadYaml(t, cloudsYaml('c', 'profile: vexxhost\nauth: {username: ann}'));
  assert.match(result.problems[0]?.message ?? '', /its profile 'vexxhost' is not expanded here/);
});

test('a cloud that is not a mapping is a problem for that cloud only', async (t) => {
  const result = await loadYaml(t, `clouds:\n  broken: just-a-string\n  ok:\n    auth: {auth_url: https://k/v3}\n`);
  assert.deepEqual([...result.clouds.keys()], ['ok']);
  assert.equal(result.problems[0]?.code, 'bad-cloud');
});

test('top-level auth keys move into auth; top-level project_name beats auth.project_name', async (t) => {
  const c = await one(t, 'auth_url: https://k/v3\nusername: top\nauth:\n  username: inner\n  project_name: inner\nproject_name: top');
  assert.equal(c.auth.authUrl, 'https://k/v3');
  assert.equal(c.auth.username, 'inner', 'plugin options in auth beat the top level');
  assert.equal(c.auth.projectName, 'top');
});

test('tenant_name and tenant_id are read as project_name and project_id', async (t) => {
  const c = await one(t, 'auth:\n  auth_url: https://k/v3\n  tenant_name: t\n  tenant-id: tid');
  assert.equal(c.auth.projectName, 't');
  assert.equal(c.auth.projectId, 'tid');
});

test('with a project, domain_name is shorthand for user and project domain', async (t) => {
  const c = await one(t, 'auth:\n  auth_url: https://k/v3\n  project_name: p\n  domain_name: Dom\n  user_domain_name: UserDom');
  assert.equal(c.auth.userDomainName, 'UserDom', 'an explicit user domain is kept');
  assert.equal(c.auth.projectDomainName, 'Dom');
  assert.equal(c.auth.domainName, undefined);
});

test('without a project, domain_id scopes to the domain', async (t) => {
  const c = await one(t, 'auth:\n  auth_url: https://k/v3\n  username: ann\ndomain_id: d1');
  assert.equal(c.auth.domainId, 'd1');
  assert.equal(c.auth.userDomainId, undefined);
});

test('default_domain_id fills user and project domain ids that are not given', async (t) => {
  const c = await one(t, 'auth:\n  auth_url: https://k/v3\n  project_name: p\n  project_domain_name: PD\n  default_domain_id: default');
  assert.equal(c.auth.userDomainId, 'default');
  assert.equal(c.auth.projectDomainId, undefined, 'project domain is already given by name');
  assert.equal(c.auth.projectDomainName, 'PD');
});

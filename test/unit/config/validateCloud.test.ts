import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudFromEnvVars, validateCloud } from '../../../src/openstack/config';
import { normaliseCloud } from '../../../src/openstack/config/normaliseCloud';

const fromFile = (auth: Record<string, string>, extra: Record<string, string> = {}) =>
  normaliseCloud('c', { auth, ...extra }, { source: '/cfg/clouds.yaml', homeDir: '/h' });

const codesAndMessages = (errors: ReturnType<typeof validateCloud>) => errors.map((e) => `${e.code}: ${e.message}`);

test('a complete password cloud has no problems', () => {
  assert.deepEqual(validateCloud(fromFile({ auth_url: 'https://k/v3', username: 'ann', password: 'pw' })), []);
});

test('password auth without a password points at secure.yaml', () => {
  const [problem, ...rest] = validateCloud(fromFile({ auth_url: 'https://k/v3', username: 'ann' }));
  assert.deepEqual(rest, []);
  assert.equal(problem?.file, '/cfg/clouds.yaml');
  assert.equal(
    problem?.message,
    "cloud 'c' in /cfg/clouds.yaml uses password auth but has no auth.password; add auth: { password: <password> } to it or to secure.yaml beside it",
  );
});

test('password auth needs a username or a user_id', () => {
  assert.match(codesAndMessages(validateCloud(fromFile({ auth_url: 'https://k/v3', password: 'pw' })))[0] ?? '', /no auth\.username or auth\.user_id/);
  assert.deepEqual(validateCloud(fromFile({ auth_url: 'https://k/v3', user_id: 'u1', password: 'pw' })), []);
});

test('missing auth_url is reported together with missing credentials', () => {
  const codes = validateCloud(fromFile({ username: 'ann' })).map((e) => e.code);
  assert.deepEqual(codes, ['missing-auth-url', 'missing-credential']);
});

test('an application credential needs an id, or a name with a user, and a secret', () => {
  const noId = fromFile({ auth_url: 'https://k/v3', application_credential_secret: 's' });
  assert.match(codesAndMessages(validateCloud(noId))[0] ?? '', /no auth\.application_credential_id \(or application_credential_name with username\)/);
  const byName = fromFile({ auth_url: 'https://k/v3', application_credential_name: 'ci', username: 'ann', application_credential_secret: 's' }, { auth_type: 'v3applicationcredential' });
  assert.deepEqual(validateCloud(byName), []);
  const noSecret = fromFile({ auth_url: 'https://k/v3', application_credential_id: 'id1' });
  assert.match(codesAndMessages(validateCloud(noSecret))[0] ?? '', /no auth\.application_credential_secret/);
});

test('token auth needs a token; the fix is phrased for env clouds', () => {
  const c = cloudFromEnvVars({ OS_AUTH_URL: 'https://k/v3', OS_AUTH_TYPE: 'v3token' }, { homeDir: '/h' });
  const [problem] = validateCloud(c);
  assert.equal(problem?.file, undefined);
  assert.equal(problem?.message, "cloud 'envvars' from OS_* environment variables uses v3token auth but has no auth.token; set OS_TOKEN=<token>");
});

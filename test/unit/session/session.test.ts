// What the dev cloud cannot do on demand: a token revoked mid-session, a token about to expire, and Keystone
// answering 503.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { OpenStackError } from '../../../src/openstack/errors';
import { HttpClient, type Exchange } from '../../../src/openstack/http';
import { Session } from '../../../src/openstack/session';

const KEYSTONE = 'http://keystone.test:5000';
const NEUTRON = 'http://neutron.test:9696';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A token response as Keystone sends it, living LIFETIME_S seconds. */
function tokenReply(value: string, lifetimeS: number) {
  const issued = Date.now();
  const body = {
    token: {
      issued_at: new Date(issued).toISOString(),
      expires_at: new Date(issued + lifetimeS * 1000).toISOString(),
      user: { id: 'u1', name: 'demo' },
      project: { id: 'p1', name: 'demo' },
      roles: [{ id: 'r1', name: 'member' }],
      catalog: [{ type: 'network', name: 'neutron', endpoints: [{ interface: 'public', region_id: 'RegionOne', url: NEUTRON }] }],
    },
  };
  return { statusCode: 201, data: body, responseOptions: { headers: { ...JSON_HEADERS, 'x-subject-token': value } } };
}

describe('Session token renewal', () => {
  let mock: MockAgent;
  let log: Exchange[];
  let session: Session;
  const keystone = () => mock.get(KEYSTONE);
  const neutron = () => mock.get(NEUTRON);
  const tokenPosts = () => log.filter((e) => e.method === 'POST').length;
  const issues = (value: string, lifetimeS = 3600) => {
    const { statusCode, data, responseOptions } = tokenReply(value, lifetimeS);
    keystone().intercept({ path: '/v3/auth/tokens', method: 'POST' }).reply(statusCode, data, responseOptions);
  };
  const networks = (token: string, status = 200) =>
    neutron().intercept({ path: '/v2.0/networks', method: 'GET', headers: { 'x-auth-token': token } })
      .reply(status, status === 200 ? { networks: [] } : { error: { message: 'The request you have made requires authentication.' } }, { headers: JSON_HEADERS });

  beforeEach(() => {
    mock = new MockAgent();
    mock.disableNetConnect();
    log = [];
    const http = new HttpClient({ dispatcher: mock, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, onExchange: (e) => log.push(e) });
    session = new Session({ auth: { authType: 'password', auth_url: `${KEYSTONE}/v3`, username: 'demo', user_domain_name: 'Default', password: 'x', project_name: 'demo', project_domain_name: 'Default' }, http });
  });
  afterEach(() => mock.close());

  it('re-authenticates once after a 401 and retries the request with the new token', async () => {
    issues('token-a');
    networks('token-a');
    networks('token-a', 401);
    issues('token-b');
    networks('token-b');
    await session.request('network', '/networks');
    await session.request('network', '/networks');
    assert.equal(tokenPosts(), 2);
    assert.equal(await session.token(), 'token-b');
    assert.deepEqual(log.map((e) => [e.method, e.status]), [['POST', 201], ['GET', 200], ['GET', 401], ['POST', 201], ['GET', 200]]);
    mock.assertNoPendingInterceptors();
  });

  it('gives up when the new token is refused too', async () => {
    issues('token-a');
    networks('token-a', 401);
    issues('token-b');
    networks('token-b', 401);
    const error = await session.request('network', '/networks').then(() => assert.fail('expected a rejection'), (err: unknown) => err);
    assert.ok(error instanceof OpenStackError);
    assert.equal(error.status, 401);
    assert.equal(tokenPosts(), 2);
  });

  it('renews a token with less than 120 s left before using it', async () => {
    issues('short', 100);
    networks('short');
    issues('long');
    networks('long');
    networks('long');
    await session.request('network', '/networks');
    await session.request('network', '/networks');
    await session.request('network', '/networks');
    assert.equal(tokenPosts(), 2);
    mock.assertNoPendingInterceptors();
  });

  it('does not retry a token request that Keystone answers with 503', async () => {
    keystone().intercept({ path: '/v3/auth/tokens', method: 'POST' }).reply(503, 'Service Unavailable');
    issues('never-used');
    const error = await session.token().then(() => assert.fail('expected a rejection'), (err: unknown) => err);
    assert.ok(error instanceof OpenStackError);
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 503);
    assert.equal(error.service, 'Keystone');
    assert.equal(tokenPosts(), 1);
    assert.equal(mock.pendingInterceptors().length, 1);
    // The failure is not cached: the next call asks again.
    assert.equal(await session.token(), 'never-used');
  });
});

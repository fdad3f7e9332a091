import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MockAgent, errors } from 'undici';
import { OpenStackError } from '../../../src/openstack/errors';
import { HttpClient, type Exchange } from '../../../src/openstack/http';
import { closedPort, listen, realClient, type LocalServer } from './helpers';

const NOVA = 'http://nova.test:8774';
const JSON_HEADERS = { 'content-type': 'application/json' };

async function rejection(promise: Promise<unknown>): Promise<OpenStackError> {
  const error = await promise.then(() => assert.fail('expected a rejection'), (err: unknown) => err);
  assert.ok(error instanceof OpenStackError, `not an OpenStackError: ${String(error)}`);
  return error;
}

describe('HttpClient over MockAgent', () => {
  let mock: MockAgent;
  let log: Exchange[];
  let client: HttpClient;
  const pool = () => mock.get(NOVA);

  beforeEach(() => {
    mock = new MockAgent();
    mock.disableNetConnect();
    log = [];
    client = new HttpClient({ dispatcher: mock, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 2000 }, onExchange: (e) => log.push(e) });
  });
  afterEach(() => mock.close());

  it('retries a GET after 503 and logs both attempts', async () => {
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).reply(503, 'Service Unavailable');
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).reply(200, { servers: [] }, { headers: { ...JSON_HEADERS, 'x-openstack-request-id': 'req-2' } });
    const res = await client.request({ method: 'GET', url: `${NOVA}/v2.1/servers` });
    assert.deepEqual(await res.json(), { servers: [] });
    assert.equal(res.requestId, 'req-2');
    assert.deepEqual(log.map((e) => [e.attempt, e.status]), [[1, 503], [2, 200]]);
    assert.ok(log.every((e) => e.method === 'GET' && e.url === `${NOVA}/v2.1/servers` && e.ms >= 0));
  });

  it('gives up after the configured attempts with the last fault', async () => {
    for (let i = 0; i < 3; i++) pool().intercept({ path: '/v2.1/flavors', method: 'GET' }).reply(502, 'Bad Gateway');
    const error = await rejection(client.request({ method: 'GET', url: `${NOVA}/v2.1/flavors`, service: 'Nova' }));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 502);
    assert.equal(log.length, 3);
    assert.equal(log[2].error, error.message);
  });

  it('never retries a POST on 503', async () => {
    pool().intercept({ path: '/v2.1/servers', method: 'POST' }).reply(503, '');
    pool().intercept({ path: '/v2.1/servers', method: 'POST' }).reply(202, {});
    const error = await rejection(client.request({ method: 'POST', url: `${NOVA}/v2.1/servers`, json: { server: {} } }));
    assert.equal(error.status, 503);
    assert.equal(error.serviceMessage, 'Service Unavailable');
    assert.equal(log.length, 1);
    assert.equal(mock.pendingInterceptors().length, 1);
  });

  it('retries a POST marked retryable, and no GET marked not retryable', async () => {
    pool().intercept({ path: '/v2.1/servers/1/action', method: 'POST' }).reply(503, '');
    pool().intercept({ path: '/v2.1/servers/1/action', method: 'POST' }).reply(202, '');
    const res = await client.request({ method: 'POST', url: `${NOVA}/v2.1/servers/1/action`, json: { reboot: { type: 'SOFT' } }, retryable: true });
    assert.equal(res.status, 202);
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).reply(503, '');
    await rejection(client.request({ method: 'GET', url: `${NOVA}/v2.1/servers`, retryable: false }));
  });

  it('never retries a streamed body', async () => {
    pool().intercept({ path: '/v2/images/1/file', method: 'PUT' }).reply(503, '');
    pool().intercept({ path: '/v2/images/1/file', method: 'PUT' }).reply(204, '');
    const body = Readable.from([Buffer.from('image bytes')]);
    await rejection(client.request({ method: 'PUT', url: `${NOVA}/v2/images/1/file`, body, retryable: true }));
    assert.equal(mock.pendingInterceptors().length, 1);
  });

  it('waits Retry-After seconds on 429, for any method', async () => {
    pool().intercept({ path: '/v2.1/servers', method: 'POST' }).reply(429, '{"overLimit": {"code": 429, "message": "Rate limited"}}', { headers: { 'retry-after': '1' } });
    pool().intercept({ path: '/v2.1/servers', method: 'POST' }).reply(202, { server: { id: 's1' } }, { headers: JSON_HEADERS });
    const started = Date.now();
    const res = await client.request({ method: 'POST', url: `${NOVA}/v2.1/servers`, json: {} });
    assert.ok(Date.now() - started >= 950, `waited only ${Date.now() - started}ms`);
    assert.deepEqual(await res.json(), { server: { id: 's1' } });
    assert.deepEqual(log.map((e) => e.status), [429, 202]);
  });

  it('waits until a Retry-After date on 503', async () => {
    const at = new Date(Date.now() + 2000).toUTCString(); // whole seconds: 1 to 2 s from now
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).reply(503, '', { headers: { 'retry-after': at } });
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).reply(200, { servers: [] }, { headers: JSON_HEADERS });
    const started = Date.now();
    await client.request({ method: 'GET', url: `${NOVA}/v2.1/servers` });
    assert.ok(Date.now() - started >= 900, `waited only ${Date.now() - started}ms`);
  });

  it('retries a GET whose connection dropped, but not a POST', async () => {
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).replyWithError(new errors.SocketError('other side closed'));
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).reply(200, { servers: [] }, { headers: JSON_HEADERS });
    const res = await client.request({ method: 'GET', url: `${NOVA}/v2.1/servers` });
    assert.equal(res.status, 200);
    assert.equal(log[0].status, undefined);
    assert.match(log[0].error ?? '', /closed unexpectedly \(UND_ERR_SOCKET\)/);

    pool().intercept({ path: '/v2.1/servers', method: 'POST' }).replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    const error = await rejection(client.request({ method: 'POST', url: `${NOVA}/v2.1/servers`, json: {} }));
    assert.equal(error.kind, 'network');
  });

  it('stops a backoff sleep when aborted', async () => {
    client = new HttpClient({ dispatcher: mock, retry: { attempts: 3, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    pool().intercept({ path: '/v2.1/servers', method: 'GET' }).reply(503, '');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(client.request({ method: 'GET', url: `${NOVA}/v2.1/servers`, signal: controller.signal }));
    assert.equal(error.kind, 'aborted');
    assert.ok(Date.now() - started < 2000);
  });

  it('turns a nova fault into an error with the request id, fault type and service', async () => {
    pool().intercept({ path: '/v2.1/servers', method: 'POST' }).reply(409,
      '{"conflictingRequest": {"code": 409, "message": "Multiple possible networks found, use a Network ID to be more specific."}}',
      { headers: { ...JSON_HEADERS, 'x-compute-request-id': 'req-5d1c3a8e-0b7f-4c2e-9a61-3f8d2e4b7c90' } });
    const error = await rejection(client.request({ method: 'POST', url: `${NOVA}/v2.1/servers`, json: { server: { name: 'vm' } }, service: 'Nova' }));
    assert.equal(error.message, `Nova: Multiple possible networks found, use a Network ID to be more specific. (HTTP 409, POST ${NOVA}/v2.1/servers, request req-5d1c3a8e-0b7f-4c2e-9a61-3f8d2e4b7c90)`);
    assert.equal(error.faultType, 'conflictingRequest');
    assert.equal(error.requestId, 'req-5d1c3a8e-0b7f-4c2e-9a61-3f8d2e4b7c90');
    assert.equal(log[0].requestId, 'req-5d1c3a8e-0b7f-4c2e-9a61-3f8d2e4b7c90');
  });

  it('prefers x-openstack-request-id over x-compute-request-id', async () => {
    pool().intercept({ path: '/v2.1', method: 'GET' }).reply(200, '{}', { headers: { 'x-compute-request-id': 'req-c', 'x-openstack-request-id': 'req-o' } });
    assert.equal((await client.request({ method: 'GET', url: `${NOVA}/v2.1` })).requestId, 'req-o');
  });

  it('keeps tokens out of errors and the exchange log', async () => {
    const token = 'gAAAAABnX1aQ-secret-fernet-token-0123456789';
    const keystone = mock.get('http://keystone.test:5000');
    keystone.intercept({ path: '/v3/auth/tokens?nocatalog=1&token=query-secret', method: 'GET' }).reply(404,
      `{"error": {"code": 404, "message": "Could not find token: ${token}.", "title": "Not Found"}}`, { headers: JSON_HEADERS });
    const error = await rejection(client.request({
      method: 'GET', url: 'http://keystone.test:5000/v3/auth/tokens?nocatalog=1&token=query-secret',
      headers: { 'X-Auth-Token': token, 'X-Subject-Token': token }, service: 'Keystone',
    }));
    assert.equal(error.serviceMessage, 'Could not find token: ***.');
    for (const text of [error.message, error.url, JSON.stringify(log)]) {
      assert.ok(!text.includes(token) && !text.includes('query-secret'), text);
    }
    assert.match(error.message, /token=\*\*\*/);
  });

  it('sends JSON with default headers and gives an empty body for 204', async () => {
    pool().intercept({
      path: '/v2.1/servers/1', method: 'PUT', body: '{"server":{"name":"b"}}',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'openstack-explorer' },
    }).reply(204, '');
    const res = await client.request({ method: 'PUT', url: `${NOVA}/v2.1/servers/1`, json: { server: { name: 'b' } } });
    assert.equal(await res.text(), '');
    assert.equal(await res.json(), undefined);
  });

  it('accepts the statuses the caller expects, and only those', async () => {
    pool().intercept({ path: '/v2.1/servers/gone', method: 'DELETE' }).reply(404, '{"itemNotFound": {"code": 404, "message": "gone"}}');
    const res = await client.request({ method: 'DELETE', url: `${NOVA}/v2.1/servers/gone`, expectStatus: [204, 404] });
    assert.equal(res.status, 404);
    pool().intercept({ path: '/v2.1/servers', method: 'POST' }).reply(200, '{}');
    const error = await rejection(client.request({ method: 'POST', url: `${NOVA}/v2.1/servers`, expectStatus: [202] }));
    assert.equal(error.status, 200);
  });

  it('reports a body that is not JSON', async () => {
    pool().intercept({ path: '/', method: 'GET' }).reply(200, '<html>proxy login</html>');
    const res = await client.request({ method: 'GET', url: `${NOVA}/` });
    const error = await rejection(res.json());
    assert.equal(error.kind, 'http');
    assert.match(error.message, /not valid JSON/);
  });

  it('rejects an invalid URL as a configuration error', async () => {
    const error = await rejection(client.request({ method: 'GET', url: 'ctrl:8774/v2.1' }));
    assert.equal(error.kind, 'config');
  });
});

describe('HttpClient over real sockets', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the path as written: dot segments kept (Swift names them), only spaces and non-ASCII encoded', async () => {
    const seen: string[] = [];
    server = await listen((req, res) => {
      seen.push(req.url ?? '');
      res.end();
    });
    const { client, close } = realClient();
    try {
      await client.request({ method: 'GET', url: `${server.url}/v1/AUTH_p/c/a/../b` });
      await client.request({ method: 'GET', url: `${server.url}/v1/AUTH_p/c/%2e%2e/./x y/é?format=json#top` });
      assert.deepEqual(seen, ['/v1/AUTH_p/c/a/../b', '/v1/AUTH_p/c/%2e%2e/./x%20y/%C3%A9?format=json']);
    } finally {
      await close();
    }
  });

  it('maps slow headers to a timeout that names api_timeout', async () => {
    server = await listen((_req, res) => {
      setTimeout(() => res.end('late'), 3000).unref();
    });
    const { client, log, close } = realClient();
    try {
      const error = await rejection(client.request({ method: 'GET', url: `${server.url}/v3`, timeoutMs: 300, service: 'Keystone' }));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /^Keystone: No response from 127\.0\.0\.1:\d+ after \d+\.\ds \(headers timeout\); .*`api_timeout`/);
      assert.equal(log.length, 1, 'a timeout is not retried');
    } finally {
      await close();
    }
  });

  it('maps a stalled body to a body timeout', async () => {
    server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"servers": [');
    });
    const { client, close } = realClient({ bodyTimeoutMs: 300 });
    try {
      const error = await rejection(client.request({ method: 'GET', url: `${server.url}/servers` }));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /\(body timeout\)/);
    } finally {
      await close();
    }
  });

  it('aborts the request itself when the signal fires', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    server = await listen((req) => req.socket.on('close', closed));
    const { client, close } = realClient();
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await rejection(client.request({ method: 'GET', url: `${server.url}/slow`, signal: controller.signal }));
      assert.equal(error.kind, 'aborted');
      await serverSawClose;
    } finally {
      await close();
    }
  });

  it('names host:port and the fix when the connection is refused', async () => {
    const port = await closedPort();
    const { client, log, close } = realClient();
    try {
      const error = await rejection(client.request({ method: 'GET', url: `http://127.0.0.1:${port}/v2.1`, service: 'Nova' }));
      assert.equal(error.kind, 'network');
      assert.match(error.message, new RegExp(`Connection refused by 127\\.0\\.0\\.1:${port}: is the service running\\? Check the catalog URL\\.`));
      assert.equal(log.length, 1);
    } finally {
      await close();
    }
  });

  it('names the host when DNS fails', async () => {
    const { client, close } = realClient();
    try {
      const error = await rejection(client.request({ method: 'GET', url: 'http://no-such-controller.invalid:5000/v3' }));
      assert.equal(error.kind, 'network');
      assert.match(error.message, /Cannot resolve no-such-controller\.invalid/);
    } finally {
      await close();
    }
  });
});

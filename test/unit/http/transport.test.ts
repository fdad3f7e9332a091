import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { Agent } from 'undici';
import { OpenStackError } from '../../../src/openstack/errors';
import { HttpClient } from '../../../src/openstack/http';
import { createDispatcher, openSocket } from '../../../src/openstack/transport';
import { closedPort, listen, realClient, selfSignedCertificate, TIMEOUTS, tunnelProxy, type LocalServer } from './helpers';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof listen>[0]): Promise<LocalServer> {
  const local = await listen(handler);
  servers.push(local);
  return local;
}

/** An HTTPS server on 127.0.0.1 with a certificate made here that no CA signed. */
async function serveSelfSignedTls(): Promise<{ url: string }> {
  const server = createHttpsServer(await selfSignedCertificate(), (_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => { server.closeAllConnections(); return new Promise((resolve) => server.close(() => resolve())); } });
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function getStatus(dispatcher: ReturnType<typeof createDispatcher>, url: string): Promise<number> {
  try {
    return (await new HttpClient({ dispatcher, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }).request({ method: 'GET', url })).status;
  } finally {
    await dispatcher.close();
  }
}

describe('createDispatcher', () => {
  it('reports a missing CA file as a config error naming the file and the option', () => {
    assert.throws(() => createDispatcher({ verify: true, caFile: '/nonexistent/devstack-ca.pem', ...TIMEOUTS }), (err: unknown) => {
      assert.ok(err instanceof OpenStackError);
      assert.equal(err.kind, 'config');
      assert.equal(err.message, 'The CA file /nonexistent/devstack-ca.pem does not exist: point `cacert` in clouds.yaml at a readable PEM file.');
      return true;
    });
  });

  it('ignores the CA file when verification is off, and accepts a self-signed server', async () => {
    const target = await serveSelfSignedTls();
    const dispatcher = createDispatcher({ verify: false, caFile: '/nonexistent/devstack-ca.pem', ...TIMEOUTS, env: {} });
    assert.equal(await getStatus(dispatcher, `${target.url}/v3`), 200);
  });

  it('bypasses the proxy for NO_PROXY hosts and always for loopback', async () => {
    const target = await serve((_req, res) => res.end('{}'));
    const deadProxy = `http://127.0.0.1:${await closedPort()}`;
    const env = { HTTPS_PROXY: deadProxy, HTTP_PROXY: deadProxy, NO_PROXY: '127.0.0.1' };
    assert.equal(await getStatus(createDispatcher({ verify: true, ...TIMEOUTS, env }), `${target.url}/v3`), 200);
    const localhost = createDispatcher({ verify: true, ...TIMEOUTS, env: { http_proxy: deadProxy } });
    assert.equal(await getStatus(localhost, `http://localhost:${target.port}/v3`), 200);
  });

  it('sends other hosts through the proxy from the environment or the options', async () => {
    const target = await serve((_req, res) => res.end('{}'));
    const proxy = await tunnelProxy(target.port, servers);
    assert.equal(await getStatus(createDispatcher({ verify: true, ...TIMEOUTS, env: { http_proxy: proxy.url } }), 'http://cloud.test:5000/v3'), 200);
    assert.equal(await getStatus(createDispatcher({ verify: true, ...TIMEOUTS, env: {}, proxy: proxy.url }), 'http://cloud.test:8774/v2.1'), 200);
    assert.deepEqual(proxy.connects, ['cloud.test:5000', 'cloud.test:8774']);
  });

  it('honours no_proxy from the environment for a named host', async () => {
    const target = await serve((_req, res) => res.end('{}'));
    const proxy = await tunnelProxy(target.port, servers);
    const dispatcher = createDispatcher({ verify: true, ...TIMEOUTS, env: { HTTP_PROXY: proxy.url, no_proxy: '.test' } });
    // Bypassing the proxy means resolving cloud.test ourselves, which fails: the proxy never hears of it.
    await assert.rejects(getStatus(dispatcher, 'http://cloud.test:5000/v3'), (err: OpenStackError) => err.kind === 'network');
    assert.deepEqual(proxy.connects, []);
  });
});

describe('an https proxy (VS Code http.proxyStrictSSL)', () => {
  it("verifies the proxy's certificate by default and not when proxyStrictSSL is false, for requests and sockets", async () => {
    const target = await serve((_req, res) => res.end('{}'));
    const proxy = await tunnelProxy(target.port, servers, await selfSignedCertificate());
    await assert.rejects(getStatus(createDispatcher({ verify: true, ...TIMEOUTS, env: {}, proxy: proxy.url }), 'http://cloud.test:5000/v3'),
      (err: OpenStackError) => err.kind === 'network');
    await assert.rejects(openSocket(new URL('ws://console.test:6083/'), { verify: true, ...TIMEOUTS, env: {}, proxy: proxy.url }), /self-signed certificate/);
    assert.deepEqual(proxy.connects, []);
    const lax = { verify: true, ...TIMEOUTS, env: {}, proxy: proxy.url, proxyStrictSSL: false };
    assert.equal(await getStatus(createDispatcher(lax), 'http://cloud.test:5000/v3'), 200);
    (await openSocket(new URL('ws://console.test:6083/'), lax)).destroy();
    assert.deepEqual(proxy.connects, ['cloud.test:5000', 'console.test:6083']);
  });
});

describe('connection reuse', () => {
  const twentyGets = async (url: string) => {
    const { client, log, close } = realClient();
    try {
      for (let i = 0; i < 20; i++) assert.deepEqual(await (await client.request({ method: 'GET', url: `${url}/v2.1/servers/${i}` })).json(), { id: i });
    } finally {
      await close();
    }
    return log;
  };
  const reply = (url = '') => JSON.stringify({ id: Number(url.split('/').pop()) });

  it('copes with a server that closes the connection after every response (uwsgi)', async () => {
    const server = await serve((req, res) => res.writeHead(200, { connection: 'close' }).end(reply(req.url)));
    const log = await twentyGets(server.url);
    assert.equal(server.sockets.length, 20);
    assert.ok(log.every((e) => e.attempt === 1 && e.status === 200));
  });

  it('reuses one connection with a keep-alive server', async () => {
    const server = await serve((req, res) => res.end(reply(req.url)));
    const log = await twentyGets(server.url);
    // undici's pool may keep a second socket warm, but no more for sequential requests.
    assert.ok(server.sockets.length <= 2, `${server.sockets.length} connections`);
    assert.ok(log.every((e) => e.attempt === 1 && e.status === 200));
  });

  it('retries a GET whose pooled connection the server dropped, not a POST', async () => {
    // Keeps alive, then drops each connection at its second request: a stale pooled socket, every time.
    const served = new WeakSet<object>();
    const server = await serve((req, res) => {
      if (served.has(req.socket)) return req.socket.destroy();
      served.add(req.socket);
      res.end(reply(req.url));
    });
    const log = await twentyGets(server.url);
    assert.ok(log.some((e) => e.attempt === 2), 'the server did drop reused connections');
    assert.equal(log.filter((e) => e.status === 200).length, 20);

    // One connection, so the POST surely goes over the socket the GET used.
    const dispatcher = new Agent({ connections: 1 });
    try {
      const client = new HttpClient({ dispatcher });
      await client.request({ method: 'GET', url: `${server.url}/v2.1/servers/1` });
      const error = await client.request({ method: 'POST', url: `${server.url}/v2.1/servers`, json: {} }).catch((err: unknown) => err);
      assert.ok(error instanceof OpenStackError && error.kind === 'network', String(error));
    } finally {
      await dispatcher.close();
    }
  });
});

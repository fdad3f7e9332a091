// The dev cloud behind TLS: Keystone, Nova and the serial console's proxy each reached through a TLS terminator on
// 127.0.0.1 whose certificate is signed by a CA made here. A real handshake every time: without `cacert` the
// error names it, with `cacert` everything works (the serial console's WebSocket too), and with `verify: false`
// it works and says in the log that nothing is checked.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SerialBridge, type SerialClose } from '../../src/features/console/model/serialBridge';
import type { TransportOptions } from '../../src/openstack/transport';
import { ensureDevcloud } from '../support/devcloud';
import { authSpec, connect, fakeHostServer, rejection, runTag, until, type Connected } from './helpers';

const run = promisify(execFile);
const tag = `${runTag}-tls`;
const cleanup: (() => Promise<unknown>)[] = [];
let dir = '';
let caFile = '';
/** Keystone's, Nova's and nova-serialproxy's terminators. */
let keystone = '';
let nova = '';
let serialPort = 0;
let serverId = '';

interface Terminator { port: number; close(): Promise<void> }

/** Ends TLS on 127.0.0.1 and passes the bytes on to TARGET's port in the clear. */
async function terminator(target: URL, key: Buffer, cert: Buffer): Promise<Terminator> {
  const sockets = new Set<Socket>();
  const server = createTlsServer({ key, cert }, (socket) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('error', () => { socket.destroy(); upstream.destroy(); });
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A CA and a certificate for 127.0.0.1 signed by it, made with openssl. */
async function makeCertificates(): Promise<{ key: Buffer; cert: Buffer }> {
  const at = (name: string) => join(dir, name);
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '1', '-subj', `/CN=${tag} CA`]);
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=127.0.0.1']);
  await writeFile(at('san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  await run('openssl', ['x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial',
    '-out', at('server.pem'), '-days', '1', '-extfile', at('san.cnf')]);
  caFile = at('ca.pem');
  return { key: await readFile(at('server.key')), cert: await readFile(at('server.pem')) };
}

/** The dev cloud's demo user with Keystone and Nova reached only through the terminators. */
function viaTls(transport: Partial<TransportOptions>, warnings: string[] = []): Connected {
  const conn = connect('devcloud', {
    auth: authSpec('devcloud', { auth_url: `${keystone}/v3` }),
    endpointOverrides: { compute: `${nova}/v2.1` },
    transport: { verify: true, env: {}, connectTimeoutMs: 5000, headersTimeoutMs: 60_000, bodyTimeoutMs: 60_000, ...transport },
    onWarning: (text) => warnings.push(text),
  });
  cleanup.push(() => conn.close());
  return conn;
}

/** The serial console URL nova hands out, pointed at the terminator in front of nova-serialproxy. */
async function serialUrl(conn: Connected): Promise<string> {
  const { url } = await conn.client.compute.remoteConsole(serverId, 'serial');
  const wss = new URL(url);
  wss.protocol = 'wss:';
  wss.port = String(serialPort);
  return wss.toString();
}

before(async () => {
  await ensureDevcloud();
  dir = await mkdtemp(join(tmpdir(), `${tag}-`));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const { key, cert } = await makeCertificates();
  const plain = connect('devcloud');
  cleanup.push(() => plain.close());
  const novaUrl = new URL(await plain.client.session.endpoint('compute'));
  const server = await fakeHostServer(plain.client, `${tag}-vm`);
  serverId = server.id;
  cleanup.push(server.undo);
  const serialProxy = new URL((await plain.client.compute.remoteConsole(serverId, 'serial')).url);
  const terminators = await Promise.all([
    terminator(new URL(authSpec('devcloud').auth_url), key, cert), terminator(novaUrl, key, cert), terminator(serialProxy, key, cert),
  ]);
  for (const t of terminators) cleanup.push(() => t.close());
  keystone = `https://127.0.0.1:${terminators[0].port}`;
  nova = `https://127.0.0.1:${terminators[1].port}`;
  serialPort = terminators[2].port;
});

after(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo().catch((err: unknown) => console.error('cleanup:', err));
});

describe('a cloud behind TLS with its own CA', () => {
  it('by default refuses the certificate with an error that names `cacert`, for Keystone and for the serial console', async () => {
    const conn = viaTls({});
    const error = await rejection(conn.client.session.token());
    assert.equal(error.kind, 'network');
    assert.match(error.message, /^Keystone: TLS verification of 127\.0\.0\.1:\d+ failed \([A-Z_]+\): set `cacert` for this cloud/);
    const serial = await rejection(conn.client.openSocket(`wss://127.0.0.1:${serialPort}/?token=x`));
    assert.match(serial.message, /^TLS verification of 127\.0\.0\.1:\d+ failed \(.+\): set `cacert` for this cloud/);
  });

  it('with `cacert` signs in, lists through Nova and logs in on the serial console over wss', async () => {
    const warnings: string[] = [];
    const conn = viaTls({ caFile }, warnings);
    const flavors = await conn.client.compute.flavors().toArray();
    assert.ok(flavors.some((f) => f.name === 'm1.tiny'));
    assert.ok(conn.log.some((e) => e.url.startsWith(`${keystone}/v3/auth/tokens`) && e.status === 201));
    assert.ok(conn.log.some((e) => e.url.startsWith(`${nova}/v2.1/flavors`) && e.status === 200));
    assert.deepEqual(warnings, []);

    let screen = '';
    let closed: SerialClose | undefined;
    const bridge = new SerialBridge(await serialUrl(conn), (url) => conn.client.openSocket(url), { onData: (text) => { screen += text; }, onClose: (c) => { closed = c; } });
    await bridge.open();
    try {
      bridge.send('\r');
      await until('the login prompt over wss', () => Promise.resolve(/login: $/.test(screen)), 15_000, 100);
    } finally {
      bridge.close();
    }
    await until('the close', () => Promise.resolve(closed !== undefined), 5000, 50);
    assert.equal(closed?.byUs, true);
  });

  it('with `verify: false` works and warns in the log that the certificate is not checked', async () => {
    const warnings: string[] = [];
    const conn = viaTls({ verify: false, caFile: '/nonexistent/ca.pem' }, warnings);
    assert.ok((await conn.client.compute.flavors().toArray()).length > 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^TLS verification is off \(verify: false or insecure\).*Set `cacert`/);
  });
});

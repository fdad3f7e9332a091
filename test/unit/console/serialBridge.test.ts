// The serial console bridge against a stand-in of nova-serialproxy on 127.0.0.1 (a `ws` server that behaves as
// websockify does: `binary` subprotocol, binary frames only, and on a bad token it upgrades, then drops the TCP
// connection without a close frame).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { describeSerialClose, SerialBridge, type SerialClose } from '../../../src/features/console/model/serialBridge';
import { connectionError } from '../../../src/openstack/http';
import { openSocket, type TransportOptions } from '../../../src/openstack/transport';
import { tunnelProxy } from '../http/helpers';

/** The socket as the cloud's client opens it (OpenStackClient.openSocket) with TRANSPORT settings. */
const socketWith = (transport: Partial<TransportOptions>) => (target: string) =>
  openSocket(new URL(target), { verify: true, env: {}, connectTimeoutMs: 2000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000, ...transport })
    .catch((err: unknown) => { throw connectionError(err, target); });
const direct = socketWith({});

let server: WebSocketServer;
let url = '';
const seen: { origin?: string; protocol: string; frames: { binary: boolean; text: string }[] }[] = [];

before(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => (protocols.has('binary') ? 'binary' : false) });
  server.on('connection', (ws: WebSocket, req) => {
    const token = new URL(req.url ?? '/', 'ws://x').searchParams.get('token');
    const record = { origin: req.headers.origin, protocol: ws.protocol, frames: [] as { binary: boolean; text: string }[] };
    seen.push(record);
    if (token !== 'good') { ws.terminate(); return; }   // websockify: after the upgrade, no close frame
    // a UTF-8 character split across two frames, as TCP reads may split it
    const banner = Buffer.from('cirros login: é', 'utf8');
    ws.send(banner.subarray(0, banner.length - 1), { binary: true });
    ws.send(banner.subarray(banner.length - 1), { binary: true });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      record.frames.push({ binary: isBinary, text: data.toString('utf8') });
      if (!isBinary) { ws.close(1003, 'Unsupported: Text frames are not supported'); return; }
      if (data.toString() === 'bye\r') ws.close(1000, 'guest closed the line');
      else ws.send(Buffer.from(`echo:${data.toString()}`), { binary: true });
    });
  });
  await new Promise((r) => server.once('listening', r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

const proxies: { close(): Promise<void> }[] = [];
after(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await new Promise<void>((r) => server.close(() => r()));
});

function connect(token: string, target = url, open = direct) {
  let screen = '';
  let resolveClose!: (c: SerialClose) => void;
  const closed = new Promise<SerialClose>((r) => { resolveClose = r; });
  const bridge = new SerialBridge(`${target}?token=${token}`, open, { onData: (t) => { screen += t; }, onClose: resolveClose });
  return { bridge, closed, screen: () => screen };
}

async function until(what: string, fn: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !fn(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(fn(), what);
}

test('binary frames both ways, subprotocol binary, no Origin header, UTF-8 across frames', async () => {
  const c = connect('good');
  await c.bridge.open();
  await until('banner', () => c.screen() === 'cirros login: é');
  c.bridge.send('cirros\r');
  await until('echo', () => c.screen().endsWith('echo:cirros\r'));
  const rec = seen[seen.length - 1];
  assert.equal(rec.origin, undefined);
  assert.equal(rec.protocol, 'binary');
  assert.deepEqual(rec.frames, [{ binary: true, text: 'cirros\r' }]);
  c.bridge.send('bye\r');
  const close = await c.closed;
  assert.deepEqual({ code: close.code, reason: close.reason, byUs: close.byUs }, { code: 1000, reason: 'guest closed the line', byUs: false });
  assert.ok(close.received > 0);
  assert.match(describeSerialClose(close), /closed \(code 1000: guest closed the line\)/);
  assert.match(describeSerialClose(close, 'SHUTOFF'), /now SHUTOFF \(stopped\)/);
});

test('a refused token: open, then 1006 before any data, explained as token/origin', async () => {
  const c = connect('expired');
  await c.bridge.open();
  const close = await c.closed;
  assert.equal(close.code, 1006);
  assert.equal(close.received, 0);
  assert.match(describeSerialClose(close), /before sending anything: the console token was refused or has expired/);
});

test('closing from our side says so, and the server sees a normal close', async () => {
  const c = connect('good');
  await c.bridge.open();
  await until('banner', () => c.screen().length > 0);
  c.bridge.close();
  const close = await c.closed;
  assert.equal(close.byUs, true);
  assert.equal(describeSerialClose(close), 'Serial console closed.');
});

test('nothing listening: open() rejects', async () => {
  const c = connect('good');
  const dead = new SerialBridge('ws://127.0.0.1:9/?token=x', direct, { onData: () => undefined, onClose: () => undefined });
  await assert.rejects(dead.open(), /Connection refused by 127\.0\.0\.1:9/);
  c.bridge.close();
});

test('goes through the proxy the cloud uses (VS Code http.proxy or the environment), not around it', async () => {
  const port = (server.address() as AddressInfo).port;
  const fromSetting = await tunnelProxy(port, proxies);
  const c = connect('good', `ws://console.test:${port}/`, socketWith({ proxy: fromSetting.url }));
  await c.bridge.open();
  await until('banner through the tunnel', () => c.screen() === 'cirros login: é');
  c.bridge.close();
  await c.closed;
  assert.deepEqual(fromSetting.connects, [`console.test:${port}`]);

  const fromEnv = await tunnelProxy(port, proxies);
  const e = connect('good', `ws://console.test:${port}/`, socketWith({ env: { http_proxy: fromEnv.url, no_proxy: 'other.test' } }));
  await e.bridge.open();
  e.bridge.close();
  await e.closed;
  assert.deepEqual(fromEnv.connects, [`console.test:${port}`]);
});

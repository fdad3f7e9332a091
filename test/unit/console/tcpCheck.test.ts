// The TCP port check on 127.0.0.1 only: an open port, a closed one.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { tcpCheck } from '../../../src/features/console/model/tcpCheck';

test('an open port connects, a closed one is refused', async () => {
  const server = createServer((s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const open = await tcpCheck('127.0.0.1', port, 3000);
  assert.equal(open.ok, true);
  assert.match(open.message, new RegExp(`port ${port} is open`));
  await new Promise<void>((r) => server.close(() => r()));
  const closed = await tcpCheck('127.0.0.1', port, 3000);
  assert.equal(closed.ok, false);
  assert.match(closed.message, /refused.*nothing listens/);
});

test('an aborted check resolves as cancelled', async () => {
  const controller = new AbortController();
  controller.abort();
  assert.deepEqual(await tcpCheck('127.0.0.1', 9, 3000, controller.signal), { target: '127.0.0.1', port: 9, ok: false, ms: 0, message: 'cancelled' });
});

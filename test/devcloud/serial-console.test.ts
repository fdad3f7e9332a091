// The fake compute host's serial console end to end: a server's serial URL from nova, the real
// nova-serialproxy, and the guest stand-in behind it; plus per-instance console log files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { FAKE_AZ, GUEST_IMAGE, devcloudState, ensureDevcloud, openstack } from '../support/devcloud';

const name = `serial${process.pid}`;
let serverId = '';

before(async () => {
  await ensureDevcloud();
  const server = await openstack<{ id: string }>('devcloud', ['--os-compute-api-version', '2.37', 'server', 'create',
    '--flavor', 'm1.tiny', '--image', GUEST_IMAGE, '--availability-zone', FAKE_AZ, '--nic', 'none', '--wait', name, '-f', 'json']);
  serverId = server.id;
});

after(() => openstack('devcloud', ['server', 'delete', '--wait', name]).catch(() => undefined));

test('the console log is read from the instance file that tests append to', async () => {
  const before = await openstack<string>('devcloud', ['console', 'log', 'show', name]);
  assert.match(before, new RegExp(`instance-id: ${serverId}`));
  appendFileSync(join(devcloudState, 'console', `${serverId}.log`), '<b>bold</b> \u001b[31mred\u001b[0m\n');
  const after = await openstack<string>('devcloud', ['console', 'log', 'show', name]);
  // nova itself drops control characters such as ESC from console output
  assert.match(after, /<b>bold<\/b> \[31mred\[0m$/m);
  assert.ok(!after.includes('\u001b'), 'ESC reached the console log');
});

test('the serial console logs in through the real nova-serialproxy', async () => {
  const { url } = await openstack<{ url: string }>('devcloud', ['console', 'url', 'show', '--serial', name, '-f', 'json']);
  // nova's proxy accepts clients that send no Origin header
  const ws = new WebSocket(url, ['binary', 'base64']);
  let screen = '';
  ws.on('message', (data: Buffer) => { screen += data.toString('utf8'); });
  const expectScreen = async (re: RegExp) => {
    for (let i = 0; i < 150 && !re.test(screen); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(screen, re);
  };
  try {
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    await expectScreen(/cirros login: $/);
    ws.send(Buffer.from('cirros\r'));
    await expectScreen(/\$ $/);
    ws.send(Buffer.from('hostname\r'));
    await expectScreen(/hostname\r\ncirros\r\n\$ $/);
  } finally {
    ws.terminate();
  }
});

// A guest's console log as nova serves it when the guest printed text that is not ASCII, or bytes that are not
// UTF-8: nova-compute decodes the driver's bytes as ASCII with errors='replace', so each non-ASCII byte becomes
// one U+FFFD; the dev cloud's compute driver must hand over bytes as libvirt's does, not fail with Nova 500.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { devcloudState, ensureDevcloud } from '../support/devcloud';
import { connect, fakeHostServer, runTag } from './helpers';

const demo = connect('devcloud');
let serverId = '';
const cleanup: (() => Promise<unknown>)[] = [];

before(async () => {
  await ensureDevcloud();
  const server = await fakeHostServer(demo.client, `${runTag}-conlog`);
  serverId = server.id;
  cleanup.push(server.undo);
});

after(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo().catch((err: unknown) => console.error('cleanup:', err));
  await demo.close();
});

it('reads a console log holding Chinese text and invalid UTF-8 as nova does: one U+FFFD per non-ASCII byte', async () => {
  // The fake compute driver serves this file as the guest's console, as libvirt serves its console.log.
  const file = join(devcloudState, 'console', `${serverId}.log`);
  cleanup.push(() => rm(file, { force: true }));
  const chinese = Buffer.from('登录成功', 'utf8');
  await writeFile(file, Buffer.concat([Buffer.from('boot ok\n'), chinese, Buffer.from('\nbad '), Buffer.from([0xff, 0xc3]), Buffer.from(' end\n')]));
  assert.equal(await demo.client.compute.consoleOutput(serverId), `boot ok\n${'\ufffd'.repeat(chinese.length)}\nbad \ufffd\ufffd end\n`);
  assert.equal(await demo.client.compute.consoleOutput(serverId, 2), `bad \ufffd\ufffd end\n`);
});

// The ping runner: argument arrays per platform, a real `ping 127.0.0.1` streamed line by line, Stop through the
// child's handle, and a missing executable (ENOENT) reported as such. Only 127.0.0.1 is pinged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { pingCommand, PingRun, type PingEnd } from '../../../src/features/console/model/ping';
import type { PingSummary } from '../../../src/features/console/model/protocol';

const havePing = spawnSync('ping', ['-V']).status === 0;

test('argument arrays: -c on Linux/macOS (after --), -n on Windows, never a shell string', () => {
  assert.deepEqual(pingCommand('linux', '127.0.0.1', 'ipv4', 3), { command: 'ping', args: ['-n', '-O', '-W', '2', '-c', '3', '--', '127.0.0.1'] });
  assert.deepEqual(pingCommand('linux', '::1', 'ipv6', 2), { command: 'ping', args: ['-n', '-O', '-W', '2', '-c', '2', '-6', '--', '::1'] });
  assert.deepEqual(pingCommand('darwin', 'host.example', 'hostname', 4), { command: 'ping', args: ['-n', '-c', '4', '--', 'host.example'] });
  assert.deepEqual(pingCommand('darwin', '::1', 'ipv6', 4), { command: 'ping6', args: ['-n', '-c', '4', '--', '::1'] });
  assert.deepEqual(pingCommand('win32', '127.0.0.1', 'ipv4', 4), { command: 'ping', args: ['-n', '4', '-4', '127.0.0.1'] });
  assert.deepEqual(pingCommand('win32', 'host', 'hostname', 1), { command: 'ping', args: ['-n', '1', 'host'] });
});

function run(opts: ConstructorParameters<typeof PingRun>[0]) {
  const lines: { line: string; at: number; summary: PingSummary }[] = [];
  let resolveEnd!: (e: PingEnd) => void;
  const ended = new Promise<PingEnd>((r) => { resolveEnd = r; });
  const ping = new PingRun(opts, { onLine: (line, summary) => lines.push({ line, at: Date.now(), summary }), onEnd: resolveEnd });
  return { ping, lines, ended };
}

test('ping 127.0.0.1 streams its lines as they come and ends with the statistics', { skip: !havePing && 'no ping here' }, async () => {
  const r = run({ target: '127.0.0.1', kind: 'ipv4', count: 3 });
  const end = await r.ended;
  assert.equal(end.exitCode, 0);
  assert.deepEqual({ sent: end.summary.sent, received: end.summary.received, loss: end.summary.loss, final: end.summary.final }, { sent: 3, received: 3, loss: 0, final: true });
  const replies = r.lines.filter((l) => /icmp_seq=/.test(l.line));
  assert.equal(replies.length, 3);
  assert.ok(replies[2].at - replies[0].at > 1500, 'the replies arrived about a second apart (streamed, not buffered)');
  assert.equal(replies[1].summary.received, 2, 'the summary is live');
});

test('Stop ends a long ping through its handle (SIGINT: ping still prints its statistics)', { skip: !havePing && 'no ping here' }, async () => {
  const r = run({ target: '127.0.0.1', kind: 'ipv4', count: 100 });
  while (!r.lines.some((l) => /icmp_seq=2 /.test(l.line))) await new Promise((res) => setTimeout(res, 50));
  const t0 = Date.now();
  r.ping.stop();
  const end = await r.ended;
  assert.ok(Date.now() - t0 < 2000, 'stopped promptly');
  assert.equal(r.ping.running, false);
  assert.equal(end.summary.final, true);
  assert.ok(end.summary.sent >= 2 && end.summary.sent < 100);
});

test('a missing ping executable is reported as missing, with the TCP check as the way out', async () => {
  const r = run({ target: '127.0.0.1', kind: 'ipv4', count: 1, spawnCommand: (c) => ({ ...c, command: 'ping-that-does-not-exist-here' }) });
  const end = await r.ended;
  assert.equal(end.failure?.kind, 'missing');
  assert.match(end.failure?.message ?? '', /not installed.*TCP port check/);
});

test('"Operation not permitted" on stderr is reported as not permitted', async () => {
  // a stand-in that fails as an unprivileged ping does
  const r = run({
    target: '127.0.0.1', kind: 'ipv4', count: 1,
    spawnCommand: () => ({ command: process.execPath, args: ['-e', 'process.stderr.write("ping: socket: Operation not permitted\\n"); process.exit(2)'] }),
  });
  const end = await r.ended;
  assert.equal(end.exitCode, 2);
  assert.equal(end.failure?.kind, 'denied');
  assert.match(end.failure?.message ?? '', /not permitted.*TCP port check/);
});

// The ping output parser on real Linux iputils output captured on the dev machine (iputils 20221126, LC_ALL=C,
// `ping -n -O -W 2 -c N -- TARGET`; the unanswered targets were addresses routed into a network namespace the
// capture made itself), and on macOS and Windows samples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PingParser, parsePingOutput } from '../../../src/features/console/model/pingParser';

const LINUX_LOOPBACK = `PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.031 ms
64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.022 ms
64 bytes from 127.0.0.1: icmp_seq=3 ttl=64 time=0.026 ms

--- 127.0.0.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 2035ms
rtt min/avg/max/mdev = 0.022/0.026/0.031/0.003 ms
`;

const LINUX_NO_ANSWER = `PING 198.18.77.3 (198.18.77.3) 56(84) bytes of data.
no answer yet for icmp_seq=1
no answer yet for icmp_seq=2

--- 198.18.77.3 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 2046ms

`;

const LINUX_UNREACHABLE = `PING 198.18.77.4 (198.18.77.4) 56(84) bytes of data.
no answer yet for icmp_seq=1
no answer yet for icmp_seq=2
From 198.18.77.1 icmp_seq=1 Destination Host Unreachable
From 198.18.77.1 icmp_seq=2 Destination Host Unreachable
From 198.18.77.1 icmp_seq=3 Destination Host Unreachable
no answer yet for icmp_seq=3

--- 198.18.77.4 ping statistics ---
4 packets transmitted, 0 received, +3 errors, 100% packet loss, time 3057ms
pipe 4
`;

const LINUX_IPV6 = `PING ::1(::1) 56 data bytes
64 bytes from ::1: icmp_seq=1 ttl=64 time=0.189 ms
64 bytes from ::1: icmp_seq=2 ttl=64 time=0.034 ms

--- ::1 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 1010ms
rtt min/avg/max/mdev = 0.034/0.111/0.189/0.077 ms
`;

const MACOS = `PING 192.0.2.10 (192.0.2.10): 56 data bytes
64 bytes from 192.0.2.10: icmp_seq=0 ttl=64 time=1.245 ms
Request timeout for icmp_seq 1
64 bytes from 192.0.2.10: icmp_seq=2 ttl=64 time=2.101 ms
64 bytes from 192.0.2.10: icmp_seq=3 ttl=64 time=0.987 ms

--- 192.0.2.10 ping statistics ---
4 packets transmitted, 3 packets received, 25.0% packet loss
round-trip min/avg/max/stddev = 0.987/1.444/2.101/0.478 ms
`;

const WINDOWS = `
Pinging 192.0.2.10 with 32 bytes of data:
Reply from 192.0.2.10: bytes=32 time=12ms TTL=64
Request timed out.
Reply from 192.0.2.10: bytes=32 time=9ms TTL=64
Reply from 192.0.2.10: bytes=32 time<1ms TTL=64

Ping statistics for 192.0.2.10:
    Packets: Sent = 4, Received = 3, Lost = 1 (25% loss),
Approximate round trip times in milli-seconds:
    Minimum = 0ms, Maximum = 12ms, Average = 7ms
`;

const WINDOWS_UNREACHABLE = `
Pinging 192.0.2.99 with 32 bytes of data:
Reply from 192.0.2.1: Destination host unreachable.
Request timed out.

Ping statistics for 192.0.2.99:
    Packets: Sent = 2, Received = 1, Lost = 1 (50% loss),
`;

test('Linux iputils, all answered: statistics and RTTs as ping printed them', () => {
  const { summary, samples } = parsePingOutput(LINUX_LOOPBACK);
  assert.deepEqual(summary, { sent: 3, received: 3, loss: 0, min: 0.022, avg: 0.026, max: 0.031, final: true });
  assert.deepEqual(samples, [{ seq: 1, rtt: 0.031 }, { seq: 2, rtt: 0.022 }, { seq: 3, rtt: 0.026 }]);
});

test('Linux iputils, the summary is live while ping runs', () => {
  const parser = new PingParser();
  const lines = LINUX_LOOPBACK.split('\n');
  parser.feed(lines[0]);
  assert.deepEqual(parser.summary, { sent: 0, received: 0, loss: 0, final: false });
  parser.feed(lines[1]);
  parser.feed(lines[2]);
  assert.deepEqual(parser.summary, { sent: 2, received: 2, loss: 0, min: 0.022, avg: 0.027, max: 0.031, final: false });
});

test('Linux iputils -O: unanswered probes count as lost as they happen, then 100% from the statistics', () => {
  const parser = new PingParser();
  const lines = LINUX_NO_ANSWER.split('\n');
  parser.feed(lines[0]);
  parser.feed(lines[1]);
  parser.feed(lines[2]);
  assert.deepEqual(parser.summary, { sent: 2, received: 0, loss: 100, final: false });
  for (const l of lines.slice(3)) parser.feed(l);
  assert.deepEqual(parser.summary, { sent: 3, received: 0, loss: 100, final: true });
});

test('Linux iputils: "Destination Host Unreachable" and "+N errors"', () => {
  const { summary, samples } = parsePingOutput(LINUX_UNREACHABLE);
  assert.deepEqual(summary, { sent: 4, received: 0, loss: 100, final: true });
  assert.ok(samples.every((s) => s.rtt === undefined));
});

test('Linux iputils over IPv6', () => {
  assert.deepEqual(parsePingOutput(LINUX_IPV6).summary, { sent: 2, received: 2, loss: 0, min: 0.034, avg: 0.111, max: 0.189, final: true });
});

test('a late reply after "no answer yet" counts as received', () => {
  const parser = new PingParser();
  parser.feed('no answer yet for icmp_seq=1');
  parser.feed('64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=1500 ms');
  assert.deepEqual(parser.summary, { sent: 1, received: 1, loss: 0, min: 1500, avg: 1500, max: 1500, final: false });
  parser.feed('64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=1501 ms (DUP!)');
  assert.equal(parser.summary.received, 1);
});

test('macOS: timeouts, decimal loss, round-trip stddev line', () => {
  const { summary, samples } = parsePingOutput(MACOS);
  assert.deepEqual(summary, { sent: 4, received: 3, loss: 25, min: 0.987, avg: 1.444, max: 2.101, final: true });
  assert.deepEqual(samples.map((s) => s.rtt), [1.245, undefined, 2.101, 0.987]);
});

test('Windows: Reply/Request timed out, Packets and Minimum/Maximum/Average lines', () => {
  const { summary, samples } = parsePingOutput(WINDOWS);
  assert.deepEqual(summary, { sent: 4, received: 3, loss: 25, min: 0, avg: 7, max: 12, final: true });
  assert.deepEqual(samples, [{ seq: 1, rtt: 12 }, { seq: 2 }, { seq: 3, rtt: 9 }, { seq: 4, rtt: 0.5 }]);
  // live, before the statistics: the running count
  const parser = new PingParser();
  for (const l of WINDOWS.split('\n').slice(0, 6)) parser.feed(l);
  assert.deepEqual(parser.summary, { sent: 4, received: 3, loss: 25, min: 0.5, avg: 7.167, max: 12, final: false });
});

test('Windows: "Destination host unreachable" replies are losses live; Windows\' own statistics win at the end', () => {
  const parser = new PingParser();
  const lines = WINDOWS_UNREACHABLE.split('\n');
  for (const l of lines.slice(0, 4)) parser.feed(l);
  assert.deepEqual(parser.summary, { sent: 2, received: 0, loss: 100, final: false });
  for (const l of lines.slice(4)) parser.feed(l);
  assert.deepEqual(parser.summary, { sent: 2, received: 1, loss: 50, final: true });
});

test('busybox: round-trip without the fourth number; CRLF line ends', () => {
  const out = 'PING 127.0.0.1 (127.0.0.1): 56 data bytes\r\n64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.100 ms\r\n\r\n--- 127.0.0.1 ping statistics ---\r\n1 packets transmitted, 1 packets received, 0% packet loss\r\nround-trip min/avg/max = 0.100/0.100/0.100 ms\r\n';
  assert.deepEqual(parsePingOutput(out).summary, { sent: 1, received: 1, loss: 0, min: 0.1, avg: 0.1, max: 0.1, final: true });
  assert.deepEqual(parsePingOutput(out).samples, [{ seq: 0, rtt: 0.1 }]);
});

test('unrelated lines (errors, banners) change nothing', () => {
  const parser = new PingParser();
  for (const l of ['ping: nosuch.invalid: Name or service not known', 'PING x (1.2.3.4) 56(84) bytes of data.', '', 'pipe 4']) {
    assert.deepEqual(parser.feed(l), {});
  }
  assert.deepEqual(parser.summary, { sent: 0, received: 0, loss: 0, final: false });
});

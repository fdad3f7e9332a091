// Ping / TCP-check targets: literals and RFC 1123 names pass; option injection, shell syntax, whitespace,
// control characters and over-long names are refused before any process starts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPort, checkTarget, isHostname, isIPv4, isIPv6 } from '../../../src/features/console/model/target';

const ok = (s: unknown) => checkTarget(s);

test('IPv4 literals: dotted quads 0-255, no leading zeros', () => {
  for (const s of ['127.0.0.1', '10.0.0.5', '203.0.113.7', '255.255.255.255', '0.0.0.0']) {
    assert.deepEqual(ok(s), { ok: true, target: s, kind: 'ipv4' }, s);
  }
  for (const s of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '010.0.0.1', '1..2.3', '1.2.3.04']) {
    assert.equal(isIPv4(s), false, s);
    assert.equal(ok(s).ok, false, s);
  }
});

test('IPv6 literals, compressed, with a dotted tail, bracketed, or with a zone', () => {
  for (const s of ['::1', 'fe80::1', '2001:db8::7', '2001:db8:0:0:0:0:0:1', '::ffff:192.0.2.1', '::', 'fe80::1%eth0']) {
    assert.equal(isIPv6(s), true, s);
    assert.deepEqual(ok(s), { ok: true, target: s, kind: 'ipv6' }, s);
  }
  assert.deepEqual(ok('[2001:db8::7]'), { ok: true, target: '2001:db8::7', kind: 'ipv6' });
  for (const s of ['1:2:3:4:5:6:7:8:9', '2001:db8::7::1', '12345::1', 'fe80::1%', 'fe80::1%eth0;id', 'g::1', ':1', '1:2:3:4:5:6:7']) {
    assert.equal(isIPv6(s), false, s);
    assert.equal(ok(s).ok, false, s);
  }
});

test('host names: RFC 1123 labels, trailing dot, digits first allowed, all-digit TLD refused', () => {
  for (const s of ['localhost', 'cirros-1.example.org', 'a', '3com.com', 'x.y.z.', 'xn--bcher-kva.example']) {
    assert.deepEqual(ok(s), { ok: true, target: s, kind: 'hostname' }, s);
  }
  for (const s of ['-bad.example', 'bad-.example', 'under_score.example', 'a..b', `${'a'.repeat(64)}.example`, '1.2.3.999', 'é.example']) {
    assert.equal(ok(s).ok, false, s);
  }
  assert.equal(isHostname(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`), true);   // 253
});

test('hostile strings are refused: shell syntax, option injection, whitespace, control characters, length', () => {
  const hostile = [
    ';rm -rf /', '127.0.0.1;rm -rf /', '127.0.0.1 && id', '$(id)', '$(reboot).example', '`id`', 'a`id`b',
    '-f', '-c 100000 127.0.0.1', '--help', '-fI eth0', '127.0.0.1\nid', '127.0.0.1\r', 'host\tname', ' 127.0.0.1',
    '127.0.0.1 ', 'a|b', 'a>b', 'a<b', "a'b", 'a"b', 'a\\b', 'a(b)', '{a,b}', '*', '?', '!', '~root', 'a#b', 'a=b',
    'x\u0000y', 'x\u001b[31my', 'x\u007fy', '/t', '127.0.0.1/32', 'http://127.0.0.1', 'a:b', '', 'a'.repeat(300),
    `${'a'.repeat(60)}.`.repeat(5),
  ];
  for (const s of hostile) {
    const r = ok(s);
    assert.equal(r.ok, false, JSON.stringify(s));
    if (!r.ok) assert.ok(r.reason.length > 0);
  }
  assert.match((ok('-f') as { reason: string }).reason, /start with "-"/);
  assert.match((ok('$(id)') as { reason: string }).reason, /shell characters/);
  assert.match((ok('127.0.0.1\nid') as { reason: string }).reason, /spaces, line breaks/);
  assert.match((ok('a'.repeat(300)) as { reason: string }).reason, /At most 253/);
  assert.equal(ok(undefined).ok, false);
  assert.equal(ok(42).ok, false);
});

test('ports: 1-65535 from numbers or digits only', () => {
  assert.equal(checkPort(22), 22);
  assert.equal(checkPort('443'), 443);
  for (const p of [0, 65536, -1, 22.5, '22a', ' 22', '', '0x16', '1e3', undefined]) assert.equal(checkPort(p), undefined, String(p));
});

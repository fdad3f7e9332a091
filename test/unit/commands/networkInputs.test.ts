import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cidrProblem, defaultPool, firstHost, formatCidr, formatPool, nameProblem, overlaps, parseCidr, parseDnsServers, parseGateway, parsePools, physicalNetworkProblem, segmentProblem, suggestCidr, suggestName,
} from '../../../src/features/networks/model/networkInputs';
import { formatIp, parseIp } from '../../../src/core/ip';

const cidr = (text: string) => {
  const c = parseCidr(text);
  assert.ok(c, `${text} parses`);
  return c;
};

test('IPv4 and IPv6 addresses parse and print back in their canonical form', () => {
  assert.equal(formatIp(parseIp('192.168.100.1')!), '192.168.100.1');
  assert.equal(parseIp('192.168.100.256'), undefined);
  assert.equal(parseIp('192.168.01.1'), undefined, 'no leading zeros (octal in some parsers)');
  assert.equal(parseIp('10.0.0'), undefined);
  assert.equal(formatIp(parseIp('fd00:0:0:0:0:0:0:1')!), 'fd00::1');
  assert.equal(formatIp(parseIp('FD00:100::')!), 'fd00:100::');
  assert.equal(formatIp(parseIp('::')!), '::');
  assert.equal(formatIp(parseIp('2001:db8:0:1:1:1:1:1')!), '2001:db8:0:1:1:1:1:1', 'a single zero group is not compressed');
  assert.equal(formatIp(parseIp('::ffff:192.0.2.1')!), '::ffff:c000:201');
  assert.equal(parseIp('fd00::1::2'), undefined);
  assert.equal(parseIp('fd00:1:2:3:4:5:6:7:8'), undefined);
  assert.equal(parseIp('fd0g::1'), undefined);
});

test('a CIDR is validated as the user types: notation, host bits, size, overlap on the network', () => {
  assert.equal(cidrProblem('192.168.100.0/24'), undefined);
  assert.equal(cidrProblem('10.0.0.0/8'), undefined);
  assert.equal(cidrProblem('fd00:100::/64'), undefined);
  assert.match(cidrProblem('') ?? '', /CIDR notation, e\.g\. 192\.168\.100\.0\/24/);
  assert.match(cidrProblem('192.168.100') ?? '', /not an IPv4 or IPv6 network in CIDR notation/);
  assert.match(cidrProblem('192.168.100.0/33') ?? '', /not an IPv4 or IPv6 network/);
  assert.match(cidrProblem('192.168.100.0') ?? '', /not an IPv4 or IPv6 network/);
  assert.equal(cidrProblem('192.168.100.7/24'), 'The address has host bits set for a /24: the network is 192.168.100.0/24');
  assert.equal(cidrProblem('fd00:100::1/64'), 'The address has host bits set for a /64: the network is fd00:100::/64');
  assert.match(cidrProblem('192.168.100.0/30') ?? '', /no room for instances/);
  assert.match(cidrProblem('10.0.0.0/7') ?? '', /larger than any private range/);
  assert.match(cidrProblem('fd00::/127') ?? '', /\/126 or larger/);
  const siblings = [{ cidr: '192.168.100.0/24', name: 'private-subnet' }];
  assert.equal(cidrProblem('192.168.100.128/25', siblings), 'Overlaps subnet private-subnet (192.168.100.0/24) on this network: pick another range');
  assert.equal(cidrProblem('192.168.0.0/16', siblings), 'Overlaps subnet private-subnet (192.168.100.0/24) on this network: pick another range');
  assert.equal(cidrProblem('192.168.101.0/24', siblings), undefined);
  assert.equal(cidrProblem('fd00::/64', siblings), undefined, 'IPv6 never overlaps IPv4');
});

test('overlap is symmetric and exact at the edges', () => {
  assert.ok(overlaps(cidr('10.0.0.0/24'), cidr('10.0.0.255/32')));
  assert.ok(!overlaps(cidr('10.0.0.0/24'), cidr('10.0.1.0/24')));
  assert.ok(overlaps(cidr('10.0.0.0/8'), cidr('10.200.0.0/16')) && overlaps(cidr('10.200.0.0/16'), cidr('10.0.0.0/8')));
});

test('the gateway defaults to the first address, accepts "none", and must be a host address of the range', () => {
  const c = cidr('192.168.100.0/24');
  assert.deepEqual(parseGateway('', c), { gateway: firstHost(c) });
  assert.equal(formatIp(firstHost(c)), '192.168.100.1');
  assert.deepEqual(parseGateway('none', c), { gateway: null });
  assert.deepEqual(parseGateway(' NONE ', c), { gateway: null });
  assert.equal(formatIp((parseGateway('192.168.100.254', c) as { gateway: { version: 4; value: bigint } }).gateway), '192.168.100.254');
  assert.deepEqual(parseGateway('192.168.100.255', c), { problem: '192.168.100.255 is the broadcast address: use another, e.g. 192.168.100.1' });
  assert.deepEqual(parseGateway('192.168.100.0', c), { problem: '192.168.100.0 is the network address: use another, e.g. 192.168.100.1' });
  assert.deepEqual(parseGateway('192.168.101.1', c), { problem: '192.168.101.1 is not in 192.168.100.0/24' });
  assert.deepEqual(parseGateway('fd00::1', c), { problem: 'The subnet is IPv4: enter an IPv4 address, or "none"' });
  assert.match((parseGateway('router', c) as { problem: string }).problem, /not an IP address.*"none" for no gateway/);
  const v6 = cidr('fd00:100::/64');
  assert.equal(formatIp(firstHost(v6)), 'fd00:100::1');
  assert.equal('problem' in parseGateway('fd00:100::ffff:ffff:ffff:ffff', v6), false, 'IPv6 has no broadcast address');
});

test('allocation pools: default is the range without gateway and broadcast; typed pools are checked', () => {
  const c = cidr('192.168.100.0/24');
  const gw = firstHost(c);
  assert.equal(formatPool(defaultPool(c, gw)), '192.168.100.2-192.168.100.254');
  assert.equal(formatPool(defaultPool(c, null)), '192.168.100.1-192.168.100.254');
  assert.equal(formatPool(defaultPool(c, parseIp('192.168.100.254')!)), '192.168.100.1-192.168.100.253');
  assert.deepEqual(parsePools('', c, gw), { pools: undefined });
  assert.deepEqual(parsePools('192.168.100.10-192.168.100.99, 192.168.100.200 - 192.168.100.250', c, gw), {
    pools: [{ start: '192.168.100.10', end: '192.168.100.99' }, { start: '192.168.100.200', end: '192.168.100.250' }],
  });
  assert.deepEqual(parsePools('192.168.100.1-192.168.100.50', c, gw), { problem: '192.168.100.1-192.168.100.50 includes the gateway 192.168.100.1: leave it out of the pool' });
  assert.deepEqual(parsePools('192.168.100.50-192.168.100.10', c, gw), { problem: '192.168.100.50-192.168.100.10: the start comes after the end' });
  assert.deepEqual(parsePools('192.168.100.10-192.168.101.10', c, gw), { problem: '192.168.101.10 is not a usable address of 192.168.100.0/24' });
  assert.deepEqual(parsePools('192.168.100.10-192.168.100.255', c, gw), { problem: '192.168.100.255 is not a usable address of 192.168.100.0/24' });
  assert.deepEqual(parsePools('192.168.100.10-192.168.100.50,192.168.100.40-192.168.100.60', c, gw), { problem: '192.168.100.40-192.168.100.60 overlaps 192.168.100.10-192.168.100.50' });
  assert.match((parsePools('192.168.100.10', c, gw) as { problem: string }).problem, /write start-end, e\.g\. 192\.168\.100\.2-192\.168\.100\.254/);
});

test('DNS servers: any separators, each an address, no repeats', () => {
  assert.deepEqual(parseDnsServers(''), { servers: [] });
  assert.deepEqual(parseDnsServers('1.1.1.1, 9.9.9.9 2606:4700:4700::1111'), { servers: ['1.1.1.1', '9.9.9.9', '2606:4700:4700::1111'] });
  assert.deepEqual(parseDnsServers('1.1.1.1,1.1.1.1'), { problem: '1.1.1.1 is listed twice' });
  assert.match((parseDnsServers('dns.google') as { problem: string }).problem, /'dns\.google' is not an IP address/);
});

test('the suggested range is the classroom 192.168.100.0/24 unless taken, then the next free /24', () => {
  assert.equal(suggestCidr([]), '192.168.100.0/24');
  assert.equal(suggestCidr(['10.99.0.0/24', '203.0.113.0/24']), '192.168.100.0/24');
  assert.equal(suggestCidr(['192.168.100.0/24', '192.168.101.0/25']), '192.168.102.0/24');
  assert.equal(suggestCidr(['192.168.0.0/16']), '10.0.0.0/24');
  assert.equal(suggestCidr(['192.168.0.0/16', '10.0.0.0/15']), '10.2.0.0/24');
  assert.equal(formatCidr(cidr(suggestCidr(['not a cidr']))), '192.168.100.0/24');
});

test('names: suggested free, and a taken one refused before anything is sent', () => {
  assert.equal(suggestName('private', []), 'private');
  assert.equal(suggestName('private', ['private', 'private-2']), 'private-3');
  assert.equal(nameProblem('private', 'network', []), undefined);
  assert.equal(nameProblem('  ', 'network', []), 'Enter a name for the network');
  assert.equal(nameProblem('private', 'network', ['private']), "A network named 'private' already exists in this project: choose another name (e.g. private-2)");
});

test('provider fields: physical network for flat and vlan, a segment in range for vlan and vxlan', () => {
  assert.equal(segmentProblem('vlan', '100'), undefined);
  assert.equal(segmentProblem('vlan', ''), 'A VLAN network needs its VLAN ID (1–4094)');
  assert.equal(segmentProblem('vlan', '4095'), 'A VLAN ID is between 1 and 4094');
  assert.equal(segmentProblem('vxlan', ''), undefined);
  assert.equal(segmentProblem('vxlan', '16777216'), 'A VXLAN VNI is between 1 and 16777215');
  assert.equal(segmentProblem('vxlan', '1e3'), 'Enter a whole number');
  assert.equal(segmentProblem('flat', '5'), 'A flat network has no segmentation ID');
  assert.equal(physicalNetworkProblem('flat', 'physnet1'), undefined);
  assert.match(physicalNetworkProblem('flat', '') ?? '', /needs the physical network/);
  assert.equal(physicalNetworkProblem('vxlan', 'physnet1'), 'A VXLAN network has no physical network');
  assert.equal(physicalNetworkProblem('vlan', 'phys net'), 'Letters, digits, "_", "." and "-" only');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIp } from '../../../src/core/ip';
import { cidrContains, PING, ruleMatch, SSH } from '../../../src/features/doctor/model/ingressRules';
import { rule } from './topology';

const ME = parseIp('203.0.113.1')!;

test('protocol any, icmp (name or number) and tcp with port ranges', () => {
  assert.equal(ruleMatch(rule({}), PING, 4, ME), 'admits');
  assert.equal(ruleMatch(rule({}), SSH, 4, ME), 'admits');
  assert.equal(ruleMatch(rule({ protocol: '1' }), PING, 4, ME), 'admits');
  assert.equal(ruleMatch(rule({ protocol: 'icmp', portRangeMin: 8, portRangeMax: 0 }), PING, 4, ME), 'admits');
  assert.equal(ruleMatch(rule({ protocol: 'icmp', portRangeMin: 0 }), PING, 4, ME), 'no', 'echo reply only');
  assert.equal(ruleMatch(rule({ protocol: 'icmp' }), SSH, 4, ME), 'no');
  assert.equal(ruleMatch(rule({ protocol: 'tcp', portRangeMin: 20, portRangeMax: 30 }), SSH, 4, ME), 'admits');
  assert.equal(ruleMatch(rule({ protocol: 'tcp', portRangeMin: 80, portRangeMax: 80 }), SSH, 4, ME), 'no');
  assert.equal(ruleMatch(rule({ protocol: 'tcp' }), SSH, 4, ME), 'admits', 'no range: all ports');
  assert.equal(ruleMatch(rule({ protocol: 'udp' }), SSH, 4, ME), 'no');
});

test('remote IP prefix must contain the source; a remote group never admits an outside source', () => {
  assert.equal(ruleMatch(rule({ remoteIpPrefix: '203.0.113.0/24' }), PING, 4, ME), 'admits');
  assert.equal(ruleMatch(rule({ remoteIpPrefix: '203.0.113.1' }), PING, 4, ME), 'admits');
  assert.equal(ruleMatch(rule({ remoteIpPrefix: '198.51.100.0/24' }), PING, 4, ME), 'no');
  assert.equal(ruleMatch(rule({ remoteGroupId: 'sg' }), PING, 4, ME), 'remoteGroup');
  assert.equal(ruleMatch(rule({ remoteIpPrefix: '198.51.100.0/24' }), PING, 4, undefined), 'undecided');
  assert.equal(ruleMatch(rule({ remoteIpPrefix: '0.0.0.0/0' }), PING, 4, undefined), 'admits');
  assert.equal(ruleMatch(rule({ raw: { remote_address_group_id: 'ag' } }), PING, 4, ME), 'undecided');
});

test('ethertype and direction must match', () => {
  assert.equal(ruleMatch(rule({ ethertype: 'IPv6', remoteIpPrefix: '::/0' }), PING, 4, ME), 'no');
  assert.equal(ruleMatch(rule({ direction: 'egress' }), PING, 4, ME), 'no');
  const v6 = parseIp('2001:db8::1')!;
  assert.equal(ruleMatch(rule({ ethertype: 'IPv6', protocol: 'ipv6-icmp', remoteIpPrefix: '2001:db8::/32' }), PING, 6, v6), 'admits');
  assert.equal(ruleMatch(rule({ ethertype: 'IPv6', protocol: 'icmp', portRangeMin: 128 }), PING, 6, v6), 'admits');
});

test('cidrContains: versions never mix', () => {
  assert.equal(cidrContains('10.0.0.0/8', parseIp('10.2.3.4')!), true);
  assert.equal(cidrContains('::/0', ME), false);
});

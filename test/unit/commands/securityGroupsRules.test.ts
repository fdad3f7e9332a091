// Security group rule inputs: quick adds, the custom rule's checks as the user types, and the CLI lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allowPing, allowSsh, allowTcpPort, cidrProblem, describeRuleSpec, parsePortRange, portKind, portProblem, protocolProblem,
  ruleCreate, securityGroupCli, securityGroupNameProblem, securityGroupRuleCli,
} from '../../../src/features/securityGroups/model/securityGroupsRules';

test('quick adds: ping, SSH and a TCP port from anywhere', () => {
  assert.deepEqual(allowPing(), { direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp', remoteIpPrefix: '0.0.0.0/0' });
  assert.deepEqual(allowPing('IPv6'), { direction: 'ingress', ethertype: 'IPv6', protocol: 'ipv6-icmp', remoteIpPrefix: '::/0' });
  assert.deepEqual(allowSsh(), { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: '0.0.0.0/0' });
  assert.equal(allowTcpPort(443, '2001:db8::/32').ethertype, 'IPv6');
  assert.equal(describeRuleSpec(allowSsh()), 'ingress IPv4 tcp 22 from 0.0.0.0/0');
  assert.equal(describeRuleSpec(allowPing()), 'ingress IPv4 icmp from 0.0.0.0/0');
});

test('the rule sent to Neutron leaves out "any" protocol and names the group', () => {
  assert.deepEqual(ruleCreate('sg1', { direction: 'egress', ethertype: 'IPv4', protocol: 'any' }), { direction: 'egress', ethertype: 'IPv4', protocol: undefined, securityGroupId: 'sg1' });
  assert.equal(ruleCreate('sg1', { direction: 'ingress', protocol: 'TCP' }).protocol, 'tcp');
});

test('port ranges: one port, a range, all; ICMP type/code', () => {
  assert.deepEqual(parsePortRange('22', 'ports'), { range: { min: 22, max: 22 } });
  assert.deepEqual(parsePortRange(' 8000 - 8080 ', 'ports'), { range: { min: 8000, max: 8080 } });
  assert.deepEqual(parsePortRange('8000:8080', 'ports'), { range: { min: 8000, max: 8080 } });
  assert.deepEqual(parsePortRange('', 'ports'), { range: {} });
  assert.match(parsePortRange('0', 'ports').problem ?? '', /1–65535/);
  assert.match(parsePortRange('70000', 'ports').problem ?? '', /1–65535/);
  assert.match(parsePortRange('90-80', 'ports').problem ?? '', /starts after it ends \(90 > 80\)/);
  assert.match(parsePortRange('ssh', 'ports').problem ?? '', /A port \(22\) or a range/);
  assert.deepEqual(parsePortRange('8', 'icmp'), { range: { min: 8, max: undefined } });
  assert.deepEqual(parsePortRange('3/4', 'icmp'), { range: { min: 3, max: 4 } });
  assert.match(parsePortRange('300', 'icmp').problem ?? '', /0–255/);
  assert.equal(portKind('udp'), 'ports');
  assert.equal(portKind('icmp'), 'icmp');
  assert.equal(portKind('any'), 'none');
  assert.equal(portKind('47'), 'none');
  assert.equal(portProblem('80'), undefined);
  assert.match(portProblem('http') ?? '', /port number/);
  assert.match(portProblem('65536') ?? '', /1–65535/);
});

test('protocols: names Neutron knows, or a number 0–255', () => {
  for (const ok of ['tcp', 'UDP', 'icmp', 'any', '47', 'gre']) assert.equal(protocolProblem(ok), undefined, ok);
  assert.match(protocolProblem('http') ?? '', /Unknown protocol 'http'/);
  assert.match(protocolProblem('256') ?? '', /0–255/);
  assert.match(protocolProblem('') ?? '', /Enter a protocol/);
});

test('remote CIDRs are checked against the ethertype, and host bits are caught as typed', () => {
  assert.equal(cidrProblem('0.0.0.0/0', 'IPv4'), undefined);
  assert.equal(cidrProblem('192.168.1.0/24', 'IPv4'), undefined);
  assert.equal(cidrProblem('203.0.113.7', 'IPv4'), undefined);
  assert.equal(cidrProblem('::/0', 'IPv6'), undefined);
  assert.equal(cidrProblem('2001:db8::/32', 'IPv6'), undefined);
  assert.match(cidrProblem('192.168.1.5/24', 'IPv4') ?? '', /did you mean 192\.168\.1\.0\/24\?/);
  assert.match(cidrProblem('2001:db8::1/64', 'IPv6') ?? '', /did you mean 2001:db8::\/64\?/);
  assert.match(cidrProblem('10.0.0.0/33', 'IPv4') ?? '', /0–32/);
  assert.match(cidrProblem('10.0.0/8', 'IPv4') ?? '', /'10\.0\.0' is not an IP address/);
  assert.match(cidrProblem('10.0.0.0/8', 'IPv6') ?? '', /IPv4 address, but the rule is IPv6/);
  assert.match(cidrProblem('10.0.0.0/x', 'IPv4') ?? '', /prefix length is a number/);
  assert.match(cidrProblem('10.0.0.0/8/8', 'IPv4') ?? '', /One \/ only/);
  assert.match(cidrProblem('', 'IPv4') ?? '', /0\.0\.0\.0\/0/);
  assert.equal(cidrProblem('::ffff:10.0.0.0/120', 'IPv6'), undefined);
});

test('group names: not empty, not default, not taken', () => {
  assert.equal(securityGroupNameProblem('web'), undefined);
  assert.match(securityGroupNameProblem(' ') ?? '', /Enter a name/);
  assert.match(securityGroupNameProblem('default') ?? '', /reserved/);
  assert.match(securityGroupNameProblem('web', ['web']) ?? '', /already has a group 'web'/);
});

test('the group and its rules as openstack CLI lines', () => {
  assert.equal(securityGroupCli({ name: 'web', description: "students' web" }, { cloud: 'devcloud' }),
    "openstack --os-cloud devcloud security group create --description 'students'\\'' web' web");
  assert.equal(securityGroupRuleCli('sg-id', allowSsh(), {}),
    'openstack security group rule create --ingress --ethertype IPv4 --protocol tcp --dst-port 22:22 --remote-ip 0.0.0.0/0 sg-id');
  assert.equal(securityGroupRuleCli('sg-id', allowPing(), {}),
    'openstack security group rule create --ingress --ethertype IPv4 --protocol icmp --remote-ip 0.0.0.0/0 sg-id');
  assert.equal(securityGroupRuleCli('sg-id', { direction: 'ingress', ethertype: 'IPv4', protocol: 'icmp', portRangeMin: 8, portRangeMax: 0 }, { projectId: 'p1' }),
    'openstack --os-project-id p1 security group rule create --ingress --ethertype IPv4 --protocol icmp --icmp-type 8 --icmp-code 0 sg-id');
  assert.equal(securityGroupRuleCli('sg-id', { direction: 'egress', ethertype: 'IPv6', protocol: 'any' }, {}),
    'openstack security group rule create --egress --ethertype IPv6 --protocol any sg-id');
});

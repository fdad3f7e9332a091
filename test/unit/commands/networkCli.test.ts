import assert from 'node:assert/strict';
import { test } from 'node:test';
import { associateCli, floatingIpCli, networkCli, routerCli, routerGatewayCli, routerInterfaceCli, subnetCli } from '../../../src/features/networks/model/networkCli';

const names = new Map([['net-id', 'private'], ['ext-id', 'ext'], ['sub-id', 'private-subnet']]);
const demo = { cloud: 'devcloud' };

test('Create network with its subnet: two lines, only the fields that differ from the defaults', () => {
  assert.equal(networkCli(demo, {
    name: 'private', subnet: { name: 'private-subnet', cidr: '192.168.100.0/24', ipVersion: 4, enableDhcp: true, dnsNameservers: [] },
  }), [
    'openstack --os-cloud devcloud network create private',
    'openstack --os-cloud devcloud subnet create --network private --subnet-range 192.168.100.0/24 private-subnet',
  ].join('\n'));
});

test('every subnet field has its flag: gateway none, no DHCP, DNS servers, pools, IPv6', () => {
  assert.equal(networkCli({}, {
    name: 'lab net', subnet: {
      name: 'lab net-subnet', cidr: 'fd00:100::/64', ipVersion: 6, gatewayIp: null, enableDhcp: false, dnsNameservers: ['2606:4700:4700::1111', '9.9.9.9'],
      allocationPools: [{ start: 'fd00:100::10', end: 'fd00:100::ff' }],
    },
  }).split('\n')[1], "openstack subnet create --network 'lab net' --subnet-range fd00:100::/64 --ip-version 6 --gateway none --no-dhcp "
    + '--dns-nameserver 2606:4700:4700::1111 --dns-nameserver 9.9.9.9 --allocation-pool start=fd00:100::10,end=fd00:100::ff \'lab net-subnet\'');
  assert.match(subnetCli(demo, { networkId: 'net-id', name: 's', cidr: '10.0.0.0/24', ipVersion: 4, gatewayIp: '10.0.0.254', enableDhcp: true, dnsNameservers: [] }, names),
    / --network private --subnet-range 10\.0\.0\.0\/24 --gateway 10\.0\.0\.254 s$/);
});

test('admin provider fields: the student\'s external flat network', () => {
  assert.equal(networkCli({ cloud: 'devcloud-admin' }, { name: 'public', provider: { type: 'flat', physicalNetwork: 'physnet1' }, external: true }),
    'openstack --os-cloud devcloud-admin network create --provider-network-type flat --provider-physical-network physnet1 --external public');
  assert.equal(networkCli({}, { name: 'v', provider: { type: 'vlan', physicalNetwork: 'physnet1', segmentationId: 101 }, shared: true }),
    'openstack network create --provider-network-type vlan --provider-physical-network physnet1 --provider-segment 101 --share v');
});

test('names are quoted for a POSIX shell: spaces, quotes, $ and backticks stay literal', () => {
  assert.equal(networkCli({ cloud: 'my cloud', projectId: 'p1' }, { name: "it's $HOME `x`" }),
    "openstack --os-cloud 'my cloud' --os-project-id p1 network create 'it'\\''s $HOME `x`'");
  assert.equal(networkCli({}, { name: '-hname' }), 'openstack network create -- -hname', 'a leading dash would make the CLI read the name as options');
  assert.equal(networkCli({}, { name: '' }), "openstack network create ''");
});

test('routers: gateway at creation, then one add subnet per interface; set/unset gateway; add/remove subnet', () => {
  assert.equal(routerCli(demo, { name: 'router1', gatewayNetworkId: 'ext-id', subnetIds: ['sub-id'] }, names), [
    'openstack --os-cloud devcloud router create --external-gateway ext router1',
    'openstack --os-cloud devcloud router add subnet router1 private-subnet',
  ].join('\n'));
  assert.equal(routerCli({}, { name: 'r', subnetIds: [] }, names), 'openstack router create r');
  assert.equal(routerGatewayCli({}, 'router1', 'ext-id', names), 'openstack router set --external-gateway ext router1');
  assert.equal(routerGatewayCli({}, 'router1', undefined, names), 'openstack router unset --external-gateway router1');
  assert.equal(routerInterfaceCli({}, 'router1', 'unknown-subnet-id', false, names), 'openstack router remove subnet router1 unknown-subnet-id', 'an ambiguous name is replaced by the ID');
});

test('floating IPs: create from the pool (optionally on a port), set --port to associate', () => {
  assert.equal(floatingIpCli(demo, { floatingNetworkId: 'ext-id' }, names), 'openstack --os-cloud devcloud floating ip create ext');
  assert.equal(floatingIpCli({}, { floatingNetworkId: 'ext-id', description: 'for vm1', portId: 'p', fixedIpAddress: '10.0.0.5' }, names),
    "openstack floating ip create --description 'for vm1' --port p --fixed-ip-address 10.0.0.5 ext");
  assert.equal(associateCli({}, { floatingIpId: 'f', portId: 'p', fixedIpAddress: '10.0.0.5' }, '203.0.113.7'),
    'openstack floating ip set --port p --fixed-ip-address 10.0.0.5 203.0.113.7');
});

test('names starting with "-": positionals after `--`, option values as `--flag=value`', () => {
  const dashed = new Map([['net-id', '-c 2 127.0.0.1'], ['sub-id', '-hsub'], ['ext-id', '-ext']]);
  assert.equal(networkCli({ cloud: '-cloud' }, { name: '-hname', subnet: { name: '-hsub', cidr: '10.0.0.0/24', ipVersion: 4, enableDhcp: true, dnsNameservers: [] } }), [
    'openstack --os-cloud=-cloud network create -- -hname',
    'openstack --os-cloud=-cloud subnet create --network=-hname --subnet-range 10.0.0.0/24 -- -hsub',
  ].join('\n'));
  assert.equal(routerCli({}, { name: '-r', gatewayNetworkId: 'ext-id', subnetIds: ['sub-id'] }, dashed), [
    'openstack router create --external-gateway=-ext -- -r',
    'openstack router add subnet -- -r -hsub',
  ].join('\n'));
  assert.equal(routerInterfaceCli({}, 'r', 'net-id', true, dashed), "openstack router add subnet -- r '-c 2 127.0.0.1'", 'one positional with a dash is enough');
  assert.equal(floatingIpCli({}, { floatingNetworkId: 'ext-id', description: '-x y' }, dashed), "openstack floating ip create '--description=-x y' -- -ext");
});

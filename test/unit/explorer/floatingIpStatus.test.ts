// What the tree shows of a floating IP's status, from the lists the Floating IPs and Instances categories load
// anyway: the status in the row, and a warning where an association does not carry traffic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  floatingIpDescription, floatingIpSettling, floatingIpWarning, serverFloatingIpWarning,
} from '../../../src/features/floatingIps/model/floatingIpStatus';
import type { FloatingIp } from '../../../src/openstack/networkModels';

const fip = (address: string, status: string, vm?: string): FloatingIp => ({
  id: `id-${address}`, floatingIpAddress: address, floatingNetworkId: 'ext', portId: vm ? `port-${vm}` : null, fixedIpAddress: vm ? '10.0.0.5' : null,
  routerId: vm ? 'r1' : null, status, description: '', deviceId: vm, raw: {},
});

test('the description: the instance it reaches (else its address, else its port), or free; then Neutron\'s status', () => {
  assert.equal(floatingIpDescription(fip('203.0.113.5', 'DOWN', 'vm1'), 'vm1'), '→ vm1 · DOWN');
  assert.equal(floatingIpDescription(fip('203.0.113.5', 'ACTIVE', 'vm1')), '→ 10.0.0.5 · ACTIVE');
  assert.equal(floatingIpDescription({ ...fip('203.0.113.5', 'ACTIVE', 'vm1'), fixedIpAddress: null }), '→ port-vm1 · ACTIVE');
  assert.equal(floatingIpDescription(fip('203.0.113.6', 'DOWN')), 'not associated · DOWN');
});

test('a warning only for an associated floating IP that is not ACTIVE, in the doctor\'s words; a free one is DOWN by nature', () => {
  assert.equal(floatingIpWarning(fip('203.0.113.5', 'DOWN', 'vm1')), 'Floating IP 203.0.113.5 is DOWN: Neutron has not wired it to 10.0.0.5.');
  assert.equal(floatingIpWarning(fip('203.0.113.5', 'ERROR', 'vm1')), 'Floating IP 203.0.113.5 is ERROR: Neutron has not wired it to 10.0.0.5.');
  assert.equal(floatingIpWarning(fip('203.0.113.5', 'ACTIVE', 'vm1')), undefined);
  assert.equal(floatingIpWarning(fip('203.0.113.6', 'DOWN')), undefined);
});

test('a status that lags the association (DOWN while associated, ACTIVE while free) may be settling: the tree reloads', () => {
  assert.equal(floatingIpSettling(fip('203.0.113.5', 'DOWN', 'vm1')), true);
  assert.equal(floatingIpSettling(fip('203.0.113.6', 'ACTIVE')), true);
  assert.equal(floatingIpSettling(fip('203.0.113.5', 'ERROR', 'vm1')), false);
  assert.equal(floatingIpSettling(fip('203.0.113.5', 'ACTIVE', 'vm1')), false);
  assert.equal(floatingIpSettling(fip('203.0.113.6', 'DOWN')), false);
});

test('an ACTIVE instance is warned about only when none of its floating IPs carries traffic; one without a floating IP never', () => {
  const vm1 = { id: 'vm1', status: 'ACTIVE' };
  const down = fip('203.0.113.5', 'DOWN', 'vm1');
  assert.equal(serverFloatingIpWarning(vm1, [down, fip('203.0.113.9', 'ACTIVE', 'vm2')]), 'Floating IP 203.0.113.5 is DOWN: Neutron has not wired it to 10.0.0.5.');
  assert.equal(serverFloatingIpWarning(vm1, [down, fip('203.0.113.7', 'ACTIVE', 'vm1')]), undefined, 'another of its floating IPs works');
  assert.equal(serverFloatingIpWarning(vm1, [fip('203.0.113.6', 'DOWN')]), undefined, 'internal on purpose');
  assert.equal(serverFloatingIpWarning({ id: 'vm1', status: 'SHUTOFF' }, [down]), undefined, 'its status says enough');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastDhcpOutcome, lastMetadataOutcome } from '../../../src/features/doctor/model/guestLog';
import { parseRouteGet } from '../../../src/features/doctor/model/localRoute';
import { diagnoseReachability } from '../../../src/features/doctor/model/diagnose';
import { workingExercise } from './topology';

const CIRROS_OK = `Starting network: udhcpc: started, v1.29.3
udhcpc: sending discover
udhcpc: sending select for 10.0.0.5
udhcpc: lease of 10.0.0.5 obtained, lease time 86400
OK
checking http://169.254.169.254/2009-04-04/instance-id
failed 1/20: up 4.52. request failed
successful after 2/20 tries: up 6.10. iid=i-00000001`;

const CIRROS_NO_METADATA = `udhcpc: lease of 10.0.0.5 obtained from 10.0.0.2, lease time 86400
failed 20/20: up 95.78. request failed
failed to read iid from metadata. tried 20`;

const CLOUD_INIT = `[   10.1] cloud-init[480]: ci-info: | Device |  Up  |  Address  |      Mask     | Scope  |     Hw-Address    |
[   10.1] cloud-init[480]: ci-info: |  ens3  | True | 10.0.0.7 | 255.255.255.0 | global | fa:16:3e:aa:bb:cc |
[   10.1] cloud-init[480]: ci-info: |   lo   | True | 127.0.0.1 |   255.0.0.0   |  host  |         .         |
[   30.0] cloud-init[900]: Cloud-init v. 23.4 finished at Mon, 01 Jan 2024. Datasource DataSourceOpenStackLocal [net,ver=2].  Up 30.0 seconds`;

test('cirros: the udhcpc lease and the metadata success, quoted', () => {
  assert.deepEqual(lastDhcpOutcome(CIRROS_OK), { outcome: 'ok', line: 'udhcpc: lease of 10.0.0.5 obtained, lease time 86400' });
  assert.deepEqual(lastMetadataOutcome(CIRROS_OK), { outcome: 'ok', line: 'successful after 2/20 tries: up 6.10. iid=i-00000001' });
  assert.equal(lastMetadataOutcome(CIRROS_NO_METADATA)?.outcome, 'failed');
});

test('cloud-init: the net device table and the OpenStack datasource', () => {
  assert.match(lastDhcpOutcome(CLOUD_INIT)?.line ?? '', /ens3 {2}\| True \| 10\.0\.0\.7/);
  assert.equal(lastMetadataOutcome(CLOUD_INIT)?.outcome, 'ok');
});

test('the last boot in the log wins; no known line: unknown', () => {
  const log = `devcloud-guest: DHCP lease 10.0.0.5/24 router 10.0.0.1 mtu 1450 from 10.0.0.2 at 2.3s\n\u001b[0mdevcloud-guest: no DHCP lease on eth0`;
  assert.deepEqual(lastDhcpOutcome(log), { outcome: 'failed', line: 'devcloud-guest: no DHCP lease on eth0' });
  const snapshot = { ...workingExercise(), consoleLog: 'Booting...' };
  const checks = diagnoseReachability(snapshot, { context: {} }).checks;
  assert.deepEqual(checks.filter((c) => c.id.startsWith('guest-')).map((c) => c.status), ['unknown', 'unknown']);
});

test('a guest without a lease: the verdict quotes its console', () => {
  const snapshot = { ...workingExercise(), consoleLog: 'udhcpc: sending discover\nudhcpc: no lease, failing', probes: undefined };
  assert.equal(diagnoseReachability(snapshot, { context: {} }).verdict.sentence,
    'The guest\'s console log says "udhcpc: no lease, failing": it has no address to answer on.');
});

test('ip route get: a route, and the errors', () => {
  assert.deepEqual(parseRouteGet('203.0.113.5 via 192.168.1.1 dev wlan0 src 192.168.1.20 uid 1000 \n    cache \n'),
    { kind: 'route', line: '203.0.113.5 via 192.168.1.1 dev wlan0 src 192.168.1.20 uid 1000', via: '192.168.1.1', dev: 'wlan0', src: '192.168.1.20' });
  assert.deepEqual(parseRouteGet('RTNETLINK answers: Network is unreachable\n'), { kind: 'error', line: 'RTNETLINK answers: Network is unreachable' });
  const snapshot = { ...workingExercise(), localRoute: parseRouteGet('RTNETLINK answers: Network is unreachable'), probes: undefined };
  assert.equal(diagnoseReachability(snapshot, { context: {} }).verdict.sentence,
    'This machine has no route to 203.0.113.5: RTNETLINK answers: Network is unreachable.');
});

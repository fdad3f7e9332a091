// The Hypervisors rows (placement's allocation against allocatable and physical capacity) and the Quotas rows
// (Nova's limits and Neutron's quota details), with the share from which they warn.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLines, loadSummary, nearFullReasons } from '../../../src/features/hypervisors/model/hostLoad';
import { nearLimit, nearLimitSentence, quotaRows, quotaUsage } from '../../../src/features/quotas/model/quotaRows';
import { toHostCapacity } from '../../../src/openstack/placementModels';

const host = (ramUsed: number, vcpuUsed: number) => toHostCapacity('rp-1', 'vm', {
  VCPU: { total: 2, reserved: 0, allocation_ratio: 16, max_unit: 2 },
  MEMORY_MB: { total: 4608, reserved: 512, allocation_ratio: 1.5, max_unit: 4608 },
  DISK_GB: { total: 100, reserved: 0, allocation_ratio: 1, max_unit: 100 },
}, { VCPU: vcpuUsed, MEMORY_MB: ramUsed, DISK_GB: 10 });

test('a host: shares of what the scheduler may allocate, and the lines behind them', () => {
  const h = host(1536, 8);   // RAM: 1536 of 4096 × 1.5 = 6144; vCPU 8 of 32
  assert.equal(loadSummary(h), 'RAM 25% · vCPU 25% · disk 10%');
  assert.deepEqual(loadLines(h), [
    'RAM: 1.5 GiB used of 6.0 GiB allocatable (25%); physical 4.5 GiB, reserved 512 MiB, allocation ratio 1.5',
    'vCPUs: 8 used of 32 allocatable (25%); physical 2, reserved 0, allocation ratio 16',
    'Disk: 10 GiB used of 100 GiB allocatable (10%); physical 100 GiB, reserved 0 B, allocation ratio 1',
  ]);
  assert.deepEqual(nearFullReasons(h), []);
});

test('a host near full: allocation at 85% or more, or instances taking 85% of the physical memory', () => {
  // 3584 MiB of 4096 physical (88%), of 6144 allocatable (58%): the OOM risk only
  assert.deepEqual(nearFullReasons(host(3584, 0)),
    ['The instances take 3.5 GiB of the 4.0 GiB of physical memory (512 MiB free): with more, the host may run out of memory and kill instances.']);
  const full = nearFullReasons(host(6144, 30));
  assert.equal(full.length, 3);
  assert.match(full[0], /^RAM is 100% allocated/);
  assert.match(full[1], /^vCPUs is 94% allocated/);
});

test('quota rows: compute first, then what Neutron reports, in a fixed order', () => {
  const rows = quotaRows(
    { instances: { used: 1, limit: 10 }, cores: { used: 1, limit: 20 }, ram: { used: 512, limit: 512 }, raw: {} },
    { router: { used: 1, limit: 10, reserved: 0 }, floatingip: { used: 0, limit: -1, reserved: 0 }, rbac_policy: { used: 0, limit: 10, reserved: 0 } },
  );
  assert.deepEqual(rows.map((r) => r.id), ['compute.instances', 'compute.cores', 'compute.ram', 'network.floatingip', 'network.router']);
  assert.deepEqual(rows.map(quotaUsage), ['1 of 10 (10%)', '1 of 20 (5%)', '512 MiB of 512 MiB (100%)', '0 of unlimited', '1 of 10 (10%)']);
  assert.deepEqual(rows.map(nearLimit), [false, false, true, false, false]);
  assert.match(nearLimitSentence(rows[2]) ?? '', /^The quota is used up/);
  assert.equal(nearLimitSentence(rows[0]), undefined);
  assert.equal(nearLimit({ used: 0, limit: 0 }), true);    // a zero quota allows nothing
  assert.match(nearLimitSentence({ id: 'x', name: 'x', used: 9, limit: 10 }) ?? '', /^Nearly used up/);
});

test('quota rows: with Cinder, its volumes, gigabytes (in GiB) and snapshots come after compute', () => {
  const rows = quotaRows(
    { instances: { used: 1, limit: 10 }, cores: { used: 1, limit: 20 }, ram: { used: 512, limit: 51200 }, raw: {} },
    { router: { used: 1, limit: 10, reserved: 0 } },
    { volumes: { used: 2, limit: 10 }, gigabytes: { used: 950, limit: 1000 }, snapshots: { used: 0, limit: -1 } },
  );
  assert.deepEqual(rows.map((r) => r.id), ['compute.instances', 'compute.cores', 'compute.ram', 'volume.volumes', 'volume.gigabytes', 'volume.snapshots', 'network.router']);
  assert.deepEqual(rows.slice(3, 6).map(quotaUsage), ['2 of 10 (20%)', '950 GiB of 1000 GiB (95%)', '0 of unlimited']);
  assert.deepEqual(rows.slice(3, 6).map(nearLimit), [false, true, false]);
});

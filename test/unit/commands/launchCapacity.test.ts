// The warning before a launch: the project's quota (members and admins) and the hosts' free RAM from placement
// (admins), with the allocation ratio, max_unit and the physical memory behind it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capacityWarnings } from '../../../src/features/instances/model/launchCapacity';
import type { ComputeLimits } from '../../../src/openstack/computeModels';
import { toHostCapacity, type HostCapacity } from '../../../src/openstack/placementModels';

const limits = (instances: [number, number], cores: [number, number], ram: [number, number]): ComputeLimits => ({
  instances: { used: instances[0], limit: instances[1] }, cores: { used: cores[0], limit: cores[1] }, ram: { used: ram[0], limit: ram[1] }, raw: {},
});
const roomy = limits([0, -1], [0, -1], [0, -1]);

/** A host with TOTAL MiB of RAM (512 reserved), USED allocated, RATIO overcommit. */
const host = (name: string, total: number, used: number, ratio = 1.5, maxUnit = total): HostCapacity => toHostCapacity(`rp-${name}`, name, {
  MEMORY_MB: { total, reserved: 512, allocation_ratio: ratio, max_unit: maxUnit },
  VCPU: { total: 2, reserved: 0, allocation_ratio: 16, max_unit: 2 },
}, { MEMORY_MB: used, VCPU: 0 });

test('within quota and on a roomy host: no warning', () => {
  assert.deepEqual(capacityWarnings({ ram: 512, vcpus: 1, count: 2 }, { limits: limits([1, 10], [1, 20], [512, 51200]), hosts: [host('vm', 8192, 512)] }), []);
});

test('the quota: RAM, vCPUs and instances left, in words, and that Nova refuses it', () => {
  assert.deepEqual(capacityWarnings({ ram: 2048, vcpus: 1, count: 1 }, { limits: limits([0, 10], [0, 20], [0, 512]) }),
    ['This needs 2.0 GiB of RAM; your project\'s quota has 512 MiB left: Nova will refuse it.']);
  assert.deepEqual(capacityWarnings({ ram: 256, vcpus: 2, count: 3 }, { limits: limits([8, 10], [16, 20], [0, -1]) }), [
    'This launches 3 instance(s); your project\'s quota allows 2 more: Nova will refuse it.',
    'This needs 6 vCPU(s); your project\'s quota has 4 left: Nova will refuse it.',
  ]);
  // a quota overused (lowered below what runs) leaves nothing, never a negative amount
  assert.deepEqual(capacityWarnings({ ram: 64, vcpus: 0, count: 1 }, { limits: limits([0, 10], [0, 20], [1024, 512]) }),
    ['This needs 64 MiB of RAM; your project\'s quota has 0 B left: Nova will refuse it.']);
});

test('one host with less physical RAM free than the flavor, but room under the allocation ratio: it may run out of memory', () => {
  // physical: 4096 − 512 − 3284 = 300 MiB; allocatable: 3584 × 1.5 − 3284 = 2092 MiB
  assert.deepEqual(capacityWarnings({ ram: 1024, vcpus: 1, count: 1 }, { limits: roomy, hosts: [host('vm', 4096, 3284)] }),
    ['This needs 1.0 GiB of RAM; the host has 300 MiB free: it may run out of memory.']);
});

test('beyond what the scheduler may allocate (ratio honoured): no valid host', () => {
  // allocatable free: 3584 × 1.5 − 3284 = 2092 MiB < 3 GiB
  assert.deepEqual(capacityWarnings({ ram: 3072, vcpus: 1, count: 1 }, { limits: roomy, hosts: [host('vm', 4096, 3284)] }),
    ['This needs 3.0 GiB of RAM; the host has 2.0 GiB free even with overcommit: Nova will find no host for it ("No valid host was found").']);
  // max_unit caps what one instance may take, whatever the host has free
  assert.equal(capacityWarnings({ ram: 2048, vcpus: 1, count: 1 }, { limits: roomy, hosts: [host('big', 65536, 0, 1, 1024)] }).length, 1);
});

test('several hosts: one instance must fit on one host, the count across them all', () => {
  const hosts = [host('a', 2560, 0, 1), host('b', 2560, 1024, 1)];   // 2048 and 1024 MiB free
  assert.deepEqual(capacityWarnings({ ram: 1024, vcpus: 1, count: 3 }, { limits: roomy, hosts }), []);
  assert.deepEqual(capacityWarnings({ ram: 1536, vcpus: 1, count: 2 }, { limits: roomy, hosts }),
    ['This needs 3.0 GiB of RAM; the hosts have 3.0 GiB free, at most 2.0 GiB on one even with overcommit: Nova will find no host for it ("No valid host was found").']);
});

test('the quota and the host warn together; unreadable hosts (a member) or hosts without RAM add nothing', () => {
  const both = capacityWarnings({ ram: 4096, vcpus: 1, count: 1 }, { limits: limits([0, 10], [0, 20], [0, 1024]), hosts: [host('vm', 2048, 0)] });
  assert.equal(both.length, 2);
  assert.deepEqual(capacityWarnings({ ram: 4096, vcpus: 1, count: 1 }, { limits: roomy }), []);
  const diskOnly = toHostCapacity('rp', 'storage', { DISK_GB: { total: 100, reserved: 0, allocation_ratio: 1, max_unit: 100 } }, {});
  assert.deepEqual(capacityWarnings({ ram: 4096, vcpus: 1, count: 1 }, { limits: roomy, hosts: [diskOnly] }), []);
});

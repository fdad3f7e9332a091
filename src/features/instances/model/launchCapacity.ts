// Whether a launch will fit before it is sent: the project's remaining quota (what Nova refuses outright) and,
// when placement can be read (admins), the hosts' free RAM: one instance must fit on one host, within what the
// scheduler may allocate (allocation ratio and max_unit honoured) and, to stay clear of the OOM killer, within
// the host's physical memory. Pure: unit-tested.
import * as l10n from '@vscode/l10n';
import { formatBytes } from '../../../core/format';
import type { ComputeLimits, Usage } from '../../../openstack/computeModels';
import { allocatableFree, physicalFree, type HostCapacity, type Resource } from '../../../openstack/placementModels';

export interface LaunchNeed {
  /** Per instance, MiB. */
  ram: number;
  vcpus: number;
  count: number;
}

export interface LaunchRoom {
  limits: ComputeLimits;
  /** Placement's hosts; undefined when they cannot be read (a member). */
  hosts?: HostCapacity[];
}

const mib = (n: number) => formatBytes(n * 1024 * 1024);
const left = (u: Usage) => (u.limit < 0 ? Infinity : Math.max(0, u.limit - u.used));

/** What would make the launch fail or the host run out of memory, as sentences for a student; empty when it fits. */
export function capacityWarnings(need: LaunchNeed, room: LaunchRoom): string[] {
  return [...quotaWarnings(need, room.limits), ...hostWarnings(need, room.hosts ?? [])];
}

function quotaWarnings(need: LaunchNeed, limits: ComputeLimits): string[] {
  const warnings: string[] = [];
  const refuse = l10n.t('Nova will refuse it.');
  if (need.count > left(limits.instances)) {
    warnings.push(l10n.t('This launches {0} instance(s); your project\'s quota allows {1} more: {2}', need.count, left(limits.instances), refuse));
  }
  if (need.vcpus * need.count > left(limits.cores)) {
    warnings.push(l10n.t('This needs {0} vCPU(s); your project\'s quota has {1} left: {2}', need.vcpus * need.count, left(limits.cores), refuse));
  }
  if (need.ram * need.count > left(limits.ram)) {
    warnings.push(l10n.t('This needs {0} of RAM; your project\'s quota has {1} left: {2}', mib(need.ram * need.count), mib(left(limits.ram)), refuse));
  }
  return warnings;
}

/** How many instances of RAM MiB fit on the hosts when each may take FREE of a host. */
function fitting(rams: Resource[], ram: number, free: (r: Resource) => number): number {
  return ram <= 0 ? Infinity : rams.reduce((n, r) => n + Math.floor(free(r) / ram), 0);
}

function hostWarnings(need: LaunchNeed, hosts: HostCapacity[]): string[] {
  const rams = hosts.map((h) => h.ram).filter((r): r is Resource => !!r);
  if (rams.length === 0 || need.ram <= 0) return [];
  const total = mib(need.ram * need.count);
  const most = (free: (r: Resource) => number) => Math.max(...rams.map(free));
  const sum = (free: (r: Resource) => number) => rams.reduce((n, r) => n + free(r), 0);
  const where = (free: (r: Resource) => number) => (rams.length === 1
    ? l10n.t('the host has {0} free', mib(free(rams[0])))
    : l10n.t('the hosts have {0} free, at most {1} on one', mib(sum(free)), mib(most(free))));
  if (fitting(rams, need.ram, allocatableFree) < need.count) {
    return [l10n.t('This needs {0} of RAM; {1} even with overcommit: Nova will find no host for it ("No valid host was found").', total, where(allocatableFree))];
  }
  if (fitting(rams, need.ram, physicalFree) < need.count) {
    return [l10n.t('This needs {0} of RAM; {1}: it may run out of memory.', total, where(physicalFree))];
  }
  return [];
}

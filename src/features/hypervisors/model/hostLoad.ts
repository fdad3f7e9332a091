// How full a compute host is, as the Hypervisors rows show it: each resource's share of what the scheduler may
// allocate, and the sentences that explain a host near full. Pure: unit-tested.
import * as l10n from '@vscode/l10n';
import { formatBytes } from '../../../core/format';
import { allocatable, physicalFree, type HostCapacity, type Resource } from '../../../openstack/placementModels';

/** The share from which a row turns to the warning colour. */
export const NEAR_FULL = 0.85;

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** Used ÷ allocatable, 0 when nothing can be allocated at all. */
export function share(r: Resource): number {
  const cap = allocatable(r);
  return cap > 0 ? r.used / cap : r.used > 0 ? 1 : 0;
}

/** Used ÷ physical (total − reserved): above 1 the host's memory is overcommitted. */
export function physicalShare(r: Resource): number {
  const physical = r.total - r.reserved;
  return physical > 0 ? r.used / physical : r.used > 0 ? 1 : 0;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** "RAM 45% · vCPU 3% · disk 0%". */
export function loadSummary(h: HostCapacity): string {
  return [
    h.ram && l10n.t('RAM {0}', percent(share(h.ram))),
    h.vcpu && l10n.t('vCPU {0}', percent(share(h.vcpu))),
    h.disk && l10n.t('disk {0}', percent(share(h.disk))),
  ].filter(Boolean).join(' · ');
}

/** One line per resource: used of allocatable, with the reservation and the ratio behind it. */
export function loadLines(h: HostCapacity): string[] {
  const line = (name: string, r: Resource | undefined, size: (n: number) => string) => r && l10n.t(
    '{0}: {1} used of {2} allocatable ({3}); physical {4}, reserved {5}, allocation ratio {6}',
    name, size(r.used), size(allocatable(r)), percent(share(r)), size(r.total), size(r.reserved), String(r.ratio),
  );
  return [
    line(l10n.t('RAM'), h.ram, (n) => formatBytes(n * MiB)),
    line(l10n.t('vCPUs'), h.vcpu, String),
    line(l10n.t('Disk'), h.disk, (n) => formatBytes(n * GiB)),
  ].filter((l): l is string => !!l);
}

/** Why the host is near full, in sentences; empty when it is not. */
export function nearFullReasons(h: HostCapacity): string[] {
  const reasons: string[] = [];
  const full = (name: string, r: Resource | undefined) => {
    if (r && share(r) >= NEAR_FULL) reasons.push(l10n.t('{0} is {1} allocated: the scheduler may find no room for a new instance.', name, percent(share(r))));
  };
  full(l10n.t('RAM'), h.ram);
  full(l10n.t('vCPUs'), h.vcpu);
  full(l10n.t('Disk'), h.disk);
  if (h.ram && physicalShare(h.ram) >= NEAR_FULL) {
    reasons.push(l10n.t(
      'The instances take {0} of the {1} of physical memory ({2} free): with more, the host may run out of memory and kill instances.',
      formatBytes(h.ram.used * MiB), formatBytes((h.ram.total - h.ram.reserved) * MiB), formatBytes(physicalFree(h.ram) * MiB),
    ));
  }
  return reasons;
}

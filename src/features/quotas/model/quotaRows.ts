// The project's quota usage as rows: Nova's absolute limits (instances, vCPUs, RAM), Cinder's (volumes, their
// gigabytes, snapshots) and Neutron's quota details (floating IPs, networks, routers, …), each with how close it is
// to the limit. Pure: unit-tested.
import * as l10n from '@vscode/l10n';
import { formatBytes } from '../../../core/format';
import type { VolumeLimits } from '../../../openstack/blockStorageModels';
import type { ComputeLimits, Usage } from '../../../openstack/computeModels';
import type { NetworkQuotas } from '../../../openstack/networkModels';

/** The share from which a row turns to the warning colour. */
export const NEAR_LIMIT = 0.85;

export interface QuotaRow {
  /** `compute.ram`, `network.floatingip`: stable across loads. */
  id: string;
  /** Kept for the tree's generic resource rows (Find, Inspect): the label. */
  name: string;
  used: number;
  /** −1: unlimited. */
  limit: number;
  /** Bytes per counted unit, for quotas of a size: RAM in MiB, volume storage in GiB. */
  unitBytes?: number;
}

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

const NETWORK_LABELS = (): [string, string][] => [
  ['floatingip', l10n.t('Floating IPs')],
  ['network', l10n.t('Networks')],
  ['subnet', l10n.t('Subnets')],
  ['port', l10n.t('Ports')],
  ['router', l10n.t('Routers')],
  ['security_group', l10n.t('Security groups')],
  ['security_group_rule', l10n.t('Security group rules')],
];

/** Compute rows first (what a launch needs), then the volume ones when the cloud has Cinder, then the network ones Neutron reports, in a fixed order. */
export function quotaRows(limits: ComputeLimits, network: NetworkQuotas, volumes?: VolumeLimits): QuotaRow[] {
  const row = (id: string, name: string, u: Usage, unitBytes?: number): QuotaRow => ({ id, name, used: u.used, limit: u.limit, unitBytes });
  const rows = [
    row('compute.instances', l10n.t('Instances'), limits.instances),
    row('compute.cores', l10n.t('vCPUs'), limits.cores),
    row('compute.ram', l10n.t('RAM'), limits.ram, MIB),
  ];
  if (volumes) {
    rows.push(row('volume.volumes', l10n.t('Volumes'), volumes.volumes), row('volume.gigabytes', l10n.t('Volume storage'), volumes.gigabytes, GIB),
      row('volume.snapshots', l10n.t('Volume snapshots'), volumes.snapshots));
  }
  for (const [key, name] of NETWORK_LABELS()) {
    const q = network[key];
    if (q) rows.push(row(`network.${key}`, name, q));
  }
  return rows;
}

/** Used ÷ limit; 0 when unlimited, 1 when the limit is 0 (nothing may be created). */
export function quotaShare(row: Pick<QuotaRow, 'used' | 'limit'>): number {
  if (row.limit < 0) return 0;
  return row.limit === 0 ? 1 : row.used / row.limit;
}

export function nearLimit(row: Pick<QuotaRow, 'used' | 'limit'>): boolean {
  return quotaShare(row) >= NEAR_LIMIT;
}

/** "3 of 10 (30%)", "512 MiB of 50 GiB (1%)", "3 of unlimited". */
export function quotaUsage(row: QuotaRow): string {
  const size = (n: number) => (row.unitBytes ? formatBytes(n * row.unitBytes) : String(n));
  if (row.limit < 0) return l10n.t('{0} of unlimited', size(row.used));
  return l10n.t('{0} of {1} ({2}%)', size(row.used), size(row.limit), String(Math.round(quotaShare(row) * 100)));
}

/** The tooltip's sentence for a row near its limit. */
export function nearLimitSentence(row: QuotaRow): string | undefined {
  if (!nearLimit(row)) return undefined;
  return row.used >= row.limit
    ? l10n.t('The quota is used up: OpenStack refuses to create more until something is deleted or an admin raises it.')
    : l10n.t('Nearly used up: what remains may not be enough for the next one.');
}

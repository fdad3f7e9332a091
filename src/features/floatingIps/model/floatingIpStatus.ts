// What the tree can tell of a floating IP's path from the lists it loads anyway: Neutron's status of an
// associated floating IP, worded as the reachability doctor's floating-IP check words it. Pure: no vscode import.
import * as l10n from '@vscode/l10n';
import type { FloatingIp } from '../../../openstack/networkModels';

/** After a warning in a tooltip: the command that checks the whole path. */
export const diagnoseHint = () => l10n.t('Diagnose Reachability… finds out why.');

/** The row's description: the instance (or fixed address) it reaches, or that it is free; then its status. */
export function floatingIpDescription(fip: FloatingIp, serverName?: string): string {
  const reaches = fip.portId ? `→ ${serverName ?? fip.fixedIpAddress ?? fip.portId}` : l10n.t('not associated');
  return `${reaches} · ${fip.status}`;
}

/** Why an associated floating IP does not carry traffic, in one sentence; undefined when it does, or is free (DOWN is its normal state). */
export function floatingIpWarning(fip: FloatingIp): string | undefined {
  if (!fip.portId || fip.status === 'ACTIVE') return undefined;
  return fip.fixedIpAddress ? l10n.t('Floating IP {0} is {1}: Neutron has not wired it to {2}.', fip.floatingIpAddress, fip.status, fip.fixedIpAddress)
    : l10n.t('Floating IP {0} is {1}: Neutron has not wired it to port {2}.', fip.floatingIpAddress, fip.status, fip.portId);
}

/**
 * Neutron reports a floating IP DOWN for a moment after every association (ACTIVE after a disassociation), until
 * the router's L3 agent has redone its NAT: the tree reloads until it settles, so that no warning outlives a
 * working association.
 */
export function floatingIpSettling(fip: FloatingIp): boolean {
  return fip.portId ? fip.status === 'DOWN' : fip.status === 'ACTIVE';
}

/**
 * The warning for an ACTIVE instance whose floating IPs (FIPS, of any instance) all fail to carry traffic: the
 * first one's. Undefined for an instance without a floating IP: many are internal on purpose.
 */
export function serverFloatingIpWarning(server: { id: string; status: string }, fips: readonly FloatingIp[]): string | undefined {
  if (server.status !== 'ACTIVE') return undefined;
  const own = fips.filter((f) => f.portId && f.deviceId === server.id);
  const warnings = own.map(floatingIpWarning);
  return warnings.every((w) => w !== undefined) ? warnings[0] : undefined;
}

// The doctor's output: an ordered checklist of links, each passed, failed or unknown with the evidence that
// decided it (the resource, the field, the value), and for a failed link the fix that would mend it.
// Pure: no vscode import; the UI only renders these.
import type { Fix } from './fixes';

export type CheckStatus = 'passed' | 'failed' | 'unknown';

export type CheckId =
  | 'instance-running' | 'port-up'
  | 'router-interface' | 'router-up' | 'router-gateway'
  | 'floating-ip'
  | 'ingress-icmp' | 'ingress-ssh'
  | 'l3-agent' | 'dhcp-agent' | 'compute-service'
  | 'local-route'
  | 'guest-dhcp' | 'guest-metadata'
  | 'probe-ping' | 'probe-ssh';

export type ResourceKind =
  | 'server' | 'port' | 'subnet' | 'network' | 'router' | 'floating_ip' | 'security_group' | 'security_group_rule'
  | 'agent' | 'compute_service' | 'console_log' | 'local_route' | 'probe';

/** One fact a check read: RESOURCE's FIELD had VALUE. */
export interface Evidence {
  kind: ResourceKind;
  id: string;
  name: string;
  field: string;
  value: string;
}

export interface Check {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** One sentence: what was found; for a failed check, the broken link and what it breaks. */
  summary: string;
  evidence: Evidence[];
  /** The openstack CLI line(s) that show the same evidence; undefined for checks made on this machine. */
  cli?: string;
  /** For a failed check, where a command mends it. */
  fix?: Fix;
}

/** ITEM's name, or its ID when it has none. */
export function named(item: { id: string; name?: string }): string {
  return item.name || item.id;
}

export function evidence(kind: ResourceKind, item: { id: string; name?: string }, field: string, value: unknown): Evidence {
  return { kind, id: item.id, name: item.name ?? '', field, value: String(value) };
}

type CheckFields = Omit<Check, 'status'>;

export const passed = (fields: CheckFields): Check => ({ ...fields, status: 'passed' });
export const failed = (fields: CheckFields): Check => ({ ...fields, status: 'failed' });
export const unknown = (fields: CheckFields): Check => ({ ...fields, status: 'unknown' });

// What every check reads: the snapshot, the path through it, and how CLI lines name things.
import type { DoctorCli } from './fixes';
import type { ReachabilityPath } from './path';
import type { ReachabilitySnapshot } from './snapshot';

export interface CheckInput {
  snapshot: ReachabilitySnapshot;
  path: ReachabilityPath;
  cli: DoctorCli;
}

/** The instance's address the checks are about, for sentences: the fixed IP, else the instance's name. */
export function targetAddress({ path, snapshot }: CheckInput): string {
  return path.fixedIp?.ipAddress ?? (snapshot.server.name || snapshot.server.id);
}

// Which project a resource belongs to: Neutron and Glance say project_id (tenant_id before Queens). An admin's
// lists hold every project's resources, so commands that act on "this project's" filter with ownedBy.
import type { OpenStackClient } from '../openstack/client';
import type { Scope } from './target';

/** The project that owns ITEM, when the service says. */
export function projectOf(item: { raw: Record<string, unknown> }): unknown {
  return item.raw.project_id ?? item.raw.tenant_id;
}

/** Whether PROJECT_ID owns ITEM. */
export function ownedBy(item: { raw: Record<string, unknown> }, projectId: string): boolean {
  return projectOf(item) === projectId;
}

/**
 * The project whose view Neutron and Glance lists show: an admin's token lists every project's resources, so
 * they are narrowed to the node's project unless its "All projects" is on. Undefined: the token's own list,
 * which for a member is its project's view already.
 */
export function viewOf(client: OpenStackClient, scope: Pick<Scope, 'projectId' | 'allProjects'>): string | undefined {
  return client.session.isAdmin && !scope.allProjects ? scope.projectId : undefined;
}

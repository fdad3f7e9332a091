// Keystone: the projects the signed-in user can switch to.
import type { Session } from './session';

export interface Project {
  id: string;
  name: string;
  domainId: string;
  enabled: boolean;
  description: string;
  raw: Record<string, unknown>;
}

interface KeystoneProject {
  id: string;
  name: string;
  domain_id: string;
  enabled?: boolean;
  description?: string;
}

/** `GET /v3/auth/projects` (Keystone 3.3+): unlike /users/{id}/projects, any user may call it. Not paginated. */
export async function listProjects(session: Session, signal?: AbortSignal): Promise<Project[]> {
  const res = await session.request('identity', '/auth/projects', { method: 'GET', signal });
  const { projects } = await res.json<{ projects: KeystoneProject[] }>();
  return projects.map((p) => ({
    id: p.id, name: p.name, domainId: p.domain_id, enabled: p.enabled ?? true, description: p.description ?? '',
    raw: p as unknown as Record<string, unknown>,
  }));
}

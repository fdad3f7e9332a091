// Keystone as a service beside compute, network and image: the projects the signed-in user can switch to.
import type { HttpMethod, HttpResponse } from './http';

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

/** What Keystone's calls need of the session (named here so that the session can use this service too). */
export interface IdentitySession {
  request(serviceType: string, path: string, req: { method: HttpMethod; signal?: AbortSignal }): Promise<HttpResponse>;
}

export class IdentityService {
  constructor(private readonly session: IdentitySession) {}

  /** `GET /v3/auth/projects` (Keystone 3.3+): unlike /users/{id}/projects, any user may call it. Not paginated. */
  async projects(signal?: AbortSignal): Promise<Project[]> {
    const res = await this.session.request('identity', '/auth/projects', { method: 'GET', signal });
    const { projects } = await res.json<{ projects: KeystoneProject[] }>();
    return projects.map((p) => ({
      id: p.id, name: p.name, domainId: p.domain_id, enabled: p.enabled ?? true, description: p.description ?? '',
      raw: p as unknown as Record<string, unknown>,
    }));
  }
}

// Where a command acts and a tree node lives: a cloud, a project in it, and the client scoped to that project.
// Pure types, shared by the models (which act on a Target), the tree (whose nodes carry a Scope) and the commands.
import type { OpenStackClient } from '../openstack/client';

export interface Target {
  cloud: string;
  projectId: string;
  client: OpenStackClient;
}

/** Where a node lives: cloud, project and the client scoped to it. */
export interface Scope {
  cloud: string;
  projectId: string;
  projectName: string;
  client(): Promise<OpenStackClient>;
  /** An admin's "All projects": lists show every project's resources, as the token returns them. */
  allProjects?: boolean;
}

// What a command acts on: the cloud and project of the tree node it was invoked on (context menu, inline
// action), else the active cloud and project (palette, keybinding). Shared by every resource command.
import * as l10n from '@vscode/l10n';
import type { ActiveCloud } from './activeCloud';
import type { CloudRegistry } from './cloudRegistry';
import { ConfigError } from '../openstack/config';
import type { Scope } from '../core/target';
import type { CliContext } from '../core/cliLine';
import type { Target } from '../core/target';

export interface TargetDeps {
  active: Pick<ActiveCloud, 'cloud' | 'client'>;
}

/** The Scope of NODE: its own (project, category) or its nearest ancestor's; undefined for anything else. */
export function scopeOf(node: unknown): Scope | undefined {
  for (let n = node as { scope?: unknown; parent?: unknown } | undefined; n && typeof n === 'object'; n = n.parent as typeof n) {
    const scope = n.scope as Partial<Scope> | undefined;
    if (scope && typeof scope.cloud === 'string' && typeof scope.projectId === 'string' && typeof scope.client === 'function') return scope as Scope;
  }
  return undefined;
}

/**
 * The node's cloud and project when NODE is a tree node, else the active cloud and project. Rejects with a
 * message naming "Add Cloud…" when there is no cloud at all.
 */
export async function resolveTarget(node: unknown, deps: TargetDeps): Promise<Target> {
  const scope = scopeOf(node);
  if (scope) return { cloud: scope.cloud, projectId: scope.projectId, client: await scope.client() };
  const cloud = deps.active.cloud;
  if (!cloud) throw new ConfigError('unknown-cloud', l10n.t('There is no OpenStack cloud yet: add one with "OpenStack: Add Cloud…", then run the command again.'));
  const client = await deps.active.client();
  const projectId = client.session.projectId;
  if (!projectId) {
    throw new ConfigError('unknown-cloud', l10n.t("Cloud '{0}' is not scoped to a project: choose one with \"OpenStack: Select Cloud…\".", cloud.name));
  }
  return { cloud: cloud.name, projectId, client };
}

/**
 * Where a "Copy as openstack CLI" line runs: `--os-cloud` when clouds.yaml names the cloud (not one added in the
 * editor or made of OS_* variables), `--os-project-id` when TARGET is not the cloud's configured project.
 */
export async function cliContextOf(target: Target, registry: Pick<CloudRegistry, 'cloud' | 'client'>): Promise<CliContext> {
  const source = registry.cloud(target.cloud)?.source;
  const named = source !== undefined && source !== 'env' && source !== 'extension';
  const configured = await registry.client(target.cloud).then((c) => c.session.projectId, () => undefined);
  return {
    cloud: named ? target.cloud : undefined,
    projectId: configured === target.projectId ? undefined : target.projectId,
    ...(source === 'extension' ? { addedInEditor: target.cloud } : {}),
  };
}

/** The project a command works in, resolved once: its cloud, project and client, and how a copied CLI line names them. */
export interface ProjectContext extends Target {
  /** `--os-cloud`/`--os-project-id` for Copy as openstack CLI; asked on first use, then kept. */
  cli(): Promise<CliContext>;
}

/** The ProjectContext of NODE (see resolveTarget). */
export async function projectContext(node: unknown, deps: TargetDeps & { registry: Pick<CloudRegistry, 'cloud' | 'client'> }): Promise<ProjectContext> {
  const target = await resolveTarget(node, deps);
  let cli: Promise<CliContext> | undefined;
  return { ...target, cli: () => (cli ??= cliContextOf(target, deps.registry)) };
}

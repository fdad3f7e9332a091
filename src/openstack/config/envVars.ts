import type { CloudConfig } from './cloudConfig';
import { normaliseCloud } from './normaliseCloud';
import type { Env } from './searchPath';

// CI and oslotest variables that loader.py _get_os_environ skips.
const IGNORED_PREFIXES = ['OS_TEST', 'OS_STD', 'OS_LOG'];

// Variables that pick or locate a cloud rather than describe one.
const SELECTORS = new Set(['OS_CLOUD', 'OS_REGION_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE', 'OS_CLOUD_NAME']);

function cloudVarNames(vars: Env): string[] {
  return Object.keys(vars).filter(
    (name) => name.startsWith('OS_') && vars[name] !== undefined && !IGNORED_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
}

/** openstacksdk builds the `envvars` cloud only when an OS_* variable other than the selectors is set. */
export function hasCloudEnvVars(env: Env): boolean {
  return cloudVarNames(env).some((name) => !SELECTORS.has(name));
}

/**
 * The cloud that OS_* variables describe: the `envvars` cloud, or an openrc file's variables
 * (source 'extension'). As in loader.py, OS_FOO becomes the top-level key foo and then goes
 * through the same normalisation as clouds.yaml, which maps OS_TENANT_NAME to project_name,
 * OS_ENDPOINT_TYPE to interface, OS_USERNAME to auth.username and so on.
 * Throws ConfigError when the variables cannot make a cloud.
 */
export function cloudFromEnvVars(
  vars: Env,
  opts: { homeDir: string; name?: string; source?: 'env' | 'extension' },
): CloudConfig {
  const raw = Object.fromEntries(cloudVarNames(vars).map((name) => [name.slice(3).toLowerCase(), vars[name]]));
  return normaliseCloud(opts.name ?? 'envvars', raw, { source: opts.source ?? 'env', homeDir: opts.homeDir });
}

import type { CloudConfig } from './cloudConfig';
import { normaliseCloud } from './normaliseCloud';
import type { Env } from './searchPath';

// CI and oslotest variables that loader.py _get_os_environ skips.
const IGNORED_PREFIXES = ['OS_TEST', 'OS_STD', 'OS_LOG'];

/** Variables that pick or locate a cloud rather than describe one: they make no sense in a saved cloud. */
export const CLOUD_SELECTORS: ReadonlySet<string> = new Set(['OS_CLOUD', 'OS_CLOUD_NAME', 'OS_CLIENT_CONFIG_FILE', 'OS_CLIENT_SECURE_FILE']);

// openstacksdk also takes OS_REGION_NAME alone as a choice among a clouds.yaml cloud's regions, not as a cloud.
const SELECTORS = new Set([...CLOUD_SELECTORS, 'OS_REGION_NAME']);

/** The variable that carries each kind of secret a cloud may be missing (clientOptions' missingSecret). */
export const SECRET_VARS = { password: 'OS_PASSWORD', applicationCredentialSecret: 'OS_APPLICATION_CREDENTIAL_SECRET', token: 'OS_TOKEN' } as const;

const ALL_SECRET_VARS: ReadonlySet<string> = new Set([...Object.values(SECRET_VARS), 'OS_AUTH_TOKEN']);

/** Whether variable NAME holds a secret (kept in SecretStorage, never with the cloud's other settings). */
export function isSecretVar(name: string): boolean {
  return ALL_SECRET_VARS.has(name);
}

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

import { isMapping, type Mapping } from './mappings';

// loader.py _fix_backwards_auth: these move into auth; a top-level value (often an OS_* or CLI
// override) beats the one in auth, and a later name in each list beats an earlier one.
const TOP_LEVEL_WINS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['domain_id', ['domain_id']],
  ['domain_name', ['domain_name']],
  ['user_domain_id', ['user_domain_id']],
  ['user_domain_name', ['user_domain_name']],
  ['project_domain_id', ['project_domain_id']],
  ['project_domain_name', ['project_domain_name']],
  ['token', ['auth_token', 'token']],
  ['project_id', ['tenant_id', 'project_id']],
  ['project_name', ['tenant_name', 'project_name']],
];

// keystoneauth plugin options that loader.py _validate_auth lifts from the top level (where
// OS_* variables land) when auth has no value. It lifts only the chosen plugin's options;
// lifting them all is harmless because each auth type reads only its own.
const AUTH_WINS = [
  'auth_url',
  'username',
  'user_id',
  'password',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'default_domain_id',
  'default_domain_name',
  'system_scope',
  'trust_id',
];

/** The auth dict as openstacksdk hands it to keystoneauth, with default_domain_* applied as keystoneauth does. */
export function resolveAuth(conf: Mapping): Mapping {
  const auth: Mapping = isMapping(conf.auth) ? { ...conf.auth } : {};
  for (const [target, names] of TOP_LEVEL_WINS) {
    let value = '';
    for (const name of names) {
      if (name in auth) value = text(auth[name]);
      delete auth[name];
      if (name in conf) value = text(conf[name]);
    }
    if (value) auth[target] = value;
  }
  const projectScoped = 'project_id' in auth || 'project_name' in auth;
  // loader.py _handle_domain_id: with a project, domain_* is shorthand for both the user and
  // the project domain; without one it scopes the token to that domain.
  if (projectScoped) {
    for (const kind of ['id', 'name']) {
      const shorthand = auth[`domain_${kind}`];
      delete auth[`domain_${kind}`];
      if (shorthand === undefined) continue;
      for (const scope of ['user', 'project']) auth[`${scope}_domain_${kind}`] ??= shorthand;
    }
  }
  for (const key of AUTH_WINS) {
    const value = auth[key] || conf[key];
    if (value) auth[key] = value;
  }
  // keystoneauth's generic plugins fall back to default_domain_* for a user or project domain
  // given neither by id nor by name.
  for (const scope of projectScoped ? ['user', 'project'] : ['user']) {
    if (auth[`${scope}_domain_id`] || auth[`${scope}_domain_name`]) continue;
    if (auth.default_domain_id) auth[`${scope}_domain_id`] = auth.default_domain_id;
    if (auth.default_domain_name) auth[`${scope}_domain_name`] = auth.default_domain_name;
  }
  return auth;
}

// Python's str() on what clouds.yaml holds; a null value counts as unset.
function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

// Keystone v3 token requests for the auth types the extension supports, built from clouds.yaml-style fields.
// Checks what Keystone would reject with a vague 400 ("Expecting to find domain in user") and says which key is missing.
import * as l10n from '@vscode/l10n';
import { OpenStackError } from './errors';

/** The `auth_type` and `auth:` keys of one cloud, spelled as in clouds.yaml. */
export interface AuthSpec {
  /** `password`, `v3password`, `v3applicationcredential`, `v3token` or `token`; anything else fails at auth time. */
  authType: string;
  auth_url: string;
  username?: string;
  user_id?: string;
  password?: string;
  user_domain_name?: string;
  user_domain_id?: string;
  project_name?: string;
  project_id?: string;
  project_domain_name?: string;
  project_domain_id?: string;
  /** The scope when no project is given; with a project, the default for the user and project domains. */
  domain_name?: string;
  domain_id?: string;
  application_credential_id?: string;
  application_credential_name?: string;
  application_credential_secret?: string;
  token?: string;
}

export const SUPPORTED_AUTH_TYPES = ['password', 'v3password', 'v3applicationcredential', 'v3token', 'token'] as const;

interface NameOrId {
  id?: string;
  name?: string;
  domain?: NameOrId;
}

export type TokenScope = { project: NameOrId } | { domain: NameOrId } | undefined;

export interface TokenRequestBody {
  auth: { identity: Record<string, unknown> & { methods: string[] }; scope?: TokenScope };
}

/** The body of `POST /v3/auth/tokens` for SPEC. */
export function tokenRequestBody(spec: AuthSpec): TokenRequestBody {
  switch (spec.authType) {
    case 'password':
    case 'v3password':
      return passwordBody(spec);
    case 'v3applicationcredential':
      return applicationCredentialBody(spec);
    case 'v3token':
    case 'token':
      return tokenBody(required(spec, 'token'), scopeOf(spec));
    default:
      throw configError(
        l10n.t("auth_type '{0}' is not supported; use one of {1}.", spec.authType, SUPPORTED_AUTH_TYPES.join(', ')),
      );
  }
}

/** A token exchanged for another, e.g. to re-scope to a project without sending the password again. */
export function tokenBody(token: string, scope: TokenScope): TokenRequestBody {
  return withScope({ methods: ['token'], token: { id: token } }, scope);
}

/** SPEC scoped to PROJECT_ID instead of whatever it named. */
export function withProject(spec: AuthSpec, projectId: string): AuthSpec {
  const scoped: AuthSpec = { ...spec, project_id: projectId };
  for (const key of ['project_name', 'project_domain_name', 'project_domain_id'] as const) delete scoped[key];
  return scoped;
}

function passwordBody(spec: AuthSpec): TokenRequestBody {
  const password = required(spec, 'password');
  const user = spec.user_id
    ? { id: spec.user_id, password }
    : { name: required(spec, 'username'), domain: domainOf(spec, 'user', 'username'), password };
  return withScope({ methods: ['password'], password: { user } }, scopeOf(spec));
}

// The credential fixes the scope: Keystone refuses a token request that names one.
function applicationCredentialBody(spec: AuthSpec): TokenRequestBody {
  const secret = required(spec, 'application_credential_secret');
  let credential: Record<string, unknown>;
  if (spec.application_credential_id) {
    credential = { id: spec.application_credential_id, secret };
  } else if (spec.application_credential_name) {
    // A name is only unique per user.
    const user = spec.user_id
      ? { id: spec.user_id }
      : spec.username
        ? { name: spec.username, domain: domainOf(spec, 'user', 'username') }
        : undefined;
    if (!user) throw configError(l10n.t('application_credential_name needs user_id, or username with user_domain_name.'));
    credential = { name: spec.application_credential_name, secret, user };
  } else {
    throw configError(l10n.t('v3applicationcredential needs application_credential_id, or application_credential_name.'));
  }
  return { auth: { identity: { methods: ['application_credential'], application_credential: credential } } };
}

function scopeOf(spec: AuthSpec): TokenScope {
  if (spec.project_id) return { project: { id: spec.project_id } };
  if (spec.project_name) return { project: { name: spec.project_name, domain: domainOf(spec, 'project', 'project_name') } };
  if (spec.domain_id) return { domain: { id: spec.domain_id } };
  if (spec.domain_name) return { domain: { name: spec.domain_name } };
  return undefined;
}

/** The domain a user or project name lives in; with a project scope domain_* stands in for both, as in openstacksdk. */
function domainOf(spec: AuthSpec, owner: 'user' | 'project', nameKey: string): NameOrId {
  const projectScoped = Boolean(spec.project_id || spec.project_name);
  const id = spec[`${owner}_domain_id`] ?? (projectScoped ? spec.domain_id : undefined);
  const name = spec[`${owner}_domain_name`] ?? (projectScoped ? spec.domain_name : undefined);
  if (id) return { id };
  if (name) return { name };
  throw configError(l10n.t("{0} needs {1} or {2} (often 'Default' or 'default').", nameKey, `${owner}_domain_name`, `${owner}_domain_id`));
}

function withScope(identity: TokenRequestBody['auth']['identity'], scope: TokenScope): TokenRequestBody {
  return { auth: scope ? { identity, scope } : { identity } };
}

function required(spec: AuthSpec, key: 'password' | 'username' | 'token' | 'application_credential_secret'): string {
  const value = spec[key];
  if (!value) throw configError(l10n.t("auth_type '{0}' needs {1}.", spec.authType, key));
  return value;
}

function configError(text: string): OpenStackError {
  return new OpenStackError({ kind: 'config', text });
}

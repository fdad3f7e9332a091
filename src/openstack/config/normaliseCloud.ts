import * as l10n from '@vscode/l10n';
import { resolveAuth } from './authKeys';
import {
  AUTH_TYPES,
  type AuthType,
  type CloudAuth,
  type CloudConfig,
  type CloudSource,
  type CloudTls,
  type EndpointInterface,
  INTERFACES,
} from './cloudConfig';
import { cloudProblem } from './cloudSource';
import type { ConfigError, ConfigErrorCode } from './errors';
import { isMapping, type Mapping, normaliseKeys, stringValue } from './mappings';
import { apiVersions, endpointOverrides } from './serviceKeys';

export interface NormaliseContext {
  source: CloudSource;
  /** For `~` in cacert, cert and key, as os.path.expanduser does. */
  homeDir: string;
}

type Fail = (code: ConfigErrorCode, rest: string) => ConfigError;

const AUTH_FIELDS = {
  authUrl: 'auth_url',
  username: 'username',
  userId: 'user_id',
  password: 'password',
  userDomainName: 'user_domain_name',
  userDomainId: 'user_domain_id',
  projectName: 'project_name',
  projectId: 'project_id',
  projectDomainName: 'project_domain_name',
  projectDomainId: 'project_domain_id',
  domainName: 'domain_name',
  domainId: 'domain_id',
  applicationCredentialId: 'application_credential_id',
  applicationCredentialName: 'application_credential_name',
  applicationCredentialSecret: 'application_credential_secret',
  token: 'token',
} as const satisfies Record<keyof CloudAuth, string>;

/**
 * One cloud as openstacksdk's get_one would see it: defaults, the first region's values,
 * magic_fixes and the auth plugin's option lifting. Throws ConfigError when it cannot be used.
 *
 * `profile:` (and its old spelling `cloud:`) names a vendor profile or clouds-public.yaml
 * entry; those are not expanded here, so such a cloud must spell out what it needs.
 */
export function normaliseCloud(name: string, raw: unknown, ctx: NormaliseContext): CloudConfig {
  const fail: Fail = (code, rest) => cloudProblem(name, ctx.source, code, rest);
  if (!isMapping(raw)) {
    throw fail('bad-cloud', l10n.t('is not a mapping; write it as {0}', `${name}: { auth: { auth_url: https://keystone:5000/v3 } }`));
  }
  const { conf, regions } = withFirstRegion(normaliseKeys(raw), fail);
  const auth = resolveAuth(conf);
  formatAuthUrl(auth, conf, fail);
  return {
    name,
    source: ctx.source,
    authType: authTypeOf(conf, auth, fail),
    auth: typedAuth(auth),
    regionName: regions[0],
    regions,
    interface: interfaceOf(conf, fail),
    tls: tlsOf(conf, ctx.homeDir),
    apiTimeoutSeconds: apiTimeoutOf(conf, fail),
    endpointOverrides: endpointOverrides(conf),
    apiVersions: apiVersions(conf),
    raw,
  };
}

// loader.py _get_known_regions and get_one: `regions` beats `region_name` (whose comma list is
// the deprecated spelling), and the first region's `values` are merged over the cloud.
function withFirstRegion(conf: Mapping, fail: Fail): { conf: Mapping; regions: string[] } {
  const entries = regionEntries(conf, fail).filter((entry) => entry.name !== '');
  const first = entries[0];
  if (!first) return { conf, regions: [] };
  const merged: Mapping = { ...conf, region_name: first.name };
  for (const [key, value] of Object.entries(normaliseKeys(first.values))) {
    if (value === null || value === undefined) continue;
    merged[key] = key === 'auth' && isMapping(value) && isMapping(merged.auth) ? { ...merged.auth, ...value } : value;
  }
  return { conf: merged, regions: entries.map((entry) => entry.name) };
}

function regionEntries(conf: Mapping, fail: Fail): { name: string; values: Mapping }[] {
  let list: unknown[];
  if (conf.regions !== undefined && conf.regions !== null) {
    if (!Array.isArray(conf.regions)) throw fail('bad-value', l10n.t('has regions that are not a list; write regions: [RegionOne, RegionTwo]'));
    list = conf.regions;
  } else if (typeof conf.region_name === 'string') {
    list = conf.region_name.split(',');
  } else if (Array.isArray(conf.region_name)) {
    list = conf.region_name;
  } else {
    return [];
  }
  return list.map((entry) => {
    if (!isMapping(entry)) return { name: String(entry), values: {} };
    if (typeof entry.name !== 'string' || Object.keys(entry).some((key) => key !== 'name' && key !== 'values')) {
      throw fail('bad-value', l10n.t('has a regions entry that is not a name or {0}; write it as {1}', '{ name, values }', '{ name: RegionOne, values: { ... } }'));
    }
    return { name: entry.name, values: isMapping(entry.values) ? entry.values : {} };
  });
}

// loader.py magic_fixes formats auth_url with the cloud's top-level values, e.g. {region_name}.
function formatAuthUrl(auth: Mapping, conf: Mapping, fail: Fail): void {
  const url = stringValue(auth.auth_url);
  if (url === undefined) return;
  auth.auth_url = url.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = conf[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw fail('bad-value', l10n.t('has auth_url {0} with {1}, but no {2} to fill it; set {2} or write the URL out', url, `{${key}}`, key));
  });
}

function authTypeOf(conf: Mapping, auth: Mapping, fail: Fail): AuthType {
  // auth_plugin is the old spelling; auth_type beats it.
  const given = stringValue(conf.auth_type) ?? stringValue(conf.auth_plugin);
  if (given === undefined) {
    // openstacksdk would default to password and then fail on a cloud that holds an application credential.
    return auth.application_credential_id || auth.application_credential_secret ? 'v3applicationcredential' : 'password';
  }
  if ((AUTH_TYPES as readonly string[]).includes(given)) return given as AuthType;
  throw fail('unknown-auth-type', l10n.t("has auth_type '{0}', which is not supported; use password, v3applicationcredential or v3token", given));
}

function typedAuth(auth: Mapping): CloudAuth {
  const typed: CloudAuth = {};
  for (const [field, key] of Object.entries(AUTH_FIELDS) as [keyof CloudAuth, string][]) {
    const value = stringValue(auth[key]);
    if (value !== undefined) typed[field] = value;
  }
  return typed;
}

function interfaceOf(conf: Mapping, fail: Fail): EndpointInterface {
  // loader.py renames endpoint_type to interface after the default interface is in place, so endpoint_type wins.
  const value = conf.endpoint_type ?? conf.interface;
  if (value === undefined || value === null || value === '') return 'public';
  // keystoneauth also accepts the v2 catalog spellings publicURL, internalURL and adminURL.
  const name = typeof value === 'string' ? value.replace(/URL$/, '').toLowerCase() : '';
  if ((INTERFACES as readonly string[]).includes(name)) return name as EndpointInterface;
  throw fail('bad-value', l10n.t('has interface {0}; use public, internal or admin', JSON.stringify(value)));
}

// cloud_region.get_requests_verify_args: insecure beats verify.
function tlsOf(conf: Mapping, homeDir: string): CloudTls {
  const insecure = conf.insecure === true || (typeof conf.insecure === 'string' && conf.insecure.toLowerCase() === 'true');
  const tls: CloudTls = { verify: !insecure && conf.verify !== false };
  for (const key of ['cacert', 'cert', 'key'] as const) {
    const file = stringValue(conf[key]);
    if (file !== undefined) tls[key] = file === '~' || file.startsWith('~/') ? homeDir + file.slice(1) : file;
  }
  return tls;
}

function apiTimeoutOf(conf: Mapping, fail: Fail): number | undefined {
  let value = conf.api_timeout;
  // loader.py _fix_backwards_api_timeout: a legacy service-prefixed *_timeout replaces api_timeout.
  for (const [key, legacy] of Object.entries(conf)) {
    if (key.endsWith('timeout') && key !== 'timeout' && key !== 'api_timeout') value = legacy;
  }
  if (value === undefined || value === null || value === '') return undefined;
  const seconds = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  throw fail('bad-value', l10n.t('has api_timeout {0}; use a number of seconds, e.g. api_timeout: 60', JSON.stringify(value)));
}

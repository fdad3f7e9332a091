// What Add cloud and Import openrc check and derive from what the user types or picks. No vscode here, so
// node:test covers it.
import * as l10n from '@vscode/l10n';
import { CLOUD_SELECTORS, type Env } from '../../../openstack/config';

export type Login =
  | { kind: 'password'; authUrl: string; userDomain: string; username: string; password: string }
  | { kind: 'applicationCredential'; authUrl: string; id: string; secret: string };

export interface ChosenProject {
  id: string;
  name: string;
  domainId: string;
}

/** The URL the user meant: trimmed, and a URL pasted after the box's `https://` prefix kept once. */
export function normaliseAuthUrl(value: string): string {
  return value.trim().replace(/^https?:\/\/(?=https?:\/\/)/i, '');
}

export function authUrlProblem(value: string): string | undefined {
  const url = normaliseAuthUrl(value);
  if (!URL.canParse(url)) return l10n.t("Enter Keystone's URL, e.g. https://keystone.example.com:5000/v3");
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'https:' && protocol !== 'http:') return l10n.t('The URL must start with https:// or http://');
  if (!hostname) return l10n.t('The URL needs a host name');
  return undefined;
}

/** The host of AUTH_URL without a leading keystone./identity. label: what tells one cloud from another. */
export function cloudHostName(authUrl: string): string | undefined {
  const url = normaliseAuthUrl(authUrl);
  if (!URL.canParse(url)) return undefined;
  const { hostname } = new URL(url);
  return hostname.replace(/^(keystone|identity)\.(?=.+\..+)/i, '') || undefined;
}

/** BASE, or BASE-2, BASE-3… when that name is TAKEN. */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export function cloudNameProblem(name: string, taken: readonly string[]): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return l10n.t('Enter a name for the cloud');
  if (taken.includes(trimmed)) return l10n.t("There is already a cloud named '{0}'", trimmed);
  return undefined;
}

/** OS_* variables for LOGIN, scoped to PROJECT when one was picked; the store moves the secret to SecretStorage. */
export function loginVars(login: Login, project?: ChosenProject): Record<string, string> {
  const vars: Record<string, string> = { OS_AUTH_URL: login.authUrl };
  if (login.kind === 'applicationCredential') {
    // the credential is bound to its project: Keystone refuses a scope next to it
    return { ...vars, OS_AUTH_TYPE: 'v3applicationcredential', OS_APPLICATION_CREDENTIAL_ID: login.id, OS_APPLICATION_CREDENTIAL_SECRET: login.secret };
  }
  Object.assign(vars, { OS_AUTH_TYPE: 'password', OS_USER_DOMAIN_NAME: login.userDomain, OS_USERNAME: login.username, OS_PASSWORD: login.password });
  if (project) Object.assign(vars, { OS_PROJECT_ID: project.id, OS_PROJECT_NAME: project.name, OS_PROJECT_DOMAIN_ID: project.domainId });
  return vars;
}

/** The variables of an openrc file that describe its cloud. */
export function openrcCloudVars(vars: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(vars).filter((e): e is [string, string] => e[0].startsWith('OS_') && !CLOUD_SELECTORS.has(e[0]) && e[1] !== undefined),
  );
}

/** The default name of an imported openrc cloud: `project@host`, else its host, else the file's name without extension. */
export function openrcCloudName(vars: Env, fileName: string): string {
  const host = vars.OS_AUTH_URL ? cloudHostName(vars.OS_AUTH_URL) : undefined;
  const project = vars.OS_PROJECT_NAME ?? vars.OS_TENANT_NAME;
  if (host) return project ? `${project}@${host}` : host;
  return fileName.replace(/\.[^.]*$/, '') || fileName;
}

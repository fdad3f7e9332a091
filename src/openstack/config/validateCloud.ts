import * as l10n from '@vscode/l10n';
import type { CloudConfig } from './cloudConfig';
import { cloudProblem, howToSet } from './cloudSource';
import type { ConfigError } from './errors';

/** Loading applies this check too: without auth_url no credential can work. */
export function missingAuthUrl(cloud: CloudConfig): ConfigError | undefined {
  if (cloud.auth.authUrl) return undefined;
  const profile = typeof cloud.raw.profile === 'string' ? cloud.raw.profile : undefined;
  const howTo = howToSet(cloud.source, 'auth_url', 'https://keystone:5000/v3');
  const rest = profile
    ? l10n.t("has no auth.auth_url (its profile '{0}' is not expanded here, so copy auth_url from that profile); {1}", profile, howTo)
    : l10n.t('has no auth.auth_url; {0}', howTo);
  return cloudProblem(cloud.name, cloud.source, 'missing-auth-url', rest);
}

/** What is missing before this cloud can authenticate; empty when it can try. */
export function validateCloud(cloud: CloudConfig): ConfigError[] {
  const { auth, authType, source } = cloud;
  const problems: ConfigError[] = [];
  const missing = (key: string, example: string, secret: boolean, what = `auth.${key}`) =>
    problems.push(cloudProblem(cloud.name, source, 'missing-credential', l10n.t('uses {0} auth but has no {1}; {2}', authType, what, howToSet(source, key, example, secret))));

  const noAuthUrl = missingAuthUrl(cloud);
  if (noAuthUrl) problems.push(noAuthUrl);
  switch (authType) {
    case 'password':
    case 'v3password':
      if (!auth.username && !auth.userId) missing('username', 'demo', false, l10n.t('auth.username or auth.user_id'));
      if (!auth.password) missing('password', '<password>', true);
      break;
    case 'v3applicationcredential':
      if (!auth.applicationCredentialId && !(auth.applicationCredentialName && (auth.username || auth.userId))) {
        missing('application_credential_id', '<id>', false, l10n.t('auth.application_credential_id (or application_credential_name with username)'));
      }
      if (!auth.applicationCredentialSecret) missing('application_credential_secret', '<secret>', true);
      break;
    case 'v3token':
    case 'token':
      if (!auth.token) missing('token', '<token>', true);
      break;
  }
  return problems;
}

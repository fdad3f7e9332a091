import * as l10n from '@vscode/l10n';
import type { CloudSource } from './cloudConfig';
import { ConfigError, type ConfigErrorCode } from './errors';

export function describeSource(source: CloudSource): string {
  if (source === 'env') return l10n.t('from OS_* environment variables');
  if (source === 'extension') return l10n.t('imported by the extension');
  return l10n.t('in {0}', source);
}

/** A problem with one cloud, located at its file when it has one. */
export function cloudProblem(name: string, source: CloudSource, code: ConfigErrorCode, rest: string): ConfigError {
  const file = source === 'env' || source === 'extension' ? undefined : source;
  const message = l10n.t({
    message: "cloud '{0}' {1} {2}",
    args: [name, describeSource(source), rest],
    comment: ['{0} the cloud, {1} where it is defined (in /path/clouds.yaml), {2} what is wrong with it (has no auth.auth_url; …)'],
  });
  return new ConfigError(code, message, { file, cloud: name });
}

/** How to set an auth key, phrased for where the cloud came from; secrets are pointed at secure.yaml. */
export function howToSet(source: CloudSource, authKey: string, example: string, secret = false): string {
  const envVar = `OS_${authKey.toUpperCase()}`;
  if (source === 'env') return l10n.t('set {0}', `${envVar}=${example}`);
  if (source === 'extension') return l10n.t('set {0} in the openrc file and import it again', `${envVar}=${example}`);
  // the braces go in as an argument: l10n.t would read them as a placeholder
  const auth = `{ ${authKey}: ${example} }`;
  return secret ? l10n.t('add auth: {0} to it or to secure.yaml beside it', auth) : l10n.t('add auth: {0} to it', auth);
}

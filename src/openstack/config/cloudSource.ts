import type { CloudSource } from './cloudConfig';
import { ConfigError, type ConfigErrorCode } from './errors';

export function describeSource(source: CloudSource): string {
  if (source === 'env') return 'from OS_* environment variables';
  if (source === 'extension') return 'imported by the extension';
  return `in ${source}`;
}

/** A problem with one cloud, located at its file when it has one. */
export function cloudProblem(name: string, source: CloudSource, code: ConfigErrorCode, rest: string): ConfigError {
  const file = source === 'env' || source === 'extension' ? undefined : source;
  return new ConfigError(code, `cloud '${name}' ${describeSource(source)} ${rest}`, { file, cloud: name });
}

/** How to set an auth key, phrased for where the cloud came from; secrets are pointed at secure.yaml. */
export function howToSet(source: CloudSource, authKey: string, example: string, secret = false): string {
  const envVar = `OS_${authKey.toUpperCase()}`;
  if (source === 'env') return `set ${envVar}=${example}`;
  if (source === 'extension') return `set ${envVar}=${example} in the openrc file and import it again`;
  return `add auth: { ${authKey}: ${example} } to it${secret ? ' or to secure.yaml beside it' : ''}`;
}

import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { CloudConfig, CloudSource } from './cloudConfig';
import { cloudFromEnvVars, hasCloudEnvVars } from './envVars';
import { ConfigError } from './errors';
import { deepMerge, isMapping, type Mapping } from './mappings';
import { normaliseCloud } from './normaliseCloud';
import { type ReadFile, readFirstConfigFile, readUtf8 } from './readConfigFile';
import { configSearchDirs, fileCandidates, type Host } from './searchPath';
import { missingAuthUrl } from './validateCloud';

export interface LoadOptions extends Host {
  /** Replaces configSearchDirs(host), e.g. in tests; OS_CLIENT_CONFIG_FILE still comes first. */
  searchDirs?: readonly string[];
  readFile?: ReadFile;
}

export interface LoadResult {
  /** Usable clouds in file order, then the env cloud; a cloud with a problem is left out and the problem says why. */
  clouds: Map<string, CloudConfig>;
  /** Always a key of clouds when set. */
  defaultCloud?: string;
  files: { clouds?: string; secure?: string };
  problems: ConfigError[];
}

/** Reads clouds.yaml, secure.yaml and OS_* variables the way openstacksdk's OpenStackConfig does. */
export async function loadCloudConfig(opts: LoadOptions): Promise<LoadResult> {
  const { env, platform, homeDir } = opts;
  const readFile = opts.readFile ?? readUtf8;
  const dirs = opts.searchDirs ?? configSearchDirs(opts);
  const problems: ConfigError[] = [];
  const candidates = (base: 'clouds' | 'secure', override: string | undefined): string[] => {
    const found = fileCandidates(dirs, base, platform);
    return override ? [(platform === 'win32' ? path.win32 : path.posix).resolve(opts.cwd, override), ...found] : found;
  };
  const cloudsDoc = await readCloudsDoc(candidates('clouds', env.OS_CLIENT_CONFIG_FILE), readFile, problems);
  const secureDoc = await readCloudsDoc(candidates('secure', env.OS_CLIENT_SECURE_FILE), readFile, problems);

  const clouds = new Map<string, CloudConfig>();
  const add = (name: string, build: () => CloudConfig): void => {
    try {
      const cloud = build();
      const noAuthUrl = missingAuthUrl(cloud);
      if (noAuthUrl) throw noAuthUrl;
      clouds.set(name, cloud);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(err);
    }
  };

  const fileClouds = deepMerge(cloudsDoc.clouds, secureDoc.clouds);
  // Every name in fileClouds came from one of the two files, so that file's path is set.
  const sourceOf = (name: string): CloudSource => (name in cloudsDoc.clouds ? cloudsDoc.path : secureDoc.path) as string;
  for (const [name, raw] of Object.entries(fileClouds)) {
    add(name, () => normaliseCloud(name, raw, { source: sourceOf(name), homeDir }));
  }

  const names = Object.keys(fileClouds);
  const envName = env.OS_CLOUD_NAME || 'envvars';
  let envCloudAdded = false;
  if (hasCloudEnvVars(env)) {
    if (names.includes(envName)) {
      const file = sourceOf(envName);
      problems.push(
        new ConfigError(
          'name-clash',
          l10n.t("{0} defines a cloud named '{1}', the name of the cloud from OS_* environment variables; rename that cloud or set OS_CLOUD_NAME to another name", file, envName),
          { file, cloud: envName },
        ),
      );
    } else {
      names.push(envName);
      envCloudAdded = true;
      add(envName, () => cloudFromEnvVars(env, { name: envName, homeDir }));
    }
  }

  // loader.py: OS_CLOUD, else the env cloud, else the only cloud there is.
  const wanted = env.OS_CLOUD || (envCloudAdded ? envName : names.length === 1 ? names[0] : undefined);
  if (wanted && !names.includes(wanted)) {
    const fix = names.length ? l10n.t('set OS_CLOUD to one of {0}', names.join(', ')) : l10n.t('add that cloud to a clouds.yaml or unset OS_CLOUD');
    const where = cloudsDoc.path ? l10n.t("{0} has no cloud '{1}'", cloudsDoc.path, wanted) : l10n.t('no clouds.yaml defines it');
    const message = l10n.t({ message: "OS_CLOUD is '{0}' but {1}; {2}", args: [wanted, where, fix], comment: ['{1} where it was looked for, {2} the fix'] });
    problems.push(new ConfigError('unknown-cloud', message, { file: cloudsDoc.path, cloud: wanted }));
  }

  return {
    clouds,
    defaultCloud: wanted && clouds.has(wanted) ? wanted : undefined,
    files: { clouds: cloudsDoc.path, secure: secureDoc.path },
    problems,
  };
}

async function readCloudsDoc(candidates: string[], readFile: ReadFile, problems: ConfigError[]): Promise<{ path?: string; clouds: Mapping }> {
  const { path: file, data, problems: readProblems } = await readFirstConfigFile(candidates, readFile);
  problems.push(...readProblems);
  if (file === undefined) return { clouds: {} };
  const example = 'clouds: { mycloud: { auth: { auth_url: https://keystone:5000/v3 } } }';
  const fail = (code: 'not-a-mapping' | 'no-clouds-key', message: string) => {
    problems.push(new ConfigError(code, message, { file }));
    return { path: file, clouds: {} };
  };
  if (data === null || data === undefined) return fail('not-a-mapping', l10n.t('{0} is empty; write {1} in it, or delete it', file, example));
  if (!isMapping(data)) return fail('not-a-mapping', l10n.t('{0} must hold a mapping with a clouds: key at the top, e.g. {1}', file, example));
  if (!('clouds' in data)) return fail('no-clouds-key', l10n.t('{0} has no clouds: key; put each cloud under it, e.g. {1}', file, example));
  // An empty `clouds:` is a fresh file, not a mistake.
  if (data.clouds === null) return { path: file, clouds: {} };
  if (!isMapping(data.clouds)) return fail('not-a-mapping', l10n.t('{0} has clouds: that is not a mapping of names to clouds; write e.g. {1}', file, example));
  return { path: file, clouds: data.clouds };
}

// Public API of the cloud configuration layer; nothing here imports vscode.
export type { AuthType, CloudAuth, CloudConfig, CloudSource, CloudTls, EndpointInterface } from './cloudConfig';
export { CLOUD_SELECTORS, cloudFromEnvVars, isSecretVar, SECRET_VARS } from './envVars';
export { ConfigError, type ConfigErrorCode } from './errors';
export { loadCloudConfig, type LoadOptions, type LoadResult } from './loadCloudConfig';
export { parseOpenrc, type Openrc } from './openrc';
export { configSearchDirs, type Env, type Host } from './searchPath';
export { validateCloud } from './validateCloud';

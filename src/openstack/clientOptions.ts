// One cloud's configuration (clouds.yaml, OS_* variables or the extension's own store) as client options:
// the only place that maps config names onto the client's.
import type { AuthSpec } from './auth';
import type { ClientOptions } from './client';
import type { CloudConfig } from './config';
import type { Exchange } from './http';

export interface ClientExtras {
  /** A secret the config does not hold (prompted for, or from the editor's secret storage). */
  password?: string;
  applicationCredentialSecret?: string;
  token?: string;
  /** Overrides the proxy environment variables. */
  proxy?: string;
  /** Overrides no_proxy. */
  noProxy?: string;
  /** Whether an https proxy's certificate is verified. */
  proxyStrictSSL?: boolean;
  /** Used when the cloud sets no api_timeout. */
  defaultTimeoutSeconds?: number;
  onExchange?: (exchange: Exchange) => void;
  onWarning?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

export function clientOptionsFor(cloud: CloudConfig, extras: ClientExtras = {}): ClientOptions {
  const a = cloud.auth;
  const auth: AuthSpec = {
    authType: cloud.authType,
    auth_url: a.authUrl ?? '',
    username: a.username,
    user_id: a.userId,
    password: a.password ?? extras.password,
    user_domain_name: a.userDomainName,
    user_domain_id: a.userDomainId,
    project_name: a.projectName,
    project_id: a.projectId,
    project_domain_name: a.projectDomainName,
    project_domain_id: a.projectDomainId,
    domain_name: a.domainName,
    domain_id: a.domainId,
    application_credential_id: a.applicationCredentialId,
    application_credential_name: a.applicationCredentialName,
    application_credential_secret: a.applicationCredentialSecret ?? extras.applicationCredentialSecret,
    token: a.token ?? extras.token,
  };
  const timeoutMs = (cloud.apiTimeoutSeconds ?? extras.defaultTimeoutSeconds ?? 60) * 1000;
  return {
    auth,
    cloud: cloud.name,
    region: cloud.regionName,
    interface: cloud.interface,
    endpointOverrides: cloud.endpointOverrides,
    apiVersions: cloud.apiVersions,
    onExchange: extras.onExchange,
    onWarning: extras.onWarning,
    transport: {
      verify: cloud.tls.verify,
      caFile: cloud.tls.cacert,
      certFile: cloud.tls.cert,
      keyFile: cloud.tls.key,
      // connecting should be quick even when a listing legitimately takes long
      connectTimeoutMs: Math.min(timeoutMs, 10_000),
      headersTimeoutMs: timeoutMs,
      bodyTimeoutMs: timeoutMs,
      proxy: extras.proxy,
      noProxy: extras.noProxy,
      proxyStrictSSL: extras.proxyStrictSSL,
      env: extras.env,
    },
  };
}

export type SecretKind = 'password' | 'applicationCredentialSecret' | 'token';

/**
 * The secret the cloud needs and does not hold (a cloud added in the editor keeps it in SecretStorage, apart
 * from its settings), or undefined when it can authenticate as configured.
 */
export function missingSecret(cloud: CloudConfig): SecretKind | undefined {
  if ((cloud.authType === 'password' || cloud.authType === 'v3password') && !cloud.auth.password) return 'password';
  if (cloud.authType === 'v3applicationcredential' && !cloud.auth.applicationCredentialSecret) return 'applicationCredentialSecret';
  if ((cloud.authType === 'v3token' || cloud.authType === 'token') && !cloud.auth.token) return 'token';
  return undefined;
}

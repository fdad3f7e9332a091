// The typed shape of one cloud after openstacksdk's normalisation.

export const AUTH_TYPES = ['password', 'v3password', 'v3applicationcredential', 'v3token', 'token'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const INTERFACES = ['public', 'internal', 'admin'] as const;
export type EndpointInterface = (typeof INTERFACES)[number];

export interface CloudAuth {
  authUrl?: string;
  username?: string;
  userId?: string;
  password?: string;
  userDomainName?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  /** Only set for a domain-scoped cloud; with a project it becomes the user and project domain. */
  domainName?: string;
  domainId?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  token?: string;
}

export interface CloudTls {
  verify: boolean;
  /** Only used while verify is true. */
  cacert?: string;
  cert?: string;
  key?: string;
}

/** A clouds.yaml path, 'env' for OS_* variables, or 'extension' for clouds the extension builds (e.g. from an openrc). */
export type CloudSource = string;

export interface CloudConfig {
  name: string;
  source: CloudSource;
  authType: AuthType;
  auth: CloudAuth;
  /** The region openstacksdk picks when none is asked for: the first of `regions`. */
  regionName?: string;
  regions: string[];
  interface: EndpointInterface;
  tls: CloudTls;
  apiTimeoutSeconds?: number;
  /** Keyed by official service type, e.g. 'block-storage'. */
  endpointOverrides: Record<string, string>;
  /** Keyed by official service type, e.g. 'identity': '3'. */
  apiVersions: Record<string, string>;
  /** The cloud as written (clouds.yaml with secure.yaml merged over, or the OS_* variables); holds secrets. */
  raw: Record<string, unknown>;
}

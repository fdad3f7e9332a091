// One user on one cloud: the token (issued once per lifetime, shared by concurrent callers, renewed like
// keystoneauth renews it), the catalog it came with, and authenticated requests to any service.
import * as l10n from '@vscode/l10n';
import { abortable, quiet } from './abortable';
import { tokenBody, tokenRequestBody, withProject, type AuthSpec, type TokenRequestBody } from './auth';
import { Catalog, officialType, type EndpointInterface } from './catalog';
import { OpenStackError } from './errors';
import type { HttpClient, HttpRequest, HttpResponse } from './http';
import { IdentityService, type Project } from './identity';
import { versionedRoot } from './serviceRoot';
import { SharedReads } from './sharedReads';
import { readToken, type TokenInfo } from './token';

export interface SessionOptions {
  auth: AuthSpec;
  http: HttpClient;
  /** The cloud's name, for messages. */
  cloud?: string;
  region?: string;
  interface?: EndpointInterface;
  /** Used instead of the catalog URL; keyed by official service type, e.g. 'block-storage'. */
  endpointOverrides?: Record<string, string>;
  /** `<service>_api_version` from clouds.yaml, keyed by official service type. */
  apiVersions?: Record<string, string>;
}

export type ServiceRequest = Omit<HttpRequest, 'url' | 'service'>;

interface Authenticated {
  token: TokenInfo;
  catalog: Catalog;
}

// keystoneauth's MIN_TOKEN_LIFE_SECONDS: renew early rather than have a token expire during a request.
const MIN_TOKEN_LIFE_MS = 120_000;

const SERVICE_NAMES: Record<string, string> = {
  identity: 'Keystone', compute: 'Nova', network: 'Neutron', image: 'Glance', placement: 'Placement', 'block-storage': 'Cinder', 'object-store': 'Swift',
};

export class Session {
  private current?: Authenticated;
  private pending?: Promise<Authenticated>;
  /** Sent once instead of the credentials: a rescope trades the current token rather than the password. */
  private seed?: TokenRequestBody;
  private readonly reads = new SharedReads<HttpResponse>();

  constructor(private readonly options: SessionOptions) {}

  /** Undefined until the first token. */
  get userId(): string | undefined {
    return this.current?.token.user.id;
  }

  /** Undefined until the first token, and for an unscoped or domain-scoped one. */
  get projectId(): string | undefined {
    return this.current?.token.project?.id;
  }

  get roles(): string[] {
    return this.current?.token.roles ?? [];
  }

  get isAdmin(): boolean {
    return this.roles.some((role) => role.toLowerCase() === 'admin');
  }

  async token(signal?: AbortSignal): Promise<string> {
    return (await this.authenticate(signal)).token.value;
  }

  async catalog(signal?: AbortSignal): Promise<Catalog> {
    return (await this.authenticate(signal)).catalog;
  }

  /** `<service>_api_version` as configured, e.g. a pinned compute microversion. */
  apiVersion(serviceType: string): string | undefined {
    return this.options.apiVersions?.[officialType(serviceType)];
  }

  /** Whether the cloud offers SERVICE_TYPE (or an alias of it), so the UI can hide what it cannot use. */
  async hasService(serviceType: string, signal?: AbortSignal): Promise<boolean> {
    return this.override(serviceType) !== undefined || (await this.catalog(signal)).hasService(serviceType);
  }

  /** The versioned root URL of SERVICE_TYPE, without a trailing slash. */
  async endpoint(serviceType: string, signal?: AbortSignal): Promise<string> {
    return this.root(await this.authenticate(signal), serviceType);
  }

  /**
   * PATH is relative to the service root, or an absolute URL the service handed out (a next link). A GET the same
   * as one still in flight (path and headers) shares its exchange.
   */
  request(serviceType: string, path: string, req: ServiceRequest = { method: 'GET' }): Promise<HttpResponse> {
    if (req.method !== 'GET' || req.stream || req.body !== undefined || req.json !== undefined) return this.requestOnce(serviceType, path, req);
    const key = JSON.stringify([officialType(serviceType), path, Object.entries(req.headers ?? {}).sort(), req.expectStatus, req.timeoutMs, req.retryable]);
    return this.reads.read(key, req.signal, (signal) => this.requestOnce(serviceType, path, { ...req, signal }));
  }

  private async requestOnce(serviceType: string, path: string, req: ServiceRequest): Promise<HttpResponse> {
    const used = await this.authenticate(req.signal);
    try {
      return await this.send(used, serviceType, path, req);
    } catch (err) {
      // As keystoneauth: a 401 means the token died early (revoked, keys rotated); renew it and try once more.
      const replayable = req.body === undefined || Buffer.isBuffer(req.body);
      if (!(err instanceof OpenStackError && err.status === 401 && replayable)) throw err;
      if (this.current === used) this.current = undefined;
      return this.send(await this.authenticate(req.signal), serviceType, path, req);
    }
  }

  /** The projects the user can scope to (Keystone's, as `client.identity.projects()`). */
  projects(signal?: AbortSignal): Promise<Project[]> {
    return new IdentityService(this).projects(signal);
  }

  /** A session of the same user scoped to PROJECT_ID; its first token is traded for the current one. */
  async rescope(projectId: string, signal?: AbortSignal): Promise<Session> {
    if (this.options.auth.authType === 'v3applicationcredential') {
      throw new OpenStackError({ kind: 'config', text: l10n.t('An application credential is bound to its project and cannot switch to another.') });
    }
    const { token } = await this.authenticate(signal);
    const next = new Session({ ...this.options, auth: withProject(this.options.auth, projectId) });
    next.seed = tokenBody(token.value, { project: { id: projectId } });
    await next.authenticate(signal);
    return next;
  }

  private authenticate(signal?: AbortSignal): Promise<Authenticated> {
    const current = this.current;
    if (current && current.token.expiresAt - Date.now() > MIN_TOKEN_LIFE_MS) return Promise.resolve(current);
    // Not tied to the caller's signal: other callers may be waiting for the same token.
    this.pending ??= quiet(this.issue().finally(() => (this.pending = undefined)));
    return abortable(this.pending, signal);
  }

  private async issue(): Promise<Authenticated> {
    const { auth, http, cloud, region } = this.options;
    const seeded = this.seed !== undefined;
    const body = this.seed ?? tokenRequestBody(auth);
    this.seed = undefined;
    let res: HttpResponse;
    try {
      res = await http.request({ method: 'POST', url: `${identityRoot(auth.auth_url)}/auth/tokens`, json: body, service: 'Keystone' });
    } catch (err) {
      throw this.refused(err, body, seeded);
    }
    const token = await readToken(res, Date.now());
    const catalog = new Catalog(token.catalog, { interface: this.options.interface ?? 'public', region, cloud });
    this.current = { token, catalog };
    return this.current;
  }

  private send(used: Authenticated, serviceType: string, path: string, req: ServiceRequest): Promise<HttpResponse> {
    const url = /^https?:\/\//i.test(path) ? path : `${this.root(used, serviceType)}${path}`;
    const service = SERVICE_NAMES[officialType(serviceType)] ?? serviceType;
    return this.options.http.request({ ...req, url, service, headers: { ...req.headers, 'x-auth-token': used.token.value } });
  }

  private root(used: Authenticated, serviceType: string): string {
    const type = officialType(serviceType);
    const override = this.override(type);
    if (override) return versionedRoot(type, override);
    // The auth_url is what the user configured and has just answered; a catalog's identity URL may not be reachable.
    if (type === 'identity') return identityRoot(this.options.auth.auth_url);
    if (!used.token.project && !used.token.catalog.length) {
      throw new OpenStackError({ kind: 'config', text: l10n.t('The token is not scoped to a project, so it has no catalog: set project_name or project_id.') });
    }
    return versionedRoot(type, used.catalog.url(type));
  }

  private override(serviceType: string): string | undefined {
    return this.options.endpointOverrides?.[officialType(serviceType)];
  }

  /** Keystone's 4xx answer to a token request, as an auth error that says what to check. */
  private refused(err: unknown, body: TokenRequestBody, seeded: boolean): unknown {
    const status = err instanceof OpenStackError && err.kind === 'http' ? err.status : undefined;
    if (!(err instanceof OpenStackError) || status === undefined || status < 400 || status >= 500 || status === 429) return err;
    const { cloud } = this.options;
    const project = body.auth.scope && 'project' in body.auth.scope ? body.auth.scope.project : undefined;
    const projectName = project && (project.name ?? project.id);
    const hint = refusalHint(body.auth.identity.methods[0], cloud, projectName, seeded);
    return new OpenStackError({
      kind: 'auth', text: `${err.serviceMessage ?? err.message} ${hint}`.trim(), status, requestId: err.requestId,
      method: err.method, url: err.url, serviceMessage: err.serviceMessage, faultType: err.faultType, service: 'Keystone', cause: err,
    });
  }
}

/** What to check after Keystone refused a token request made with METHOD. */
function refusalHint(method: string, cloud: string | undefined, project: string | undefined, seeded: boolean): string {
  switch (method) {
    case 'password':
      if (cloud && project) return l10n.t('Check the username, password and user domain of cloud {0}, and that the user has a role in project {1}.', cloud, project);
      if (cloud) return l10n.t('Check the username, password and user domain of cloud {0}.', cloud);
      if (project) return l10n.t('Check the username, password and user domain, and that the user has a role in project {0}.', project);
      return l10n.t('Check the username, password and user domain.');
    case 'application_credential':
      return l10n.t('Check application_credential_id (or _name) and application_credential_secret: the credential may have expired or been deleted.');
    case 'token':
      if (!seeded) return l10n.t('The token has expired or was revoked: use a new one.');
      return project ? l10n.t('Check that the user has a role in project {0}.', project) : '';
    default:
      return '';
  }
}

function identityRoot(authUrl: string): string {
  if (!authUrl || !URL.canParse(authUrl)) {
    const text = authUrl
      ? l10n.t("auth_url '{0}' is not a URL: set it to the Keystone endpoint, e.g. https://keystone.example.com:5000/v3.", authUrl)
      : l10n.t('auth_url is missing: set it to the Keystone endpoint, e.g. https://keystone.example.com:5000/v3.');
    throw new OpenStackError({ kind: 'config', text });
  }
  return versionedRoot('identity', authUrl);
}

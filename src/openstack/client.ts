// Everything the extension needs to talk to one cloud: one dispatcher (TLS, proxy, connection pool), one HTTP
// client, one session, and the services over it.
import type { Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import type { AuthSpec } from './auth';
import { BlockStorageService } from './blockStorage';
import type { EndpointInterface } from './catalog';
import { ComputeService } from './compute';
import { connectionError, HttpClient, type Exchange, type RetryPolicy } from './http';
import { IdentityService } from './identity';
import { ImageService } from './image';
import { NetworkService } from './network';
import { ObjectStorageService } from './objectStorage';
import { PlacementService } from './placement';
import { Session } from './session';
import { createDispatcher, openSocket, type TransportOptions } from './transport';

export interface ClientOptions {
  auth: AuthSpec;
  transport: TransportOptions;
  /** The cloud's name, for messages. */
  cloud?: string;
  region?: string;
  interface?: EndpointInterface;
  /** Keyed by official service type. */
  endpointOverrides?: Record<string, string>;
  /** Keyed by official service type; `compute: '2.53'` pins nova's microversion as in openstacksdk. */
  apiVersions?: Record<string, string>;
  userAgent?: string;
  retry?: RetryPolicy;
  /** Every HTTP attempt, without headers, bodies or tokens: for the output channel, or to count requests. */
  onExchange?: (exchange: Exchange) => void;
  /** Settings that weaken security (TLS verification off), in words for the log. */
  onWarning?: (text: string) => void;
}

export class OpenStackClient {
  readonly identity: IdentityService;
  readonly compute: ComputeService;
  readonly network: NetworkService;
  readonly image: ImageService;
  readonly placement: PlacementService;
  readonly blockStorage: BlockStorageService;
  readonly objectStorage: ObjectStorageService;

  private constructor(
    readonly session: Session,
    private readonly dispatcher: Dispatcher,
    private readonly transport: TransportOptions,
  ) {
    this.identity = new IdentityService(session);
    this.compute = new ComputeService(session);
    this.network = new NetworkService(session);
    this.image = new ImageService(session);
    this.placement = new PlacementService(session);
    this.blockStorage = new BlockStorageService(session);
    this.objectStorage = new ObjectStorageService(session);
  }

  /** Sends nothing yet: the first call authenticates. */
  static create(opts: ClientOptions): OpenStackClient {
    const dispatcher = createDispatcher(opts.transport);
    if (!opts.transport.verify) {
      opts.onWarning?.('TLS verification is off (verify: false or insecure): the cloud\'s certificate is not checked, so anyone on the path can read the token. Set `cacert` to the cloud\'s CA file instead.');
    }
    const http = new HttpClient({ dispatcher, userAgent: opts.userAgent, retry: opts.retry, onExchange: opts.onExchange });
    const { auth, cloud, region, endpointOverrides, apiVersions } = opts;
    const session = new Session({ auth, http, cloud, region, interface: opts.interface, endpointOverrides, apiVersions });
    return new OpenStackClient(session, dispatcher, opts.transport);
  }

  /**
   * Starts reading the version documents of the services in the catalog that negotiate a microversion (Nova,
   * Cinder), all at once, so that no later first request waits for one; a failure is left to the request that
   * needs the version, which reads it again and reports it.
   */
  readVersions(): void {
    const readIfOffered = (type: string, read: () => Promise<unknown>) => {
      this.session.hasService(type).then((offered) => offered && read()).catch(() => undefined);
    };
    readIfOffered('compute', () => this.compute.versions.supported());
    readIfOffered('block-storage', () => this.blockStorage.versions.supported());
  }

  /** The same user in another project, over the same connections. */
  async rescope(projectId: string, signal?: AbortSignal): Promise<OpenStackClient> {
    return new OpenStackClient(await this.session.rescope(projectId, signal), this.dispatcher, this.transport);
  }

  /** A socket to URL (ws, wss, http, https) with the cloud's TLS and proxy settings, e.g. for a console WebSocket. */
  async openSocket(url: string): Promise<Socket> {
    try {
      return await openSocket(new URL(url), this.transport);
    } catch (err) {
      throw connectionError(err, url);
    }
  }

  /** Closes the cloud's connections, which clients rescoped from this one share. */
  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

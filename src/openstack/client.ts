// Everything the extension needs to talk to one cloud: one dispatcher (TLS, proxy, connection pool), one HTTP
// client, one session, and the services over it.
import type { Dispatcher } from 'undici';
import type { AuthSpec } from './auth';
import type { EndpointInterface } from './catalog';
import { ComputeService } from './compute';
import { HttpClient, type Exchange, type RetryPolicy } from './http';
import { ImageService } from './image';
import { NetworkService } from './network';
import { Session } from './session';
import { createDispatcher, type TransportOptions } from './transport';

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
}

export class OpenStackClient {
  readonly compute: ComputeService;
  readonly network: NetworkService;
  readonly image: ImageService;

  private constructor(
    readonly session: Session,
    private readonly dispatcher: Dispatcher,
  ) {
    this.compute = new ComputeService(session);
    this.network = new NetworkService(session);
    this.image = new ImageService(session);
  }

  /** Sends nothing yet: the first call authenticates. */
  static create(opts: ClientOptions): OpenStackClient {
    const dispatcher = createDispatcher(opts.transport);
    const http = new HttpClient({ dispatcher, userAgent: opts.userAgent, retry: opts.retry, onExchange: opts.onExchange });
    const { auth, cloud, region, endpointOverrides, apiVersions } = opts;
    const session = new Session({ auth, http, cloud, region, interface: opts.interface, endpointOverrides, apiVersions });
    return new OpenStackClient(session, dispatcher);
  }

  /** The same user in another project, over the same connections. */
  async rescope(projectId: string, signal?: AbortSignal): Promise<OpenStackClient> {
    return new OpenStackClient(await this.session.rescope(projectId, signal), this.dispatcher);
  }

  /** Closes the cloud's connections, which clients rescoped from this one share. */
  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

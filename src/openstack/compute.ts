// Nova: servers and their actions and consoles, flavors, key pairs and limits. Every call carries the
// microversion negotiated for its feature.
import {
  CONSOLE_PROTOCOL, serverCreateBody, type NovaService, toFlavor, toKeypair, toLimits, toServer,
  type ComputeLimits, type Flavor, type Keypair, type NovaAbsoluteLimits, type NovaFlavor, type NovaKeypair,
  type NovaServer, type RemoteConsole, type RemoteConsoleType, type Server, type ServerCreate,
} from './computeModels';
import type { HttpMethod } from './http';
import { listing, type Listing } from './listing';
import { ComputeVersions, type ComputeFeature } from './microversion';
import { path, withQuery, type QueryValue } from './paths';
import type { Session } from './session';

export interface ServerQuery {
  /** A regular expression nova matches against names. */
  name?: string;
  status?: string;
  limit?: number;
  /** Ordered by name (nova's own order is newest first). */
  byName?: boolean;
}

export interface CreatedServer {
  id: string;
  /** Only when the cloud generates admin passwords. */
  adminPass?: string;
}

// Deleting what is already gone succeeds, as in openstacksdk (ignore_missing).
const DELETED = [202, 204, 404];

export class ComputeService {
  readonly versions: ComputeVersions;

  constructor(private readonly session: Session) {
    this.versions = new ComputeVersions(session);
  }

  servers(query: ServerQuery = {}): Listing<Server> {
    const { name, status, limit, byName } = query;
    const order = byName ? { sort_key: 'display_name', sort_dir: 'asc' } : {};
    return this.list<NovaServer, Server>('/servers/detail', { name, status, limit, ...order }, 'servers', 'default', toServer);
  }

  /** Only ids and names (nova's short list), e.g. to name the instances other resources refer to. */
  serverNames(query: { limit?: number } = {}): Listing<{ id: string; name: string }> {
    return this.list<{ id: string; name: string }, { id: string; name: string }>('/servers', { limit: query.limit }, 'servers', 'default', (s) => ({ id: s.id, name: s.name }));
  }

  async server(id: string, signal?: AbortSignal): Promise<Server> {
    return toServer((await this.call<{ server: NovaServer }>('default', 'GET', path`/servers/${id}`, { signal })).server);
  }

  /** With maxCount > 1 nova answers with the first server only. */
  async createServer(spec: ServerCreate, signal?: AbortSignal): Promise<CreatedServer> {
    const { server } = await this.call<{ server: CreatedServer }>('serverCreate', 'POST', '/servers', { json: serverCreateBody(spec), signal });
    return { id: server.id, adminPass: server.adminPass };
  }

  async deleteServer(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('default', 'DELETE', path`/servers/${id}`, { signal, expectStatus: DELETED });
  }

  async startServer(id: string, signal?: AbortSignal): Promise<void> {
    await this.action(id, { 'os-start': null }, signal);
  }

  async stopServer(id: string, signal?: AbortSignal): Promise<void> {
    await this.action(id, { 'os-stop': null }, signal);
  }

  async rebootServer(id: string, type: 'SOFT' | 'HARD', signal?: AbortSignal): Promise<void> {
    await this.action(id, { reboot: { type } }, signal);
  }

  /** The last LENGTH lines of the console log, or all of it. */
  async consoleOutput(id: string, length?: number, signal?: AbortSignal): Promise<string> {
    const body = { 'os-getConsoleOutput': length === undefined ? {} : { length } };
    return (await this.action<{ output: string }>(id, body, signal)).output;
  }

  async remoteConsole(id: string, type: RemoteConsoleType, signal?: AbortSignal): Promise<RemoteConsole> {
    const json = { remote_console: { protocol: CONSOLE_PROTOCOL[type], type } };
    const res = await this.call<{ remote_console: RemoteConsole }>('remoteConsoles', 'POST', path`/servers/${id}/remote-consoles`, { json, signal });
    return res.remote_console;
  }

  /** Attaches VOLUMEID (Cinder) to server ID, at DEVICE or where nova chooses; answers with the device. */
  async attachVolume(id: string, volumeId: string, signal?: AbortSignal): Promise<{ device?: string }> {
    const json = { volumeAttachment: { volumeId } };
    const res = await this.call<{ volumeAttachment: { device?: string | null } }>('default', 'POST', path`/servers/${id}/os-volume_attachments`, { json, signal });
    return { device: res.volumeAttachment.device ?? undefined };
  }

  async detachVolume(id: string, volumeId: string, signal?: AbortSignal): Promise<void> {
    await this.call('default', 'DELETE', path`/servers/${id}/os-volume_attachments/${volumeId}`, { signal, expectStatus: [202, 204] });
  }

  /** BYNAME: ordered by name (nova's own order is by flavor id). */
  flavors(query: { limit?: number; byName?: boolean } = {}): Listing<Flavor> {
    const order = query.byName ? { sort_key: 'name', sort_dir: 'asc' } : {};
    return this.list<NovaFlavor, Flavor>('/flavors/detail', { limit: query.limit, ...order }, 'flavors', 'default', toFlavor);
  }

  keypairs(query: { limit?: number } = {}): Listing<Keypair> {
    return this.list<{ keypair: NovaKeypair }, Keypair>('/os-keypairs', query, 'keypairs', 'keypairs', (k) => toKeypair(k.keypair));
  }

  async importKeypair(name: string, publicKey: string, signal?: AbortSignal): Promise<Keypair> {
    const json = { keypair: { name, public_key: publicKey.trim(), type: 'ssh' } };
    return toKeypair((await this.call<{ keypair: NovaKeypair }>('keypairs', 'POST', '/os-keypairs', { json, signal })).keypair);
  }

  async deleteKeypair(name: string, signal?: AbortSignal): Promise<void> {
    await this.call('keypairs', 'DELETE', path`/os-keypairs/${name}`, { signal, expectStatus: DELETED });
  }

  /** The project's absolute compute limits and usage. */
  async limits(signal?: AbortSignal): Promise<ComputeLimits> {
    return toLimits((await this.call<{ limits: { absolute: NovaAbsoluteLimits } }>('default', 'GET', '/limits', { signal })).limits.absolute);
  }

  /** The nova-compute service of HOST (admin-only by default policy). */
  async computeServices(host: string, signal?: AbortSignal): Promise<NovaService[]> {
    const relative = withQuery('/os-services', { host, binary: 'nova-compute' });
    return (await this.call<{ services: NovaService[] }>('default', 'GET', relative, { signal })).services;
  }

  private action<T>(id: string, json: unknown, signal?: AbortSignal): Promise<T> {
    return this.call<T>('default', 'POST', path`/servers/${id}/action`, { json, signal });
  }

  private list<R, T>(base: string, query: Record<string, QueryValue>, itemsKey: string, feature: ComputeFeature, map: (raw: R) => T): Listing<T> {
    return listing({
      session: this.session, serviceType: 'compute', path: base, query, itemsKey, style: 'links', map,
      headers: (signal) => this.versions.headers(feature, signal),
    });
  }

  private async call<T>(
    feature: ComputeFeature, method: HttpMethod, relative: string,
    opts: { json?: unknown; signal?: AbortSignal; expectStatus?: number[] },
  ): Promise<T> {
    const headers = await this.versions.headers(feature, opts.signal);
    return (await this.session.request('compute', relative, { method, headers, ...opts })).json<T>();
  }
}

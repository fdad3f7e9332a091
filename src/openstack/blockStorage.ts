// Cinder v3: volumes, their snapshots, volume types, availability zones and limits. Every request carries the
// microversion negotiated once per session (OpenStack-API-Version: volume 3.x), like nova's.
import * as l10n from '@vscode/l10n';
import {
  toSnapshot, toVolume, toVolumeLimits, volumeCreateBody, type CinderAbsoluteLimits, type CinderSnapshot, type CinderVolume,
  type Snapshot, type Volume, type VolumeCreate, type VolumeLimits, type VolumeType,
} from './blockStorageModels';
import { OpenStackError } from './errors';
import type { HttpMethod } from './http';
import { listing, type Listing } from './listing';
import { readOnce } from './abortable';
import { compareVersions, highestAllowed, type VersionRange } from './microversion';
import { path, type QueryValue } from './paths';
import type { Session } from './session';

// The highest version the models were written against (Ussuri); nothing the UI reads changes up to Zed's 3.70.
const CEILING = '3.60';
/** Cinder extends an attached (in-use) volume from this microversion on. */
export const EXTEND_IN_USE = '3.42';

// Deleting what is already gone succeeds, as in openstacksdk (ignore_missing).
const DELETED = [202, 204, 404];

export class VolumeVersions {
  /** The microversions Cinder supports, read once per session from its version document. */
  readonly supported = readOnce(() => this.discover());

  constructor(private readonly session: Session) {}

  /** The version every request asks for: the highest the server, the client and a `volume_api_version` pin allow. */
  async negotiate(signal?: AbortSignal): Promise<string> {
    return negotiateVolume(await this.supported(signal), this.session.apiVersion('block-storage'));
  }

  async headers(signal?: AbortSignal): Promise<Record<string, string>> {
    return { 'openstack-api-version': `volume ${await this.negotiate(signal)}` };
  }

  private async discover(): Promise<VersionRange> {
    // GET /v3/ answers {"versions": [{"id": "v3.0", "version": "3.70", "min_version": "3.0"}]}
    const root = (await this.session.endpoint('block-storage')).replace(/(\/v3)(\/.*)?$/, '$1/');
    const doc = await (await this.session.request('block-storage', root)).json<{ versions?: { id?: string; version?: string; min_version?: string }[] }>();
    const v3 = doc?.versions?.find((v) => v.id?.startsWith('v3')) ?? doc?.versions?.[0];
    return { min: v3?.min_version || '3.0', max: v3?.version || '3.0' };
  }
}

/** The microversion to send to a Cinder supporting SERVER, honouring a `volume_api_version` pin ('3' selects the API only). */
export function negotiateVolume(server: VersionRange, apiVersion?: string): string {
  const { version, pin } = highestAllowed(CEILING, server, apiVersion);
  if (compareVersions(version, server.min) >= 0) return version;
  throw new OpenStackError({ kind: 'config', text: pin && compareVersions(pin, server.min) < 0
    ? l10n.t('volume_api_version {0} is below {1}, the lowest Cinder accepts: raise or remove it.', pin, server.min)
    : l10n.t('Cinder requires microversion {0} or later, but this client speaks up to {1}.', server.min, CEILING) });
}

export interface VolumeQuery {
  limit?: number;
  /** Ordered by name (Cinder's own order is newest first). */
  byName?: boolean;
  status?: string;
  name?: string;
}

export class BlockStorageService {
  readonly versions: VolumeVersions;

  constructor(private readonly session: Session) {
    this.versions = new VolumeVersions(session);
  }

  volumes(query: VolumeQuery = {}): Listing<Volume> {
    const { limit, byName, status, name } = query;
    return this.list<CinderVolume, Volume>('/volumes/detail', { limit, status, name, ...(byName ? { sort: 'name:asc' } : {}) }, 'volumes', toVolume);
  }

  async volume(id: string, signal?: AbortSignal): Promise<Volume> {
    return toVolume((await this.call<{ volume: CinderVolume }>('GET', path`/volumes/${id}`, { signal })).volume);
  }

  async createVolume(spec: VolumeCreate, signal?: AbortSignal): Promise<Volume> {
    return toVolume((await this.call<{ volume: CinderVolume }>('POST', '/volumes', { json: volumeCreateBody(spec), signal, expectStatus: [202] })).volume);
  }

  async deleteVolume(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('DELETE', path`/volumes/${id}`, { signal, expectStatus: DELETED });
  }

  /** NEWSIZE GiB, more than now. An in-use volume needs microversion 3.42 (extendInUseProblem says why not). */
  async extendVolume(id: string, newSize: number, signal?: AbortSignal): Promise<void> {
    await this.call('POST', path`/volumes/${id}/action`, { json: { 'os-extend': { new_size: newSize } }, signal, expectStatus: [202] });
  }

  /** Whether an attached volume can be extended: Cinder's microversion reaches 3.42 (and no pin holds it lower). */
  async canExtendInUse(signal?: AbortSignal): Promise<boolean> {
    return compareVersions(await this.versions.negotiate(signal), EXTEND_IN_USE) >= 0;
  }

  /** One volume's snapshots, or the project's. */
  snapshots(query: { volumeId?: string; limit?: number } = {}): Listing<Snapshot> {
    return this.list<CinderSnapshot, Snapshot>('/snapshots/detail', { volume_id: query.volumeId, limit: query.limit, sort: 'name:asc' }, 'snapshots', toSnapshot);
  }

  async snapshot(id: string, signal?: AbortSignal): Promise<Snapshot> {
    return toSnapshot((await this.call<{ snapshot: CinderSnapshot }>('GET', path`/snapshots/${id}`, { signal })).snapshot);
  }

  /** FORCE: of an in-use volume (crash-consistent: what the guest had not flushed is not in it). */
  async createSnapshot(spec: { volumeId: string; name: string; force?: boolean; description?: string }, signal?: AbortSignal): Promise<Snapshot> {
    const json = { snapshot: { volume_id: spec.volumeId, name: spec.name, force: spec.force || undefined, description: spec.description } };
    return toSnapshot((await this.call<{ snapshot: CinderSnapshot }>('POST', '/snapshots', { json, signal, expectStatus: [202] })).snapshot);
  }

  async deleteSnapshot(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('DELETE', path`/snapshots/${id}`, { signal, expectStatus: DELETED });
  }

  async volumeTypes(signal?: AbortSignal): Promise<VolumeType[]> {
    const { volume_types: types } = await this.call<{ volume_types: { id: string; name: string; description?: string | null }[] }>('GET', '/types', { signal });
    return types.map((t) => ({ id: t.id, name: t.name, description: t.description ?? undefined }));
  }

  /** The zones volumes can be created in (those Cinder reports available). */
  async availabilityZones(signal?: AbortSignal): Promise<string[]> {
    const { availabilityZoneInfo: zones } = await this.call<{ availabilityZoneInfo: { zoneName: string; zoneState?: { available?: boolean } }[] }>('GET', '/os-availability-zone', { signal });
    return zones.filter((z) => z.zoneState?.available !== false).map((z) => z.zoneName);
  }

  /** The project's absolute volume limits and usage. */
  async limits(signal?: AbortSignal): Promise<VolumeLimits> {
    return toVolumeLimits((await this.call<{ limits: { absolute: CinderAbsoluteLimits } }>('GET', '/limits', { signal })).limits.absolute);
  }

  private list<R, T>(base: string, query: Record<string, QueryValue>, itemsKey: string, map: (raw: R) => T): Listing<T> {
    return listing({
      session: this.session, serviceType: 'block-storage', path: base, query, itemsKey, style: 'links', map,
      headers: (signal) => this.versions.headers(signal),
    });
  }

  private async call<T>(method: HttpMethod, relative: string, opts: { json?: unknown; signal?: AbortSignal; expectStatus?: number[] }): Promise<T> {
    const headers = await this.versions.headers(opts.signal);
    return (await this.session.request('block-storage', relative, { method, headers, ...opts })).json<T>();
  }
}


// Glance v2: list, show, create, upload from a file and delete images.
import { stat } from 'node:fs/promises';
import { fileBody } from './fileBody';
import { listing, union, type Listing } from './listing';
import { path } from './paths';
import type { Session } from './session';

export interface Image {
  id: string;
  name: string;
  /** queued (no data yet), saving, active, killed, deleted, deactivated, … */
  status: string;
  /** Bytes; null until data is uploaded. */
  size: number | null;
  diskFormat: string | null;
  containerFormat: string | null;
  visibility: string;
  minDisk: number;
  minRam: number;
  owner: string;
  created: string;
  raw: Record<string, unknown>;
}

interface GlanceImage {
  id: string;
  name: string | null;
  status: string;
  size: number | null;
  disk_format: string | null;
  container_format: string | null;
  visibility: string;
  min_disk: number;
  min_ram: number;
  owner: string;
  created_at: string;
}

export interface ImageQuery {
  name?: string;
  status?: string;
  visibility?: 'public' | 'private' | 'shared' | 'community' | 'all';
  /** The owning project. */
  owner?: string;
  /** Glance pages at 25 unless told; this client asks for up to 1000 (its default api_limit_max). */
  limit?: number;
  /** Ordered by name (Glance's own order is newest first). */
  byName?: boolean;
}

export interface ImageCreate {
  name: string;
  diskFormat: string;
  containerFormat?: string;
  visibility?: 'public' | 'private' | 'shared' | 'community';
  minDisk?: number;
  minRam?: number;
  /** Extra properties, e.g. hw_disk_bus; Glance only takes strings. */
  properties?: Record<string, string>;
}

export interface UploadOptions {
  /** Called as bytes leave for Glance. */
  onProgress?: (sent: number, total: number) => void;
  /** Cancelling deletes the image, which is unusable without its data. */
  signal?: AbortSignal;
}

const PAGE = 1000;

export class ImageService {
  constructor(private readonly session: Session) {}

  images(query: ImageQuery = {}): Listing<Image> {
    const { name, status, visibility, owner, limit, byName } = query;
    return listing<GlanceImage, Image>({
      session: this.session, serviceType: 'image', path: '/images',
      query: { name, status, visibility, owner, limit: limit ?? PAGE, ...(byName ? { sort_key: 'name', sort_dir: 'asc' } : {}) },
      itemsKey: 'images', style: 'glance', map: toImage,
    });
  }

  /**
   * The images PROJECTID sees, as its members list them: its own, the public ones and those shared with it that
   * it accepted. For an admin's token, whose plain list has every project's private images: Glance skips the
   * membership check for admins, so it is asked per shared image (1 GET each).
   */
  projectImages(projectId: string, query: Pick<ImageQuery, 'status'> = {}): Listing<Image> {
    return union([
      (signal) => this.images({ ...query, owner: projectId }).toArray(signal),
      (signal) => this.images({ ...query, visibility: 'public' }).toArray(signal),
      (signal) => this.sharedWith(projectId, query, signal),
    ]);
  }

  private async sharedWith(projectId: string, query: Pick<ImageQuery, 'status'>, signal?: AbortSignal): Promise<Image[]> {
    const others = (await this.images({ ...query, visibility: 'shared' }).toArray(signal)).filter((i) => i.owner !== projectId);
    const accepted = await Promise.all(others.map((i) => this.memberStatus(i.id, projectId, signal).then((status) => status === 'accepted')));
    return others.filter((_, n) => accepted[n]);
  }

  /** PROJECTID's membership of image ID: pending, accepted, rejected, or undefined when it is no member. */
  private async memberStatus(id: string, projectId: string, signal?: AbortSignal): Promise<string | undefined> {
    const res = await this.session.request('image', path`/images/${id}/members/${projectId}`, { method: 'GET', signal, expectStatus: [200, 404] });
    return res.status === 404 ? undefined : (await res.json<{ status: string }>()).status;
  }

  async image(id: string, signal?: AbortSignal): Promise<Image> {
    return toImage(await (await this.session.request('image', path`/images/${id}`, { method: 'GET', signal })).json<GlanceImage>());
  }

  /** A new image in status `queued`, waiting for its data. */
  async createImage(spec: ImageCreate, signal?: AbortSignal): Promise<Image> {
    const json = {
      ...spec.properties, name: spec.name, disk_format: spec.diskFormat, container_format: spec.containerFormat ?? 'bare',
      visibility: spec.visibility, min_disk: spec.minDisk, min_ram: spec.minRam,
    };
    return toImage(await (await this.session.request('image', '/images', { method: 'POST', json, signal })).json<GlanceImage>());
  }

  /** Streams FILE into a queued image; it turns active once Glance has stored it. */
  async uploadImage(id: string, file: string, opts: UploadOptions = {}): Promise<void> {
    const { size } = await stat(file);
    const { body, readFailure } = fileBody(file, size, opts.onProgress);
    const headers = { 'content-type': 'application/octet-stream', 'content-length': String(size) };
    try {
      await this.session.request('image', path`/images/${id}/file`, { method: 'PUT', body, headers, signal: opts.signal, expectStatus: [204] });
    } catch (err) {
      body.destroy();
      if (opts.signal?.aborted) await this.deleteImage(id);
      throw readFailure() ?? err;
    }
  }

  async deleteImage(id: string, signal?: AbortSignal): Promise<void> {
    // Already gone counts as deleted, as in openstacksdk (ignore_missing).
    await this.session.request('image', path`/images/${id}`, { method: 'DELETE', signal, expectStatus: [204, 404] });
  }
}

function toImage(i: GlanceImage): Image {
  return {
    id: i.id, name: i.name ?? '', status: i.status, size: i.size, diskFormat: i.disk_format, containerFormat: i.container_format,
    visibility: i.visibility, minDisk: i.min_disk, minRam: i.min_ram, owner: i.owner, created: i.created_at,
    raw: i as unknown as Record<string, unknown>,
  };
}

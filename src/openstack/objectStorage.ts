// Swift (object-store v1): containers, objects, pseudo-folders and temp URLs. The catalog endpoint is the
// account (`…/v1/AUTH_<project>`); listings are JSON (`format=json`) paged by `marker`; bodies stream both
// ways so that a big object is never held in memory.
import * as l10n from '@vscode/l10n';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { readOnce } from './abortable';
import { OpenStackError } from './errors';
import { counting, fileBody } from './fileBody';
import { inPool } from './pool';
import type { Listing } from './listing';
import type { Page } from './paging';
import { withQuery } from './paths';
import type { Session } from './session';
import {
  bulkDeleteFailures, md5Hex, objectPath, signedPath, strongestDigest, tempUrlQuery, toClusterInfo, toContainer, toEntry, toHead, unquoteEtag,
  type Container, type ContainerEntry, type ObjectHead, type RawBulkDelete, type RawContainer, type RawEntry,
} from './objectStorageModels';

const SERVICE = 'object-store';
/** Swift's own listing limit (container_listing_limit). */
const MAX_PAGE = 10_000;

export interface EntryQuery {
  /** Only names starting with it, e.g. a pseudo-folder `logs/`. */
  prefix?: string;
  /** '/' groups deeper names into pseudo-folders (`subdir` entries); unset lists every object under the prefix. */
  delimiter?: string;
  limit?: number;
}

export interface TransferOptions {
  signal?: AbortSignal;
  /** Bytes moved so far of TOTAL. */
  onProgress?: (moved: number, total: number) => void;
}

export interface DeleteOptions {
  signal?: AbortSignal;
  /** Objects settled (deleted or refused) so far of TOTAL. */
  onProgress?: (settled: number, total: number) => void;
}

export interface DeleteOutcome {
  /** Deleted, or already gone. */
  done: number;
  /** The objects Swift refused to delete, with its words. */
  failed: { name: string; reason: string }[];
}

export interface PutOptions {
  contentType?: string;
  /** Only create: Swift answers 412 when the object exists (If-None-Match: *). */
  createOnly?: boolean;
  signal?: AbortSignal;
}

export class ObjectStorageService {
  constructor(private readonly session: Session) {}

  /** The account's containers by name. */
  containers(limit = MAX_PAGE): Listing<Container> {
    return this.markerListing<RawContainer, Container>('', {}, limit, toContainer);
  }

  /** The objects (and, with a delimiter, pseudo-folders) of CONTAINER, by name. */
  entries(container: string, query: EntryQuery = {}): Listing<ContainerEntry> {
    return this.markerListing<RawEntry, ContainerEntry>(objectPath(container), { prefix: query.prefix, delimiter: query.delimiter }, query.limit ?? MAX_PAGE, toEntry);
  }

  /**
   * The account's temp URL keys (X-Account-Meta-Temp-URL-Key and -Key-2, from a HEAD of the account): metadata
   * anyone who may read the account can read.
   */
  async tempUrlKeys(signal?: AbortSignal): Promise<string[]> {
    const { headers } = await this.session.request(SERVICE, '', { method: 'HEAD', signal });
    return [headers['x-account-meta-temp-url-key'], headers['x-account-meta-temp-url-key-2']].filter((k): k is string => !!k);
  }

  /** HEAD of the container: its counts, or undefined when it does not exist. */
  async container(name: string, signal?: AbortSignal): Promise<Container | undefined> {
    const res = await this.session.request(SERVICE, objectPath(name), { method: 'HEAD', signal, expectStatus: [200, 204, 404] });
    if (res.status === 404) return undefined;
    const h = res.headers;
    return { name, count: Number(h['x-container-object-count'] ?? 0), bytes: Number(h['x-container-bytes-used'] ?? 0) };
  }

  /** Creates NAME; true when it is new (201), false when it already existed (202). */
  async createContainer(name: string, signal?: AbortSignal): Promise<boolean> {
    const res = await this.session.request(SERVICE, objectPath(name), { method: 'PUT', signal, headers: { 'content-length': '0' } });
    return res.status === 201;
  }

  /** Deletes an empty container; Swift refuses one with objects (409 Conflict), which this rethrows unchanged. */
  async deleteContainer(name: string, signal?: AbortSignal): Promise<void> {
    await this.session.request(SERVICE, objectPath(name), { method: 'DELETE', signal, expectStatus: [204, 404] });
  }

  async head(container: string, object: string, signal?: AbortSignal): Promise<ObjectHead | undefined> {
    const res = await this.session.request(SERVICE, objectPath(container, object), { method: 'HEAD', signal, expectStatus: [200, 404] });
    return res.status === 404 ? undefined : toHead(res.headers);
  }

  /** The whole object in memory, for the editor; refused above MAXBYTES (check head() first for big ones). */
  async read(container: string, object: string, maxBytes: number, signal?: AbortSignal): Promise<{ data: Buffer; head: ObjectHead }> {
    const res = await this.session.request(SERVICE, objectPath(container, object), { method: 'GET', signal, stream: true });
    const head = toHead(res.headers);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.stream()) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        res.stream().destroy();
        throw new OpenStackError({ kind: 'config', text: l10n.t('{0} is larger than {1} bytes: download it instead of opening it.', object, maxBytes) });
      }
      chunks.push(chunk as Buffer);
    }
    return { data: Buffer.concat(chunks), head };
  }

  /**
   * Writes DATA as the object, sending its MD5 as ETag: Swift refuses (422) a body that arrived different.
   * Returns the new ETag.
   */
  async write(container: string, object: string, data: Buffer, opts: PutOptions = {}): Promise<string> {
    const headers: Record<string, string> = { etag: md5Hex(data), 'content-type': opts.contentType ?? 'application/octet-stream' };
    if (opts.createOnly) headers['if-none-match'] = '*';
    const res = await this.session.request(SERVICE, objectPath(container, object), { method: 'PUT', body: data, headers, signal: opts.signal, expectStatus: [201] });
    return unquoteEtag(res.headers.etag);
  }

  /**
   * Writes DATA over the object only if it is still the version read (ETag EXPECTED): Swift has no If-Match on
   * PUT, so this HEADs the object, compares, then PUTs. Another client's PUT landing between that HEAD and this
   * PUT (a few milliseconds) is still overwritten: Swift offers nothing to close that window. A conflict throws
   * a StaleObject with the server's ETag.
   */
  async writeIfUnchanged(container: string, object: string, data: Buffer, expected: string, opts: PutOptions = {}): Promise<string> {
    const current = await this.head(container, object, opts.signal);
    if (current?.etag !== expected) throw new StaleObject(object, expected, current?.etag);
    return this.write(container, object, data, { ...opts, contentType: opts.contentType ?? current.contentType });
  }

  /**
   * Streams FILE into the object; a PUT is atomic in Swift, so a cancelled one leaves no partial object. A file
   * that cannot be read fails the PUT with the file's own error (EACCES, EISDIR…), and its handle is closed.
   */
  async upload(container: string, object: string, file: string, opts: TransferOptions & { contentType?: string } = {}): Promise<string> {
    const { size } = await stat(file);
    const { body, readFailure } = fileBody(file, size, opts.onProgress);
    const headers = { 'content-type': opts.contentType ?? 'application/octet-stream', 'content-length': String(size) };
    try {
      const res = await this.session.request(SERVICE, objectPath(container, object), { method: 'PUT', body, headers, signal: opts.signal, expectStatus: [201] });
      return unquoteEtag(res.headers.etag);
    } catch (err) {
      body.destroy();
      throw readFailure() ?? err;
    }
  }

  /** Streams the object into FILE through FILE.part, renamed when complete: a cancelled download leaves no file. */
  async download(container: string, object: string, file: string, opts: TransferOptions = {}): Promise<void> {
    const res = await this.session.request(SERVICE, objectPath(container, object), { method: 'GET', signal: opts.signal, stream: true });
    const total = Number(res.headers['content-length'] ?? 0);
    const partial = `${file}.part`;
    try {
      await pipeline(res.stream(), counting(total, opts.onProgress), createWriteStream(partial), { signal: opts.signal });
      await rename(partial, file);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  /** Deletes the object; already gone counts as deleted. True when there was one to delete. */
  async deleteObject(container: string, object: string, signal?: AbortSignal): Promise<boolean> {
    const res = await this.session.request(SERVICE, objectPath(container, object), { method: 'DELETE', signal, expectStatus: [204, 404] });
    return res.status === 204;
  }

  /**
   * Deletes NAMES of CONTAINER: with Swift's bulk delete (POST ?bulk-delete, as many names a request as /info
   * allows) when the cluster has the bulk middleware, else 4 DELETEs at a time. Already gone counts as deleted.
   * An object Swift refused is in the outcome with Swift's words; only a failed request or a cancel throws.
   */
  async deleteMany(container: string, names: readonly string[], opts: DeleteOptions = {}): Promise<DeleteOutcome> {
    const outcome: DeleteOutcome = { done: 0, failed: [] };
    if (names.length === 0) return outcome;
    const info = await this.info(opts.signal).catch(() => undefined);
    const batch = info?.bulkDeleteMax;
    const settled = (count: number, failed: DeleteOutcome['failed']) => {
      outcome.done += count - failed.length;
      outcome.failed.push(...failed);
      opts.onProgress?.(outcome.done + outcome.failed.length, names.length);
    };
    if (batch) {
      for (let i = 0; i < names.length; i += batch) settled(Math.min(batch, names.length - i), await this.bulkDelete(container, names.slice(i, i + batch), opts.signal));
    } else {
      await inPool(names, 4, async (name) => settled(1, await this.deleteOrReason(container, name, opts.signal)));
    }
    return outcome;
  }

  /** Deletes NAMES like deleteMany, and throws ObjectsNotDeleted when Swift refused any of them. */
  async deleteAll(container: string, names: readonly string[], opts: DeleteOptions = {}): Promise<void> {
    const outcome = await this.deleteMany(container, names, opts);
    if (outcome.failed.length) throw new ObjectsNotDeleted(outcome, names.length);
  }

  private async bulkDelete(container: string, names: readonly string[], signal?: AbortSignal): Promise<DeleteOutcome['failed']> {
    const body = Buffer.from(names.map((name) => objectPath(container, name)).join('\n'));
    const headers = { 'content-type': 'text/plain', accept: 'application/json' };
    const res = await this.session.request(SERVICE, '?bulk-delete', { method: 'POST', body, headers, signal });
    return bulkDeleteFailures(container, names, (await res.json<RawBulkDelete | undefined>()) ?? {});
  }

  /** One DELETE: no failure, or the object with Swift's words (a failed connection or a cancel throws). */
  private async deleteOrReason(container: string, name: string, signal?: AbortSignal): Promise<DeleteOutcome['failed']> {
    try {
      await this.deleteObject(container, name, signal);
      return [];
    } catch (err) {
      if (!(err instanceof OpenStackError && err.kind === 'http')) throw err;
      return [{ name, reason: err.serviceMessage ?? err.message }];
    }
  }

  /** Server-side copy (PUT with X-Copy-From): the data never comes through this machine. */
  async copy(from: { container: string; object: string }, to: { container: string; object: string }, signal?: AbortSignal): Promise<void> {
    const headers = { 'x-copy-from': objectPath(from.container, from.object), 'content-length': '0' };
    await this.session.request(SERVICE, objectPath(to.container, to.object), { method: 'PUT', headers, signal, expectStatus: [201] });
  }

  /** What the cluster offers (GET /info at the endpoint's root, outside /v1; no token needed): read once per client. */
  readonly info = readOnce(async () => {
    const res = await this.session.request(SERVICE, infoUrl(await this.session.endpoint(SERVICE)), { method: 'GET' });
    return toClusterInfo(await res.json<Record<string, unknown>>());
  });

  /** Sets the account's temp URL key (X-Account-Meta-Temp-URL-Key), replacing the one there. */
  async setTempUrlKey(key: string, signal?: AbortSignal): Promise<void> {
    await this.session.request(SERVICE, '', { method: 'POST', headers: { 'x-account-meta-temp-url-key': key }, signal, expectStatus: [204] });
  }

  /**
   * A temp URL for the object, valid SECONDS from now, signed with KEY and the strongest digest the cluster's /info
   * allows. Throws when the cluster has no tempurl middleware.
   */
  async tempUrl(container: string, object: string, key: string, seconds: number, signal?: AbortSignal): Promise<string> {
    const info = await this.info(signal);
    const digest = strongestDigest(info.tempUrlDigests);
    if (!info.tempUrl || !digest) throw new OpenStackError({ kind: 'config', text: l10n.t('This cloud\'s object storage has no temp URLs (the tempurl middleware is not enabled).') });
    const endpoint = new URL(await this.session.endpoint(SERVICE, signal));
    const encoded = `${endpoint.pathname.replace(/\/$/, '')}${objectPath(container, object)}`;
    const expires = Math.floor(Date.now() / 1000) + seconds;
    const query = tempUrlQuery({ method: 'GET', expires, path: signedPath(decodeURIComponent(encoded)), key, digest });
    return `${endpoint.origin}${encoded}?${query}`;
  }

  /**
   * Swift answers a bare JSON array (204 or [] when empty), paged by MARKER. A page of the tree asks LIMIT + 1 to
   * know whether more follow (at 10,000, the default cap, a full page is taken to mean that more may). A whole
   * listing asks pages of Swift's own size (its container_listing_limit, which clusters set differently) until
   * one comes back empty: a short page is not taken for the end.
   */
  private markerListing<R, T extends { name: string }>(path: string, query: Record<string, string | undefined>, limit: number, map: (raw: R) => T): Listing<T> {
    const asked = Math.min(limit + 1, MAX_PAGE);
    const shown = Math.min(limit, MAX_PAGE);
    const read = async (marker: string | undefined, pageLimit: number | undefined, signal?: AbortSignal): Promise<T[]> => {
      const url = withQuery(path, { format: 'json', ...query, limit: pageLimit, marker });
      const res = await this.session.request(SERVICE, url, { method: 'GET', signal });
      return ((await res.json<R[] | undefined>()) ?? []).map(map);
    };
    const page = async (marker: string | undefined, signal?: AbortSignal): Promise<Page<T>> => {
      const items = await read(marker, asked, signal);
      const more = items.length > shown || (asked === MAX_PAGE && items.length === MAX_PAGE);
      if (!more) return { items, hasMore: false };
      const kept = items.slice(0, shown);
      return { items: kept, hasMore: true, nextUrl: kept.at(-1)!.name };
    };
    return {
      async *all(signal) {
        for (let items = await read(undefined, undefined, signal); items.length > 0; items = await read(items.at(-1)!.name, undefined, signal)) yield* items;
      },
      async toArray(signal) {
        const items: T[] = [];
        for await (const item of this.all(signal)) items.push(item);
        return items;
      },
      firstPage: (signal) => page(undefined, signal),
      // nextUrl carries the marker: the name of the last item shown
      nextPage: async (previous, signal) => (previous.nextUrl === undefined ? { items: [], hasMore: false } : page(previous.nextUrl, signal)),
    };
  }
}

/** The object changed on the server since it was read: its ETag is not the one the write expected. */
export class StaleObject extends Error {
  override readonly name = 'StaleObject';
  constructor(readonly object: string, readonly expected: string, readonly found: string | undefined) {
    super(found === undefined
      ? l10n.t('{0} was deleted on the server since you opened it: Save As to keep your version.', object)
      : l10n.t('{0} changed on the server since you opened it (ETag {1}, now {2}): reopen it to see the new version, or Save As.', object, expected, found));
  }
}

/** Some objects were not deleted: how many were, of how many, and Swift's words for the first few others. */
export class ObjectsNotDeleted extends Error {
  override readonly name = 'ObjectsNotDeleted';
  constructor(readonly outcome: DeleteOutcome, readonly total: number) {
    const shown = outcome.failed.slice(0, 3).map((f) => `${f.name} (${f.reason})`).join(', ');
    super(l10n.t('{0} of {1} objects deleted; Swift did not delete {2}: {3}{4}', outcome.done, total, outcome.failed.length, shown, outcome.failed.length > 3 ? ' …' : ''));
  }
}

/** The cluster's /info: at the root of the endpoint's host, before /v1. */
export function infoUrl(endpoint: string): string {
  const url = new URL(endpoint);
  const segments = url.pathname.split('/');
  const v1 = segments.indexOf('v1');
  url.pathname = `${v1 < 0 ? '' : segments.slice(0, v1).join('/')}/info`;
  url.search = '';
  return url.toString();
}


// Swift's wire shapes turned into models, and the pure rules around them: listing entries (objects and the
// pseudo-folders a delimiter listing returns as `subdir`), object heads, the cluster's /info, and temp URL
// signatures (swift/common/middleware/tempurl.py: HMAC over "METHOD\nEXPIRES\nPATH").
import { createHash, createHmac } from 'node:crypto';

export interface Container {
  name: string;
  /** Objects in it, as the account listing last counted them (updated asynchronously by Swift). */
  count: number;
  bytes: number;
  lastModified?: string;
}

export interface StoredObject {
  kind: 'object';
  /** The full object name, pseudo-folders included: `logs/2024/a.txt`. */
  name: string;
  bytes: number;
  /** MD5 of the content (a manifest's: of its segments' ETags), unquoted. */
  hash: string;
  contentType: string;
  lastModified: string;
}

/** A pseudo-folder: a name prefix up to and including the delimiter, e.g. `logs/2024/`. */
export interface PseudoFolder {
  kind: 'folder';
  name: string;
}

export type ContainerEntry = StoredObject | PseudoFolder;

export interface ObjectHead {
  /** Unquoted. */
  etag: string;
  bytes: number;
  contentType: string;
  lastModified: string;
  /** Milliseconds since the epoch, from X-Timestamp (sub-second, unlike Last-Modified) when Swift sends it. */
  modified: number;
}

export interface RawContainer {
  name: string;
  count: number;
  bytes: number;
  last_modified?: string;
}

export type RawEntry = { subdir: string } | { name: string; bytes: number; hash: string; content_type: string; last_modified: string };

export function toContainer(raw: RawContainer): Container {
  return { name: raw.name, count: raw.count, bytes: raw.bytes, lastModified: raw.last_modified };
}

export function toEntry(raw: RawEntry): ContainerEntry {
  if ('subdir' in raw) return { kind: 'folder', name: raw.subdir };
  return { kind: 'object', name: raw.name, bytes: raw.bytes, hash: raw.hash, contentType: raw.content_type, lastModified: raw.last_modified };
}

/** What an entry is called below its folder: `logs/2024/a.txt` under `logs/2024/` is `a.txt`, the folder `logs/2024/` is `2024`. */
export function leafName(entry: ContainerEntry, prefix: string): string {
  const rest = entry.name.startsWith(prefix) ? entry.name.slice(prefix.length) : entry.name;
  return entry.kind === 'folder' ? rest.replace(/\/$/, '') : rest;
}

/** An ETag as Swift may send it (quoted when etag_quoter is on), unquoted for comparison. */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/^"|"$/g, '');
}

export function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

export function toHead(headers: Record<string, string>): ObjectHead {
  return {
    etag: unquoteEtag(headers.etag),
    bytes: Number(headers['content-length'] ?? 0),
    contentType: headers['content-type'] ?? 'application/octet-stream',
    lastModified: headers['last-modified'] ?? '',
    modified: Math.round(Number(headers['x-timestamp'] ?? 0) * 1000) || Date.parse(headers['last-modified'] ?? '') || 0,
  };
}

export type TempUrlDigest = 'sha1' | 'sha256' | 'sha512';

export interface ClusterInfo {
  /** Whether the tempurl middleware is in the pipeline. */
  tempUrl: boolean;
  /** Digests the cluster accepts for signatures; Swift's default is sha256 and sha512 (sha1 deprecated). */
  tempUrlDigests: TempUrlDigest[];
  /** Swift's max_file_size: a bigger object needs segments (SLO), which this client does not upload. */
  maxFileSize?: number;
  /** Names one bulk delete (POST ?bulk-delete) may carry; undefined when the cluster has no bulk middleware. */
  bulkDeleteMax?: number;
}

const DIGEST_STRENGTH: TempUrlDigest[] = ['sha512', 'sha256', 'sha1'];

export function toClusterInfo(raw: Record<string, unknown>): ClusterInfo {
  const tempurl = raw.tempurl as { allowed_digests?: string[] } | undefined;
  const swift = raw.swift as { max_file_size?: number } | undefined;
  const bulk = raw.bulk_delete as { max_deletes_per_request?: number } | undefined;
  // Clusters older than the allowed_digests option (Swift < 2.17) sign with sha1 only.
  const digests = (tempurl?.allowed_digests ?? ['sha1']).filter((d): d is TempUrlDigest => (DIGEST_STRENGTH as string[]).includes(d));
  return { tempUrl: tempurl !== undefined, tempUrlDigests: digests, maxFileSize: swift?.max_file_size,
    bulkDeleteMax: bulk && (bulk.max_deletes_per_request ?? 10_000) };
}

/** What a bulk delete answers (Accept: application/json); Errors pairs a quoted `/container/object` with a status. */
export interface RawBulkDelete {
  'Number Deleted'?: number;
  'Number Not Found'?: number;
  'Response Status'?: string;
  'Response Body'?: string;
  Errors?: [string, string][];
}

/** The names of a bulk delete of CONTAINER's NAMES that Swift did not delete, each with Swift's words. */
export function bulkDeleteFailures(container: string, names: readonly string[], raw: RawBulkDelete): { name: string; reason: string }[] {
  const byPath = new Map(names.map((name) => [`/${container}/${name}`, name]));
  const failed = (raw.Errors ?? []).map(([quoted, status]) => ({ name: byPath.get(safeDecode(quoted)) ?? safeDecode(quoted), reason: status }));
  if (failed.length || /^2\d\d/.test(raw['Response Status'] ?? '200')) return failed;
  // refused as a whole (e.g. 400 Max delete failures exceeded): none of these is known deleted
  const reason = [raw['Response Status'], raw['Response Body']].filter(Boolean).join(': ');
  return names.map((name) => ({ name, reason }));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The strongest digest the cluster allows, or undefined when it allows none this client knows. */
export function strongestDigest(allowed: readonly TempUrlDigest[]): TempUrlDigest | undefined {
  return DIGEST_STRENGTH.find((d) => allowed.includes(d));
}

export interface TempUrlSpec {
  method: 'GET' | 'PUT' | 'HEAD';
  /** Unix time in seconds. */
  expires: number;
  /** The object's path from /v1 on, as the request will name it: `/v1/AUTH_x/container/object` (not encoded). */
  path: string;
  key: string;
  digest: TempUrlDigest;
}

/** The temp URL signature, hex (tempurl.py accepts hex for every digest and tells them apart by length). */
export function tempUrlSignature(spec: TempUrlSpec): string {
  return createHmac(spec.digest, spec.key).update(`${spec.method}\n${spec.expires}\n${spec.path}`).digest('hex');
}

/**
 * The part of an object's URL path a temp URL signs: from /v1/ on. Swift checks the HMAC over the path it
 * receives, and a proxy in front of it may strip a prefix of the public URL (`/swift/v1/AUTH_x/c/o`).
 */
export function signedPath(path: string): string {
  const v1 = path.indexOf('/v1/');
  return v1 < 0 ? path : path.slice(v1);
}

/** The query a temp URL adds to the object's URL. */
export function tempUrlQuery(spec: TempUrlSpec): string {
  return `temp_url_sig=${tempUrlSignature(spec)}&temp_url_expires=${spec.expires}`;
}

/**
 * The object's path below the account, each segment encoded (slashes in the object name stay slashes). A `.` or
 * `..` segment is a name in Swift: it is sent encoded (%2E) and the HTTP client sends paths as written, so that
 * no URL parser on the way turns `a/../b` into `b`.
 */
export function objectPath(container: string, object?: string): string {
  const segment = (text: string) => (text === '.' || text === '..' ? text.replace(/\./g, '%2E') : encodeURIComponent(text));
  const encoded = (text: string) => text.split('/').map(segment).join('/');
  return object === undefined ? `/${segment(container)}` : `/${segment(container)}/${encoded(object)}`;
}

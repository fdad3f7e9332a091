// Uploading files and folders into a container, the part without VS Code (the command and the cloud tests run
// the same code): a plan (each file's object name under a prefix, a folder's files below its name), then the
// PUTs, 4 at a time. A Swift PUT is atomic, so no object is ever half-written; a cancelled or failed run deletes
// the objects it created, so nothing of it stays behind. An object it replaced keeps the new content: Swift has
// no undo for an overwrite, which the command says before it starts.
import * as l10n from '@vscode/l10n';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { ObjectStorageService } from '../../../openstack/objectStorage';
import { inPool } from '../../../openstack/pool';
import { contentTypeFor } from './objectStorageFormat';

export interface UploadItem {
  file: string;
  /** The object name: prefix + path below the chosen folder's parent, with '/' separators. */
  object: string;
  bytes: number;
}

export interface UploadProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface UploadRunOptions {
  signal?: AbortSignal;
  concurrency?: number;
  onProgress?: (progress: UploadProgress) => void;
  /** Object names that existed before the run: a rollback leaves them (their old content is gone either way). */
  existing: ReadonlySet<string>;
}

/** Every file of PATHS (folders walked, links not followed) as the object it becomes under PREFIX, by object name. */
export async function planUpload(paths: readonly string[], prefix: string): Promise<UploadItem[]> {
  const items: UploadItem[] = [];
  for (const chosen of paths) {
    const info = await stat(chosen);
    const base = path.dirname(chosen);
    if (info.isDirectory()) await walk(chosen, base, prefix, items);
    else items.push({ file: chosen, object: objectName(prefix, base, chosen), bytes: info.size });
  }
  return items.sort((a, b) => a.object.localeCompare(b.object));
}

async function walk(dir: string, base: string, prefix: string, into: UploadItem[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, base, prefix, into);
    else if (entry.isFile()) into.push({ file: full, object: objectName(prefix, base, full), bytes: (await stat(full)).size });
  }
}

function objectName(prefix: string, base: string, file: string): string {
  return prefix + path.relative(base, file).split(path.sep).join('/');
}

/**
 * Listing prefixes that together hold every name of NAMES, bounded by what the upload touches: below the names'
 * common folder, one per distinct first segment (`site/`, `notes.txt`) rather than one listing of the whole container.
 */
export function topPrefixes(names: readonly string[]): string[] {
  let common = names[0] ?? '';
  for (const name of names) while (!name.startsWith(common)) common = common.slice(0, -1);
  common = common.slice(0, common.lastIndexOf('/') + 1);
  const tops = names.map((name) => {
    const rest = name.slice(common.length);
    const slash = rest.indexOf('/');
    return common + (slash < 0 ? rest : rest.slice(0, slash + 1));
  });
  return [...new Set(tops)].sort();
}

/** The run was cancelled or failed, and what it had created was deleted again. */
export class UploadRolledBack extends Error {
  override readonly name = 'UploadRolledBack';
  constructor(cause: unknown, readonly deleted: number, readonly left: readonly string[], cancelled: boolean) {
    const what = cancelled ? l10n.t('The upload was cancelled') : l10n.t('The upload failed ({0})', cause instanceof Error ? cause.message : String(cause));
    super(left.length === 0
      ? l10n.t('{0}: the {1} objects it had uploaded were deleted again, so nothing of it is left.', what, deleted)
      : l10n.t('{0}: {1} objects it had uploaded were deleted again; {2} could not be deleted: {3}.', what, deleted, left.length, left.join(', ')), { cause });
  }
}

/**
 * Uploads ITEMS into CONTAINER, CONCURRENCY at a time; on cancel or failure deletes every object it started that
 * was not there before (a PUT aborted after its body left may still have been stored), then throws UploadRolledBack.
 */
export async function runUpload(storage: ObjectStorageService, container: string, items: readonly UploadItem[], opts: UploadRunOptions): Promise<string[]> {
  const totalBytes = items.reduce((sum, i) => sum + i.bytes, 0);
  const progress: UploadProgress = { files: 0, totalFiles: items.length, bytes: 0, totalBytes };
  const started: string[] = [];
  const inner = new AbortController();
  const stop = () => inner.abort();
  opts.signal?.addEventListener('abort', stop, { once: true });
  const uploadOne = async (item: UploadItem): Promise<void> => {
    inner.signal.throwIfAborted();
    started.push(item.object);
    let counted = 0;
    await storage.upload(container, item.object, item.file, {
      signal: inner.signal, contentType: contentTypeFor(item.file),
      onProgress: (sent) => {
        progress.bytes += sent - counted;
        counted = sent;
        opts.onProgress?.({ ...progress });
      },
    });
    progress.files++;
    opts.onProgress?.({ ...progress });
  };
  try {
    const failure = await inPool(items, opts.concurrency ?? 4, async (item) => {
      try {
        await uploadOne(item);
      } catch (err) {
        inner.abort();   // the first failure stops the uploads in flight too
        throw err;
      }
    }).then(() => undefined, (reason: unknown) => ({ reason }));
    if (failure || opts.signal?.aborted) {
      const created = started.filter((o) => !opts.existing.has(o));
      throw await rollback(storage, container, created, failure?.reason, opts.signal?.aborted === true);
    }
    return started;
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
}

/** Deletes what the run created (bulk, or a few at a time: never every DELETE at once). */
async function rollback(storage: ObjectStorageService, container: string, objects: readonly string[], cause: unknown, cancelled: boolean): Promise<UploadRolledBack> {
  const outcome = await storage.deleteMany(container, objects).catch(() => ({ done: 0, failed: objects.map((name) => ({ name })) }));
  return new UploadRolledBack(cause, outcome.done, outcome.failed.map((f) => f.name), cancelled);
}

// Files sent as request bodies and responses written to files, with a running byte count for progress: image
// uploads (Glance) and object uploads and downloads (Swift).
import { createReadStream } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';

/** A pass-through stream that reports the running byte count of TOTAL as chunks go by. */
export function counting(total: number, onProgress?: (moved: number, total: number) => void): Transform {
  let moved = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, next) {
      moved += chunk.length;
      onProgress?.(moved, total);
      next(null, chunk);
    },
  });
}

/**
 * FILE (SIZE bytes) as a request body, counted. Through pipeline, not pipe: a read error ends the body (so the
 * request fails instead of hanging) and is kept for readFailure(); a body destroyed by a failed or cancelled
 * request closes the file, which is no read failure.
 */
export function fileBody(file: string, size: number, onProgress?: (sent: number, total: number) => void): { body: Readable; readFailure: () => Error | undefined } {
  const source = createReadStream(file);
  let failure: Error | undefined;
  source.on('error', (err) => {
    // the file's own error (EACCES, EISDIR…: a system call failed), not the close a cancelled request causes
    if ('syscall' in err) failure ??= err;
  });
  const body = pipeline(source, counting(size, onProgress), () => undefined);
  return { body, readFailure: () => failure };
}

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';

/**
 * An upload on its way in is written to a private temp file while its bytes are
 * counted and hashed, so a file of any size costs a few buffers of memory. The count
 * is cut off at the limit: the stream is destroyed with a 413 as soon as one byte too
 * many arrives, and the partial temp file is removed.
 */
export interface StagedFile {
  path: string;
  size: number;
  sha256: string;
}

export function payloadTooLarge(limit: number, code: 'PAYLOAD_TOO_LARGE' | 'STORAGE_QUOTA_EXCEEDED' = 'PAYLOAD_TOO_LARGE', message?: string): AppError {
  return new AppError(code, message ?? `The file is larger than the limit of ${formatBytes(limit)}`, {
    extra: { limitBytes: limit },
  });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Counts and hashes what passes through; fails once more than `limit` bytes passed. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void) {
    this.size += chunk.length;
    if (this.size > this.limit) return callback(payloadTooLarge(this.limit));
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

export const tempPath = (dir: string, suffix = ''): string => join(dir, `${newId()}${suffix}`);

export async function stageUpload(source: Readable, options: { dir: string; limit: number }): Promise<StagedFile> {
  await mkdir(options.dir, { recursive: true });
  const path = tempPath(options.dir, '.upload');
  const meter = new Meter(options.limit);
  try {
    await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await removeQuietly(path);
    // a multipart parser that truncated the file at its own limit reports it on the stream
    if ((source as { truncated?: boolean }).truncated) throw payloadTooLarge(options.limit);
    throw error;
  }
  if ((source as { truncated?: boolean }).truncated) {
    await removeQuietly(path);
    throw payloadTooLarge(options.limit);
  }
  return { path, size: meter.size, sha256: meter.hash.digest('hex') };
}

/** sha256 and size of a file on disk, streaming. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const meter = new Meter(Number.MAX_SAFE_INTEGER);
  // The meter hashes and counts what passes through; the sink only drains it.
  await pipeline(createReadStream(path), meter, new Writable({ write: (_chunk, _encoding, done) => done() }));
  return { sha256: meter.hash.digest('hex'), size: meter.size };
}

export async function removeQuietly(...paths: (string | undefined)[]): Promise<void> {
  await Promise.all(paths.map((p) => (p ? rm(p, { force: true }).catch(() => undefined) : undefined)));
}

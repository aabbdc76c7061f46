import { createWriteStream } from 'node:fs';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ArchiveEntry {
  name: string;
  /** Bytes at once, or a stream of them (a stored file). */
  data: Uint8Array | AsyncIterable<Uint8Array>;
  /** Deflate (JSON) or store as it is (files, mostly compressed already). */
  compress: boolean;
}

/**
 * Writes a zip archive to `path`, entry by entry, streaming (fflate): a stored file passes
 * through in chunks, with the disk's backpressure, so memory does not grow with its size.
 */
export async function writeZip(path: string, entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>): Promise<void> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let failed: Error | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failed = error;
      out.destroy(error);
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  const drained = async () => {
    if (failed) throw failed;
    if (out.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  try {
    for await (const entry of entries) {
      const file = entry.compress ? new ZipDeflate(entry.name, { level: 6 }) : new ZipPassThrough(entry.name);
      zip.add(file);
      if (entry.data instanceof Uint8Array) {
        file.push(entry.data, true);
      } else {
        for await (const chunk of entry.data) {
          file.push(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer), false);
          await drained();
        }
        file.push(new Uint8Array(0), true);
      }
      await drained();
    }
    zip.end();
  } catch (error) {
    out.destroy();
    throw error;
  }
  await finished;
}

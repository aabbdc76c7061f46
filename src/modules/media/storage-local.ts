import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { newId } from '../../core/ids';
import type { ObjectStorage } from './storage';
import { assertSafeKey } from './storage';

/**
 * Objects as files under a root directory (DATA_DIR/objects by default). A put writes
 * a temp file in the same file system, flushes it to disk and renames it into place:
 * a reader sees the old object, or the complete new one, never a half-written file —
 * also when the process dies mid-write (the temp file is then garbage under .tmp).
 */
export function createLocalStorage(root: string): ObjectStorage {
  const tmpDir = join(root, '.tmp');
  const pathOf = (key: string) => {
    assertSafeKey(key);
    return join(root, key);
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

  return {
    driver: 'local',

    async put(key, body, options) {
      const target = pathOf(key);
      await Promise.all([mkdir(tmpDir, { recursive: true }), mkdir(dirname(target), { recursive: true })]);
      const temp = join(tmpDir, newId());
      try {
        await pipeline(body, createWriteStream(temp, { flags: 'wx', mode: 0o640 }));
        const handle = await open(temp, 'r+');
        try {
          await handle.sync();
          const { size } = await handle.stat();
          if (size !== options.size) throw new Error(`storage: wrote ${size} bytes for ${key}, expected ${options.size}`);
        } finally {
          await handle.close();
        }
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async get(key, range) {
      const path = pathOf(key);
      try {
        await stat(path);
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
      return createReadStream(path, range ? { start: range.start, end: range.end } : undefined);
    },

    async head(key) {
      try {
        const info = await stat(pathOf(key));
        return { size: info.size };
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export type { Readable };

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';

/** The dump's table of contents: `manifest.json`, written last (its presence marks a complete dump). */
export const DUMP_FORMAT = 'mono-tenant-dump';
export const DUMP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A path inside the dump directory: no absolute paths, no `..`. */
const relativePath = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/);

export const manifestSchema = z.object({
  format: z.literal(DUMP_FORMAT),
  formatVersion: z.number().int(),
  monoVersion: z.string(),
  migrations: z.object({ count: z.number().int(), last: z.string() }),
  createdAt: z.string(),
  tenant: z.object({ id: z.uuid(), identifier: z.string(), name: z.string() }),
  tables: z.array(z.object({ table: z.string(), file: relativePath, rows: z.number().int().min(0), bytes: z.number().int().min(0), sha256 })),
  files: z.array(z.object({ key: relativePath, file: relativePath, bytes: z.number().int().min(0), sha256 })),
  /** Global rows the tenant references, by table: key in the source → name in every installation. */
  references: z.record(z.string(), z.record(z.string(), z.string())),
});
export type DumpManifest = z.infer<typeof manifestSchema>;

/** sha256 (hex) and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

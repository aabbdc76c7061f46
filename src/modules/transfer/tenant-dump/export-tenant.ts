import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { digestTap } from '../../../core/digest-tap';
import { monoVersion } from '../../../core/paths';
import type { Database } from '../../../db/client';
import type { ObjectStorage } from '../../media';
import { catalogForeignKeys, catalogTables, migrationLevel } from './catalog-repository';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION, type DumpManifest, MANIFEST_FILE } from './manifest';
import { type DumpPlan, planDump } from './plan';
import { findTenantRow, withSnapshot } from './repository';

export interface TenantDumpDeps {
  db: Database;
  storage: ObjectStorage;
}

/** A refusal meant for the operator (one sentence). */
export class TenantDumpError extends Error {}

export type DumpProgress = (event: { phase: 'rows' | 'files'; label: string; done: number; total: number }) => void;

export interface DumpOptions {
  /** Rows per database round trip. */
  batchSize?: number;
  onProgress?: DumpProgress;
}

export interface DumpSummary {
  dir: string;
  tenant: DumpManifest['tenant'];
  tables: number;
  rows: number;
  files: number;
  bytes: number;
}

/** The dump plan of this database: which tables, in which order (see plan.ts). */
export async function tenantDumpPlan(db: Database): Promise<DumpPlan> {
  return planDump(await catalogTables(db), await catalogForeignKeys(db));
}

/**
 * Writes one tenant into `outDir` (which must not exist or be empty): every dumped table's
 * rows as NDJSON in foreign-key order, the stored files, and manifest.json with a sha256
 * per file, the format version and the migration level. All rows come from one snapshot.
 */
export async function exportTenant(deps: TenantDumpDeps, tenantRef: string, outDir: string, options: DumpOptions = {}): Promise<DumpSummary> {
  const batchSize = options.batchSize ?? 2000;
  const tenant = await findTenantRow(deps.db, tenantRef);
  if (!tenant) throw new TenantDumpError(`no tenant "${tenantRef}"`);
  if (existsSync(outDir) && readdirSync(outDir).length) throw new TenantDumpError(`${outDir} is not empty; a dump goes into a new directory`);
  const plan = await tenantDumpPlan(deps.db);
  await mkdir(join(outDir, 'tables'), { recursive: true });

  const manifest: DumpManifest = {
    format: DUMP_FORMAT,
    formatVersion: DUMP_FORMAT_VERSION,
    monoVersion,
    migrations: await migrationLevel(deps.db),
    createdAt: new Date().toISOString(),
    tenant,
    tables: [],
    files: [],
    references: {},
  };

  const keys = await withSnapshot(deps.db, async (reader) => {
    for (const [index, table] of plan.tables.entries()) {
      const file = `tables/${String(index + 1).padStart(3, '0')}-${table.name}.ndjson`;
      const total = await reader.count(table, tenant.id);
      const out = createWriteStream(join(outDir, file), { flags: 'wx' });
      const hash = createHash('sha256');
      let rows = 0;
      let bytes = 0;
      try {
        await reader.rows(table, tenant.id, batchSize, async (lines) => {
          const chunk = `${lines.join('\n')}\n`;
          hash.update(chunk);
          bytes += Buffer.byteLength(chunk);
          rows += lines.length;
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          options.onProgress?.({ phase: 'rows', label: table.name, done: rows, total });
        });
      } finally {
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      }
      manifest.tables.push({ table: table.name, file, rows, bytes, sha256: hash.digest('hex') });
      for (const ref of table.globalRefs) {
        const names = (manifest.references[ref.table] ??= {});
        for (const { key, name } of await reader.globalNames(table, ref, tenant.id)) names[key] = name;
      }
    }
    return reader.storageKeys(tenant.id);
  });

  const objects = keys.flatMap((key) => (key.startsWith('media/') ? [key, `${key}.thumb.webp`] : [key]));
  let copied = 0;
  for (const key of objects) {
    const body = await deps.storage.get(key);
    copied += 1;
    if (!body) continue; // not every file has a thumbnail
    const file = `files/${key}`;
    await mkdir(dirname(join(outDir, file)), { recursive: true });
    const tap = digestTap();
    await pipeline(body, tap.stream, createWriteStream(join(outDir, file), { flags: 'wx' }));
    manifest.files.push({ key, file, ...tap.result() });
    options.onProgress?.({ phase: 'files', label: 'files', done: copied, total: objects.length });
  }

  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  return {
    dir: outDir,
    tenant,
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((n, t) => n + t.rows, 0),
    files: manifest.files.length,
    bytes: manifest.tables.reduce((n, t) => n + t.bytes, 0) + manifest.files.reduce((n, f) => n + f.bytes, 0),
  };
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { catalogForeignKeys, migrationLevel } from './catalog-repository';
import { type DumpProgress, type TenantDumpDeps, TenantDumpError, tenantDumpPlan } from './export-tenant';
import { DUMP_FORMAT_VERSION, type DumpManifest, hashFile, MANIFEST_FILE, manifestSchema } from './manifest';
import type { DumpPlanTable } from './plan';
import { globalKeysByName, tenantTaken, withRestore } from './repository';

export interface RestoreOptions {
  /** Rows per INSERT. */
  batchSize?: number;
  onProgress?: DumpProgress;
}

export interface RestoreSummary {
  tenant: DumpManifest['tenant'];
  tables: number;
  rows: number;
  files: number;
  /** xid8 columns moved to the restoring transaction (see decision 63). */
  rebased: string[];
}

/** Reads and checks manifest.json: a Mono tenant dump of a format this version reads. */
export async function readManifest(dir: string): Promise<DumpManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new TenantDumpError(`${dir} has no ${MANIFEST_FILE}: not a tenant dump, or an unfinished one`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new TenantDumpError(`${MANIFEST_FILE} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TenantDumpError(`${MANIFEST_FILE} is not a tenant dump manifest (${issue.path.join('.') || 'root'}: ${issue.message})`);
  }
  if (parsed.data.formatVersion !== DUMP_FORMAT_VERSION) {
    throw new TenantDumpError(`the dump has format version ${parsed.data.formatVersion}; this Mono reads version ${DUMP_FORMAT_VERSION}`);
  }
  return parsed.data;
}

/** Every file of the dump against its sha256 in the manifest (a tampered or damaged dump is refused). */
export async function verifyDump(dir: string, manifest: DumpManifest): Promise<void> {
  for (const entry of [...manifest.tables, ...manifest.files]) {
    const path = join(dir, entry.file);
    const actual = await hashFile(path).catch(() => undefined);
    if (!actual) throw new TenantDumpError(`${entry.file} is missing from the dump`);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
      throw new TenantDumpError(`${entry.file} does not match its checksum in the manifest: the dump was changed or damaged`);
    }
  }
  const prefixes = [`media/${manifest.tenant.id}/`, `exports/${manifest.tenant.id}/`];
  const stray = manifest.files.find((f) => !prefixes.some((prefix) => f.key.startsWith(prefix)) || f.file !== `files/${f.key}`);
  if (stray) throw new TenantDumpError(`${stray.key} is not a file of tenant ${manifest.tenant.id}`);
}

/**
 * Restores a dump written by exportTenant into this installation: same ids, the audit chain
 * and its anchor as they were, counters as they were (no trigger fires, decision 63).
 * All or nothing: one transaction; the files are stored before it commits. Refuses a dump
 * whose checksums do not match, of another migration level, or of a tenant (id or
 * identifier) that exists here.
 */
export async function importTenant(deps: TenantDumpDeps, dir: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const batchSize = options.batchSize ?? 1000;
  const manifest = await readManifest(dir);
  const level = await migrationLevel(deps.db);
  if (level.count !== manifest.migrations.count || level.last !== manifest.migrations.last) {
    throw new TenantDumpError(
      `the dump was written at migration level ${manifest.migrations.last} (${manifest.migrations.count}); this database is at ${level.last || 'none'} (${level.count}) — run the same Mono version on both`,
    );
  }
  const plan = await tenantDumpPlan(deps.db);
  const entries = new Map(manifest.tables.map((t) => [t.table, t]));
  const missing = plan.tables.filter((t) => !entries.has(t.name)).map((t) => t.name);
  const unknown = manifest.tables.filter((t) => !plan.tables.some((p) => p.name === t.table)).map((t) => t.table);
  if (missing.length || unknown.length) {
    throw new TenantDumpError(
      `the dump's tables do not match this database's${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    );
  }
  await verifyDump(dir, manifest);
  const taken = await tenantTaken(deps.db, manifest.tenant.id, manifest.tenant.identifier);
  if (taken) {
    throw new TenantDumpError(
      taken.id === manifest.tenant.id
        ? `tenant ${manifest.tenant.id} already exists here`
        : `the identifier "${manifest.tenant.identifier}" is taken here by another tenant`,
    );
  }
  const maps = await globalMaps(deps, plan.tables, manifest);
  const foreignKeys = await catalogForeignKeys(deps.db);

  let rows = 0;
  const rebased = await withRestore(deps.db, async (writer) => {
    for (const table of plan.tables) {
      const entry = entries.get(table.name)!;
      const hash = createHash('sha256');
      let done = 0;
      let batch: string[] = [];
      const flush = async () => {
        if (!batch.length) return;
        done += await writer.insert(table, batch, maps.get(table.name) ?? {});
        batch = [];
        options.onProgress?.({ phase: 'rows', label: table.name, done, total: entry.rows });
      };
      for await (const line of ndjsonLines(join(dir, entry.file), (chunk) => hash.update(chunk))) {
        batch.push(line);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      // read once more while restoring: the file must still be the one verified
      if (hash.digest('hex') !== entry.sha256 || done !== entry.rows) throw new TenantDumpError(`${entry.file} changed while it was being restored`);
      rows += done;
    }
    const dangling = await writer.danglingReferences(
      foreignKeys.filter((fk) => plan.tables.some((t) => t.name === fk.child)),
      manifest.tenant.id,
    );
    if (dangling.length) throw new TenantDumpError(`the dump's rows do not hold together: ${dangling.join('; ')}`);
    const moved = await writer.rebaseTransactionIds(plan.tables, manifest.tenant.id);
    for (const [index, file] of manifest.files.entries()) {
      const path = join(dir, file.file);
      const { size } = await stat(path);
      await deps.storage.put(file.key, createReadStream(path), { size, sha256: file.sha256 });
      options.onProgress?.({ phase: 'files', label: 'files', done: index + 1, total: manifest.files.length });
    }
    return moved;
  });
  return { tenant: manifest.tenant, tables: plan.tables.length, rows, files: manifest.files.length, rebased };
}

/** For each table, each re-pointed column: key in the source → key here (by the global row's name). */
async function globalMaps(deps: TenantDumpDeps, tables: DumpPlanTable[], manifest: DumpManifest) {
  const maps = new Map<string, Record<string, Record<string, string>>>();
  for (const table of tables) {
    for (const ref of table.globalRefs) {
      const source = manifest.references[ref.table] ?? {};
      const names = [...new Set(Object.values(source))];
      const here = new Map((await globalKeysByName(deps.db, ref.table, ref.key, ref.naturalKey, names)).map((r) => [r.name, r.key]));
      const absent = names.filter((n) => !here.has(n));
      if (absent.length) throw new TenantDumpError(`${ref.table} here has no ${absent.join(', ')}, which the tenant's ${table.name} use`);
      const map = Object.fromEntries(Object.entries(source).map(([key, name]) => [key, here.get(name)!]));
      if (Object.entries(map).some(([from, to]) => from !== to)) (maps.get(table.name) ?? maps.set(table.name, {}).get(table.name)!)[ref.column] = map;
    }
  }
  return maps;
}

/** The lines of an NDJSON file, pulled chunk by chunk (memory stays flat); `onChunk` sees the raw bytes. */
async function* ndjsonLines(path: string, onChunk: (chunk: Buffer) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    onChunk(chunk as Buffer);
    const text = rest + decoder.write(chunk as Buffer);
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line) yield line;
  }
  rest += decoder.end();
  if (rest) yield rest;
}

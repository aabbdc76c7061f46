import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { systemContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { fieldErrors } from '../../core/validation';
import { translateDbError } from '../../db/errors';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import type { IdentityDeps } from '../identity';
import type { MediaImportDeps } from '../media';
import { csvCells } from './json-schemas';
import { type ImportKind, importKinds, KIND_NAMES, type KindContext, type KindName, type PreparedRow, type Refusal } from './kinds';
import { type FileFormat, fileSha256, type RawRecord, readRecords } from './read';
import {
  advanceCheckpoint,
  completeCheckpoint,
  findMappedIds,
  insertBatchRecord,
  insertMappedIds,
  openCheckpoint,
  planCodes,
  savepointStep,
  tenantRoles,
} from './repository';

/**
 * `mono import`: a tenant's data from another system, one file per kind (kinds.ts),
 * streamed record by record, checked with the API's schemas, written set-based in
 * batches — one transaction per batch, the file's checkpoint advancing in the same
 * transaction, so a killed import resumes after its last committed batch. Every record
 * becomes a row in import_external_ids: a re-run updates instead of duplicating, and
 * files refer to each other's records by their external ids. Refused records (file,
 * line, field, message) go to the report; the good ones go in.
 *
 * The import acts as the system: RLS and every constraint, trigger and counter apply
 * as for the API (it runs in the tenant's context as mono_app); the audit trail names
 * the run (request id `system:import:<run id>`), and the audited record of each batch
 * (import_batches) carries its external ids beside the Mono ids they became.
 */
export interface ImportOptions {
  tenantId: string;
  dir: string;
  /** Which files to read (default: ndjson, or csv where there is no .ndjson file). */
  format?: FileFormat;
  batchSize?: number;
  /** Forget the checkpoints of these files: read them again from the first line. */
  restart?: boolean;
  /** Called with each refused record, in file order. */
  onRefused?: (file: string, refusal: Refusal) => void | Promise<void>;
  /** A file starts: its name and (roughly) how many lines it has, how many were done before. */
  onFile?: (file: string, lines: number, resumedAfter: number) => void;
  /** After each committed batch: lines done in the current file. */
  onBatch?: (file: string, linesDone: number) => void;
}

export interface FileSummary {
  kind: KindName;
  file: string;
  /** skipped: the same content was imported completely before. */
  status: 'imported' | 'skipped';
  inserted: number;
  updated: number;
  refused: number;
  /** Records of an earlier, interrupted run of this file (not read again). */
  resumedAfterLine: number;
  seconds: number;
}

export interface ImportSummary {
  runId: string;
  files: FileSummary[];
  seconds: number;
}

export type ImportDeps = IdentityDeps & {
  /** Storage and upload limits: needed for media.ndjson. */
  media?: MediaImportDeps;
};

function findFile(dir: string, kind: KindName, format?: FileFormat): { path: string; format: FileFormat } | undefined {
  for (const f of format ? [format] : (['ndjson', 'csv'] as const)) {
    const path = join(dir, `${kind}.${f}`);
    if (existsSync(path) && statSync(path).isFile()) return { path, format: f };
  }
  return undefined;
}

/** The kinds' files that `dir` holds, in import order. */
export function importFiles(dir: string, format?: FileFormat): { kind: KindName; path: string; format: FileFormat }[] {
  return KIND_NAMES.flatMap((kind) => {
    const found = findFile(dir, kind, format);
    return found ? [{ kind, ...found }] : [];
  });
}

/** Lines of a file (for progress and ETA; a CSV cell with line breaks makes it a slight overestimate). */
async function countLines(path: string): Promise<number> {
  const { createReadStream } = await import('node:fs');
  let n = 0;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) n++;
    if (buffer.length) last = buffer[buffer.length - 1]!;
  }
  return last === 10 ? n : n + 1;
}

interface Checked<T> {
  line: number;
  data: T;
}

/** Schema check of one record: the data, or its refusals (one per bad field). */
function check<T>(kind: ImportKind<T>, record: RawRecord, cells?: (r: Record<string, unknown>) => Record<string, unknown>): Checked<T> | Refusal[] {
  if ('unreadable' in record.value && typeof record.value.unreadable === 'string' && Object.keys(record.value).length === 1) {
    return [{ line: record.line, field: '(record)', code: 'VALIDATION_FAILED', message: `The record ${record.value.unreadable}` }];
  }
  const parsed = kind.schema.safeParse(cells ? cells(record.value) : record.value);
  if (parsed.success) return { line: record.line, data: parsed.data };
  return fieldErrors(parsed.error).map((e) => ({ line: record.line, field: e.path, code: 'VALIDATION_FAILED', message: e.message }));
}

const TRANSIENT = new Set(['DATABASE_UNAVAILABLE', 'QUERY_TIMEOUT', 'CONCURRENT_UPDATE', 'LOCKED']);

/** A database refusal of the rows (constraint, check, reference) as an AppError; anything else is thrown on. */
function refusalOf(error: unknown): AppError {
  const translated = translateDbError(error);
  if (translated instanceof AppError && !TRANSIENT.has(translated.code)) return translated;
  throw translated;
}

/** Runs fn in a savepoint: a refusal rolls back only what fn did. */
async function savepoint<T>(tx: TenantTx, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  await savepointStep(tx, 'savepoint');
  try {
    const result = await fn(tx);
    await savepointStep(tx, 'release');
    return result;
  } catch (error) {
    await savepointStep(tx, 'rollback');
    throw error;
  }
}

/**
 * One batch in the caller's transaction: resolve ids and references, write set-based
 * (or, when the database refuses the batch, row by row to name the rows at fault),
 * record the new ids. Answers what was refused and how many rows went in.
 */
async function writeBatch<T>(
  kind: ImportKind<T>,
  k: Omit<KindContext, 'tx'>,
  tx: TenantTx,
  checked: Checked<T>[],
): Promise<{ refused: Refusal[]; inserted: number; updated: number; records: { externalId: string; monoId: string; new: boolean }[] }> {
  const refused: Refusal[] = [];
  // The same external id twice in one batch: the later record wins (as across batches).
  const byKey = new Map<string, Checked<T>>();
  for (const c of checked) byKey.set(kind.externalId(c.data), c);
  // A key made of references (a membership's account and user) can outgrow the map's 200 characters.
  const unique = [...byKey.entries()].filter(([key, c]) => {
    if (key.length <= 200) return true;
    const message = `The record's key "${key.slice(0, 40)}…" is longer than 200 characters; shorter external ids are needed`;
    refused.push({ line: c.line, field: '(record)', code: 'VALIDATION_FAILED', message });
    return false;
  });

  const wanted = new Map<string, { kind: string; externalId: string }>();
  const want = (kindName: string, externalId: string) => wanted.set(`${kindName}\u0000${externalId}`, { kind: kindName, externalId });
  for (const [key, c] of unique) {
    want(kind.name, key);
    for (const [field, refKind] of Object.entries(kind.refs)) {
      const value = (c.data as Record<string, unknown>)[field];
      if (typeof value === 'string') want(refKind!, value);
    }
    for (const [field, refKind] of Object.entries(kind.refLists ?? {})) {
      const value = (c.data as Record<string, unknown>)[field];
      if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') want(refKind!, item);
    }
  }
  const mapped = new Map((await findMappedIds(tx, [...wanted.values()])).map((m) => [`${m.kind}\u0000${m.externalId}`, m.monoId]));
  const prepared = unique.map(([key, c]) => {
    const known = mapped.get(`${kind.name}\u0000${key}`);
    return { line: c.line, externalId: key, data: c.data, id: known ?? newId(), isNew: !known, refs: {}, refLists: {} } as PreparedRow<T>;
  });
  // References resolve to earlier imports or to records of this batch (a category's parent).
  const inBatch = new Map(prepared.map((p) => [p.externalId, p.id]));
  const resolved = prepared.filter((row) => {
    for (const [field, refKind] of Object.entries(kind.refs)) {
      const value = (row.data as Record<string, unknown>)[field];
      if (typeof value !== 'string') continue;
      const id = mapped.get(`${refKind}\u0000${value}`) ?? (refKind === kind.name ? inBatch.get(value) : undefined);
      if (!id) {
        refused.push({ line: row.line, field, code: 'UNKNOWN_REFERENCE', message: `There is no record of ${refKind} with the external id "${value}"` });
        return false;
      }
      row.refs[field] = id;
    }
    for (const [field, refKind] of Object.entries(kind.refLists ?? {})) {
      const values = (row.data as Record<string, unknown>)[field];
      if (!Array.isArray(values)) continue;
      const missing = values.filter((value) => !mapped.has(`${refKind}\u0000${value}`));
      if (missing.length) {
        const list = missing.map((m) => `"${m}"`).join(', ');
        refused.push({ line: row.line, field, code: 'UNKNOWN_REFERENCE', message: `There is no record of ${refKind} with the external id ${list}` });
        return false;
      }
      row.refLists[field] = values.map((value) => mapped.get(`${refKind}\u0000${value}`)!);
    }
    return true;
  });

  const written: PreparedRow<T>[] = [];
  const take = (rows: PreparedRow<T>[], refusals: Refusal[]) => {
    const lines = new Set(refusals.map((r) => r.line));
    refused.push(...refusals);
    written.push(...rows.filter((r) => !lines.has(r.line)));
  };
  try {
    if (resolved.length) take(resolved, await savepoint(tx, (sp) => kind.write({ ...k, tx: sp }, resolved)));
  } catch (error) {
    refusalOf(error);
    // Row by row, in passes: a record that refers to a later one of the batch (a category
    // before its parent) goes in on the next pass, once the other is in.
    let pending = resolved;
    const failures = new Map<PreparedRow<T>, AppError>();
    while (pending.length) {
      const failed: PreparedRow<T>[] = [];
      for (const row of pending) {
        try {
          take([row], await savepoint(tx, (sp) => kind.write({ ...k, tx: sp }, [row])));
          failures.delete(row);
        } catch (rowError) {
          failures.set(row, refusalOf(rowError));
          failed.push(row);
        }
      }
      pending = failed.length < pending.length ? failed : [];
    }
    for (const [row, refusal] of failures) {
      const explained = kind.explain?.[refusal.code];
      refused.push({
        line: row.line,
        field: explained?.field ?? refusal.errors?.[0]?.path ?? '(record)',
        code: refusal.code,
        message: explained?.message ?? refusal.message,
      });
    }
  }
  await insertMappedIds(
    tx,
    written.map((r) => ({ kind: kind.name, externalId: r.externalId, monoId: r.id })),
  );
  refused.sort((a, b) => a.line - b.line);
  return {
    refused,
    inserted: written.filter((r) => r.isNew).length,
    updated: written.filter((r) => !r.isNew).length,
    records: written.map((r) => ({ externalId: r.externalId, monoId: r.id, new: r.isNew })),
  };
}

async function importFile<T>(
  deps: ImportDeps,
  options: ImportOptions,
  runId: string,
  file: { kind: KindName; path: string; format: FileFormat },
): Promise<FileSummary> {
  const started = Date.now();
  const kind = importKinds[file.kind] as unknown as ImportKind<T>;
  const name = basename(file.path);
  const ctx = systemContext(options.tenantId, `import:${runId}`);
  const [sha256, lines] = await Promise.all([fileSha256(file.path), countLines(file.path)]);
  const { checkpoint, roles, plans } = await withTenant(deps.db, ctx, async (tx) => ({
    checkpoint: await openCheckpoint(tx, { kind: file.kind, name, sha256 }, options.restart ?? false),
    roles: await tenantRoles(tx),
    plans: await planCodes(tx),
  }));
  const summary: FileSummary = {
    kind: file.kind,
    file: name,
    status: checkpoint.completedAt ? 'skipped' : 'imported',
    inserted: 0,
    updated: 0,
    refused: 0,
    resumedAfterLine: checkpoint.linesDone,
    seconds: 0,
  };
  if (checkpoint.completedAt) return summary;
  options.onFile?.(name, lines, checkpoint.linesDone);

  const batchSize = options.batchSize ?? 1000;
  const cells = file.format === 'csv' ? csvCells(file.kind) : undefined;
  const k = { identity: deps, roles, plans, dir: options.dir, media: deps.media };
  let batch: Checked<T>[] = [];
  let invalid: Refusal[] = [];
  let lastLine = checkpoint.linesDone;

  let firstLine = 0;
  const flush = async () => {
    const result = await withTenant(deps.db, ctx, async (tx) => {
      const written = batch.length ? await writeBatch(kind, k, tx, batch) : { refused: [], inserted: 0, updated: 0, records: [] };
      if (written.records.length) {
        await insertBatchRecord(tx, { runId, kind: file.kind, fileName: name, firstLine, lastLine, records: written.records });
      }
      const refused = [...invalid, ...written.refused].sort((a, b) => a.line - b.line);
      await advanceCheckpoint(tx, checkpoint.id, {
        linesDone: lastLine,
        imported: written.inserted + written.updated,
        refused: new Set(refused.map((r) => r.line)).size,
        completed: false,
      });
      return { ...written, refused };
    });
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.refused += new Set(result.refused.map((r) => r.line)).size;
    for (const refusal of result.refused) await options.onRefused?.(name, refusal);
    options.onBatch?.(name, lastLine);
    batch = [];
    invalid = [];
    firstLine = 0;
  };

  for await (const record of readRecords(file.path, file.format)) {
    if (record.line <= checkpoint.linesDone) continue;
    const checked = check(kind, record, cells);
    if (Array.isArray(checked)) invalid.push(...checked);
    else batch.push(checked);
    if (!firstLine) firstLine = record.line;
    lastLine = record.line;
    if (batch.length + invalid.length >= batchSize) await flush();
  }
  if (batch.length || invalid.length) await flush();
  await withTenant(deps.db, ctx, (tx) => completeCheckpoint(tx, checkpoint.id, Math.max(lastLine, lines)));
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

export async function runImport(deps: ImportDeps, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const files = importFiles(options.dir, options.format);
  if (!files.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `No import files in ${options.dir}: expected ${KIND_NAMES.map((k) => `${k}.${options.format ?? 'ndjson'}`).join(', ')}`,
    );
  }
  const runId = newId();
  const summaries: FileSummary[] = [];
  for (const file of files) summaries.push(await importFile(deps, options, runId, file));
  return { runId, files: summaries, seconds: (Date.now() - started) / 1000 };
}

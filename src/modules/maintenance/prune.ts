import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { digestTap } from '../../core/digest-tap';
import type { Database, RawSession } from '../../db/client';
import { ARCHIVED_TABLES } from './partitions';
import {
  advanceAnchors,
  countRows,
  detachAndDrop,
  exportBatch,
  inTransaction,
  lastEntriesOfChains,
  lockPartition,
  markErasuresCarried,
  type PendingErasure,
  partitionRanges,
  pendingErasures,
  recordPruned,
} from './prune-repository';

/**
 * Retention: `mono partitions prune --keep-months N`.
 *
 * Each monthly partition of audit_logs/activities that ended before the cut-off is
 *   1. exported to <out>/<partition>.ndjson.gz — one row_to_json line per row, read in
 *      keyset batches — with a manifest (<partition>.manifest.json: row count, sha256 and
 *      size of the file as written, and for audit_logs each tenant's last pruned entry);
 *   2. checked: the file is read back from disk, its sha256 must equal the manifest's and
 *      its line count the partition's row count;
 *   3. only then: the row count is taken again under lock, the audit chain anchors advance
 *      to the pruned entries, and the partition is detached, dropped and recorded in
 *      mono.pruned_partitions.
 * Any failure stops the table's pruning before anything is dropped: a partition whose
 * export failed is never lost, and no later partition is pruned past it.
 *
 * Hash chains: after pruning, each of a tenant's chains starts in the middle. Its head
 * records the last pruned entry (anchor_seq, anchor_hash) and `mono audit verify`
 * starts right after it; the pruned prefix stays verifiable from the export files,
 * which hold every column (prev_hash, hash, values_digest included).
 *
 * Erasure: an erasure after an export cannot change the export file. Every prune run
 * that finds an archive (a partition was ever pruned) therefore writes the erasures made
 * since the last run to <out>/erasures-<time>.ndjson (see carryErasures): the archive
 * says which of its entries were erased later.
 */
export interface PruneOptions {
  /** Keep the current month and this many months before it. */
  keepMonths: number;
  /** Directory for the export files (created if missing). */
  outDir: string;
  /** Only report what would be pruned. */
  dryRun?: boolean;
  /** "Now", for the cut-off (tests). */
  now?: Date;
  /** Rows per export query. */
  batchSize?: number;
  onProgress?: (event: PruneEvent) => void;
}

export type PruneEvent =
  | { kind: 'exporting'; partition: string; rows: number }
  | { kind: 'exported'; partition: string; rows: number; file: string; sha256: string }
  | { kind: 'dropped'; partition: string };

export interface PartitionInfo {
  parent: string;
  partition: string;
  rangeStart: Date;
  rangeEnd: Date;
}

export interface PrunedPartition extends PartitionInfo {
  rows: number;
  file: string;
  manifest: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: 'ndjson+gzip';
  partition: string;
  parent: string;
  rangeStart: string;
  rangeEnd: string;
  rows: number;
  file: string;
  sha256: string;
  bytes: number;
  exportedAt: string;
  /** audit_logs only: per tenant, the last pruned entry (where verification now starts). */
  anchors?: { tenantId: string; chain: number; seq: number; hash: string }[];
}

export class PruneError extends Error {
  override name = 'PruneError';
}

/** The first day (UTC) of the month `keepMonths` before the current one: partitions ending by then go. */
export function pruneCutoff(keepMonths: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - keepMonths, 1));
}

/** The monthly (non-default) partitions of a table with their ranges, oldest first. */
export async function listPartitions(db: Database, parent: string): Promise<PartitionInfo[]> {
  const found = await partitionRanges(db, parent);
  return found.map((r) => ({ parent, partition: r.partition, rangeStart: new Date(r.range_start), rangeEnd: new Date(r.range_end) }));
}

/** Writes every row of the partition as one JSON line, gzip-compressed; returns the count and digest. */
async function exportPartition(db: Database, p: PartitionInfo, path: string, batchSize: number) {
  const gzip = createGzip();
  const tap = digestTap();
  const written = pipeline(gzip, tap.stream, createWriteStream(path, { flags: 'wx' }));
  let rows = 0;
  try {
    let after: { tenant_id: string; id: string } | null = null;
    for (;;) {
      const batch = await exportBatch(db, p.partition, batchSize, after);
      for (const row of batch) {
        if (!gzip.write(`${row.line}\n`)) await once(gzip, 'drain');
      }
      rows += batch.length;
      if (batch.length < batchSize) break;
      after = batch[batch.length - 1]!;
    }
  } finally {
    gzip.end();
    await written;
  }
  return { rows, ...tap.result() };
}

/** Reads an export back from disk: its sha256 and its number of lines. */
async function readBack(path: string): Promise<{ sha256: string; rows: number }> {
  const tap = digestTap();
  const lines = createInterface({ input: createReadStream(path).pipe(tap.stream).pipe(createGunzip()), crlfDelay: Infinity });
  let rows = 0;
  for await (const line of lines) if (line.length > 0) rows += 1;
  return { rows, sha256: tap.result().sha256 };
}

async function auditAnchors(db: Database, partition: string) {
  const found = await lastEntriesOfChains(db, partition);
  return found.map((r) => ({ tenantId: r.tenant_id, chain: Number(r.chain), seq: Number(r.seq), hash: Buffer.from(r.hash).toString('hex') }));
}

/**
 * Step 3: move the audit chain anchors to the partition's last entries, then drop it if
 * it still has exactly the exported rows. Two transactions on purpose: the audit trigger
 * locks a chain head and then writes into audit_logs, so a transaction holding heads
 * while it waits for audit_logs' DETACH lock could deadlock with a commit. An anchor
 * that moved without its drop only makes verification start later; the next prune drops.
 */
async function dropExported(db: Database, p: PartitionInfo, manifest: Manifest): Promise<void> {
  const assertUnchanged = async (session: RawSession) => {
    const rows = await countRows(session, p.partition);
    if (rows !== manifest.rows) throw new PruneError(`${p.partition} has ${rows} rows now but ${manifest.rows} were exported; not dropped`);
  };
  if (p.parent === 'audit_logs') {
    await inTransaction(db, async (session) => {
      await lockPartition(session, p.partition, 'share');
      await assertUnchanged(session);
      await advanceAnchors(session, p.partition);
    });
  }
  // Only the old partition is locked while its rows are counted (no request writes to a
  // past month); the parent's lock for DETACH comes last and is held for a moment.
  await inTransaction(db, async (session) => {
    await lockPartition(session, p.partition, 'access exclusive');
    await assertUnchanged(session);
    await detachAndDrop(session, p.parent, p.partition);
    await recordPruned(session, p, manifest);
  });
}

/** Exports, checks and drops every partition older than the cut-off; see the module comment. */
export async function prunePartitions(
  db: Database,
  options: PruneOptions,
): Promise<{ cutoff: Date; due: PartitionInfo[]; pruned: PrunedPartition[]; erasures?: CarriedErasures }> {
  if (!Number.isInteger(options.keepMonths) || options.keepMonths < 1) throw new PruneError('keep-months must be a whole number ≥ 1');
  const cutoff = pruneCutoff(options.keepMonths, options.now);
  const due: PartitionInfo[] = [];
  for (const parent of ARCHIVED_TABLES) {
    due.push(...(await listPartitions(db, parent)).filter((p) => p.rangeEnd.getTime() <= cutoff.getTime()));
  }
  const pruned: PrunedPartition[] = [];
  if (options.dryRun) return { cutoff, due, pruned };
  if (due.length === 0 && (await pendingErasures(db)).length === 0) return { cutoff, due, pruned };

  const outDir = resolve(options.outDir);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new PruneError(`cannot create the export directory ${outDir}: ${(error as Error).message}; nothing was dropped`);
  }
  for (const p of due) {
    if (!/^[a-z][a-z0-9_]*$/.test(p.partition)) throw new PruneError(`unexpected partition name ${p.partition}`);
    const file = join(outDir, `${p.partition}.ndjson.gz`);
    const manifestPath = join(outDir, `${p.partition}.manifest.json`);
    const partial = `${file}.partial`;
    let manifest: Manifest;
    try {
      const count = await countRows(db, p.partition);
      options.onProgress?.({ kind: 'exporting', partition: p.partition, rows: count });
      rmSync(partial, { force: true });
      const exported = await exportPartition(db, p, partial, options.batchSize ?? 5000);
      manifest = {
        format: 'ndjson+gzip',
        partition: p.partition,
        parent: p.parent,
        rangeStart: p.rangeStart.toISOString(),
        rangeEnd: p.rangeEnd.toISOString(),
        rows: exported.rows,
        file: basename(file),
        sha256: exported.sha256,
        bytes: exported.bytes,
        exportedAt: new Date().toISOString(),
        anchors: p.parent === 'audit_logs' ? await auditAnchors(db, p.partition) : undefined,
      };
      renameSync(partial, file);
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'w' });
      const check = await readBack(file);
      if (check.sha256 !== manifest.sha256 || check.rows !== manifest.rows || manifest.rows !== count) {
        throw new PruneError(
          `the export of ${p.partition} does not check out (file: ${check.rows} rows, sha256 ${check.sha256}; manifest: ${manifest.rows} rows, sha256 ${manifest.sha256}; table: ${count} rows)`,
        );
      }
      options.onProgress?.({ kind: 'exported', partition: p.partition, rows: manifest.rows, file, sha256: manifest.sha256 });
    } catch (error) {
      try {
        rmSync(partial, { force: true });
      } catch {
        // what is in the way stays; the error below says what failed
      }
      const reason = error instanceof PruneError ? error.message : `exporting ${p.partition} failed: ${(error as Error).message}`;
      throw new PruneError(`${reason}; ${p.partition} and every later partition were kept (${pruned.length} pruned before)`);
    }
    await dropExported(db, p, manifest);
    options.onProgress?.({ kind: 'dropped', partition: p.partition });
    pruned.push({ ...p, rows: manifest.rows, file, manifest: manifestPath, sha256: manifest.sha256, bytes: manifest.bytes });
  }
  return { cutoff, due, pruned, erasures: await carryErasures(db, outDir, options.now ?? new Date()) };
}

export interface CarriedErasures {
  file: string;
  count: number;
}

/** One line of an erasures file: see carryErasures. */
export interface ErasureLine {
  tenantId: string;
  userId: string;
  erasedAt: string;
  resources: string[];
  valueMacs: string[];
}

/**
 * Erasure reaches the archive: every erasure since the last prune (mono.erasure_log,
 * migration 0961) is written to <out>/erasures-<time>.ndjson, one line per erased person,
 * and recorded as carried. An entry of an earlier export is erased when its tenant is the
 * line's and it is about one of `resources` ("table:id", as resource:resource_id), or was
 * caused by `userId` (its IP address and user agent), or holds a value v with
 * HMAC-SHA256(audit key, lower(v)) in `valueMacs`. Written once there is an archive (a
 * partition was ever pruned); undefined when there was nothing to carry.
 */
async function carryErasures(db: Database, outDir: string, now: Date): Promise<CarriedErasures | undefined> {
  const pending: PendingErasure[] = await pendingErasures(db);
  if (pending.length === 0) return undefined;
  const file = join(outDir, `erasures-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}.ndjson`);
  const lines = pending.map(
    (e): ErasureLine => ({
      tenantId: e.tenant_id,
      userId: e.user_id,
      erasedAt: new Date(e.erased_at).toISOString(),
      resources: e.resources,
      valueMacs: e.value_macs,
    }),
  );
  try {
    writeFileSync(`${file}.partial`, lines.map((line) => `${JSON.stringify(line)}\n`).join(''), { flag: 'w' });
    renameSync(`${file}.partial`, file);
  } catch (error) {
    throw new PruneError(`cannot write the erasures of ${pending.length} person(s) to ${file}: ${(error as Error).message}; they stay pending`);
  }
  await markErasuresCarried(db, basename(file), pending);
  return { file, count: pending.length };
}

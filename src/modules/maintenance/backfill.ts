import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import { type Tx, withPlatform } from '../../db/tenant-context';
import { advanceCheckpoint, backfillRequestSetup, deleteCheckpoint, lockCheckpoint, readCheckpoint } from './backfill-repository';

export { readCheckpoint };

/**
 * Data migrations (`mono backfill <name>`): change existing rows in the background of a
 * schema change (docs/migrations.md), safely on a table of any size.
 *
 * - Keyset walk: each batch continues after the key of the last row of the previous
 *   one, on an index — never OFFSET, which re-reads everything it skips and so slows
 *   down quadratically.
 * - One transaction per batch, and the checkpoint (the last key) is written in that same
 *   transaction: a batch and its checkpoint commit together or not at all, so a run
 *   killed at any moment resumes exactly after the last committed batch, nothing done
 *   twice, nothing skipped. Two runners of one migration take turns on the checkpoint
 *   row (FOR UPDATE) and share the work.
 * - Optional rate limit (rows per second) to spare a busy database; --dry-run does each
 *   batch and rolls it back, so it reports exactly what a run would change.
 */
export interface BackfillBatch {
  /** Rows looked at. */
  scanned: number;
  /** Rows changed. */
  changed: number;
  /** The key of the last row looked at (null when there was none). */
  last: string[] | null;
}

export interface DataMigration {
  name: string;
  description: string;
  /** The table it walks (for messages). */
  table: string;
  /**
   * 'platform': batches run as mono_platform (the explicit cross-tenant path; changes are
   * audited as the system). 'owner': as the migrating owner, for tables the runtime roles
   * may not change (audit_logs).
   */
  runAs: 'platform' | 'owner';
  /** How many rows the walk visits in all (an estimate is fine): progress and ETA. */
  estimate(db: Database): Promise<number>;
  /** The next at most `limit` rows after the key `after` (null: from the start), changed as needed. */
  batch(tx: Tx, after: string[] | null, limit: number): Promise<BackfillBatch>;
}

export interface BackfillProgress {
  scanned: number;
  changed: number;
  batches: number;
  lastKey: string[] | null;
}

export interface BackfillOptions {
  batchSize?: number;
  /** At most this many rows per second. */
  rate?: number;
  dryRun?: boolean;
  /** Forget the checkpoint and walk again from the start. */
  restart?: boolean;
  /** Called after each batch (committed, or rolled back in a dry run). */
  onBatch?: (progress: BackfillProgress) => void | Promise<void>;
}

export interface BackfillResult extends BackfillProgress {
  /** Already completed before this run (nothing was done). */
  alreadyCompleted: boolean;
  completedAt: Date | null;
  dryRun: boolean;
}

class RollBack extends Error {
  constructor(readonly batch: BackfillBatch) {
    super('dry run');
  }
}

function inTransaction<T>(db: Database, migration: DataMigration, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return migration.runAs === 'platform'
    ? withPlatform(db, systemContext(null, `backfill:${migration.name}`), fn)
    : db.transaction(backfillRequestSetup(migration.name), fn);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBackfill(db: Database, migration: DataMigration, options: BackfillOptions = {}): Promise<BackfillResult> {
  const batchSize = options.batchSize ?? 1000;
  const dryRun = options.dryRun ?? false;
  if (options.restart && !dryRun) await deleteCheckpoint(db, migration.name);
  const stored = options.restart ? undefined : await readCheckpoint(db, migration.name);
  const progress: BackfillProgress = { scanned: 0, changed: 0, batches: 0, lastKey: stored?.last_key ?? null };
  if (stored?.completed_at) {
    return {
      ...progress,
      scanned: Number(stored.rows_scanned),
      changed: Number(stored.rows_changed),
      batches: Number(stored.batches),
      alreadyCompleted: true,
      completedAt: stored.completed_at,
      dryRun,
    };
  }

  const started = Date.now();
  for (;;) {
    let batch: BackfillBatch;
    let completedAt: Date | null = null;
    if (dryRun) {
      try {
        await inTransaction(db, migration, async (tx) => {
          throw new RollBack(await migration.batch(tx, progress.lastKey, batchSize));
        });
        throw new Error('unreachable');
      } catch (error) {
        if (!(error instanceof RollBack)) throw error;
        batch = error.batch;
      }
    } else {
      const committed = await inTransaction(db, migration, async (tx) => {
        const checkpoint = await lockCheckpoint(tx, migration.name);
        if (checkpoint.completed_at) return { batch: { scanned: 0, changed: 0, last: checkpoint.last_key }, completedAt: checkpoint.completed_at };
        const done = await migration.batch(tx, checkpoint.last_key, batchSize);
        return { batch: done, completedAt: await advanceCheckpoint(tx, migration.name, done, done.scanned < batchSize) };
      });
      batch = committed.batch;
      completedAt = committed.completedAt;
    }
    progress.scanned += batch.scanned;
    progress.changed += batch.changed;
    progress.batches += 1;
    progress.lastKey = batch.last ?? progress.lastKey;
    await options.onBatch?.({ ...progress });
    if (batch.scanned < batchSize || completedAt) {
      return { ...progress, alreadyCompleted: false, completedAt: dryRun ? null : completedAt, dryRun };
    }
    if (options.rate) {
      const due = (progress.scanned / options.rate) * 1000 - (Date.now() - started);
      if (due > 0) await sleep(due);
    }
  }
}

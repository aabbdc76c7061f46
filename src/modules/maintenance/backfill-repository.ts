import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { firstRow } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/**
 * The queries of the data migrations: their checkpoints in mono.backfill_checkpoints
 * (a global table), the size estimate of a walk, and the batches of the registered
 * migrations (backfills.ts).
 */

export interface Checkpoint {
  last_key: string[] | null;
  rows_scanned: number | string;
  rows_changed: number | string;
  batches: number | string;
  completed_at: Date | null;
}

/** The checkpoint of a data migration, or undefined before its first batch. */
export async function readCheckpoint(db: Database, name: string): Promise<Checkpoint | undefined> {
  return (
    await db.query<Checkpoint>('select last_key, rows_scanned, rows_changed, batches, completed_at from mono.backfill_checkpoints where name = $1', [name])
  )[0];
}

export async function deleteCheckpoint(db: Database, name: string): Promise<void> {
  await db.query('delete from mono.backfill_checkpoints where name = $1', [name]);
}

/**
 * The migration's checkpoint, created when missing and locked (FOR UPDATE) until the
 * batch's transaction ends: two runners of one migration take turns on it.
 */
export async function lockCheckpoint(tx: Tx, name: string): Promise<{ last_key: string[] | null; completed_at: Date | null }> {
  await tx.execute(sql`insert into mono.backfill_checkpoints (name) values (${name}) on conflict (name) do nothing`);
  const row = await firstRow<{ last_key: string[] | null; completed_at: Date | null }>(
    tx,
    sql`select last_key, completed_at from mono.backfill_checkpoints where name = ${name} for update`,
  );
  return row!;
}

/** Adds a batch to the checkpoint; completed (now) when the batch was not a full one. Its completed_at. */
export async function advanceCheckpoint(
  tx: Tx,
  name: string,
  done: { scanned: number; changed: number; last: string[] | null },
  complete: boolean,
): Promise<Date | null> {
  const row = await firstRow<{ completed_at: Date | null }>(
    tx,
    sql`update mono.backfill_checkpoints
           set last_key = coalesce(${done.last ? JSON.stringify(done.last) : null}::jsonb, last_key),
               rows_scanned = rows_scanned + ${done.scanned}, rows_changed = rows_changed + ${done.changed},
               batches = batches + 1, updated_at = now(),
               completed_at = case when ${complete} then now() end
         where name = ${name}
     returning completed_at`,
  );
  return row!.completed_at;
}

/** Marks the transaction as the data migration's own in the audit trail (the owner path). */
export const backfillRequestSetup = (name: string) => `select set_config('app.request_id', 'system:backfill:${name}', true)`;

/** Rows of a (possibly partitioned) table, from the planner's statistics when it has them. */
export async function estimateRows(db: Database, table: string): Promise<number> {
  const [stats] = await db.query<{ n: number | string | null }>(
    `select sum(c.reltuples) filter (where c.reltuples > 0) as n from pg_class c
      where c.oid = $1::regclass or c.oid in (select inhrelid from pg_inherits where inhparent = $1::regclass)`,
    [table],
  );
  if (stats?.n) return Math.round(Number(stats.n));
  const [counted] = await db.query<{ n: number | string }>(`select count(*) as n from ${table}`);
  return Number(counted!.n);
}

/**
 * One batch of `audit-changed-fields`: the next `limit` audit entries after the key
 * `after` in (tenant_id, id) order, with changed_fields filled where it is missing.
 */
export async function fillAuditChangedFields(
  tx: Tx,
  after: string[] | null,
  limit: number,
): Promise<{ scanned: number; changed: number; last: string[] | null }> {
  const row = await firstRow<{ scanned: number; changed: number; last: string[] | null }>(
    tx,
    sql`with batch as (
          select a.tenant_id, a.id, a.created_at, a.changed_fields is null as missing
            from audit_logs a
           where ${after ? sql`(a.tenant_id, a.id) > (${after[0]}::uuid, ${after[1]}::uuid)` : sql`true`}
           order by a.tenant_id, a.id
           limit ${limit}
        ), changed as (
          update audit_logs a set changed_fields = mono.audit_changed_fields(a.old_values, a.new_values)
            from batch b
           where b.missing and a.tenant_id = b.tenant_id and a.id = b.id and a.created_at = b.created_at
          returning 1
        )
        select (select count(*) from batch)::int as scanned,
               (select count(*) from changed)::int as changed,
               (select array[b.tenant_id::text, b.id::text] from batch b order by b.tenant_id desc, b.id desc limit 1) as last`,
  );
  return { scanned: row!.scanned, changed: row!.changed, last: row!.last };
}

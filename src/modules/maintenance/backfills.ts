import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { firstRow } from '../../db/sql';
import type { DataMigration } from './backfill';

/**
 * The registry of data migrations `mono backfill <name>` can run. To add one: walk the
 * table by a unique key in index order (the primary key (tenant_id, id) is the usual
 * one), change only what still needs it (so a re-run changes nothing), and return the
 * last key — see docs/migrations.md.
 */

/** Rows of a (possibly partitioned) table, from the planner's statistics when it has them. */
async function estimateRows(db: Database, table: string): Promise<number> {
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
 * Worked example of docs/migrations.md: fills audit_logs.changed_fields (added nullable
 * by 0401) for the entries written before it existed; 0402/0403 then make it NOT NULL.
 * Owner-only: the runtime roles may not change audit entries. changed_fields is derived
 * from the entry's own values and is not part of its hash, so the chain is unaffected.
 */
export const auditChangedFields: DataMigration = {
  name: 'audit-changed-fields',
  description: 'Fill audit_logs.changed_fields (the keys of old_values/new_values) for entries written before 0401',
  table: 'audit_logs',
  runAs: 'owner',
  estimate: (db) => estimateRows(db, 'audit_logs'),
  async batch(tx, after, limit) {
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
  },
};

export const dataMigrations: DataMigration[] = [auditChangedFields];

export function findDataMigration(name: string, registry: DataMigration[] = dataMigrations): DataMigration | undefined {
  return registry.find((m) => m.name === name);
}

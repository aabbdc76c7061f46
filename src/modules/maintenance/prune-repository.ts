import { sql } from 'drizzle-orm';
import type { Database, RawSession } from '../../db/client';
import { tenantsWithDueRows } from '../../db/due-work';
import { onCitus } from '../../db/tenant-context';
import type { Manifest, PartitionInfo } from './prune';

/**
 * The statements of `mono partitions prune` (prune.ts), as the owner. None is per tenant:
 * a partition holds every tenant's rows of its month, and it is exported, counted, locked
 * and dropped whole. Partition names come from the catalogue (pg_inherits) and are checked
 * by prune.ts (/^[a-z][a-z0-9_]*$/) before any of these sees them.
 */

type Queries = Pick<RawSession, 'query'>;

/** The monthly (non-default) partitions of a table with their ranges, oldest first. */
export const partitionRanges = (db: Database, parent: string) =>
  db.query<{ partition: string; range_start: Date | string; range_end: Date | string }>(
    `select c.relname as partition,
            (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)'))[1]::timestamptz as range_start,
            (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)'))[2]::timestamptz as range_end
       from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = $1::regclass and pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
      order by 2`,
    [parent],
  );

/** One keyset batch of a partition's rows as JSON lines, in (tenant_id, id) order. */
export const exportBatch = (db: Database, partition: string, batchSize: number, after: { tenant_id: string; id: string } | null) =>
  db.query<{ line: string; tenant_id: string; id: string }>(
    `select row_to_json(p)::text as line, p.tenant_id, p.id from ${partition} p
      ${after ? 'where (p.tenant_id, p.id) > ($2::uuid, $3::uuid)' : ''}
      order by p.tenant_id, p.id limit $1`,
    after ? [batchSize, after.tenant_id, after.id] : [batchSize],
  );

/** The last entry of each tenant's chain in an audit_logs partition. */
export const lastEntriesOfChains = (db: Database, partition: string) =>
  db.query<{ tenant_id: string; chain: number; seq: number | string; hash: Uint8Array }>(
    `select distinct on (tenant_id, chain) tenant_id, chain, seq, hash from ${partition} order by tenant_id, chain, seq desc`,
  );

export async function countRows(session: Queries, partition: string): Promise<number> {
  const [count] = await session.query<{ n: number | string }>(`select count(*) as n from ${partition}`);
  return Number(count!.n);
}

/** Runs fn in one transaction on one session, with a lock timeout. */
export async function inTransaction(db: Database, fn: (session: RawSession) => Promise<void>): Promise<void> {
  await db.withSession(async (session) => {
    // A lock that cannot be had within 10 s fails the prune rather than queue every
    // audit write behind it.
    await session.exec(`begin; set local lock_timeout = '10s'`);
    try {
      // On Citus, detaching (and dropping) a partition of a distributed table is refused after
      // a multi-shard statement in parallel mode in the same transaction (advanceAnchors).
      if (await onCitus(db)) await session.exec(`set local citus.multi_shard_modify_mode = 'sequential'`);
      await fn(session);
      await session.exec('commit');
    } catch (error) {
      await session.exec('rollback');
      throw error;
    }
  });
}

export async function lockPartition(session: RawSession, partition: string, mode: 'share' | 'access exclusive'): Promise<void> {
  await session.exec(`lock table ${partition} in ${mode} mode`);
}

/** Moves every chain head's anchor forward to its last entry in the partition. */
export async function advanceAnchors(session: RawSession, partition: string): Promise<void> {
  await session.query(
    `update mono.audit_chain_heads h set anchor_seq = a.seq, anchor_hash = a.hash, anchored_at = now()
       from (select distinct on (tenant_id, chain) tenant_id, chain, seq, hash from ${partition} order by tenant_id, chain, seq desc) a
      where h.tenant_id = a.tenant_id and h.chain = a.chain and a.seq > h.anchor_seq`,
  );
}

/** Two statements, one a query: Citus forwards DDL to the workers and refuses it in a multi-statement string. */
export async function detachAndDrop(session: RawSession, parent: string, partition: string): Promise<void> {
  await session.exec(`alter table ${parent} detach partition ${partition}`);
  await session.exec(`drop table ${partition}`);
}

export async function recordPruned(session: RawSession, p: PartitionInfo, manifest: Manifest): Promise<void> {
  await session.query(
    `insert into mono.pruned_partitions (partition_name, parent, range_start, range_end, row_count, file, sha256)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [p.partition, p.parent, p.rangeStart, p.rangeEnd, manifest.rows, manifest.file, manifest.sha256],
  );
}

export interface PendingErasure {
  tenant_id: string;
  user_id: string;
  /** As text: the exact timestamp (microseconds), the log's key. */
  erased_at: string;
  resources: string[];
  value_macs: string[];
}

/** Erasures not carried into the archive yet, oldest first — none while there is no archive (nothing was ever pruned). */
export const pendingErasures = (db: Database) =>
  db.query<PendingErasure>(
    `select e.tenant_id, e.user_id, e.erased_at::text as erased_at, e.resources,
            array(select encode(m, 'hex') from unnest(e.value_macs) m) as value_macs
       from mono.erasure_log e
      where e.carried_at is null and exists (select 1 from mono.pruned_partitions)
      order by e.erased_at, e.tenant_id, e.user_id`,
  );

/** Records that `file` carried these erasures. */
export async function markErasuresCarried(db: Database, file: string, carried: readonly PendingErasure[]): Promise<void> {
  await db.query(
    `update mono.erasure_log e set carried_in = $1, carried_at = now()
       from jsonb_to_recordset($2::jsonb) as c(tenant_id uuid, user_id uuid, erased_at timestamptz)
      where e.tenant_id = c.tenant_id and e.user_id = c.user_id and e.erased_at = c.erased_at and e.carried_at is null`,
    [file, JSON.stringify(carried.map(({ tenant_id, user_id, erased_at }) => ({ tenant_id, user_id, erased_at })))],
  );
}

/**
 * Events retention (events-retention.ts): one batch of events that wait in events_default
 * with occurred_at before the cut-off, deleted; how many. The DEFAULT partition holds only
 * months without a partition of their own, normally nothing.
 */
export async function deleteOldDefaultEvents(db: Database, cutoff: Date, batchSize: number): Promise<number> {
  const deleted = await db.query<{ n: number | string }>(
    `with old as (delete from events_default e
                   using (select tenant_id, id, occurred_at from events_default where occurred_at < $1 limit $2) o
                   where e.tenant_id = o.tenant_id and e.id = o.id and e.occurred_at = o.occurred_at
                  returning 1)
     select count(*) as n from old`,
    [cutoff, batchSize],
  );
  return Number(deleted[0]!.n);
}

/** The tenants with webhook deliveries created before the cut-off (a plain read: the deletes lock per tenant, db/due-work.ts). */
export function tenantsWithOldDeliveries(db: Database, cutoff: Date): Promise<string[]> {
  return tenantsWithDueRows(db.orm, { from: sql`webhook_deliveries`, where: sql`created_at < ${cutoff} and status <> 'sending'` });
}

/**
 * One batch of the tenant's webhook deliveries created before the cut-off, oldest first,
 * deleted with their attempts (foreign key on delete cascade); how many. A delivery a
 * worker holds ('sending') is left to it, and one another prune is deleting is skipped.
 */
export async function deleteOldDeliveries(db: Database, tenantId: string, cutoff: Date, batchSize: number): Promise<number> {
  const deleted = await db.query<{ n: number | string }>(
    `with o as materialized (select tenant_id, id from webhook_deliveries
                              where tenant_id = $3 and created_at < $1 and status <> 'sending'
                              order by created_at limit $2 for update skip locked),
          old as (delete from webhook_deliveries d using o
                   where d.tenant_id = $3 and d.tenant_id = o.tenant_id and d.id = o.id
                  returning 1)
     select count(*) as n from old`,
    [cutoff, batchSize, tenantId],
  );
  return Number(deleted[0]!.n);
}

/** What events retention would delete besides whole partitions (`--dry-run`). */
export const countOldEventRows = (db: Database, cutoff: Date) =>
  db.query<{ events: number | string; deliveries: number | string }>(
    `select (select count(*) from events_default where occurred_at < $1) as events,
            (select count(*) from webhook_deliveries where created_at < $1 and status <> 'sending') as deliveries`,
    [cutoff],
  );

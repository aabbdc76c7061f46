import type { Database } from '../../db/client';
import { drainTenantByTenant } from '../../db/due-work';
import { listPartitions, type PartitionInfo, PruneError } from './prune';
import {
  countOldEventRows,
  deleteOldDefaultEvents,
  deleteOldDeliveries,
  detachAndDrop,
  inTransaction,
  lockPartition,
  tenantsWithOldDeliveries,
} from './prune-repository';

/**
 * Retention of domain events and webhook deliveries (issue 15): `mono partitions prune`
 * (`--events-days`) and the daily job `events.prune`, both with EVENTS_RETENTION_DAYS
 * (default 90) unless told otherwise.
 *
 * - Every monthly partition of `events` that ended before the cut-off (now − days) is
 *   detached and dropped whole — no export: events are an outbox for integrations (the
 *   feed, webhooks), a copy of what the API showed, not a record; the audit trail is the
 *   record and has its own archive. So an event lives at least `days` and at most
 *   `days` + one month.
 * - Events in the DEFAULT partition (months without a partition of their own) older
 *   than the cut-off are deleted in batches.
 * - Webhook deliveries created before the cut-off are deleted in batches, oldest first,
 *   with their attempts; one a worker is sending right now is left for the next run.
 *
 * A consumer whose feed cursor points at a dropped event loses nothing it could still
 * read: the feed goes on after the cursor's (txid, id), whatever partition held it.
 */
export const DEFAULT_EVENTS_RETENTION_DAYS = 90;

export interface EventsRetentionOptions {
  /** Keep events and deliveries at least this many days. */
  days: number;
  /** "Now", for the cut-off (tests). */
  now?: Date;
  /** Rows per delete. */
  batchSize?: number;
  /** Only report what would go. */
  dryRun?: boolean;
}

export interface EventsRetentionResult {
  cutoff: Date;
  /** Monthly partitions of events that ended before the cut-off (dropped unless a dry run). */
  due: PartitionInfo[];
  /** The partitions dropped. */
  dropped: string[];
  /** Events deleted from (dry run: waiting in) the DEFAULT partition. */
  events: number;
  /** Webhook deliveries deleted (dry run: due), attempts included. */
  deliveries: number;
}

export function eventsCutoff(days: number, now = new Date()): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

async function inBatches(batch: () => Promise<number>, size: number): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch();
    total += n;
    if (n < size) return total;
  }
}

/** Applies the retention; see the module comment. */
export async function pruneEvents(db: Database, options: EventsRetentionOptions): Promise<EventsRetentionResult> {
  if (!Number.isInteger(options.days) || options.days < 1) throw new PruneError('the events retention must be a whole number of days ≥ 1');
  const cutoff = eventsCutoff(options.days, options.now);
  const due = (await listPartitions(db, 'events')).filter((p) => p.rangeEnd.getTime() <= cutoff.getTime());
  if (options.dryRun) {
    const [waiting] = await countOldEventRows(db, cutoff);
    return { cutoff, due, dropped: [], events: Number(waiting!.events), deliveries: Number(waiting!.deliveries) };
  }
  const dropped: string[] = [];
  for (const p of due) {
    if (!/^events_p\d{4}_\d{2}$/.test(p.partition)) throw new PruneError(`unexpected partition name ${p.partition}`);
    await inTransaction(db, async (session) => {
      await lockPartition(session, p.partition, 'access exclusive');
      await detachAndDrop(session, 'events', p.partition);
    });
    dropped.push(p.partition);
  }
  const size = options.batchSize ?? 5000;
  const events = await inBatches(() => deleteOldDefaultEvents(db, cutoff, size), size);
  // Tenant by tenant: each delete locks rows of one tenant, as Citus requires (db/due-work.ts).
  const deliveries = await drainTenantByTenant(await tenantsWithOldDeliveries(db, cutoff), size, (tenantId) => deleteOldDeliveries(db, tenantId, cutoff, size));
  return { cutoff, due, dropped, events, deliveries };
}

import type { Database } from '../../db/client';
import { ensureMonthlyPartitions } from './maintenance-repository';

/** Tables partitioned by month on a time column (created_at; occurred_at for events). */
export const PARTITIONED_TABLES = ['audit_logs', 'activities', 'events'] as const;

/**
 * The partitioned tables `mono partitions prune --keep-months` archives (exports, checks,
 * then drops). Events are not archived: they have their own retention in days
 * (events-retention.ts).
 */
export const ARCHIVED_TABLES = ['audit_logs', 'activities'] as const;

/**
 * Creates this month's and the next `monthsAhead` months' partitions of every
 * partitioned table (see mono.ensure_monthly_partitions). Runs as the owner: DDL is
 * not something the runtime roles may do. Returns the partitions it created.
 */
export async function ensurePartitions(db: Database, monthsAhead: number): Promise<string[]> {
  const created: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    const rows = await ensureMonthlyPartitions(db, table, monthsAhead);
    created.push(...rows.map((r) => r.name));
  }
  return created;
}

import type { Database } from '../../db/client';
import { ensureMonthlyPartitions } from './maintenance-repository';

/** Tables partitioned by month on created_at. */
export const PARTITIONED_TABLES = ['audit_logs', 'activities'] as const;

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

import type { Database } from '../../db/client';
import { maintenanceCandidates, vacuumOrAnalyze } from './maintenance-repository';

/**
 * `mono maintenance`: ANALYZE the large tables, and VACUUM (ANALYZE) those with many dead
 * rows, reporting what it did. Autovacuum does most of this on its own; this is for after
 * bulk work (imports, backfills, prunes) and for what autovacuum never does: it does not
 * ANALYZE partitioned parents, so the planner's whole-table statistics of audit_logs and
 * activities come only from here.
 */
export interface MaintenanceOptions {
  /** Tables with at least this many rows (live + dead) count as large. */
  minRows?: number;
  /** VACUUM when dead rows exceed this share of live rows… */
  vacuumRatio?: number;
  /** …and there are at least this many of them. */
  vacuumMinDead?: number;
  /** Every table, large or not. */
  all?: boolean;
  onTable?: (action: MaintenanceAction) => void;
}

export interface MaintenanceAction {
  table: string;
  action: 'analyze' | 'vacuum analyze';
  reason: string;
  liveRows: number;
  deadRows: number;
  ms: number;
}

export async function runMaintenance(db: Database, options: MaintenanceOptions = {}): Promise<MaintenanceAction[]> {
  const minRows = options.all ? 0 : (options.minRows ?? 10_000);
  const ratio = options.vacuumRatio ?? 0.1;
  const minDead = options.vacuumMinDead ?? 1_000;
  const candidates = await maintenanceCandidates(db, minRows);
  const done: MaintenanceAction[] = [];
  for (const t of candidates) {
    const live = Number(t.live);
    const dead = Number(t.dead);
    const vacuum = !t.partitioned && dead >= minDead && dead > ratio * Math.max(live, 1);
    const started = Date.now();
    // VACUUM cannot run inside a transaction: each statement on its own.
    await vacuumOrAnalyze(db, t.name, vacuum);
    const action: MaintenanceAction = {
      table: t.name,
      action: vacuum ? 'vacuum analyze' : 'analyze',
      reason: vacuum
        ? `${dead.toLocaleString('en')} dead rows (${Math.round((dead / Math.max(live, 1)) * 100)}% of live)`
        : t.partitioned
          ? 'partitioned parent: autovacuum never analyzes it'
          : `${(live + dead).toLocaleString('en')} rows`,
      liveRows: live,
      deadRows: dead,
      ms: Date.now() - started,
    };
    options.onTable?.(action);
    done.push(action);
  }
  return done;
}

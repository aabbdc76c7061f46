import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { firstRow, rows } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/**
 * The queries of the background jobs: the run log mono.job_runs (a global table the
 * owner writes: scheduler, CLI) and the set-based clean-ups of the jobs that have no
 * module of their own to ask.
 */

export interface ClaimedSlot {
  id: number;
  slot_start: Date;
}

/**
 * Claims the job's current time slot. The unique (job, slot_start) key makes this the
 * guarantee that a slot runs once, whatever number of schedulers, timers or queue
 * deliveries there are; a slot whose run failed may be claimed again (a queue retry).
 * Slots are computed from the database's clock, the one all processes share.
 */
export async function claimSlot(db: Database, job: string, everySeconds: number, worker: string): Promise<ClaimedSlot | undefined> {
  const [row] = await db.query<ClaimedSlot>(
    `insert into mono.job_runs (job, slot_start, status, worker)
     values ($1, to_timestamp(floor(extract(epoch from now()) / $2) * $2), 'running', $3)
     on conflict (job, slot_start) do update
        set status = 'running', attempts = mono.job_runs.attempts + 1, worker = excluded.worker,
            started_at = now(), finished_at = null, error = null
      where mono.job_runs.status = 'failed'
     returning id, slot_start`,
    [job, everySeconds, worker],
  );
  return row;
}

/** A run outside the schedule (`mono jobs run`): a slot of its own, starting now. */
export async function insertManualRun(db: Database, job: string, worker: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into mono.job_runs (job, slot_start, status, worker) values ($1, clock_timestamp(), 'running', $2) returning id`,
    [job, worker],
  );
  return row!.id;
}

export async function markRunSucceeded(db: Database, runId: number, result: Record<string, unknown>): Promise<void> {
  await db.query(`update mono.job_runs set status = 'succeeded', finished_at = now(), result = $2 where id = $1`, [runId, JSON.stringify(result)]);
}

export async function markRunFailed(db: Database, runId: number, error: string): Promise<void> {
  await db.query(`update mono.job_runs set status = 'failed', finished_at = now(), error = $2 where id = $1`, [runId, error]);
}

export interface RunRow {
  job: string;
  status: 'running' | 'succeeded' | 'failed';
  slot_start: Date;
  started_at: Date;
  finished_at: Date | null;
  attempts: number;
  worker: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
  last_success_at: Date | null;
}

/** The latest run of every job that ran, with the end of its latest success (platform path). */
export function latestRuns(tx: Tx): Promise<RunRow[]> {
  return rows<RunRow>(
    tx,
    sql`select distinct on (r.job) r.job, r.status, r.slot_start, r.started_at, r.finished_at, r.attempts, r.worker, r.result, r.error,
               (select max(s.finished_at) from mono.job_runs s where s.job = r.job and s.status = 'succeeded') as last_success_at
          from mono.job_runs r order by r.job, r.started_at desc`,
  );
}

/** Forgets the runs that started more than `days` days ago; how many. */
export async function deleteOldRuns(db: Database, days: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `with gone as (delete from mono.job_runs where started_at < now() - make_interval(days => $1) returning 1) select count(*)::int as n from gone`,
    [days],
  );
  return row?.n ?? 0;
}

/** Rows that are due to go, table by table: what the clean-up jobs delete. */
const due = {
  user_roles: sql`expires_at <= now()`,
  user_permissions: sql`expires_at <= now()`,
  sessions: sql`expires_at <= now() or revoked_at <= now() - interval '1 day'`,
  one_time_tokens: sql`expires_at <= now() or used_at is not null`,
} as const;
export type CleanupTable = keyof typeof due;

/**
 * Deletes at most `limit` due rows of `table`, across tenants (platform path), locked
 * with SKIP LOCKED: rows a request holds are left for the next run. How many it deleted.
 */
export async function deleteDueBatch(tx: Tx, table: CleanupTable, limit: number): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`with changed as (delete from ${sql.identifier(table)} where (tenant_id, id) in (
          select tenant_id, id from ${sql.identifier(table)} where ${due[table]} limit ${limit} for update skip locked)
        returning 1)
        select count(*)::int as n from changed`,
  );
  return row?.n ?? 0;
}

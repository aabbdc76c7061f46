import { sql } from 'drizzle-orm';
import type { Database, RawSession } from '../../db/client';
import { tenantsWithDueRows } from '../../db/due-work';
import { firstRow, rows } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/**
 * The queries of the background jobs: the run log mono.job_runs (a global table the
 * owner writes: scheduler, CLI) and the set-based clean-ups of the jobs that have no
 * module of their own to ask.
 */

/** A claimed run: its row, and which claim of that row this is (the fence of its updates). */
export interface ClaimedRun {
  id: number;
  attempt: number;
  slot_start: Date;
}

/**
 * Claims the job's current time slot, with a lease of `leaseSeconds`. The unique
 * (job, slot_start) key makes this the guarantee that a slot runs once, whatever number
 * of schedulers, timers or queue deliveries there are. The slot may be claimed again
 * when its run failed (a queue retry) or when its lease expired while it was still
 * 'running': the worker that held it stopped renewing it, so it is taken to be dead.
 * Slots and leases are computed from the database's clock, the one all processes share.
 */
export async function claimSlot(db: Database, job: string, everySeconds: number, worker: string, leaseSeconds: number): Promise<ClaimedRun | undefined> {
  const [row] = await db.query<ClaimedRun>(
    `insert into mono.job_runs (job, slot_start, status, worker, lease_expires_at)
     values ($1, to_timestamp(floor(extract(epoch from now()) / $2) * $2), 'running', $3, clock_timestamp() + make_interval(secs => $4))
     on conflict (job, slot_start) do update
        set status = 'running', attempts = mono.job_runs.attempts + 1, worker = excluded.worker,
            started_at = now(), finished_at = null, error = null, result = null, lease_expires_at = excluded.lease_expires_at
      where mono.job_runs.status = 'failed'
         or (mono.job_runs.status = 'running' and mono.job_runs.lease_expires_at <= clock_timestamp())
     returning id, attempts as attempt, slot_start`,
    [job, everySeconds, worker, leaseSeconds],
  );
  return row;
}

/** A run outside the schedule (`mono jobs run`): a slot of its own, starting now. */
export async function insertManualRun(db: Database, job: string, worker: string, leaseSeconds: number): Promise<ClaimedRun> {
  const [row] = await db.query<ClaimedRun>(
    `insert into mono.job_runs (job, slot_start, status, worker, lease_expires_at)
     values ($1, clock_timestamp(), 'running', $2, clock_timestamp() + make_interval(secs => $3))
     returning id, attempts as attempt, slot_start`,
    [job, worker, leaseSeconds],
  );
  return row!;
}

/**
 * Extends the run's lease by `leaseSeconds` from now, if the run is still this claim's
 * and still running. False: the lease expired and another worker claimed the slot.
 */
export async function renewLease(db: Database, run: ClaimedRun, leaseSeconds: number): Promise<boolean> {
  const renewed = await db.query(
    `update mono.job_runs set lease_expires_at = clock_timestamp() + make_interval(secs => $3)
      where id = $1 and attempts = $2 and status = 'running' returning 1`,
    [run.id, run.attempt, leaseSeconds],
  );
  return renewed.length > 0;
}

/**
 * Records how the claim's run ended. Only the claim that holds the run may: a worker
 * whose lease was taken over does not overwrite the newer run's row (false then).
 */
export async function finishRun(
  db: Database,
  run: ClaimedRun,
  outcome: { status: 'succeeded'; result: Record<string, unknown> } | { status: 'failed'; error: string },
): Promise<boolean> {
  const done = await db.query(
    `update mono.job_runs set status = $3, finished_at = now(), result = $4, error = $5, lease_expires_at = null
      where id = $1 and attempts = $2 and status = 'running' returning 1`,
    [
      run.id,
      run.attempt,
      outcome.status,
      outcome.status === 'succeeded' ? JSON.stringify(outcome.result) : null,
      outcome.status === 'failed' ? outcome.error : null,
    ],
  );
  return done.length > 0;
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
  idempotency_keys: sql`expires_at <= now()`,
} as const;
export type CleanupTable = keyof typeof due;

/** The tenants with due rows in `table` (platform path; a plain read, see db/due-work.ts). */
export function tenantsWithDueCleanup(tx: Tx, table: CleanupTable): Promise<string[]> {
  return tenantsWithDueRows(tx, { from: sql`${sql.identifier(table)}`, where: due[table] });
}

/**
 * Deletes at most `limit` due rows of `table` of one tenant (platform path), locked with
 * SKIP LOCKED: rows a request holds are left for the next run. How many it deleted.
 */
export async function deleteDueBatch(tx: Tx, table: CleanupTable, tenantId: string, limit: number): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`with batch as materialized (
          select tenant_id, id from ${sql.identifier(table)} where tenant_id = ${tenantId} and (${due[table]}) limit ${limit} for update skip locked),
        changed as (delete from ${sql.identifier(table)} d using batch where d.tenant_id = ${tenantId} and d.tenant_id = batch.tenant_id and d.id = batch.id returning 1)
        select count(*)::int as n from changed`,
  );
  return row?.n ?? 0;
}

/** A session-level advisory lock (held until advisoryUnlock or the end of the session). */
export async function advisoryLock(session: RawSession, key: number): Promise<void> {
  await session.query('select pg_advisory_lock($1)', [key]);
}

export async function advisoryUnlock(session: RawSession, key: number): Promise<void> {
  await session.query('select pg_advisory_unlock($1)', [key]);
}

import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client';
import { isUnavailableError } from '../../db/errors';
import { type JobDefinition, type JobEnv, jobDefinitions } from './definitions';
import { advisoryLock, advisoryUnlock, type ClaimedRun, claimSlot, finishRun, insertManualRun, renewLease } from './repository';

/** pino's shape, so the HTTP server's logger can be passed as it is. */
export interface JobLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface SchedulerDeps {
  db: Database;
  /**
   * postgres://… of the server database: the scheduler then uses pg-boss, a queue in
   * PostgreSQL, so that any number of API processes run each due job once. Without it
   * (embedded PGlite: one process by construction) an in-process timer runs the jobs.
   */
  databaseUrl?: string;
  log?: JobLogger;
  /** What jobs need besides the database (the configuration: object storage for data exports). */
  env?: JobEnv;
  /** The jobs to schedule (default: all of them). */
  jobs?: JobDefinition[];
  /** How often to look for due slots (default 15 s). */
  tickMs?: number;
  /** pg-boss: how often idle workers poll the queue (default 2 s, at least 0.5). */
  pollSeconds?: number;
  /** Name of this process in the run log (default host:pid). */
  worker?: string;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export interface JobOutcome {
  job: string;
  status: 'succeeded' | 'failed' | 'skipped';
  slot?: Date;
  result?: Record<string, unknown>;
  error?: string;
}

const QUEUE_SETUP_LOCK = 727_100_008;

const silent: JobLogger = { info: () => undefined, error: () => undefined };

/** How long a claim lasts unless renewed, when the job does not say (JobDefinition.leaseSeconds). */
export const DEFAULT_LEASE_SECONDS = 120;

const leaseOf = (job: JobDefinition) => job.leaseSeconds ?? DEFAULT_LEASE_SECONDS;

/**
 * Renews the run's lease every third of its length while the job runs, so that only a
 * worker that died (or lost the database) lets it expire. Returns the stop function.
 */
function keepLease(db: Database, job: JobDefinition, run: ClaimedRun, log: JobLogger): () => void {
  const seconds = leaseOf(job);
  const timer = setInterval(
    () => {
      renewLease(db, run, seconds)
        .then((held) => {
          if (!held) log.error({ job: job.name, run: run.id }, `job ${job.name} lost its lease: another worker may run the slot again`);
        })
        .catch((error: Error) => log.error({ job: job.name, err: error.message }, `could not renew the lease of job ${job.name}`));
    },
    Math.max(100, (seconds * 1000) / 3),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs the job under its lease and writes the outcome into its run row; never throws. */
async function execute(db: Database, job: JobDefinition, run: ClaimedRun, slot: Date | undefined, log: JobLogger, env: JobEnv): Promise<JobOutcome> {
  const started = Date.now();
  const release = keepLease(db, job, run, log);
  try {
    const result = await job.run(db, env);
    release();
    if (!(await finishRun(db, run, { status: 'succeeded', result }))) {
      log.error({ job: job.name, run: run.id }, `job ${job.name} finished after its lease was taken over; the newer run's record stands`);
    }
    log.info({ job: job.name, slot, result, ms: Date.now() - started }, `job ${job.name} succeeded`);
    return { job: job.name, status: 'succeeded', slot, result };
  } catch (error) {
    release();
    const message = error instanceof Error ? error.message : String(error);
    await finishRun(db, run, { status: 'failed', error: message.slice(0, 2000) }).catch(() => undefined);
    log.error({ job: job.name, slot, err: message, ms: Date.now() - started }, `job ${job.name} failed`);
    return { job: job.name, status: 'failed', slot, error: message };
  }
}

/**
 * Runs a job for its current slot unless that slot already ran or is running under a
 * live lease. A slot whose run failed, or whose lease expired (its worker died), is run
 * again.
 */
export async function runDueJob(db: Database, job: JobDefinition, worker: string, log: JobLogger = silent, env: JobEnv = {}): Promise<JobOutcome> {
  const claimed = await claimSlot(db, job.name, job.everySeconds, worker, leaseOf(job));
  if (!claimed) return { job: job.name, status: 'skipped' };
  return execute(db, job, claimed, new Date(claimed.slot_start), log, env);
}

/** Runs a job now, whatever its schedule (operators: `mono jobs run`), recorded like any run. */
export async function runJobNow(db: Database, job: JobDefinition, worker: string, log: JobLogger = silent, env: JobEnv = {}): Promise<JobOutcome> {
  return execute(db, job, await insertManualRun(db, job.name, worker, leaseOf(job)), undefined, log, env);
}

/**
 * Starts the scheduler of this process; `serve` calls it. Embedded: a timer runs each
 * due job in this process. Server: every process's timer offers the due jobs to a
 * pg-boss queue, one job per slot (singletonSeconds: pg-boss refuses the second offer),
 * and every process's workers take jobs from it (SKIP LOCKED: one worker per job); the
 * slot claim in mono.job_runs stands behind both.
 */
export async function startScheduler(deps: SchedulerDeps): Promise<Scheduler> {
  const { db } = deps;
  const jobs = deps.jobs ?? jobDefinitions;
  const log = deps.log ?? silent;
  const worker = deps.worker ?? `${hostname()}:${process.pid}`;
  const tickMs = deps.tickMs ?? 15_000;
  let ticking: Promise<void> = Promise.resolve();
  let stopped = false;

  let boss: PgBoss | undefined;
  if (deps.databaseUrl) {
    const longest = Math.max(...jobs.map((j) => j.everySeconds));
    // Loaded only here: the embedded database never needs it (~90 ms of every start).
    const { default: PgBossQueue } = await import('pg-boss');
    boss = new PgBossQueue({
      connectionString: deps.databaseUrl,
      max: 2,
      application_name: 'mono-jobs',
      schedule: false,
      // Completed jobs stay in the queue table beyond the longest slot, so the
      // singleton key keeps refusing a second job for the same slot.
      archiveCompletedAfterSeconds: Math.max(2 * longest, 3600),
    });
    // While the database is away pg-boss fails on every poll: that is one outage, logged
    // once by whoever watches db.availability, not a line per poll.
    boss.on('error', (error) => {
      if (isUnavailableError(error)) db.availability.reportFailure(error);
      else log.error({ err: error.message }, 'job queue error');
    });
    await boss.start();
    const pollingIntervalSeconds = Math.max(0.5, deps.pollSeconds ?? 2);
    // Creating a queue is DDL (a partition of pg-boss's job table); processes starting
    // together would deadlock on it, so they take turns.
    await db.withSession(async (session) => {
      await advisoryLock(session, QUEUE_SETUP_LOCK);
      try {
        for (const job of jobs) await boss!.createQueue(job.name);
      } finally {
        await advisoryUnlock(session, QUEUE_SETUP_LOCK);
      }
    });
    for (const job of jobs) {
      await boss.work(job.name, { pollingIntervalSeconds, batchSize: 1 }, async () => {
        const outcome = await runDueJob(db, job, worker, log, deps.env);
        if (outcome.status === 'failed') throw new Error(outcome.error);
      });
    }
  }

  const offer = async (job: JobDefinition) => {
    if (boss) {
      // A worker that dies leaves its delivery active; pg-boss expires it (after
      // expireInSeconds) and retries it after retryDelay. The worker died before the
      // expiry, so its lease ends less than one lease length after it: with a retry delay
      // of at least a lease, the retry finds the lease expired and runs the slot again.
      const lease = leaseOf(job);
      await boss.send(
        job.name,
        {},
        {
          singletonKey: job.name,
          singletonSeconds: job.everySeconds,
          retryLimit: 2,
          retryDelay: Math.max(30, lease),
          expireInSeconds: Math.max(15 * 60, 2 * lease),
        },
      );
    } else {
      await runDueJob(db, job, worker, log, deps.env);
    }
  };
  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      await offer(job).catch((error: Error) => {
        if (isUnavailableError(error)) db.availability.reportFailure(error);
        else log.error({ job: job.name, err: error.message }, `could not schedule job ${job.name}`);
      });
    }
  };
  const timer = setInterval(() => {
    ticking = ticking.then(tick);
  }, tickMs);
  timer.unref();
  ticking = ticking.then(tick);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await ticking;
      await boss?.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

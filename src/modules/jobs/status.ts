import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { rows } from '../../db/sql';
import { withPlatform } from '../../db/tenant-context';
import { jobDefinitions } from './definitions';

const runSchema = z.object({
  status: z.enum(['running', 'succeeded', 'failed']),
  slotStart: z.iso.datetime({ offset: true }),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  attempts: z.number().int(),
  worker: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
});

export const jobStatusSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    everySeconds: z.number().int().describe('Length of the job’s time slot: it runs at most once per slot'),
    lastRun: runSchema.nullable(),
    lastSuccessAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'JobStatus' });
export type JobStatus = z.infer<typeof jobStatusSchema>;

interface RunRow {
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

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** What the background jobs did lately: for platform operators (platform.jobs.read). */
export function createJobStatusService(deps: { db: Database }) {
  return {
    async list(ctx: RequestContext): Promise<JobStatus[]> {
      if (!ctx.permissions.can('platform.jobs.read')) throw new AppError('FORBIDDEN');
      const last = await withPlatform(deps.db, ctx, (tx) =>
        rows<RunRow>(
          tx,
          sql`select distinct on (r.job) r.job, r.status, r.slot_start, r.started_at, r.finished_at, r.attempts, r.worker, r.result, r.error,
                     (select max(s.finished_at) from mono.job_runs s where s.job = r.job and s.status = 'succeeded') as last_success_at
                from mono.job_runs r order by r.job, r.started_at desc`,
        ),
      );
      const byJob = new Map(last.map((r) => [r.job, r]));
      return jobDefinitions.map((job) => {
        const run = byJob.get(job.name);
        return {
          name: job.name,
          description: job.description,
          everySeconds: job.everySeconds,
          lastRun: run
            ? {
                status: run.status,
                slotStart: iso(run.slot_start)!,
                startedAt: iso(run.started_at)!,
                finishedAt: iso(run.finished_at),
                attempts: run.attempts,
                worker: run.worker,
                result: run.result,
                error: run.error,
              }
            : null,
          lastSuccessAt: iso(run?.last_success_at ?? null),
        };
      });
    },
  };
}

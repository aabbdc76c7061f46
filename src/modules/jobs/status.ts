import { z } from 'zod';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { withPlatform } from '../../db/tenant-context';
import { jobDefinitions } from './definitions';
import { latestRuns } from './repository';

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

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** What the background jobs did lately: for platform operators (platform.jobs.read). */
export function createJobStatusService(deps: { db: Database }) {
  return {
    async list(ctx: RequestContext): Promise<JobStatus[]> {
      if (!ctx.permissions.can('platform.jobs.read')) throw new AppError('FORBIDDEN');
      const last = await withPlatform(deps.db, ctx, (tx) => latestRuns(tx));
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

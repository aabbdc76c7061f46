import type { Command } from 'commander';
import { findJob, jobDefinitions, runJobNow } from '../../modules/jobs';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';

const every = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}min` : `${seconds}s`);

export function registerJobs(program: Command, ctx: CliContext): void {
  const jobs = program.command('jobs').description('Background jobs (the scheduler runs them inside `mono serve`)');
  jobs
    .command('list')
    .description('The jobs, how often they run, and their last run')
    .action(async () => {
      await ctx.withRuntime(async ({ db }) => {
        const last = new Map(
          (
            await db.query<{ job: string; status: string; started_at: Date; result: unknown; error: string | null }>(
              `select distinct on (job) job, status, started_at, result, error from mono.job_runs order by job, started_at desc`,
            )
          ).map((r) => [r.job, r]),
        );
        for (const job of jobDefinitions) {
          const run = last.get(job.name);
          const status = run ? `last ${run.status} at ${new Date(run.started_at).toISOString()} ${run.error ?? JSON.stringify(run.result ?? {})}` : 'never ran';
          ctx.io.out(`${job.name.padEnd(20)} every ${every(job.everySeconds).padEnd(6)} ${status}`);
          ctx.io.err(`  ${job.description}`);
        }
      });
    });
  jobs
    .command('run <name>')
    .description('Run one job now, whatever its schedule (recorded in the run log like any run)')
    .action(async (name: string) => {
      const job = findJob(name);
      if (!job) throw new CliError(`no job "${name}"; known jobs: ${jobDefinitions.map((j) => j.name).join(', ')}`);
      await ctx.withRuntime(async ({ db, config }) => {
        const outcome = await runJobNow(db, job, 'cli', undefined, { config });
        if (outcome.status === 'failed') throw new CliError(`job ${name} failed: ${outcome.error}`);
        ctx.io.out(`${name}: ${JSON.stringify(outcome.result)}`);
      });
    });
}

import type { Command } from 'commander';
import { dataMigrations, findDataMigration, readCheckpoint, runBackfill } from '../../modules/maintenance';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { progress } from '../kit/progress';
import { positiveInt, positiveNumber } from './options';

const n = (value: number) => value.toLocaleString('en');

export function registerBackfill(program: Command, ctx: CliContext): void {
  program
    .command('backfill')
    .description('Run a named data migration in keyset batches, resumable from its checkpoint (without a name: list them)')
    .argument('[name]', 'the data migration')
    .option('--batch-size <n>', 'rows per batch (one transaction each)', '1000')
    .option('--rate <rows/s>', 'at most this many rows per second')
    .option('--dry-run', 'do every batch and roll it back: report what would change')
    .option('--restart', 'forget the checkpoint and start from the beginning')
    .action(async (name: string | undefined, options: { batchSize: string; rate?: string; dryRun?: boolean; restart?: boolean }) => {
      const batchSize = positiveInt(options.batchSize, '--batch-size');
      const rate = options.rate === undefined ? undefined : positiveNumber(options.rate, '--rate');
      await ctx.withRuntime(async ({ db }) => {
        if (!name) {
          for (const m of dataMigrations) {
            const checkpoint = await readCheckpoint(db, m.name);
            const state = !checkpoint
              ? 'not run'
              : checkpoint.completed_at
                ? `completed ${new Date(checkpoint.completed_at).toISOString()} (${n(Number(checkpoint.rows_changed))} rows changed)`
                : `in progress: ${n(Number(checkpoint.rows_scanned))} rows done, resumes after ${JSON.stringify(checkpoint.last_key)}`;
            ctx.io.out(`${m.name.padEnd(24)} ${m.table.padEnd(14)} ${state}`);
            ctx.io.err(`  ${m.description}`);
          }
          return;
        }
        const migration = findDataMigration(name);
        if (!migration) throw new CliError(`no data migration "${name}"; known: ${dataMigrations.map((m) => m.name).join(', ')}`);
        const before = options.restart || options.dryRun ? undefined : await readCheckpoint(db, name);
        const done = before && !before.completed_at ? Number(before.rows_scanned) : 0;
        if (done > 0) ctx.io.err(`Resuming ${name} after ${n(done)} rows (key ${JSON.stringify(before!.last_key)}).`);
        const total = Math.max(0, (await migration.estimate(db)) - done);
        const bar = progress(ctx.io, `${options.dryRun ? 'dry run ' : ''}${name}`, total || null);
        const result = await runBackfill(db, migration, {
          batchSize,
          rate,
          dryRun: options.dryRun,
          restart: options.restart,
          onBatch: (p) => bar.tick(p.scanned),
        });
        if (result.alreadyCompleted) {
          ctx.io.out(`${name} was already completed at ${new Date(result.completedAt!).toISOString()}; nothing to do (--restart runs it again).`);
          return;
        }
        bar.finish();
        ctx.io.out(
          options.dryRun
            ? `Dry run of ${name}: ${n(result.changed)} of ${n(result.scanned)} rows would change (${result.batches} batches, all rolled back).`
            : `${name}: ${n(result.scanned)} rows scanned, ${n(result.changed)} changed in ${result.batches} batches; completed.`,
        );
      });
    });
}

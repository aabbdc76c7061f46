import { join } from 'node:path';
import type { Command } from 'commander';
import { PruneError, pruneEvents, prunePartitions } from '../../modules/maintenance';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { positiveInt } from './options';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** `mono partitions prune`: export, check, then drop old monthly partitions. */
export function registerPartitionsPrune(partitions: Command, ctx: CliContext): void {
  partitions
    .command('prune')
    .description(
      'Export each audit_logs/activities partition older than --keep-months to gzip NDJSON with a checked manifest, then detach and drop it; drop events partitions and delete webhook deliveries older than --events-days',
    )
    .requiredOption('--keep-months <n>', 'keep the current month and this many months before it')
    .option('--events-days <n>', 'keep events and webhook deliveries this many days (default: EVENTS_RETENTION_DAYS, 90)')
    .option('--out <dir>', 'directory for the export files (default: <DATA_DIR>/archive)')
    .option('--dry-run', 'only list what would be pruned')
    .action(async (options: { keepMonths: string; eventsDays?: string; out?: string; dryRun?: boolean }) => {
      const keepMonths = positiveInt(options.keepMonths, '--keep-months');
      const eventsDays = options.eventsDays === undefined ? undefined : positiveInt(options.eventsDays, '--events-days');
      await ctx.withRuntime(async ({ db, config }) => {
        const outDir = options.out ?? join(config.dataDir, 'archive');
        try {
          const result = await prunePartitions(db, {
            keepMonths,
            outDir,
            dryRun: options.dryRun,
            onProgress: (e) => {
              if (e.kind === 'exporting') ctx.io.err(`  exporting ${e.partition} (${e.rows.toLocaleString('en')} rows)…`);
              if (e.kind === 'exported')
                ctx.io.err(
                  `  exported ${e.partition}: ${e.rows.toLocaleString('en')} rows → ${e.file}, read back and checked (sha256 ${e.sha256.slice(0, 12)}…)`,
                );
              if (e.kind === 'dropped') ctx.io.err(`  dropped ${e.partition}`);
            },
          });
          const events = await pruneEvents(db, { days: eventsDays ?? config.eventsRetentionDays, dryRun: options.dryRun });
          if (options.dryRun) {
            for (const p of [...result.due, ...events.due]) ctx.io.out(`would prune ${p.partition} (${day(p.rangeStart)} to ${day(p.rangeEnd)})`);
            ctx.io.out(`${result.due.length} partition(s) end before ${day(result.cutoff)}.`);
            ctx.io.out(
              `Events: ${events.due.length} partition(s) end before ${events.cutoff.toISOString()}; ${events.events} event(s) in events_default and ${events.deliveries} webhook deliveries are older.`,
            );
            return;
          }
          if (events.dropped.length || events.events || events.deliveries) {
            ctx.io.out(
              `Events older than ${events.cutoff.toISOString()}: dropped ${events.dropped.length} partition(s)${events.dropped.length ? ` (${events.dropped.join(', ')})` : ''}, deleted ${events.events} event(s) from events_default and ${events.deliveries} webhook deliveries with their attempts.`,
            );
          }
          ctx.io.out(
            result.pruned.length
              ? `Pruned ${result.pruned.length} partition(s) ending before ${day(result.cutoff)}; exports in ${outDir}.`
              : `Nothing to prune: no partition ends before ${day(result.cutoff)}.`,
          );
          if (result.erasures) ctx.io.out(`Carried ${result.erasures.count} erasure(s) since the last prune into the archive: ${result.erasures.file}.`);
        } catch (error) {
          if (error instanceof PruneError) throw new CliError(error.message);
          throw error;
        }
      });
    });
}

import { join } from 'node:path';
import type { Command } from 'commander';
import { PruneError, prunePartitions } from '../../modules/maintenance';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { positiveInt } from './options';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** `mono partitions prune`: export, check, then drop old monthly partitions. */
export function registerPartitionsPrune(partitions: Command, ctx: CliContext): void {
  partitions
    .command('prune')
    .description('Export each audit_logs/activities partition older than --keep-months to gzip NDJSON with a checked manifest, then detach and drop it')
    .requiredOption('--keep-months <n>', 'keep the current month and this many months before it')
    .option('--out <dir>', 'directory for the export files (default: <DATA_DIR>/archive)')
    .option('--dry-run', 'only list what would be pruned')
    .action(async (options: { keepMonths: string; out?: string; dryRun?: boolean }) => {
      const keepMonths = positiveInt(options.keepMonths, '--keep-months');
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
          if (options.dryRun) {
            for (const p of result.due) ctx.io.out(`would prune ${p.partition} (${day(p.rangeStart)} to ${day(p.rangeEnd)})`);
            ctx.io.out(`${result.due.length} partition(s) end before ${day(result.cutoff)}.`);
            return;
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

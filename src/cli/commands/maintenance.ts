import type { Command } from 'commander';
import { runMaintenance } from '../../modules/maintenance';
import type { CliContext } from '../kit/context';
import { positiveInt } from './options';

export function registerMaintenance(program: Command, ctx: CliContext): void {
  program
    .command('maintenance')
    .description('ANALYZE the large tables (and partitioned parents), VACUUM (ANALYZE) those with many dead rows')
    .option('--min-rows <n>', 'tables with at least this many rows count as large', '10000')
    .option('--all', 'every table, large or not')
    .action(async (options: { minRows: string; all?: boolean }) => {
      const minRows = positiveInt(options.minRows, '--min-rows');
      await ctx.withRuntime(async ({ db }) => {
        const done = await runMaintenance(db, {
          minRows,
          all: options.all,
          onTable: (a) => ctx.io.out(`${a.action.padEnd(14)} ${a.table}  (${a.reason}; ${a.ms} ms)`),
        });
        ctx.io.out(
          `Maintained ${done.length} table(s): ${done.filter((a) => a.action === 'vacuum analyze').length} vacuumed and analyzed, ${done.filter((a) => a.action === 'analyze').length} analyzed.`,
        );
      });
    });
}

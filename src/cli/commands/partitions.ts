import type { Command } from 'commander';
import { ensurePartitions, PARTITIONED_TABLES } from '../../modules/maintenance';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { registerPartitionsPrune } from './partitions-prune';

export function registerPartitions(program: Command, ctx: CliContext): void {
  const partitions = program.command('partitions').description('Monthly partitions of audit_logs, activities and events');
  partitions
    .command('ensure')
    .description('Create the partitions of this month and the coming months; rows waiting in the default partition move in')
    .option('--months <n>', 'how many months ahead', '3')
    .action(async (options: { months: string }) => {
      const months = Number(options.months);
      if (!Number.isInteger(months) || months < 0 || months > 120) throw new CliError('--months must be a whole number from 0 to 120');
      await ctx.withRuntime(async ({ db }) => {
        const created = await ensurePartitions(db, months);
        for (const name of created) ctx.io.err(`  created ${name}`);
        ctx.io.out(
          created.length
            ? `Created ${created.length} partition(s) of ${PARTITIONED_TABLES.join(', ')}.`
            : `All partitions up to ${months} month(s) ahead already exist.`,
        );
      });
    });
  registerPartitionsPrune(partitions, ctx);
}

import type { Command } from 'commander';
import { CitusError, distributeForCitus } from '../../modules/maintenance';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { describeDatabase } from '../kit/runtime';

export function registerCitus(program: Command, ctx: CliContext): void {
  const citus = program.command('citus').description('Running on a Citus cluster (docs/citus.md)');
  citus
    .command('distribute')
    .description('Distribute every tenant table by tenant_id (colocated), make the global tables reference tables; safe to run again')
    .action(async () => {
      await ctx.withRuntime(async ({ db, config }) => {
        ctx.io.err(`Distributing ${describeDatabase(config)}…`);
        try {
          const result = await distributeForCitus(db, (event) =>
            ctx.io.err(`  ${event.step.padEnd(18)} ${event.table}${event.detail ? ` (${event.detail})` : ''}`),
          );
          ctx.io.out(
            `${result.distributed.length} table(s) distributed by tenant_id, ${result.reference.length} reference table(s), ` +
              `${result.foreignKeys} foreign key(s) restored, ${result.alreadyDone} already done.`,
          );
          if (result.refused.length) {
            throw new CliError(
              `${result.refused.length} foreign key(s) Citus refused, kept in mono.citus_pending_foreign_keys:\n  ${result.refused.join('\n  ')}`,
            );
          }
        } catch (error) {
          if (error instanceof CitusError) throw new CliError(error.message);
          throw error;
        }
      });
    });
}

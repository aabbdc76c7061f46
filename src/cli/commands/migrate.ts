import type { Command } from 'commander';
import { prepareDatabase } from '../../app/setup';
import type { CliContext } from '../kit/context';
import { describeDatabase } from '../kit/runtime';

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('Apply pending schema migrations and sync the permission catalog and system roles')
    .action(async () => {
      await ctx.withRuntime(async ({ db, config }) => {
        ctx.io.err(`Migrating ${describeDatabase(config)}…`);
        const result = await prepareDatabase(db, { platformTenant: config.platformTenant, onApply: (name) => ctx.io.err(`  applied ${name}`) });
        ctx.io.out(
          result.applied.length
            ? `Applied ${result.applied.length} migration(s); the schema is up to date.`
            : `Nothing to apply: all ${result.alreadyApplied} migrations were already applied.`,
        );
      });
    });
}

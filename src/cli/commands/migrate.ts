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
        const definitions = result.defined.length ? ` and ${result.defined.length} changed definition(s)` : '';
        ctx.io.out(
          result.applied.length || result.defined.length
            ? `Applied ${result.applied.length} migration(s)${definitions}; the schema is up to date.`
            : `Nothing to apply: all ${result.alreadyApplied} migrations and every definition were already applied.`,
        );
      });
    });
}

import type { Command } from 'commander';
import { prepareDatabase } from '../../app/setup';
import { buildPgliteTemplate } from '../../db/pglite-template';
import { rbacFingerprint } from '../../modules/access';
import { buildBundle } from '../kit/bundle';
import { buildConsole } from '../kit/console-build';
import type { CliContext } from '../kit/context';

/**
 * `mono internal:prepare` — run by `npm ci` (postinstall): the bundled CLI and the
 * migrated PGlite template that make starts fast, and the operator console (/console). It must never make an install fail:
 * without them Mono runs from the sources and initialises its database itself.
 */
export function registerInternal(program: Command, ctx: CliContext): void {
  program
    .command('internal:prepare', { hidden: true })
    .description('Build the bundled CLI, the console and the embedded database template (run by npm ci)')
    .action(async () => {
      const steps: [string, () => Promise<string>][] = [
        ['bundled the CLI', buildBundle],
        ['built the console', buildConsole],
        [
          'prepared the embedded database template',
          () => buildPgliteTemplate((db) => prepareDatabase(db, { platformTenant: ctx.config().platformTenant }), { catalog: rbacFingerprint() }),
        ],
      ];
      for (const [done, step] of steps) {
        try {
          ctx.io.err(`mono: ${done} (${await step()})`);
        } catch (error) {
          ctx.io.err(`mono: skipped — ${(error as Error).message}; starts will be slower`);
        }
      }
    });
}

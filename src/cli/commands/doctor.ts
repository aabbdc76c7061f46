import type { Command } from 'commander';
import { runDoctor, type Status } from '../../modules/maintenance';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { describeDatabase } from '../kit/runtime';
import { positiveInt } from './options';

const label: Record<Status, string> = { ok: 'ok  ', info: 'info', warn: 'WARN', fail: 'FAIL' };

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('Check the live database against what the code expects, with the fix for each finding (exit 1 on a failure)')
    .option('--months-ahead <n>', 'coming months whose partitions must exist', '2')
    .action(async (options: { monthsAhead: string }) => {
      const monthsAhead = positiveInt(options.monthsAhead, '--months-ahead');
      await ctx.withRuntime(async ({ db, config }) => {
        ctx.io.out(`Checking ${describeDatabase(config)}`);
        const results = await runDoctor(db, { monthsAhead });
        for (const r of results) {
          ctx.io.out(`${label[r.status]}  ${r.check}: ${r.summary}`);
          for (const item of r.items) {
            ctx.io.out(`        - ${item.what}`);
            if (item.fix) ctx.io.out(`          fix: ${item.fix}`);
          }
        }
        const failures = results.filter((r) => r.status === 'fail').length;
        const warnings = results.filter((r) => r.status === 'warn').length;
        ctx.io.out(`${failures} failure(s), ${warnings} warning(s).`);
        if (failures) throw new CliError(`the database has ${failures} problem(s) to fix (see above)`);
      });
    });
}

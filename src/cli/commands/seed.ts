import type { Command } from 'commander';
import { type SeedResult, seedDemo, seedPlatform } from '../../modules/demo';
import type { CliContext } from '../kit/context';

export function printSeed(ctx: CliContext, result: SeedResult): void {
  const { platform, demo } = result;
  if (platform) {
    ctx.io.out(`Platform operator: ${platform.email} / ${platform.password}  (X-Tenant: ${platform.identifier}) — store this password now.`);
  }
  if (demo) {
    const state = demo.created ? 'created' : 'exists already, nothing was created';
    ctx.io.out(`Demo marketplace "${demo.identifier}" ${state} — sign in with X-Tenant: ${demo.identifier}, password ${demo.password}:`);
    for (const login of demo.logins) ctx.io.out(`  ${login.email.padEnd(24)} ${login.role}`);
  }
}

export function registerSeed(program: Command, ctx: CliContext): void {
  program
    .command('seed')
    .description('Create the platform tenant and its first operator (and, with --demo, a demo marketplace)')
    .option('--demo', 'also create the demo marketplace')
    .option('--admin-email <email>', 'e-mail of the first platform operator')
    .option('--admin-password <password>', 'password of the first platform operator (generated when omitted)')
    .action(async (options: { demo?: boolean; adminEmail?: string; adminPassword?: string }) => {
      await ctx.withRuntime(async ({ db, config }) => {
        const platform = await seedPlatform(db, config, { email: options.adminEmail, password: options.adminPassword });
        const demo = options.demo ? await seedDemo(db, config) : undefined;
        if (!platform) ctx.io.out('The platform tenant exists already: no operator was created.');
        printSeed(ctx, { platform, demo });
      });
    });
}

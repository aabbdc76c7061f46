import type { Command } from 'commander';
import { systemContext } from '../../core/context';
import { createErasureService } from '../../modules/audit';
import { createStorage } from '../../modules/media';
import type { CliContext } from '../kit/context';
import { findTenant } from './options';

export function registerUser(program: Command, ctx: CliContext): void {
  const user = program.command('user').description('People of a tenant');
  user
    .command('erase')
    .description('Right to erasure: remove a person’s personal data everywhere, audit entries included (the audit chain still verifies)')
    .requiredOption('--tenant <identifier>', 'the tenant (identifier or id)')
    .requiredOption('--user <uuid|email>', 'the person, by user id or e-mail address')
    .action(async (options: { tenant: string; user: string }) => {
      await ctx.withRuntime(async ({ db, config }) => {
        const tenant = await findTenant(db, options.tenant);
        const storage = createStorage(config);
        const onCleanupError = (_error: unknown, what: string) => ctx.io.err(`  warning: could not delete ${what}; delete it by hand`);
        const result = await createErasureService({ db, storage, onCleanupError }).eraseUser(systemContext(tenant.id, 'user-erase'), { user: options.user });
        if (result.filesDeleted > 0) ctx.io.err(`  stored files: ${result.filesDeleted} deleted with their thumbnails`);
        for (const [table, count] of Object.entries(result.rows)) if (count > 0) ctx.io.err(`  ${table}: ${count} row(s) deleted or anonymised`);
        ctx.io.err(
          `  audit_logs: values erased in ${result.auditEntriesErased} entr(ies), IP address/user agent removed from ${result.auditEntriesWithoutIp} more`,
        );
        for (const m of result.mentions) ctx.io.err(`  review: ${m.table}.${m.column} still mentions the person in ${m.rows} row(s) of other records`);
        ctx.io.out(`Erased user ${result.userId} of ${tenant.identifier}.`);
      });
    });
}

import type { Command } from 'commander';
import { verifyAuditChains } from '../../modules/audit';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { progress } from '../kit/progress';
import { positiveInt } from './options';

export function registerAudit(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Walk every tenant’s audit hash chain and report the first broken or missing link (exit 1 when one is broken)')
    .option('--tenant <identifier>', 'only this tenant (identifier or id)')
    .option('--batch-size <n>', 'entries per database call', '10000')
    .action(async (options: { tenant?: string; batchSize: string }) => {
      const batchSize = positiveInt(options.batchSize, '--batch-size');
      await ctx.withRuntime(async ({ db }) => {
        let bar: ReturnType<typeof progress> | undefined;
        let barTenant = '';
        const reports = await verifyAuditChains(db, {
          tenant: options.tenant,
          batchSize,
          onProgress: (tenant, checked, total) => {
            if (barTenant !== tenant.identifier) {
              bar?.finish();
              bar = progress(ctx.io, `verifying ${tenant.identifier}`, total, 'entries');
              barTenant = tenant.identifier;
            }
            bar!.tick(checked);
          },
        });
        bar?.finish();
        if (options.tenant && reports.length === 0) throw new CliError(`no tenant "${options.tenant}"`);
        const brokenTenants = new Set<string>();
        const tenants = new Set(reports.map((r) => r.tenantId));
        for (const r of reports) {
          // A tenant that had concurrent writers has several chains (decision 51): one line each.
          const name = r.chain ? `${r.identifier} chain ${r.chain}` : r.identifier;
          const range =
            r.headSeq > r.anchorSeq ? ` (seq ${r.anchorSeq + 1}–${r.headSeq}${r.anchorSeq ? `, after pruned entries up to ${r.anchorSeq}` : ''})` : '';
          if (r.ok) {
            ctx.io.out(`ok      ${name}: ${r.checked.toLocaleString('en')} entries verified${range}${r.headHash ? `, head ${r.headHash}` : ''}`);
          } else {
            brokenTenants.add(r.tenantId);
            ctx.io.out(`BROKEN  ${name}: ${r.problem!.message}`);
          }
        }
        if (brokenTenants.size > 0) throw new CliError(`the audit trail of ${brokenTenants.size} of ${tenants.size} tenant(s) is broken`);
        ctx.io.out(`All ${reports.length} audit chain(s) verify.`);
      });
    });
}

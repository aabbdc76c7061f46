import type { Command } from 'commander';
import { z } from 'zod';
import { systemContext } from '../../core/context';
import { createTenantService, identifier } from '../../modules/tenants';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { findTenant } from './options';

const options = z.object({
  identifier,
  name: z.string().trim().min(1).max(200),
  adminEmail: z.email(),
  adminPassword: z.string().min(1),
  adminName: z.string().trim().min(1).max(100).optional(),
  plan: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('free'),
  status: z.enum(['ACTIVE', 'TRIAL']).default('ACTIVE'),
});

export function registerTenant(program: Command, ctx: CliContext): void {
  const tenant = program.command('tenant').description('Manage tenants (marketplaces)');
  tenant
    .command('create')
    .description('Create a tenant with its system roles and first administrator')
    .requiredOption('--identifier <id>', 'URL-safe identifier, e.g. acme')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--admin-email <email>', 'e-mail of the first administrator')
    .requiredOption('--admin-password <password>', 'password of the first administrator')
    .option('--admin-name <name>', 'display name of the first administrator')
    .option('--plan <plan>', 'plan code', 'free')
    .option('--status <status>', 'ACTIVE or TRIAL', 'ACTIVE')
    .action(async (raw: Record<string, string>) => {
      const parsed = options.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CliError(`--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`);
      }
      const input = parsed.data;
      await ctx.withRuntime(async ({ db, config }) => {
        const created = await createTenantService({ db, config }).create(systemContext(null, 'cli'), {
          identifier: input.identifier,
          name: input.name,
          plan: input.plan,
          status: input.status,
          admin: { email: input.adminEmail, password: input.adminPassword, displayName: input.adminName ?? input.adminEmail.split('@')[0]! },
        });
        ctx.io.out(
          `Created tenant ${created.tenant.identifier} (${created.tenant.id}); administrator ${created.admin.email} can sign in with X-Tenant: ${created.tenant.identifier}.`,
        );
      });
    });

  tenant
    .command('admin')
    .description('Recovery: make a person of the tenant a permanent administrator again (reactivating them if needed)')
    .requiredOption('--tenant <identifier>', 'the tenant (identifier or id)')
    .requiredOption('--user <uuid|email>', 'the person, by user id or e-mail address')
    .action(async (raw: { tenant: string; user: string }) => {
      await ctx.withRuntime(async ({ db, config }) => {
        const found = await findTenant(db, raw.tenant);
        const restored = await createTenantService({ db, config }).recoverAdmin(systemContext(found.id, 'cli'), raw.user);
        ctx.io.out(
          `${restored.email} is a permanent administrator of ${found.identifier}${restored.reactivated ? ' (reactivated)' : ''}; they can sign in, or reset their password, with X-Tenant: ${found.identifier}.`,
        );
      });
    });
}

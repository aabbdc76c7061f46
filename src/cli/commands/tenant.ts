import type { Command } from 'commander';
import { z } from 'zod';
import { systemContext } from '../../core/context';
import { createStorage } from '../../modules/media';
import { createTenantService, identifier } from '../../modules/tenants';
import { type DumpProgress, exportTenant, importTenant, TenantDumpError } from '../../modules/transfer';
import type { CliContext } from '../kit/context';
import { CliError, type CliIO } from '../kit/io';
import { type Progress, progress } from '../kit/progress';
import { findTenant, positiveInt } from './options';

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

  tenant
    .command('export')
    .description('Write a complete, checksummed dump of one tenant (rows as NDJSON, files, audit chain) into a new directory')
    .requiredOption('--tenant <identifier>', 'the tenant (identifier or id)')
    .requiredOption('--out <dir>', 'a directory that does not exist yet (or is empty)')
    .option('--batch-size <n>', 'rows per database call', '2000')
    .action(async (raw: { tenant: string; out: string; batchSize: string }) => {
      const batchSize = positiveInt(raw.batchSize, '--batch-size');
      await ctx.withRuntime(async ({ db, config }) => {
        const bars = progressBars(ctx.io);
        const summary = await refusals(() =>
          exportTenant({ db, storage: createStorage(config) }, raw.tenant, raw.out, { batchSize, onProgress: bars.onProgress }),
        );
        bars.finish();
        ctx.io.out(
          `Exported tenant ${summary.tenant.identifier} (${summary.tenant.id}): ${summary.rows.toLocaleString('en')} rows of ${summary.tables} tables and ${summary.files} files, ${summary.bytes.toLocaleString('en')} bytes, into ${summary.dir}.`,
        );
      });
    });

  tenant
    .command('import')
    .description('Restore a tenant dump into this installation (same ids; all or nothing)')
    .argument('<dir>', 'the directory `mono tenant export` wrote')
    .option('--batch-size <n>', 'rows per INSERT', '1000')
    .action(async (dir: string, raw: { batchSize: string }) => {
      const batchSize = positiveInt(raw.batchSize, '--batch-size');
      await ctx.withRuntime(async ({ db, config }) => {
        const bars = progressBars(ctx.io);
        const summary = await refusals(() => importTenant({ db, storage: createStorage(config) }, dir, { batchSize, onProgress: bars.onProgress }));
        bars.finish();
        ctx.io.out(
          `Imported tenant ${summary.tenant.identifier} (${summary.tenant.id}): ${summary.rows.toLocaleString('en')} rows of ${summary.tables} tables and ${summary.files} files.${summary.rebased.length ? ` Event feed positions moved to this server's transaction ids (${summary.rebased.join(', ')}): webhook consumers start again from the beginning of the feed.` : ''} Check the audit trail with: mono audit verify --tenant ${summary.tenant.identifier}`,
        );
      });
    });
}

/** A dump's refusal is one line for the operator. */
async function refusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof TenantDumpError) throw new CliError(error.message);
    throw error;
  }
}

/** One progress bar per table (and one for the files) on stderr. */
function progressBars(io: CliIO): { onProgress: DumpProgress; finish(): void } {
  let bar: Progress | undefined;
  let current = '';
  return {
    onProgress(event) {
      if (current !== event.label) {
        bar?.finish();
        bar = progress(io, event.label, event.total, event.phase);
        current = event.label;
      }
      bar!.tick(event.done);
    },
    finish: () => bar?.finish(),
  };
}

import type { Command } from 'commander';
import { listOutbox, type OutboxEntry, showOutboxMessage } from '../../modules/mail';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { findTenant, positiveInt } from './options';

const STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
type Status = (typeof STATUSES)[number];

const iso = (d: Date | null) => (d ? new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z') : '');

/** What happened to a message, in a few words: "sent (smtp) 2026-…", "queued, attempt 3 failed: 451 …". */
function statusOf(m: OutboxEntry): string {
  switch (m.status) {
    case 'sent':
      return `sent ${m.transport === 'log' ? 'to log' : 'by smtp'} ${iso(m.sent_at)}`;
    case 'failed':
      return `failed ${iso(m.failed_at)}: ${m.last_error ?? ''}`;
    case 'sending':
      return `sending (attempt ${m.attempts})`;
    default:
      return m.attempts > 0 ? `queued, retry at ${iso(m.next_attempt_at)} after ${m.attempts} attempt(s): ${m.last_error ?? ''}` : 'queued';
  }
}

export function registerMail(program: Command, ctx: CliContext): void {
  const mail = program.command('mail').description('The mail outbox: what Mono sent, is sending, or could not send');
  mail
    .command('list')
    .description('The newest messages of the outbox (every tenant, or one) with their delivery status')
    .option('--tenant <identifier>', 'only this tenant (identifier or id)')
    .option('--status <status>', `only messages in this state: ${STATUSES.join(', ')}`)
    .option('--limit <n>', 'how many (default 20)', '20')
    .action(async (options: { tenant?: string; status?: string; limit: string }) => {
      const limit = positiveInt(options.limit, '--limit');
      if (options.status !== undefined && !STATUSES.includes(options.status as Status)) {
        throw new CliError(`--status must be one of ${STATUSES.join(', ')}, got "${options.status}"`);
      }
      await ctx.withRuntime(async ({ db }) => {
        const tenantId = options.tenant ? (await findTenant(db, options.tenant)).id : undefined;
        const messages = await listOutbox(db, { tenantId, status: options.status as Status | undefined, limit });
        if (!messages.length) ctx.io.err('No messages.');
        for (const m of messages) ctx.io.out(`${m.id}  ${iso(m.created_at)}  ${m.tenant}  ${m.to_email}  "${m.subject}"  ${statusOf(m)}`);
      });
    });
  mail
    .command('show <id>')
    .description('One message in full: headers, delivery status and text (with its links)')
    .action(async (id: string) => {
      await ctx.withRuntime(async ({ db }) => {
        const m = await showOutboxMessage(db, id);
        if (!m) throw new CliError(`no message "${id}" in the outbox (\`mono mail list\` shows the ids)`);
        ctx.io.out(`Id:       ${m.id}`);
        ctx.io.out(`Tenant:   ${m.tenant}`);
        ctx.io.out(`To:       ${m.to_email}`);
        ctx.io.out(`Subject:  ${m.subject}`);
        ctx.io.out(`Template: ${m.template}`);
        ctx.io.out(`Created:  ${iso(m.created_at)}`);
        ctx.io.out(`Status:   ${statusOf(m)}`);
        ctx.io.out('');
        for (const line of m.body_text.split('\n')) ctx.io.out(line);
      });
    });
}

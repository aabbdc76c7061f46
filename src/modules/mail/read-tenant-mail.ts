import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import type { Database } from '../../db/client';
import { idCursor } from '../../db/keyset';
import { withTenant } from '../../db/tenant-context';
import { toIso } from '../../http/kit/schemas';
import { listTenantMessages, type OutboxRow } from './repository';
import type { TenantMailQuery } from './schemas';

function presentMessage(m: OutboxRow) {
  const pending = m.status === 'queued' || m.status === 'sending';
  return {
    id: m.id,
    to: m.to_email,
    subject: m.subject,
    template: m.template,
    status: m.status,
    attempts: m.attempts,
    transport: m.transport,
    lastError: m.last_error,
    createdAt: toIso(m.created_at)!,
    sentAt: toIso(m.sent_at),
    failedAt: toIso(m.failed_at),
    nextAttemptAt: pending ? toIso(m.next_attempt_at) : null,
  };
}

/** The tenant's outbox, newest first, for its administrators (tenant.mail.read). */
export async function listTenantMail(deps: { db: Database }, ctx: RequestContext, query: TenantMailQuery) {
  if (!ctx.permissions.can('tenant.mail.read')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) =>
    toPage(
      await listTenantMessages(tx, { status: query.status, cursor: query.cursor, limit: query.limit + 1 }),
      query.limit,
      (m) => idCursor(m.id),
      presentMessage,
    ),
  );
}

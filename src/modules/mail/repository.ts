import { sql } from 'drizzle-orm';
import { type DueRows, tenantsWithDueRows } from '../../db/due-work';
import { beforeIdCursor } from '../../db/keyset';
import { type MailStatus, mailOutbox } from '../../db/schema';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';

export type { MailStatus };

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  template: string;
  payload: Record<string, unknown>;
}

/** A message in the tenant's outbox (the tenant is named by the caller: also on the platform path). */
export async function insertOutboxMessage(tx: Tx, tenantId: string, message: OutboxMessage): Promise<void> {
  await tx.insert(mailOutbox).values({
    tenantId,
    toEmail: message.to,
    subject: message.subject,
    bodyText: message.text,
    template: message.template,
    payload: message.payload,
  });
}

/** A message the worker has claimed: `attempts` is the claim's number, the fence of its outcome. */
export interface ClaimedMessage {
  tenant_id: string;
  id: string;
  to_email: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  template: string;
  payload: Record<string, unknown>;
  /** The tenant's own public URL (tenants.settings.mail.publicUrl), when it has one. */
  public_url: string | null;
  attempts: number;
}

/** Queued messages whose next attempt is due, and 'sending' ones whose lease ran out. */
const dueMessages: DueRows = {
  from: sql`mail_outbox`,
  where: sql`status in ('queued', 'sending') and next_attempt_at <= now()`,
  oldest: sql`next_attempt_at`,
};

/** The tenants with due messages, the longest waiting first (platform path; a plain read, see db/due-work.ts). */
export function tenantsWithDueMessages(tx: Tx, limit: number): Promise<string[]> {
  return tenantsWithDueRows(tx, dueMessages, limit);
}

/**
 * Claims up to `limit` due messages of one tenant (platform path), the longest waiting
 * first. SKIP LOCKED leaves rows another worker is claiming to that worker, and the claim
 * moves next_attempt_at past the lease, so no other worker takes the message while this
 * one sends it. The batch is locked and taken once (a MATERIALIZED CTE, see
 * events/delivery-repository.ts).
 */
export function claimDueMessages(tx: Tx, tenantId: string, limit: number, leaseSeconds: number): Promise<ClaimedMessage[]> {
  return rows<ClaimedMessage>(
    tx,
    sql`with due as materialized (
          select tenant_id, id from mail_outbox
           where tenant_id = ${tenantId} and ${dueMessages.where}
           order by next_attempt_at limit ${limit}
           for update skip locked)
        update mail_outbox m
           set status = 'sending', attempts = m.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
          from due, tenants t
         where m.tenant_id = ${tenantId} and m.tenant_id = due.tenant_id and m.id = due.id and t.id = m.tenant_id
        returning m.tenant_id, m.id, m.to_email, m.subject, m.body_text, m.body_html, m.template, m.payload,
                  nullif(t.settings #>> '{mail,publicUrl}', '') as public_url, m.attempts`,
  );
}

/** The outcome of one claim. */
export type DeliveryOutcome =
  | { status: 'sent'; transport: 'smtp' | 'log' }
  | { status: 'queued'; retryInMs: number; error: string }
  | { status: 'failed'; error: string };

/**
 * Records the outcome of a claim. The update only applies while the message is still
 * held by that claim (status 'sending', same attempts): a worker whose lease ran out and
 * whose message another worker claimed again cannot overwrite that worker's outcome.
 * Answers false when the claim was no longer held.
 */
export async function recordOutcome(tx: Tx, message: Pick<ClaimedMessage, 'tenant_id' | 'id' | 'attempts'>, outcome: DeliveryOutcome): Promise<boolean> {
  const held = sql`tenant_id = ${message.tenant_id} and id = ${message.id} and status = 'sending' and attempts = ${message.attempts}`;
  const change =
    outcome.status === 'sent'
      ? sql`status = 'sent', sent_at = now(), transport = ${outcome.transport}, last_error = null`
      : outcome.status === 'queued'
        ? sql`status = 'queued', next_attempt_at = now() + make_interval(secs => ${outcome.retryInMs / 1000}), last_error = ${outcome.error.slice(0, 2000)}`
        : sql`status = 'failed', failed_at = now(), last_error = ${outcome.error.slice(0, 2000)}`;
  const row = await firstRow(tx, sql`update mail_outbox set ${change} where ${held} returning 1`);
  return row !== undefined;
}

export interface OutboxRow {
  tenant_id: string;
  tenant: string;
  id: string;
  to_email: string;
  subject: string;
  body_text: string;
  template: string;
  status: MailStatus;
  attempts: number;
  transport: 'smtp' | 'log' | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  failed_at: Date | null;
  next_attempt_at: Date;
}

const outboxColumns = sql`m.tenant_id, t.identifier as tenant, m.id, m.to_email, m.subject, m.body_text, m.template, m.status, m.attempts,
  m.transport, m.last_error, m.created_at, m.sent_at, m.failed_at, m.next_attempt_at`;

/** The newest messages of one tenant or of all (platform path: operators, the CLI). */
export function listRecentMessages(tx: Tx, filter: { tenantId?: string; status?: MailStatus; limit: number }): Promise<OutboxRow[]> {
  const tenant = filter.tenantId ? sql`and m.tenant_id = ${filter.tenantId}` : sql``;
  const status = filter.status ? sql`and m.status = ${filter.status}` : sql``;
  return rows<OutboxRow>(
    tx,
    sql`select ${outboxColumns} from mail_outbox m join tenants t on t.id = m.tenant_id
         where true ${tenant} ${status} order by m.created_at desc, m.id desc limit ${filter.limit}`,
  );
}

/** One message by id, whatever its tenant (platform path). */
export function findMessage(tx: Tx, id: string): Promise<OutboxRow | undefined> {
  return firstRow<OutboxRow>(tx, sql`select ${outboxColumns} from mail_outbox m join tenants t on t.id = m.tenant_id where m.id = ${id}`);
}

/** A page of the tenant's outbox, newest first (UUIDv7 ids: the primary key orders it). */
export function listTenantMessages(tx: TenantTx, filter: { status?: MailStatus; cursor?: string; limit: number }): Promise<OutboxRow[]> {
  const status = filter.status ? sql`and m.status = ${filter.status}` : sql``;
  const before = beforeIdCursor(sql`m.id`, filter.cursor) ?? sql`true`;
  return rows<OutboxRow>(
    tx,
    sql`select ${outboxColumns} from mail_outbox m join tenants t on t.id = m.tenant_id
         where m.tenant_id = ${tx.tenantId} and ${before} ${status} order by m.id desc limit ${filter.limit}`,
  );
}

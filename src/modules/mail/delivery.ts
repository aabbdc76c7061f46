import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import { claimTenantByTenant } from '../../db/due-work';
import { type Tx, withPlatform } from '../../db/tenant-context';
import { type ClaimedMessage, claimDueMessages, type DeliveryOutcome, recordOutcome, tenantsWithDueMessages } from './repository';
import { type MailAttachment, MailSendError, type MailTransport, type OutgoingMail } from './transport';

export interface DeliveryOptions {
  /** Messages claimed per batch (one short transaction). */
  batchSize?: number;
  /**
   * How long a claim holds a message. A worker that dies while sending leaves the message
   * 'sending'; it is due again when the lease runs out (and may then be sent twice: the
   * server may have accepted it before the worker died). Longer than any send can take.
   */
  leaseSeconds?: number;
  /** First retry delay; each further one doubles, up to maxRetryMs. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** Attempts (claims) after which a temporary failure becomes permanent. */
  maxAttempts?: number;
  /**
   * The one-click unsubscribe link of a message whose payload asks for one (`unsubscribe:
   * true`, with userId and topic): handed in by the composition root, which knows how to
   * sign it. Such a message gets RFC 8058's List-Unsubscribe headers and the link in its text.
   */
  unsubscribeLink?: UnsubscribeLink;
}

/** Builds the unsubscribe URL of one person's e-mails of one topic. */
export type UnsubscribeLink = (target: { tenantId: string; userId: string; topic: string; publicUrl: string | null }) => string;

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

const DEFAULTS = { batchSize: 50, leaseSeconds: 300, retryBaseMs: 30_000, maxRetryMs: 3_600_000, maxAttempts: 10 } satisfies Required<
  Omit<DeliveryOptions, 'unsubscribeLink'>
>;

const asWorker = <T>(db: Database, fn: (tx: Tx) => Promise<T>) => withPlatform(db, systemContext(null, 'mail:delivery'), fn);

/** The delay before attempt n+1 after n attempts: base·2^(n−1), capped. */
export function retryDelayMs(attempts: number, options: Pick<Required<DeliveryOptions>, 'retryBaseMs' | 'maxRetryMs'>): number {
  return Math.min(options.maxRetryMs, options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

function outcomeOf(error: unknown, message: ClaimedMessage, options: typeof DEFAULTS): DeliveryOutcome {
  const failure = error instanceof MailSendError ? error : new MailSendError(error instanceof Error ? error.message : String(error), false);
  if (failure.permanent) return { status: 'failed', error: failure.message };
  if (message.attempts >= options.maxAttempts) return { status: 'failed', error: `gave up after ${message.attempts} attempts: ${failure.message}` };
  return { status: 'queued', retryInMs: retryDelayMs(message.attempts, options), error: failure.message };
}

/** The message as it leaves: its attachments, and the unsubscribe headers and link when it asks for them. */
export function outgoing(message: ClaimedMessage, unsubscribeLink: UnsubscribeLink | undefined): OutgoingMail {
  const p = message.payload ?? {};
  const mail: OutgoingMail = {
    id: message.id,
    tenantId: message.tenant_id,
    to: message.to_email,
    subject: message.subject,
    text: message.body_text,
    template: message.template,
  };
  if (message.body_html) mail.html = message.body_html;
  if (typeof p.fromName === 'string' && p.fromName) mail.fromName = p.fromName;
  if (typeof p.replyTo === 'string' && p.replyTo) mail.replyTo = p.replyTo;
  if (Array.isArray(p.attachments) && p.attachments.length) mail.attachments = p.attachments as MailAttachment[];
  if (p.unsubscribe === true && unsubscribeLink && typeof p.userId === 'string' && typeof p.topic === 'string') {
    const url = unsubscribeLink({ tenantId: message.tenant_id, userId: p.userId, topic: p.topic, publicUrl: message.public_url });
    mail.headers = { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    mail.text = `${mail.text}\n\n--\nStop these e-mails: ${url}`;
    if (mail.html) mail.html = mail.html.replace('</body>', `<p style="font-size:12px;color:#777"><a href="${url}">Stop these e-mails</a></p></body>`);
  }
  return mail;
}

/** Runs fn over items, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * One batch of delivery: claims due messages (the tenants with due mail in one read, then
 * one short transaction per tenant: db/due-work.ts), hands them to the transport at its
 * concurrency, and records each outcome as soon as it is known (one short transaction
 * each). No transaction stays open while a message is on the wire, so
 * an SMTP server that is slow holds no lock and no connection the API needs.
 */
export async function deliverDueMail(db: Database, transport: MailTransport, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const o = { ...DEFAULTS, ...options };
  const tenants = await asWorker(db, (tx) => tenantsWithDueMessages(tx, o.batchSize));
  const claimed = await claimTenantByTenant(tenants, o.batchSize, (tenantId, room) =>
    asWorker(db, (tx) => claimDueMessages(tx, tenantId, room, o.leaseSeconds)),
  );
  const report: DeliveryReport = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  await eachLimited(claimed, transport.concurrency, async (message) => {
    let outcome: DeliveryOutcome;
    try {
      await transport.send(outgoing(message, options.unsubscribeLink));
      outcome = { status: 'sent', transport: transport.kind };
    } catch (error) {
      outcome = outcomeOf(error, message, o);
    }
    if (!(await asWorker(db, (tx) => recordOutcome(tx, message, outcome)))) return;
    if (outcome.status === 'sent') report.sent++;
    else if (outcome.status === 'queued') report.retried++;
    else report.failed++;
  });
  return report;
}

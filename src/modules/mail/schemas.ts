import { z } from 'zod';
import { isoDateTime, pageOf, pageQuery } from '../../http/kit/schemas';

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;

export const tenantMailQuery = pageQuery.extend({
  status: z.enum(MAIL_STATUSES).optional().describe('Only messages in this delivery state'),
});
export type TenantMailQuery = z.infer<typeof tenantMailQuery>;

/** A message of the outbox as tenant administrators see it: who, what and how delivery went — never the text, which holds sign-in links. */
export const mailMessageSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    template: z.string().describe('The kind of message, e.g. auth.verify-email'),
    status: z.enum(MAIL_STATUSES).describe('queued → sending → sent, or failed (permanently; see lastError)'),
    attempts: z.number().int().describe('How many times delivery was tried'),
    transport: z.enum(['smtp', 'log']).nullable().describe('How it was sent: an SMTP server, or printed to the server log (no SMTP configured)'),
    lastError: z.string().nullable().describe('The last failure: the SMTP server’s answer or the connection error'),
    createdAt: isoDateTime,
    sentAt: isoDateTime.nullable(),
    failedAt: isoDateTime.nullable(),
    nextAttemptAt: isoDateTime.nullable().describe('When a queued message is tried (again); null once sent or failed'),
  })
  .meta({ id: 'MailMessage' });

export const mailPageSchema = pageOf(mailMessageSchema);

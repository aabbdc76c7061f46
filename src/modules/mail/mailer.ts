import type { FastifyBaseLogger } from 'fastify';
import type { Tx } from '../../db/tenant-context';
import { insertOutboxMessage } from './repository';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Names the kind of message (e.g. 'auth.verify-email'); tests and workers filter on it. */
  template: string;
  payload?: Record<string, unknown>;
}

/**
 * Outgoing mail goes through this interface. The default writes each message to the
 * tenant's outbox table in the caller's transaction (nothing is sent for a change
 * that rolls back); the delivery worker (worker.ts, run by `mono serve`) sends it.
 */
export interface Mailer {
  send(tx: Tx, tenantId: string, message: MailMessage): Promise<void>;
}

export function outboxMailer(log?: Pick<FastifyBaseLogger, 'info'>): Mailer {
  return {
    async send(tx, tenantId, message) {
      await insertOutboxMessage(tx, tenantId, { ...message, payload: message.payload ?? {} });
      log?.info({ mail: { to: message.to, subject: message.subject, template: message.template } }, 'mail queued in outbox');
    },
  };
}

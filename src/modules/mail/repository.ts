import { mailOutbox } from '../../db/schema';
import type { Tx } from '../../db/tenant-context';

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

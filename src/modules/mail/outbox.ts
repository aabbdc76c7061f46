import { systemContext } from '../../core/context';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { withPlatform } from '../../db/tenant-context';
import { findMessage, listRecentMessages, type MailStatus, type OutboxRow } from './repository';

export type { OutboxRow as OutboxEntry };

/** Reading the outbox across tenants, for operators at the terminal (`mono mail list|show`). */
export function listOutbox(db: Database, filter: { tenantId?: string; status?: MailStatus; limit: number }): Promise<OutboxRow[]> {
  return withPlatform(db, systemContext(null, 'mail:list'), (tx) => listRecentMessages(tx, filter));
}

/** One message by id; undefined when there is none (or the id is not a UUID). */
export async function showOutboxMessage(db: Database, id: string): Promise<OutboxRow | undefined> {
  if (!isUuid(id)) return undefined;
  return withPlatform(db, systemContext(null, 'mail:show'), (tx) => findMessage(tx, id));
}

import { sql } from 'drizzle-orm';
import { commitHorizon } from '../../../db/commit-horizon';
import { rows } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';

/** Whose conversations: a person as applicant (when allowed), and the accounts whose conversations they may read. */
export interface ConversationReader {
  userId: string;
  asApplicant: boolean;
  accountIds: readonly string[];
}

export interface LiveMessageRow {
  id: string;
  txid: string;
  /** Its transaction is older than every one still in flight: nothing can commit in front of it any more. */
  ready: boolean;
  application_id: string;
  sender_id: string;
  body: string;
  attachments: string[];
  edited_at: Date | null;
  read_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

/** The reader's conversations, as a condition on `a` (applications) and `l` (listings). */
const readerConversations = (reader: ConversationReader) =>
  sql`((${reader.asApplicant}::boolean and a.applicant_id = ${reader.userId})
       or l.account_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(reader.accountIds)}::jsonb)))`;

/**
 * Messages of the reader's conversations after a position, in (txid, id) order, at most
 * `limit`; each says whether it is ready (older than the oldest transaction in flight).
 * Ready rows come first: the order puts every unready one after them.
 */
export async function messagesAfter(tx: TenantTx, reader: ConversationReader, after: { txid: string; id: string }, limit: number): Promise<LiveMessageRow[]> {
  const asked = commitHorizon(tx);
  const horizon = asked instanceof Promise ? await asked : asked;
  return rows<LiveMessageRow>(
    tx,
    sql`select m.id, m.txid::text as txid, m.txid < ${horizon} as ready,
               m.application_id, m.sender_id, m.body, m.attachments, m.edited_at, m.read_at, m.deleted_at, m.created_at
          from messages m
          join applications a on a.tenant_id = m.tenant_id and a.id = m.application_id
          join listings l on l.tenant_id = a.tenant_id and l.id = a.listing_id and l.deleted_at is null
         where m.tenant_id = ${tx.tenantId} and (m.txid, m.id) > (${after.txid}::xid8, ${after.id}::uuid)
           and ${readerConversations(reader)}
         order by m.txid, m.id limit ${limit}`,
  );
}

/** The others' live messages the reader has not read yet, in all of the reader's conversations. */
export async function unreadMessagesOf(tx: TenantTx, reader: ConversationReader): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n
          from messages m
          join applications a on a.tenant_id = m.tenant_id and a.id = m.application_id
          join listings l on l.tenant_id = a.tenant_id and l.id = a.listing_id and l.deleted_at is null
          left join conversation_reads r on r.tenant_id = a.tenant_id and r.application_id = a.id and r.user_id = ${reader.userId}
         where m.tenant_id = ${tx.tenantId} and m.sender_id <> ${reader.userId} and m.deleted_at is null
           and (r.id is null or (m.created_at, m.id) > (r.last_read_message_at, r.last_read_message_id))
           and ${readerConversations(reader)}`,
  );
  return Number(row?.n ?? 0);
}

import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { applications, conversationModerationReads, listings, messages } from '../../../db/schema/marketplace';
import { rows } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';
import { insertRow, type MessageRow, newestFirst, updateById } from '../shared/repository';

/** The two sides of an application's conversation. */
export interface Conversation {
  applicationId: string;
  applicantId: string;
  status: (typeof applications.$inferSelect)['status'];
  accountId: string;
  listingTitle: string;
}

const conversationColumns = {
  applicationId: applications.id,
  applicantId: applications.applicantId,
  status: applications.status,
  accountId: listings.accountId,
  listingTitle: listings.title,
};

const liveListingOf = (tx: TenantTx) =>
  and(eq(listings.tenantId, tx.tenantId), eq(listings.tenantId, applications.tenantId), eq(listings.id, applications.listingId), isNull(listings.deletedAt));

export async function findConversation(tx: TenantTx, applicationId: string): Promise<Conversation | undefined> {
  const [row] = await tx
    .select(conversationColumns)
    .from(applications)
    .innerJoin(listings, liveListingOf(tx))
    .where(and(eq(applications.tenantId, tx.tenantId), eq(applications.id, applicationId)));
  return row;
}

/**
 * A message with its conversation, row-locked. `editable`: still inside the edit
 * window, by the database clock.
 */
export async function findMessageForChange(tx: TenantTx, id: string, editWindowSeconds: number) {
  const [row] = await tx
    .select({
      message: messages,
      conversation: conversationColumns,
      editable: sql<boolean>`${messages.createdAt} > now() - make_interval(secs => ${editWindowSeconds}::float8)`,
    })
    .from(messages)
    .innerJoin(
      applications,
      and(eq(applications.tenantId, tx.tenantId), eq(applications.tenantId, messages.tenantId), eq(applications.id, messages.applicationId)),
    )
    .innerJoin(listings, liveListingOf(tx))
    .where(and(eq(messages.tenantId, tx.tenantId), eq(messages.id, id)))
    .for('no key update', { of: messages });
  return row;
}

export const insertMessage = (tx: TenantTx, values: Omit<typeof messages.$inferInsert, 'tenantId'>) =>
  insertRow<typeof messages>(tx, messages, values as typeof messages.$inferInsert);

const updateMessage = (tx: TenantTx, id: string, values: PgUpdateSetSource<typeof messages>): Promise<MessageRow> =>
  updateById<typeof messages>(tx, messages, id, values);

/**
 * An edit or a deletion moves the message to this transaction's place in the live
 * streams' order (txid, id): the streams of its conversation send it again, edited or as
 * a tombstone, and a stream resumed from before the change gets it once, as it is now.
 */
const restream = { txid: sql`pg_current_xact_id()` };

/** A corrected body, stamped edited now (database clock). */
export const editMessageBody = (tx: TenantTx, id: string, body: string) => updateMessage(tx, id, { body, editedAt: sql`now()`, ...restream });

/** The message becomes a tombstone (deleted now). */
export const softDeleteMessage = (tx: TenantTx, id: string) => updateMessage(tx, id, { deletedAt: sql`now()`, ...restream });

/** A page of the conversation, newest first (deleted messages stay as tombstones). */
export async function listMessages(tx: TenantTx, applicationId: string, cursor: string | undefined, limit: number) {
  const page = newestFirst(messages.createdAt, messages.id, cursor);
  const found = await tx
    .select({ message: messages, cursorKey: page.key })
    .from(messages)
    .where(and(eq(messages.tenantId, tx.tenantId), eq(messages.applicationId, applicationId), page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return found.map((r) => ({ ...r, id: r.message.id }));
}

/** The id of `messageId` if it belongs to the conversation, or of its newest message when none is named. */
export async function readMarkTarget(tx: TenantTx, applicationId: string, messageId?: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.tenantId, tx.tenantId), eq(messages.applicationId, applicationId), messageId ? eq(messages.id, messageId) : undefined))
    .orderBy(...newestFirst(messages.createdAt, messages.id, undefined).orderBy)
    .limit(1);
  return row?.id;
}

/**
 * Moves the reader's watermark to `messageId` — forward only, so marking an older
 * message read never makes newer ones unread again — and stamps read_at on the other
 * side's messages up to it (the first time the other side saw them).
 */
export async function advanceReadMark(tx: TenantTx, conversation: Conversation, userId: string, messageId: string): Promise<void> {
  const tenantId = tx.tenantId;
  const readerIsApplicant = userId === conversation.applicantId;
  // Issued at once (in this order): with a new message's insert before them, one script.
  await Promise.all([
    tx.execute(sql`
    insert into conversation_reads (tenant_id, application_id, user_id, last_read_message_id, last_read_message_at)
    select m.tenant_id, m.application_id, ${userId}, m.id, m.created_at
      from messages m where m.tenant_id = ${tenantId} and m.id = ${messageId}
    on conflict (tenant_id, application_id, user_id) do update
       set last_read_message_id = excluded.last_read_message_id, last_read_message_at = excluded.last_read_message_at
     where (conversation_reads.last_read_message_at, conversation_reads.last_read_message_id)
         < (excluded.last_read_message_at, excluded.last_read_message_id)`),
    tx.execute(sql`
    update messages m set read_at = now()
      from messages upto
     where upto.tenant_id = ${tenantId} and upto.id = ${messageId}
       and m.tenant_id = ${tenantId} and m.application_id = ${conversation.applicationId}
       and m.read_at is null and m.deleted_at is null
       and (m.created_at, m.id) <= (upto.created_at, upto.id)
       and (m.sender_id = ${conversation.applicantId}) = ${!readerIsApplicant}`),
  ]);
}

/** Which conversations an unread count covers: one applicant's, one account's, or one. */
export type UnreadScope = { applicantId: string } | { accountId: string } | { applicationId: string };

const unreadScope = (scope: UnreadScope): SQL =>
  'applicantId' in scope
    ? sql`a.applicant_id = ${scope.applicantId}`
    : 'accountId' in scope
      ? sql`l.account_id = ${scope.accountId}`
      : sql`a.id = ${scope.applicationId}`;

/**
 * Unread messages per conversation for one reader: the others' live messages after
 * the reader's watermark (all of them when the reader has none). Conversations with
 * nothing unread are left out.
 */
export async function unreadByConversation(tx: TenantTx, userId: string, scope: UnreadScope): Promise<{ applicationId: string; unread: number }[]> {
  const found = await rows<{ application_id: string; unread: number }>(
    tx,
    sql`select a.id as application_id, count(*)::int as unread
          from applications a
          join listings l on l.tenant_id = a.tenant_id and l.id = a.listing_id and l.deleted_at is null
          left join conversation_reads r on r.tenant_id = a.tenant_id and r.application_id = a.id and r.user_id = ${userId}
          join messages m on m.tenant_id = a.tenant_id and m.application_id = a.id
                         and m.sender_id <> ${userId} and m.deleted_at is null
                         and (r.id is null or (m.created_at, m.id) > (r.last_read_message_at, r.last_read_message_id))
         where a.tenant_id = ${tx.tenantId} and ${unreadScope(scope)}
         group by a.id
         order by a.id`,
  );
  return found.map((r) => ({ applicationId: r.application_id, unread: Number(r.unread) }));
}

/** Records that a moderator outside the conversation read it (the row's audit entry is the record). */
export async function recordModerationRead(tx: TenantTx, applicationId: string, readerId: string): Promise<void> {
  await tx.insert(conversationModerationReads).values({ tenantId: tx.tenantId, applicationId, readerId });
}

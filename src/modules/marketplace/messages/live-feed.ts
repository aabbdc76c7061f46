import type { RequestContext } from '../../../core/context';
import type { TenantTx } from '../../../db/tenant-context';
import { presentMessage } from '../shared/presenters';
import { type ConversationReader, messagesAfter, unreadMessagesOf } from './live-repository';

/** Whose conversations a person's live stream follows: as applicant (user.messages.read), and every account whose messages they may read. */
export function readerOf(ctx: RequestContext & { actor: { userId: string } }): ConversationReader {
  return {
    userId: ctx.actor.userId,
    asApplicant: ctx.permissions.can('user.messages.read'),
    accountIds: ctx.permissions.accountIds.filter((id) => ctx.permissions.can('account.messages.read', id)),
  };
}

/**
 * The conversations' side of a person's live stream (GET /api/v1/user/events, handed to
 * the notifications module by the composition root): new messages after a position, and
 * the unread count, in the stream's transaction.
 */
export const conversationFeed = {
  async messagesAfter(tx: TenantTx, ctx: RequestContext & { actor: { userId: string } }, after: { txid: string; id: string }, limit: number) {
    const found = await messagesAfter(tx, readerOf(ctx), after, limit);
    return found.map((m) => ({
      txid: m.txid,
      id: m.id,
      ready: m.ready,
      message: presentMessage({
        id: m.id,
        applicationId: m.application_id,
        senderId: m.sender_id,
        body: m.body,
        attachments: m.attachments,
        editedAt: m.edited_at,
        readAt: m.read_at,
        deletedAt: m.deleted_at,
        createdAt: m.created_at,
      } as Parameters<typeof presentMessage>[0]),
    }));
  },
  unreadMessages: (tx: TenantTx, ctx: RequestContext & { actor: { userId: string } }) => unreadMessagesOf(tx, readerOf(ctx)),
};

export type ConversationFeed = typeof conversationFeed;

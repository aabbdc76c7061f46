import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import type { Database } from '../../../db/client';
import { type Tx, withTenant } from '../../../db/tenant-context';
import { accountNotFound, actorId, conversationNotFound, messageNotFound, reachableVia, tenantOf, type Via } from '../shared/access';
import { ownAttachments } from '../shared/attachments';
import { newestCursor } from '../shared/keyset';
import { presentMessage } from '../shared/presenters';
import {
  type MarkReadInput,
  type MessageCreateInput,
  markReadSchema,
  messageCreateSchema,
  messageEditSchema,
  pageQuerySchema,
  unreadQuerySchema,
} from '../shared/schemas';
import { parseInput } from '../shared/validation';
import {
  advanceReadMark,
  asApplicant,
  type Conversation,
  findConversation,
  findMessageForChange,
  insertMessage,
  listMessages,
  ofAccount,
  ofApplication,
  readMarkTarget,
  unreadByConversation,
  updateMessage,
} from './repository';

/** What a person does in a conversation; each side needs its own permission for it. */
type Need = 'read' | 'write' | 'change';

const applicantPermission: Record<Need, string> = {
  read: 'user.messages.read',
  write: 'user.messages.create',
  change: 'user.messages.update',
};
const accountPermission: Record<Need, string> = {
  read: 'account.messages.read',
  write: 'account.messages.create',
  change: 'account.messages.create',
};

/**
 * The caller's side of the conversation: the applicant, or the listing's account
 * (whoever holds the account's message permissions: its members through their roles,
 * and tenant administrators). Anybody else gets 404, exactly as if there were no
 * conversation; a side without the permission for this action gets 403.
 */
function sideOf(ctx: RequestContext, conversation: Conversation, need: Need, via: Via, hidden: () => AppError = conversationNotFound): 'applicant' | 'account' {
  const me = actorId(ctx);
  if (!reachableVia(via, conversation, me)) throw hidden();
  if (via === 'applicant' || (via === undefined && conversation.applicantId === me)) {
    if (!ctx.permissions.can(applicantPermission[need])) throw new AppError('FORBIDDEN');
    return 'applicant';
  }
  if (ctx.permissions.can(accountPermission[need], conversation.accountId)) return 'account';
  if (ctx.permissions.can('account.messages.read', conversation.accountId)) throw new AppError('FORBIDDEN');
  throw hidden();
}

export interface MessageServiceOptions {
  db: Database;
  /** How long after sending a message its sender may still edit it. */
  editWindowSeconds?: number;
}

export function createMessageService(deps: MessageServiceOptions) {
  const { db } = deps;
  const editWindowSeconds = deps.editWindowSeconds ?? 15 * 60;

  async function conversationFor(tx: Tx, ctx: RequestContext, applicationId: string, need: Need, via: Via): Promise<Conversation> {
    const conversation = await findConversation(tx, tenantOf(ctx), applicationId);
    if (!conversation) throw conversationNotFound();
    sideOf(ctx, conversation, need, via);
    return conversation;
  }

  /** A message the caller sent, locked for a change; 404 for outsiders, 403 for someone else's. */
  async function ownMessage(tx: Tx, ctx: RequestContext, messageId: string, via: Via) {
    const found = await findMessageForChange(tx, tenantOf(ctx), messageId, editWindowSeconds);
    if (!found) throw messageNotFound();
    sideOf(ctx, found.conversation, 'change', via, messageNotFound);
    if (found.message.senderId !== ctx.actor!.userId) throw new AppError('NOT_MESSAGE_SENDER', 'Only its sender can change a message');
    return found;
  }

  return {
    /** Writes in the conversation; writing also marks everything before it read for the sender. */
    async send(ctx: RequestContext, applicationId: string, input: MessageCreateInput, via?: Via) {
      const data = parseInput(messageCreateSchema, input);
      const me = actorId(ctx);
      const tenantId = tenantOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const conversation = await conversationFor(tx, ctx, applicationId, 'write', via);
        if (conversation.status === 'WITHDRAWN') throw new AppError('CONVERSATION_CLOSED', 'The application was withdrawn; its conversation is closed');
        const attachments = await ownAttachments(tx, tenantId, me, data.attachments);
        const message = await insertMessage(tx, { tenantId, applicationId, senderId: me, body: data.body, attachments });
        await advanceReadMark(tx, tenantId, conversation, me, message.id);
        return presentMessage(message);
      });
    },

    /** The sender corrects a message within the edit window. */
    async edit(ctx: RequestContext, messageId: string, input: { body: string }, via?: Via) {
      const { body } = parseInput(messageEditSchema, input);
      return withTenant(db, ctx, async (tx) => {
        const found = await ownMessage(tx, ctx, messageId, via);
        if (found.message.deletedAt) throw new AppError('MESSAGE_DELETED', 'The message was deleted');
        if (!found.editable) {
          throw new AppError('EDIT_WINDOW_PASSED', `Messages can be edited for ${Math.round(editWindowSeconds / 60)} minutes after sending`, {
            extra: { editWindowSeconds },
          });
        }
        return presentMessage(await updateMessage(tx, tenantOf(ctx), messageId, { body, editedAt: sql`now()` }));
      });
    },

    /** The sender removes a message; it stays in the conversation as a tombstone. Repeating it changes nothing. */
    async remove(ctx: RequestContext, messageId: string, via?: Via) {
      return withTenant(db, ctx, async (tx) => {
        const found = await ownMessage(tx, ctx, messageId, via);
        if (found.message.deletedAt) return presentMessage(found.message);
        return presentMessage(await updateMessage(tx, tenantOf(ctx), messageId, { deletedAt: sql`now()` }));
      });
    },

    /** The conversation, newest first. */
    async list(ctx: RequestContext, applicationId: string, input: { limit?: number | string; cursor?: string }, via?: Via) {
      const query = parseInput(pageQuerySchema, input);
      return withTenant(db, ctx, async (tx) => {
        await conversationFor(tx, ctx, applicationId, 'read', via);
        const rows = await listMessages(tx, tenantOf(ctx), applicationId, query.cursor, query.limit);
        return toPage(rows, query.limit, newestCursor, (r) => presentMessage(r.message));
      });
    },

    /** Marks the conversation read for the caller, up to a message or to its newest one; answers what is left unread. */
    async markRead(ctx: RequestContext, applicationId: string, input: MarkReadInput = {}, via?: Via) {
      const { upToMessageId } = parseInput(markReadSchema, input);
      const me = actorId(ctx);
      const tenantId = tenantOf(ctx);
      return withTenant(db, ctx, async (tx) => {
        const conversation = await conversationFor(tx, ctx, applicationId, 'read', via);
        const target = await readMarkTarget(tx, tenantId, applicationId, upToMessageId);
        if (upToMessageId && !target) throw messageNotFound();
        if (target) await advanceReadMark(tx, tenantId, conversation, me, target);
        const [left] = await unreadByConversation(tx, tenantId, me, ofApplication(applicationId));
        return { applicationId, unread: left?.unread ?? 0 };
      });
    },

    /**
     * The caller's unread messages per conversation: in their own applications, or —
     * with accountId — in the conversations of that account's listings.
     */
    async unreadCounts(ctx: RequestContext, input: { accountId?: string } = {}) {
      const { accountId } = parseInput(unreadQuerySchema, input);
      const me = actorId(ctx);
      if (accountId && !ctx.permissions.can('account.messages.read', accountId)) throw accountNotFound();
      if (!accountId && !ctx.permissions.can('user.messages.read')) throw new AppError('FORBIDDEN');
      return withTenant(db, ctx, async (tx) => {
        const conversations = await unreadByConversation(tx, tenantOf(ctx), me, accountId ? ofAccount(accountId) : asApplicant(me));
        return { total: conversations.reduce((sum, c) => sum + c.unread, 0), conversations };
      });
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;

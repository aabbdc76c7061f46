import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { emitEvent } from '../../events';
import { actorId, type Via } from '../shared/access';
import { ownAttachments } from '../shared/attachments';
import type { MarketplaceDeps } from '../shared/deps';
import { noticeNewMessage } from '../shared/notices';
import { presentMessage } from '../shared/presenters';
import { type MessageCreateInput, messageCreateSchema, messageEditSchema } from '../shared/schemas';
import { conversationFor, DEFAULT_EDIT_WINDOW_SECONDS, ownMessage } from './access';
import { advanceReadMark, editMessageBody, insertMessage, softDeleteMessage } from './repository';

/** Writes in the conversation; writing also marks everything before it read for the sender. */
export async function sendMessage(deps: MarketplaceDeps, ctx: RequestContext, applicationId: string, input: MessageCreateInput, via?: Via) {
  const data = parseInput(messageCreateSchema, input);
  const me = actorId(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const conversation = await conversationFor(tx, ctx, applicationId, 'write', via);
    if (conversation.status === 'WITHDRAWN') throw new AppError('CONVERSATION_CLOSED', 'The application was withdrawn; its conversation is closed');
    const attachments = await ownAttachments(tx, me, data.attachments);
    const message = await insertMessage(tx, { applicationId, senderId: me, body: data.body, attachments });
    await advanceReadMark(tx, conversation, me, message.id);
    await noticeNewMessage(tx, conversation, { id: message.id, senderId: me, body: data.body }, deps.messageMailBatchMinutes);
    // Who wrote in which conversation, never what: conversations are private to their two sides.
    await emitEvent(tx, {
      type: 'message.sent',
      actorId: me,
      resourceType: 'message',
      resourceId: message.id,
      payload: { id: message.id, applicationId, senderId: me, createdAt: message.createdAt.toISOString() },
    });
    return presentMessage(message);
  });
}

/** The sender corrects a message within the edit window. */
export async function editMessage(deps: MarketplaceDeps, ctx: RequestContext, messageId: string, input: { body: string }, via?: Via) {
  const { body } = parseInput(messageEditSchema, input);
  const editWindowSeconds = deps.messageEditWindowSeconds ?? DEFAULT_EDIT_WINDOW_SECONDS;
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await ownMessage(tx, ctx, messageId, via, editWindowSeconds);
    if (found.message.deletedAt) throw new AppError('MESSAGE_DELETED', 'The message was deleted');
    if (!found.editable) {
      throw new AppError('EDIT_WINDOW_PASSED', `Messages can be edited for ${Math.round(editWindowSeconds / 60)} minutes after sending`, {
        extra: { editWindowSeconds },
      });
    }
    return presentMessage(await editMessageBody(tx, messageId, body));
  });
}

/** The sender removes a message; it stays in the conversation as a tombstone. Repeating it changes nothing. */
export async function deleteMessage(deps: MarketplaceDeps, ctx: RequestContext, messageId: string, via?: Via) {
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await ownMessage(tx, ctx, messageId, via, deps.messageEditWindowSeconds ?? DEFAULT_EDIT_WINDOW_SECONDS);
    if (found.message.deletedAt) return presentMessage(found.message);
    return presentMessage(await softDeleteMessage(tx, messageId));
  });
}

import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { newId } from '../../../core/ids';
import { parseInput } from '../../../core/validation';
import { lastTrip, withTenant } from '../../../db/tenant-context';
import { eventAudience, writeEvent } from '../../events';
import { nameOf, noticeLooks } from '../../notifications';
import { actorId, type Via } from '../shared/access';
import { lockAttachments } from '../shared/attachments';
import type { MarketplaceDeps } from '../shared/deps';
import { noticeNewMessage } from '../shared/notices';
import { presentMessage } from '../shared/presenters';
import { transactionNow } from '../shared/repository';
import { type MessageCreateInput, messageCreateSchema, messageEditSchema } from '../shared/schemas';
import { conversationFor, DEFAULT_EDIT_WINDOW_SECONDS, ownMessage } from './access';
import { advanceReadMark, editMessageBody, insertMessage, softDeleteMessage } from './repository';

const SENT = 'message.sent';

/**
 * Writes in the conversation; writing also marks everything before it read for the sender.
 * Two round trips on a server, as applying (decision 50): the conversation with every read
 * the checks and writes need (the sender's name, the webhook endpoints, the notice's looks,
 * the transaction's clock, the attachments' locks), then the message (its id made here),
 * the read mark, the notice and the event with COMMIT (lastTrip).
 */
export async function sendMessage(deps: MarketplaceDeps, ctx: RequestContext, applicationId: string, input: MessageCreateInput, via?: Via) {
  const data = parseInput(messageCreateSchema, input);
  const me = actorId(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const [conversation, senderName, audience, looks, now, attachmentsOf] = await Promise.all([
      conversationFor(tx, ctx, applicationId, 'write', via),
      nameOf(tx, me),
      eventAudience(tx, SENT),
      noticeLooks(tx, 'message.new'),
      transactionNow(tx),
      lockAttachments(tx, me, data.attachments),
    ]);
    if (conversation.status === 'WITHDRAWN') throw new AppError('CONVERSATION_CLOSED', 'The application was withdrawn; its conversation is closed');
    const attachments = attachmentsOf();
    const id = newId();
    const [message] = await lastTrip(tx, () =>
      Promise.all([
        insertMessage(tx, { id, applicationId, senderId: me, body: data.body, attachments }),
        // After the insert in the script: the read mark goes up to the new message.
        advanceReadMark(tx, conversation, me, id),
        noticeNewMessage(tx, looks, conversation, { id, senderId: me, senderName, body: data.body }, deps.messageMailBatchMinutes),
        // Who wrote in which conversation, never what: conversations are private to their two sides.
        writeEvent(tx, audience, {
          actorId: me,
          resourceType: 'message',
          resourceId: id,
          payload: { id, applicationId, senderId: me, createdAt: now.toISOString() },
        }),
      ]),
    );
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

import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import type { TenantTx } from '../../../db/tenant-context';
import { actorId, conversationNotFound, messageNotFound, reachableVia, type Via } from '../shared/access';
import { type Conversation, findConversation, findMessageForChange, recordModerationRead } from './repository';

/** What a person does in a conversation; each side needs its own permission for it. */
export type Need = 'read' | 'write' | 'change';

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

/** Messages can be edited this long after sending unless the deps say otherwise. */
export const DEFAULT_EDIT_WINDOW_SECONDS = 15 * 60;

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

/**
 * The conversation on an application, if the caller's side may do `need` in it; else
 * 404/403. The account's side is its people: a tenant-wide administrator who is not one
 * of them reads only with tenant.conversations.moderate, and every such read is recorded
 * (conversation_moderation_reads → the audit trail).
 */
export async function conversationFor(tx: TenantTx, ctx: RequestContext, applicationId: string, need: Need, via: Via): Promise<Conversation> {
  const conversation = await findConversation(tx, applicationId);
  if (!conversation) throw conversationNotFound();
  const side = sideOf(ctx, conversation, need, via);
  if (side === 'account' && need === 'read' && !ctx.permissions.accountIds.includes(conversation.accountId)) {
    if (!ctx.permissions.can('tenant.conversations.moderate')) throw conversationNotFound();
    await recordModerationRead(tx, conversation.applicationId, actorId(ctx));
  }
  return conversation;
}

/** A message the caller sent, locked for a change; 404 for outsiders, 403 for someone else's. */
export async function ownMessage(tx: TenantTx, ctx: RequestContext, messageId: string, via: Via, editWindowSeconds: number) {
  const found = await findMessageForChange(tx, messageId, editWindowSeconds);
  if (!found) throw messageNotFound();
  sideOf(ctx, found.conversation, 'change', via, messageNotFound);
  if (found.message.senderId !== ctx.actor!.userId) throw new AppError('NOT_MESSAGE_SENDER', 'Only its sender can change a message');
  return found;
}

import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { toPage } from '../../../core/pagination';
import { parseInput } from '../../../core/validation';
import { withTenant } from '../../../db/tenant-context';
import { accountNotFound, actorId, messageNotFound, type Via } from '../shared/access';
import type { MarketplaceDeps } from '../shared/deps';
import { newestCursor } from '../shared/keyset';
import { presentMessage } from '../shared/presenters';
import { type MarkReadInput, markReadSchema, pageQuerySchema, unreadQuerySchema } from '../shared/schemas';
import { conversationFor } from './access';
import { advanceReadMark, listMessages, readMarkTarget, unreadByConversation } from './repository';

/** The conversation, newest first. */
export async function listConversation(
  deps: MarketplaceDeps,
  ctx: RequestContext,
  applicationId: string,
  input: { limit?: number | string; cursor?: string },
  via?: Via,
) {
  const query = parseInput(pageQuerySchema, input);
  return withTenant(deps.db, ctx, async (tx) => {
    await conversationFor(tx, ctx, applicationId, 'read', via);
    const rows = await listMessages(tx, applicationId, query.cursor, query.limit);
    return toPage(rows, query.limit, newestCursor, (r) => presentMessage(r.message));
  });
}

/** Marks the conversation read for the caller, up to a message or to its newest one; answers what is left unread. */
export async function markConversationRead(deps: MarketplaceDeps, ctx: RequestContext, applicationId: string, input: MarkReadInput = {}, via?: Via) {
  const { upToMessageId } = parseInput(markReadSchema, input);
  const me = actorId(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const conversation = await conversationFor(tx, ctx, applicationId, 'read', via);
    const target = await readMarkTarget(tx, applicationId, upToMessageId);
    if (upToMessageId && !target) throw messageNotFound();
    if (target) await advanceReadMark(tx, conversation, me, target);
    const [left] = await unreadByConversation(tx, me, { applicationId });
    return { applicationId, unread: left?.unread ?? 0 };
  });
}

/**
 * The caller's unread messages per conversation: in their own applications, or — with
 * accountId — in the conversations of that account's listings.
 */
export async function unreadMessageCounts(deps: MarketplaceDeps, ctx: RequestContext, input: { accountId?: string } = {}) {
  const { accountId } = parseInput(unreadQuerySchema, input);
  const me = actorId(ctx);
  if (accountId && !ctx.permissions.can('account.messages.read', accountId)) throw accountNotFound();
  if (!accountId && !ctx.permissions.can('user.messages.read')) throw new AppError('FORBIDDEN');
  return withTenant(deps.db, ctx, async (tx) => {
    const conversations = await unreadByConversation(tx, me, accountId ? { accountId } : { applicantId: me });
    return { total: conversations.reduce((sum, c) => sum + c.unread, 0), conversations };
  });
}

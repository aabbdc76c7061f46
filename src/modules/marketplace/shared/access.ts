import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';

/** The signed-in user, or 401: marketplace writes are always somebody's. */
export function actorId(ctx: RequestContext): string {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to do this');
  return ctx.actor.userId;
}

/**
 * A refusal that does not reveal what the caller may not see: 403 when the record is
 * visible to them but the action is not theirs, 404 (exactly like a missing record)
 * otherwise.
 */
export const refuse = (visible: boolean, notFoundError: AppError): AppError => (visible ? new AppError('FORBIDDEN') : notFoundError);

export const listingNotFound = () => new AppError('LISTING_NOT_FOUND');
export const accountNotFound = () => new AppError('ACCOUNT_NOT_FOUND');
export const applicationNotFound = () => new AppError('APPLICATION_NOT_FOUND');
export const conversationNotFound = () => new AppError('CONVERSATION_NOT_FOUND');
export const messageNotFound = () => new AppError('MESSAGE_NOT_FOUND');

/** Everyone who may see an account's listings in any state: its people and the tenant's moderators. */
export const seesAccountListings = (ctx: RequestContext, accountId: string) =>
  ctx.permissions.can('account.listings.read', accountId) || ctx.permissions.can('tenant.listings.read');

/** 404/403 unless the caller holds `permission` in the account. */
export function requireInAccount(ctx: RequestContext, permission: string, accountId: string, visible: boolean, notFoundError: () => AppError): void {
  if (!ctx.permissions.can(permission, accountId)) throw refuse(visible, notFoundError());
}

/**
 * How a route addresses an application or its conversation: through an account
 * (account-tier routes — the listing must be that account's, and the caller acts for
 * it), as its applicant (user-tier routes), or either way (service callers).
 */
export type Via = { accountId: string } | 'applicant' | undefined;

/** False when the record is not where the route looked for it (answer 404). */
export function reachableVia(via: Via, record: { applicantId: string; accountId: string }, me: string | undefined): boolean {
  if (via === undefined) return true;
  if (via === 'applicant') return record.applicantId === me;
  return record.accountId === via.accountId;
}

import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import { accountView } from './account-view';
import type { AccountsDeps } from './deps';
import { findAccount, upsertSubscription } from './repository';
import type { SubscriptionInput } from './schemas';

/** Sets the account's subscription: plan, and optionally status and period (422 UNKNOWN_PLAN for a plan that does not exist). */
export async function setSubscription(deps: AccountsDeps, ctx: RequestContext, accountId: string, input: SubscriptionInput) {
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await findAccount(tx, accountId))) throw new AppError('ACCOUNT_NOT_FOUND');
    await upsertSubscription(tx, accountId, {
      plan: input.plan,
      ...(input.status ? { status: input.status, canceledAt: input.status === 'CANCELED' ? new Date() : null } : {}),
      ...(input.currentPeriodEnd !== undefined ? { currentPeriodEnd: input.currentPeriodEnd ? new Date(input.currentPeriodEnd) : null } : {}),
      ...(input.trialEndsAt !== undefined ? { trialEndsAt: input.trialEndsAt ? new Date(input.trialEndsAt) : null } : {}),
    });
    return accountView(tx, accountId);
  });
}

import { AppError } from '../../core/errors';
import type { TenantTx } from '../../db/tenant-context';
import { readEntitlements } from '../plans';
import { presentAccount } from './presenters';
import { countMembers, findAccount, findSubscription } from './repository';

/** The live account as the API shows it (subscription, effective limits, member count), or 404 ACCOUNT_NOT_FOUND. */
export async function accountView(tx: TenantTx, accountId: string) {
  const account = await findAccount(tx, accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  const subscription = await findSubscription(tx, accountId);
  const memberCount = await countMembers(tx, accountId);
  const entitlements = await readEntitlements(tx, accountId);
  return presentAccount(account, { subscription: subscription ?? null, effective: entitlements?.limits ?? {}, memberCount });
}

import { AppError } from '../../core/errors';
import type { TenantTx } from '../../db/tenant-context';
import { type Entitlements, limitOf, type SlotLimitKey, slotRefused } from './entitlements';
import { entitlementsRow, lockAccountRow } from './repository';

/**
 * The account's entitlements (its effective limits and features), or undefined when the
 * tenant has no such live account. With `lock`, the account row is locked first (the
 * one lock of the plans unit, see lockAccountRow) and the entitlements are read in the
 * statement after it, so they include whatever the previous lock holder committed.
 * `accountId` null: a person without an account (personal media limits of the tenant).
 */
export async function readEntitlements(tx: TenantTx, accountId: string | null, options: { lock?: boolean } = {}): Promise<Entitlements | undefined> {
  if (options.lock && accountId !== null && !(await lockAccountRow(tx, accountId))) return undefined;
  const row = await entitlementsRow(tx, accountId);
  return row && { accountStatus: row.account_status, plan: row.plan, limits: row.limits, features: row.features };
}

/**
 * Takes one slot of a counted limit (a member, an active listing) for the account, or
 * refuses with that limit's catalogue code (409 MEMBER_LIMIT_REACHED, …):
 *
 *   1. locks the account row (FOR NO KEY UPDATE): parallel slot takers of one account
 *      queue here, each sees the ones committed before it — never more than the limit;
 *   2. reads the effective limit from mono.plan_entitlements (404 ACCOUNT_NOT_FOUND
 *      when the account is missing or deleted);
 *   3. runs `check`, the caller's own conditions under the lock (the account must be
 *      active, the person not a member yet), before anything is counted;
 *   4. unless the limit is unlimited (null or missing), counts the slots in use with
 *      `countInUse` and refuses when they already reach the limit.
 *
 * The caller then writes the row that occupies the slot in the same transaction.
 * Returns the entitlements it read.
 */
export async function takeLimitedSlot(
  tx: TenantTx,
  accountId: string,
  key: SlotLimitKey,
  countInUse: (tx: TenantTx) => Promise<number>,
  options: { check?: (entitlements: Entitlements) => void | Promise<void> } = {},
): Promise<Entitlements> {
  const entitlements = await readEntitlements(tx, accountId, { lock: true });
  if (!entitlements) throw new AppError('ACCOUNT_NOT_FOUND');
  await options.check?.(entitlements);
  const limit = limitOf(entitlements, key);
  if (limit === null) return entitlements;
  const inUse = await countInUse(tx);
  if (inUse >= limit) throw slotRefused(key, limit, inUse);
  return entitlements;
}

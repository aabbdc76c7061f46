import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { changesOf, hasChanges } from '../../core/patch';
import { idCursor } from '../../db/keyset';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { emitEvent } from '../events';
import { accountView } from './account-view';
import type { AccountsDeps } from './deps';
import { mergeLimits } from './policy';
import {
  accountCreationSetting,
  findAccount,
  findLiveUserId,
  insertAccount,
  insertMember,
  listAccountIds,
  softDeleteAccount,
  updateAccount as updateAccountRow,
  upsertSubscription,
} from './repository';
import type { CreateAccountInput, CreateOwnAccountInput, ListAccountsQuery, UpdateAccountDetailsInput, UpdateAccountInput } from './schemas';

/** Accounts of the tenant, newest first, searchable by identifier and name (tenant administrators). */
export async function listAccounts(deps: AccountsDeps, ctx: RequestContext, query: ListAccountsQuery) {
  return withTenant(deps.db, ctx, async (tx) => {
    const page = toPage(
      await listAccountIds(tx, query),
      query.limit,
      (a) => idCursor(a.id),
      (a) => a.id,
    );
    const data = [];
    for (const id of page.data) data.push(await accountView(tx, id)); // one query at a time on a transaction
    return { data, nextCursor: page.nextCursor };
  });
}

export const getAccount = (deps: AccountsDeps, ctx: RequestContext, accountId: string) => withTenant(deps.db, ctx, (tx) => accountView(tx, accountId));

/** An account with its subscription (free: active at once, others: trialing) and, optionally, its first admin. */
async function openAccount(tx: TenantTx, ctx: RequestContext, input: CreateAccountInput & { ownerId?: string }): Promise<string> {
  const account = await insertAccount(tx, {
    identifier: input.identifier,
    name: input.name,
    type: input.type,
    limits: mergeLimits({}, input.limits ?? {}),
    features: input.features ?? [],
    businessInfo: input.businessInfo ?? null,
  });
  await upsertSubscription(tx, account.id, { plan: input.plan, status: input.plan === 'free' ? 'ACTIVE' : 'TRIALING' });
  if (input.ownerId) {
    if (!(await findLiveUserId(tx, { userId: input.ownerId }))) {
      throw new AppError('UNKNOWN_USER', 'The owner is not a user of this tenant', { errors: [{ path: 'ownerId', message: 'no such user' }] });
    }
    await insertMember(tx, { accountId: account.id, userId: input.ownerId, role: 'admin', invitedBy: ctx.actor?.userId ?? null });
  }
  return account.id;
}

/** A new account, created by a tenant administrator (any plan, limits, features, owner). */
export async function createAccount(deps: AccountsDeps, ctx: RequestContext, input: CreateAccountInput) {
  return withTenant(deps.db, ctx, async (tx) => announced(tx, ctx, 'account.created', await openAccount(tx, ctx, input)));
}

/** The account as the API presents it, announced as a domain event in the same transaction. */
async function announced(tx: TenantTx, ctx: RequestContext, type: 'account.created' | 'account.updated', accountId: string) {
  const view = await accountView(tx, accountId);
  await emitEvent(tx, { type, actorId: ctx.actor?.userId ?? null, resourceType: 'account', resourceId: accountId, payload: view });
  return view;
}

/** Self-service: the creator becomes the account's admin, on the free plan (unless settings.accountCreation is "admin"). */
export async function createOwnAccount(deps: AccountsDeps, ctx: RequestContext, input: CreateOwnAccountInput) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    if ((await accountCreationSetting(tx)) === 'admin') {
      throw new AppError('ACCOUNT_CREATION_CLOSED', 'In this marketplace only administrators create accounts');
    }
    return announced(tx, ctx, 'account.created', await openAccount(tx, ctx, { ...input, plan: 'free', ownerId: actor.userId }));
  });
}

/** Changes an account: tenant administrators may change everything, the account itself its details (see updateAccountDetails). */
export async function updateAccount(deps: AccountsDeps, ctx: RequestContext, accountId: string, input: UpdateAccountInput) {
  return withTenant(deps.db, ctx, async (tx) => {
    const current = await findAccount(tx, accountId, { lock: true });
    if (!current) throw new AppError('ACCOUNT_NOT_FOUND');
    const { verified, limits, ...plain } = input;
    const changes = changesOf({
      ...plain,
      verifiedAt: verified === undefined ? undefined : verified ? (current.verifiedAt ?? new Date()) : null,
      limits: limits === undefined ? undefined : mergeLimits(current.limits, limits),
    });
    if (!hasChanges(changes)) return accountView(tx, accountId);
    await updateAccountRow(tx, accountId, changes);
    return announced(tx, ctx, 'account.updated', accountId);
  });
}

/** The account's own change: name, business and billing info. */
export const updateAccountDetails = (deps: AccountsDeps, ctx: RequestContext, accountId: string, input: UpdateAccountDetailsInput) =>
  updateAccount(deps, ctx, accountId, input);

/** Soft delete: the identifier becomes free; memberships stop granting anything. */
export async function deleteAccount(deps: AccountsDeps, ctx: RequestContext, accountId: string): Promise<void> {
  await withTenant(deps.db, ctx, async (tx) => {
    if (!(await softDeleteAccount(tx, accountId))) throw new AppError('ACCOUNT_NOT_FOUND');
  });
}

import { and, desc, eq, gt, ilike, isNull, lte, or, sql } from 'drizzle-orm';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { changesOf, hasChanges } from '../../core/patch';
import type { Database } from '../../db/client';
import { beforeIdCursor, idCursor } from '../../db/keyset';
import { containing } from '../../db/like';
import { accountInvitations, accountSubscriptions, accounts, accountUsers, tenants, users } from '../../db/schema';
import { firstRow, rows } from '../../db/sql';
import { type Tx, withTenant } from '../../db/tenant-context';
import { assertHoldsAll, membershipRole } from '../access';
import { normaliseEmail } from '../identity';
import type { Mailer } from '../mail';
import { effectiveLimits } from './limits';
import { presentAccount, presentInvitation } from './schemas';

type Role = 'admin' | 'member' | 'viewer';
type Limits = { maxActiveListings?: number | null; storageBytes?: number | null; maxMembers?: number | null };

/** Applies limit overrides: a number sets one, null removes it. */
function mergeLimits(current: Record<string, number | undefined>, changes: Limits): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const [key, value] of Object.entries({ ...current, ...changes })) if (typeof value === 'number') merged[key] = value;
  return merged;
}

async function loadAccount(tx: Tx, accountId: string) {
  const [account] = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, accountId), isNull(accounts.deletedAt)));
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  const [subscription] = await tx.select().from(accountSubscriptions).where(eq(accountSubscriptions.accountId, accountId));
  const members = await firstRow<{ n: number }>(tx, sql`select count(*)::int as n from account_users where account_id = ${accountId}`);
  const effective = (await effectiveLimits(tx, accountId)) ?? {};
  return presentAccount(account, { subscription: subscription ?? null, effective, memberCount: members?.n ?? 0 });
}

/** Giving someone a membership role needs every permission that role carries, in that account. */
async function assertCanGrantMembership(ctx: RequestContext, tx: Tx, accountId: string, role: Role) {
  const perms = await rows<{ name: string }>(
    tx,
    sql`select p.name from roles r join role_permissions rp on rp.tenant_id = r.tenant_id and rp.role_id = r.id
          join permissions p on p.id = rp.permission_id where r.type = 'SYSTEM' and r.name = ${membershipRole(role)}`,
  );
  assertHoldsAll(
    ctx.permissions,
    perms.map((p) => p.name),
    accountId,
  );
}

async function insertAccount(
  tx: Tx,
  ctx: RequestContext,
  input: {
    identifier: string;
    name: string;
    type: (typeof accounts.$inferInsert)['type'];
    plan: string;
    ownerId?: string;
    limits?: Limits;
    features?: string[];
    businessInfo?: Record<string, unknown> | null;
  },
) {
  const [account] = await tx
    .insert(accounts)
    .values({
      tenantId: ctx.tenantId!,
      identifier: input.identifier,
      name: input.name,
      type: input.type,
      limits: mergeLimits({}, input.limits ?? {}),
      features: input.features ?? [],
      businessInfo: input.businessInfo ?? null,
    })
    .returning();
  await tx
    .insert(accountSubscriptions)
    .values({ tenantId: ctx.tenantId!, accountId: account!.id, plan: input.plan, status: input.plan === 'free' ? 'ACTIVE' : 'TRIALING' });
  if (input.ownerId) {
    const [owner] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.ownerId), isNull(users.deletedAt)));
    if (!owner)
      throw new AppError('UNKNOWN_USER', 'The owner is not a user of this tenant', {
        errors: [{ path: 'ownerId', message: 'no such user' }],
      });
    await tx
      .insert(accountUsers)
      .values({ tenantId: ctx.tenantId!, accountId: account!.id, userId: input.ownerId, role: 'admin', invitedBy: ctx.actor?.userId ?? null });
  }
  return account!;
}

async function memberOf(tx: Tx, accountId: string, userId: string) {
  const [m] = await rows<{ user_id: string; email: string; display_name: string | null; role: Role; joined_at: Date; invited_by: string | null }>(
    tx,
    sql`select au.user_id, u.email, p.display_name, au.role, au.joined_at, au.invited_by
          from account_users au join users u on u.tenant_id = au.tenant_id and u.id = au.user_id
          left join user_profiles p on p.tenant_id = au.tenant_id and p.user_id = au.user_id
         where au.account_id = ${accountId} and au.user_id = ${userId}`,
  );
  return m && { userId: m.user_id, email: m.email, displayName: m.display_name, role: m.role, joinedAt: m.joined_at.toISOString(), invitedBy: m.invited_by };
}

/** Makes a user a member; the member limit is checked under the account row lock, so parallel joins cannot overshoot it. */
async function joinAccount(ctx: RequestContext, tx: Tx, accountId: string, userId: string, role: Role, invitedBy: string | null): Promise<void> {
  const limits = await effectiveLimits(tx, accountId, { lock: true });
  if (!limits) throw new AppError('ACCOUNT_NOT_FOUND');
  if (await memberOf(tx, accountId, userId)) throw new AppError('ALREADY_MEMBER', 'This user is already a member of the account');
  if (typeof limits.maxMembers === 'number') {
    const count = await firstRow<{ n: number }>(tx, sql`select count(*)::int as n from account_users where account_id = ${accountId}`);
    if ((count?.n ?? 0) >= limits.maxMembers)
      throw new AppError('MEMBER_LIMIT_REACHED', `This account may have at most ${limits.maxMembers} members on its plan`);
  }
  await tx.insert(accountUsers).values({ tenantId: ctx.tenantId!, accountId, userId, role, invitedBy });
}

/** An unexpired invitation to the caller's own address, or 404. */
async function ownInvitation(ctx: RequestContext, tx: Tx, invitationId: string) {
  const [invitation] = await rows<Pick<typeof accountInvitations.$inferSelect, 'id' | 'accountId' | 'role' | 'invitedBy'>>(
    tx,
    sql`select i.id, i.account_id as "accountId", i.role, i.invited_by as "invitedBy"
          from account_invitations i join users u on u.tenant_id = i.tenant_id and u.id = ${ctx.actor!.userId} and u.email = i.email
         where i.id = ${invitationId} and i.expires_at > now()`,
  );
  if (!invitation) throw new AppError('INVITATION_NOT_FOUND');
  return invitation;
}

/**
 * Accounts (agencies, vendors, clients, individuals) and their members. Tenant
 * administrators manage all of them; an account's admins manage its details and
 * members; any user may create an account of their own (unless the tenant says no).
 */
export function createAccountService(deps: { db: Database; mailer: Mailer }) {
  const { db } = deps;

  return {
    async list(
      ctx: RequestContext,
      query: { q?: string; type?: (typeof accounts.$inferSelect)['type']; status?: (typeof accounts.$inferSelect)['status']; limit: number; cursor?: string },
    ) {
      return withTenant(db, ctx, async (tx) => {
        const found = await tx
          .select({ id: accounts.id, createdAt: accounts.createdAt })
          .from(accounts)
          .where(
            and(
              isNull(accounts.deletedAt),
              query.type ? eq(accounts.type, query.type) : undefined,
              query.status ? eq(accounts.status, query.status) : undefined,
              query.q ? or(ilike(accounts.identifier, containing(query.q)), ilike(accounts.name, containing(query.q))) : undefined,
              beforeIdCursor(accounts.id, query.cursor),
            ),
          )
          .orderBy(desc(accounts.id))
          .limit(query.limit + 1);
        const page = toPage(
          found,
          query.limit,
          (a) => idCursor(a.id),
          (a) => a.id,
        );
        const data = [];
        for (const id of page.data) data.push(await loadAccount(tx, id)); // one query at a time on a transaction
        return { data, nextCursor: page.nextCursor };
      });
    },

    async create(ctx: RequestContext, input: Parameters<typeof insertAccount>[2]) {
      return withTenant(db, ctx, async (tx) => loadAccount(tx, (await insertAccount(tx, ctx, input)).id));
    },

    get: (ctx: RequestContext, accountId: string) => withTenant(db, ctx, (tx) => loadAccount(tx, accountId)),

    async update(
      ctx: RequestContext,
      accountId: string,
      input: {
        name?: string;
        type?: (typeof accounts.$inferSelect)['type'];
        status?: (typeof accounts.$inferSelect)['status'];
        verified?: boolean;
        limits?: Limits;
        features?: string[];
        businessInfo?: Record<string, unknown> | null;
        billingInfo?: Record<string, unknown> | null;
      },
    ) {
      return withTenant(db, ctx, async (tx) => {
        const [current] = await tx
          .select()
          .from(accounts)
          .where(and(eq(accounts.id, accountId), isNull(accounts.deletedAt)))
          .for('update');
        if (!current) throw new AppError('ACCOUNT_NOT_FOUND');
        const { verified, limits, ...plain } = input;
        const changes = changesOf({
          ...plain,
          verifiedAt: verified === undefined ? undefined : verified ? (current.verifiedAt ?? new Date()) : null,
          limits: limits === undefined ? undefined : mergeLimits(current.limits, limits),
        });
        if (hasChanges(changes)) await tx.update(accounts).set(changes).where(eq(accounts.id, accountId));
        return loadAccount(tx, accountId);
      });
    },

    /** Soft delete: the identifier becomes free; memberships stop granting anything. */
    async remove(ctx: RequestContext, accountId: string) {
      await withTenant(db, ctx, async (tx) => {
        const [gone] = await tx
          .update(accounts)
          .set({ deletedAt: sql`now()` as unknown as Date, status: 'INACTIVE' })
          .where(and(eq(accounts.id, accountId), isNull(accounts.deletedAt)))
          .returning({ id: accounts.id });
        if (!gone) throw new AppError('ACCOUNT_NOT_FOUND');
      });
    },

    async setSubscription(
      ctx: RequestContext,
      accountId: string,
      input: { plan: string; status?: (typeof accountSubscriptions.$inferSelect)['status']; currentPeriodEnd?: string | null; trialEndsAt?: string | null },
    ) {
      return withTenant(db, ctx, async (tx) => {
        await loadAccount(tx, accountId);
        const values = {
          plan: input.plan,
          ...(input.status ? { status: input.status, canceledAt: input.status === 'CANCELED' ? new Date() : null } : {}),
          ...(input.currentPeriodEnd !== undefined ? { currentPeriodEnd: input.currentPeriodEnd ? new Date(input.currentPeriodEnd) : null } : {}),
          ...(input.trialEndsAt !== undefined ? { trialEndsAt: input.trialEndsAt ? new Date(input.trialEndsAt) : null } : {}),
        };
        await tx
          .insert(accountSubscriptions)
          .values({ tenantId: ctx.tenantId!, accountId, ...values })
          .onConflictDoUpdate({ target: [accountSubscriptions.tenantId, accountSubscriptions.accountId], set: values });
        return loadAccount(tx, accountId);
      });
    },

    async updateDetails(
      ctx: RequestContext,
      accountId: string,
      input: { name?: string; businessInfo?: Record<string, unknown> | null; billingInfo?: Record<string, unknown> | null },
    ) {
      return this.update(ctx, accountId, input);
    },

    async listMembers(ctx: RequestContext, accountId: string, page: { limit: number; cursor?: string }) {
      return withTenant(db, ctx, async (tx) => {
        await loadAccount(tx, accountId);
        const found = await rows<{
          user_id: string;
          email: string;
          display_name: string | null;
          role: Role;
          joined_at: Date;
          invited_by: string | null;
          id: string;
        }>(
          tx,
          sql`select au.id, au.user_id, u.email, p.display_name, au.role, au.joined_at, au.invited_by
                from account_users au
                join users u on u.tenant_id = au.tenant_id and u.id = au.user_id
                left join user_profiles p on p.tenant_id = au.tenant_id and p.user_id = au.user_id
               where au.account_id = ${accountId}
                 ${page.cursor ? sql`and ${beforeIdCursor(sql`au.id`, page.cursor)}` : sql``}
               order by au.id desc limit ${page.limit + 1}`,
        );
        return toPage(
          found,
          page.limit,
          (m) => idCursor(m.id),
          (m) => ({
            userId: m.user_id,
            email: m.email,
            displayName: m.display_name,
            role: m.role,
            joinedAt: m.joined_at.toISOString(),
            invitedBy: m.invited_by,
          }),
        );
      });
    },

    /**
     * Tenant administrators add a member directly (route /tenant/accounts/{id}/members).
     * Everyone else invites: membership gives an account's managers authority over the
     * member's bookings and calendar, so it needs the person's consent.
     */
    async addMember(ctx: RequestContext, accountId: string, input: { userId?: string; email?: string; role: Role }) {
      return withTenant(db, ctx, async (tx) => {
        const [user] = await tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              input.userId ? eq(users.id, input.userId) : eq(users.email, normaliseEmail(input.email!)),
              isNull(users.deletedAt),
              isNull(users.deactivatedAt),
            ),
          );
        if (!user)
          throw new AppError('UNKNOWN_USER', 'There is no active user like that in this marketplace', {
            errors: [{ path: input.userId ? 'userId' : 'email', message: 'no such user' }],
          });
        await joinAccount(ctx, tx, accountId, user.id, input.role, ctx.actor?.userId ?? null);
        return (await memberOf(tx, accountId, user.id))!;
      });
    },

    /**
     * An invitation to an e-mail address. The answer is the same whether or not the
     * address belongs to a user (no probing for accounts); the person sees it in
     * GET /user/invitations once signed in with that (verified) address.
     */
    async invite(ctx: RequestContext, accountId: string, input: { email: string; role: Role }) {
      return withTenant(db, ctx, async (tx) => {
        await assertCanGrantMembership(ctx, tx, accountId, input.role);
        const email = normaliseEmail(input.email);
        const member = await firstRow(
          tx,
          sql`select 1 from account_users au join users u on u.tenant_id = au.tenant_id and u.id = au.user_id
                                              where au.account_id = ${accountId} and u.email = ${email} and u.deleted_at is null`,
        );
        if (member) throw new AppError('ALREADY_MEMBER', 'This person is already a member of the account');
        await tx
          .delete(accountInvitations)
          .where(and(eq(accountInvitations.accountId, accountId), eq(accountInvitations.email, email), lte(accountInvitations.expiresAt, sql`now()`)));
        const [invitation] = await tx
          .insert(accountInvitations)
          .values({
            tenantId: ctx.tenantId!,
            accountId,
            email,
            role: input.role,
            invitedBy: ctx.actor?.userId ?? null,
            expiresAt: sql`now() + interval '14 days'` as unknown as Date,
          })
          .returning();
        const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
        await deps.mailer.send(tx, ctx.tenantId!, {
          to: email,
          subject: `You are invited to join ${account!.name}`,
          text: `You have been invited to join ${account!.name} as ${input.role}. Sign in (or sign up with this address), then accept: POST /api/v1/user/invitations/${invitation!.id}/accept. The invitation expires in 14 days.`,
          template: 'accounts.invitation',
          payload: { invitationId: invitation!.id, accountId },
        });
        return presentInvitation(invitation!, account!.name);
      });
    },

    async listInvitations(ctx: RequestContext, accountId: string, page: { limit: number; cursor?: string }) {
      return withTenant(db, ctx, async (tx) => {
        const [account] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId));
        if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
        const found = await tx
          .select()
          .from(accountInvitations)
          .where(
            and(eq(accountInvitations.accountId, accountId), gt(accountInvitations.expiresAt, sql`now()`), beforeIdCursor(accountInvitations.id, page.cursor)),
          )
          .orderBy(desc(accountInvitations.id))
          .limit(page.limit + 1);
        return toPage(
          found,
          page.limit,
          (i) => idCursor(i.id),
          (i) => presentInvitation(i, account.name),
        );
      });
    },

    async revokeInvitation(ctx: RequestContext, accountId: string, invitationId: string) {
      await withTenant(db, ctx, async (tx) => {
        const [gone] = await tx
          .delete(accountInvitations)
          .where(and(eq(accountInvitations.id, invitationId), eq(accountInvitations.accountId, accountId)))
          .returning({ id: accountInvitations.id });
        if (!gone) throw new AppError('INVITATION_NOT_FOUND');
      });
    },

    /** Invitations to the caller's address (shown whether or not it is verified yet). */
    async myInvitations(ctx: RequestContext) {
      return withTenant(db, ctx, async (tx) => {
        const found = await rows<typeof accountInvitations.$inferSelect & { account_name: string }>(
          tx,
          sql`select i.id, i.account_id as "accountId", i.email, i.role, i.invited_by as "invitedBy", i.created_at as "createdAt",
                     i.expires_at as "expiresAt", a.name as account_name
                from account_invitations i
                join accounts a on a.tenant_id = i.tenant_id and a.id = i.account_id and a.deleted_at is null
                join users u on u.tenant_id = i.tenant_id and u.id = ${ctx.actor!.userId} and u.email = i.email
               where i.expires_at > now() order by i.id desc limit 100`,
        );
        return found.map((i) => presentInvitation(i, i.account_name));
      });
    },

    /** Accepting needs a verified address: otherwise anyone could sign up with someone else's e-mail and take their seat. */
    async acceptInvitation(ctx: RequestContext, invitationId: string) {
      return withTenant(db, ctx, async (tx) => {
        const invitation = await ownInvitation(ctx, tx, invitationId);
        const [me] = await tx.select({ verified: users.emailVerified }).from(users).where(eq(users.id, ctx.actor!.userId));
        if (!me?.verified) throw new AppError('EMAIL_NOT_VERIFIED', 'Verify your e-mail address first: the invitation was sent to it');
        await joinAccount(ctx, tx, invitation.accountId, ctx.actor!.userId, invitation.role, invitation.invitedBy);
        await tx.delete(accountInvitations).where(eq(accountInvitations.id, invitationId));
        return (await memberOf(tx, invitation.accountId, ctx.actor!.userId))!;
      });
    },

    async declineInvitation(ctx: RequestContext, invitationId: string) {
      await withTenant(db, ctx, async (tx) => {
        await ownInvitation(ctx, tx, invitationId);
        await tx.delete(accountInvitations).where(eq(accountInvitations.id, invitationId));
      });
    },

    /** Leaving is always possible — except for the last admin (409 LAST_ADMIN). */
    async leave(ctx: RequestContext, accountId: string) {
      await withTenant(db, ctx, async (tx) => {
        const [left] = await tx
          .delete(accountUsers)
          .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, ctx.actor!.userId)))
          .returning({ id: accountUsers.id });
        if (!left) throw new AppError('MEMBER_NOT_FOUND');
      });
    },

    /** The last admin cannot be demoted or removed: the database refuses (409 LAST_ADMIN). */
    async changeMember(ctx: RequestContext, accountId: string, userId: string, role: Role) {
      return withTenant(db, ctx, async (tx) => {
        await assertCanGrantMembership(ctx, tx, accountId, role);
        const current = await memberOf(tx, accountId, userId);
        if (!current) throw new AppError('MEMBER_NOT_FOUND');
        // Demoting an admin takes the standing of an admin, as removing one does.
        if (current.role === 'admin' && role !== 'admin') await assertCanGrantMembership(ctx, tx, accountId, 'admin');
        const [changed] = await tx
          .update(accountUsers)
          .set({ role })
          .where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
          .returning({ id: accountUsers.id });
        if (!changed) throw new AppError('MEMBER_NOT_FOUND');
        return (await memberOf(tx, accountId, userId))!;
      });
    },

    async removeMember(ctx: RequestContext, accountId: string, userId: string) {
      await withTenant(db, ctx, async (tx) => {
        const current = await memberOf(tx, accountId, userId);
        if (!current) throw new AppError('MEMBER_NOT_FOUND');
        if (current.role === 'admin' && userId !== ctx.actor?.userId) await assertCanGrantMembership(ctx, tx, accountId, 'admin');
        await tx.delete(accountUsers).where(and(eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
      });
    },

    async myAccounts(ctx: RequestContext, page: { limit: number; cursor?: string }) {
      return withTenant(db, ctx, async (tx) => {
        const found = await rows<{
          id: string;
          identifier: string;
          name: string;
          type: (typeof accounts.$inferSelect)['type'];
          status: string;
          role: Role;
          joined_at: Date;
          membership_id: string;
        }>(
          tx,
          sql`select a.id, a.identifier, a.name, a.type, a.status, au.role, au.joined_at, au.id as membership_id
                from account_users au join accounts a on a.tenant_id = au.tenant_id and a.id = au.account_id and a.deleted_at is null
               where au.user_id = ${ctx.actor!.userId}
                 ${page.cursor ? sql`and ${beforeIdCursor(sql`au.id`, page.cursor)}` : sql``}
               order by au.id desc limit ${page.limit + 1}`,
        );
        return toPage(
          found,
          page.limit,
          (m) => idCursor(m.membership_id),
          (m) => ({
            account: { id: m.id, identifier: m.identifier, name: m.name, type: m.type, status: m.status },
            role: m.role,
            joinedAt: m.joined_at.toISOString(),
          }),
        );
      });
    },

    /** Self-service: the creator becomes the account's admin (unless settings.accountCreation is "admin"). */
    async createOwn(
      ctx: RequestContext,
      input: { identifier: string; name: string; type: (typeof accounts.$inferInsert)['type']; businessInfo?: Record<string, unknown> | null },
    ) {
      return withTenant(db, ctx, async (tx) => {
        const [tenant] = await tx.select({ settings: tenants.settings }).from(tenants);
        if (tenant?.settings.accountCreation === 'admin')
          throw new AppError('ACCOUNT_CREATION_CLOSED', 'In this marketplace only administrators create accounts');
        const account = await insertAccount(tx, ctx, { ...input, plan: 'free', ownerId: ctx.actor!.userId });
        return loadAccount(tx, account.id);
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

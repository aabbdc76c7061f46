import { and, desc, eq, gt, ilike, isNull, lte, or, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../db/keyset';
import { containing } from '../../db/like';
import { accountInvitations, accountSubscriptions, accounts, accountUsers, tenants, users } from '../../db/schema';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

/**
 * Every query of the accounts module: accounts, subscriptions, memberships, invitations.
 * Each takes the tenant-bound transaction first and names `tx.tenantId` in every
 * statement on a tenant table (joins included).
 */

export type AccountRow = typeof accounts.$inferSelect;
export type AccountType = AccountRow['type'];
export type AccountStatus = AccountRow['status'];
export type SubscriptionRow = typeof accountSubscriptions.$inferSelect;
export type SubscriptionStatus = SubscriptionRow['status'];
export type InvitationRow = typeof accountInvitations.$inferSelect;
export type MemberRole = 'admin' | 'member' | 'viewer';

export interface MemberRow {
  userId: string;
  email: string;
  displayName: string | null;
  role: MemberRole;
  joinedAt: Date;
  invitedBy: string | null;
}

// ── accounts ──────────────────────────────────────────────────────────────────────

/** The live (not deleted) account; with `lock`, row-locked FOR NO KEY UPDATE until the transaction ends. */
export async function findAccount(tx: TenantTx, accountId: string, options: { lock?: boolean } = {}): Promise<AccountRow | undefined> {
  const query = tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tx.tenantId), eq(accounts.id, accountId), isNull(accounts.deletedAt)));
  const [row] = options.lock ? await query.for('no key update') : await query;
  return row;
}

/** The account's name, deleted or not (invitations keep naming the account). */
export async function accountName(tx: TenantTx, accountId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tx.tenantId), eq(accounts.id, accountId)));
  return row?.name;
}

export interface AccountFilter {
  q?: string;
  type?: AccountType;
  status?: AccountStatus;
  limit: number;
  cursor?: string;
}

/** Ids of live accounts, newest first, one more than `limit` (keyset pagination). */
export async function listAccountIds(tx: TenantTx, filter: AccountFilter): Promise<{ id: string }[]> {
  return tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.tenantId, tx.tenantId),
        isNull(accounts.deletedAt),
        filter.type ? eq(accounts.type, filter.type) : undefined,
        filter.status ? eq(accounts.status, filter.status) : undefined,
        filter.q ? or(ilike(accounts.identifier, containing(filter.q)), ilike(accounts.name, containing(filter.q))) : undefined,
        beforeIdCursor(accounts.id, filter.cursor),
      ),
    )
    .orderBy(desc(accounts.id))
    .limit(filter.limit + 1);
}

export type NewAccount = Pick<AccountRow, 'identifier' | 'name' | 'type' | 'limits' | 'features' | 'businessInfo'>;

export async function insertAccount(tx: TenantTx, values: NewAccount): Promise<AccountRow> {
  const [row] = await tx
    .insert(accounts)
    .values({ ...values, tenantId: tx.tenantId })
    .returning();
  return row!;
}

export type AccountChanges = Partial<Pick<AccountRow, 'name' | 'type' | 'status' | 'verifiedAt' | 'limits' | 'features' | 'businessInfo' | 'billingInfo'>>;

export async function updateAccount(tx: TenantTx, accountId: string, changes: AccountChanges): Promise<void> {
  await tx
    .update(accounts)
    .set(changes)
    .where(and(eq(accounts.tenantId, tx.tenantId), eq(accounts.id, accountId)));
}

/** Soft delete: marks the live account deleted and inactive; false when there is none. */
export async function softDeleteAccount(tx: TenantTx, accountId: string): Promise<boolean> {
  const gone = await tx
    .update(accounts)
    .set({ deletedAt: sql`now()` as unknown as Date, status: 'INACTIVE' })
    .where(and(eq(accounts.tenantId, tx.tenantId), eq(accounts.id, accountId), isNull(accounts.deletedAt)))
    .returning({ id: accounts.id });
  return gone.length > 0;
}

/** The tenant's `settings.accountCreation` ("admin": only administrators create accounts). */
export async function accountCreationSetting(tx: TenantTx): Promise<unknown> {
  const [tenant] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tx.tenantId));
  return tenant?.settings.accountCreation;
}

// ── subscriptions ───────────────────────────────────────────────────────────────────

export async function findSubscription(tx: TenantTx, accountId: string): Promise<SubscriptionRow | undefined> {
  const [row] = await tx
    .select()
    .from(accountSubscriptions)
    .where(and(eq(accountSubscriptions.tenantId, tx.tenantId), eq(accountSubscriptions.accountId, accountId)));
  return row;
}

export type SubscriptionValues = Partial<Pick<SubscriptionRow, 'status' | 'currentPeriodEnd' | 'trialEndsAt' | 'canceledAt'>> & { plan: string };

/** Creates or replaces the account's one subscription. */
export async function upsertSubscription(tx: TenantTx, accountId: string, values: SubscriptionValues): Promise<void> {
  await tx
    .insert(accountSubscriptions)
    .values({ tenantId: tx.tenantId, accountId, ...values })
    .onConflictDoUpdate({ target: [accountSubscriptions.tenantId, accountSubscriptions.accountId], set: values });
}

// ── members ─────────────────────────────────────────────────────────────────────────

export async function countMembers(tx: TenantTx, accountId: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`select count(*)::int as n from account_users where tenant_id = ${tx.tenantId} and account_id = ${accountId}`,
  );
  return Number(row?.n ?? 0);
}

const memberColumns = sql`au.user_id as "userId", u.email, p.display_name as "displayName", au.role, au.joined_at as "joinedAt", au.invited_by as "invitedBy"`;
const memberJoins = sql`account_users au
  join users u on u.tenant_id = au.tenant_id and u.id = au.user_id
  left join user_profiles p on p.tenant_id = au.tenant_id and p.user_id = au.user_id`;

export async function findMember(tx: TenantTx, accountId: string, userId: string): Promise<MemberRow | undefined> {
  return firstRow<MemberRow>(
    tx,
    sql`select ${memberColumns} from ${memberJoins}
         where au.tenant_id = ${tx.tenantId} and au.account_id = ${accountId} and au.user_id = ${userId}`,
  );
}

/** The account's members, newest membership first, one more than `limit`. */
export async function listMembers(tx: TenantTx, accountId: string, page: { limit: number; cursor?: string }): Promise<(MemberRow & { id: string })[]> {
  return rows<MemberRow & { id: string }>(
    tx,
    sql`select au.id, ${memberColumns} from ${memberJoins}
         where au.tenant_id = ${tx.tenantId} and au.account_id = ${accountId}
           ${page.cursor ? sql`and ${beforeIdCursor(sql`au.id`, page.cursor)}` : sql``}
         order by au.id desc limit ${page.limit + 1}`,
  );
}

/** Whether a live user with this address is a member of the account. */
export async function isMemberByEmail(tx: TenantTx, accountId: string, email: string): Promise<boolean> {
  const row = await firstRow(
    tx,
    sql`select 1 as member from account_users au join users u on u.tenant_id = au.tenant_id and u.id = au.user_id
         where au.tenant_id = ${tx.tenantId} and au.account_id = ${accountId} and u.email = ${email} and u.deleted_at is null`,
  );
  return row !== undefined;
}

export async function insertMember(tx: TenantTx, values: { accountId: string; userId: string; role: MemberRole; invitedBy: string | null }): Promise<void> {
  await tx.insert(accountUsers).values({ tenantId: tx.tenantId, ...values });
}

export async function updateMemberRole(tx: TenantTx, accountId: string, userId: string, role: MemberRole): Promise<boolean> {
  const changed = await tx
    .update(accountUsers)
    .set({ role })
    .where(and(eq(accountUsers.tenantId, tx.tenantId), eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
    .returning({ id: accountUsers.id });
  return changed.length > 0;
}

export async function deleteMember(tx: TenantTx, accountId: string, userId: string): Promise<boolean> {
  const gone = await tx
    .delete(accountUsers)
    .where(and(eq(accountUsers.tenantId, tx.tenantId), eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)))
    .returning({ id: accountUsers.id });
  return gone.length > 0;
}

export interface MembershipRow {
  id: string;
  identifier: string;
  name: string;
  type: AccountType;
  status: string;
  role: MemberRole;
  joinedAt: Date;
  membershipId: string;
}

/** The live accounts a user belongs to, newest membership first, one more than `limit`. */
export async function listMemberships(tx: TenantTx, userId: string, page: { limit: number; cursor?: string }): Promise<MembershipRow[]> {
  return rows<MembershipRow>(
    tx,
    sql`select a.id, a.identifier, a.name, a.type, a.status, au.role, au.joined_at as "joinedAt", au.id as "membershipId"
          from account_users au
          join accounts a on a.tenant_id = au.tenant_id and a.id = au.account_id and a.deleted_at is null
         where au.tenant_id = ${tx.tenantId} and au.user_id = ${userId}
           ${page.cursor ? sql`and ${beforeIdCursor(sql`au.id`, page.cursor)}` : sql``}
         order by au.id desc limit ${page.limit + 1}`,
  );
}

/** Permission names of a system role (e.g. account_admin), for the no-escalation check. */
export async function systemRolePermissions(tx: TenantTx, roleName: string): Promise<string[]> {
  const found = await rows<{ name: string }>(
    tx,
    sql`select p.name from roles r
          join role_permissions rp on rp.tenant_id = r.tenant_id and rp.role_id = r.id
          join permissions p on p.id = rp.permission_id
         where r.tenant_id = ${tx.tenantId} and r.type = 'SYSTEM' and r.name = ${roleName}`,
  );
  return found.map((p) => p.name);
}

// ── users (as far as memberships need them) ─────────────────────────────────────────

/** A user of the tenant that is not deleted (and, with `active`, not deactivated), by id or e-mail. */
export async function findLiveUserId(
  tx: TenantTx,
  by: { userId: string } | { email: string },
  options: { active?: boolean } = {},
): Promise<string | undefined> {
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tx.tenantId),
        'userId' in by ? eq(users.id, by.userId) : eq(users.email, by.email),
        isNull(users.deletedAt),
        options.active ? isNull(users.deactivatedAt) : undefined,
      ),
    );
  return user?.id;
}

export async function isEmailVerified(tx: TenantTx, userId: string): Promise<boolean> {
  const [me] = await tx
    .select({ verified: users.emailVerified })
    .from(users)
    .where(and(eq(users.tenantId, tx.tenantId), eq(users.id, userId)));
  return me?.verified === true;
}

// ── invitations ─────────────────────────────────────────────────────────────────────

/** Expired invitations of this address to the account (they would block a new one). */
export async function deleteExpiredInvitations(tx: TenantTx, accountId: string, email: string): Promise<void> {
  await tx
    .delete(accountInvitations)
    .where(
      and(
        eq(accountInvitations.tenantId, tx.tenantId),
        eq(accountInvitations.accountId, accountId),
        eq(accountInvitations.email, email),
        lte(accountInvitations.expiresAt, sql`now()`),
      ),
    );
}

/** A new invitation, valid for 14 days. */
export async function insertInvitation(
  tx: TenantTx,
  values: { accountId: string; email: string; role: MemberRole; invitedBy: string | null },
): Promise<InvitationRow> {
  const [row] = await tx
    .insert(accountInvitations)
    .values({ tenantId: tx.tenantId, ...values, expiresAt: sql`now() + interval '14 days'` as unknown as Date })
    .returning();
  return row!;
}

/** The account's unexpired invitations, newest first, one more than `limit`. */
export async function listInvitations(tx: TenantTx, accountId: string, page: { limit: number; cursor?: string }): Promise<InvitationRow[]> {
  return tx
    .select()
    .from(accountInvitations)
    .where(
      and(
        eq(accountInvitations.tenantId, tx.tenantId),
        eq(accountInvitations.accountId, accountId),
        gt(accountInvitations.expiresAt, sql`now()`),
        beforeIdCursor(accountInvitations.id, page.cursor),
      ),
    )
    .orderBy(desc(accountInvitations.id))
    .limit(page.limit + 1);
}

/** Deletes an invitation (of the account, when given); false when there was none. */
export async function deleteInvitation(tx: TenantTx, invitationId: string, accountId?: string): Promise<boolean> {
  const gone = await tx
    .delete(accountInvitations)
    .where(
      and(
        eq(accountInvitations.tenantId, tx.tenantId),
        eq(accountInvitations.id, invitationId),
        accountId === undefined ? undefined : eq(accountInvitations.accountId, accountId),
      ),
    )
    .returning({ id: accountInvitations.id });
  return gone.length > 0;
}

export type OwnInvitationRow = Pick<InvitationRow, 'id' | 'accountId' | 'role' | 'invitedBy'>;

/** An unexpired invitation to the user's own, verified address. */
export async function findOwnInvitation(tx: TenantTx, userId: string, invitationId: string): Promise<OwnInvitationRow | undefined> {
  return firstRow<OwnInvitationRow>(
    tx,
    sql`select i.id, i.account_id as "accountId", i.role, i.invited_by as "invitedBy"
          from account_invitations i
          join users u on u.tenant_id = i.tenant_id and u.id = ${userId} and u.email = i.email and u.email_verified
         where i.tenant_id = ${tx.tenantId} and i.id = ${invitationId} and i.expires_at > now()`,
  );
}

/** Unexpired invitations to the user's own, verified address into live accounts, newest first (at most 100). */
export async function listOwnInvitations(tx: TenantTx, userId: string): Promise<(InvitationRow & { accountName: string })[]> {
  return rows<InvitationRow & { accountName: string }>(
    tx,
    sql`select i.id, i.account_id as "accountId", i.email, i.role, i.invited_by as "invitedBy", i.created_at as "createdAt",
               i.expires_at as "expiresAt", a.name as "accountName"
          from account_invitations i
          join accounts a on a.tenant_id = i.tenant_id and a.id = i.account_id and a.deleted_at is null
          join users u on u.tenant_id = i.tenant_id and u.id = ${userId} and u.email = i.email and u.email_verified
         where i.tenant_id = ${tx.tenantId} and i.expires_at > now()
         order by i.id desc limit 100`,
  );
}

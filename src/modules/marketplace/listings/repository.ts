import { and, eq, getTableColumns, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { listings, listingWithStats } from '../../../db/schema/marketplace';
import { accountUsers } from '../../../db/schema/tenancy';
import { firstRow } from '../../../db/sql';
import type { Tx } from '../../../db/tenant-context';
import { newestFirst } from '../shared/keyset';
import type { ListingRow, ListingStatsRow } from '../shared/presenters';
import { insertRow, updateById } from '../shared/rows';
import type { ListingStatus } from '../shared/schemas';

/** Every listing column but the search vector (large, and only the database reads it). */
const { search: _searchVector, ...listingColumns } = getTableColumns(listings);

export { listingColumns };

/** Column values for an insert or update; SQL values (now()) allowed. */
export type ListingValues = PgInsertValue<typeof listings>;
export type ListingChanges = PgUpdateSetSource<typeof listings>;

/** Public visibility, evaluated by the database clock: an expiry hides a listing the moment it passes. */
export const publiclyVisible = (tenantId: string): SQL =>
  and(
    eq(listings.tenantId, tenantId),
    eq(listings.status, 'ACTIVE'),
    isNull(listings.deletedAt),
    sql`(${listings.expiresAt} is null or ${listings.expiresAt} > now())`,
  )!;

export const insertListing = (tx: Tx, values: ListingValues) => insertRow<typeof listings, ListingRow>(tx, listings, values, listingColumns);

/**
 * A live (not deleted) listing. `lock` takes the row for the rest of the transaction,
 * so a status change and whatever depends on the status (applications, the active
 * count) cannot interleave.
 */
export async function findListing(tx: Tx, tenantId: string, id: string, lock = false): Promise<ListingRow | undefined> {
  const query = tx
    .select(listingColumns)
    .from(listings)
    .where(and(eq(listings.tenantId, tenantId), eq(listings.id, id), isNull(listings.deletedAt)));
  const [row] = await (lock ? query.for('no key update') : query);
  return row;
}

export async function findPublicListing(tx: Tx, tenantId: string, id: string): Promise<ListingRow | undefined> {
  const [row] = await tx
    .select(listingColumns)
    .from(listings)
    .where(and(publiclyVisible(tenantId), eq(listings.id, id)));
  return row;
}

export const updateListing = (tx: Tx, tenantId: string, id: string, values: ListingChanges) =>
  updateById<typeof listings, ListingRow>(tx, listings, tenantId, id, values, listingColumns);

export interface AccountPlan {
  status: string;
  limits: Record<string, unknown>;
  features: string[];
  planLimits: Record<string, unknown> | null;
  planFeatures: string[] | null;
}

/**
 * The account with its plan, row-locked until the transaction ends. Everything that
 * takes a limited slot (publishing, resuming) locks here first, so two of them for
 * one account run one after the other and the second sees the first's result.
 * FOR NO KEY UPDATE: it does not block foreign-key checks (new listings, members).
 * The plan is the subscription's while it is trialing, active or past due; without one
 * only the account's own limits apply — the same rule as accounts' effectiveLimits().
 */
export async function lockAccountPlan(tx: Tx, tenantId: string, accountId: string): Promise<AccountPlan | undefined> {
  const row = await firstRow<{
    status: string;
    limits: Record<string, unknown>;
    features: string[];
    plan_limits: Record<string, unknown> | null;
    plan_features: string[] | null;
  }>(
    tx,
    sql`select a.status, a.limits, a.features, p.limits as plan_limits, p.features as plan_features
          from accounts a
          left join account_subscriptions s
            on s.tenant_id = a.tenant_id and s.account_id = a.id and s.status in ('TRIALING', 'ACTIVE', 'PAST_DUE')
          left join plans p on p.code = s.plan
         where a.tenant_id = ${tenantId} and a.id = ${accountId} and a.deleted_at is null
           for no key update of a`,
  );
  return row && { status: row.status, limits: row.limits, features: row.features, planLimits: row.plan_limits, planFeatures: row.plan_features };
}

/** Listings of the account that hold an active slot right now (expired ones no longer do). */
export async function countActiveListings(tx: Tx, tenantId: string, accountId: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${listings}
         where ${and(publiclyVisible(tenantId), eq(listings.accountId, accountId))}`,
  );
  return Number(row!.n);
}

export async function isAccountMember(tx: Tx, tenantId: string, accountId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: accountUsers.id })
    .from(accountUsers)
    .where(and(eq(accountUsers.tenantId, tenantId), eq(accountUsers.accountId, accountId), eq(accountUsers.userId, userId)));
  return row !== undefined;
}

/**
 * ACTIVE listings whose expiry has passed become EXPIRED, set-based, for every tenant
 * the transaction can see (withPlatform: all; withTenant: that one). For the background
 * job; public reads already hide them before it runs. With `limit`, at most that many
 * (the longest overdue first, rows another worker holds are skipped), so a job can work
 * through a backlog in short transactions.
 */
export async function expireDueListings(tx: Tx, options: { limit?: number } = {}): Promise<{ tenantId: string; id: string }[]> {
  const due = and(eq(listings.status, 'ACTIVE'), isNull(listings.deletedAt), sql`${listings.expiresAt} <= now()`);
  const batch = options.limit
    ? sql`(${listings.tenantId}, ${listings.id}) in (
        select d.tenant_id, d.id from listings d
         where d.status = 'ACTIVE' and d.deleted_at is null and d.expires_at <= now()
         order by d.expires_at limit ${options.limit} for update skip locked)`
    : undefined;
  return tx.update(listings).set({ status: 'EXPIRED' }).where(and(due, batch)).returning({ tenantId: listings.tenantId, id: listings.id });
}

export interface DashboardFilter {
  statuses?: ListingStatus[];
  cursor?: string;
  limit: number;
}

/**
 * The account's listings, newest first, with their application statistics from the
 * listing_with_stats view — joined LATERAL per listing, so the view aggregates only
 * the listings on the page (a plain join would aggregate the whole tenant first).
 */
export async function accountListingsWithStats(
  tx: Tx,
  tenantId: string,
  accountId: string,
  filter: DashboardFilter,
): Promise<(ListingStatsRow & { cursorKey: string })[]> {
  const page = newestFirst(listings.createdAt, listings.id, filter.cursor);
  const stats = tx
    .select({
      totalApplications: listingWithStats.totalApplications,
      activeApplications: listingWithStats.activeApplications,
      pendingApplications: listingWithStats.pendingApplications,
      shortlistedApplications: listingWithStats.shortlistedApplications,
      acceptedApplications: listingWithStats.acceptedApplications,
      lastApplicationAt: listingWithStats.lastApplicationAt,
    })
    .from(listingWithStats)
    .where(and(eq(listingWithStats.tenantId, listings.tenantId), eq(listingWithStats.id, listings.id)))
    // One row anyway; the LIMIT keeps the planner from flattening the lateral subquery
    // into a join with the whole grouped view.
    .limit(1)
    .as('stats');
  return tx
    .select({
      ...listingColumns,
      totalApplications: stats.totalApplications,
      activeApplications: stats.activeApplications,
      pendingApplications: stats.pendingApplications,
      shortlistedApplications: stats.shortlistedApplications,
      acceptedApplications: stats.acceptedApplications,
      lastApplicationAt: stats.lastApplicationAt,
      cursorKey: page.key,
    })
    .from(listings)
    .innerJoinLateral(stats, sql`true`)
    .where(
      and(
        eq(listings.tenantId, tenantId),
        eq(listings.accountId, accountId),
        isNull(listings.deletedAt),
        filter.statuses ? effectiveStatusIn(filter.statuses) : undefined,
        page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(filter.limit + 1);
}

/**
 * Status as readers see it (ACTIVE past its expiry is EXPIRED), as a filter: the
 * database clock decides, like it does for public visibility.
 */
export function effectiveStatusIn(statuses: readonly ListingStatus[]): SQL {
  const notExpired = sql`(${listings.expiresAt} is null or ${listings.expiresAt} > now())`;
  return or(
    ...statuses.map((status) =>
      status === 'ACTIVE'
        ? and(eq(listings.status, 'ACTIVE'), notExpired)
        : status === 'EXPIRED'
          ? or(eq(listings.status, 'EXPIRED'), and(eq(listings.status, 'ACTIVE'), sql`not ${notExpired}`))
          : eq(listings.status, status),
    ),
  )!;
}

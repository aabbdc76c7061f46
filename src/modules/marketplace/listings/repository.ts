import { and, eq, getTableColumns, isNotNull, isNull, ne, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type DueRows, tenantsWithDueRows } from '../../../db/due-work';
import { preparedSelect } from '../../../db/prepared';
import { applications, listings, listingWithStats } from '../../../db/schema/marketplace';
import { accounts, accountUsers } from '../../../db/schema/tenancy';
import { firstRow, rows } from '../../../db/sql';
import type { TenantTx, Tx } from '../../../db/tenant-context';
import { insertRow, type ListingRow, type ListingStatsRow, newestFirst, updateById } from '../shared/repository';
import type { ListingStatus } from '../shared/schemas';

/** Every listing column but the search vector and the category path (only the database reads them). */
const { search: _searchVector, searchConfig: _searchConfig, categoryPath: _categoryPath, ...listingColumns } = getTableColumns(listings);

export { listingColumns };

/** Column values for an insert or update; SQL values (now()) allowed. */
export type ListingValues = PgInsertValue<typeof listings>;
export type ListingChanges = PgUpdateSetSource<typeof listings>;

/** Live, ACTIVE and not past its expiry by the database clock: the listing holds an active slot. */
const liveAndActive = (tx: TenantTx): SQL =>
  and(
    eq(listings.tenantId, tx.tenantId),
    eq(listings.status, 'ACTIVE'),
    isNull(listings.deletedAt),
    sql`(${listings.expiresAt} is null or ${listings.expiresAt} > now())`,
  )!;

/** The listing's account is suspended (its listings are then nobody's business but its own). */
const ofSuspendedAccount = (tx: TenantTx): SQL =>
  sql`exists (select 1 from ${accounts}
               where ${accounts.tenantId} = ${tx.tenantId} and ${accounts.id} = ${listings.accountId} and ${accounts.status} = 'SUSPENDED')`;

/**
 * Public visibility: active and unexpired (an expiry hides a listing the moment it
 * passes), and the account is not suspended.
 */
export const publiclyVisible = (tx: TenantTx): SQL => and(liveAndActive(tx), sql`not ${ofSuspendedAccount(tx)}`)!;

/**
 * The same visibility for statements that scan many listings (search, facets, the saved
 * searches' matching): the tenant's suspended accounts are read once into a hashed set
 * and each listing is a probe in it. As NOT EXISTS, the planner walked the newest-first
 * index and looked up each listing's account in the accounts index, one lookup per
 * listing — 8 of the 12 ms of a common term's candidates at bench scale 1 (decision 0102).
 * account_id is NOT NULL, so NOT IN means exactly "not of a suspended account".
 */
export const publiclyListed = (tx: TenantTx): SQL =>
  and(
    liveAndActive(tx),
    sql`${listings.accountId} not in (select ${accounts.id} from ${accounts}
                                       where ${accounts.tenantId} = ${tx.tenantId} and ${accounts.status} = 'SUSPENDED')`,
  )!;

/**
 * What an application to the listing depends on besides the listing itself: whether its
 * account is suspended and whether the applicant belongs to that account. By the
 * listing's id, so that it can travel in one round trip with the listing's lock.
 */
export async function applicationStanding(
  tx: TenantTx,
  listingId: string,
  userId: string,
): Promise<{ accountSuspended: boolean; member: boolean } | undefined> {
  return firstRow<{ accountSuspended: boolean; member: boolean }>(
    tx,
    sql`select exists (select 1 from ${accounts} a
                        where a.tenant_id = ${tx.tenantId} and a.id = l.account_id and a.status = 'SUSPENDED') as "accountSuspended",
               exists (select 1 from ${accountUsers} au
                        where au.tenant_id = ${tx.tenantId} and au.account_id = l.account_id and au.user_id = ${userId}) as member
          from ${listings} l
         where l.tenant_id = ${tx.tenantId} and l.id = ${listingId} and l.deleted_at is null`,
  );
}

/** The user has an application to the listing that is not withdrawn: a participant, who sees its exact location. */
const applicationOfApplicant = preparedSelect((tx, param: (name: 'listingId' | 'userId') => Placeholder) =>
  tx
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        eq(applications.tenantId, tx.tenantId),
        eq(applications.listingId, param('listingId')),
        eq(applications.applicantId, param('userId')),
        ne(applications.status, 'WITHDRAWN'),
      ),
    ),
);

export async function isApplicant(tx: TenantTx, listingId: string, userId: string): Promise<boolean> {
  const [row] = await applicationOfApplicant(tx, { listingId, userId });
  return row !== undefined;
}

/** Stamps featured_at by the database clock (true), clears it (false), or leaves it (undefined). */
const featuring = (featured: boolean | undefined): ListingChanges => (featured === undefined ? {} : { featuredAt: featured ? sql`now()` : null });

/** A new listing of the transaction's tenant; `featured` stamps featured_at now. */
export const insertListing = (tx: TenantTx, values: Omit<ListingValues, 'tenantId'>, featured = false) =>
  insertRow<typeof listings, ListingRow>(tx, listings, { ...values, ...featuring(featured) } as ListingValues, listingColumns);

/**
 * A live (not deleted) listing. `lock` takes the row for the rest of the transaction,
 * so a status change and whatever depends on the status (applications, the active
 * count) cannot interleave.
 */
const listingById = (tx: TenantTx, id: Placeholder) =>
  tx
    .select(listingColumns)
    .from(listings)
    .where(and(eq(listings.tenantId, tx.tenantId), eq(listings.id, id), isNull(listings.deletedAt)));
// Hot reads (every listing page), built once: see db/prepared.ts.
const liveListing = preparedSelect((tx, param: (name: 'id') => Placeholder) => listingById(tx, param('id')));
const liveListingLocked = preparedSelect((tx, param: (name: 'id') => Placeholder) => listingById(tx, param('id')).for('no key update'));
const publicListing = preparedSelect((tx, param: (name: 'id') => Placeholder) =>
  tx
    .select(listingColumns)
    .from(listings)
    .where(and(publiclyVisible(tx), eq(listings.id, param('id')))),
);

export async function findListing(tx: TenantTx, id: string, lock = false): Promise<ListingRow | undefined> {
  const [row] = await (lock ? liveListingLocked : liveListing)(tx, { id });
  return row;
}

export async function findPublicListing(tx: TenantTx, id: string): Promise<ListingRow | undefined> {
  const [row] = await publicListing(tx, { id });
  return row;
}

/** Changes a listing; `featured` true stamps featured_at now, false clears it. */
export const updateListing = (tx: TenantTx, id: string, values: ListingChanges, featured?: boolean) =>
  updateById<typeof listings, ListingRow>(tx, listings, id, { ...values, ...featuring(featured) }, listingColumns);

/** Soft-deletes a listing: gone from every list and lookup, its applications stay. */
export const softDeleteListing = (tx: TenantTx, id: string) =>
  updateById<typeof listings, ListingRow>(tx, listings, id, { deletedAt: sql`now()` }, listingColumns);

/** Listings of the account that hold an active slot right now (expired ones no longer do). */
export async function countActiveListings(tx: TenantTx, accountId: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${listings}
         where ${and(liveAndActive(tx), eq(listings.accountId, accountId))}`,
  );
  return Number(row!.n);
}

/** ACTIVE listings whose expiry has passed by the database clock (columns unqualified: `listings` is the only table with them in each statement). */
const dueListings: DueRows = { from: sql`listings`, where: sql`status = 'ACTIVE' and deleted_at is null and expires_at <= now()`, oldest: sql`expires_at` };

/** The tenants with ACTIVE listings whose expiry has passed (platform path; a plain read, see db/due-work.ts). For the listings.expire job. */
export function tenantsWithDueListings(tx: Tx): Promise<string[]> {
  return tenantsWithDueRows(tx, dueListings);
}

/**
 * ACTIVE listings whose expiry has passed become EXPIRED, set-based, for the tenant the
 * transaction works for (withTenant, or `tenantId` on the platform path) — or, without
 * one, for every tenant the platform transaction sees. For the background job; public
 * reads already hide them before it runs. With `limit`, at most that many (the longest
 * overdue first, rows another worker holds are skipped), so a job can work through a
 * backlog in short transactions; on Citus a limited batch needs its tenant (it locks rows:
 * db/due-work.ts).
 */
export async function expireDueListings(tx: Tx, options: { tenantId?: string; limit?: number } = {}): Promise<{ tenantId: string; id: string }[]> {
  const tenantId = options.tenantId ?? ('tenantId' in tx ? (tx as TenantTx).tenantId : undefined);
  const tenant = tenantId ? eq(listings.tenantId, tenantId) : undefined;
  const due = and(tenant, dueListings.where);
  if (!options.limit) {
    return tx.update(listings).set({ status: 'EXPIRED' }).where(due).returning({ tenantId: listings.tenantId, id: listings.id });
  }
  // The batch is locked and taken once (a MATERIALIZED CTE): as an `in (…)` sub-query the
  // planner may rescan it per row, and each rescan skips what this statement already
  // updated — a batch of 2 then expired every due listing.
  return rows<{ tenantId: string; id: string }>(
    tx,
    sql`with batch as materialized (
          select tenant_id, id from listings
           where ${tenantId ? sql`tenant_id = ${tenantId} and ` : sql``}${dueListings.where}
           order by expires_at limit ${options.limit} for update skip locked)
        update listings l set status = 'EXPIRED' from batch
         where ${tenantId ? sql`l.tenant_id = ${tenantId} and ` : sql``}l.tenant_id = batch.tenant_id and l.id = batch.id and ${dueListings.where}
        returning l.tenant_id as "tenantId", l.id`,
  );
}

export interface DashboardFilter {
  statuses?: ListingStatus[];
  /** Only listings a moderator holds down (true) or only the others (false). */
  held?: boolean;
  cursor?: string;
  limit: number;
}

/**
 * The account's listings, newest first, with their application statistics from the
 * listing_with_stats view — joined LATERAL per listing, so the view aggregates only
 * the listings on the page (a plain join would aggregate the whole tenant first).
 */
export async function accountListingsWithStats(
  tx: TenantTx,
  accountId: string | null,
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
    // The tenant as a value, not only through the outer row: it is pushed into the
    // view's grouped scans of listings and applications.
    .where(and(eq(listingWithStats.tenantId, tx.tenantId), eq(listingWithStats.id, listings.id)))
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
        eq(listings.tenantId, tx.tenantId),
        accountId === null ? undefined : eq(listings.accountId, accountId),
        isNull(listings.deletedAt),
        filter.statuses ? effectiveStatusIn(filter.statuses) : undefined,
        filter.held === undefined ? undefined : filter.held ? isNotNull(listings.heldAt) : isNull(listings.heldAt),
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

/** Does the tenant approve listings before they go live (tenants.settings.marketplace.listingApproval)? */
export async function approvalRequired(tx: TenantTx): Promise<boolean> {
  const row = await firstRow<{ on: boolean | null }>(
    tx,
    sql`select (settings -> 'marketplace' ->> 'listingApproval')::boolean as on from tenants where id = ${tx.tenantId}`,
  );
  return row?.on === true;
}

import { and, desc, eq, getTableColumns, gt, isNull, or, sql } from 'drizzle-orm';
import { applications, listings } from '../../db/schema/marketplace';
import { accounts, accountUsers, userProfiles, users } from '../../db/schema/tenancy';
import { firstRow } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

export type ProfileRow = typeof userProfiles.$inferSelect;

/** A person who may be shown: neither deleted nor deactivated; their profile if they have one. */
export async function findVisibleUser(tx: TenantTx, userId: string): Promise<{ id: string; email: string; profile: ProfileRow | null } | undefined> {
  const [row] = await tx
    .select({ id: users.id, email: users.email, profile: getTableColumns(userProfiles) })
    .from(users)
    .leftJoin(userProfiles, and(eq(userProfiles.tenantId, users.tenantId), eq(userProfiles.userId, users.id)))
    .where(and(eq(users.tenantId, tx.tenantId), eq(users.id, userId), isNull(users.deletedAt), isNull(users.deactivatedAt)));
  if (!row) return undefined;
  return { id: row.id, email: row.email, profile: row.profile?.id ? (row.profile as ProfileRow) : null };
}

/** An account that may be shown: live and ACTIVE. */
export async function findVisibleAccount(tx: TenantTx, accountId: string) {
  const [row] = await tx
    .select({ id: accounts.id, name: accounts.name, identifier: accounts.identifier, type: accounts.type, createdAt: accounts.createdAt })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tx.tenantId), eq(accounts.id, accountId), isNull(accounts.deletedAt), eq(accounts.status, 'ACTIVE')));
  return row;
}

/** A listing whose reviews may be read: live and past its draft. */
export async function listingIsVisible(tx: TenantTx, listingId: string): Promise<boolean> {
  const row = await firstRow<{ id: string }>(
    tx,
    sql`select id from listings where tenant_id = ${tx.tenantId} and id = ${listingId} and deleted_at is null and status <> 'DRAFT'`,
  );
  return row !== undefined;
}

const openListing = (tx: TenantTx) =>
  and(
    eq(listings.tenantId, tx.tenantId),
    eq(listings.status, 'ACTIVE'),
    isNull(listings.deletedAt),
    or(isNull(listings.expiresAt), gt(listings.expiresAt, sql`now()`)),
  );

/** The listing columns a profile shows (not the search vector, its language or the category path: only the database reads them). */
const { search: _search, searchConfig: _searchConfig, categoryPath: _categoryPath, ...listingColumns } = getTableColumns(listings);

/** The account's newest open listings. */
export function accountOpenListings(tx: TenantTx, accountId: string, limit: number) {
  return tx
    .select(listingColumns)
    .from(listings)
    .where(and(openListing(tx), eq(listings.accountId, accountId)))
    .orderBy(desc(listings.id))
    .limit(limit);
}

/** A person's newest open listings: those of the INDIVIDUAL accounts they run. */
export function personOpenListings(tx: TenantTx, userId: string, limit: number) {
  return tx
    .select(listingColumns)
    .from(listings)
    .innerJoin(
      accounts,
      and(eq(accounts.tenantId, listings.tenantId), eq(accounts.id, listings.accountId), eq(accounts.type, 'INDIVIDUAL'), isNull(accounts.deletedAt)),
    )
    .innerJoin(
      accountUsers,
      and(
        eq(accountUsers.tenantId, listings.tenantId),
        eq(accountUsers.accountId, listings.accountId),
        eq(accountUsers.userId, userId),
        eq(accountUsers.role, 'admin'),
      ),
    )
    .where(openListing(tx))
    .orderBy(desc(listings.id))
    .limit(limit);
}

/** Who applied, for an application to one of the account's (live) listings. */
export async function applicantOf(tx: TenantTx, accountId: string, applicationId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ applicantId: applications.applicantId })
    .from(applications)
    .innerJoin(listings, and(eq(listings.tenantId, applications.tenantId), eq(listings.id, applications.listingId), isNull(listings.deletedAt)))
    .where(and(eq(applications.tenantId, tx.tenantId), eq(applications.id, applicationId), eq(listings.accountId, accountId)));
  return row?.applicantId;
}

/** The person's chosen public fields; undefined without a profile. */
export async function readPublicFields(tx: TenantTx, userId: string): Promise<string[] | undefined> {
  const [row] = await tx
    .select({ fields: userProfiles.publicFields })
    .from(userProfiles)
    .where(and(eq(userProfiles.tenantId, tx.tenantId), eq(userProfiles.userId, userId)));
  return row?.fields;
}

/** The caller's choice of public fields; undefined without a profile. */
export async function setPublicFields(tx: TenantTx, userId: string, fields: string[]): Promise<ProfileRow | undefined> {
  const [row] = await tx
    .update(userProfiles)
    .set({ publicFields: fields })
    .where(and(eq(userProfiles.tenantId, tx.tenantId), eq(userProfiles.userId, userId)))
    .returning();
  return row;
}

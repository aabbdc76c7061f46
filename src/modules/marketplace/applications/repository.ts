import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { applications, listings } from '../../../db/schema/marketplace';
import { firstRow } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';
import type { ListingSummary } from '../shared/presenters';
import { type ApplicationRow, insertRow, newestFirst, updateById } from '../shared/repository';
import type { ApplicationStatus } from '../shared/schemas';

const applicationColumns = getTableColumns(applications);

/** What the application rules need to know about its listing. */
const listingSummary = {
  id: listings.id,
  accountId: listings.accountId,
  title: listings.title,
  type: listings.type,
  status: listings.status,
  expiresAt: listings.expiresAt,
  requirements: listings.requirements,
};

export type ApplicationWithListing = { application: ApplicationRow; listing: ListingSummary & { requirements: unknown } };

const withLiveListing = (tx: TenantTx) =>
  and(eq(listings.tenantId, tx.tenantId), eq(listings.tenantId, applications.tenantId), eq(listings.id, applications.listingId), isNull(listings.deletedAt));

/**
 * An application with its (live) listing. `lock` row-locks the application; callers
 * lock the listing first (findListing(…, true)) — the one lock order of every
 * application change, also the counter trigger's, so they cannot deadlock.
 */
export async function findApplication(tx: TenantTx, id: string, lock = false): Promise<ApplicationWithListing | undefined> {
  const query = tx
    .select({ application: applicationColumns, listing: listingSummary })
    .from(applications)
    .innerJoin(listings, withLiveListing(tx))
    .where(and(eq(applications.tenantId, tx.tenantId), eq(applications.id, id)));
  const [row] = await (lock ? query.for('no key update', { of: applications }) : query);
  return row;
}

export const insertApplication = (tx: TenantTx, values: Omit<typeof applications.$inferInsert, 'tenantId'>) =>
  insertRow<typeof applications>(tx, applications, values as typeof applications.$inferInsert);

/** A new status; with `reviewer`, stamped as that person's decision now (database clock). */
export const updateApplicationStatus = (tx: TenantTx, id: string, status: ApplicationStatus, reviewer?: string) => {
  const values: PgUpdateSetSource<typeof applications> = reviewer ? { status, reviewedAt: sql`now()`, reviewedBy: reviewer } : { status };
  return updateById<typeof applications>(tx, applications, id, values);
};

export async function countAccepted(tx: TenantTx, listingId: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${applications}
         where ${and(eq(applications.tenantId, tx.tenantId), eq(applications.listingId, listingId), eq(applications.status, 'ACCEPTED'))}`,
  );
  return Number(row!.n);
}

export interface ApplicationListFilter {
  statuses?: ApplicationStatus[];
  cursor?: string;
  limit: number;
}

/** Whose applications a list shows: one applicant's, those to one listing, or the tenant's (optionally one account's listings). */
export type ApplicationsOf = { applicantId: string } | { listingId: string } | { tenantWide: true; accountId?: string };

/** A page of applications (newest first), each with its listing. */
export async function listApplications(tx: TenantTx, of: ApplicationsOf, filter: ApplicationListFilter) {
  const page = newestFirst(applications.createdAt, applications.id, filter.cursor);
  const scope =
    'applicantId' in of
      ? eq(applications.applicantId, of.applicantId)
      : 'listingId' in of
        ? eq(applications.listingId, of.listingId)
        : of.accountId
          ? eq(listings.accountId, of.accountId)
          : undefined;
  const rows = await tx
    .select({ application: applicationColumns, listing: listingSummary, cursorKey: page.key })
    .from(applications)
    .innerJoin(listings, withLiveListing(tx))
    .where(and(eq(applications.tenantId, tx.tenantId), scope, filter.statuses ? inArray(applications.status, filter.statuses) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(filter.limit + 1);
  return rows.map((r) => ({ ...r, id: r.application.id }));
}

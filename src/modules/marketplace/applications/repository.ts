import { and, eq, getTableColumns, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { applications, listings } from '../../../db/schema/marketplace';
import { firstRow } from '../../../db/sql';
import type { Tx } from '../../../db/tenant-context';
import { newestFirst } from '../shared/keyset';
import type { ApplicationRow, ListingSummary } from '../shared/presenters';
import { insertRow, updateById } from '../shared/rows';
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

const withLiveListing = (tenantId: string) =>
  and(eq(listings.tenantId, applications.tenantId), eq(listings.id, applications.listingId), isNull(listings.deletedAt), eq(listings.tenantId, tenantId));

/**
 * An application with its (live) listing. `lock` row-locks the application; callers
 * lock the listing first (findListing(…, true)) — the one lock order of every
 * application change, also the counter trigger's, so they cannot deadlock.
 */
export async function findApplication(tx: Tx, tenantId: string, id: string, lock = false): Promise<ApplicationWithListing | undefined> {
  const query = tx
    .select({ application: applicationColumns, listing: listingSummary })
    .from(applications)
    .innerJoin(listings, withLiveListing(tenantId))
    .where(and(eq(applications.tenantId, tenantId), eq(applications.id, id)));
  const [row] = await (lock ? query.for('no key update', { of: applications }) : query);
  return row;
}

export const insertApplication = (tx: Tx, values: typeof applications.$inferInsert) => insertRow<typeof applications>(tx, applications, values);

export const updateApplication = (tx: Tx, tenantId: string, id: string, values: PgUpdateSetSource<typeof applications>) =>
  updateById<typeof applications>(tx, applications, tenantId, id, values);

export async function countAccepted(tx: Tx, tenantId: string, listingId: string): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${applications}
         where ${and(eq(applications.tenantId, tenantId), eq(applications.listingId, listingId), eq(applications.status, 'ACCEPTED'))}`,
  );
  return Number(row!.n);
}

export interface ApplicationListFilter {
  statuses?: ApplicationStatus[];
  cursor?: string;
  limit: number;
}

/** A page of applications (newest first) matching `scope`, each with its listing. */
export async function listApplications(tx: Tx, tenantId: string, scope: SQL, filter: ApplicationListFilter) {
  const page = newestFirst(applications.createdAt, applications.id, filter.cursor);
  const rows = await tx
    .select({ application: applicationColumns, listing: listingSummary, cursorKey: page.key })
    .from(applications)
    .innerJoin(listings, withLiveListing(tenantId))
    .where(and(eq(applications.tenantId, tenantId), scope, filter.statuses ? inArray(applications.status, filter.statuses) : undefined, page.where))
    .orderBy(...page.orderBy)
    .limit(filter.limit + 1);
  return rows.map((r) => ({ ...r, id: r.application.id }));
}

export const byApplicant = (applicantId: string) => eq(applications.applicantId, applicantId);
export const byListing = (listingId: string) => eq(applications.listingId, listingId);

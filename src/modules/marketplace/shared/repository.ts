import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { invalidCursor } from '../../../core/errors';
import { decodeCursor } from '../../../core/pagination';
import { mediaFiles } from '../../../db/schema/content';
import { applicationStatus, applications, listingStatus, type listings, listingType, type messages, priceType } from '../../../db/schema/marketplace';
import { rows } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';
import { applicationStatuses, listingStatuses, listingTypes, priceTypes } from './schemas';

/**
 * The queries every part of the marketplace shares: the row types the presenters read,
 * single-row inserts and updates by key, newest-first keyset pages and the attachment
 * lookup. Every statement names the transaction's tenant.
 */

/** A listing as read (every column but the search vector, its language and the category path, which only the database reads). */
export type ListingRow = Omit<typeof listings.$inferSelect, 'search' | 'searchConfig' | 'categoryPath'>;
export type ApplicationRow = typeof applications.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** A listing with its application statistics (the listing_with_stats view). */
export interface ListingStatsRow extends ListingRow {
  totalApplications: number;
  activeApplications: number;
  pendingApplications: number;
  shortlistedApplications: number;
  acceptedApplications: number;
  lastApplicationAt: Date | null;
}

// The schemas' enum values are written out (schemas import no database code); these
// lines fail to compile the moment they and the database enums differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameValues = <A extends readonly string[], B extends readonly string[]>(_a: A, _b: B, ok: Same<A[number], B[number]>) => ok;
sameValues(listingTypes, listingType.enumValues, true);
sameValues(priceTypes, priceType.enumValues, true);
sameValues(listingStatuses, listingStatus.enumValues, true);
sameValues(applicationStatuses, applicationStatus.enumValues, true);

/**
 * now() of the transaction — its start, the same in every statement of it, so what the
 * created_at and updated_at of a row inserted in it default to — mapped as Drizzle maps
 * those columns: an insert's row (for its event) can be known before it is written.
 */
export async function transactionNow(tx: TenantTx): Promise<Date> {
  const [row] = await rows<{ now: string }>(tx, sql`select now()::text as now`);
  return applications.createdAt.mapFromDriverValue(row!.now) as Date;
}

/** A tenant-owned table keyed by (tenant_id, id). */
type Keyed = PgTable & { tenantId: PgColumn; id: PgColumn };

/** Changes one row of the transaction's tenant by its id and answers it as it is now. */
export async function updateById<T extends Keyed, R = T['$inferSelect']>(
  tx: TenantTx,
  table: T,
  id: string,
  values: PgUpdateSetSource<T>,
  columns?: Record<string, PgColumn>,
): Promise<R> {
  const query = tx
    .update(table)
    .set(values)
    .where(and(eq(table.tenantId, tx.tenantId), eq(table.id, id)));
  const [row] = (await (columns ? query.returning(columns) : query.returning())) as R[];
  return row!;
}

/** Inserts one row of the transaction's tenant and answers it with its defaults filled in. */
export async function insertRow<T extends Keyed, R = T['$inferSelect']>(
  tx: TenantTx,
  table: T,
  values: PgInsertValue<T>,
  columns?: Record<string, PgColumn>,
): Promise<R> {
  const query = tx.insert(table).values({ ...values, tenantId: tx.tenantId });
  const [row] = (await (columns ? query.returning(columns) : query.returning())) as R[];
  return row!;
}

/**
 * Newest-first keyset pagination on (created_at, id), the order of most marketplace
 * lists. The cursor holds the last row's created_at as exact text (a JS Date would
 * drop the microseconds and skip or repeat rows) and its id.
 */
export function newestFirst(createdAt: PgColumn, id: PgColumn, cursor: string | undefined) {
  let where: SQL | undefined;
  if (cursor) {
    const [at, lastId] = decodeCursor(cursor, 2);
    if (typeof at !== 'string' || typeof lastId !== 'string') {
      throw invalidCursor();
    }
    where = sql`(${createdAt}, ${id}) < (${at}::timestamptz, ${lastId}::uuid)`;
  }
  return {
    where,
    orderBy: [desc(createdAt), desc(id)],
    /** Select this as `cursorKey` and page with `newestCursor`. */
    key: sql<string>`${createdAt}::text`,
  };
}

/**
 * Which of `ids` are the user's own live uploads, locked the way the attachment
 * counting trigger (migration 0151) locks them: FOR NO KEY UPDATE, in id order.
 */
export async function lockOwnFiles(tx: TenantTx, userId: string, ids: readonly string[]): Promise<string[]> {
  const found = await tx
    .select({ id: mediaFiles.id })
    .from(mediaFiles)
    .where(and(eq(mediaFiles.tenantId, tx.tenantId), inArray(mediaFiles.id, [...ids]), eq(mediaFiles.uploaderId, userId), isNull(mediaFiles.deletedAt)))
    .orderBy(asc(mediaFiles.id))
    .for('no key update');
  return found.map((r) => r.id);
}

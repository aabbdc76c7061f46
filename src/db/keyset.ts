import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { decodeCursor } from '../core/pagination';

/**
 * Newest-first keyset pagination by primary key. Ids are UUIDv7, i.e. time-ordered, so
 * `ORDER BY id DESC` is "newest first", the primary key index answers it, and the
 * cursor is exact. (A timestamp cursor would not be: a JS Date holds milliseconds,
 * database defaults like now() hold microseconds, and rows of the same millisecond
 * would be skipped between pages.)
 *
 *   .where(and(filters…, beforeIdCursor(table.id, query.cursor))).orderBy(desc(table.id)).limit(limit + 1)
 *   toPage(rows, limit, (r) => idCursor(r.id), present)
 */
export function beforeIdCursor(idColumn: AnyColumn | SQL, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [id] = decodeCursor(cursor, 1);
  return sql`${idColumn} < ${String(id)}::uuid`;
}

/** The cursor values of a row for beforeIdCursor. */
export const idCursor = (id: string): [string] => [id];

import { desc, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { invalidCursor } from '../../../core/errors';
import { decodeCursor } from '../../../core/pagination';

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

export const newestCursor = (row: { cursorKey: string; id: string }) => [row.cursorKey, row.id];

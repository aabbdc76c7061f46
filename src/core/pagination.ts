import { invalidCursor } from './errors';

/**
 * Cursor pagination. A cursor is the sort key of the last row of a page, opaque to
 * clients (base64url JSON). Queries continue with `WHERE (key) < (cursor)` on an index,
 * so page 1000 costs what page 1 costs — unlike OFFSET.
 */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor into exactly `arity` values (any number when undefined) or answers 400. */
export function decodeCursor(cursor: string, arity?: number): (string | number | null)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      (arity === undefined || values.length === arity) &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number | null)[];
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/**
 * Builds a page from rows fetched with LIMIT limit+1: the extra row only tells
 * whether there is a next page.
 */
export function toPage<Row, Out>(rows: Row[], limit: number, cursorOf: (row: Row) => (string | number | null)[], present: (row: Row) => Out): Page<Out> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map(present),
    nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}

import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Orm } from './client';

const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (value: string) => Date;

interface RawResult<T> {
  rows: T[];
  fields?: { name: string; dataTypeID: number }[];
}

/**
 * Rows of a raw `sql\`…\`` query on either driver (both answer `{ rows, fields }`). For
 * queries the Drizzle builder cannot express well: search ranking, recursive CTEs,
 * range operators.
 *
 * Drizzle switches the drivers' timestamp parsing off for raw queries (its builder
 * parses them per column instead), so they would arrive as text; here timestamp
 * columns become `Date`s again, as everywhere else. Dates (`date`) stay 'YYYY-MM-DD'.
 */
export async function rows<T = Record<string, unknown>>(tx: Orm, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as RawResult<Record<string, unknown>>;
  const timestampColumns = (result.fields ?? []).filter((f) => f.dataTypeID === TIMESTAMPTZ || f.dataTypeID === TIMESTAMP).map((f) => f.name);
  if (timestampColumns.length) {
    for (const row of result.rows) {
      for (const column of timestampColumns) {
        const value = row[column];
        if (typeof value === 'string') row[column] = parseTimestamp(value);
      }
    }
  }
  return result.rows as T[];
}

/** The first row of a raw query, or undefined. */
export async function firstRow<T = Record<string, unknown>>(tx: Orm, query: SQL): Promise<T | undefined> {
  return (await rows<T>(tx, query))[0];
}

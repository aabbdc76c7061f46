import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import * as schema from '../../src/db/schema';
import { describeDb } from '../helpers/db';

/**
 * The Drizzle definitions are hand-written next to hand-written SQL migrations; this
 * test is what keeps them honest: same tables, same columns, same types, same nullability.
 */
const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

const normalise = (type: string) =>
  type
    .replace(/\s+/g, '')
    .replace(/^"?public"?\./, '')
    .replace(/"/g, '');

describeDb('Drizzle schema matches the migrated database', (t) => {
  it('defines every table the migrations create (public schema)', async () => {
    const dbTables = await t.db.query<{ name: string }>(`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`);
    const defined = tables
      .map((table) => getTableConfig(table))
      .filter((c) => !c.schema)
      .map((c) => c.name)
      .sort();
    expect(defined).toEqual(dbTables.map((r) => r.name));
  });

  it.each(tables.map((table) => [getTableConfig(table).name, table] as const))('%s: columns, types and nullability', async (_name, table) => {
    const config = getTableConfig(table);
    const dbColumns = await t.db.query<{ name: string; type: string; not_null: boolean }>(
      `
      select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
        from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
      [config.schema ? `${config.schema}.${config.name}` : config.name],
    );
    const fromDrizzle = config.columns
      .map((c) => ({ name: c.name, type: normalise(c.getSQLType()), not_null: c.notNull }))
      .sort((x, y) => x.name.localeCompare(y.name));
    const fromDb = dbColumns.map((c) => ({ ...c, type: normalise(c.type) })).sort((x, y) => x.name.localeCompare(y.name));
    expect(fromDrizzle).toEqual(fromDb);
  });
});

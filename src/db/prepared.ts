import { Column, is, type Placeholder, SQL, Subquery, sql } from 'drizzle-orm';
import { prepareOnEachConnection } from './first-trip';
import type { TenantTx } from './tenant-context';

/**
 * A Drizzle select whose SQL is built once per process instead of once per call.
 *
 * Building a select (walking its columns and conditions into SQL text) costs more CPU than
 * the primary-key read it describes: profiles of the listing read put a fifth of the
 * process's busy time there. A hot read is written once with named placeholders
 * (`param('listingId')`), compiled on its first call, and every later call only fills in
 * the values and maps the rows exactly as Drizzle maps them. The statement still goes
 * through the caller's transaction (its tenant context, its one round trip).
 *
 * The shape must not depend on the values: a variant (a lock, an optional filter) is a
 * prepared select of its own. `build` sees a transaction whose `tenantId` is itself a
 * placeholder, filled with the calling transaction's tenant on every call, so repository
 * code keeps writing `eq(table.tenantId, tx.tenantId)` and no call can inherit the tenant
 * of the call that compiled it.
 */
export function preparedSelect<Q extends PromiseLike<unknown[]>, K extends string = never>(
  build: (tx: TenantTx, param: (name: K) => Placeholder<K>) => Q,
): (tx: TenantTx, values?: Record<K, unknown>) => Promise<Awaited<Q>> {
  let compiled: Compiled | undefined;
  return (tx, values) => {
    compiled ??= compile(build(compilingTx(tx), (name) => sql.placeholder(name)) as unknown as SelectInternals);
    const session = (tx as unknown as { session: SessionInternals }).session;
    const query = session.prepareQuery(compiled.query, compiled.fields, undefined, true, compiled.mapRows);
    query.joinsNotNullableMap = compiled.joinsNotNullableMap;
    return query.execute({ ...values, [TENANT]: tx.tenantId }) as Promise<Awaited<Q>>;
  };
}

const TENANT = 'tenantId';

/** tx with a placeholder for its tenant (typed as the string it stands for). */
const compilingTx = (tx: TenantTx): TenantTx => Object.assign(Object.create(tx) as TenantTx, { tenantId: sql.placeholder(TENANT) as unknown as string });

/*
 * What Drizzle 0.45's select builder and session hold at run time (not in its public
 * types). test/db/prepared.test.ts runs prepared and plain selects side by side on both
 * engines, so an upgrade that moves these fails there, not in production.
 */
interface PreparedInternals {
  queryString: string;
  params: unknown[];
  fields: unknown;
  joinsNotNullableMap?: Record<string, boolean>;
  execute(values: Record<string, unknown>): Promise<unknown>;
}
interface SelectInternals {
  _prepare(): PreparedInternals;
  joinsNotNullableMap: Record<string, boolean>;
}
interface SessionInternals {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: unknown,
    name: string | undefined,
    isResponseInArrayMode: boolean,
    customResultMapper?: RowsMapper,
  ): PreparedInternals;
}
interface Compiled {
  query: { sql: string; params: unknown[] };
  fields: unknown;
  joinsNotNullableMap: Record<string, boolean>;
  mapRows: RowsMapper | undefined;
}
type RowsMapper = (rows: unknown[][]) => Record<string, unknown>[];
interface SelectedField {
  path: string[];
  field: unknown;
}
type Decoder = { mapFromDriverValue(value: unknown): unknown };

function compile(select: SelectInternals): Compiled {
  if (typeof select._prepare !== 'function') throw new Error('preparedSelect: build must return a Drizzle select');
  // Builds the SQL and the field list once; nothing is sent.
  const probe = select._prepare();
  // Prepared on each connection of a server (PGlite runs in the process: nothing to save there).
  if (probe.params.length > 0) prepareOnEachConnection(probe.queryString);
  return {
    query: { sql: probe.queryString, params: probe.params },
    fields: probe.fields,
    joinsNotNullableMap: { ...select.joinsNotNullableMap },
    mapRows: flatRowsMapper(probe.fields as SelectedField[]),
  };
}

/**
 * For a select of named columns and expressions (no nested objects, no joined tables to
 * null out): rows mapped as Drizzle's mapResultRow maps them — each value through its
 * column's (or expression's) decoder, null as null — with the decoders looked up once
 * instead of once per value. Anything else: undefined, and Drizzle maps the rows itself.
 */
function flatRowsMapper(fields: SelectedField[]): RowsMapper | undefined {
  if (!Array.isArray(fields) || fields.some((f) => f.path.length !== 1)) return undefined;
  const names = fields.map((f) => f.path[0]!);
  const decoders = fields.map(({ field }): Decoder => {
    // The same choice as mapResultRow's (an SQL's decoder is internal to Drizzle).
    if (is(field, Column)) return field;
    if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
    if (is(field, Subquery)) return (field as unknown as { _: { sql: { decoder: Decoder } } })._.sql.decoder;
    return (field as { sql: { decoder: Decoder } }).sql.decoder;
  });
  return (rows) =>
    rows.map((row) => {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        const raw = row[i];
        result[names[i]!] = raw === null ? null : decoders[i]!.mapFromDriverValue(raw);
      }
      return result;
    });
}

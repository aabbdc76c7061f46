import { type SQL, sql } from 'drizzle-orm';
import type { Database, Orm } from '../../../db/client';
import type { CatalogForeignKey } from './catalog-repository';
import type { DumpPlanTable } from './plan';

/**
 * The tenant dump's SQL. Table and column names come from the database catalog (never
 * from a dump file); the tenant id is checked to be a UUID before it is spelled out.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuid = (id: string) => {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  return `'${id}'`;
};
const ident = (name: string) =>
  name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
const ofTenant = (table: DumpPlanTable, tenantId: string) => (table.name === 'tenants' ? `t.id = ${uuid(tenantId)}` : `t.tenant_id = ${uuid(tenantId)}`);

async function run<T>(tx: Orm, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

export interface TenantRow {
  id: string;
  identifier: string;
  name: string;
}

export async function findTenantRow(db: Pick<Database, 'query'>, ref: string): Promise<TenantRow | undefined> {
  const [row] = await db.query<TenantRow>(
    'select id, identifier, name from tenants where identifier = lower($1) or id::text = lower($1) order by deleted_at nulls first limit 1',
    [ref],
  );
  return row;
}

export async function tenantTaken(db: Pick<Database, 'query'>, id: string, identifier: string): Promise<TenantRow | undefined> {
  const [row] = await db.query<TenantRow>('select id, identifier, name from tenants where id = $1 or identifier = $2 limit 1', [id, identifier]);
  return row;
}

/** What the export reads, all in one snapshot. */
export interface SnapshotReader {
  count(table: DumpPlanTable, tenantId: string): Promise<number>;
  /** Each row as the text of to_jsonb(row), in primary-key order, batch by batch. */
  rows(table: DumpPlanTable, tenantId: string, batchSize: number, onBatch: (lines: string[]) => Promise<void>): Promise<void>;
  /** Global rows the tenant's rows reference: their key → their name in every installation. */
  globalNames(table: DumpPlanTable, ref: DumpPlanTable['globalRefs'][number], tenantId: string): Promise<{ key: string; name: string }[]>;
  /** Storage keys of the tenant's stored objects: media files (live and trashed rows) and ready data exports. */
  storageKeys(tenantId: string): Promise<string[]>;
}

/**
 * A read-only REPEATABLE READ transaction as mono_platform (which sees every tenant's rows
 * through RLS): every table is read from the same snapshot while the tenant stays live.
 */
export function withSnapshot<T>(db: Database, fn: (reader: SnapshotReader) => Promise<T>): Promise<T> {
  return db.transaction("set transaction isolation level repeatable read, read only; select set_config('role', 'mono_platform', true)", (tx) =>
    fn({
      async count(table, tenantId) {
        const [row] = await run<{ n: number | string }>(tx, sql.raw(`select count(*) as n from ${ident(table.name)} t where ${ofTenant(table, tenantId)}`));
        return Number(row?.n ?? 0);
      },
      async rows(table, tenantId, batchSize, onBatch) {
        const order = table.primaryKey.length ? table.primaryKey.map((c) => `t.${ident(c)}`).join(', ') : 'to_jsonb(t)::text';
        await tx.execute(
          sql.raw(`declare tenant_dump no scroll cursor for
                     select to_jsonb(t)::text as line from ${ident(table.name)} t where ${ofTenant(table, tenantId)} order by ${order}`),
        );
        for (;;) {
          const batch = await run<{ line: string }>(tx, sql.raw(`fetch forward ${Math.trunc(batchSize)} from tenant_dump`));
          if (!batch.length) break;
          await onBatch(batch.map((r) => r.line));
        }
        await tx.execute(sql.raw('close tenant_dump'));
      },
      async globalNames(table, ref, tenantId) {
        return run<{ key: string; name: string }>(
          tx,
          sql.raw(`select distinct g.${ident(ref.key)}::text as key, g.${ident(ref.naturalKey)}::text as name
                     from ${ident(table.name)} t join ${ident(ref.table)} g on g.${ident(ref.key)} = t.${ident(ref.column)}
                    where ${ofTenant(table, tenantId)} order by 1`),
        );
      },
      async storageKeys(tenantId) {
        const found = await run<{ key: string }>(
          tx,
          sql.raw(`select t.storage_key as key from media_files t where t.tenant_id = ${uuid(tenantId)} and t.storage_key is not null
                   union select t.storage_key from user_exports t where t.tenant_id = ${uuid(tenantId)} and t.status = 'READY' order by 1`),
        );
        return found.map((r) => r.key);
      },
    }),
  );
}

/** What the import writes, all in one transaction. */
export interface RestoreWriter {
  /**
   * Inserts a batch of dumped rows (JSON objects, as text) with their own column values;
   * `maps`: for each re-pointed column, source value → target value.
   */
  insert(table: DumpPlanTable, lines: string[], maps: Record<string, Record<string, string>>): Promise<number>;
  /** Foreign keys with a dangling reference among the tenant's rows. */
  danglingReferences(foreignKeys: CatalogForeignKey[], tenantId: string): Promise<string[]>;
  /**
   * xid8 columns (the event feed's commit order) written by another server's transactions
   * may lie in this server's future: those are moved to the restoring transaction's id.
   */
  rebaseTransactionIds(tables: DumpPlanTable[], tenantId: string): Promise<string[]>;
}

/**
 * One transaction as the connecting (owner) user with session_replication_role = replica:
 * no trigger fires while rows are restored (no second audit entry, no counter counted
 * twice, no updated_at touched) — see decision 63. Constraints other than foreign keys
 * still hold; foreign keys are checked by danglingReferences before commit.
 */
export function withRestore<T>(db: Database, fn: (writer: RestoreWriter) => Promise<T>): Promise<T> {
  return db.transaction('set local session_replication_role = replica', (tx) =>
    fn({
      async insert(table, lines, maps) {
        const name = sql.raw(ident(table.name));
        const columns = sql.raw(table.columns.map((c) => ident(c.name)).join(', '));
        const mapped = table.columns.some((c) => maps[c.name]);
        const values = sql.raw(
          table.columns
            .map((c) => (maps[c.name] ? `(m.m -> '${c.name.replace(/'/g, "''")}' ->> r.${ident(c.name)}::text)::${c.type}` : `r.${ident(c.name)}`))
            .join(', '),
        );
        const source = sql`jsonb_populate_recordset(null::${name}, ${`[${lines.join(',')}]`}::jsonb) r`;
        await tx.execute(
          mapped
            ? sql`insert into ${name} (${columns}) select ${values} from ${source}, (select ${JSON.stringify(maps)}::jsonb as m) m`
            : sql`insert into ${name} (${columns}) select ${values} from ${source}`,
        );
        return lines.length;
      },
      async danglingReferences(foreignKeys, tenantId) {
        const problems: string[] = [];
        for (const fk of foreignKeys) {
          const childTenant = fk.child === 'tenants' ? `c.id = ${uuid(tenantId)}` : `c.tenant_id = ${uuid(tenantId)}`;
          const notNull = fk.childColumns.map((c) => `c.${ident(c)} is not null`).join(' and ');
          const match = fk.childColumns.map((c, i) => `p.${ident(fk.parentColumns[i]!)} = c.${ident(c)}`).join(' and ');
          const [row] = await run<{ n: number | string }>(
            tx,
            sql.raw(`select count(*) as n from ${ident(fk.child)} c
                      where ${childTenant} and ${notNull} and not exists (select 1 from ${ident(fk.parent)} p where ${match})`),
          );
          if (Number(row?.n)) problems.push(`${fk.child}.${fk.name}: ${row!.n} row(s) reference a missing ${fk.parent} row`);
        }
        return problems;
      },
      async rebaseTransactionIds(tables, tenantId) {
        const moved: string[] = [];
        for (const table of tables) {
          for (const column of table.columns.filter((c) => c.type === 'xid8')) {
            const [row] = await run<{ n: number | string }>(
              tx,
              sql.raw(`with future as (select 1 from ${ident(table.name)} t where ${ofTenant(table, tenantId)} and t.${ident(column.name)} >= pg_current_xact_id() limit 1)
                       , moved as (update ${ident(table.name)} t set ${ident(column.name)} = pg_current_xact_id()
                                    where ${ofTenant(table, tenantId)} and exists (select 1 from future) returning 1)
                       select count(*) as n from moved`),
            );
            if (Number(row?.n)) moved.push(`${table.name}.${column.name}`);
          }
        }
        return moved;
      },
    }),
  );
}

/** The keys, in this installation, of global rows named `names` (e.g. permission ids by permission name). */
export async function globalKeysByName(db: Pick<Database, 'query'>, table: string, key: string, naturalKey: string, names: string[]) {
  return db.query<{ key: string; name: string }>(
    `select g.${ident(key)}::text as key, g.${ident(naturalKey)}::text as name from ${ident(table)} g where g.${ident(naturalKey)}::text = any($1::text[])`,
    [names],
  );
}

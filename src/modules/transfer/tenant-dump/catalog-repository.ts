import type { Database } from '../../../db/client';

/** A table as the database catalog describes it (public and mono schemas). */
export interface CatalogTable {
  /** Qualified name as regclass prints it: `users`, `mono.audit_chain_heads`. */
  name: string;
  /** Whether it has a tenant_id column (a tenant's rows) — `tenants` itself has not. */
  tenantOwned: boolean;
  /** Columns that are written on restore (stored generated columns are left out). */
  columns: { name: string; type: string }[];
  /** Primary key columns, in key order (the export's row order). */
  primaryKey: string[];
}

/** A foreign key between two such tables (partitions' inherited copies left out). */
export interface CatalogForeignKey {
  name: string;
  child: string;
  childColumns: string[];
  parent: string;
  parentColumns: string[];
}

const SCHEMAS = `('public', 'mono')`;

/** Every ordinary or partitioned table (not a partition) of Mono's schemas. */
export async function catalogTables(db: Pick<Database, 'query'>): Promise<CatalogTable[]> {
  const tables = await db.query<{ name: string; tenant_owned: boolean; columns: { name: string; type: string }[]; primary_key: string[] | null }>(
    `select c.oid::regclass::text as name,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as tenant_owned,
            (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) order by a.attnum)
               from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
            (select array_agg(a.attname::text order by k.ord)
               from pg_constraint p
               cross join lateral unnest(p.conkey) with ordinality as k(attnum, ord)
               join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
              where p.conrelid = c.oid and p.contype = 'p') as primary_key
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ${SCHEMAS} and c.relkind in ('r', 'p') and not c.relispartition
      order by 1`,
  );
  return tables.map((t) => ({ name: t.name, tenantOwned: t.tenant_owned, columns: t.columns, primaryKey: t.primary_key ?? [] }));
}

export async function catalogForeignKeys(db: Pick<Database, 'query'>): Promise<CatalogForeignKey[]> {
  return db.query<CatalogForeignKey>(
    `select f.conname::text as name, f.conrelid::regclass::text as child, f.confrelid::regclass::text as parent,
            (select array_agg(a.attname::text order by k.ord) from unnest(f.conkey) with ordinality k(attnum, ord)
               join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum) as "childColumns",
            (select array_agg(a.attname::text order by k.ord) from unnest(f.confkey) with ordinality k(attnum, ord)
               join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.attnum) as "parentColumns"
       from pg_constraint f
       join pg_class c on c.oid = f.conrelid join pg_namespace n on n.oid = c.relnamespace
      where f.contype = 'f' and f.conparentid = 0 and n.nspname in ${SCHEMAS} and not c.relispartition
      order by 2, 1`,
  );
}

/** The migrations applied to this database: how many, and the last one's name. */
export async function migrationLevel(db: Pick<Database, 'query'>): Promise<{ count: number; last: string }> {
  const [row] = await db.query<{ count: number | string; last: string | null }>('select count(*) as count, max(name) as last from mono.schema_migrations');
  return { count: Number(row?.count ?? 0), last: row?.last ?? '' };
}

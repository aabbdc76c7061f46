import type { Database } from '../../src/db/client';

export interface TenantTable {
  /** schema-qualified, quoted-as-needed name */
  name: string;
  schema: string;
  table: string;
  partitioned: boolean;
  /** insertable columns (not generated) */
  columns: string[];
}

/**
 * Every table that holds tenant data, found from the catalog: ordinary or partitioned
 * tables (not individual partitions) in public or mono with a tenant_id column, plus
 * tenants itself. A table added tomorrow is covered by every test that uses this.
 */
export async function tenantOwnedTables(db: Database): Promise<TenantTable[]> {
  const rows = await db.query<{ schema: string; table: string; kind: string; columns: string[] }>(`
    select n.nspname as schema, c.relname as table, c.relkind as kind,
           array_agg(a.attname::text order by a.attnum) filter (where a.attgenerated = '') as columns
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where n.nspname in ('public', 'mono')
       and c.relkind in ('r', 'p')
       and not c.relispartition
       and (exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)
            or (n.nspname = 'public' and c.relname = 'tenants'))
     group by n.nspname, c.relname, c.relkind
     order by 1, 2`);
  return rows.map((r) => ({
    schema: r.schema,
    table: r.table,
    name: r.schema === 'public' ? `public.${r.table}` : `${r.schema}.${r.table}`,
    partitioned: r.kind === 'p',
    columns: r.columns,
  }));
}

/** The column that identifies the tenant of a row: tenant_id, or id for tenants. */
export const tenantColumn = (t: TenantTable) => (t.table === 'tenants' && t.schema === 'public' ? 'id' : 'tenant_id');

import type { Database } from '../../db/client';

/** The catalogue and bookkeeping reads of `mono doctor` (doctor.ts), as the owner across tenants. */

export const schemaMigrationsTableExists = (db: Database) => db.query<{ ok: boolean }>(`select to_regclass('mono.schema_migrations') is not null as ok`);

export const appliedMigrationNames = (db: Database) => db.query<{ name: string }>('select name from mono.schema_migrations order by name');

export const tenantTableSecurity = (db: Database) =>
  db.query<{ name: string; rls: boolean; forced: boolean; partition: boolean; policy: boolean }>(
    `
    select c.oid::regclass::text as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced, c.relispartition as partition,
           exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as policy
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'mono') and c.relkind in ('r', 'p')
       and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
            or (n.nspname = 'public' and c.relname = 'tenants'))
     order by 1`,
  );

export const runtimeRoles = (db: Database) =>
  db.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
    `select rolname, rolsuper, rolbypassrls from pg_roles where rolname in ('mono_app', 'mono_platform', current_user) order by rolname`,
  );

export const connectingRole = (db: Database) =>
  db.query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');

export const foreignKeysWithoutIndex = (db: Database) =>
  db.query<{ constraint_name: string; table_name: string; columns: string[] }>(
    `
    select con.conname as constraint_name, con.conrelid::regclass::text as table_name,
           array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as columns
      from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
     where con.contype = 'f' and n.nspname in ('public', 'mono') and not c.relispartition
       and not exists (
         select 1 from pg_index i
          where i.indrelid = con.conrelid
            and (select array_agg(x order by x) from unnest(con.conkey) x)
              = (select array_agg(k order by k) from unnest(i.indkey::int2[]) with ordinality u(k, pos) where pos <= cardinality(con.conkey)))
     order by 2, 1`,
  );

export const partitionMonths = (db: Database, table: string, monthsAhead: number) =>
  db.query<{ month: string; present: boolean; current: boolean }>(
    `select to_char(m, 'YYYY_MM') as month, to_regclass($1 || '_p' || to_char(m, 'YYYY_MM')) is not null as present, m = date_trunc('month', now()) as current
         from generate_series(date_trunc('month', now()), date_trunc('month', now()) + make_interval(months => $2), interval '1 month') m`,
    [table, monthsAhead],
  );

/** Rows waiting in the table's DEFAULT partition, and the month of the oldest (by its partition key: created_at, occurred_at). */
export async function defaultPartitionBacklog(db: Database, table: string) {
  const [key] = await db.query<{ column: string | null }>('select mono.partition_key_column($1::regclass) as column', [table]);
  if (!key?.column || !/^[a-z_]+$/.test(key.column)) throw new Error(`${table} is not partitioned by one column`);
  return db.query<{ n: number | string; first: string | null }>(
    `select count(*) as n, to_char(min(${key.column}), 'YYYY-MM-01') as first from ${table}_default`,
  );
}

export const invalidIndexes = (db: Database) =>
  db.query<{ name: string; table_name: string }>(
    `
    select i.indexrelid::regclass::text as name, i.indrelid::regclass::text as table_name
      from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
     where (not i.indisvalid or not i.indisready) and n.nspname not in ('pg_catalog', 'pg_toast')
       and c.relkind <> 'I'
     order by 1`,
  );

export const bloatedTables = (db: Database, minDead: number, ratio: number) =>
  db.query<{ name: string; live: number | string; dead: number | string; last_vacuum: Date | null }>(
    `
    select relid::regclass::text as name, n_live_tup as live, n_dead_tup as dead, greatest(last_vacuum, last_autovacuum) as last_vacuum
      from pg_stat_user_tables
     where n_dead_tup >= $1 and n_dead_tup > $2::float8 * greatest(n_live_tup, 1)
     order by n_dead_tup desc`,
    [minDead, ratio],
  );

export const pgStatStatementsInstalled = (db: Database) =>
  db.query<{ ok: boolean }>(`select exists (select 1 from pg_extension where extname = 'pg_stat_statements') as ok`);

export const slowestStatements = (db: Database, limit: number) =>
  db.query<{ query: string; calls: number | string; mean_ms: number; total_ms: number }>(
    `select query, calls, round(mean_exec_time::numeric, 2)::float8 as mean_ms, round(total_exec_time::numeric)::float8 as total_ms
         from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
        order by mean_exec_time desc limit $1`,
    [limit],
  );

export const lastJobRuns = (db: Database) =>
  db.query<{ job: string; status: string; error: string | null; started_at: Date; worker: string | null; abandoned: boolean }>(
    `select distinct on (job) job, status, error, started_at, worker, (status = 'running' and lease_expires_at <= clock_timestamp()) as abandoned
       from mono.job_runs order by job, started_at desc`,
  );

export const unfinishedBackfills = (db: Database) =>
  db.query<{ name: string; rows_scanned: number | string }>(
    'select name, rows_scanned from mono.backfill_checkpoints where completed_at is null order by name',
  );

export const jobRunsTableExists = (db: Database) => db.query<{ ok: boolean }>(`select to_regclass('mono.job_runs') is not null as ok`);

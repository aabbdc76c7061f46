import type { Database } from '../../db/client';

/** Statements of `mono maintenance` (vacuum.ts) and `mono partitions ensure` (partitions.ts), as the owner. */

/** Tables (and partitioned parents) worth analyzing, biggest first, with their live and dead row counts. */
export const maintenanceCandidates = (db: Database, minRows: number) =>
  db.query<{ name: string; live: number | string; dead: number | string; partitioned: boolean }>(
    `
    select c.oid::regclass::text as name, coalesce(s.n_live_tup, 0) as live, coalesce(s.n_dead_tup, 0) as dead, c.relkind = 'p' as partitioned
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_stat_user_tables s on s.relid = c.oid
     where n.nspname in ('public', 'mono') and c.relkind in ('r', 'p')
       and (c.relkind = 'p' or coalesce(s.n_live_tup, 0) + coalesce(s.n_dead_tup, 0) >= $1)
     order by coalesce(s.n_live_tup, 0) + coalesce(s.n_dead_tup, 0) desc, 1`,
    [minRows],
  );

/** VACUUM (ANALYZE) or ANALYZE one table (`name` comes from the catalogue). VACUUM cannot run inside a transaction: a statement on its own. */
export const vacuumOrAnalyze = (db: Database, name: string, vacuum: boolean) => db.exec(`${vacuum ? 'vacuum (analyze)' : 'analyze'} ${name}`);

/** mono.ensure_monthly_partitions of one table: the partitions it created. */
export const ensureMonthlyPartitions = (db: Database, table: string, monthsAhead: number) =>
  db.query<{ name: string }>('select mono.ensure_monthly_partitions($1::regclass, $2) as name', [table, monthsAhead]);

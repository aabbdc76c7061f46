import type { Database } from '../../db/client';
import { loadMigrations, pendingMigrations } from '../../db/migrate';
import {
  appliedMigrationNames,
  bloatedTables,
  connectingRole,
  defaultPartitionBacklog,
  foreignKeysWithoutIndex,
  invalidIndexes as invalidIndexList,
  jobRunsTableExists,
  lastJobRuns,
  partitionMonths,
  pgStatStatementsInstalled,
  runtimeRoles,
  schemaMigrationsTableExists,
  slowestStatements,
  tenantTableSecurity,
  unfinishedBackfills,
} from './doctor-repository';
import { PARTITIONED_TABLES } from './partitions';

/**
 * `mono doctor`: the live database against what this version of the code expects. Each
 * check answers ok / warn / fail with the objects concerned and, for each, the fix. A
 * failure means the guarantees Mono is built on do not hold (pending migrations, a
 * tenant table without forced RLS, an invalid index…); a warning is worth fixing soon.
 */
export type Status = 'ok' | 'info' | 'warn' | 'fail';

export interface CheckItem {
  what: string;
  fix?: string;
}

export interface CheckResult {
  check: string;
  status: Status;
  summary: string;
  items: CheckItem[];
}

export interface DoctorOptions {
  /** Coming months whose partitions must exist (the scheduler keeps 3). */
  monthsAhead?: number;
  /** Dead rows above this share of live rows count as bloat… */
  bloatRatio?: number;
  /** …when there are at least this many of them. */
  bloatMinDeadRows?: number;
  /** How many of the slowest statements to show (pg_stat_statements). */
  slowQueries?: number;
}

const result = (check: string, status: Status, summary: string, items: CheckItem[] = []): CheckResult => ({ check, status, summary, items });

async function migrations(db: Database): Promise<CheckResult> {
  const known = loadMigrations();
  const pending = await pendingMigrations(db, known);
  const [table] = await schemaMigrationsTableExists(db);
  const applied = table!.ok ? await appliedMigrationNames(db) : [];
  const unknown = applied.filter((row) => !known.some((m) => m.name === row.name));
  if (unknown.length) {
    return result(
      'migrations',
      'fail',
      `the database has ${unknown.length} migration(s) this code does not know: it is older than the database`,
      unknown.map((m) => ({ what: m.name, fix: 'deploy the version of Mono that added it' })),
    );
  }
  if (pending.length && applied.length === 0) {
    return result('migrations', 'fail', `the database is empty: none of the ${known.length} migrations is applied`, [
      { what: 'no Mono schema yet', fix: 'mono migrate' },
    ]);
  }
  if (pending.length) {
    // A long list helps nobody: the first few name the gap, one fix applies them all.
    const shown = pending.slice(0, 5).map((name) => ({ what: name, fix: 'mono migrate' }));
    if (pending.length > shown.length) shown.push({ what: `… and ${pending.length - shown.length} more`, fix: 'mono migrate' });
    return result('migrations', 'fail', `${pending.length} migration(s) not applied`, shown);
  }
  return result('migrations', 'ok', `all ${known.length} migrations applied`);
}

async function rowLevelSecurity(db: Database): Promise<CheckResult> {
  const tables = await tenantTableSecurity(db);
  const items: CheckItem[] = [];
  for (const t of tables) {
    if (!t.rls || !t.forced) {
      items.push({
        what: `${t.name}: row-level security ${t.rls ? 'enabled but not forced' : 'not enabled'}`,
        fix: t.partition
          ? `select mono.secure_partition('${t.name}');`
          : `alter table ${t.name} enable row level security; alter table ${t.name} force row level security;`,
      });
    } else if (!t.partition && !t.policy) {
      items.push({
        what: `${t.name}: no tenant_isolation policy (nobody but the platform role sees a row)`,
        fix: `see mono.enable_tenant_rls('${t.name}') in 0001_base.sql`,
      });
    }
  }
  return items.length
    ? result('row-level security', 'fail', `${items.length} of ${tables.length} tenant-owned tables are not locked down`, items)
    : result('row-level security', 'ok', `forced on all ${tables.length} tenant-owned tables and partitions`);
}

async function roles(db: Database): Promise<CheckResult> {
  const found = await runtimeRoles(db);
  const items: CheckItem[] = [];
  for (const role of found.filter((r) => r.rolname === 'mono_app' || r.rolname === 'mono_platform')) {
    if (role.rolsuper || role.rolbypassrls)
      items.push({ what: `${role.rolname} bypasses row-level security`, fix: `alter role ${role.rolname} nosuperuser nobypassrls;` });
  }
  for (const name of ['mono_app', 'mono_platform']) {
    if (!found.some((r) => r.rolname === name)) items.push({ what: `role ${name} is missing`, fix: 'mono migrate' });
  }
  if (items.length) return result('runtime roles', 'fail', 'the runtime roles must be subject to row-level security', items);
  const me = (await connectingRole(db))[0];
  if (me && !me.rolsuper && !me.rolbypassrls) {
    return result(
      'runtime roles',
      'warn',
      'the connecting (owner) role is subject to forced RLS: audit verify, prune and erasure read across tenants as the owner',
      [{ what: 'current_user has neither SUPERUSER nor BYPASSRLS', fix: 'alter role <owner> bypassrls;' }],
    );
  }
  return result('runtime roles', 'ok', 'mono_app and mono_platform cannot bypass RLS');
}

async function foreignKeyIndexes(db: Database): Promise<CheckResult> {
  const missing = await foreignKeysWithoutIndex(db);
  return missing.length
    ? result(
        'foreign key indexes',
        'warn',
        `${missing.length} foreign key(s) without an index: deleting or updating the referenced row scans the whole table`,
        missing.map((fk) => ({
          what: `${fk.table_name}.${fk.constraint_name} (${fk.columns.join(', ')})`,
          fix: `create index concurrently ${fk.table_name.replace(/^.*\./, '')}_${fk.columns.filter((c) => c !== 'tenant_id').join('_') || 'tenant'}_idx on ${fk.table_name} (${fk.columns.join(', ')});`,
        })),
      )
    : result('foreign key indexes', 'ok', 'every foreign key has an index that leads with its columns');
}

async function partitions(db: Database, monthsAhead: number): Promise<CheckResult> {
  const items: CheckItem[] = [];
  let status: Status = 'ok';
  for (const table of PARTITIONED_TABLES) {
    const months = await partitionMonths(db, table, monthsAhead);
    for (const m of months.filter((x) => !x.present)) {
      if (m.current) status = 'fail';
      else if (status === 'ok') status = 'warn';
      items.push({
        what: `${table}_p${m.month} is missing${m.current ? ' (this month: writes land in the default partition)' : ''}`,
        fix: `mono partitions ensure --months ${monthsAhead}`,
      });
    }
    const [waiting] = await defaultPartitionBacklog(db, table);
    if (Number(waiting!.n) > 0) {
      if (status === 'ok') status = 'warn';
      items.push({
        what: `${Number(waiting!.n)} row(s) of ${table} wait in ${table}_default`,
        fix: `select mono.ensure_monthly_partitions('${table}', <months from ${waiting!.first} to now>, '${waiting!.first}');`,
      });
    }
  }
  return status === 'ok'
    ? result('partitions', 'ok', `${PARTITIONED_TABLES.join(', ')}: this month and ${monthsAhead} ahead exist, default partitions empty`)
    : result('partitions', status, `${items.length} partition problem(s)`, items);
}

async function invalidIndexes(db: Database): Promise<CheckResult> {
  const invalid = await invalidIndexList(db);
  return invalid.length
    ? result(
        'invalid indexes',
        'fail',
        `${invalid.length} invalid index(es): left by a failed CREATE INDEX CONCURRENTLY, never used, still maintained`,
        invalid.map((i) => ({ what: `${i.name} on ${i.table_name}`, fix: `reindex index concurrently ${i.name};` })),
      )
    : result('invalid indexes', 'ok', 'no invalid indexes');
}

async function bloat(db: Database, ratio: number, minDead: number): Promise<CheckResult> {
  const bloated = await bloatedTables(db, minDead, ratio);
  return bloated.length
    ? result(
        'table bloat',
        'warn',
        `${bloated.length} table(s) with many dead rows (autovacuum is behind or blocked by a long transaction)`,
        bloated.map((t) => ({
          what: `${t.name}: ${Number(t.dead).toLocaleString('en')} dead / ${Number(t.live).toLocaleString('en')} live rows, last vacuum ${t.last_vacuum ? new Date(t.last_vacuum).toISOString() : 'never'}`,
          fix: `mono maintenance (or: vacuum (analyze) ${t.name};)`,
        })),
      )
    : result('table bloat', 'ok', `no table has more than ${Math.round(ratio * 100)}% dead rows`);
}

async function slowQueries(db: Database, limit: number): Promise<CheckResult> {
  const [installed] = await pgStatStatementsInstalled(db);
  if (!installed!.ok) {
    return result('slowest queries', 'info', 'pg_stat_statements is not installed in this database: skipped', [
      { what: 'on a server: shared_preload_libraries = pg_stat_statements, restart, then', fix: 'create extension pg_stat_statements;' },
    ]);
  }
  try {
    const slow = await slowestStatements(db, limit);
    return result(
      'slowest queries',
      'info',
      `the ${slow.length} slowest statements by mean time (pg_stat_statements)`,
      slow.map((q) => ({
        what: `${q.mean_ms} ms mean × ${Number(q.calls).toLocaleString('en')} calls: ${q.query.replace(/\s+/g, ' ').slice(0, 160)}`,
        fix: 'EXPLAIN (ANALYZE, BUFFERS) it with real parameters; an index or a keyset rewrite usually helps',
      })),
    );
  } catch (error) {
    return result('slowest queries', 'info', `pg_stat_statements is installed but cannot be read: ${(error as Error).message}`, [
      { what: 'the library must be preloaded', fix: 'shared_preload_libraries = pg_stat_statements, then restart the server' },
    ]);
  }
}

async function operations(db: Database): Promise<CheckResult> {
  const lastRuns = await lastJobRuns(db);
  const failedJobs = lastRuns.filter((run) => run.status === 'failed');
  // A run whose worker stopped renewing its lease: it died; the slot is claimed again by
  // the next scheduler tick (or the queue's retry) — unless no scheduler runs.
  const abandonedJobs = lastRuns.filter((run) => run.abandoned);
  const unfinished = await unfinishedBackfills(db);
  const items: CheckItem[] = [
    ...failedJobs.map((j) => ({ what: `job ${j.job} failed at ${new Date(j.started_at).toISOString()}: ${j.error}`, fix: `mono jobs run ${j.job}` })),
    ...abandonedJobs.map((j) => ({
      what: `job ${j.job} started at ${new Date(j.started_at).toISOString()} by ${j.worker ?? 'an unknown worker'} was abandoned: its lease expired`,
      fix: `a running scheduler re-runs it; or mono jobs run ${j.job}`,
    })),
    ...unfinished.map((b) => ({
      what: `data migration ${b.name} stopped after ${Number(b.rows_scanned).toLocaleString('en')} rows`,
      fix: `mono backfill ${b.name}`,
    })),
  ];
  return items.length
    ? result('jobs and data migrations', 'warn', `${items.length} unfinished piece(s) of work`, items)
    : result('jobs and data migrations', 'ok', 'no failed or abandoned job, no unfinished data migration');
}

export async function runDoctor(db: Database, options: DoctorOptions = {}): Promise<CheckResult[]> {
  const migrationResult = await migrations(db);
  // Without the schema, the other checks would only repeat that migrations are missing.
  if (migrationResult.status === 'fail' && (await jobRunsTableExists(db))[0]?.ok !== true) {
    return [migrationResult];
  }
  return [
    migrationResult,
    await rowLevelSecurity(db),
    await roles(db),
    await foreignKeyIndexes(db),
    await partitions(db, options.monthsAhead ?? 2),
    await invalidIndexes(db),
    await bloat(db, options.bloatRatio ?? 0.2, options.bloatMinDeadRows ?? 10_000),
    await slowQueries(db, options.slowQueries ?? 5),
    await operations(db),
  ];
}

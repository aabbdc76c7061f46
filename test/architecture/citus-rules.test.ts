import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type RawSession } from '../../src/db/client';
import { loadDefinitions, loadMigrations, migrate } from '../../src/db/migrate';
import { splitSqlStatements } from '../../src/db/split-sql';
import { tenantOwnedTables } from '../helpers/catalog';
import { describeDb } from '../helpers/db';

/**
 * Citus (docs/citus.md) distributes every tenant-owned table by tenant_id and refuses
 * some constructs that plain PostgreSQL and PGlite accept. This check runs over the
 * migrated catalog without Citus, so a construct that would break the cluster fails
 * CI the day it is written:
 * - RLS policies with a sub-select ("Subqueries are not supported in policies");
 * - statement triggers with transition tables;
 * - trigger functions that read TG_TABLE_NAME (on a worker it is the shard's name,
 *   users_102148): the logical name comes as a trigger argument instead;
 * - now() (or another clock) inside ON CONFLICT … DO UPDATE, or inside a CASE/COALESCE of
 *   an UPDATE's SET, in a function (take it into a PL/pgSQL variable first);
 * - parameterised LANGUAGE sql functions reading tenant tables (cannot be planned on a
 *   distributed table: use PL/pgSQL);
 * - unique keys, primary keys and exclusion constraints of tenant tables without
 *   tenant_id (and foreign keys between tenant tables that do not carry it, or that set
 *   columns to NULL or DEFAULT: refused when the distribution column is in the key);
 * - the migration runner sending a file as one multi-statement string.
 *
 * ALLOWED lists today's known exceptions; it only ever shrinks.
 */
const ALLOWED = new Set<string>([]);

/** Tenant data that stays one row per tenant on every node: a reference table (docs/decisions/0072-citus.md). */
const REFERENCE_TENANT_TABLES = new Set(['public.tenants']);

const CLOCK = /\b(now\s*\(\s*\)|current_timestamp|clock_timestamp\s*\(|statement_timestamp\s*\(|transaction_timestamp\s*\(|localtimestamp)/i;

/** Statements of a function body that put a clock into an upsert's DO UPDATE or a CASE/COALESCE of an UPDATE's SET. */
function clockInDistributedWrite(body: string): string[] {
  const found: string[] = [];
  for (const statement of splitSqlStatements(body)) {
    const upsert = /\bon\s+conflict\b[\s\S]*?\bdo\s+update\s+set\b([\s\S]*)/i.exec(statement);
    if (upsert && CLOCK.test(upsert[1]!.split(/\breturning\b/i)[0]!)) found.push(statement);
    const update = /\bupdate\s+(?:only\s+)?[\w."]+(?:\s+(?:as\s+)?\w+)?\s+set\b([\s\S]*)/i.exec(statement);
    if (update && !upsert) {
      const set = update[1]!.split(/\b(where|returning|from)\b/i)[0]!;
      if (/\b(case|coalesce|greatest|least)\b/i.test(set) && CLOCK.test(set)) found.push(statement);
    }
  }
  return found;
}

describe('architecture: the Citus rules helpers', () => {
  it('splits a script where a semicolon ends a statement, and nowhere else', () => {
    const script = `-- a comment; with a semicolon
      create table a (x text default 'a;b', "we;ird" int); /* block; /* nested; */ still */
      create function f() returns text language plpgsql as $fn$ begin return E'\\';'; end $fn$;
      select $$;$$, 'it''s; fine';
      ;`;
    expect(splitSqlStatements(script)).toEqual([
      `create table a (x text default 'a;b', "we;ird" int)`,
      `create function f() returns text language plpgsql as $fn$ begin return E'\\';'; end $fn$`,
      `select $$;$$, 'it''s; fine'`,
    ]);
  });

  it('splits every migration and definition into statements that split no further', () => {
    for (const file of [...loadMigrations(), ...loadDefinitions()]) {
      const statements = splitSqlStatements(file.sql);
      expect(statements.length, file.name).toBeGreaterThan(0);
      for (const statement of statements) expect(splitSqlStatements(statement), `${file.name}: ${statement.slice(0, 80)}`).toEqual([statement]);
    }
  });

  it('finds a clock in an upsert or in a CASE of an update, and not in a plain SET', () => {
    expect(clockInDistributedWrite(`insert into t (a) values (1) on conflict (a) do update set at = now()`)).toHaveLength(1);
    expect(clockInDistributedWrite(`begin update t set seen = case when x then now() else seen end where id = 1; end`)).toHaveLength(1);
    expect(clockInDistributedWrite(`update t set at = coalesce(t.at, now()) where id = 1`)).toHaveLength(1);
    expect(clockInDistributedWrite(`update t set at = now() where id = 1`)).toEqual([]);
    expect(clockInDistributedWrite(`declare stamp timestamptz := now(); begin update t set at = coalesce(at, stamp); end`)).toEqual([]);
  });

  it('the migration runner sends every statement on its own', async () => {
    const db = await openDatabase({});
    const sent: string[] = [];
    const recording = {
      ...db,
      withSession: <T>(fn: (session: RawSession) => Promise<T>) =>
        db.withSession((session) =>
          fn({
            query: (text, params) => {
              sent.push(text);
              return session.query(text, params);
            },
            exec: (text) => {
              sent.push(text);
              return session.exec(text);
            },
          }),
        ),
    };
    try {
      const sql = `create table t (tenant_id uuid, id int); create index t_idx on t (tenant_id);
        create function t_touch() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger t_touch before update on t for each row execute function t_touch();`;
      await migrate(recording, { migrations: [{ name: '0001_t', sql, checksum: 'x' }], definitions: [] });
      expect(sent.some((text) => text.startsWith('create index t_idx'))).toBe(true);
      for (const text of sent) expect(splitSqlStatements(text), text).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 60_000);
});

describeDb('architecture: constructs Citus refuses', (t) => {
  let tenantTables: Set<string>;
  let tableNames: string[];
  const violations: string[] = [];

  beforeAll(async () => {
    const tables = (await tenantOwnedTables(t.db)).filter((table) => !REFERENCE_TENANT_TABLES.has(table.name));
    tenantTables = new Set(tables.map((table) => table.name));
    tableNames = tables.map((table) => table.table);
  });

  const report = (found: string[]) => {
    violations.push(...found);
    const unexpected = found.filter((key) => !ALLOWED.has(key));
    expect(unexpected, 'see the header of test/architecture/citus-rules.test.ts and docs/citus.md').toEqual([]);
  };

  it('RLS policies have no sub-select', async () => {
    const rows = await t.db.query<{ key: string }>(`
      select format('policy %s.%s.%s', schemaname, tablename, policyname) as key from pg_policies
       where coalesce(qual, '') ~* '\\mselect\\M' or coalesce(with_check, '') ~* '\\mselect\\M' order by 1`);
    report(rows.map((r) => r.key));
  });

  it('no trigger uses transition tables', async () => {
    const rows = await t.db.query<{ key: string }>(`
      select format('transition %s.%s', tgrelid::regclass, tgname) as key from pg_trigger
       where tgoldtable is not null or tgnewtable is not null order by 1`);
    report(rows.map((r) => r.key));
  });

  it('no trigger function of a tenant table reads TG_TABLE_NAME', async () => {
    const rows = await t.db.query<{ key: string }>(`
      select distinct format('tg_table_name %s', p.oid::regproc) as key
        from pg_trigger g join pg_proc p on p.oid = g.tgfoid join pg_class c on c.oid = g.tgrelid
       where not g.tgisinternal and p.prosrc ~* '\\mtg_(table_name|relname)\\M'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
       order by 1`);
    report(rows.map((r) => r.key));
  });

  /** Functions of Mono's own schemas (not those of extensions). */
  const ownFunctions = () =>
    t.db.query<{ name: string; language: string; args: number; body: string }>(`
      select p.oid::regproc::text as name, l.lanname as language, p.pronargs as args, p.prosrc as body
        from pg_proc p join pg_language l on l.oid = p.prolang
       where p.pronamespace in ('mono'::regnamespace, 'public'::regnamespace) and l.lanname in ('sql', 'plpgsql')
         and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
       order by 1`);

  it('no function puts now() into an upsert or a CASE/COALESCE of an update', async () => {
    const found = (await ownFunctions()).filter((f) => clockInDistributedWrite(f.body).length > 0).map((f) => `clock ${f.name}`);
    report(found);
  });

  it('no parameterised LANGUAGE sql function reads a tenant table', async () => {
    const reads = (body: string) =>
      tableNames.some((table) => new RegExp(`\\b(from|join|update|into)\\s+(only\\s+)?(public\\.|mono\\.)?"?${table}"?\\b`, 'i').test(body));
    const found = (await ownFunctions()).filter((f) => f.language === 'sql' && f.args > 0 && reads(f.body)).map((f) => `sql-function ${f.name}`);
    report(found);
  });

  it('every unique key, primary key and exclusion constraint of a tenant table includes tenant_id', async () => {
    const rows = await t.db.query<{ key: string; table: string }>(`
      select format('unique %s', i.relname) as key, format('%s.%s', n.nspname, c.relname) as table
        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class c on c.oid = x.indrelid
        join pg_namespace n on n.oid = c.relnamespace
       where (x.indisunique or x.indisprimary or x.indisexclusion) and not c.relispartition
         and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum = any (x.indkey::int2[]))
       order by 1`);
    report(rows.filter((r) => tenantTables.has(r.table)).map((r) => r.key));
  });

  it('every foreign key between tenant tables carries tenant_id', async () => {
    const rows = await t.db.query<{ key: string; table: string; target: string }>(`
      select format('foreign-key %s', con.conname) as key,
             format('%s.%s', n.nspname, c.relname) as table, format('%s.%s', fn.nspname, f.relname) as target
        from pg_constraint con
        join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_class f on f.oid = con.confrelid join pg_namespace fn on fn.oid = f.relnamespace
       where con.contype = 'f' and con.conparentid = 0
         and not exists (select 1 from pg_attribute a where a.attrelid = con.conrelid and a.attname = 'tenant_id' and a.attnum = any (con.conkey))
       order by 1`);
    report(rows.filter((r) => tenantTables.has(r.table) && tenantTables.has(r.target)).map((r) => r.key));
  });

  it('no foreign key of a tenant table sets columns to NULL or DEFAULT on delete or update', async () => {
    const rows = await t.db.query<{ key: string; table: string }>(`
      select format('foreign-key-set-null %s', con.conname) as key, format('%s.%s', n.nspname, c.relname) as table
        from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
       where con.contype = 'f' and con.conparentid = 0 and (con.confdeltype in ('n', 'd') or con.confupdtype in ('n', 'd'))
       order by 1`);
    report(rows.filter((r) => tenantTables.has(r.table)).map((r) => r.key));
  });

  it('the allow-list names only violations that still exist', () => {
    expect([...ALLOWED].filter((key) => !violations.includes(key))).toEqual([]);
  });
});

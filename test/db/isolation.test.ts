import { beforeAll, expect, it } from 'vitest';
import { sqlLiteral } from '../../src/db/tenant-context';
import { type TenantTable, tenantColumn, tenantOwnedTables } from '../helpers/catalog';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/**
 * Guarantee 1 — isolation. Walks every tenant-owned table found in the catalog and
 * proves, as the runtime role with tenant B's context, that tenant A's rows cannot be
 * seen, changed, deleted or forged.
 */
describeDb('tenant isolation (RLS)', (t) => {
  let a: TenantGraph;
  let b: TenantGraph;
  let tables: TenantTable[];

  /** Runs statements as mono_app for a tenant (or none) in a transaction that is rolled back. */
  async function asTenant<T>(tenantId: string | null, fn: (q: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    return t.db.withSession(async (s) => {
      await s.exec(`begin; set local role mono_app; select set_config('app.tenant_id', ${sqlLiteral(tenantId ?? '')}, true)`);
      try {
        return await fn((text) => s.query(text));
      } finally {
        await s.exec('rollback');
      }
    });
  }

  /** Like asTenant, but each statement in its own savepoint so an error does not end the test. */
  async function attempt(tenantId: string, text: string): Promise<{ rows: number; error?: string }> {
    return asTenant(tenantId, async (q) => {
      try {
        const rows = await q(text);
        return { rows: rows.length };
      } catch (error) {
        return { rows: 0, error: (error as { code?: string }).code };
      }
    });
  }

  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'a');
    b = await createTenantGraph(t.db, 'b');
    tables = await tenantOwnedTables(t.db);
  });

  it('finds the tenant-owned tables and every one has a row of tenant A', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(25);
    for (const table of tables) {
      const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from ${table.name} where ${tenantColumn(table)} = $1`, [a.tenantId]);
      expect(row!.n, `${table.name} has no row for tenant A; add one to test/helpers/graph.ts`).toBeGreaterThan(0);
    }
  });

  it('has RLS enabled and forced on every tenant-owned table and on every partition', async () => {
    const rows = await t.db.query<{ name: string; rls: boolean; forced: boolean }>(`
      select c.oid::regclass::text as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'mono') and c.relkind in ('r', 'p')
         and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') or c.relname = 'tenants')`);
    expect(rows.length).toBeGreaterThan(tables.length); // partitions are included
    for (const row of rows) expect({ table: row.name, rls: row.rls, forced: row.forced }).toEqual({ table: row.name, rls: true, forced: true });
  });

  it('tenant B sees none of tenant A’s rows, in any table', async () => {
    for (const table of tables) {
      const seen = await asTenant(b.tenantId, (q) => q(`select 1 from ${table.name} where ${tenantColumn(table)} = ${sqlLiteral(a.tenantId)}`));
      expect(seen.length, `${table.name} leaks tenant A rows to tenant B`).toBe(0);
      const own = await asTenant(b.tenantId, (q) => q(`select 1 from ${table.name}`));
      expect(own.length, `${table.name}: B should see its own rows`).toBeGreaterThan(0);
    }
  });

  it('tenant A sees its own rows (the policy is not simply deny-all)', async () => {
    for (const table of tables) {
      const seen = await asTenant(a.tenantId, (q) => q(`select 1 from ${table.name} where ${tenantColumn(table)} = ${sqlLiteral(a.tenantId)}`));
      expect(seen.length, table.name).toBeGreaterThan(0);
    }
  });

  it('tenant B can neither update nor delete tenant A’s rows', async () => {
    for (const table of tables) {
      const col = tenantColumn(table);
      const update = await attempt(b.tenantId, `update ${table.name} set ${col} = ${col} where ${col} = ${sqlLiteral(a.tenantId)} returning 1`);
      expect(update.rows, `${table.name}: update reached A rows`).toBe(0);
      const del = await attempt(b.tenantId, `delete from ${table.name} where ${col} = ${sqlLiteral(a.tenantId)} returning 1`);
      expect(del.rows, `${table.name}: delete reached A rows`).toBe(0);
    }
    for (const table of tables) {
      const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from ${table.name} where ${tenantColumn(table)} = $1`, [a.tenantId]);
      expect(row!.n, `${table.name} lost rows of A`).toBeGreaterThan(0);
    }
  });

  it('tenant B cannot insert rows carrying tenant A’s id', async () => {
    for (const table of tables) {
      const col = tenantColumn(table);
      const columns = table.columns.map((c) => `"${c}"`).join(', ');
      // A copy of one of A's rows, made by the owner, inserted by B (fresh id where there is one).
      const [copy] = await t.db.query<{ row: Record<string, unknown> }>(`select to_jsonb(x) as row from ${table.name} x where ${col} = $1 limit 1`, [
        a.tenantId,
      ]);
      const row = { ...copy!.row };
      if ('id' in row && table.table !== 'tenants') row.id = crypto.randomUUID();
      const result = await attempt(
        b.tenantId,
        `insert into ${table.name} (${columns}) select ${columns} from jsonb_populate_record(null::${table.name}, ${sqlLiteral(JSON.stringify(row))}::jsonb) returning 1`,
      );
      expect(result.rows, `${table.name}: B inserted a row of A`).toBe(0);
      expect(result.error, `${table.name}: expected a refusal`).toBe('42501');
    }
  });

  it('with no tenant set, nothing is visible', async () => {
    for (const table of tables) {
      const seen = await asTenant(null, (q) => q(`select 1 from ${table.name}`));
      expect(seen.length, table.name).toBe(0);
    }
  });

  it('runs tenant work as a role that owns nothing and cannot bypass RLS, even from a superuser connection', async () => {
    const [role] = await t.db.query<{ super: boolean; bypass: boolean; owned: number }>(`
      select r.rolsuper as super, r.rolbypassrls as bypass,
             (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
        from pg_roles r where r.rolname = 'mono_app'`);
    expect(role).toEqual({ super: false, bypass: false, owned: 0 });
    const who = await asTenant(b.tenantId, (q) => q('select current_user as u'));
    expect(who[0]!.u).toBe('mono_app');
  });

  it('gives the runtime role no direct access to partitions (they have no RLS of their own parent)', async () => {
    const result = await attempt(b.tenantId, `select 1 from audit_logs_default`);
    expect(result.error).toBe('42501');
  });
});

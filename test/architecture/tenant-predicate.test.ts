import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rows } from '../../src/db/sql';
import { queryInTenant, withTenant } from '../../src/db/tenant-context';
import { ctxFor } from '../helpers/context';
import { describeDb, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';
import { TenantStatementLog } from '../helpers/tenant-predicates';

/**
 * The checker behind the data-access rule (test/helpers/tenant-predicates.ts), which
 * every HTTP test file runs over the statements it sent: it must flag a scan of a
 * tenant table without tenant_id, in a transaction and in the one-round-trip script,
 * and accept statements that name the tenant — also through a join.
 */
describeDb('architecture: the tenant-predicate checker', (t) => {
  // A database of its own, observed (describeDb's t.db is not).
  let db: TestDatabase;
  let graph: TenantGraph;
  let log: TenantStatementLog;

  beforeAll(async () => {
    log = new TenantStatementLog();
    db = await openTestDatabase(t.engine, { observe: log.observe });
    graph = await createTenantGraph(db, 'predicate');
  }, 60_000);
  afterAll(() => db.close());

  it('flags a scan of a tenant table that relies on RLS alone, and only that one', async () => {
    const ctx = ctxFor(graph.tenantId, graph.userId);
    await withTenant(db, ctx, async (tx) => {
      await rows(tx, sql`select id from users where id = ${graph.userId}`);
      await rows(tx, sql`select id from users where tenant_id = ${tx.tenantId} and id = ${graph.userId}`);
      await rows(tx, sql`select u.id from users u join user_profiles p on p.tenant_id = u.tenant_id and p.user_id = u.id where u.tenant_id = ${tx.tenantId}`);
      await rows(tx, sql`select 1 from accounts a where a.tenant_id = ${tx.tenantId} and exists (select 1 from account_users m where m.account_id = a.id)`);
    });
    await queryInTenant(db, ctx, `select count(*) from listings where tenant_id = '${graph.tenantId}'::uuid`);
    await queryInTenant(db, ctx, `select count(*) from contents`);
    expect(log.size).toBe(6);

    const found = await log.violations(db);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/select id from users where id = .* scans users without tenant_id/s);
    expect(found[1]).toMatch(/scans account_users without tenant_id/);
    expect(found[2]).toMatch(/from contents.*scans contents without tenant_id/s);
  });

  it('does not look at work outside a tenant context (owner and platform statements)', async () => {
    const before = log.size;
    await db.query('select count(*) from users');
    expect(log.size).toBe(before);
  });
});

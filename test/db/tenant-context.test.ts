import { beforeAll, expect, it } from 'vitest';
import { queryInTenant } from '../../src/db/tenant-context';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

describeDb('queryInTenant: one round trip in the tenant context', (t) => {
  let a: TenantGraph;
  let b: TenantGraph;
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'qa');
    b = await createTenantGraph(t.db, 'qb');
  });

  it('sees only the tenant’s rows, as the runtime role', async () => {
    const rows = await queryInTenant<{ tenant_id: string; who: string }>(t.db, ctxFor(a.tenantId), 'select tenant_id, current_user as who from users');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tenant_id === a.tenantId && r.who === 'mono_app')).toBe(true);
    const other = await queryInTenant<{ n: number }>(t.db, ctxFor(b.tenantId), `select count(*)::int as n from users where tenant_id = '${a.tenantId}'`);
    expect(other[0]!.n).toBe(0);
  });

  it('leaves no context behind on the connection', async () => {
    await queryInTenant(t.db, ctxFor(a.tenantId), 'select 1');
    for (let i = 0; i < 5; i++) {
      const [row] = await t.db.query<{ tenant: string | null; who: string }>(
        "select nullif(current_setting('app.tenant_id', true), '') as tenant, current_user as who",
      );
      expect(row).toEqual({ tenant: null, who: expect.not.stringMatching(/^mono_/) });
    }
  });

  it('is one transaction: a failing statement undoes the whole script, and the error is translated', async () => {
    const before = await t.db.query<{ n: number }>('select count(*)::int as n from categories where tenant_id = $1', [a.tenantId]);
    await expect(
      queryInTenant(
        t.db,
        ctxFor(a.tenantId),
        `insert into categories (tenant_id, name, slug) values ('${a.tenantId}', 'X', 'x-script'); select 'not-a-uuid'::uuid`,
      ),
    ).rejects.toMatchObject({ kind: 'validation' });
    const after = await t.db.query<{ n: number }>('select count(*)::int as n from categories where tenant_id = $1', [a.tenantId]);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

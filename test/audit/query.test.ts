import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { firstRow } from '../../src/db/sql';
import { withPlatform, withTenant } from '../../src/db/tenant-context';
import { type AuditEntryView, createAuditService } from '../../src/modules/audit';
import { ctxFor, permissionsOf } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

describeDb('audit queries', (t) => {
  let a: TenantGraph;
  let b: TenantGraph;
  let operator: string;
  const audit = () => createAuditService({ db: t.db, platformTenant: 'platform' });
  const admin = () => ctxFor(a.tenantId, a.userId, { permissions: permissionsOf(['tenant.audit.read']) });
  const platformCtx = () => ctxFor(a.tenantId, operator, { permissions: permissionsOf(['platform.audit.read']) });

  async function all(list: (cursor?: string) => Promise<{ data: AuditEntryView[]; nextCursor: string | null }>) {
    const seen: AuditEntryView[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(cursor);
      seen.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  }

  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'query-a');
    b = await createTenantGraph(t.db, 'query-b');
    operator = await withPlatform(t.db, systemContext(null, 'test'), async (tx) => {
      const platform = await firstRow<{ id: string }>(
        tx,
        sql`insert into tenants (identifier, name, status) values ('platform', 'Platform', 'ACTIVE')
        on conflict (identifier) where deleted_at is null do update set name = excluded.name returning id`,
      );
      const user = await firstRow<{ id: string }>(tx, sql`insert into users (tenant_id, email) values (${platform!.id}, 'olga@platform.test') returning id`);
      await tx.execute(sql`insert into user_profiles (tenant_id, user_id, display_name) values (${platform!.id}, ${user!.id}, 'Olga Operator')`);
      return user!.id;
    });
    // The owner edits the listing three times; a platform operator suspends the account.
    for (const price of ['1600.00', '1700.00', '1800.00']) {
      await withTenant(t.db, ctxFor(a.tenantId, a.userId, { ip: '203.0.113.9', userAgent: 'Owner/1', requestId: `req-${price}` }), (tx) =>
        tx.execute(sql`update listings set price = ${price}, title = ${`Runway ${price}`} where id = ${a.listingId}`),
      );
    }
    await withTenant(t.db, ctxFor(a.tenantId, operator), (tx) => tx.execute(sql`update accounts set status = 'SUSPENDED' where id = ${a.accountId}`));
  });

  it('lists the tenant’s entries newest first in keyset pages that add up to the whole trail', async () => {
    const entries = await all((cursor) => audit().list(admin(), { limit: 4, cursor }));
    const [count] = await t.db.query<{ n: number }>('select count(*)::int as n from audit_logs where tenant_id = $1', [a.tenantId]);
    expect(entries.length).toBe(count!.n);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.every((e) => e.tenantId === a.tenantId)).toBe(true);
    const seqs = entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
  });

  it('shows each change per field, and the actor by id and display name', async () => {
    const { data } = await audit().list(admin(), { resource: 'listings', action: 'update', limit: 1 });
    expect(data[0]).toMatchObject({
      resource: 'listings',
      resourceId: a.listingId,
      action: 'update',
      actor: { id: a.userId, name: 'Owner' },
      changes: [
        { field: 'price', from: 1700, to: 1800 },
        { field: 'title', from: 'Runway 1700.00', to: 'Runway 1800.00' },
      ],
      requestId: 'req-1800.00',
      ipAddress: '203.0.113.9',
      userAgent: 'Owner/1',
      erased: false,
    });
    expect(data[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('filters by resource, record, actor, action, field and time', async () => {
    const list = (q: Record<string, unknown>) => all((cursor) => audit().list(admin(), { ...q, limit: 2, cursor }));
    expect((await list({ resource: 'listings', resourceId: a.listingId })).map((e) => e.action)).toEqual(['update', 'update', 'update', 'create']);
    expect((await list({ actorId: operator })).map((e) => [e.resource, e.action])).toEqual([['accounts', 'update']]);
    expect((await list({ field: 'price', resource: 'listings' })).length).toBe(4); // the create sets a price too
    expect((await list({ field: 'price', action: 'update' })).map((e) => e.changes.find((c) => c.field === 'price')!.to)).toEqual([1800, 1700, 1600]);
    const [second, first] = (await list({ resource: 'listings', action: 'update' })).slice(1);
    const between = await list({ resource: 'listings', from: first!.createdAt, to: second!.createdAt });
    expect(between.map((e) => e.id)).toEqual([first!.id]);
    expect(await list({ resource: 'no_such_table' })).toEqual([]);
  });

  it('shows a platform operator by id only to the tenant, and by name on the platform path', async () => {
    const [tenantView] = (await audit().list(admin(), { actorId: operator })).data;
    expect(tenantView!.actor).toEqual({ id: operator, name: null });
    const [platformView] = (await audit().listAcrossTenants(platformCtx(), { actorId: operator, tenant: a.identifier })).data;
    expect(platformView!.actor).toEqual({ id: operator, name: 'Olga Operator' });
  });

  it('gives the history of one record, and not-found for another tenant’s or a missing record', async () => {
    const history = await all((cursor) => audit().history(admin(), { resource: 'listings', id: a.listingId }, { limit: 2, cursor }));
    expect(history.map((e) => e.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(history.at(-1)!.changes.find((c) => c.field === 'title')).toEqual({ field: 'title', from: null, to: 'Runway model' });
    await expect(audit().history(admin(), { resource: 'listings', id: b.listingId })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(audit().history(admin(), { resource: 'listings', id: '0190a000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('keeps tenants apart and checks permissions', async () => {
    const bAdmin = ctxFor(b.tenantId, b.userId, { permissions: permissionsOf(['tenant.audit.read']) });
    const seen = await all((cursor) => audit().list(bAdmin, { limit: 100, cursor }));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.tenantId === b.tenantId)).toBe(true);
    const noRight = ctxFor(a.tenantId, a.userId, { permissions: permissionsOf(['tenant.users.read']) });
    await expect(audit().list(noRight, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(audit().listAcrossTenants(admin(), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reads across tenants on the platform path, or one tenant by identifier', async () => {
    const everyone = await all((cursor) => audit().listAcrossTenants(platformCtx(), { resource: 'listings', action: 'create', limit: 1, cursor }));
    expect(new Set(everyone.map((e) => e.tenantId))).toEqual(new Set([a.tenantId, b.tenantId]));
    const onlyB = await all((cursor) => audit().listAcrossTenants(platformCtx(), { tenant: b.identifier, limit: 50, cursor }));
    expect(onlyB.every((e) => e.tenantId === b.tenantId)).toBe(true);
    await expect(audit().listAcrossTenants(platformCtx(), { tenant: 'nobody-here' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses bad input with field errors', async () => {
    await expect(audit().list(admin(), { cursor: 'garbage' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    await expect(audit().list(admin(), { from: '2030-01-01T00:00:00Z', to: '2020-01-01T00:00:00Z' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'to', message: 'from must be before to' }],
    });
    await expect(audit().list(admin(), { actorId: 'x' } as never)).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'actorId' })] });
  });
});

import { beforeAll, expect, it } from 'vitest';
import { findJob, runJobNow } from '../../src/modules/jobs';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

describeHttp('audit, erasure and job routes', (t) => {
  let a: TestTenant;
  let b: TestTenant;
  let platform: TestTenant;
  let person: Awaited<ReturnType<typeof signUp>>;

  beforeAll(async () => {
    platform = await createTestTenant(t.app, 'platform', { identifier: 'platform' });
    a = await createTestTenant(t.app, 'audit-a');
    b = await createTestTenant(t.app, 'audit-b');
    person = await signUp(a, 'person');
    const changed = await a.adminClient.patch(`/api/v1/tenant/users/${person.id}`, { email: `renamed-${person.email}` });
    expect(changed.status).toBe(200);
  });

  it('lists the tenant’s trail newest first, in pages, with actor names and per-field changes', async () => {
    const first = await a.adminClient.get('/api/v1/tenant/audit?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await a.adminClient.get(`/api/v1/tenant/audit?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    // Newest first is by time (the list's key). Within a tenant it is also chain order
    // (migration 0015; test/db/audit.test.ts proves that under concurrent writers).
    const entries = [...first.body.data, ...second.body.data];
    const times = entries.map((e: any) => Date.parse(e.createdAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(new Set(entries.map((e: any) => e.id)).size).toBe(6);
    expect(new Set(entries.map((e: any) => e.tenantId))).toEqual(new Set([a.id]));

    const edits = await a.adminClient.get(`/api/v1/tenant/audit?resource=users&action=update&actorId=${a.admin.id}&field=email`);
    expect(edits.status).toBe(200);
    expect(edits.body.data[0]).toMatchObject({
      resource: 'users',
      resourceId: person.id,
      action: 'update',
      actor: { id: a.admin.id, name: `Admin of ${a.identifier}` },
      changes: [{ field: 'email', from: person.email, to: `renamed-${person.email}` }],
      erased: false,
    });
    expect(edits.body.data[0].requestId).toEqual(expect.any(String));
  });

  it('gives the history of one record; another tenant’s record is not found', async () => {
    const history = await a.adminClient.get(`/api/v1/tenant/audit/users/${person.id}`);
    expect(history.status).toBe(200);
    expect(history.body.data.map((e: any) => e.action)).toEqual(expect.arrayContaining(['update', 'create']));
    expect(history.body.data.at(-1)).toMatchObject({ action: 'create', resourceId: person.id });
    expect(history.body.data.at(-1).changes).toEqual(expect.arrayContaining([{ field: 'email', from: null, to: person.email }]));

    const foreign = await b.adminClient.get(`/api/v1/tenant/audit/users/${person.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('AUDIT_HISTORY_NOT_FOUND');
  });

  it('refuses people without the permission, and bad filters with a problem naming the field', async () => {
    expect((await person.client.get('/api/v1/tenant/audit')).status).toBe(403);
    expect((await a.adminClient.get('/api/v1/platform/audit')).status).toBe(403);
    const bad = await a.adminClient.get('/api/v1/tenant/audit?actorId=nobody');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'querystring.actorId' })]);
    const range = await a.adminClient.get('/api/v1/tenant/audit?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z');
    expect(range.status).toBe(400);
    const cursor = await a.adminClient.get('/api/v1/tenant/audit?cursor=not-a-cursor');
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe('INVALID_CURSOR');
  });

  it('lets platform operators read across tenants, where their own changes carry their name', async () => {
    const renamed = await platform.adminClient.patch(`/api/v1/platform/tenants/${a.id}`, { name: 'Tenant A, renamed' });
    expect(renamed.status).toBe(200);
    const inTenant = await a.adminClient.get(`/api/v1/tenant/audit?resource=tenants&actorId=${platform.admin.id}`);
    expect(inTenant.body.data[0].actor).toEqual({ id: platform.admin.id, name: null });
    const across = await platform.adminClient.get(`/api/v1/platform/audit?tenant=${a.identifier}&resource=tenants&actorId=${platform.admin.id}`);
    expect(across.status).toBe(200);
    expect(across.body.data[0]).toMatchObject({
      tenantId: a.id,
      actor: { id: platform.admin.id, name: `Admin of platform` },
      changes: [{ field: 'name', to: 'Tenant A, renamed' }],
    });
    const everyone = await platform.adminClient.get('/api/v1/platform/audit?resource=users&action=create&limit=100');
    expect(new Set(everyone.body.data.map((e: any) => e.tenantId))).toEqual(new Set([platform.id, a.id, b.id]));
    expect((await platform.adminClient.get('/api/v1/platform/audit?tenant=no-such-tenant')).status).toBe(404);
  });

  it('erases a person for the tenant admin only, in their own tenant; the trail keeps the entries', async () => {
    expect((await person.client.post(`/api/v1/tenant/users/${person.id}/erase`)).status).toBe(403);
    expect((await b.adminClient.post(`/api/v1/tenant/users/${person.id}/erase`)).status).toBe(404);

    const erased = await a.adminClient.post(`/api/v1/tenant/users/${person.id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      userId: person.id,
      rows: expect.objectContaining({ 'public.users': 1, 'public.sessions': 1, 'public.user_profiles': 1 }),
    });
    expect(erased.body.auditEntriesErased).toBeGreaterThan(0);

    expect((await person.client.get('/api/v1/user/me')).status).toBe(401);
    const history = await a.adminClient.get(`/api/v1/tenant/audit/users/${person.id}`);
    expect(history.status).toBe(200);
    expect(history.body.data.every((e: any) => e.erased && e.ipAddress === null)).toBe(true);
    expect(JSON.stringify(history.body)).not.toContain(person.email);
    const emailChange = history.body.data.find((e: any) => e.action === 'update' && e.changes.length === 1)!;
    expect(emailChange.changes).toEqual([{ field: 'email', from: '[erased]', to: '[erased]' }]);
  });

  it('lets nobody erase themselves or someone above their own level', async () => {
    const eraser = await signUp(a, 'eraser');
    const role = await a.adminClient.post('/api/v1/tenant/roles', { name: 'eraser', level: 'USER', permissions: ['tenant.users.erase'] });
    expect(role.status).toBe(201);
    await a.adminClient.post(`/api/v1/tenant/users/${eraser.id}/roles`, { roleId: role.body.id });
    const admin = await eraser.client.post(`/api/v1/tenant/users/${a.admin.id}/erase`);
    expect(admin.status).toBe(403);
    expect(admin.body.code).toBe('PRIVILEGE_ESCALATION');
    const self = await eraser.client.post(`/api/v1/tenant/users/${eraser.id}/erase`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('NOT_ON_YOURSELF');
    expect((await a.adminClient.get(`/api/v1/tenant/users/${a.admin.id}`)).body.email).toBe(a.admin.email);
  });

  it('shows platform operators what the background jobs did', async () => {
    await runJobNow(t.db, findJob('sessions.cleanup')!, 'test');
    const res = await platform.adminClient.get('/api/v1/platform/jobs');
    expect(res.status).toBe(200);
    const cleanup = res.body.data.find((j: any) => j.name === 'sessions.cleanup');
    expect(cleanup).toMatchObject({ everySeconds: 3600, lastRun: { status: 'succeeded', worker: 'test', result: { sessions: expect.any(Number) } } });
    expect(cleanup.lastSuccessAt).toEqual(expect.any(String));
    expect(res.body.data.find((j: any) => j.name === 'listings.expire').lastRun).toBeNull();
    expect((await a.adminClient.get('/api/v1/platform/jobs')).status).toBe(403);
  });
});

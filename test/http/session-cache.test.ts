import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type MonoApp } from '../../src/app/app';
import { hashToken, tokenTenant } from '../../src/modules/access/tokens';
import { Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

const until = async (condition: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describeHttp('session cache: one round trip, revocations at once', (t) => {
  let tenant: TestTenant;
  let other: MonoApp; // a second API process on the same database
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'scache');
    other = await buildApp({ db: t.db, config: t.config });
  });
  afterAll(async () => {
    await other?.close();
  });

  const cachedIn = (app: MonoApp, token: string) => app.deps.sessions.get(tokenTenant(token, 'mses')!, hashToken(token).toString('hex')) !== undefined;

  it('serves a known session from the cache, and a revoked one stops at once in every process, notified or not', async () => {
    const user = await signUp(tenant, 'revoked');
    const there = new Client(other, user.token, tenant.identifier);
    for (const client of [user.client, there]) {
      expect((await client.get('/api/v1/user/me')).status).toBe(200);
      expect((await client.get('/api/v1/user/me')).status).toBe(200);
    }
    expect(cachedIn(t.app, user.token) && cachedIn(other, user.token)).toBe(true);
    // The other process has not heard of the sign-out yet (its notification still in flight).
    const forget = other.deps.sessions.forgetTenant;
    other.deps.sessions.forgetTenant = () => undefined;
    try {
      expect((await user.client.post('/api/v1/public/auth/logout')).status).toBe(204);
      expect(cachedIn(other, user.token)).toBe(true);
      const refused = await there.get('/api/v1/user/me');
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
    } finally {
      other.deps.sessions.forgetTenant = forget;
    }
    expect((await user.client.get('/api/v1/user/me')).status).toBe(401);
  });

  it('answers with current permissions at once in every process, also on a route that runs no transaction', async () => {
    const user = await signUp(tenant, 'promoted');
    const there = new Client(other, user.token, tenant.identifier);
    const role = (await tenant.adminClient.post('/api/v1/tenant/roles', { name: 'content reader', level: 'TENANT', permissions: ['tenant.content.read'] }))
      .body;
    // /user/permissions answers from the permissions resolved with the session, without a transaction of its own.
    await until(async () => !(await there.get('/api/v1/user/permissions')).body.tenant.includes('tenant.content.read') && cachedIn(other, user.token));
    const forget = other.deps.sessions.forgetTenant;
    other.deps.sessions.forgetTenant = () => undefined; // the other process has not heard of the grant yet
    try {
      expect((await tenant.adminClient.post(`/api/v1/tenant/users/${user.id}/roles`, { roleId: role.id })).status).toBe(201);
      expect(cachedIn(other, user.token)).toBe(true);
      expect((await there.get('/api/v1/user/permissions')).body.tenant).toContain('tenant.content.read');
      expect((await there.get('/api/v1/tenant/content')).status).toBe(200);
      expect((await tenant.adminClient.delete(`/api/v1/tenant/roles/${role.id}`)).status).toBe(204);
      expect((await there.get('/api/v1/user/permissions')).body.tenant).not.toContain('tenant.content.read');
      expect((await there.get('/api/v1/tenant/content')).status).toBe(403);
    } finally {
      other.deps.sessions.forgetTenant = forget;
    }
  });

  it('forgets the tenant’s sessions when the database says something changed (role, user, session)', async () => {
    const user = await signUp(tenant, 'notified');
    expect((await user.client.get('/api/v1/user/me')).status).toBe(200);
    expect(cachedIn(other, user.token) || (await new Client(other, user.token, tenant.identifier).get('/api/v1/user/me')).status === 200).toBe(true);
    await until(() => cachedIn(t.app, user.token) && cachedIn(other, user.token));
    // A change of the tenant's authorization (bumps its version): both processes drop what they hold.
    await t.db.query('update mono.authz_versions set version = version + 1 where tenant_id = $1', [tenant.id]);
    await until(() => !cachedIn(t.app, user.token) && !cachedIn(other, user.token));
    expect((await user.client.get('/api/v1/user/me')).status).toBe(200);
  });

  it('stops caching when its listening connection drops, flushes, and listens again', async () => {
    if (t.db.engine !== 'postgres') return; // PGlite runs in the process: its listener cannot drop
    const user = await signUp(tenant, 'dropped');
    await user.client.get('/api/v1/user/me');
    await until(() => cachedIn(t.app, user.token));
    await t.db.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%mono_auth%'");
    await until(() => !t.app.deps.sessions.listening);
    expect(cachedIn(t.app, user.token)).toBe(false);
    expect((await user.client.get('/api/v1/user/me')).status).toBe(200); // the full lookup, not cached
    await until(() => t.app.deps.sessions.listening);
    await user.client.get('/api/v1/user/me');
    expect(cachedIn(t.app, user.token)).toBe(true);
  });
});

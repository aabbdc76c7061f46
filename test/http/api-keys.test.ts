import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/app';
import { Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

describeHttp('API keys: shown once, bounded permissions, expiry, revocation, audit, rate limits', (t) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'keys');
  });
  const admin = () => tenant.adminClient;
  const keyClient = (key: string, app = t.app) => new Client(app, key);

  async function createKey(client: Client, body: Record<string, unknown>, path = '/api/v1/tenant/api-keys') {
    const res = await client.post(path, { name: 'integration', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; key: string; hint: string };
  }

  it('shows the key once and stores only its hash', async () => {
    const created = await createKey(admin(), { permissions: ['tenant.users.read'] });
    expect(created.key).toMatch(/^mkey_[A-Za-z0-9_-]{64}$/);
    expect(created.hint).toBe(`mkey_…${created.key.slice(-4)}`);
    const listed = await admin().get('/api/v1/tenant/api-keys');
    const entry = listed.body.data.find((k: { id: string }) => k.id === created.id);
    expect(entry).toMatchObject({
      name: 'integration',
      permissions: ['tenant.users.read'],
      deny: [],
      accountId: null,
      revokedAt: null,
      createdBy: tenant.admin.id,
    });
    expect(entry.key).toBeUndefined();
    expect(JSON.stringify(listed.body)).not.toContain(created.key);
    const [row] = await t.db.query<{ token_hash: Buffer; plain: number }>(
      `select token_hash, (select count(*)::int from api_keys k2 where k2.tenant_id = k.tenant_id
                            and (k2.name = $2 or k2.hint = $2 or array_to_string(k2.permissions, ',') like '%' || $2 || '%')) as plain
         from api_keys k where id = $1`,
      [created.id, created.key],
    );
    expect(Buffer.from(row!.token_hash).equals(createHash('sha256').update(created.key).digest())).toBe(true);
    expect(row!.plain).toBe(0);
  });

  it('does what its permissions allow and nothing else; a deny wins over a wildcard', async () => {
    const { key } = await createKey(admin(), { permissions: ['tenant.users.read', 'tenant.accounts.*'], deny: ['tenant.accounts.delete'] });
    const machine = keyClient(key);
    expect((await machine.get('/api/v1/tenant/users')).status).toBe(200);
    expect((await machine.get('/api/v1/tenant/accounts')).status).toBe(200);
    const denied = await machine.get('/api/v1/tenant/roles');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('PERMISSION_DENIED');
    const account = await machine.post('/api/v1/tenant/accounts', { identifier: 'bykey', name: 'By key', type: 'CLIENT' });
    expect(account.status).toBe(201);
    const del = await machine.delete(`/api/v1/tenant/accounts/${account.body.id}`);
    expect(del.status).toBe(403);
    expect(del.body.extra?.permission ?? del.body.permission).toBe('tenant.accounts.delete');
    // the key acts as its creator: user routes follow the key's permissions too (it holds none)
    expect((await machine.get('/api/v1/user/me')).status).toBe(403);
  });

  it('cannot be created with more than its creator holds, and loses what its creator loses', async () => {
    const manager = await signUp(tenant, 'keymanager');
    await admin().post(`/api/v1/tenant/users/${manager.id}/permissions`, { permission: 'tenant.api_keys.manage' });
    const read = await admin().post(`/api/v1/tenant/users/${manager.id}/permissions`, { permission: 'tenant.users.read' });
    for (const permissions of [['tenant.users.delete'], ['tenant.*.*'], ['tenant.users.read', 'tenant.accounts.read']]) {
      const refused = await manager.client.post('/api/v1/tenant/api-keys', { name: 'too much', permissions });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('PRIVILEGE_ESCALATION');
    }
    expect((await manager.client.post('/api/v1/tenant/api-keys', { name: 'x', permissions: ['tenant.nothing.read'] })).body.code).toBe('UNKNOWN_PERMISSION');
    // tenant.users.* needs every tenant.users permission
    expect((await manager.client.post('/api/v1/tenant/api-keys', { name: 'wild', permissions: ['tenant.users.*'] })).body.code).toBe('PRIVILEGE_ESCALATION');
    const ok = await createKey(manager.client, { permissions: ['tenant.users.read'] });
    expect((await keyClient(ok.key).get('/api/v1/tenant/users')).status).toBe(200);
    // the creator loses the permission: so does the key, on its next request
    await admin().delete(`/api/v1/tenant/users/${manager.id}/permissions/${read.body.id}`);
    expect((await keyClient(ok.key).get('/api/v1/tenant/users')).status).toBe(403);
  });

  it('account keys hold account permissions and work in their account only', async () => {
    const owner = await signUp(tenant, 'accountowner');
    const mine = await admin().post('/api/v1/tenant/accounts', { identifier: 'keyed', name: 'Keyed', type: 'AGENCY', ownerId: owner.id });
    const other = await admin().post('/api/v1/tenant/accounts', { identifier: 'unkeyed', name: 'Unkeyed', type: 'AGENCY', ownerId: owner.id });
    const path = `/api/v1/account/${mine.body.id}/api-keys`;
    const scoped = await owner.client.post(path, { name: 'tenant-wide', permissions: ['tenant.users.read'] });
    expect(scoped.body.code).toBe('SCOPE_NOT_ALLOWED');
    const created = await createKey(owner.client, { permissions: ['account.details.read'] }, path);
    const machine = keyClient(created.key);
    expect((await machine.get(`/api/v1/account/${mine.body.id}`)).status).toBe(200);
    expect((await machine.get(`/api/v1/account/${mine.body.id}/members`)).status).toBe(403);
    expect((await machine.get(`/api/v1/account/${other.body.id}`)).status).toBe(403);
    expect((await machine.get('/api/v1/tenant/users')).status).toBe(403);
    const listed = await owner.client.get(path);
    expect(listed.body.data.map((k: { id: string }) => k.id)).toEqual([created.id]);
    // the tenant list holds tenant keys only; an account key is revoked through its account
    expect((await admin().delete(`/api/v1/tenant/api-keys/${created.id}`)).body.code).toBe('API_KEY_NOT_FOUND');
    expect((await owner.client.delete(`${path}/${created.id}`)).status).toBe(204);
    expect((await machine.get(`/api/v1/account/${mine.body.id}`)).status).toBe(401);
  });

  it('stops working when it expires', async () => {
    const soon = new Date(Date.now() + 3600_000).toISOString();
    const created = await createKey(admin(), { permissions: ['tenant.users.read'], expiresAt: soon });
    expect((await keyClient(created.key).get('/api/v1/tenant/users')).status).toBe(200);
    await t.db.query(`update api_keys set created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' where id = $1`, [created.id]);
    const expired = await keyClient(created.key).get('/api/v1/tenant/users');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('UNAUTHENTICATED');
    const past = await admin().post('/api/v1/tenant/api-keys', { name: 'past', permissions: ['tenant.users.read'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
  });

  it('is revoked with effect on the next request, also in another API process', async () => {
    const second = await buildApp({ db: t.db, config: t.config });
    try {
      const created = await createKey(admin(), { permissions: ['tenant.users.read'] });
      const there = keyClient(created.key, second);
      expect((await there.get('/api/v1/tenant/users')).status).toBe(200);
      expect((await there.get('/api/v1/tenant/users')).status).toBe(200);
      expect((await admin().delete(`/api/v1/tenant/api-keys/${created.id}`)).status).toBe(204);
      const refused = await there.get('/api/v1/tenant/users');
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toMatch(/revoked/);
      const listed = await admin().get('/api/v1/tenant/api-keys');
      expect(listed.body.data.find((k: { id: string }) => k.id === created.id).revokedAt).not.toBeNull();
      expect((await admin().delete(`/api/v1/tenant/api-keys/${created.id}`)).status).toBe(204); // again: nothing changes
      expect((await admin().delete('/api/v1/tenant/api-keys/0190f3a0-0000-7000-8000-000000000000')).body.code).toBe('API_KEY_NOT_FOUND');
    } finally {
      await second.close();
    }
  });

  it('is audited with the key beside its creator, and records its last use', async () => {
    const created = await createKey(admin(), { permissions: ['tenant.accounts.create'] });
    const account = await keyClient(created.key).post('/api/v1/tenant/accounts', { identifier: 'audited', name: 'Audited', type: 'CLIENT' });
    expect(account.status).toBe(201);
    const entries = await t.db.query<{ user_id: string; api_key_id: string | null }>(
      `select user_id, api_key_id from audit_logs where tenant_id = $1 and resource = 'accounts' and resource_id = $2`,
      [tenant.id, account.body.id],
    );
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry).toEqual({ user_id: tenant.admin.id, api_key_id: created.id });
    const trail = await admin().get(`/api/v1/tenant/audit/accounts/${account.body.id}`);
    expect(trail.status).toBe(200);
    expect(trail.body.data[0]).toMatchObject({ actor: { id: tenant.admin.id }, apiKeyId: created.id });
    // a session's changes name no key
    const bySession = await admin().post('/api/v1/tenant/accounts', { identifier: 'bysession', name: 'By session', type: 'CLIENT' });
    const [plain] = await t.db.query<{ api_key_id: string | null }>(
      `select api_key_id from audit_logs where tenant_id = $1 and resource = 'accounts' and resource_id = $2 limit 1`,
      [tenant.id, bySession.body.id],
    );
    expect(plain!.api_key_id).toBeNull();
    const listed = await admin().get('/api/v1/tenant/api-keys');
    expect(listed.body.data.find((k: { id: string }) => k.id === created.id).lastUsedAt).not.toBeNull();
  });

  it('is rate-limited per key and minute with 429 and RateLimit headers', async () => {
    // stay clear of a minute boundary, where the window would reset mid-test
    const second = new Date().getSeconds();
    if (second > 50) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    const limited = await createKey(admin(), { permissions: ['tenant.users.read'], rateLimitPerMinute: 3 });
    const other = await createKey(admin(), { permissions: ['tenant.users.read'], rateLimitPerMinute: 3 });
    const machine = keyClient(limited.key);
    for (const remaining of ['2', '1', '0']) {
      const res = await machine.get('/api/v1/tenant/users');
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(res.headers['ratelimit-remaining']).toBe(remaining);
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
      expect(Number(res.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
    }
    const refused = await machine.get('/api/v1/tenant/users');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // another key counts on its own; sessions are not limited this way
    expect((await keyClient(other.key).get('/api/v1/tenant/users')).status).toBe(200);
    expect((await admin().get('/api/v1/tenant/users')).headers['ratelimit-limit']).toBeUndefined();
  }, 30_000);

  describe('refuses what is not a valid key', () => {
    it('answers 401 to unknown and malformed keys', async () => {
      const unknown = `mkey_${Buffer.alloc(48, 1).toString('base64url')}`;
      expect((await keyClient(unknown).get('/api/v1/tenant/users')).status).toBe(401);
      expect((await keyClient('mkey_short').get('/api/v1/tenant/users')).status).toBe(401);
    });
  });
});

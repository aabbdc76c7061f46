import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/app';
import { Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

describeHttp('RBAC: roles, grants, denies, expiry, cache invalidation, escalation', (t) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'rbac');
  });
  const admin = () => tenant.adminClient;

  it('lists the system roles and refuses to change them', async () => {
    const roles = await admin().get('/api/v1/tenant/roles');
    const names = roles.body.data.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['tenant_admin', 'account_admin', 'account_member', 'account_viewer', 'user']));
    expect(names).not.toContain('platform_admin');
    const system = roles.body.data.find((r: { name: string }) => r.name === 'tenant_admin');
    expect(system).toMatchObject({ type: 'SYSTEM', level: 'TENANT', permissions: expect.arrayContaining(['tenant.*.*']) });
    expect((await admin().put(`/api/v1/tenant/roles/${system.id}/permissions`, { permissions: [] })).body.code).toBe('SYSTEM_ROLE');
    expect((await admin().delete(`/api/v1/tenant/roles/${system.id}`)).body.code).toBe('SYSTEM_ROLE');
  });

  it('creates a custom role, assigns it, and the permission works on the next request', async () => {
    const user = await signUp(tenant, 'auditor');
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(403);
    const role = await admin().post('/api/v1/tenant/roles', { name: 'auditor', level: 'TENANT', permissions: ['tenant.*.read'] });
    expect(role.status).toBe(201);
    expect((await admin().post('/api/v1/tenant/roles', { name: 'auditor', level: 'TENANT' })).body.code).toBe('ROLE_NAME_TAKEN');
    const assigned = await admin().post(`/api/v1/tenant/users/${user.id}/roles`, { roleId: role.body.id });
    expect(assigned.status).toBe(201);
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(200);
    expect((await user.client.get('/api/v1/tenant/accounts')).status).toBe(200);
    expect((await user.client.post('/api/v1/tenant/accounts', { identifier: 'nope', name: 'N', type: 'CLIENT' })).status).toBe(403);

    const mine = await user.client.get('/api/v1/user/permissions');
    expect(mine.body.tenant).toEqual(expect.arrayContaining(['tenant.users.read', 'tenant.accounts.read', 'user.profile.read']));
    expect(mine.body.tenant).not.toContain('tenant.accounts.create');

    // changing the role's permissions takes effect at once
    await admin().put(`/api/v1/tenant/roles/${role.body.id}/permissions`, { permissions: ['tenant.accounts.read'] });
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(403);
    expect((await user.client.get('/api/v1/tenant/accounts')).status).toBe(200);
    // and revoking the assignment too
    expect((await admin().delete(`/api/v1/tenant/users/${user.id}/roles/${assigned.body.id}`)).status).toBe(204);
    expect((await user.client.get('/api/v1/tenant/accounts')).status).toBe(403);
  });

  it('lets an explicit deny beat a wildcard grant', async () => {
    const user = await signUp(tenant, 'denied');
    await admin().post(`/api/v1/tenant/users/${user.id}/permissions`, { permission: 'tenant.*.read' });
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(200);
    const deny = await admin().post(`/api/v1/tenant/users/${user.id}/permissions`, { permission: 'tenant.users.read', granted: false });
    expect(deny.status).toBe(201);
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(403);
    expect((await user.client.get('/api/v1/tenant/accounts')).status).toBe(200);
    const grants = await admin().get(`/api/v1/tenant/users/${user.id}/grants`);
    expect(grants.body.permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ permission: 'tenant.*.read', granted: true }),
        expect.objectContaining({ permission: 'tenant.users.read', granted: false }),
      ]),
    );
    expect((await admin().delete(`/api/v1/tenant/users/${user.id}/permissions/${deny.body.id}`)).status).toBe(204);
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(200);
  });

  it('ignores a grant from the second it expires', async () => {
    const user = await signUp(tenant, 'expiring');
    const expiresAt = new Date(Date.now() + 3000).toISOString(); // room for a slow machine before it expires
    await admin().post(`/api/v1/tenant/users/${user.id}/permissions`, { permission: 'tenant.users.read', expiresAt });
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(expiresAt) - Date.now()) + 50));
    expect((await user.client.get('/api/v1/tenant/users')).status).toBe(403);
    const past = await admin().post(`/api/v1/tenant/users/${user.id}/permissions`, { permission: 'tenant.accounts.read', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
  });

  it('scopes a role to one account', async () => {
    const user = await signUp(tenant, 'scoped');
    const a1 = (await admin().post('/api/v1/tenant/accounts', { identifier: 'scope-one', name: 'One', type: 'AGENCY' })).body.id as string;
    const a2 = (await admin().post('/api/v1/tenant/accounts', { identifier: 'scope-two', name: 'Two', type: 'AGENCY' })).body.id as string;
    const res = await admin().post(`/api/v1/tenant/users/${user.id}/roles`, { role: 'account_viewer', accountId: a1 });
    expect(res.status).toBe(201);
    expect((await user.client.get(`/api/v1/account/${a1}`)).status).toBe(200);
    expect((await user.client.get(`/api/v1/account/${a2}`)).status).toBe(403);
    expect((await user.client.patch(`/api/v1/account/${a1}`, { name: 'X' })).status).toBe(403);
    const perms = await user.client.get('/api/v1/user/permissions');
    expect(perms.body.accounts).toEqual([{ accountId: a1, permissions: expect.arrayContaining(['account.details.read', 'account.members.read']) }]);
    const tenantScoped = await admin().post(`/api/v1/tenant/users/${user.id}/roles`, { role: 'tenant_admin', accountId: a1 });
    expect(tenantScoped.body.code).toBe('SCOPE_NOT_ALLOWED');
  });

  it('never removes the last tenant administrator, even when two revoke each other at once', async () => {
    const own = await createTestTenant(t.app, 'lastadmin');
    const grants = (await own.adminClient.get(`/api/v1/tenant/users/${own.admin.id}/grants`)).body;
    const mine = grants.roles.find((r: { role: string }) => r.role === 'tenant_admin');
    const last = await own.adminClient.delete(`/api/v1/tenant/users/${own.admin.id}/roles/${mine.id}`);
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('LAST_TENANT_ADMIN');

    const second = await signUp(own, 'second-admin');
    const assigned = (await own.adminClient.post(`/api/v1/tenant/users/${second.id}/roles`, { role: 'tenant_admin' })).body;
    const results = await Promise.all([
      own.adminClient.delete(`/api/v1/tenant/users/${second.id}/roles/${assigned.id}`),
      second.client.delete(`/api/v1/tenant/users/${own.admin.id}/roles/${mine.id}`),
    ]);
    const admins = await t.db.query(
      `select count(*)::int as n from user_roles ur join roles r on r.id = ur.role_id and r.tenant_id = ur.tenant_id
        where ur.tenant_id = $1 and r.name = 'tenant_admin' and ur.account_id is null`,
      [own.id],
    );
    expect(admins[0]!.n).toBe(1);
    expect(results.filter((r) => r.status === 204)).toHaveLength(1);
  });

  it('keeps a permanent administrator when two deactivate or delete each other at once, and does not count an expiring one', async () => {
    for (const action of ['deactivate', 'delete'] as const) {
      const own = await createTestTenant(t.app, `lastadmin-${action}`);
      const second = await signUp(own, `second-${action}`);
      await own.adminClient.post(`/api/v1/tenant/users/${second.id}/roles`, { role: 'tenant_admin' });
      const remove = (client: Client, userId: string) =>
        action === 'delete' ? client.delete(`/api/v1/tenant/users/${userId}`) : client.post(`/api/v1/tenant/users/${userId}/deactivate`);
      const results = await Promise.all([remove(own.adminClient, second.id), remove(second.client, own.admin.id)]);
      // One wins; the other is refused (409), or — when it came second — was already signed out (401).
      expect(results.filter((r) => r.status < 300)).toHaveLength(1);
      expect(results.filter((r) => r.body?.code === 'LAST_TENANT_ADMIN' || r.status === 401)).toHaveLength(1);
      const admins = await t.db.query<{ n: number }>(
        `select count(*)::int as n from user_roles ur join roles r on r.id = ur.role_id and r.tenant_id = ur.tenant_id
           join users u on u.tenant_id = ur.tenant_id and u.id = ur.user_id and u.deleted_at is null and u.deactivated_at is null
          where ur.tenant_id = $1 and r.name = 'tenant_admin' and ur.account_id is null and ur.expires_at is null`,
        [own.id],
      );
      expect(admins[0]!.n).toBe(1);
    }
    // an administrator whose assignment expires does not count as the one that remains
    const own = await createTestTenant(t.app, 'lastadmin-expiring');
    const temporary = await signUp(own, 'temporary-admin');
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    expect((await own.adminClient.post(`/api/v1/tenant/users/${temporary.id}/roles`, { role: 'tenant_admin', expiresAt })).status).toBe(201);
    const leaving = await temporary.client.post(`/api/v1/tenant/users/${own.admin.id}/deactivate`);
    expect([leaving.status, leaving.body.code]).toEqual([409, 'LAST_TENANT_ADMIN']);
  });

  it('lets no grant outlive its granter, and nobody narrow a principal above their level', async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const temp = await signUp(tenant, 'temp-granter');
    const target = await signUp(tenant, 'grant-target');
    for (const permission of ['tenant.grants.manage', 'tenant.users.read']) {
      expect((await admin().post(`/api/v1/tenant/users/${temp.id}/permissions`, { permission, expiresAt: inDays(1) })).status).toBe(201);
    }
    const grant = (body: Record<string, unknown>, userId = target.id) => temp.client.post(`/api/v1/tenant/users/${userId}/permissions`, body);
    for (const expiresAt of [undefined, inDays(2)]) {
      for (const userId of [target.id, temp.id]) {
        const refused = await grant({ permission: 'tenant.users.read', ...(expiresAt ? { expiresAt } : {}) }, userId);
        expect([refused.status, refused.body.code], `${expiresAt} to ${userId === temp.id ? 'itself' : 'another'}`).toEqual([403, 'PRIVILEGE_ESCALATION']);
        expect(refused.body.detail).toMatch(/no later than yours/);
      }
    }
    expect((await grant({ permission: 'tenant.users.read', expiresAt: inDays(0.5) })).status).toBe(201);
    // a role held until tomorrow hands out no role for good either
    const tempAdmin = await signUp(tenant, 'temp-admin');
    await admin().post(`/api/v1/tenant/users/${tempAdmin.id}/roles`, { role: 'tenant_admin', expiresAt: inDays(1) });
    const forGood = await tempAdmin.client.post(`/api/v1/tenant/users/${target.id}/roles`, { role: 'account_viewer', accountId: null });
    expect([forGood.status, forGood.body.code]).toEqual([403, 'PRIVILEGE_ESCALATION']);
    expect(forGood.body.detail).toMatch(/no later than yours/);
    const untilThen = await tempAdmin.client.post(`/api/v1/tenant/users/${target.id}/roles`, {
      role: 'account_viewer',
      accountId: null,
      expiresAt: inDays(0.5),
    });
    expect(untilThen.status, JSON.stringify(untilThen.body)).toBe(201);

    // a person without a role above "user" who was given tenant.grants.manage cannot narrow the tenant administrator
    const narrow = await signUp(tenant, 'narrower');
    await admin().post(`/api/v1/tenant/users/${narrow.id}/permissions`, { permission: 'tenant.grants.manage' });
    await admin().post(`/api/v1/tenant/users/${narrow.id}/permissions`, { permission: 'tenant.users.read' });
    const deny = await narrow.client.post(`/api/v1/tenant/users/${tenant.admin.id}/permissions`, { permission: 'tenant.users.read', granted: false });
    expect([deny.status, deny.body.code]).toEqual([403, 'PRIVILEGE_ESCALATION']);
    const adminsOwn = (await admin().post(`/api/v1/tenant/users/${tempAdmin.id}/permissions`, { permission: 'tenant.users.read' })).body;
    expect((await narrow.client.delete(`/api/v1/tenant/users/${tempAdmin.id}/permissions/${adminsOwn.id}`)).body.code).toBe('PRIVILEGE_ESCALATION');
    // …while a deny for someone at their own level is fine
    const peer = await signUp(tenant, 'peer');
    expect((await narrow.client.post(`/api/v1/tenant/users/${peer.id}/permissions`, { permission: 'tenant.users.read', granted: false })).status).toBe(201);
  });

  it('invalidates the permission cache of another API process on its next request', async () => {
    const second = await buildApp({ db: t.db, config: t.config });
    try {
      const user = await signUp(tenant, 'twoproc');
      const grant = await admin().post(`/api/v1/tenant/users/${user.id}/permissions`, { permission: 'tenant.users.read' });
      const other = new Client(second, user.token, tenant.identifier);
      expect((await other.get('/api/v1/tenant/users')).status).toBe(200); // cached in process 2
      expect((await other.get('/api/v1/tenant/users')).status).toBe(200);
      await admin().delete(`/api/v1/tenant/users/${user.id}/permissions/${grant.body.id}`); // revoked through process 1
      expect((await other.get('/api/v1/tenant/users')).status).toBe(403);
    } finally {
      await second.close();
    }
  });

  describe('no privilege escalation', () => {
    let manager: Awaited<ReturnType<typeof signUp>>;
    beforeAll(async () => {
      manager = await signUp(tenant, 'manager');
      const role = await admin().post('/api/v1/tenant/roles', {
        name: 'grant manager',
        level: 'TENANT',
        permissions: ['tenant.grants.manage', 'tenant.grants.read', 'tenant.roles.create', 'tenant.roles.read', 'tenant.users.read'],
      });
      await admin().post(`/api/v1/tenant/users/${manager.id}/roles`, { roleId: role.body.id });
    });

    it('refuses granting oneself a permission one does not hold', async () => {
      const res = await manager.client.post(`/api/v1/tenant/users/${manager.id}/permissions`, { permission: 'tenant.users.delete' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PRIVILEGE_ESCALATION');
      const wild = await manager.client.post(`/api/v1/tenant/users/${manager.id}/permissions`, { permission: 'tenant.*.*' });
      expect(wild.body.code).toBe('PRIVILEGE_ESCALATION');
    });

    it('refuses assigning oneself a stronger role', async () => {
      const res = await manager.client.post(`/api/v1/tenant/users/${manager.id}/roles`, { role: 'tenant_admin' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PRIVILEGE_ESCALATION');
    });

    it('refuses putting unheld permissions into a new role', async () => {
      const res = await manager.client.post('/api/v1/tenant/roles', { name: 'sneaky', level: 'TENANT', permissions: ['tenant.users.delete'] });
      expect(res.body.code).toBe('PRIVILEGE_ESCALATION');
      const ok = await manager.client.post('/api/v1/tenant/roles', { name: 'reader', level: 'TENANT', permissions: ['tenant.users.read'] });
      expect(ok.status).toBe(201);
    });

    it('refuses platform permissions and PLATFORM roles outside the platform tenant', async () => {
      expect((await admin().post(`/api/v1/tenant/users/${manager.id}/permissions`, { permission: 'platform.tenants.read' })).body.code).toBe(
        'PLATFORM_PERMISSION',
      );
      expect((await admin().post(`/api/v1/tenant/users/${manager.id}/permissions`, { permission: '*' })).body.code).toBe('PLATFORM_PERMISSION');
      expect((await admin().post('/api/v1/tenant/roles', { name: 'op', level: 'PLATFORM' })).status).toBe(400);
    });

    it('keeps the grant tables unchanged after refused attempts', async () => {
      const grants = await admin().get(`/api/v1/tenant/users/${manager.id}/grants`);
      expect(grants.body.permissions).toEqual([]);
      expect(grants.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['grant manager', 'user']);
    });
  });
});

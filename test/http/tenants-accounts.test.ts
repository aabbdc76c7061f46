import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, describeHttp, lastMail, login, PASSWORD, signUp, type TestTenant } from '../helpers/http';

describeHttp('platform tenants, accounts, members, user administration', (t) => {
  let platform: TestTenant;
  let tenant: TestTenant;
  beforeAll(async () => {
    platform = await createTestTenant(t.app, 'platform', { identifier: 'platform' });
    tenant = await createTestTenant(t.app, 'acct');
  });

  type Person = Awaited<ReturnType<typeof signUp>>;
  /** Verifies a person's address with the token from their e-mail. */
  async function verify(person: Person) {
    const mail = await lastMail(t.db, person.email, 'auth.verify-email');
    expect((await tenant.anon.post('/api/v1/public/auth/verify-email', { token: mail!.payload.token })).status).toBe(204);
  }
  /** An admin invites, the person (with a verified address) accepts. */
  async function join(inviter: Person, accountId: string, person: Person, role: 'admin' | 'member' | 'viewer') {
    const invitation = await inviter.client.post(`/api/v1/account/${accountId}/invitations`, { email: person.email, role });
    expect(invitation.status).toBe(201);
    await verify(person).catch(() => undefined);
    const accepted = await person.client.post(`/api/v1/user/invitations/${invitation.body.id}/accept`);
    expect(accepted.status).toBe(201);
    return accepted.body;
  }

  describe('platform operators', () => {
    it('create, list, change, suspend, activate and delete tenants', async () => {
      const op = platform.adminClient;
      const created = await op.post('/api/v1/platform/tenants', {
        identifier: 'newco',
        name: 'NewCo',
        plan: 'pro',
        features: ['featured-listings'],
        admin: { email: 'boss@newco.test', password: PASSWORD, displayName: 'Boss' },
      });
      expect(created.status).toBe(201);
      expect(created.body.tenant).toMatchObject({ identifier: 'newco', status: 'TRIAL', plan: 'pro', features: ['featured-listings'] });
      const id = created.body.tenant.id as string;

      const dup = await op.post('/api/v1/platform/tenants', {
        identifier: 'newco',
        name: 'Again',
        admin: { email: 'x@y.test', password: PASSWORD, displayName: 'X' },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('TENANT_IDENTIFIER_TAKEN');

      const listed = await op.get('/api/v1/platform/tenants?q=newco');
      expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([id]);

      const changed = await op.patch(`/api/v1/platform/tenants/${id}`, { planExpiry: '2030-01-01T00:00:00Z', name: 'NewCo Ltd' });
      expect(changed.body).toMatchObject({ name: 'NewCo Ltd', planExpiry: '2030-01-01T00:00:00.000Z' });

      const boss = await login(tenant.anon.forTenant('newco').as(undefined), 'boss@newco.test');
      const bossClient = tenant.anon.forTenant('newco').as(boss);
      expect((await bossClient.get('/api/v1/tenant/settings')).status).toBe(200);

      expect((await op.post(`/api/v1/platform/tenants/${id}/suspend`)).body.status).toBe('SUSPENDED');
      const blocked = await bossClient.get('/api/v1/tenant/settings');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('TENANT_SUSPENDED');
      // platform routes keep working on a suspended tenant
      expect((await op.get(`/api/v1/platform/tenants/${id}`)).body.status).toBe('SUSPENDED');
      expect((await op.post(`/api/v1/platform/tenants/${id}/activate`)).body.status).toBe('ACTIVE');
      expect((await bossClient.get('/api/v1/tenant/settings')).status).toBe(200);

      expect((await op.delete(`/api/v1/platform/tenants/${id}`)).status).toBe(204);
      expect((await bossClient.get('/api/v1/tenant/settings')).status).toBe(403);
      expect((await op.get('/api/v1/platform/tenants?q=newco')).body.data).toHaveLength(0);
    });

    it('cannot suspend or delete the platform tenant', async () => {
      const res = await platform.adminClient.post(`/api/v1/platform/tenants/${platform.id}/suspend`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PLATFORM_TENANT_PROTECTED');
    });

    it('are the only ones on platform routes', async () => {
      for (const res of [await tenant.adminClient.get('/api/v1/platform/tenants'), await tenant.adminClient.get('/api/v1/platform/permissions')]) {
        expect(res.status).toBe(403);
      }
      const catalog = await platform.adminClient.get('/api/v1/platform/permissions');
      const names = catalog.body.data.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['tenant.users.read', 'tenant.*.read', 'account.listings.*', '*']));
    });
  });

  describe('tenant settings', () => {
    it('lets the tenant admin change name and settings, not the plan', async () => {
      const res = await tenant.adminClient.patch('/api/v1/tenant/settings', { name: 'Renamed', settings: { registration: 'closed' } });
      expect(res.body).toMatchObject({ name: 'Renamed', settings: { registration: 'closed' } });
      expect((await tenant.adminClient.patch('/api/v1/tenant/settings', { plan: 'enterprise' })).status).toBe(400);
      const closed = await tenant.anon.post('/api/v1/public/auth/register', { email: 'late@x.test', password: PASSWORD, displayName: 'Late' });
      expect(closed.status).toBe(403);
      expect(closed.body.code).toBe('REGISTRATION_CLOSED');
      await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: { registration: 'open' } });
    });

    it('refuses invalid settings with the field named, and keeps what was stored', async () => {
      const before = (await tenant.adminClient.get('/api/v1/tenant/settings')).body.settings;
      const refused: [Record<string, unknown>, string][] = [
        [{ registation: 'closed' }, 'settings'],
        [{ registration: 'sometimes' }, 'settings.registration'],
        [{ media: { maxUploadBytes: -5 } }, 'settings.media.maxUploadBytes'],
        [{ media: { maxUploadBytes: '10MB' } }, 'settings.media.maxUploadBytes'],
        [{ media: { allowedTypes: ['application/x-msdownload'] } }, 'settings.media.allowedTypes.0'],
        [{ media: { userStorageBytes: 1.5 } }, 'settings.media.userStorageBytes'],
        [{ branding: { primaryColor: 'red; background: url(x)' } }, 'settings.branding.primaryColor'],
        [{ branding: { logoUrl: 'javascript:alert(1)' } }, 'settings.branding.logoUrl'],
      ];
      for (const [settings, path] of refused) {
        const res = await tenant.adminClient.patch('/api/v1/tenant/settings', { settings });
        expect(res.status, JSON.stringify(settings)).toBe(400);
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(`body.${path}`);
        expect(JSON.stringify(res.body)).not.toMatch(/_check|_fkey|_key\b|constraint/i);
      }
      expect((await tenant.adminClient.get('/api/v1/tenant/settings')).body.settings).toEqual(before);

      const custom = { custom: { heroImage: 'https://cdn.example/hero.png', footerLinks: [1, 2] }, media: { maxUploadBytes: 5_000_000, keepGps: false } };
      const saved = await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: custom });
      expect(saved.status).toBe(200);
      expect(saved.body.settings).toEqual(custom);
      await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: before });
    });
  });

  describe('accounts and members', () => {
    it('tenant admin creates an account with an owner, who manages it', async () => {
      const owner = await signUp(tenant, 'owner');
      const created = await tenant.adminClient.post('/api/v1/tenant/accounts', {
        identifier: 'elite',
        name: 'Elite',
        type: 'AGENCY',
        ownerId: owner.id,
        plan: 'starter',
        limits: { maxMembers: 3 },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        identifier: 'elite',
        memberCount: 1,
        subscription: { plan: 'starter' },
        effectiveLimits: { maxActiveListings: 25, maxMembers: 3 },
      });
      const accountId = created.body.id as string;
      expect((await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier: 'elite', name: 'E2', type: 'CLIENT' })).body.code).toBe(
        'ACCOUNT_IDENTIFIER_TAKEN',
      );

      const details = await owner.client.get(`/api/v1/account/${accountId}`);
      expect(details.status).toBe(200);
      const renamed = await owner.client.patch(`/api/v1/account/${accountId}`, { name: 'Elite Faces', businessInfo: { vatId: 'ATU1' } });
      expect(renamed.body).toMatchObject({ name: 'Elite Faces', businessInfo: { vatId: 'ATU1' } });
      expect((await owner.client.patch(`/api/v1/account/${accountId}`, { limits: { maxMembers: 100 } })).status).toBe(400);

      const member = await signUp(tenant, 'member');
      const viewer = await signUp(tenant, 'viewer');
      await join(owner, accountId, member, 'member');
      await join(owner, accountId, viewer, 'viewer');
      const dup = await owner.client.post(`/api/v1/account/${accountId}/invitations`, { email: member.email, role: 'member' });
      expect(dup.body.code).toBe('ALREADY_MEMBER');
      const fourth = await signUp(tenant, 'fourth');
      await verify(fourth);
      const invitation = (await owner.client.post(`/api/v1/account/${accountId}/invitations`, { email: fourth.email, role: 'viewer' })).body;
      const full = await fourth.client.post(`/api/v1/user/invitations/${invitation.id}/accept`);
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('MEMBER_LIMIT_REACHED');

      // a member sees, but cannot manage
      expect((await member.client.get(`/api/v1/account/${accountId}/members`)).body.data).toHaveLength(3);
      expect((await member.client.post(`/api/v1/account/${accountId}/invitations`, { email: fourth.email, role: 'admin' })).status).toBe(403);
      expect((await viewer.client.patch(`/api/v1/account/${accountId}`, { name: 'Hacked' })).status).toBe(403);

      // never the last admin
      const last = await owner.client.patch(`/api/v1/account/${accountId}/members/${owner.id}`, { role: 'member' });
      expect(last.status).toBe(409);
      expect(last.body.code).toBe('LAST_ADMIN');
      expect((await owner.client.delete(`/api/v1/account/${accountId}/members/${owner.id}`)).body.code).toBe('LAST_ADMIN');
      expect((await owner.client.delete(`/api/v1/user/accounts/${accountId}`)).body.code).toBe('LAST_ADMIN');
      await owner.client.patch(`/api/v1/account/${accountId}/members/${member.id}`, { role: 'admin' });
      expect((await owner.client.delete(`/api/v1/account/${accountId}/members/${owner.id}`)).status).toBe(204);
      expect((await owner.client.get(`/api/v1/account/${accountId}`)).status).toBe(403);
    });

    it('makes nobody a member without their consent: an invitation the person accepts', async () => {
      const schemer = await signUp(tenant, 'schemer');
      const victim = await signUp(tenant, 'victim');
      const acc = (await schemer.client.post('/api/v1/user/accounts', { identifier: 'trap-agency', name: 'Trap', type: 'AGENCY' })).body;
      expect((await schemer.client.post(`/api/v1/account/${acc.id}/members`, { userId: victim.id, role: 'viewer' })).status).toBe(404);
      const invited = await schemer.client.post(`/api/v1/account/${acc.id}/invitations`, { email: victim.email, role: 'viewer' });
      expect(invited.status).toBe(201);
      expect(await lastMail(t.db, victim.email, 'accounts.invitation')).toBeDefined();
      // not a member until accepted: no authority over the victim's things
      expect((await schemer.client.get(`/api/v1/account/${acc.id}/members`)).body.data.map((m: { userId: string }) => m.userId)).toEqual([schemer.id]);
      expect((await victim.client.get('/api/v1/user/accounts')).body.data).toEqual([]);
      // an invitation to an unregistered address looks exactly like one to a registered address
      const ghost = await schemer.client.post(`/api/v1/account/${acc.id}/invitations`, { email: `ghost@${tenant.identifier}.test`, role: 'viewer' });
      expect(Object.keys(ghost.body).sort()).toEqual(Object.keys(invited.body).sort());
      expect(ghost.status).toBe(invited.status);

      // Unverified, the holder of the address sees nothing of it (whoever registered with
      // somebody else's address must not learn who invited them) and is told to verify.
      expect((await victim.client.get('/api/v1/user/invitations')).body.data).toEqual([]);
      for (const action of ['accept', 'decline']) {
        const unverified = await victim.client.post(`/api/v1/user/invitations/${invited.body.id}/${action}`);
        expect([unverified.status, unverified.body.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
        const unknown = await victim.client.post(`/api/v1/user/invitations/${crypto.randomUUID()}/${action}`);
        expect([unknown.status, unknown.body.code]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
      }
      const verification = (await lastMail(t.db, victim.email, 'auth.verify-email'))!.payload.token as string;
      expect((await tenant.anon.post('/api/v1/public/auth/verify-email', { token: verification })).status).toBeLessThan(300);
      const mine = await victim.client.get('/api/v1/user/invitations');
      expect(mine.body.data).toEqual([expect.objectContaining({ accountId: acc.id, accountName: 'Trap', role: 'viewer' })]);
      expect((await victim.client.post(`/api/v1/user/invitations/${invited.body.id}/decline`)).status).toBe(204);
      expect((await victim.client.get('/api/v1/user/invitations')).body.data).toEqual([]);
      // someone else cannot accept an invitation meant for another address
      const other = await signUp(tenant, 'other');
      const otherToken = (await lastMail(t.db, other.email, 'auth.verify-email'))!.payload.token as string;
      await tenant.anon.post('/api/v1/public/auth/verify-email', { token: otherToken });
      const again = (await schemer.client.post(`/api/v1/account/${acc.id}/invitations`, { email: victim.email, role: 'viewer' })).body;
      expect((await other.client.post(`/api/v1/user/invitations/${again.id}/accept`)).status).toBe(404);
      expect((await schemer.client.get(`/api/v1/account/${acc.id}/invitations`)).body.data).toHaveLength(2);
      expect((await schemer.client.delete(`/api/v1/account/${acc.id}/invitations/${again.id}`)).status).toBe(204);
    });

    it('lets a member leave, and only an admin demote an admin', async () => {
      const owner = await signUp(tenant, 'leave-owner');
      const acc = (await owner.client.post('/api/v1/user/accounts', { identifier: 'leavers', name: 'Leavers', type: 'AGENCY' })).body;
      const admin2 = await signUp(tenant, 'leave-admin2');
      const manager = await signUp(tenant, 'leave-manager');
      await join(owner, acc.id, admin2, 'admin');
      await join(owner, acc.id, manager, 'member');
      // a custom role that may manage members, but is not an admin of the account
      const role = (
        await tenant.adminClient.post('/api/v1/tenant/roles', {
          name: 'member manager',
          level: 'ACCOUNT',
          permissions: ['account.members.manage', 'account.members.read', 'account.*.read'],
        })
      ).body;
      await tenant.adminClient.post(`/api/v1/tenant/users/${manager.id}/roles`, { roleId: role.id, accountId: acc.id });
      const demote = await manager.client.patch(`/api/v1/account/${acc.id}/members/${admin2.id}`, { role: 'viewer' });
      expect(demote.status).toBe(403);
      expect(demote.body.code).toBe('PRIVILEGE_ESCALATION');
      expect((await manager.client.delete(`/api/v1/user/accounts/${acc.id}`)).status).toBe(204);
      expect((await manager.client.get('/api/v1/user/accounts')).body.data).toEqual([]);
      expect((await manager.client.delete(`/api/v1/user/accounts/${acc.id}`)).status).toBe(404);
    });

    it('keeps an admin when two admins demote each other at the same time', async () => {
      const a = await signUp(tenant, 'race-a');
      const b = await signUp(tenant, 'race-b');
      const acc = (await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier: `race-${Date.now()}`, name: 'Race', type: 'AGENCY', ownerId: a.id }))
        .body;
      await join(a, acc.id, b, 'admin');
      const results = await Promise.all([
        a.client.patch(`/api/v1/account/${acc.id}/members/${b.id}`, { role: 'member' }),
        b.client.patch(`/api/v1/account/${acc.id}/members/${a.id}`, { role: 'member' }),
      ]);
      const admins = await t.db.query(`select count(*)::int as n from account_users where account_id = $1 and role = 'admin'`, [acc.id]);
      expect(admins[0]!.n).toBe(1);
      // Exactly one demotion wins. The other is refused by the database (409 LAST_ADMIN) when
      // both ran at once, or by the guard (403) when it started after the winner committed.
      const [winner, loser] = [...results].sort((x, y) => x.status - y.status);
      expect(winner!.status).toBe(200);
      expect([403, 409]).toContain(loser!.status);
      if (loser!.status === 409) expect(loser!.body.code).toBe('LAST_ADMIN');
    });

    it('lets a user create their own account and list memberships', async () => {
      const user = await signUp(tenant, 'selfacct');
      const created = await user.client.post('/api/v1/user/accounts', { identifier: 'solo-studio', name: 'Solo Studio', type: 'INDIVIDUAL' });
      expect(created.status).toBe(201);
      const mine = await user.client.get('/api/v1/user/accounts');
      expect(mine.body.data).toEqual([expect.objectContaining({ role: 'admin', account: expect.objectContaining({ identifier: 'solo-studio' }) })]);
    });

    it('tenant admin changes status, limits, subscription, and soft-deletes', async () => {
      const acc = (await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier: 'to-change', name: 'To change', type: 'VENDOR' })).body;
      const changed = await tenant.adminClient.patch(`/api/v1/tenant/accounts/${acc.id}`, {
        status: 'SUSPENDED',
        verified: true,
        limits: { maxActiveListings: 7 },
      });
      expect(changed.body).toMatchObject({ status: 'SUSPENDED', limits: { maxActiveListings: 7 }, effectiveLimits: { maxActiveListings: 7 } });
      expect(changed.body.verifiedAt).toEqual(expect.any(String));
      const sub = await tenant.adminClient.put(`/api/v1/tenant/accounts/${acc.id}/subscription`, { plan: 'pro', status: 'ACTIVE' });
      expect(sub.body.subscription).toMatchObject({ plan: 'pro', status: 'ACTIVE' });
      expect(sub.body.effectiveLimits.maxActiveListings).toBe(7);
      expect((await tenant.adminClient.put(`/api/v1/tenant/accounts/${acc.id}/subscription`, { plan: 'nonexistent' })).body.code).toBe('UNKNOWN_PLAN');
      expect((await tenant.adminClient.delete(`/api/v1/tenant/accounts/${acc.id}`)).status).toBe(204);
      expect((await tenant.adminClient.get(`/api/v1/tenant/accounts/${acc.id}`)).status).toBe(404);
      expect((await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier: 'to-change', name: 'Again', type: 'VENDOR' })).status).toBe(201);
    });
  });

  describe('user administration', () => {
    it('invites a user without a password, who then chooses one', async () => {
      const invited = await tenant.adminClient.post('/api/v1/tenant/users', { email: `invited@${tenant.identifier}.test`, displayName: 'Invited' });
      expect(invited.status).toBe(201);
      const mail = await lastMail(t.db, `invited@${tenant.identifier}.test`, 'auth.invitation');
      const set = await tenant.anon.post('/api/v1/public/auth/password-reset/confirm', { token: mail!.payload.token, password: 'Chosen-Secret-42' });
      expect(set.status).toBe(204);
      await login(tenant.anon, `invited@${tenant.identifier}.test`, 'Chosen-Secret-42');
    });

    it('searches, deactivates, reactivates and deletes', async () => {
      const user = await signUp(tenant, 'findme');
      const found = await tenant.adminClient.get(`/api/v1/tenant/users?q=findme`);
      expect(found.body.data.map((u: { id: string }) => u.id)).toEqual([user.id]);
      expect((await tenant.adminClient.post(`/api/v1/tenant/users/${user.id}/deactivate`)).body.status).toBe('deactivated');
      expect((await tenant.adminClient.get(`/api/v1/tenant/users?status=deactivated&q=findme`)).body.data).toHaveLength(1);
      expect((await tenant.adminClient.post(`/api/v1/tenant/users/${user.id}/reactivate`)).body.status).toBe('active');
      expect((await tenant.adminClient.delete(`/api/v1/tenant/users/${user.id}`)).status).toBe(204);
      expect((await user.client.get('/api/v1/user/me')).status).toBe(401);
      expect((await tenant.adminClient.get(`/api/v1/tenant/users/${user.id}`)).body.status).toBe('deleted');
      // the address is free again: a new account with it can sign in
      expect((await tenant.anon.post('/api/v1/public/auth/register', { email: user.email, password: PASSWORD, displayName: 'Again' })).status).toBe(202);
      expect(await login(tenant.anon, user.email)).toEqual(expect.any(String));
    });

    it('does not let an admin act on themselves or hand out roles beyond their own', async () => {
      expect((await tenant.adminClient.post(`/api/v1/tenant/users/${tenant.admin.id}/deactivate`)).body.code).toBe('NOT_ON_YOURSELF');
      const res = await tenant.adminClient.post('/api/v1/tenant/users', { email: 'op@x.test', displayName: 'Op', roles: ['platform_admin'] });
      expect(res.status).toBe(422);
    });
  });
});

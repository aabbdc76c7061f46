import { beforeAll, expect, it } from 'vitest';
import { currentTotp } from '../../src/modules/identity/totp';
import { createTestTenant, describeHttp, lastMail, login, PASSWORD, signUp, type TestTenant } from '../helpers/http';
import { wrongTotp } from '../helpers/totp';

describeHttp('happy paths of the remaining identity and administration routes', (t) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'happy');
  });

  it('rotates recovery codes with a current code; old ones stop working', async () => {
    const user = await signUp(tenant, 'rotate');
    const { secret } = (await user.client.post('/api/v1/user/2fa/enroll')).body;
    const first = (await user.client.post('/api/v1/user/2fa/confirm', { code: currentTotp(secret) })).body.recoveryCodes as string[];
    expect((await user.client.post('/api/v1/user/2fa/recovery-codes', { code: wrongTotp(secret) })).status).toBe(422);
    const rotated = await user.client.post('/api/v1/user/2fa/recovery-codes', { code: currentTotp(secret, 1) });
    expect(rotated.body.recoveryCodes).toHaveLength(10);
    expect(rotated.body.recoveryCodes).not.toContain(first[0]);
    const old = await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: PASSWORD, recoveryCode: first[0] });
    expect(old.status).toBe(401);
    await login(tenant.anon, user.email, PASSWORD, { recoveryCode: rotated.body.recoveryCodes[0] });
  });

  it('resends the verification e-mail until the address is verified', async () => {
    const user = await signUp(tenant, 'resend');
    expect((await user.client.post('/api/v1/user/me/verify-email')).status).toBe(202);
    const token = (await lastMail(t.db, user.email, 'auth.verify-email'))!.payload.token;
    await tenant.anon.post('/api/v1/public/auth/verify-email', { token });
    const again = await user.client.post('/api/v1/user/me/verify-email');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_VERIFIED');
  });

  it('reads and changes one user as tenant admin', async () => {
    const user = await signUp(tenant, 'onewho');
    const got = await tenant.adminClient.get(`/api/v1/tenant/users/${user.id}`);
    expect(got.body).toMatchObject({ id: user.id, email: user.email, status: 'active' });
    const changed = await tenant.adminClient.patch(`/api/v1/tenant/users/${user.id}`, {
      displayName: 'Renamed Person',
      username: 'renamed.person',
      emailVerified: true,
    });
    expect(changed.body).toMatchObject({ displayName: 'Renamed Person', username: 'renamed.person', emailVerified: true });
    const clash = await tenant.adminClient.patch(`/api/v1/tenant/users/${(await signUp(tenant, 'other')).id}`, { username: 'RENAMED.person' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('USERNAME_TAKEN');
    expect((await tenant.adminClient.get(`/api/v1/tenant/users/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('reads, renames and deletes a custom role; its assignments go with it', async () => {
    const role = (await tenant.adminClient.post('/api/v1/tenant/roles', { name: 'editor', level: 'TENANT', permissions: ['tenant.content.read'] })).body;
    expect((await tenant.adminClient.get(`/api/v1/tenant/roles/${role.id}`)).body).toMatchObject({
      name: 'editor',
      type: 'CUSTOM',
      permissions: ['tenant.content.read'],
    });
    expect((await tenant.adminClient.patch(`/api/v1/tenant/roles/${role.id}`, { name: 'content editor', description: 'Edits content' })).body).toMatchObject({
      name: 'content editor',
      description: 'Edits content',
    });
    const user = await signUp(tenant, 'roleholder');
    await tenant.adminClient.post(`/api/v1/tenant/users/${user.id}/roles`, { roleId: role.id });
    expect((await user.client.get('/api/v1/user/permissions')).body.tenant).toContain('tenant.content.read');
    expect((await tenant.adminClient.delete(`/api/v1/tenant/roles/${role.id}`)).status).toBe(204);
    expect((await tenant.adminClient.get(`/api/v1/tenant/roles/${role.id}`)).status).toBe(404);
    expect((await user.client.get('/api/v1/user/permissions')).body.tenant).not.toContain('tenant.content.read');
  });

  it('filters and pages accounts', async () => {
    for (const [identifier, type] of [
      ['page-a', 'VENDOR'],
      ['page-b', 'VENDOR'],
      ['page-c', 'CLIENT'],
    ] as const) {
      await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier, name: `Page ${identifier}`, type });
    }
    const vendors = await tenant.adminClient.get('/api/v1/tenant/accounts?type=VENDOR&q=page');
    expect(vendors.body.data.map((a: { identifier: string }) => a.identifier).sort()).toEqual(['page-a', 'page-b']);
    const first = await tenant.adminClient.get('/api/v1/tenant/accounts?q=page&limit=2');
    const second = await tenant.adminClient.get(`/api/v1/tenant/accounts?q=page&limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.data, ...second.body.data].map((a: { identifier: string }) => a.identifier).sort()).toEqual(['page-a', 'page-b', 'page-c']);
    expect(second.body.nextCursor).toBeNull();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { currentTotp, totpStep } from '../../src/modules/identity/totp';
import { createTestTenant, describeHttp, lastMail, login, PASSWORD, signUp, type TestTenant } from '../helpers/http';
import { freshTotpStep, wrongTotp, wrongTotps } from '../helpers/totp';

describeHttp(
  'identity: sign-up, sign-in, sessions, 2FA',
  (t) => {
    let tenant: TestTenant;
    beforeAll(async () => {
      tenant = await createTestTenant(t.app, 'ident');
    });

    describe('registration', () => {
      it('creates a user and sends a verification e-mail; the same address again (any case) gets the same answer and an e-mail instead', async () => {
        const email = `Reg.Test@${tenant.identifier}.test`;
        const res = await tenant.anon.post('/api/v1/public/auth/register', { email, password: PASSWORD, displayName: 'Reg Test' });
        expect(res.status).toBe(202);
        expect(res.body).toEqual({ email: email.toLowerCase(), message: expect.stringMatching(/e-mail/) });
        expect(await lastMail(t.db, email.toLowerCase(), 'auth.verify-email')).toBeDefined();
        const token = await login(tenant.anon, email.toLowerCase());
        expect((await tenant.anon.as(token).get('/api/v1/user/me')).body).toMatchObject({
          email: email.toLowerCase(),
          displayName: 'Reg Test',
          emailVerified: false,
        });

        const again = await tenant.anon.post('/api/v1/public/auth/register', { email: email.toUpperCase(), password: 'Other-Pass-77-word', displayName: 'X' });
        expect(again.status).toBe(202);
        expect(again.body).toEqual(res.body);
        const notice = await lastMail(t.db, email.toLowerCase(), 'auth.already-registered');
        expect(notice?.body_text).toMatch(/already has an account[\s\S]*reset-password\?token=/);
        // the existing account is untouched: the old password still signs in, the new one does not
        expect(await login(tenant.anon, email.toLowerCase())).toEqual(expect.any(String));
        expect((await tenant.anon.post('/api/v1/public/auth/login', { email, password: 'Other-Pass-77-word' })).status).toBe(401);
      });

      it('answers a taken and a free address alike, and does not mail-bomb the holder', async () => {
        const taken = (await signUp(tenant, 'holder')).email;
        const answer = async (email: string) => {
          const res = await tenant.anon.post('/api/v1/public/auth/register', { email, password: PASSWORD, displayName: 'Probe' });
          return { status: res.status, headers: Object.keys(res.headers).sort(), keys: Object.keys(res.body).sort(), message: res.body.message };
        };
        for (let i = 0; i < 5; i++) {
          const free = `free-${i}-${Date.now()}@${tenant.identifier}.test`;
          expect(await answer(taken)).toEqual(await answer(free));
        }
        const notices = await t.db.query<{ n: number }>(
          `select count(*)::int as n from mail_outbox where to_email = $1 and template = 'auth.already-registered'`,
          [taken],
        );
        expect(notices[0]!.n).toBe(3);
      });

      it('explains a weak password and writes nothing', async () => {
        const email = `weak@${tenant.identifier}.test`;
        const res = await tenant.anon.post('/api/v1/public/auth/register', { email, password: 'short', displayName: 'Weak' });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('WEAK_PASSWORD');
        expect(res.body.detail).toMatch(/at least 10 characters/);
        expect(await t.db.query('select 1 from users where email = $1', [email])).toHaveLength(0);
      });

      it('rejects malformed input field by field, and unknown fields', async () => {
        const res = await tenant.anon.post('/api/v1/public/auth/register', { email: 'not-an-email', password: 5, displayName: '', extra: true });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        const paths = res.body.errors.map((e: { path: string }) => e.path);
        expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.displayName']));
      });

      it('needs a tenant, and a real one', async () => {
        const none = await tenant.anon.forTenant(undefined).post('/api/v1/public/auth/register', { email: 'a@b.test', password: PASSWORD, displayName: 'A' });
        expect(none.status).toBe(400);
        expect(none.body.code).toBe('TENANT_REQUIRED');
        const unknown = await tenant.anon
          .forTenant('no-such-tenant')
          .post('/api/v1/public/auth/register', { email: 'a@b.test', password: PASSWORD, displayName: 'A' });
        expect(unknown.status).toBe(404);
        expect(unknown.body.code).toBe('TENANT_NOT_FOUND');
      });

      it('finds the tenant from the host name too', async () => {
        const res = await tenant.anon.forTenant(undefined).get('/api/v1/public/tenant', { host: `${tenant.identifier}.localhost:3000` });
        expect(res.status).toBe(200);
        expect(res.body.identifier).toBe(tenant.identifier);
      });
    });

    describe('sign-in', () => {
      it('answers a session token and counts the sign-in', async () => {
        const user = await signUp(tenant, 'login');
        const token = await login(tenant.anon, user.email);
        const me = await tenant.anon.as(token).get('/api/v1/user/me');
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ id: user.id, loginCount: 2, lastLoginAt: expect.any(String) });
      });

      it('answers unknown e-mail and wrong password identically', async () => {
        const user = await signUp(tenant, 'same401');
        const wrong = await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: 'Wrong-password-123' });
        const unknown = await tenant.anon.post('/api/v1/public/auth/login', { email: `nobody@${tenant.identifier}.test`, password: 'Wrong-password-123' });
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect({ ...wrong.body, requestId: '' }).toEqual({ ...unknown.body, requestId: '' });
      });

      it('delays guesses from one place progressively, without locking the owner out elsewhere; an administrator unlocks', async () => {
        const user = await signUp(tenant, 'locked');
        const from = (ip: string, password: string) =>
          tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password }, { 'x-forwarded-for': ip });
        for (let i = 0; i < 5; i++) expect((await from('7.7.7.7', 'Wrong-password-1')).status).toBe(401);
        const delayed = await from('7.7.7.7', PASSWORD);
        expect([delayed.status, delayed.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
        expect(Number(delayed.headers['retry-after'])).toBeGreaterThan(0);
        // the owner, elsewhere, is not locked out by somebody else's guesses
        expect((await from('8.8.8.8', PASSWORD)).status).toBe(200);
        // after the delay, one more guess from the first place — and a longer delay after it
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect((await from('7.7.7.7', 'Wrong-password-1')).status).toBe(401);
        const longer = await from('7.7.7.7', PASSWORD);
        expect(longer.status).toBe(429);
        expect(Number(longer.headers['retry-after'])).toBeGreaterThanOrEqual(2);
        // an administrator lifts it at once
        const unlocked = await tenant.adminClient.post(`/api/v1/tenant/users/${user.id}/unlock`);
        expect(unlocked.status).toBe(200);
        expect((await from('7.7.7.7', PASSWORD)).status).toBe(200);
        expect((await tenant.adminClient.post(`/api/v1/tenant/users/${crypto.randomUUID()}/unlock`)).status).toBe(404);
        expect((await user.client.post(`/api/v1/tenant/users/${user.id}/unlock`)).status).toBe(403);
      });

      it('throttles every check of the own password while signed in (a stolen session cannot guess it)', async () => {
        const user = await signUp(tenant, 'ownpw');
        for (let i = 0; i < 5; i++) {
          const wrong = await user.client.post('/api/v1/user/password', { currentPassword: `Wrong-password-${i}`, newPassword: 'Another-Good-Pass-1' });
          expect(wrong.body.code).toBe('WRONG_PASSWORD');
        }
        const refused = await user.client.post('/api/v1/user/password', { currentPassword: PASSWORD, newPassword: 'Another-Good-Pass-1' });
        expect([refused.status, refused.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
        const disable = await user.client.post('/api/v1/user/2fa/disable', { password: PASSWORD, code: '000000' });
        expect(disable.status).not.toBe(204);
        await tenant.adminClient.post(`/api/v1/tenant/users/${user.id}/unlock`);
        expect((await user.client.post('/api/v1/user/password', { currentPassword: PASSWORD, newPassword: 'Another-Good-Pass-1' })).status).toBe(200);
      });

      it('counts parallel guesses before checking them: a burst cannot outrun the limit', async () => {
        const user = await signUp(tenant, 'burst');
        const started = Date.now();
        const attempts = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            tenant.anon.post(
              '/api/v1/public/auth/login',
              { email: user.email, password: i === 29 ? PASSWORD : `Wrong-password-${i}` },
              { 'x-forwarded-for': '9.9.9.9' },
            ),
          ),
        );
        // 5 free attempts; after them delays of 1, 2, 4 … s — on a slow machine the burst may
        // outlast the first of those, which then let one more attempt through each.
        const seconds = (Date.now() - started) / 1000;
        const bound = 5 + Math.ceil(Math.log2(seconds + 1));
        const checked = attempts.filter((r) => r.status !== 429);
        expect(checked.length).toBeLessThanOrEqual(bound);
        expect(attempts.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(30 - bound);
      });

      it('limits failures per IP across addresses (and only for that IP)', async () => {
        const fromIp = (email: string) =>
          tenant.anon.post('/api/v1/public/auth/login', { email, password: 'Wrong-password-1' }, { 'x-forwarded-for': '1.1.1.1' });
        let last = 0;
        for (let i = 0; i < 51; i++) last = (await fromIp(`spray${i}@${tenant.identifier}.test`)).status;
        expect(last).toBe(429);
        const other = await tenant.anon.post('/api/v1/public/auth/login', { email: tenant.admin.email, password: PASSWORD }, { 'x-forwarded-for': '2.2.2.2' });
        expect(other.status).toBe(200);
      });

      it('refuses deactivated users and revokes their sessions', async () => {
        const user = await signUp(tenant, 'deact');
        expect((await tenant.adminClient.post(`/api/v1/tenant/users/${user.id}/deactivate`)).status).toBe(200);
        expect((await user.client.get('/api/v1/user/me')).status).toBe(401);
        const res = await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: PASSWORD });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('USER_DEACTIVATED');
      });

      it('binds the token to its tenant, whatever X-Tenant says', async () => {
        const other = await createTestTenant(t.app, 'ident-other');
        const user = await signUp(tenant, 'bound');
        const me = await user.client.forTenant(other.identifier).get('/api/v1/user/me');
        expect(me.status).toBe(200);
        expect(me.body.id).toBe(user.id);
      });

      it('rejects forged, malformed and missing tokens', async () => {
        const forged = `mses_${Buffer.concat([Buffer.from(tenant.id.replace(/-/g, ''), 'hex'), Buffer.alloc(32, 7)]).toString('base64url')}`;
        for (const authorization of [`Bearer ${forged}`, 'Bearer nonsense', 'Basic abc', 'Bearer']) {
          const res = await tenant.anon.get('/api/v1/user/me', { authorization });
          expect(res.status, authorization).toBe(401);
          expect(res.body.code).toBe('UNAUTHENTICATED');
        }
        expect((await tenant.anon.get('/api/v1/user/me')).status).toBe(401);
      });
    });

    describe('sessions', () => {
      it('lists, revokes one, and revokes all others', async () => {
        const user = await signUp(tenant, 'sess');
        const second = await login(tenant.anon, user.email);
        const third = await login(tenant.anon, user.email);
        const list = await user.client.get('/api/v1/user/sessions');
        expect(list.body.data).toHaveLength(3);
        expect(list.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

        const secondId = (await tenant.anon.as(second).get('/api/v1/user/sessions')).body.data.find((s: { current: boolean }) => s.current).id;
        expect((await user.client.delete(`/api/v1/user/sessions/${secondId}`)).status).toBe(204);
        expect((await tenant.anon.as(second).get('/api/v1/user/me')).status).toBe(401);

        const others = await user.client.post('/api/v1/user/sessions/revoke-others');
        expect(others.body.revokedSessions).toBe(1);
        expect((await tenant.anon.as(third).get('/api/v1/user/me')).status).toBe(401);
        expect((await user.client.get('/api/v1/user/me')).status).toBe(200);
      });

      it('paginates sessions with a cursor', async () => {
        const user = await signUp(tenant, 'sesspage');
        for (let i = 0; i < 4; i++) await login(tenant.anon, user.email);
        const first = await user.client.get('/api/v1/user/sessions?limit=2');
        expect(first.body.data).toHaveLength(2);
        const second = await user.client.get(`/api/v1/user/sessions?limit=2&cursor=${first.body.nextCursor}`);
        const third = await user.client.get(`/api/v1/user/sessions?limit=2&cursor=${second.body.nextCursor}`);
        const ids = [...first.body.data, ...second.body.data, ...third.body.data].map((s: { id: string }) => s.id);
        expect(new Set(ids).size).toBe(5);
        expect(third.body.nextCursor).toBeNull();
        expect((await user.client.get('/api/v1/user/sessions?cursor=garbage')).status).toBe(400);
      });

      it('expires idle sessions', async () => {
        const user = await signUp(tenant, 'idle');
        await t.db.query(`update sessions set last_used_at = now() - interval '30 days' where user_id = $1`, [user.id]);
        const res = await user.client.get('/api/v1/user/me');
        expect(res.status).toBe(401);
      });

      it('signs out with logout', async () => {
        const user = await signUp(tenant, 'logout');
        expect((await user.client.post('/api/v1/public/auth/logout')).status).toBe(204);
        expect((await user.client.get('/api/v1/user/me')).status).toBe(401);
      });

      it('changing the password signs out the other sessions', async () => {
        const user = await signUp(tenant, 'pwchange');
        const other = await login(tenant.anon, user.email);
        const wrong = await user.client.post('/api/v1/user/password', { currentPassword: 'nope-nope-nope', newPassword: 'Another-Good-Pass-1' });
        expect(wrong.status).toBe(422);
        const res = await user.client.post('/api/v1/user/password', { currentPassword: PASSWORD, newPassword: 'Another-Good-Pass-1' });
        expect(res.body).toEqual({ revokedSessions: 1 });
        expect((await tenant.anon.as(other).get('/api/v1/user/me')).status).toBe(401);
        expect((await user.client.get('/api/v1/user/me')).status).toBe(200);
        await login(tenant.anon, user.email, 'Another-Good-Pass-1');
      });
    });

    describe('e-mail verification and password reset', () => {
      it('verifies with the e-mailed token once', async () => {
        const user = await signUp(tenant, 'verify');
        const mail = await lastMail(t.db, user.email, 'auth.verify-email');
        const token = mail!.payload.token as string;
        expect((await tenant.anon.forTenant(undefined).post('/api/v1/public/auth/verify-email', { token })).status).toBe(204);
        expect((await user.client.get('/api/v1/user/me')).body.emailVerified).toBe(true);
        const again = await tenant.anon.post('/api/v1/public/auth/verify-email', { token });
        expect(again.status).toBe(422);
        expect(again.body.code).toBe('INVALID_TOKEN');
      });

      it('voids e-mailed links when the address changes: an old link cannot verify the new address', async () => {
        const user = await signUp(tenant, 'relink');
        const oldToken = (await lastMail(t.db, user.email, 'auth.verify-email'))!.payload.token as string;
        await tenant.anon.post('/api/v1/public/auth/password-reset', { email: user.email });
        const oldReset = (await lastMail(t.db, user.email, 'auth.password-reset'))!.payload.token as string;
        await user.client.patch('/api/v1/user/me', { email: `ceo-${user.email}` });
        expect((await tenant.anon.post('/api/v1/public/auth/verify-email', { token: oldToken })).body.code).toBe('INVALID_TOKEN');
        expect((await tenant.anon.post('/api/v1/public/auth/password-reset/confirm', { token: oldReset, password: 'Another-Fine-Pass-9' })).body.code).toBe(
          'INVALID_TOKEN',
        );
        expect((await user.client.get('/api/v1/user/me')).body.emailVerified).toBe(false);
        const newToken = (await lastMail(t.db, `ceo-${user.email}`, 'auth.verify-email'))!.payload.token as string;
        expect((await tenant.anon.post('/api/v1/public/auth/verify-email', { token: newToken })).status).toBe(204);
      });

      it('sends at most a few verification e-mails an hour on request', async () => {
        const user = await signUp(tenant, 'mailer');
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await user.client.post('/api/v1/user/me/verify-email')).status);
        expect(statuses).toEqual([202, 202, 202, 429]);
      });

      it('resets a password with the e-mailed token and signs out everywhere', async () => {
        const user = await signUp(tenant, 'reset');
        expect((await tenant.anon.post('/api/v1/public/auth/password-reset', { email: user.email })).status).toBe(202);
        expect((await tenant.anon.post('/api/v1/public/auth/password-reset', { email: `ghost@${tenant.identifier}.test` })).status).toBe(202);
        expect(await lastMail(t.db, `ghost@${tenant.identifier}.test`, 'auth.password-reset')).toBeUndefined();
        const token = (await lastMail(t.db, user.email, 'auth.password-reset'))!.payload.token as string;

        const weak = await tenant.anon.post('/api/v1/public/auth/password-reset/confirm', { token, password: 'weak' });
        expect(weak.body.code).toBe('WEAK_PASSWORD');
        const ok = await tenant.anon.post('/api/v1/public/auth/password-reset/confirm', { token, password: 'Brand-New-Pass-77' });
        expect(ok.status).toBe(204);
        expect((await user.client.get('/api/v1/user/me')).status).toBe(401);
        await login(tenant.anon, user.email, 'Brand-New-Pass-77');
        expect((await tenant.anon.post('/api/v1/public/auth/password-reset/confirm', { token, password: 'Brand-New-Pass-78' })).status).toBe(422);
      });
    });

    describe('two-factor authentication', () => {
      it('enrols, demands the code at sign-in, accepts a recovery code once, and disables', async () => {
        const user = await signUp(tenant, 'totp');
        const enrol = await user.client.post('/api/v1/user/2fa/enroll');
        expect(enrol.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
        const secret = enrol.body.secret as string;
        expect((await user.client.post('/api/v1/user/2fa/confirm', { code: wrongTotp(secret) })).status).toBe(422);
        await freshTotpStep(); // the codes below stay valid long enough that a refusal means "used", not "expired"
        const confirming = currentTotp(secret);
        const otherSession = tenant.anon.as(await login(tenant.anon, user.email));
        const confirmed = await user.client.post('/api/v1/user/2fa/confirm', { code: confirming });
        expect(confirmed.body.recoveryCodes).toHaveLength(10);
        // the secret is stored sealed under the active key, never as it is
        const [stored] = await t.db.query<{ two_factor_secret: string }>('select two_factor_secret from users where id = $1', [user.id]);
        expect(stored!.two_factor_secret).toMatch(/^enc:v1:new:/);
        expect(stored!.two_factor_secret).not.toContain(secret);
        // a session started with the password alone ends; the confirming one stays
        expect(confirmed.body.revokedSessions).toBe(1);
        expect((await otherSession.get('/api/v1/user/me')).status).toBe(401);
        expect((await user.client.get('/api/v1/user/me')).status).toBe(200);

        const noCode = await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: PASSWORD });
        expect(noCode.status).toBe(401);
        expect(noCode.body.code).toBe('TWO_FACTOR_REQUIRED');
        const badCode = await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: PASSWORD, totp: wrongTotp(secret) });
        expect(badCode.body.code).toBe('INVALID_TWO_FACTOR_CODE');
        // The very code that confirmed enrolment, still within its window: refused because it was used.
        const replay = await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: PASSWORD, totp: confirming });
        expect(replay.status).toBe(401);
        expect(replay.body.code).toBe('INVALID_TWO_FACTOR_CODE');
        expect(totpStep(secret, confirming)).not.toBeNull();
        // The next step's code has not been used: it signs in, once.
        const next = currentTotp(secret, 1);
        await login(tenant.anon, user.email, PASSWORD, { totp: next });
        const again = await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: PASSWORD, totp: next });
        expect(again.body.code).toBe('INVALID_TWO_FACTOR_CODE');
        expect(totpStep(secret, next)).not.toBeNull();

        const recovery = confirmed.body.recoveryCodes[0] as string;
        await login(tenant.anon, user.email, PASSWORD, { recoveryCode: recovery.toUpperCase() });
        expect((await tenant.anon.post('/api/v1/public/auth/login', { email: user.email, password: PASSWORD, recoveryCode: recovery })).status).toBe(401);

        expect((await user.client.post('/api/v1/user/2fa/disable', { password: PASSWORD })).status).toBe(422);
        expect((await user.client.post('/api/v1/user/2fa/disable', { password: PASSWORD, code: next })).status).toBe(422); // used
        expect(totpStep(secret, next)).not.toBeNull();
        await t.db.query('update users set two_factor_last_step = null where id = $1', [user.id]); // as if the steps had passed
        expect((await user.client.post('/api/v1/user/2fa/disable', { password: PASSWORD, code: currentTotp(secret) })).status).toBe(204);
        await login(tenant.anon, user.email);
        const secrets = await t.db.query('select two_factor_secret from users where id = $1', [user.id]);
        expect(secrets[0]!.two_factor_secret).toBeNull();
      });

      it('limits second-factor guesses per user', async () => {
        const user = await signUp(tenant, 'guesser');
        const { secret } = (await user.client.post('/api/v1/user/2fa/enroll')).body;
        await user.client.post('/api/v1/user/2fa/confirm', { code: currentTotp(secret) });
        const statuses = [];
        for (const code of wrongTotps(secret, 6)) statuses.push((await user.client.post('/api/v1/user/2fa/recovery-codes', { code })).status);
        expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
        const right = await user.client.post('/api/v1/user/2fa/recovery-codes', { code: currentTotp(secret, 1) });
        expect(right.status).toBe(429);
      });
    });

    describe('me and profile', () => {
      it('changes the profile and computes completeness on the server', async () => {
        const user = await signUp(tenant, 'profile');
        const before = (await user.client.get('/api/v1/user/profile')).body.completeness;
        const res = await user.client.patch('/api/v1/user/profile', {
          bio: 'Model and actor',
          skills: ['runway', 'print'],
          website: 'https://example.com',
          socialLinks: { instagram: 'https://instagram.com/x' },
        });
        expect(res.status).toBe(200);
        expect(res.body.completeness).toBeGreaterThan(before);
        expect(res.body.completeness).toBe(Math.round((5 * 100) / 12));
        const forged = await user.client.patch('/api/v1/user/profile', { completeness: 100 });
        expect(forged.status).toBe(400);
        const bad = await user.client.patch('/api/v1/user/profile', { website: 'not a url' });
        expect(bad.status).toBe(400);
        expect(bad.body.errors[0].path).toBe('body.website');
      });

      it('requires verification again after an e-mail change', async () => {
        const user = await signUp(tenant, 'emailchange');
        const newEmail = `changed-${user.email}`;
        const res = await user.client.patch('/api/v1/user/me', { email: newEmail });
        expect(res.body).toMatchObject({ email: newEmail, emailVerified: false });
        expect(await lastMail(t.db, newEmail, 'auth.verify-email')).toBeDefined();
      });
    });

    it('answers 403 TENANT_SUSPENDED for a suspended tenant, except to platform routes', async () => {
      const suspended = await createTestTenant(t.app, 'susp');
      await t.db.query(`update tenants set status = 'SUSPENDED' where id = $1`, [suspended.id]);
      const res = await suspended.adminClient.get('/api/v1/user/me');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('TENANT_SUSPENDED');
    });
  },
  { config: { TRUST_PROXY: '1' } },
);

import { beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/modules/identity/totp';
import { Client, createTestTenant, describeHttp, login, PASSWORD, signUp, type TestTenant } from '../helpers/http';

/** The session token of a Set-Cookie answer, and the cookie's attributes. */
function sessionCookieOf(setCookie: string | string[] | undefined): { token: string; attributes: string[] } {
  const header = [setCookie ?? []].flat().find((c) => c.startsWith('mono_session='));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { token: pair!.slice('mono_session='.length), attributes };
}

/** A browser-like client: the session cookie, and the CSRF header when given. */
function cookieClient(app: Client['app'], token: string, csrfToken?: string) {
  const headers = { cookie: `theme=dark; mono_session=${token}`, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) };
  const client = new Client(app);
  return {
    get: (url: string) => client.get(url, headers),
    request: (method: string, url: string, body?: unknown, extra: Record<string, string> = {}) => client.request(method, url, body, { ...headers, ...extra }),
  };
}

describeHttp('identity: the console cookie session (CSRF-protected)', (t) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'cookie');
  });

  const startSession = (email: string, extra: Record<string, string> = {}) =>
    tenant.anon.post('/api/v1/public/auth/session', { email, password: PASSWORD, ...extra });

  it('signs in with an HttpOnly SameSite=Strict cookie on /api; the answer holds the CSRF token, never the session token', async () => {
    const user = await signUp(tenant, 'cookie-in');
    const res = await startSession(user.email);
    expect(res.status).toBe(200);
    const cookie = sessionCookieOf(res.headers['set-cookie']);
    expect(cookie.token).toMatch(/^mses_/);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['Path=/api', 'HttpOnly', 'SameSite=Strict', expect.stringMatching(/^Max-Age=\d+$/)]));
    expect(cookie.attributes).not.toContain('Secure'); // plain http here; https adds it
    expect(Object.keys(res.body).sort()).toEqual(['csrfToken', 'expiresAt', 'user']);
    expect(res.raw.body).not.toContain(cookie.token);
    expect(res.body.user.email).toBe(user.email);

    // The cookie authenticates (the tenant comes from the session, no X-Tenant) and resumes: the same CSRF token again.
    const browser = cookieClient(t.app, cookie.token);
    expect((await browser.get('/api/v1/user/me')).body.email).toBe(user.email);
    expect((await browser.get('/api/v1/public/tenant')).body.identifier).toBe(tenant.identifier);
    const current = await browser.get('/api/v1/user/session');
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ via: 'cookie', csrfToken: res.body.csrfToken, current: true, expiresAt: res.body.expiresAt });
    // A bearer session has no CSRF token.
    expect((await user.client.get('/api/v1/user/session')).body).toMatchObject({ via: 'bearer', csrfToken: null });
  });

  it('refuses a change made with the cookie without its own CSRF token (403 CSRF_TOKEN_INVALID), and writes nothing', async () => {
    const user = await signUp(tenant, 'cookie-csrf');
    const mine = await startSession(user.email);
    const token = sessionCookieOf(mine.headers['set-cookie']).token;
    const other = await startSession(user.email); // another session of the same person: its CSRF token is not this one's
    for (const csrf of [undefined, '', other.body.csrfToken as string, `${mine.body.csrfToken}x`]) {
      const res = await cookieClient(t.app, token, csrf).request('PATCH', '/api/v1/user/profile', { bio: 'forged' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    }
    expect((await user.client.get('/api/v1/user/profile')).body.bio ?? null).toBeNull();
    const ok = await cookieClient(t.app, token, mine.body.csrfToken).request('PATCH', '/api/v1/user/profile', { bio: 'mine' });
    expect(ok.status).toBe(200);
    expect((await user.client.get('/api/v1/user/profile')).body.bio).toBe('mine');
    // A bearer token needs no CSRF token (no browser sends it by itself), and wins over a cookie.
    const bearer = await user.client.request('PATCH', '/api/v1/user/profile', { bio: 'bearer' }, { cookie: `mono_session=${token}` });
    expect(bearer.status).toBe(200);
  });

  it('takes the checks of login: wrong password, two-factor required, recovery code', async () => {
    const user = await signUp(tenant, 'cookie-2fa');
    const wrong = await tenant.anon.post('/api/v1/public/auth/session', { email: user.email, password: 'Wrong-Password-99' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const { secret } = (await user.client.post('/api/v1/user/2fa/enroll')).body;
    const { recoveryCodes } = (await user.client.post('/api/v1/user/2fa/confirm', { code: currentTotp(secret) })).body;
    const noCode = await startSession(user.email);
    expect(noCode.status).toBe(401);
    expect(noCode.body.code).toBe('TWO_FACTOR_REQUIRED');
    expect(noCode.headers['set-cookie']).toBeUndefined();
    const withCode = await startSession(user.email, { recoveryCode: recoveryCodes[0] });
    expect(withCode.status).toBe(200);
    const current = await cookieClient(t.app, sessionCookieOf(withCode.headers['set-cookie']).token).get('/api/v1/user/session');
    expect(current.body.twoFactorPassed).toBe(true);
  });

  it('signs out with DELETE /user/session: the session ends, the cookie is cleared, a stale cookie does not block public routes', async () => {
    const user = await signUp(tenant, 'cookie-out');
    const res = await startSession(user.email);
    const token = sessionCookieOf(res.headers['set-cookie']).token;
    expect((await cookieClient(t.app, token).request('DELETE', '/api/v1/user/session')).body.code).toBe('CSRF_TOKEN_INVALID');
    const out = await cookieClient(t.app, token, res.body.csrfToken).request('DELETE', '/api/v1/user/session');
    expect(out.status).toBe(204);
    const cleared = sessionCookieOf(out.headers['set-cookie']);
    expect(cleared.token).toBe('');
    expect(cleared.attributes).toContain('Max-Age=0');

    const stale = cookieClient(t.app, token, res.body.csrfToken);
    expect((await stale.get('/api/v1/user/me')).status).toBe(401);
    // Public routes treat the stale cookie as no session: the sign-in page still loads and signs in again.
    expect((await stale.request('GET', '/api/v1/public/tenant', undefined, { 'x-tenant': tenant.identifier })).status).toBe(200);
    const again = await stale.request('POST', '/api/v1/public/auth/session', { email: user.email, password: PASSWORD }, { 'x-tenant': tenant.identifier });
    expect(again.status).toBe(200);
    // A bearer session signs out the same way (the answer clears any cookie too).
    const bearer = tenant.anon.as(await login(tenant.anon, user.email));
    expect((await bearer.delete('/api/v1/user/session')).status).toBe(204);
    expect((await bearer.get('/api/v1/user/me')).status).toBe(401);
  });

  describe('the OpenAPI document', () => {
    it('declares the cookie scheme and CSRF_TOKEN_INVALID on signed-in writes', async () => {
      const doc = (await t.client.get('/openapi.json')).body;
      expect(doc.components.securitySchemes.cookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'mono_session' });
      expect(doc.paths['/api/v1/user/profile'].patch.responses['403'].description).toContain('CSRF_TOKEN_INVALID');
      expect(doc.paths['/api/v1/user/profile'].get.responses['403']?.description ?? '').not.toContain('CSRF_TOKEN_INVALID');
    });

    it('declares X-Tenant on public operations and gives "Try it out" realistic examples', async () => {
      const doc = (await t.client.get('/openapi.json')).body;
      expect(doc.components.parameters.Tenant).toMatchObject({ name: 'X-Tenant', in: 'header', example: 'demo' });
      const tenantRef = { $ref: '#/components/parameters/Tenant' };
      expect(doc.paths['/api/v1/public/auth/login'].post.parameters).toContainEqual(tenantRef);
      expect(doc.paths['/api/v1/public/tenant'].get.parameters).toContainEqual(tenantRef);
      expect(doc.paths['/api/v1/user/me'].get.parameters ?? []).not.toContainEqual(tenantRef);
      const login = doc.paths['/api/v1/public/auth/login'].post;
      expect(login.requestBody.content['application/json'].schema.properties.email.example).toBe('admin@demo.local');
      expect(login.responses['200'].content['application/json'].schema.properties.expiresAt.example).toBe('2026-03-14T09:30:00Z');
      expect(doc.components.schemas.User.properties.loginCount.example).toBe(1);
      // The X-Tenant the document declares works as documented.
      const res = await t.client.forTenant(tenant.identifier).post('/api/v1/public/auth/login', { email: 'nobody@example.com', password: 'x' });
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    });
  });
});

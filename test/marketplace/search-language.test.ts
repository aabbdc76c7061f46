import { beforeAll, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

/**
 * Per-tenant search language (settings.search.language, decision 99). The pair used:
 * german stems "Häuser" to "haus" (so "Haus" finds it), english leaves "häuser" alone;
 * english stems "running" to "run", german does not.
 */
describeHttp('per-tenant search language', (t) => {
  interface Market {
    tenant: TestTenant;
    owner: Client;
    accountId: string;
  }
  let de: Market;
  let en: Market;

  const market = async (label: string): Promise<Market> => {
    const tenant = await createTestTenant(t.app, label);
    const owner = await signUp(tenant, 'owner');
    const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'shop',
      name: 'Shop',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    return { tenant, owner: owner.client, accountId: account.body.id };
  };

  const publishListing = async (m: Market, title: string, description = 'Details on request.') => {
    const created = await m.owner.post(`/api/v1/account/${m.accountId}/listings`, {
      type: 'GIG',
      title,
      description,
      price: '100.00',
      priceType: 'FIXED',
      currency: 'EUR',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await m.owner.post(`/api/v1/account/${m.accountId}/listings/${created.body.id}/transition`, { action: 'publish' });
    expect(published.body.status).toBe('ACTIVE');
    return created.body.id as string;
  };

  const publishContent = async (m: Market, title: string) => {
    const base = `/api/v1/account/${m.accountId}/content`;
    const draft = await m.owner.post(base, { type: 'ARTICLE', title });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect((await m.owner.post(`${base}/${draft.body.id}/submit`)).body.status).toBe('IN_REVIEW');
    expect((await m.tenant.adminClient.post(`/api/v1/tenant/content/${draft.body.id}/approve`)).body.status).toBe('APPROVED');
    expect((await m.owner.post(`${base}/${draft.body.id}/publish`, {})).status).toBe(200);
    return draft.body.id as string;
  };

  const found = async (m: Market, q: string) =>
    ((await m.tenant.anon.get(`/api/v1/public/listings?q=${encodeURIComponent(q)}`)).body.data as { title: string }[]).map((l) => l.title).sort();
  const foundContent = async (m: Market, q: string) => {
    const res = await m.tenant.anon.get(`/api/v1/public/content?q=${encodeURIComponent(q)}`);
    return { mode: res.body.mode as string, titles: (res.body.data as { title: string }[]).map((c) => c.title).sort() };
  };
  const setLanguage = (m: Market, language: string | undefined) =>
    m.tenant.adminClient.patch('/api/v1/tenant/settings', { settings: language === undefined ? {} : { search: { language } } });
  const configs = async (table: 'listings' | 'contents', tenantId: string) =>
    (await t.db.query<{ c: string }>(`select distinct search_config::text as c from ${table} where tenant_id = $1`, [tenantId])).map((r) => r.c);

  beforeAll(async () => {
    de = await market('lang-de');
    en = await market('lang-en');
  });

  it('refuses an unknown configuration with 422 naming the available ones, and writes nothing', async () => {
    const before = await de.tenant.adminClient.get('/api/v1/tenant/settings');
    const refused = await de.tenant.adminClient.patch('/api/v1/tenant/settings', { settings: { registration: 'closed', search: { language: 'klingon' } } });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('UNKNOWN_SEARCH_LANGUAGE');
    expect(refused.body.detail).toContain('"klingon"');
    expect(refused.body.detail).toMatch(/available: .*english.*german.*simple/);
    const malformed = await de.tenant.adminClient.patch('/api/v1/tenant/settings', { settings: { search: { language: 'German; drop' } } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const after = await de.tenant.adminClient.get('/api/v1/tenant/settings');
    expect(after.body.settings).toEqual(before.body.settings);
    expect(after.body.updatedAt).toBe(before.body.updatedAt);
  });

  it('re-indexes the existing listings and content of a tenant that switches language, in the same request', async () => {
    const houses = await publishListing(de, 'Schöne Häuser am See');
    await publishContent(de, 'Alte Häuser renovieren');
    expect(await found(de, 'Haus')).toEqual([]);
    expect(await found(de, 'Häuser')).toEqual(['Schöne Häuser am See']);
    const updatedAt = (await de.owner.get(`/api/v1/account/${de.accountId}/listings/${houses}`)).body.updatedAt;

    const switched = await setLanguage(de, 'german');
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    expect(switched.body.settings.search).toEqual({ language: 'german' });
    expect(await configs('listings', de.tenant.id)).toEqual(['german']);
    expect(await configs('contents', de.tenant.id)).toEqual(['german']);
    expect(await found(de, 'Haus')).toEqual(['Schöne Häuser am See']);
    expect(await foundContent(de, 'Haus')).toEqual({ mode: 'fulltext', titles: ['Alte Häuser renovieren'] });
    // Bookkeeping, not an edit: the listing's updatedAt stays.
    expect((await de.owner.get(`/api/v1/account/${de.accountId}/listings/${houses}`)).body.updatedAt).toBe(updatedAt);

    // Listings written afterwards take the tenant's language at once.
    await publishListing(de, 'Kleine Häuser im Wald');
    expect(await found(de, 'Haus')).toEqual(['Kleine Häuser im Wald', 'Schöne Häuser am See']);
    await publishListing(de, 'Running shoes');
    expect(await found(de, 'run')).toEqual([]);

    // And back: unset is english again.
    expect((await setLanguage(de, undefined)).status).toBe(200);
    expect(await configs('listings', de.tenant.id)).toEqual(['english']);
    expect(await found(de, 'Haus')).toEqual([]);
    expect(await found(de, 'run')).toEqual(['Running shoes']);
    expect((await setLanguage(de, 'german')).status).toBe(200);
  });

  it('leaves other tenants alone: their rows, vectors and queries stay in their own language', async () => {
    await publishListing(en, 'Schöne Häuser am See');
    await publishListing(en, 'Running shoes');
    expect((await setLanguage(de, 'german')).status).toBe(200);
    expect(await configs('listings', en.tenant.id)).toEqual(['english']);
    expect(await found(en, 'Haus')).toEqual([]);
    expect(await found(en, 'run')).toEqual(['Running shoes']);
    expect(await found(de, 'Haus')).toContain('Schöne Häuser am See');
    expect(await found(de, 'run')).toEqual([]);

    // simple: no stemming at all, for languages without a stemmer.
    expect((await setLanguage(en, 'simple')).status).toBe(200);
    expect(await found(en, 'run')).toEqual([]);
    expect(await found(en, 'running')).toEqual(['Running shoes']);
    expect(await configs('listings', de.tenant.id)).toEqual(['german']);
  });

  it('checks the language of a tenant created by an operator as well', async () => {
    const { createTenantService } = await import('../../src/modules/tenants');
    const { systemContext } = await import('../../src/core/context');
    const service = createTenantService({ db: t.app.deps.db, config: t.app.deps.config });
    const admin = { email: 'admin@lang-x.test', password: 'Correct-Horse-9-Battery', displayName: 'X' };
    await expect(
      service.create(systemContext(null, 'test'), { identifier: 'lang-x', name: 'X', settings: { search: { language: 'nope' } }, admin }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_SEARCH_LANGUAGE' });
    expect(await t.db.query(`select 1 from tenants where identifier = 'lang-x'`)).toEqual([]);
    const created = await service.create(systemContext(null, 'test'), {
      identifier: 'lang-y',
      name: 'Y',
      status: 'ACTIVE',
      settings: { search: { language: 'french' } },
      admin: { ...admin, email: 'admin@lang-y.test' },
    });
    expect(created.tenant.settings).toEqual({ search: { language: 'french' } });
  });
});

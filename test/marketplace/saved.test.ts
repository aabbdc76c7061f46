import { beforeAll, expect, it } from 'vitest';
import { matchSavedSearches } from '../../src/modules/marketplace';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

describeHttp('favourites and saved searches', (t) => {
  let tenant: TestTenant;
  let owner: User;
  let client: User;
  let other: User;
  let accountId: string;
  let first: string;

  const publish = async (title: string, price: string, type = 'GIG') => {
    const draft = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
      type,
      title,
      description: 'Shows in Vienna.',
      price,
      priceType: 'FIXED',
      currency: 'EUR',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${draft.body.id}/transition`, { action: 'publish' })).status).toBe(200);
    return draft.body.id as string;
  };
  const ids = (page: { data: { listing: { id: string } }[] }) => page.data.map((d) => d.listing.id);

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'saved');
    [owner, client, other] = await Promise.all([signUp(tenant, 'owner'), signUp(tenant, 'client'), signUp(tenant, 'other')]);
    const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'agency',
      name: 'Agency',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    first = await publish('Runway model for the spring show', '900.00');
  });

  it('saves favourites idempotently, lists the public ones, forgets them', async () => {
    const saved = await client.client.put(`/api/v1/user/favourites/${first}`);
    expect(saved.status).toBe(200);
    expect(saved.body.listingId).toBe(first);
    const again = await client.client.put(`/api/v1/user/favourites/${first}`);
    expect(again.body.favouritedAt).toBe(saved.body.favouritedAt);

    const listed = await client.client.get('/api/v1/user/favourites');
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toEqual([first]);
    expect(listed.body.data[0]).toMatchObject({
      favouritedAt: saved.body.favouritedAt,
      listing: { title: 'Runway model for the spring show', coverImage: null },
    });
    expect((await other.client.get('/api/v1/user/favourites')).body.data).toEqual([]);

    // a paused listing drops out and comes back
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${first}/transition`, { action: 'pause' })).status).toBe(200);
    expect((await client.client.get('/api/v1/user/favourites')).body.data).toEqual([]);
    expect((await client.client.put(`/api/v1/user/favourites/${first}`)).status).toBe(404);
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${first}/transition`, { action: 'resume' })).status).toBe(200);
    expect(ids((await client.client.get('/api/v1/user/favourites')).body)).toEqual([first]);

    expect((await client.client.delete(`/api/v1/user/favourites/${first}`)).status).toBe(204);
    expect((await client.client.delete(`/api/v1/user/favourites/${first}`)).body.code).toBe('FAVOURITE_NOT_FOUND');
    expect((await client.client.get('/api/v1/user/favourites')).body.data).toEqual([]);
    expect((await client.client.put('/api/v1/user/favourites/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await tenant.anon.put(`/api/v1/user/favourites/${first}`)).status).toBe(401);
  });

  it('checks a saved search with the public search’s schema', async () => {
    const noCurrency = await client.client.post('/api/v1/user/saved-searches', { name: 'Cheap', query: { maxPrice: '100' } });
    expect(noCurrency.status).toBe(400);
    expect(noCurrency.body.errors.map((e: { path: string }) => e.path)).toContain('body.query.currency');
    const paging = await client.client.post('/api/v1/user/saved-searches', { name: 'Paged', query: { q: 'runway', limit: '5' } });
    expect(paging.status).toBe(400);
    const unknown = await client.client.post('/api/v1/user/saved-searches', { name: 'Odd', query: { colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect((await client.client.get('/api/v1/user/saved-searches')).body.data).toEqual([]);
  });

  it('records listings published after saving that match, once each, for the owner only', async () => {
    const created = await client.client.post('/api/v1/user/saved-searches', {
      name: 'Runway gigs under 1000',
      query: { q: 'runway', type: 'GIG', currency: 'EUR', maxPrice: 1000 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.query).toEqual({ q: 'runway', type: 'GIG', currency: 'EUR', maxPrice: '1000' });
    const id = created.body.id as string;
    const matchesUrl = `/api/v1/user/saved-searches/${id}/matches`;

    await matchSavedSearches(t.db);
    expect((await client.client.get(matchesUrl)).body.data).toEqual([]); // the listing published before saving is not new

    const cheap = await publish('Runway walk for a catalogue', '800.00');
    await publish('Runway model, premium show', '5000.00'); // too expensive
    await publish('Photographer for a runway show', '700.00', 'JOB'); // another type
    const run = await matchSavedSearches(t.db);
    expect(run.matches).toBeGreaterThanOrEqual(1);
    const matches = await client.client.get(matchesUrl);
    expect(ids(matches.body)).toEqual([cheap]);
    expect(matches.body.data[0].matchedAt).toBeTruthy();

    // a resumed listing is published again, but each match is kept once
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${cheap}/transition`, { action: 'pause' })).status).toBe(200);
    expect((await client.client.get(matchesUrl)).body.data).toEqual([]); // only public listings show
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${cheap}/transition`, { action: 'resume' })).status).toBe(200);
    await matchSavedSearches(t.db);
    expect(ids((await client.client.get(matchesUrl)).body)).toEqual([cheap]);

    expect((await other.client.get(matchesUrl)).body.code).toBe('SAVED_SEARCH_NOT_FOUND');
    expect((await other.client.delete(`/api/v1/user/saved-searches/${id}`)).status).toBe(404);
    expect((await client.client.get('/api/v1/user/saved-searches')).body.data.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await client.client.delete(`/api/v1/user/saved-searches/${id}`)).status).toBe(204);
    expect((await client.client.get(matchesUrl)).status).toBe(404);
  });

  it('stamps published_at when a listing becomes ACTIVE; an insert may bring a past time, never a future one', async () => {
    const insert = async (publishedAt: string) =>
      (
        await t.db.query<{ published_at: Date; now: Date }>(
          `insert into listings (tenant_id, account_id, user_id, type, title, description, price_type, status, published_at)
           values ($1, $2, $3, 'GIG', 'Imported', 'From the old site.', 'NEGOTIABLE', 'ACTIVE', $4) returning published_at, now() as now`,
          [tenant.id, accountId, owner.id, publishedAt],
        )
      )[0]!;
    const past = await insert('2026-01-02T03:04:05Z');
    expect(past.published_at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    const future = await insert('2099-01-01T00:00:00Z');
    expect(future.published_at.getTime()).toBe(future.now.getTime());
  });

  it('keeps at most 20 saved searches per person, also when 25 arrive at once', async () => {
    const person = await signUp(tenant, 'eager');
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => person.client.post('/api/v1/user/saved-searches', { name: `Search ${i}`, query: { q: `word${i}` } })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'SAVED_SEARCH_LIMIT_REACHED', limit: 20 });
    const page = await person.client.get('/api/v1/user/saved-searches?limit=100');
    expect(page.body.data).toHaveLength(20);
  });
});

import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import type { ListingJson, ListingSearchInput } from '../../src/modules/marketplace';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { activeListing, createWorld, errorOf, expireNow, sampleListing, type World } from './fixtures';

describeDb('marketplace search', (t) => {
  let w: World;
  const ids: Record<string, string> = {};
  const search = (input: ListingSearchInput) => w.market.listings.search(w.anonymous, input);
  const titles = async (input: ListingSearchInput) => (await search({ limit: 100, ...input })).data.map((l) => l.title);

  /** Every page of a search, following nextCursor. */
  async function allPages(input: ListingSearchInput, limit: number): Promise<ListingJson[]> {
    const seen: ListingJson[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ ...input, limit, cursor });
      expect(page.data.length).toBeLessThanOrEqual(limit);
      seen.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  }

  beforeAll(async () => {
    w = await createWorld(t.db, { plan: 'pro', applicants: 0 });
    const add = async (key: string, overrides: Parameters<typeof sampleListing>[0]) => {
      ids[key] = (await activeListing(w, overrides)).id;
    };
    await add('paris', {
      title: 'Runway model in Paris',
      description: 'Haute couture week.',
      type: 'GIG',
      price: '1500.00',
      currency: 'EUR',
      location: { city: 'Paris', country: 'FR', lat: 48.8566, lng: 2.3522 },
      startDate: '2030-03-01T00:00:00Z',
    });
    await add('vienna', {
      title: 'Catalogue photographer',
      description: 'Shoot a catalogue with our models in the studio.',
      type: 'JOB',
      priceType: 'HOURLY',
      price: '80',
      currency: 'EUR',
      location: { city: 'Vienna', country: 'AT', lat: 48.2082, lng: 16.3738 },
      startDate: '2030-04-01T00:00:00Z',
    });
    await add('graz', {
      title: 'Model agency booker',
      description: 'Book models for clients.',
      type: 'JOB',
      priceType: 'NEGOTIABLE',
      price: undefined,
      currency: 'EUR',
      location: { city: 'Graz', country: 'AT', lat: 47.0707, lng: 15.4395 },
      startDate: '2030-05-01T00:00:00Z',
    });
    await add('remote', {
      title: 'Remote copywriter',
      description: 'Write lookbook texts for a fashion model brand.',
      type: 'SERVICE',
      priceType: 'PROJECT',
      price: '500.00',
      currency: 'USD',
      location: null,
      remote: true,
    });
    await add('exact', {
      title: 'Fitting model',
      description: 'Fittings.',
      type: 'GIG',
      price: '1500.0001',
      currency: 'EUR',
      location: { city: 'Linz', country: 'AT', lat: 48.3069, lng: 14.2858 },
    });
    await add('featured', {
      title: 'Featured showroom model',
      description: 'Showroom.',
      type: 'GIG',
      price: '300',
      currency: 'EUR',
      location: null,
      featured: true,
    });
    ids.other = (
      await activeListing(
        { ...w, owner: w.otherOwner, accountId: w.otherAccountId },
        { title: 'Hand model for rings', description: 'Close-ups.', price: '200', currency: 'EUR', location: null },
      )
    ).id;
    // Never in public results: a draft, a deleted and an expired listing, another tenant's.
    await w.market.listings.create(w.owner, w.accountId, sampleListing({ title: 'Draft model casting' }));
    const deleted = await activeListing(w, { title: 'Deleted model casting' });
    await w.market.listings.remove(w.owner, { listingId: deleted.id });
    const expired = await activeListing(w, { title: 'Expired model casting', expiresAt: '2030-01-01T00:00:00Z' });
    await expireNow(t.db, expired.id);
    const elsewhere = await createWorld(t.db, { applicants: 0 });
    await activeListing(elsewhere, { title: 'Model casting next door' });
  });

  describe('full text', () => {
    it('ranks title hits above description hits and shows only active, live listings of the tenant', async () => {
      const found = await titles({ q: 'model' });
      expect(found.slice(0, 5).sort()).toEqual([
        'Featured showroom model',
        'Fitting model',
        'Hand model for rings',
        'Model agency booker',
        'Runway model in Paris',
      ]);
      expect(found.slice(5).sort()).toEqual(['Catalogue photographer', 'Remote copywriter']);
      expect(found.join()).not.toMatch(/Draft|Deleted|Expired|next door/);
    });

    it('understands web-search syntax: phrases, exclusions, or', async () => {
      expect(await titles({ q: '"runway model"' })).toEqual(['Runway model in Paris']);
      expect((await titles({ q: 'model -paris -fitting -hand -showroom' })).sort()).toEqual([
        'Catalogue photographer',
        'Model agency booker',
        'Remote copywriter',
      ]);
      expect((await titles({ q: 'copywriter or booker' })).sort()).toEqual(['Model agency booker', 'Remote copywriter']);
      expect(await titles({ q: 'zeppelin' })).toEqual([]);
    });
  });

  describe('filters', () => {
    it('by type, price type, remote, account and featured', async () => {
      expect((await titles({ type: 'JOB' })).sort()).toEqual(['Catalogue photographer', 'Model agency booker']);
      expect((await titles({ type: 'SERVICE,JOB', priceType: ['NEGOTIABLE', 'PROJECT'] })).sort()).toEqual(['Model agency booker', 'Remote copywriter']);
      expect(await titles({ remote: 'true' })).toEqual(['Remote copywriter']);
      expect(await titles({ accountId: w.otherAccountId })).toEqual(['Hand model for rings']);
      expect(await titles({ featured: true })).toEqual(['Featured showroom model']);
    });

    it('by price range in one currency, exactly (no float rounding at the bounds)', async () => {
      expect(await titles({ currency: 'EUR', minPrice: '1500', maxPrice: '1500' })).toEqual(['Runway model in Paris']);
      expect(await titles({ currency: 'EUR', minPrice: '1500.0001' })).toEqual(['Fitting model']);
      expect(await titles({ currency: 'EUR', maxPrice: '300', sort: 'price_desc' })).toEqual([
        'Featured showroom model',
        'Hand model for rings',
        'Catalogue photographer',
      ]);
      expect(await titles({ currency: 'USD', minPrice: '100' })).toEqual(['Remote copywriter']);
      expect(await errorOf(search({ minPrice: '100' }))).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'currency' }] });
    });

    it('by country and by distance from a point', async () => {
      expect((await titles({ country: 'at' })).sort()).toEqual(['Catalogue photographer', 'Fitting model', 'Model agency booker']);
      // Vienna → Linz is ~155 km, → Graz ~145 km, → Paris ~1030 km.
      const near = await search({ lat: '48.2082', lng: '16.3738', radiusKm: '150' } as never);
      expect(near.data.map((l) => l.title).sort()).toEqual(['Catalogue photographer', 'Model agency booker']);
      expect(near.data.find((l) => l.title === 'Model agency booker')!.distanceKm).toBeCloseTo(145, -1);
      expect((await titles({ lat: 48.2082, lng: 16.3738, radiusKm: 160 })).sort()).toEqual(['Catalogue photographer', 'Fitting model', 'Model agency booker']);
      expect(await titles({ lat: 48.2082, lng: 16.3738, radiusKm: 1 })).toEqual(['Catalogue photographer']);
      expect(await errorOf(search({ lat: 48.2, lng: 16.4 }))).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'radiusKm' }] });
    });

    it('by start date and by publication date', async () => {
      expect((await titles({ startFrom: '2030-03-15T00:00:00Z', startTo: '2030-05-01T00:00:00Z' })).sort()).toEqual([
        'Catalogue photographer',
        'Model agency booker',
      ]);
      expect(await titles({ postedAfter: '2099-01-01T00:00:00Z' })).toEqual([]);
      expect((await titles({ postedAfter: '2000-01-01T00:00:00Z' })).length).toBe(7);
    });
  });

  describe('sorting and paging', () => {
    it('sorts by price within a currency, listings without a price last either way', async () => {
      expect(await titles({ currency: 'EUR', sort: 'price_asc' })).toEqual([
        'Catalogue photographer',
        'Hand model for rings',
        'Featured showroom model',
        'Runway model in Paris',
        'Fitting model',
        'Model agency booker',
      ]);
      expect(await titles({ currency: 'EUR', sort: 'price_desc' })).toEqual([
        'Fitting model',
        'Runway model in Paris',
        'Featured showroom model',
        'Hand model for rings',
        'Catalogue photographer',
        'Model agency booker',
      ]);
      expect(await errorOf(search({ sort: 'price_asc' }))).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'currency' }] });
    });

    it('puts featured listings first, then newest', async () => {
      const found = await titles({ sort: 'featured' });
      expect(found[0]).toBe('Featured showroom model');
      expect(found.slice(1)).toEqual((await titles({ sort: 'newest' })).filter((x) => x !== 'Featured showroom model'));
    });

    it.each([
      ['newest', {}],
      ['relevance', { q: 'model' }],
      ['price_asc', { currency: 'EUR', sort: 'price_asc' }],
      ['price_desc', { currency: 'EUR', sort: 'price_desc' }],
      ['featured', { sort: 'featured' }],
    ] as [string, ListingSearchInput][])('pages %s by cursor: the same rows in the same order as one big page', async (_sort, input) => {
      const everything = (await search({ ...input, limit: 100 })).data.map((l) => l.id);
      expect(everything.length).toBeGreaterThan(3);
      for (const limit of [1, 2, 3]) expect((await allPages(input, limit)).map((l) => l.id)).toEqual(everything);
    });

    it('pages newest first through listings created in the very same instant', async () => {
      await t.db.query(`update listings set created_at = '2026-01-01T00:00:00Z' where id = any($1::uuid[])`, [[ids.paris, ids.vienna, ids.graz, ids.remote]]);
      const paged = await allPages({}, 1);
      expect(new Set(paged.map((l) => l.id)).size).toBe(paged.length);
      expect(paged.map((l) => l.id)).toEqual((await search({ limit: 100 })).data.map((l) => l.id));
    });

    it('refuses a cursor of another sort order and a forged one', async () => {
      const page = await search({ limit: 1 });
      expect(await errorOf(search({ limit: 1, sort: 'featured', cursor: page.nextCursor! }))).toMatchObject({
        code: 'INVALID_CURSOR',
        errors: [{ path: 'cursor' }],
      });
      expect(await errorOf(search({ cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'INVALID_CURSOR' });
      expect(await errorOf(search({ sort: 'relevance' }))).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'sort' }] });
    });

    it('presents prices as exact strings', async () => {
      const found = (await search({ q: 'fitting' })).data[0]!;
      expect(found).toMatchObject({ price: '1500.0001', currency: 'EUR', status: 'ACTIVE' });
    });
  });

  describe('query plans under RLS', () => {
    /** EXPLAIN of a query run as the tenant role (RLS on), as JSON text. */
    async function planOf(query: ReturnType<typeof sql>): Promise<string> {
      const [row] = await withTenant(t.db, ctxFor(w.tenantId), (tx) => rows<{ plan: unknown }>(tx, sql`explain (format json) ${query}`));
      return JSON.stringify(row!);
    }

    beforeAll(async () => {
      // Enough rows that a scan is the expensive choice: 3000 active listings of another account.
      await t.db.query(
        `insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, currency, status)
         select $1, $2, $3, 'GIG', 'Bulk listing ' || g, repeat('filler text about nothing in particular ', 10) || g, (g % 500)::numeric, 'FIXED', 'EUR', 'ACTIVE'
           from generate_series(1, 3000) g`,
        [w.tenantId, w.otherAccountId, w.otherOwnerId],
      );
      // VACUUM also moves the new rows out of the GIN index's pending list.
      await t.db.query('vacuum analyze listings');
    });

    it('finds a rare term through the GIN index, not by reading every listing', async () => {
      const plan = await planOf(sql`select id from listings where tenant_id = ${w.tenantId} and status = 'ACTIVE' and deleted_at is null
                                      and search @@ websearch_to_tsquery('english', 'couture')`);
      expect(plan, plan).toContain('listings_search_idx');
    });

    it('continues a price page with an index range, not a filter over the rows before it', async () => {
      const plan = await planOf(sql`select id from listings where tenant_id = ${w.tenantId} and currency = 'EUR' and status = 'ACTIVE' and deleted_at is null
        and ((case when price is null then 'Infinity'::numeric else price end), id) > (${'250'}::numeric, ${'00000000-0000-0000-0000-000000000000'}::uuid)
        order by (case when price is null then 'Infinity'::numeric else price end), id limit 21`);
      expect(plan).toContain('listings_public_price_asc_idx');
      expect(plan, plan).toMatch(/"Index Cond":"[^"]*ROW\(\(?CASE WHEN/);
    });
  });
});

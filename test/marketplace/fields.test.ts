import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { type ListingSearchInput, listingFieldsOfTenant, publicListingFields, replaceListingFields } from '../../src/modules/marketplace';
import { searchFacets } from '../../src/modules/marketplace/listings/search-repository';
import { describeDb } from '../helpers/db';
import { activeListing, createWorld, errorOf, sampleListing, type World } from './fixtures';

describeDb('listing fields', (t) => {
  let w: World;
  const deps = () => ({ db: t.db });
  const fields = [
    { key: 'size', label: 'Dress size', kind: 'enum' as const, listingTypes: ['GIG' as const], options: ['S', 'M', 'L'], required: true },
    { key: 'langs', label: 'Languages', kind: 'multi_enum' as const, listingTypes: ['GIG' as const, 'JOB' as const], options: ['de', 'en', 'fr'] },
    { key: 'height', label: 'Height in cm', kind: 'number' as const, listingTypes: ['GIG' as const] },
    { key: 'shoot_on', label: 'Shooting day', kind: 'date' as const, listingTypes: ['GIG' as const] },
    { key: 'travel', label: 'Travel paid', kind: 'boolean' as const, listingTypes: ['GIG' as const] },
    { key: 'fee_note', label: 'Internal fee note', kind: 'text' as const, listingTypes: ['GIG' as const], public: false },
  ];
  /** A category of the world's tenant, written as the owner (what the categories API would write). */
  const cat = async (name: string, parentId: string | null) =>
    (
      await t.db.query<{ id: string }>(`insert into categories (tenant_id, name, slug, parent_id) values ($1, $2, $3, $4) returning id`, [
        w.tenantId,
        name,
        `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 6)}`,
        parentId,
      ])
    )[0]!.id;
  const search = async (input: Record<string, unknown>) =>
    (await w.market.listings.search(w.anonymous, { limit: 100, ...input } as ListingSearchInput)).data.map((l) => l.title).sort();

  beforeAll(async () => {
    w = await createWorld(t.db, { plan: 'pro', applicants: 0 });
    await replaceListingFields(deps(), w.moderator, { fields });
    const gig = (title: string, customFields: Record<string, string | number | boolean | string[]>) => activeListing(w, { title, type: 'GIG', customFields });
    await gig('Small', { size: 'S', langs: ['de'], height: 165, shoot_on: '2030-05-01', travel: true, fee_note: 'cash' });
    await gig('Medium', { size: 'M', langs: ['de', 'en'], height: 175.5, shoot_on: '2030-05-10', travel: false });
    await gig('Large', { size: 'L', langs: ['fr'], height: 190, shoot_on: '2030-06-01' });
    await activeListing(w, { title: 'A job', type: 'JOB', customFields: { langs: ['en'] } });
  });

  it('counts facets by category (rolled up the tree), type and enum options, for the current filters, in one statement', async () => {
    const fashion = await cat('Fashion', null);
    const runway = await cat('Runway', fashion);
    const photo = await cat('Photo', null);
    const a = await activeListing(w, { title: 'Facet one', type: 'GIG', categoryId: runway, customFields: { size: 'S', langs: ['de', 'en'] } });
    await activeListing(w, { title: 'Facet two', type: 'GIG', categoryId: fashion, customFields: { size: 'S' } });
    await activeListing(w, { title: 'Facet three', type: 'JOB', categoryId: photo });
    expect(a.categoryId).toBe(runway);
    const page = await w.market.listings.search(w.anonymous, { q: 'facet', facets: 'category,type,field.size,field.langs', limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.facets).toEqual({
      category: [{ value: fashion, label: 'Fashion', count: 2 }, expect.objectContaining({ count: 1 }), expect.objectContaining({ count: 1 })],
      type: [
        { value: 'GIG', count: 2 },
        { value: 'JOB', count: 1 },
      ],
      'field.size': [{ value: 'S', count: 2 }],
      'field.langs': [
        { value: 'de', count: 1 },
        { value: 'en', count: 1 },
      ],
    });
    expect(page.facets!.category!.map((f) => f.value).sort()).toEqual([fashion, runway, photo].sort());
    // The category filter includes subcategories; facets follow the filters.
    const inFashion = await w.market.listings.search(w.anonymous, { category: fashion, facets: 'type', limit: 10 });
    expect(inFashion.data.map((l) => l.title).sort()).toEqual(['Facet one', 'Facet two']);
    expect(inFashion.facets).toEqual({ type: [{ value: 'GIG', count: 2 }] });
    expect((await w.market.listings.search(w.anonymous, { category: runway, limit: 10 })).data.map((l) => l.title)).toEqual(['Facet one']);
    // Only public enum fields have facets; an unknown category is 422.
    expect((await errorOf(w.market.listings.search(w.anonymous, { facets: 'field.height', limit: 1 }))).errors?.[0]?.path).toBe('facets');
    const unknown = await errorOf(w.market.listings.create(w.owner, w.accountId, sampleListing({ type: 'JOB', categoryId: w.accountId })));
    expect(unknown.code).toBe('UNKNOWN_CATEGORY');
  });

  it('keeps each listing’s category path with its category: moved, deleted and restored categories, edited listings', async () => {
    const setCategory = (id: string, set: string) => t.db.query(`update categories set ${set} where tenant_id = $1 and id = $2`, [w.tenantId, id]);
    const pathOf = async (listingId: string) =>
      (await t.db.query<{ path: string[] }>('select category_path::text[] as path from listings where tenant_id = $1 and id = $2', [w.tenantId, listingId]))[0]!
        .path;
    const inCategory = async (category: string) => search({ q: 'pathway', category });
    const top = await cat('Top', null);
    const middle = await cat('Middle', top);
    const leaf = await cat('Leaf', middle);
    const other = await cat('Other', null);
    const listing = await activeListing(w, { title: 'Pathway listing', type: 'JOB', categoryId: leaf });
    expect(await pathOf(listing.id)).toEqual([leaf, middle, top]);
    expect(await inCategory(top)).toEqual(['Pathway listing']);

    // Moved: the subtree's listings follow — found under the new parent, no longer under the old.
    const trace = async () =>
      (
        await t.db.query<{ updated: string; entries: number }>(
          `select l.updated_at::text as updated, (select count(*)::int from audit_logs a where a.tenant_id = l.tenant_id and a.resource = 'listings' and a.resource_id = l.id::text) as entries
             from listings l where l.tenant_id = $1 and l.id = $2`,
          [w.tenantId, listing.id],
        )
      )[0]!;
    const before = await trace();
    await setCategory(middle, `parent_id = '${other}'`);
    expect(await pathOf(listing.id)).toEqual([leaf, middle, other]);
    // The path is bookkeeping: the listing's updated_at and audit trail do not record it.
    expect(await trace()).toEqual(before);
    expect(await inCategory(top)).toEqual([]);
    expect(await inCategory(other)).toEqual(['Pathway listing']);
    const facets = (await w.market.listings.search(w.anonymous, { q: 'pathway', facets: 'category', limit: 1 })).facets!.category!;
    expect(facets.map((f) => [f.label, f.count])).toEqual(
      expect.arrayContaining([
        ['Leaf', 1],
        ['Middle', 1],
        ['Other', 1],
      ]),
    );
    expect(facets.map((f) => f.label)).not.toContain('Top');

    // A deleted category (the database refuses it while it has subcategories) takes its
    // listings out of every category search; restored, they are back.
    await setCategory(leaf, 'deleted_at = now()');
    expect(await pathOf(listing.id)).toEqual([]);
    expect(await inCategory(other)).toEqual([]);
    expect(await inCategory(leaf)).toEqual([]);
    await setCategory(leaf, 'deleted_at = null');
    expect(await pathOf(listing.id)).toEqual([leaf, middle, other]);

    // The listing's own edit, through the service, takes its new category's path.
    await w.market.listings.update(w.owner, { accountId: w.accountId, listingId: listing.id }, { categoryId: top });
    expect(await pathOf(listing.id)).toEqual([top]);
    expect(await inCategory(other)).toEqual([]);
    expect(await inCategory(top)).toEqual(['Pathway listing']);
  });

  it('keeps the definitions in order, the public ones for everyone', async () => {
    const all = await listingFieldsOfTenant(deps(), w.moderator);
    expect(all.data.map((f) => f.key)).toEqual(fields.map((f) => f.key));
    expect(all.data[0]).toEqual({ ...fields[0], public: true });
    const pub = await publicListingFields(deps(), w.anonymous);
    expect(pub.data.map((f) => f.key)).not.toContain('fee_note');
  });

  it('refuses definitions that do not make sense, and the database refuses them too', async () => {
    const e = await errorOf(replaceListingFields(deps(), w.moderator, { fields: [{ key: 'x', label: 'X', kind: 'enum', listingTypes: ['GIG'] }] }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.errors?.[0]?.path).toContain('options');
    const twice = await errorOf(replaceListingFields(deps(), w.moderator, { fields: [fields[2]!, fields[2]!] }));
    expect(twice.errors?.[0]?.path).toContain('key');
    const db = await errorOf(
      withTenant(t.db, w.moderator, (tx) =>
        rows(tx, sql`insert into listing_fields (tenant_id, key, label, kind, listing_types) values (${w.tenantId}, 'bad', 'B', 'enum', '{GIG}')`),
      ),
    );
    expect(String((db as { cause?: unknown }).cause ?? db.message)).toMatch(/listing_fields_options|check/);
  });

  it('validates a listing’s values on create and edit, naming each field', async () => {
    const e = await errorOf(
      w.market.listings.create(
        w.owner,
        w.accountId,
        sampleListing({ type: 'GIG', customFields: { height: 'tall', langs: ['de', 'xx'], shoot_on: '2030-02-30', nope: 1 } }),
      ),
    );
    expect(e.code).toBe('INVALID_LISTING_FIELDS');
    expect(e.errors?.map((p) => p.path).sort()).toEqual([
      'customFields.height',
      'customFields.langs',
      'customFields.nope',
      'customFields.shoot_on',
      'customFields.size',
    ]);
    expect(e.errors?.find((p) => p.path === 'customFields.size')?.message).toMatch(/required \(Dress size\)/);
    // A JOB has no size: naming it is refused, leaving it out is fine.
    const jobErr = await errorOf(w.market.listings.create(w.owner, w.accountId, sampleListing({ type: 'JOB', customFields: { size: 'S' } })));
    expect(jobErr.errors).toEqual([{ path: 'customFields.size', message: 'is not a field of JOB listings' }]);

    const draft = await w.market.listings.create(w.owner, w.accountId, sampleListing({ type: 'GIG', customFields: { size: 'M', fee_note: 'secret' } }));
    expect(draft.customFields).toEqual({ size: 'M' });
    expect(draft.privateFields).toEqual({ fee_note: 'secret' });
    const edited = await w.market.listings.update(w.owner, { listingId: draft.id }, { customFields: { height: 180, fee_note: null } });
    expect(edited.customFields).toEqual({ size: 'M', height: 180 });
    expect(edited.privateFields).toEqual({});
    const cleared = await errorOf(w.market.listings.update(w.owner, { listingId: draft.id }, { customFields: { size: null } }));
    expect(cleared.errors).toEqual([{ path: 'customFields.size', message: 'is required (Dress size)' }]);
  });

  it('shows private values only to the listing’s account and moderators', async () => {
    const [small] = (await w.market.listings.search(w.anonymous, { q: 'Small', limit: 5 })).data;
    expect(small!.customFields).toEqual({ size: 'S', langs: ['de'], height: 165, shoot_on: '2030-05-01', travel: true });
    expect(JSON.stringify(await w.market.listings.getPublic(w.anonymous, small!.id))).not.toContain('cash');
    expect((await w.market.listings.get(w.owner, { accountId: w.accountId, listingId: small!.id })).privateFields).toEqual({ fee_note: 'cash' });
  });

  it('filters on fields: any of for enums, ranges for numbers and dates, equality for booleans', async () => {
    expect(await search({ 'field.size': 'S,M', q: '-facet' })).toEqual(['Medium', 'Small']);
    expect(await search({ 'field.langs': 'en', q: '-facet' })).toEqual(['A job', 'Medium']);
    expect(await search({ 'field.langs': 'fr,de', type: 'GIG', q: '-facet' })).toEqual(['Large', 'Medium', 'Small']);
    expect(await search({ 'field.height': '170..190' })).toEqual(['Large', 'Medium']);
    expect(await search({ 'field.height': '..175.5' })).toEqual(['Medium', 'Small']);
    expect(await search({ 'field.height': '190' })).toEqual(['Large']);
    expect(await search({ 'field.shoot_on': '2030-05-02..2030-06-30' })).toEqual(['Large', 'Medium']);
    expect(await search({ 'field.travel': 'false' })).toEqual(['Medium']);
    expect(await search({ 'field.size': 'S,M', 'field.height': '170..' })).toEqual(['Medium']);
  });

  it('refuses filters on unknown, private or text fields and malformed values (400 naming the parameter)', async () => {
    for (const [param, value] of [
      ['field.nope', 'x'],
      ['field.fee_note', 'cash'],
      ['field.size', 'XL'],
      ['field.height', 'tall..'],
      ['field.shoot_on', '2030-13-01..'],
      ['field.travel', 'yes'],
    ] as const) {
      const e = await errorOf(w.market.listings.search(w.anonymous, { limit: 5, [param]: value } as ListingSearchInput));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.errors?.[0]?.path).toBe(param);
    }
    const e = await errorOf(w.market.listings.search(w.anonymous, { limit: 5, sizes: 'S' } as ListingSearchInput));
    expect(e.code).toBe('VALIDATION_FAILED');
  });

  it('moves values when a field becomes private, and back', async () => {
    const flipped = fields.map((f) => (f.key === 'height' ? { ...f, public: false } : f));
    await replaceListingFields(deps(), w.moderator, { fields: flipped });
    const [small] = (await w.market.listings.search(w.anonymous, { q: 'Small', limit: 5 })).data;
    expect(small!.customFields).not.toHaveProperty('height');
    expect((await w.market.listings.get(w.owner, { accountId: w.accountId, listingId: small!.id })).privateFields).toEqual({
      fee_note: 'cash',
      height: 165,
    });
    await replaceListingFields(deps(), w.moderator, { fields });
    expect(await search({ 'field.height': '160..170' })).toEqual(['Small']);
  });

  it('keeps field filters index-friendly under RLS: containment is leakproof, ranges are a btree range', async () => {
    const [leakproof] = await t.db.query<{ leakproof: boolean; def: string }>(
      `select p.proleakproof as leakproof, (select indexdef from pg_indexes where indexname = 'listings_custom_fields_idx') as def
         from pg_proc p where p.oid = 'pg_catalog.jsonb_contains(jsonb, jsonb)'::regprocedure`,
    );
    expect(leakproof).toEqual({ leakproof: true, def: expect.stringContaining('jsonb_path_ops') });
    const range = await withTenant(t.db, w.anonymous, async (tx) => {
      await rows(tx, sql`set local enable_seqscan = off`);
      const plan = await rows<{ 'QUERY PLAN': string }>(
        tx,
        sql`explain select listing_id from listing_field_values where tenant_id = ${w.tenantId} and key = 'height' and num between 1 and 2`,
      );
      return plan.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(range).toContain('listing_field_values_num_idx');
    expect(range).toMatch(/Index Cond: .*num >= /s);
  });

  it('drops values that no longer fit at once: a removed field, a changed kind, a removed option or listing type', async () => {
    const holder = await activeListing(w, {
      title: 'Narrowed',
      type: 'GIG',
      customFields: { size: 'L', langs: ['de', 'fr'], height: 180, shoot_on: '2030-07-01', travel: true, fee_note: 'kept private' },
    });
    const job = await activeListing(w, { title: 'Narrowed job', type: 'JOB', customFields: { langs: ['en', 'fr'] } });
    const narrowed = fields
      .filter((f) => f.key !== 'travel') // removed
      .map((f) => {
        if (f.key === 'size') return { ...f, options: ['S', 'M'], required: false }; // L removed
        if (f.key === 'langs') return { ...f, options: ['de', 'en'], listingTypes: ['GIG' as const] }; // fr and JOB removed
        if (f.key === 'shoot_on') return { ...f, kind: 'number' as const }; // another kind its values do not fit
        return f;
      });
    await replaceListingFields(deps(), w.moderator, { fields: narrowed });
    const read = (id: string) => w.market.listings.get(w.owner, { accountId: w.accountId, listingId: id });
    const after = await read(holder.id);
    expect(after.customFields).toEqual({ langs: ['de'], height: 180 });
    expect(after.privateFields).toEqual({ fee_note: 'kept private' });
    expect((await read(job.id)).customFields).toEqual({});
    // What search and the range index see follows: no listing is found by a value it lost.
    const shootOn = await t.db.query<{ n: number }>(
      `select count(*)::int as n from listing_field_values where tenant_id = $1 and listing_id = $2 and key = 'shoot_on'`,
      [w.tenantId, holder.id],
    );
    expect(shootOn[0]!.n).toBe(0);
    // The listings that were not touched by the change keep everything (and their audit trail shows who changed what).
    const [small] = (await w.market.listings.search(w.anonymous, { q: 'Small', limit: 5 })).data;
    expect(small!.customFields).toEqual({ size: 'S', langs: ['de'], height: 165 });
    const audited = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_logs where tenant_id = $1 and resource = 'listings' and resource_id = $2 and action = 'update' and old_values ? 'custom_fields'`,
      [w.tenantId, holder.id],
    );
    expect(audited[0]!.n).toBe(1);
    await replaceListingFields(deps(), w.moderator, { fields });
  });

  // Last: its listings would be found by the other tests' searches.
  it('counts facets exactly up to the sample size and estimates them from the lowest-hash sample above it', async () => {
    for (let i = 0; i < 12; i++) {
      await activeListing(w, { title: `Sampled listing ${i}`, ...(i % 3 === 0 ? { type: 'JOB' } : { type: 'GIG', customFields: { size: 'M' } }) });
    }
    const query = { q: 'sampled', limit: 20 } as Parameters<typeof searchFacets>[1];
    const typeFacets = (sample: number) =>
      withTenant(t.db, w.anonymous, (tx) => searchFacets(tx, query, [], { category: false, type: true, fieldKeys: [] }, sample));
    // All 12 matches fit the sample: exact counts.
    expect(await typeFacets(12)).toEqual([
      { facet: 'type', value: 'GIG', label: null, count: 8, estimated: false },
      { facet: 'type', value: 'JOB', label: null, count: 4, estimated: false },
    ]);
    // More matches than the sample: the 5 with the lowest hash, each count divided by the
    // share of the hash range they cover — computed here independently.
    const lowest = await t.db.query<{ type: string; h: number }>(
      `select type::text, uuid_hash(id) as h from listings where tenant_id = $1 and title like 'Sampled listing %' order by 2 limit 5`,
      [w.tenantId],
    );
    const covered = (Math.max(...lowest.map((r) => Number(r.h))) + 2147483649) / 4294967296;
    const expected = ['GIG', 'JOB']
      .map((type) => ({ type, n: lowest.filter((r) => r.type === type).length }))
      .filter((c) => c.n > 0)
      .map((c) => ({ facet: 'type', value: c.type, label: null, count: Math.max(1, Math.round(c.n / covered)), estimated: true }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const estimated = await typeFacets(5);
    expect(estimated).toEqual(expected);
    expect(estimated.reduce((sum, f) => sum + f.count, 0)).toBeGreaterThan(5);
    // The service says so next to the counts.
    const page = await w.market.listings.search(w.anonymous, { q: 'sampled', facets: 'type', limit: 1 });
    expect(page.facetsEstimated).toBeUndefined();
    expect(page.facets!.type!.map((f) => f.count)).toEqual([8, 4]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { withPlatform, withTenant } from '../../src/db/tenant-context';
import { expireDueListings } from '../../src/modules/marketplace';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { activeListing, createWorld, errorOf, expireNow, sampleListing, type World } from './fixtures';

describeDb('marketplace listings', (t) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(t.db, { applicants: 4, limits: { maxActiveListings: null } });
  });
  const stored = async (id: string) =>
    (
      await t.db.query<Record<string, unknown>>(`select price::text, status, location_country, latitude, featured_at, deleted_at from listings where id = $1`, [
        id,
      ])
    )[0]!;
  const listingCount = async () => (await t.db.query<{ n: number }>(`select count(*)::int as n from listings where tenant_id = $1`, [w.tenantId]))[0]!.n;

  describe('create and update', () => {
    it('creates a draft with an exact price, structured location and requirements', async () => {
      const listing = await w.market.listings.create(
        w.owner,
        w.accountId,
        sampleListing({
          price: '12345678901234.5678',
          location: { city: 'Vienna', country: 'at', lat: 48.2082, lng: 16.3738 },
          startDate: '2030-03-01T09:00:00+01:00',
          endDate: '2030-03-03T18:00:00Z',
          duration: '3 days',
          requirements: { questions: [{ id: 'height', label: 'Height in cm', type: 'number', required: true, min: 100 }], positions: 2 },
          expiresAt: '2031-01-01T00:00:00Z',
        }),
      );
      expect(listing).toMatchObject({
        status: 'DRAFT',
        accountId: w.accountId,
        createdBy: w.ownerId,
        price: '12345678901234.5678',
        currency: 'EUR',
        location: { city: 'Vienna', country: 'AT', lat: 48.2082, lng: 16.3738 },
        startDate: '2030-03-01T08:00:00.000Z',
        endDate: '2030-03-03T18:00:00.000Z',
        requirements: { positions: 2, questions: [{ id: 'height', type: 'number', required: true, min: 100 }] },
        featured: false,
        expiresAt: '2031-01-01T00:00:00.000Z',
        applicationCount: 0,
      });
      // 12345678901234.5678 is not representable as a double: the value never passed through one.
      expect(await stored(listing.id)).toMatchObject({ price: '12345678901234.5678', status: 'DRAFT', location_country: 'AT', latitude: 48.2082 });
    });

    it('presents prices with insignificant zeros removed but two decimals kept', async () => {
      const a = await w.market.listings.create(w.owner, w.accountId, sampleListing({ price: '1500' }));
      const b = await w.market.listings.create(w.owner, w.accountId, sampleListing({ price: '0.125' }));
      expect([a.price, b.price]).toEqual(['1500.00', '0.125']);
    });

    it('refuses malformed input with field errors and writes nothing', async () => {
      const before = await listingCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ price: 1500.5 }, 'price'],
        [{ price: '-5' }, 'price'],
        [{ price: '1.23456' }, 'price'],
        [{ currency: 'eur' }, 'currency'],
        [{ location: { country: 'Austria' } }, 'location.country'],
        [{ location: { lat: 48.2 } }, 'location.lat'],
        [{ requirements: { questions: [{ id: 'q', label: 'Pick', type: 'choice' }] } }, 'requirements.questions.0.options'],
        [
          {
            requirements: {
              questions: [
                { id: 'q', label: 'A', type: 'text' },
                { id: 'q', label: 'B', type: 'text' },
              ],
            },
          },
          'requirements.questions.1.id',
        ],
        [{ priceType: 'HOURLY', price: undefined }, 'price'],
        [{ expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
        [{ type: 'BARTER' }, 'type'],
      ];
      for (const [overrides, path] of cases) {
        const error = await errorOf(w.market.listings.create(w.owner, w.accountId, { ...sampleListing(), ...overrides } as never));
        expect(error.code, JSON.stringify(overrides)).toBe('VALIDATION_FAILED');
        expect(
          error.errors?.map((e) => e.path),
          JSON.stringify(overrides),
        ).toContain(path);
      }
      const dates = await errorOf(
        w.market.listings.create(w.owner, w.accountId, sampleListing({ startDate: '2030-01-02T00:00:00Z', endDate: '2030-01-01T00:00:00Z' })),
      );
      expect(dates).toMatchObject({ kind: 'validation', errors: [{ path: 'endDate' }] });
      expect(await listingCount()).toBe(before);
    });

    it('lets a negotiable listing go without a price', async () => {
      const listing = await w.market.listings.create(w.owner, w.accountId, sampleListing({ priceType: 'NEGOTIABLE', price: undefined }));
      expect(listing.price).toBeNull();
      const error = await errorOf(w.market.listings.update(w.owner, { listingId: listing.id }, { priceType: 'DAILY' }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'price' }] });
    });

    it('updates fields, clears them with null, and keeps the rest', async () => {
      const listing = await w.market.listings.create(w.owner, w.accountId, sampleListing({ duration: '2 days' }));
      const updated = await w.market.listings.update(
        w.member,
        { listingId: listing.id },
        { title: 'Fitting model', location: null, remote: true, price: '99.9' },
      );
      expect(updated).toMatchObject({
        title: 'Fitting model',
        location: null,
        remote: true,
        price: '99.90',
        duration: '2 days',
        description: listing.description,
      });
      expect(await stored(listing.id)).toMatchObject({ location_country: null, latitude: null });
    });

    it('hides listings from people outside the account (404) and tells members what they may not do (403)', async () => {
      const listing = await w.market.listings.create(w.owner, w.accountId, sampleListing());
      const ref = { listingId: listing.id };
      expect(await errorOf(w.market.listings.update(w.otherOwner, ref, { title: 'Mine now' }))).toMatchObject({ kind: 'not_found', code: 'LISTING_NOT_FOUND' });
      expect(await errorOf(w.market.listings.get(w.applicant(0), ref))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
      expect(await errorOf(w.market.listings.remove(w.member, ref))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(w.market.listings.create(w.otherOwner, w.accountId, sampleListing()))).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
      // Addressed through another account: as missing as a missing one.
      expect(await errorOf(w.market.listings.get(w.owner, { listingId: listing.id, accountId: w.otherAccountId }))).toMatchObject({
        code: 'LISTING_NOT_FOUND',
      });
      expect((await w.market.listings.get(w.member, ref)).title).toBe(listing.title);
      // A draft is nobody's business publicly.
      expect(await errorOf(w.market.listings.getPublic(w.anonymous, listing.id))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
    });

    it('features listings only when the plan includes it', async () => {
      expect(await errorOf(w.market.listings.create(w.owner, w.accountId, sampleListing({ featured: true })))).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN' });
      const pro = await createWorld(t.db, { plan: 'pro', applicants: 0 });
      const listing = await pro.market.listings.create(pro.owner, pro.accountId, sampleListing({ featured: true }));
      expect(listing.featured).toBe(true);
      expect(listing.featuredAt).not.toBeNull();
      const plain = await pro.market.listings.update(pro.owner, { listingId: listing.id }, { featured: false });
      expect(plain).toMatchObject({ featured: false, featuredAt: null });
    });
  });

  describe('lifecycle', () => {
    it('goes DRAFT → ACTIVE ⇄ PAUSED → COMPLETED, and nothing follows COMPLETED', async () => {
      const draft = await w.market.listings.create(w.owner, w.accountId, sampleListing());
      const ref = { listingId: draft.id };
      const statuses = [];
      for (const action of ['publish', 'pause', 'resume', 'pause', 'complete'] as const) {
        statuses.push((await w.market.listings.transition(w.owner, ref, { action })).status);
      }
      expect(statuses).toEqual(['ACTIVE', 'PAUSED', 'ACTIVE', 'PAUSED', 'COMPLETED']);
      expect(await errorOf(w.market.listings.transition(w.owner, ref, { action: 'publish' }))).toMatchObject({
        kind: 'conflict',
        code: 'ILLEGAL_TRANSITION',
        extra: { from: 'COMPLETED', action: 'publish', allowed: [] },
      });
      expect(await errorOf(w.market.listings.update(w.owner, ref, { title: 'Again' }))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        extra: { action: 'edit' },
      });
      expect((await stored(draft.id)).status).toBe('COMPLETED');
    });

    it('names the allowed actions when refusing a transition', async () => {
      const draft = await w.market.listings.create(w.owner, w.accountId, sampleListing());
      const error = await errorOf(w.market.listings.transition(w.owner, { listingId: draft.id }, { action: 'pause' }));
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', extra: { from: 'DRAFT', allowed: ['publish'] } });
      expect(error.message).toMatch(/allowed from DRAFT: publish/);
      const active = await activeListing(w);
      expect(await errorOf(w.market.listings.transition(w.owner, { listingId: active.id }, { action: 'resume' }))).toMatchObject({
        extra: { from: 'ACTIVE', allowed: ['pause', 'complete', 'cancel'] },
      });
    });

    it('lets a tenant moderator pause, resume and cancel, and nothing else', async () => {
      const active = await activeListing(w);
      const ref = { listingId: active.id };
      expect((await w.market.listings.transition(w.moderator, ref, { action: 'pause' })).status).toBe('PAUSED');
      expect(await errorOf(w.market.listings.transition(w.moderator, ref, { action: 'publish' }))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        extra: { allowed: ['resume', 'cancel'] },
      });
      expect(await errorOf(w.market.listings.update(w.moderator, ref, { title: 'Moderated' }))).toMatchObject({ kind: 'forbidden' });
      expect((await w.market.listings.transition(w.moderator, ref, { action: 'cancel' })).status).toBe('CANCELLED');
      expect(await errorOf(w.market.listings.transition(w.applicant(1), ref, { action: 'pause' }))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
    });

    it('keeps a moderator’s pause: the account cannot resume the listing (nor can a statement), a moderator can', async () => {
      const active = await activeListing(w);
      const ref = { listingId: active.id, accountId: w.accountId };
      await w.market.listings.transition(w.moderator, ref, { action: 'pause' });
      expect(await errorOf(w.market.listings.transition(w.owner, ref, { action: 'resume' }))).toMatchObject({ code: 'LISTING_HELD', kind: 'conflict' });
      // the database refuses a held listing that is ACTIVE, whoever writes it
      await expect(t.db.query(`update listings set status = 'ACTIVE' where id = $1`, [active.id])).rejects.toThrow(/listings_moderation_hold/);
      expect((await w.market.listings.transition(w.moderator, ref, { action: 'resume' })).status).toBe('ACTIVE');
      // an owner's own pause holds nothing
      await w.market.listings.transition(w.owner, ref, { action: 'pause' });
      expect((await w.market.listings.transition(w.owner, ref, { action: 'resume' })).status).toBe('ACTIVE');
    });

    it('lists every listing of the tenant for moderators, filtered by account, status and hold', async () => {
      const held = await activeListing(w, { title: 'Held for review' });
      await w.market.listings.transition(w.moderator, { listingId: held.id }, { action: 'pause' });
      const draft = await w.market.listings.create(w.owner, w.accountId, sampleListing({ title: 'A draft only its account sees' }));
      const ids = async (input: Record<string, unknown>) => (await w.market.listings.moderation(w.moderator, { limit: 100, ...input })).data.map((l) => l.id);
      expect(await ids({})).toEqual(expect.arrayContaining([held.id, draft.id]));
      expect(await ids({ held: true })).toContain(held.id);
      expect(await ids({ held: true })).not.toContain(draft.id);
      expect(await ids({ held: 'false' })).not.toContain(held.id);
      expect(await ids({ status: 'DRAFT' })).toContain(draft.id);
      expect(await ids({ status: 'DRAFT' })).not.toContain(held.id);
      expect(await ids({ accountId: w.otherAccountId })).not.toContain(draft.id);
      await w.market.listings.transition(w.moderator, { listingId: held.id }, { action: 'resume' });
    });

    it('hides an expired listing the moment its expiry passes, before any job runs', async () => {
      const listing = await activeListing(w, { title: 'Expiring soon', expiresAt: '2030-01-01T00:00:00Z' });
      expect((await w.market.listings.getPublic(w.anonymous, listing.id)).status).toBe('ACTIVE');
      await expireNow(t.db, listing.id);
      expect(await errorOf(w.market.listings.getPublic(w.anonymous, listing.id))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
      const found = await w.market.listings.search(w.anonymous, { q: 'expiring' });
      expect(found.data.map((l) => l.id)).not.toContain(listing.id);
      // The owner sees it as EXPIRED, and the state machine treats it so.
      expect((await w.market.listings.get(w.owner, { listingId: listing.id })).status).toBe('EXPIRED');
      expect((await stored(listing.id)).status).toBe('ACTIVE');
      expect(await errorOf(w.market.listings.transition(w.owner, { listingId: listing.id }, { action: 'pause' }))).toMatchObject({
        extra: { from: 'EXPIRED', allowed: ['complete', 'cancel'] },
      });
    });

    it('expireDueListings flips exactly the due ACTIVE listings, in every tenant, set-based', async () => {
      const other = await createWorld(t.db, { applicants: 0 });
      const due = await activeListing(w, { expiresAt: '2030-01-01T00:00:00Z' });
      const dueElsewhere = await activeListing(other, { expiresAt: '2030-01-01T00:00:00Z' });
      const notDue = await activeListing(w, { expiresAt: '2030-01-01T00:00:00Z' });
      const paused = await activeListing(w, { expiresAt: '2030-01-01T00:00:00Z' });
      await w.market.listings.transition(w.owner, { listingId: paused.id }, { action: 'pause' });
      for (const id of [due.id, dueElsewhere.id, paused.id]) await expireNow(t.db, id);
      const expired = await withPlatform(t.db, systemContext(null, 'expire-listings'), (tx) => expireDueListings(tx));
      expect(expired.map((e) => e.id)).toEqual(expect.arrayContaining([due.id, dueElsewhere.id]));
      expect(expired.map((e) => e.id)).not.toContain(notDue.id);
      expect(expired.map((e) => e.id)).not.toContain(paused.id);
      expect([
        (await stored(due.id)).status,
        (await stored(dueElsewhere.id)).status,
        (await stored(notDue.id)).status,
        (await stored(paused.id)).status,
      ]).toEqual(['EXPIRED', 'EXPIRED', 'ACTIVE', 'PAUSED']);
      // Nothing left to do; within one tenant too.
      expect(await withTenant(t.db, ctxFor(w.tenantId), (tx) => expireDueListings(tx))).toEqual([]);
    });

    it('expireDueListings works through a backlog in batches, longest overdue first', async () => {
      const v = await createWorld(t.db, { applicants: 0, limits: { maxActiveListings: null } });
      const listings = [];
      for (let i = 0; i < 5; i++) listings.push(await activeListing(v, { expiresAt: '2030-01-01T00:00:00Z' }));
      for (const [i, l] of listings.entries()) {
        await t.db.query(`update listings set expires_at = now() - make_interval(hours => $2) where id = $1`, [l.id, 10 - i]);
      }
      const ctx = ctxFor(v.tenantId);
      const first = await withTenant(t.db, ctx, (tx) => expireDueListings(tx, { limit: 2 }));
      expect(first.map((e) => e.id).sort()).toEqual([listings[0]!.id, listings[1]!.id].sort());
      expect((await withTenant(t.db, ctx, (tx) => expireDueListings(tx, { limit: 2 }))).map((e) => e.id).sort()).toEqual(
        [listings[2]!.id, listings[3]!.id].sort(),
      );
      expect((await withTenant(t.db, ctx, (tx) => expireDueListings(tx, { limit: 2 }))).map((e) => e.id)).toEqual([listings[4]!.id]);
      expect(await withTenant(t.db, ctx, (tx) => expireDueListings(tx, { limit: 2 }))).toEqual([]);
    });

    it('will not resume a listing whose expiry passed while it was paused', async () => {
      const listing = await activeListing(w, { expiresAt: '2030-01-01T00:00:00Z' });
      const ref = { listingId: listing.id };
      await w.market.listings.transition(w.owner, ref, { action: 'pause' });
      await expireNow(t.db, listing.id);
      expect(await errorOf(w.market.listings.transition(w.owner, ref, { action: 'resume' }))).toMatchObject({
        kind: 'unprocessable',
        code: 'LISTING_EXPIRY_PASSED',
      });
      await w.market.listings.update(w.owner, ref, { expiresAt: '2031-01-01T00:00:00Z' });
      expect((await w.market.listings.transition(w.owner, ref, { action: 'resume' })).status).toBe('ACTIVE');
    });

    it('soft-deletes: gone for everyone, kept in the table', async () => {
      const listing = await activeListing(w);
      await w.market.listings.remove(w.owner, { listingId: listing.id });
      expect(await errorOf(w.market.listings.get(w.owner, { listingId: listing.id }))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
      expect(await errorOf(w.market.listings.getPublic(w.anonymous, listing.id))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
      expect((await stored(listing.id)).deleted_at).toBeInstanceOf(Date);
    });
  });

  describe('account limits', () => {
    const publish = (v: World, listingId: string) => v.market.listings.transition(v.owner, { listingId }, { action: 'publish' });
    const drafts = (v: World, n: number) => Promise.all(Array.from({ length: n }, () => v.market.listings.create(v.owner, v.accountId, sampleListing())));
    const activeCount = async (accountId: string) =>
      (await t.db.query<{ n: number }>(`select count(*)::int as n from listings where account_id = $1 and status = 'ACTIVE'`, [accountId]))[0]!.n;

    it('takes the plan’s limit, lets Account.limits override it, and counts only live active listings', async () => {
      const v = await createWorld(t.db, { plan: 'free', applicants: 0 }); // free: 3 active listings
      const [a, b, c, d] = await drafts(v, 4);
      for (const l of [a!, b!, c!]) await publish(v, l.id);
      const error = await errorOf(publish(v, d!.id));
      expect(error).toMatchObject({ kind: 'conflict', code: 'LISTING_LIMIT_REACHED', extra: { limit: 3, active: 3 } });
      // Pausing frees a slot; resuming needs one.
      await v.market.listings.transition(v.owner, { listingId: a!.id }, { action: 'pause' });
      await publish(v, d!.id);
      expect(await errorOf(v.market.listings.transition(v.owner, { listingId: a!.id }, { action: 'resume' }))).toMatchObject({ code: 'LISTING_LIMIT_REACHED' });
      // An expired listing no longer holds its slot.
      await expireNow(t.db, b!.id);
      expect((await v.market.listings.transition(v.owner, { listingId: a!.id }, { action: 'resume' })).status).toBe('ACTIVE');
      // The account's own limit wins over the plan's.
      await t.db.query(`update accounts set limits = '{"maxActiveListings": 4}' where id = $1`, [v.accountId]);
      const [e, f] = await drafts(v, 2);
      await publish(v, e!.id);
      expect(await errorOf(publish(v, f!.id))).toMatchObject({ extra: { limit: 4 } });
      await t.db.query(`update accounts set limits = '{"maxActiveListings": null}' where id = $1`, [v.accountId]);
      expect((await publish(v, f!.id)).status).toBe('ACTIVE');
    });

    it('lets exactly the limit through when publishes race', async () => {
      const v = await createWorld(t.db, { limits: { maxActiveListings: 3 }, applicants: 0 });
      const listings = await drafts(v, 10);
      const results = await Promise.allSettled(listings.map((l) => publish(v, l.id)));
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(refused).toHaveLength(7);
      for (const r of refused) expect(r.reason).toMatchObject({ code: 'LISTING_LIMIT_REACHED' });
      expect(await activeCount(v.accountId)).toBe(3);
    });

    it('refuses publishing for an account that is not active', async () => {
      const v = await createWorld(t.db, { applicants: 0 });
      const [draft] = await drafts(v, 1);
      await t.db.query(`update accounts set status = 'SUSPENDED' where id = $1`, [v.accountId]);
      expect(await errorOf(publish(v, draft!.id))).toMatchObject({ code: 'ACCOUNT_NOT_ACTIVE' });
    });
  });

  describe('dashboard (listing_with_stats)', () => {
    it('shows every state with application statistics, pages by cursor, and only the account’s own', async () => {
      const v = await createWorld(t.db, { applicants: 3 });
      const withApplications = await activeListing(v, { title: 'Popular' });
      const draft = await v.market.listings.create(v.owner, v.accountId, sampleListing({ title: 'Still a draft' }));
      await activeListing(v, { title: 'Quiet' });
      await v.market.listings.create(v.otherOwner, v.otherAccountId, sampleListing({ title: 'Not theirs' }));
      const apps = [];
      for (const i of [0, 1, 2]) apps.push(await v.market.applications.apply(v.applicant(i), withApplications.id, {}));
      await v.market.applications.withdraw(v.applicant(0), apps[0]!.id);
      await v.market.applications.review(v.owner, apps[1]!.id, { action: 'review' });

      const first = await v.market.listings.dashboard(v.member, v.accountId, { limit: 2 });
      expect(first.data).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = await v.market.listings.dashboard(v.member, v.accountId, { limit: 2, cursor: first.nextCursor! });
      expect(second.nextCursor).toBeNull();
      const all = [...first.data, ...second.data];
      expect(all.map((l) => l.title)).toEqual(['Quiet', 'Still a draft', 'Popular']);
      const popular = all.find((l) => l.id === withApplications.id)!;
      expect(popular.stats).toMatchObject({ totalApplications: 3, activeApplications: 2, pendingApplications: 1, shortlistedApplications: 0 });
      expect(popular.applicationCount).toBe(2);
      expect(popular.stats.lastApplicationAt).toBe(apps[2]!.createdAt);

      const drafts = await v.market.listings.dashboard(v.owner, v.accountId, { status: 'DRAFT' });
      expect(drafts.data.map((l) => l.id)).toEqual([draft.id]);
      expect(await errorOf(v.market.listings.dashboard(v.otherOwner, v.accountId, {}))).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
      expect(await errorOf(v.market.listings.dashboard(v.owner, v.accountId, { cursor: 'nonsense' }))).toMatchObject({ code: 'INVALID_CURSOR' });
    });

    it('files an expired listing under EXPIRED, not ACTIVE', async () => {
      const v = await createWorld(t.db, { applicants: 0 });
      const listing = await activeListing(v, { expiresAt: '2030-01-01T00:00:00Z' });
      await expireNow(t.db, listing.id);
      expect((await v.market.listings.dashboard(v.owner, v.accountId, { status: 'ACTIVE' })).data).toEqual([]);
      expect((await v.market.listings.dashboard(v.owner, v.accountId, { status: 'EXPIRED' })).data.map((l) => l.id)).toEqual([listing.id]);
    });
  });
});

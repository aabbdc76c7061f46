import { beforeAll, describe, expect, it } from 'vitest';
import type { ListingSearchInput } from '../../src/modules/marketplace';
import { describeDb } from '../helpers/db';
import { activeListing, createWorld, errorOf, sampleListing, type World } from './fixtures';

/**
 * Who sees a listing, and how much of it: the listings of a suspended account are not
 * public and take no applications; the public sees locations approximately, the
 * participants (the listing's account, its applicants) exactly.
 */
describeDb('marketplace visibility', (t) => {
  let w: World;
  const exact = { addressLine1: 'Stephansplatz 1', postalCode: '1010', city: 'Vienna', region: 'Vienna', country: 'AT', lat: 48.20849, lng: 16.37208 };
  const approximate = { city: 'Vienna', region: 'Vienna', country: 'AT', lat: 48.21, lng: 16.37 };
  beforeAll(async () => {
    w = await createWorld(t.db, { applicants: 3, limits: { maxActiveListings: null } });
  });
  const search = (input: Partial<ListingSearchInput>) => w.market.listings.search(w.anonymous, input as ListingSearchInput);
  const setAccountStatus = (accountId: string, status: string) => t.db.query(`update accounts set status = $2 where id = $1`, [accountId, status]);

  describe('location', () => {
    it('shows the public the city and country with coordinates to two decimals, never the address', async () => {
      const listing = await activeListing(w, { location: exact });
      expect((await w.market.listings.getPublic(w.anonymous, listing.id)).location).toEqual(approximate);
      expect((await w.market.listings.getPublic(w.applicant(1), listing.id)).location).toEqual(approximate);
      const found = (await search({ accountId: w.accountId })).data.find((l) => l.id === listing.id);
      expect(found!.location).toEqual(approximate);
    });

    it('shows the exact location to the listing’s account and to its applicants while they apply', async () => {
      const listing = await activeListing(w, { location: exact });
      expect(listing.location).toEqual(exact);
      expect((await w.market.listings.get(w.owner, { listingId: listing.id })).location).toEqual(exact);
      expect((await w.market.listings.getPublic(w.member, listing.id)).location).toEqual(exact);

      const applicant = w.applicant(0);
      expect((await w.market.listings.getPublic(applicant, listing.id)).location).toEqual(approximate);
      const application = await w.market.applications.apply(applicant, listing.id, {});
      expect((await w.market.listings.getPublic(applicant, listing.id)).location).toEqual(exact);
      expect((await w.market.listings.getPublic(w.applicant(1), listing.id)).location).toEqual(approximate);
      await w.market.applications.withdraw(applicant, application.id);
      expect((await w.market.listings.getPublic(applicant, listing.id)).location).toEqual(approximate);
    });

    it('measures search distances to the approximate location, so they do not reveal the exact one', async () => {
      const listing = await activeListing(w, { title: 'Distance probe', location: exact });
      const from = async (lat: number, lng: number, radiusKm: number) =>
        (await search({ lat, lng, radiusKm, accountId: w.accountId })).data.find((l) => l.id === listing.id);
      // From the exact spot the listing is about 230 m away: the distance of the rounded point.
      expect((await from(exact.lat, exact.lng, 1))!.distanceKm).toBeCloseTo(0.23, 1);
      expect((await from(approximate.lat, approximate.lng, 1))!.distanceKm).toBe(0);
      // A radius that holds the exact spot but not the rounded point does not find it.
      expect(await from(exact.lat, exact.lng, 0.1)).toBeUndefined();
      expect(await from(approximate.lat, approximate.lng, 0.01)).toBeDefined();
    });
  });

  describe('a suspended account', () => {
    it('has no public listings and takes no applications until it is active again', async () => {
      const listing = await activeListing(w, { title: 'Suspended studio gig' });
      const rival = await w.market.listings.create(w.otherOwner, w.otherAccountId, sampleListing({ title: 'Rival gig' }));
      await w.market.listings.transition(w.otherOwner, { listingId: rival.id }, { action: 'publish' });
      const publicTitles = async () => (await search({ limit: 100 })).data.map((l) => l.title);
      expect(await publicTitles()).toEqual(expect.arrayContaining(['Suspended studio gig', 'Rival gig']));

      await setAccountStatus(w.accountId, 'SUSPENDED');
      try {
        expect(await errorOf(w.market.listings.getPublic(w.anonymous, listing.id))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
        expect(await publicTitles()).not.toContain('Suspended studio gig');
        expect(await publicTitles()).toContain('Rival gig');
        expect((await search({ accountId: w.accountId, limit: 100 })).data).toEqual([]);
        expect(await errorOf(w.market.applications.apply(w.applicant(2), listing.id, {}))).toMatchObject({
          code: 'LISTING_NOT_OPEN',
          extra: { accountStatus: 'SUSPENDED' },
        });
        expect(await t.db.query(`select 1 from applications where listing_id = $1`, [listing.id])).toEqual([]);
        // Its own people still see and manage it.
        expect((await w.market.listings.get(w.owner, { listingId: listing.id })).status).toBe('ACTIVE');
      } finally {
        await setAccountStatus(w.accountId, 'ACTIVE');
      }
      expect((await w.market.listings.getPublic(w.anonymous, listing.id)).id).toBe(listing.id);
      expect((await w.market.applications.apply(w.applicant(2), listing.id, {})).status).toBe('PENDING');
    });
  });
});

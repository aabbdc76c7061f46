import { beforeAll, describe, expect, it } from 'vitest';
import { ctxFor, permissionsOf } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { activeListing, createMedia, createUsers, createWorld, errorOf, expireNow, sampleListing, type World } from './fixtures';

describeDb('marketplace applications', (t) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(t.db, { applicants: 6, limits: { maxActiveListings: null } });
  });
  const counts = async (listingId: string) =>
    (
      await t.db.query<{ count: number; truth: number; status: string }>(
        `select application_count as count, status::text,
              (select count(*)::int from applications a where a.listing_id = l.id and a.status <> 'WITHDRAWN') as truth
         from listings l where id = $1`,
        [listingId],
      )
    )[0]!;
  const applicationRows = async (listingId: string) =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from applications where listing_id = $1`, [listingId]))[0]!.n;

  const withQuestions = {
    requirements: {
      questions: [
        { id: 'height', label: 'Height (cm)', type: 'number' as const, required: true, min: 150, max: 210 },
        { id: 'travel', label: 'Can you travel?', type: 'boolean' as const, required: true },
        { id: 'size', label: 'Dress size', type: 'choice' as const, options: ['S', 'M', 'L'], required: false },
        { id: 'langs', label: 'Languages', type: 'choice' as const, options: ['de', 'en', 'fr'], multiple: true },
        { id: 'note', label: 'Anything else', type: 'text' as const, maxLength: 10 },
      ],
    },
  };

  describe('applying', () => {
    it('lists every application of the marketplace for moderators only, by status and account', async () => {
      const listing = await activeListing(w);
      const application = await w.market.applications.apply(w.applicant(4), listing.id, {});
      const moderator = ctxFor(w.tenantId, w.otherOwnerId, { permissions: permissionsOf(['tenant.applications.read']) });
      const ids = async (input: Record<string, unknown>) =>
        (await w.market.applications.listForTenant(moderator, { limit: 100, ...input })).data.map((a) => a.id);
      expect(await ids({})).toContain(application.id);
      expect(await ids({ accountId: w.accountId })).toContain(application.id);
      expect(await ids({ accountId: w.otherAccountId })).not.toContain(application.id);
      expect(await ids({ status: 'ACCEPTED' })).not.toContain(application.id);
      expect(await errorOf(w.market.applications.listForTenant(w.owner, { limit: 10 }))).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('applies with answers and own attachments; the listing counts it', async () => {
      const listing = await activeListing(w, withQuestions);
      const cv = await createMedia(t.db, w.tenantId, w.applicants[0]!);
      const application = await w.market.applications.apply(w.applicant(0), listing.id, {
        coverLetter: 'I walked for Atelier X.',
        answers: { height: 178, travel: true, size: 'M', langs: ['de', 'en'] },
        attachments: [cv, cv],
      });
      expect(application).toMatchObject({
        listingId: listing.id,
        applicantId: w.applicants[0],
        status: 'PENDING',
        answers: { height: 178, travel: true, size: 'M', langs: ['de', 'en'] },
        attachments: [cv],
        reviewedAt: null,
        listing: { id: listing.id, title: listing.title, status: 'ACTIVE' },
      });
      expect(await counts(listing.id)).toMatchObject({ count: 1, truth: 1 });
      expect((await w.market.listings.getPublic(w.anonymous, listing.id)).applicationCount).toBe(1);
    });

    it('validates answers against the listing’s questions: 422 naming each field, nothing written', async () => {
      const listing = await activeListing(w, withQuestions);
      const error = await errorOf(
        w.market.applications.apply(w.applicant(1), listing.id, {
          answers: { height: 300, size: 'XXL', langs: ['de', 'es'], note: 'far too long a note', shoe: 42 },
        }),
      );
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'INVALID_ANSWERS' });
      expect(Object.fromEntries(error.errors!.map((e) => [e.path, e.message]))).toEqual({
        'answers.shoe': 'this listing asks no such question',
        'answers.height': 'must be at most 210',
        'answers.travel': 'an answer is required',
        'answers.size': expect.stringContaining('not an option: XXL'),
        'answers.langs': expect.stringContaining('not an option: es'),
        'answers.note': 'must be at most 10 characters',
      });
      const typed = await errorOf(w.market.applications.apply(w.applicant(1), listing.id, { answers: { height: '178', travel: 'yes' } }));
      expect(typed.errors!.map((e) => e.path).sort()).toEqual(['answers.height', 'answers.travel']);
      expect(await applicationRows(listing.id)).toBe(0);
      expect((await counts(listing.id)).count).toBe(0);
    });

    it('accepts only the applicant’s own, live media as attachments', async () => {
      const listing = await activeListing(w);
      const someoneElses = await createMedia(t.db, w.tenantId, w.applicants[2]!);
      const deleted = await createMedia(t.db, w.tenantId, w.applicants[1]!);
      await t.db.query(`update media_files set deleted_at = now() where id = $1`, [deleted]);
      const other = await createWorld(t.db, { applicants: 1 });
      const otherTenants = await createMedia(t.db, other.tenantId, other.applicants[0]!);
      const mine = await createMedia(t.db, w.tenantId, w.applicants[1]!);
      const error = await errorOf(w.market.applications.apply(w.applicant(1), listing.id, { attachments: [mine, someoneElses, deleted, otherTenants] }));
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'INVALID_ATTACHMENTS' });
      expect(error.errors!.map((e) => e.path)).toEqual(['attachments.1', 'attachments.2', 'attachments.3']);
      expect(await applicationRows(listing.id)).toBe(0);
    });

    it('refuses a second application by the same person (409), also when both arrive at once', async () => {
      const listing = await activeListing(w);
      await w.market.applications.apply(w.applicant(2), listing.id, {});
      expect(await errorOf(w.market.applications.apply(w.applicant(2), listing.id, {}))).toMatchObject({ kind: 'conflict', code: 'ALREADY_APPLIED' });

      const race = await activeListing(w);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => w.market.applications.apply(w.applicant(3), race.id, { coverLetter: 'me!' })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
        expect(r.reason).toMatchObject({ code: 'ALREADY_APPLIED' });
      }
      expect(await counts(race.id)).toMatchObject({ count: 1, truth: 1 });
    });

    it('keeps applicationCount exact under 50 parallel applications by different people', async () => {
      const listing = await activeListing(w);
      const people = await createUsers(t.db, w.tenantId, 50);
      const results = await Promise.allSettled(
        people.map((id) => w.market.applications.apply(ctxFor(w.tenantId, id, { permissions: permissionsOf(['user.*.*']) }), listing.id, {})),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await counts(listing.id)).toMatchObject({ count: 50, truth: 50 });
    });

    it('takes applications only on ACTIVE, unexpired listings', async () => {
      const draft = await w.market.listings.create(w.owner, w.accountId, sampleListing());
      expect(await errorOf(w.market.applications.apply(w.applicant(0), draft.id, {}))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
      const paused = await activeListing(w);
      await w.market.listings.transition(w.owner, { listingId: paused.id }, { action: 'pause' });
      expect(await errorOf(w.market.applications.apply(w.applicant(0), paused.id, {}))).toMatchObject({
        kind: 'conflict',
        code: 'LISTING_NOT_OPEN',
        extra: { listingStatus: 'PAUSED' },
      });
      const expiring = await activeListing(w, { expiresAt: '2030-01-01T00:00:00Z' });
      await expireNow(t.db, expiring.id);
      expect(await errorOf(w.market.applications.apply(w.applicant(0), expiring.id, {}))).toMatchObject({
        code: 'LISTING_NOT_OPEN',
        extra: { listingStatus: 'EXPIRED' },
      });
      expect(await errorOf(w.market.applications.apply(w.applicant(0), '0190a4d6-0000-7000-8000-000000000000', {}))).toMatchObject({
        code: 'LISTING_NOT_FOUND',
      });
    });

    it('refuses applying to a listing of one’s own account', async () => {
      const listing = await activeListing(w);
      expect(await errorOf(w.market.applications.apply(w.member, listing.id, {}))).toMatchObject({ kind: 'unprocessable', code: 'OWN_LISTING' });
      expect(await errorOf(w.market.applications.apply(w.anonymous, listing.id, {}))).toMatchObject({ kind: 'unauthenticated' });
      // The other account's people may apply.
      expect((await w.market.applications.apply(w.otherOwner, listing.id, {})).status).toBe('PENDING');
    });
  });

  describe('reviewing and withdrawing', () => {
    it('walks PENDING → REVIEWING → SHORTLISTED → ACCEPTED, recording the reviewer', async () => {
      const listing = await activeListing(w);
      const application = await w.market.applications.apply(w.applicant(0), listing.id, {});
      const reviewing = await w.market.applications.review(w.member, application.id, { action: 'review' });
      expect(reviewing).toMatchObject({ status: 'REVIEWING', reviewedBy: w.memberId });
      expect(reviewing.reviewedAt).not.toBeNull();
      expect((await w.market.applications.review(w.owner, application.id, { action: 'shortlist' })).status).toBe('SHORTLISTED');
      const accepted = await w.market.applications.review(w.owner, application.id, { action: 'accept' });
      expect(accepted).toMatchObject({ status: 'ACCEPTED', reviewedBy: w.ownerId });
      // Without `positions`, accepting does not close the listing.
      expect(accepted.listing?.status).toBe('ACTIVE');
      expect(await errorOf(w.market.applications.review(w.owner, application.id, { action: 'reject' }))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        extra: { from: 'ACCEPTED', allowed: [] },
      });
      expect(await errorOf(w.market.applications.withdraw(w.applicant(0), application.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    });

    it('refuses skipping steps and names what is allowed', async () => {
      const listing = await activeListing(w);
      const application = await w.market.applications.apply(w.applicant(1), listing.id, {});
      expect(await errorOf(w.market.applications.review(w.owner, application.id, { action: 'accept' }))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        extra: { from: 'PENDING', allowed: ['review', 'reject'] },
      });
      expect((await w.market.applications.review(w.owner, application.id, { action: 'reject' })).status).toBe('REJECTED');
    });

    it('lets only the applicant withdraw, before a decision, and the count follows', async () => {
      const listing = await activeListing(w);
      const application = await w.market.applications.apply(w.applicant(2), listing.id, {});
      expect(await errorOf(w.market.applications.withdraw(w.applicant(3), application.id))).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      // Withdrawing is the applicant's own business: for anyone else there is no such application of theirs.
      expect(await errorOf(w.market.applications.withdraw(w.owner, application.id))).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      const withdrawn = await w.market.applications.withdraw(w.applicant(2), application.id);
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', reviewedBy: null });
      expect(await counts(listing.id)).toMatchObject({ count: 0, truth: 0 });
      expect(await errorOf(w.market.applications.review(w.owner, application.id, { action: 'review' }))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        extra: { from: 'WITHDRAWN' },
      });
      // Once is once: withdrawing does not open the door to a second application.
      expect(await errorOf(w.market.applications.apply(w.applicant(2), listing.id, {}))).toMatchObject({ code: 'ALREADY_APPLIED' });
    });

    it('lets only the listing’s account review; strangers get 404', async () => {
      const listing = await activeListing(w);
      const application = await w.market.applications.apply(w.applicant(4), listing.id, {});
      expect(await errorOf(w.market.applications.review(w.otherOwner, application.id, { action: 'review' }))).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      expect(await errorOf(w.market.applications.review(w.applicant(4), application.id, { action: 'review' }))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(w.market.applications.get(w.applicant(5), application.id))).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      expect(await errorOf(w.market.applications.get(w.otherOwner, application.id))).toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
      expect((await w.market.applications.get(w.applicant(4), application.id)).id).toBe(application.id);
      expect((await w.market.applications.get(w.member, application.id)).id).toBe(application.id);
    });

    it('completes the listing when its positions are filled, and then takes no more decisions but rejections', async () => {
      const listing = await activeListing(w, { requirements: { positions: 2 } });
      const apps = [];
      for (const i of [0, 1, 2, 3]) apps.push(await w.market.applications.apply(w.applicant(i), listing.id, {}));
      for (const a of apps) await w.market.applications.review(w.owner, a.id, { action: 'review' });
      expect((await w.market.applications.review(w.owner, apps[0]!.id, { action: 'accept' })).listing?.status).toBe('ACTIVE');
      const second = await w.market.applications.review(w.owner, apps[1]!.id, { action: 'accept' });
      expect(second.listing?.status).toBe('COMPLETED');
      expect((await counts(listing.id)).status).toBe('COMPLETED');
      expect(await errorOf(w.market.applications.review(w.owner, apps[2]!.id, { action: 'accept' }))).toMatchObject({ code: 'LISTING_CLOSED' });
      expect((await w.market.applications.review(w.owner, apps[2]!.id, { action: 'reject' })).status).toBe('REJECTED');
      expect(await errorOf(w.market.applications.apply(w.applicant(4), listing.id, {}))).toMatchObject({ code: 'LISTING_NOT_OPEN' });
    });

    it('fills a one-position listing exactly once when two accepts race', async () => {
      const listing = await activeListing(w, { requirements: { positions: 1 } });
      const apps = [];
      for (const i of [0, 1]) {
        const a = await w.market.applications.apply(w.applicant(i), listing.id, {});
        await w.market.applications.review(w.owner, a.id, { action: 'review' });
        apps.push(a);
      }
      const results = await Promise.allSettled(apps.map((a) => w.market.applications.review(w.owner, a.id, { action: 'accept' })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason).toMatchObject({ code: 'LISTING_CLOSED' });
      const [row] = await t.db.query<{ accepted: number }>(`select count(*)::int as accepted from applications where listing_id = $1 and status = 'ACCEPTED'`, [
        listing.id,
      ]);
      expect(row!.accepted).toBe(1);
    });
  });

  describe('lists', () => {
    it('pages my applications newest first, with their listings, filtered by status', async () => {
      const v = await createWorld(t.db, { applicants: 2, limits: { maxActiveListings: null } });
      const mine = [];
      for (let i = 0; i < 5; i++) {
        const listing = await activeListing(v, { title: `Job ${i}` });
        mine.push(await v.market.applications.apply(v.applicant(0), listing.id, {}));
        await v.market.applications.apply(v.applicant(1), listing.id, {});
      }
      await v.market.applications.withdraw(v.applicant(0), mine[1]!.id);
      const seen = [];
      let cursor: string | undefined;
      do {
        const page = await v.market.applications.listMine(v.applicant(0), { limit: 2, cursor });
        seen.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.map((a) => a.id)).toEqual(mine.map((a) => a.id).reverse());
      expect(seen.every((a) => a.applicantId === v.applicants[0])).toBe(true);
      expect(seen[0]!.listing).toMatchObject({ title: 'Job 4', accountId: v.accountId });
      const withdrawn = await v.market.applications.listMine(v.applicant(0), { status: 'WITHDRAWN' });
      expect(withdrawn.data.map((a) => a.id)).toEqual([mine[1]!.id]);
    });

    it('pages the applications to a listing for its account only', async () => {
      const v = await createWorld(t.db, { applicants: 5, limits: { maxActiveListings: null } });
      const listing = await activeListing(v);
      const apps = [];
      for (let i = 0; i < 5; i++) apps.push(await v.market.applications.apply(v.applicant(i), listing.id, {}));
      await v.market.applications.review(v.owner, apps[0]!.id, { action: 'review' });
      await v.market.applications.review(v.owner, apps[3]!.id, { action: 'review' });
      const first = await v.market.applications.listForListing(v.member, { listingId: listing.id }, { limit: 3 });
      const second = await v.market.applications.listForListing(v.member, { listingId: listing.id }, { limit: 3, cursor: first.nextCursor! });
      expect([...first.data, ...second.data].map((a) => a.id)).toEqual(apps.map((a) => a.id).reverse());
      expect(second.nextCursor).toBeNull();
      const reviewing = await v.market.applications.listForListing(v.owner, { listingId: listing.id, accountId: v.accountId }, { status: 'REVIEWING' });
      expect(reviewing.data.map((a) => a.id)).toEqual([apps[3]!.id, apps[0]!.id]);
      expect(await errorOf(v.market.applications.listForListing(v.otherOwner, { listingId: listing.id }, {}))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
      expect(await errorOf(v.market.applications.listForListing(v.applicant(0), { listingId: listing.id }, {}))).toMatchObject({ code: 'LISTING_NOT_FOUND' });
      expect(await errorOf(v.market.applications.listForListing(v.owner, { listingId: listing.id, accountId: v.otherAccountId }, {}))).toMatchObject({
        code: 'LISTING_NOT_FOUND',
      });
    });
  });
});

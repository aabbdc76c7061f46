import { beforeAll, describe, expect, it } from 'vitest';
import { findJob, runJobNow } from '../../src/modules/jobs';
import { type Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

/**
 * Reviews and public profiles over HTTP: completed work → both sides review → hidden
 * until both wrote (or the window closed) → revealed → ratings on profiles and listings →
 * one reply → reports → a moderator hides (audited). And the rules around it: the window,
 * once per side under parallel requests, strangers, other tenants, public fields.
 */
describeHttp('reviews and public profiles over HTTP', (t) => {
  let tenant: TestTenant;
  let provider: User;
  let client: User;
  let stranger: User;
  let owner: User;
  let applicant: User;
  let accountId: string;

  /** A booking of `resource` by `booker`, ended `endedAgo` ago, in `status`. */
  async function booking(resource: User, booker: User, endedAgo = '1 hour', status = 'COMPLETED', tenantId = tenant.id): Promise<string> {
    const [row] = await t.db.query<{ id: string }>(
      `insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone, status)
       values ($1, $2, $3, 'Session', 'APPOINTMENT', now() - $4::interval - interval '1 hour', now() - $4::interval, 'UTC', $5) returning id`,
      [tenantId, resource.id, booker.id, endedAgo, status],
    );
    return row!.id;
  }

  const review = (who: Client, body: Record<string, unknown>) => who.post('/api/v1/user/reviews', { stars: 5, body: 'Very good work', ...body });
  const reviewsOf = async (path: string) => {
    const res = await tenant.anon.get(`/api/v1/public/${path}/reviews`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as Record<string, any>[];
  };

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'reviews');
    [provider, client, stranger, owner, applicant] = (await Promise.all(
      ['provider', 'client', 'stranger', 'owner', 'applicant'].map((l) => signUp(tenant, l)),
    )) as [User, User, User, User, User];
    const created = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'studio',
      name: 'Studio',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    accountId = created.body.id;
  }, 120_000);

  it('completed booking → both review → revealed → rating → reply once → report → moderator hides (audited)', async () => {
    const bookingId = await booking(provider, client);

    const first = await review(client.client, { bookingId, stars: 4, body: 'Punctual and precise' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ authorSide: 'CLIENT', subjectUserId: provider.id, revealed: false, stars: 4 });
    // review.created: ids and stars, not the text (it stays private until revealed).
    const [created] = await t.db.query<{ type: string; payload: Record<string, unknown> }>(
      `select type, payload from events where tenant_id = $1 and resource_id = $2`,
      [tenant.id, first.body.id],
    );
    expect(created).toMatchObject({
      type: 'review.created',
      payload: { id: first.body.id, bookingId, authorId: client.id, subjectUserId: provider.id, stars: 4 },
    });
    expect(JSON.stringify(created)).not.toContain('Punctual');

    // Hidden until the other side has written: neither list nor rating shows it.
    expect(await reviewsOf(`users/${provider.id}`)).toEqual([]);
    expect((await tenant.anon.get(`/api/v1/public/users/${provider.id}`)).body.rating).toEqual({ count: 0, average: null });
    const mine = await client.client.get('/api/v1/user/reviews');
    expect(mine.body.data.map((r: { id: string; revealed: boolean }) => [r.id, r.revealed])).toEqual([[first.body.id, false]]);
    expect((await provider.client.get('/api/v1/user/reviews?as=subject')).body.data).toEqual([]);
    const replyTooEarly = await provider.client.post(`/api/v1/user/reviews/${first.body.id}/reply`, { body: 'Thanks' });
    expect(replyTooEarly.status).toBe(404);

    const second = await review(provider.client, { bookingId, stars: 2, body: 'Came late' });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ authorSide: 'PROVIDER', subjectUserId: client.id, revealed: true });

    const aboutProvider = await reviewsOf(`users/${provider.id}`);
    expect(aboutProvider).toHaveLength(1);
    expect(aboutProvider[0]).toMatchObject({ id: first.body.id, stars: 4, body: 'Punctual and precise', authorName: 'User client' });
    expect(aboutProvider[0]).not.toHaveProperty('hiddenAt');
    expect((await tenant.anon.get(`/api/v1/public/users/${provider.id}`)).body.rating).toEqual({ count: 1, average: 4 });
    expect((await tenant.anon.get(`/api/v1/public/users/${client.id}`)).body.rating).toEqual({ count: 1, average: 2 });

    expect((await provider.client.get('/api/v1/user/reviews?as=subject')).body.data.map((r: { id: string }) => r.id)).toEqual([first.body.id]);

    // Once per side.
    const again = await review(client.client, { bookingId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REVIEW_ALREADY_WRITTEN');

    // The reviewee replies once; the author cannot reply to their own review.
    expect((await client.client.post(`/api/v1/user/reviews/${first.body.id}/reply`, { body: 'Me too' })).status).toBe(403);
    const replied = await provider.client.post(`/api/v1/user/reviews/${first.body.id}/reply`, { body: 'Thank you!' });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect(replied.body.reply).toBe('Thank you!');
    const twice = await provider.client.post(`/api/v1/user/reviews/${first.body.id}/reply`, { body: 'Again' });
    expect(twice.body.code).toBe('REVIEW_ALREADY_REPLIED');
    expect((await reviewsOf(`users/${provider.id}`))[0]!.reply).toBe('Thank you!');

    // Reported once per person; the moderators' queue shows it.
    const report = await stranger.client.post(`/api/v1/user/reviews/${second.body.id}/report`, { reason: 'Insulting' });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    expect((await stranger.client.post(`/api/v1/user/reviews/${second.body.id}/report`, { reason: 'Still' })).body.code).toBe('REVIEW_ALREADY_REPORTED');
    const queue = await tenant.adminClient.get('/api/v1/tenant/reviews?reported=true&hidden=false');
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    expect(queue.body.data.map((r: { id: string }) => r.id)).toEqual([second.body.id]);
    expect(queue.body.data[0].reportCount).toBe(1);
    expect((await stranger.client.get('/api/v1/tenant/reviews')).status).toBe(403);
    expect((await stranger.client.post(`/api/v1/tenant/reviews/${second.body.id}/hide`, {})).status).toBe(403);

    const hidden = await tenant.adminClient.post(`/api/v1/tenant/reviews/${second.body.id}/hide`, { reason: 'Insulting language' });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    expect(hidden.body).toMatchObject({ hiddenReason: 'Insulting language' });
    expect(hidden.body.hiddenAt).not.toBeNull();
    expect(await reviewsOf(`users/${client.id}`)).toEqual([]);
    expect((await tenant.anon.get(`/api/v1/public/users/${client.id}`)).body.rating).toEqual({ count: 0, average: null });
    expect((await tenant.adminClient.get('/api/v1/tenant/reviews?hidden=true')).body.data.map((r: { id: string }) => r.id)).toEqual([second.body.id]);
    expect((await client.client.post(`/api/v1/user/reviews/${second.body.id}/reply`, { body: 'No' })).status).toBe(404);

    // Kept, and the hiding is in the audit trail.
    const [entry] = await t.db.query<Record<string, any>>(
      `select action, user_id, new_values from audit_logs where tenant_id = $1 and resource = 'reviews' and resource_id = $2 and new_values ? 'hidden_at' order by seq desc limit 1`,
      [tenant.id, second.body.id],
    );
    expect(entry).toMatchObject({ action: 'update', user_id: tenant.admin.id });
    expect(entry!.new_values.hidden_reason).toBe('Insulting language');
  });

  it('refuses work that is not done, after the window, and reveals a lone review when the window closes', async () => {
    const confirmed = await booking(provider, client, '1 hour', 'CONFIRMED');
    expect((await review(client.client, { bookingId: confirmed })).body.code).toBe('REVIEW_NOT_OPEN');
    const old = await booking(provider, client, '15 days');
    const late = await review(client.client, { bookingId: old });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REVIEW_WINDOW_CLOSED');

    const bookingId = await booking(provider, client, '2 hours');
    const lone = await review(client.client, { bookingId, stars: 1, body: 'Never again' });
    expect(lone.status).toBe(201);
    // Time passes: the window closes without the provider writing.
    await t.db.query(
      `update reviews set created_at = now() - interval '15 days', window_closes_at = now() - interval '1 day' where tenant_id = $1 and id = $2`,
      [tenant.id, lone.body.id],
    );
    expect((await reviewsOf(`users/${provider.id}`)).map((r) => r.id)).not.toContain(lone.body.id);
    const before = (await tenant.anon.get(`/api/v1/public/users/${provider.id}`)).body.rating;
    const outcome = await runJobNow(t.db, findJob('reviews.reveal')!, 'test');
    expect(outcome).toMatchObject({ status: 'succeeded' });
    expect((await reviewsOf(`users/${provider.id}`)).map((r) => r.id)).toContain(lone.body.id);
    const after = (await tenant.anon.get(`/api/v1/public/users/${provider.id}`)).body.rating;
    expect(after.count).toBe(before.count + 1);
    // …and the other side can no longer write.
    await t.db.query(
      `update bookings set end_time = now() - interval '15 days', start_time = now() - interval '15 days 1 hour' where tenant_id = $1 and id = $2`,
      [tenant.id, bookingId],
    );
    expect((await review(provider.client, { bookingId })).body.code).toBe('REVIEW_WINDOW_CLOSED');
  });

  it('takes one review per side under parallel requests, and reveals when both sides write at once', async () => {
    const bookingId = await booking(provider, client);
    const same = await Promise.all([review(client.client, { bookingId }), review(client.client, { bookingId })]);
    expect(same.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(same.find((r) => r.status === 409)!.body.code).toBe('REVIEW_ALREADY_WRITTEN');

    const other = await booking(provider, client);
    const both = await Promise.all([review(client.client, { bookingId: other }), review(provider.client, { bookingId: other })]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const ids = both.map((r) => r.body.id as string);
    const revealed = await t.db.query<{ n: number }>(
      `select count(*)::int as n from reviews where tenant_id = $1 and booking_id = $2 and revealed_at is not null`,
      [tenant.id, other],
    );
    expect(revealed[0]!.n).toBe(2);
    expect((await reviewsOf(`users/${provider.id}`)).map((r) => r.id)).toContain(ids[0]);
  });

  it('counts every one of many concurrent reviews of one person (additive summary updates)', async () => {
    const rating = async (who: User) => (await tenant.anon.get(`/api/v1/public/users/${who.id}`)).body.rating as { count: number; average: number | null };
    const before = await Promise.all([rating(provider), rating(client)]);
    const bookings = await Promise.all([1, 2, 3, 4].map(() => booking(provider, client)));
    const written = await Promise.all(
      bookings.flatMap((bookingId) => [review(client.client, { bookingId, stars: 5 }), review(provider.client, { bookingId, stars: 3 })]),
    );
    expect(written.map((r) => r.status)).toEqual(Array(8).fill(201));
    const after = await Promise.all([rating(provider), rating(client)]);
    expect(after[0]!.count).toBe(before[0]!.count + 4);
    expect(after[1]!.count).toBe(before[1]!.count + 4);
    const [sums] = await t.db.query<{ n: number; s: number }>(
      `select count(*)::int as n, coalesce(sum(stars), 0)::int as s from reviews where tenant_id = $1 and subject_user_id = $2 and revealed_at is not null and hidden_at is null`,
      [tenant.id, provider.id],
    );
    expect(after[0]).toEqual({ count: sums!.n, average: Math.round((sums!.s * 100) / sums!.n) / 100 });
  });

  it('lets no stranger and no other tenant review or read', async () => {
    const bookingId = await booking(provider, client);
    const stray = await review(stranger.client, { bookingId });
    expect(stray.status).toBe(404);
    expect(stray.body.code).toBe('BOOKING_NOT_FOUND');

    const elsewhere = await createTestTenant(t.app, 'elsewhere');
    const outsider = await signUp(elsewhere, 'outsider');
    expect((await outsider.client.post('/api/v1/user/reviews', { bookingId, stars: 5, body: 'Hi' })).status).toBe(404);
    expect((await elsewhere.anon.get(`/api/v1/public/users/${provider.id}`)).status).toBe(404);
    expect((await elsewhere.anon.get(`/api/v1/public/users/${provider.id}/reviews`)).status).toBe(404);
    expect((await elsewhere.anon.get(`/api/v1/public/accounts/${accountId}`)).status).toBe(404);
    const mine = await review(client.client, { bookingId });
    expect(mine.status).toBe(201);
    expect((await outsider.client.post(`/api/v1/user/reviews/${mine.body.id}/report`, { reason: 'x' })).status).toBe(404);
    expect((await elsewhere.adminClient.post(`/api/v1/tenant/reviews/${mine.body.id}/hide`, {})).status).toBe(404);
    expect((await elsewhere.adminClient.get('/api/v1/tenant/reviews')).body.data).toEqual([]);
  });

  it('shows only the fields a person made public; the account sees its applicant’s card', async () => {
    const changed = await applicant.client.patch('/api/v1/user/profile', { title: 'Runway model', bio: 'Ten years on stage', phone: '+43 1 234 5678' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const bare = (await tenant.anon.get(`/api/v1/public/users/${applicant.id}`)).body;
    expect(bare).toMatchObject({ id: applicant.id, displayName: 'User applicant', rating: { count: 0, average: null }, listings: [] });
    for (const field of ['headline', 'bio', 'phone', 'email']) expect(bare).not.toHaveProperty(field);

    const chosen = await applicant.client.put('/api/v1/user/profile/public-fields', { fields: ['bio'] });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body.fields).toEqual(['bio']);
    expect((await applicant.client.get('/api/v1/user/profile/public-fields')).body).toEqual({ fields: ['bio'] });
    expect((await applicant.client.put('/api/v1/user/profile/public-fields', { fields: ['password'] })).status).toBe(400);
    const shown = (await tenant.anon.get(`/api/v1/public/users/${applicant.id}`)).body;
    expect(shown.bio).toBe('Ten years on stage');
    for (const field of ['headline', 'phone', 'email']) expect(shown).not.toHaveProperty(field);

    // The application flow: the account sees its applicant's card (headline too, never the phone).
    const listing = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
      type: 'GIG',
      title: 'Runway model for the spring show',
      description: 'Two fittings and one show.',
      price: '1500.00',
      priceType: 'FIXED',
      currency: 'EUR',
    });
    expect(listing.status, JSON.stringify(listing.body)).toBe(201);
    const listingId = listing.body.id as string;
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${listingId}/transition`, { action: 'publish' })).status).toBe(200);
    const applied = await applicant.client.post('/api/v1/user/applications', { listingId });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const applicationId = applied.body.id as string;
    const card = await owner.client.get(`/api/v1/account/${accountId}/applications/${applicationId}/applicant`);
    expect(card.status, JSON.stringify(card.body)).toBe(200);
    expect(card.body).toMatchObject({ id: applicant.id, displayName: 'User applicant', headline: 'Runway model', bio: 'Ten years on stage' });
    expect(card.body).not.toHaveProperty('phone');
    expect((await stranger.client.get(`/api/v1/account/${accountId}/applications/${applicationId}/applicant`)).status).toBe(403);

    const publicAccount = (await tenant.anon.get(`/api/v1/public/accounts/${accountId}`)).body;
    expect(publicAccount).toMatchObject({ id: accountId, name: 'Studio', rating: { count: 0, average: null } });
    expect(publicAccount.listings.map((l: { id: string }) => l.id)).toEqual([listingId]);

    // Accepted, but the work is not over yet.
    for (const action of ['review', 'accept']) {
      expect((await owner.client.post(`/api/v1/account/${accountId}/applications/${applicationId}/review`, { action })).status).toBe(200);
    }
    expect((await review(applicant.client, { applicationId })).body.code).toBe('REVIEW_NOT_OPEN');
    await t.db.query(`update listings set start_date = now() - interval '3 days', end_date = now() - interval '1 day' where tenant_id = $1 and id = $2`, [
      tenant.id,
      listingId,
    ]);
    expect((await review(stranger.client, { applicationId })).body.code).toBe('APPLICATION_NOT_FOUND');
    const ofAccount = await review(applicant.client, { applicationId, stars: 5, body: 'Great studio' });
    expect(ofAccount.status, JSON.stringify(ofAccount.body)).toBe(201);
    expect(ofAccount.body).toMatchObject({ authorSide: 'APPLICANT', subjectAccountId: accountId, listingId, revealed: false });
    const ofApplicant = await review(owner.client, { applicationId, stars: 3, body: 'Fine' });
    expect(ofApplicant.status, JSON.stringify(ofApplicant.body)).toBe(201);
    expect(ofApplicant.body).toMatchObject({ authorSide: 'ACCOUNT', subjectUserId: applicant.id, revealed: true });

    expect((await tenant.anon.get(`/api/v1/public/accounts/${accountId}`)).body.rating).toEqual({ count: 1, average: 5 });
    expect((await reviewsOf(`listings/${listingId}`)).map((r) => r.id)).toEqual([ofAccount.body.id]);
    expect((await reviewsOf(`accounts/${accountId}`))[0]).toMatchObject({ authorName: 'User applicant', stars: 5 });
    expect((await reviewsOf(`users/${applicant.id}`))[0]).toMatchObject({ authorName: 'Studio', authorAccountId: accountId, stars: 3 });
    expect((await owner.client.get(`/api/v1/account/${accountId}/applications/${applicationId}/applicant`)).body.rating).toEqual({ count: 1, average: 3 });
    // The account replies to the review of it.
    expect((await owner.client.post(`/api/v1/user/reviews/${ofAccount.body.id}/reply`, { body: 'Thanks, come again' })).status).toBe(200);
  });

  describe('public lists', () => {
    it('answer 404 for what does not exist', async () => {
      const nobody = crypto.randomUUID();
      expect((await tenant.anon.get(`/api/v1/public/users/${nobody}`)).body.code).toBe('USER_NOT_FOUND');
      expect((await tenant.anon.get(`/api/v1/public/accounts/${nobody}/reviews`)).body.code).toBe('ACCOUNT_NOT_FOUND');
      expect((await tenant.anon.get(`/api/v1/public/listings/${nobody}/reviews`)).body.code).toBe('LISTING_NOT_FOUND');
      expect((await tenant.anon.get(`/api/v1/public/users/${provider.id}/reviews?cursor=bad`)).body.code).toBe('INVALID_CURSOR');
    });
  });
});

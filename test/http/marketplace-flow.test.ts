import { beforeAll, expect, it } from 'vitest';
import { createTestTenant, describeHttp, signUp, type TestTenant, uploadFile } from '../helpers/http';
import { makeImage } from '../media/fixtures';

/**
 * The marketplace as one flow, through HTTP on both engines (issue 16, "Done when"): a
 * provider publishes a bookable listing with images, a category and custom fields; a
 * client finds it by category, field filter and date, looks at the provider's public
 * profile, books with an answer to a question, reschedules; the booking completes, both
 * review, the ratings appear on profile and listing; a report leads a moderator to hide
 * a review.
 */
type User = Awaited<ReturnType<typeof signUp>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight UTC `n` days from today, plus `hours`, as ISO. */
const at = (n: number, hours = 0) => new Date(Math.floor(Date.now() / DAY) * DAY + n * DAY + hours * HOUR).toISOString();

describeHttp('the marketplace flow', (t) => {
  let tenant: TestTenant;
  let provider: User;
  let colleague: User;
  let client: User;
  let stranger: User;
  let accountId: string;
  let fashion: string;
  let runway: string;
  const account = (path = '') => `/api/v1/account/${accountId}${path}`;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'flow');
    [provider, colleague, client, stranger] = (await Promise.all(['provider', 'colleague', 'client', 'stranger'].map((l) => signUp(tenant, l)))) as [
      User,
      User,
      User,
      User,
    ];
    const created = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'studio',
      name: 'Studio',
      type: 'AGENCY',
      ownerId: provider.id,
      plan: 'pro',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    accountId = created.body.id;
    expect((await tenant.adminClient.post(`/api/v1/tenant/accounts/${accountId}/members`, { userId: colleague.id, role: 'member' })).status).toBe(201);
  }, 120_000);

  it('walks from a listing to a hidden review', async () => {
    // The operator defines the fields and the category tree.
    const fields = await tenant.adminClient.put('/api/v1/tenant/listing-fields', {
      fields: [
        { key: 'size', label: 'Studio size', kind: 'enum', listingTypes: ['SERVICE'], options: ['S', 'M', 'L'], required: true },
        { key: 'height', label: 'Ceiling height in m', kind: 'number', listingTypes: ['SERVICE'] },
        { key: 'cost_note', label: 'Cost note', kind: 'text', listingTypes: ['SERVICE'], public: false },
      ],
    });
    expect(fields.status, JSON.stringify(fields.body)).toBe(200);
    expect((await client.client.put('/api/v1/tenant/listing-fields', { fields: [] })).status).toBe(403);
    expect((await tenant.anon.get('/api/v1/public/listing-fields')).body.data.map((f: { key: string }) => f.key)).toEqual(['size', 'height']);
    fashion = (await tenant.adminClient.post('/api/v1/tenant/categories', { name: 'Fashion' })).body.id;
    runway = (await tenant.adminClient.post('/api/v1/tenant/categories', { name: 'Runway', parentId: fashion })).body.id;
    expect(runway).toEqual(expect.any(String));

    // The provider is available every day; publishes a bookable listing with an image, a category and fields.
    expect(
      (
        await provider.client.put('/api/v1/user/availability/weekly', {
          timezone: 'UTC',
          windows: [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, start: '08:00', end: '18:00' })),
        })
      ).status,
    ).toBe(200);
    const image = await uploadFile(provider.client, account('/media'), await makeImage({ width: 800, height: 600, seed: 7 }), 'studio.jpg');
    const body = {
      type: 'SERVICE',
      title: 'Runway coaching in the studio',
      description: 'One hour of walk training.',
      price: '90.00',
      priceType: 'FIXED',
      currency: 'EUR',
      categoryId: runway,
      customFields: { size: 'M', height: 4.5, cost_note: 'room rent 20' },
    };
    const invalid = await provider.client.post(account('/listings'), { ...body, customFields: { size: 'XL', height: 'high' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('INVALID_LISTING_FIELDS');
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['customFields.height', 'customFields.size']);
    const draft = await provider.client.post(account('/listings'), body);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const listingId = draft.body.id as string;
    expect(draft.body.privateFields).toEqual({ cost_note: 'room rent 20' });
    expect((await provider.client.put(account(`/listings/${listingId}/images`), { mediaIds: [image.id] })).status).toBe(200);
    expect((await provider.client.post(account(`/listings/${listingId}/transition`), { action: 'publish' })).status).toBe(200);
    const booking = await provider.client.put(account(`/listings/${listingId}/booking`), {
      providers: [provider.id],
      durations: [60],
      minimumNotice: 60,
      windowDays: 30,
      questions: [{ id: 'goal', text: 'What is it for?', required: true }],
    });
    expect(booking.status, JSON.stringify(booking.body)).toBe(200);

    // A look-alike listing whose provider (the colleague) has no availability at all.
    const other = await provider.client.post(account('/listings'), { ...body, title: 'Runway coaching with the colleague' });
    await provider.client.post(account(`/listings/${other.body.id}/transition`), { action: 'publish' });
    expect((await provider.client.put(account(`/listings/${other.body.id}/booking`), { providers: [colleague.id], durations: [60] })).status).toBe(200);

    // The client finds it by category (the parent's tree), field filter and date, with facets.
    const search = (query: string) => tenant.anon.get(`/api/v1/public/listings?${query}`);
    const found = await search(
      `category=${fashion}&field.size=M,L&field.height=4..5&availableFrom=${at(3)}&availableTo=${at(5)}&facets=category,type,field.size`,
    );
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.data.map((l: { id: string }) => l.id)).toEqual([listingId]);
    const [hit] = found.body.data;
    expect(hit).toMatchObject({ categoryId: runway, customFields: { size: 'M', height: 4.5 }, coverImage: { mediaId: image.id } });
    expect(hit).not.toHaveProperty('privateFields');
    expect(JSON.stringify(found.body)).not.toContain('room rent');
    expect(found.body.facets).toEqual({
      category: expect.arrayContaining([
        { value: fashion, label: 'Fashion', count: 1 },
        { value: runway, label: 'Runway', count: 1 },
      ]),
      type: [{ value: 'SERVICE', count: 1 }],
      'field.size': [{ value: 'M', count: 1 }],
    });
    expect((await search(`category=${fashion}`)).body.data).toHaveLength(2);
    expect((await search('field.size=S')).body.data).toEqual([]);
    // A holiday of the provider: not available then.
    expect((await provider.client.post('/api/v1/user/availability/blocks', { start: at(20), end: at(24), reason: 'Holiday' })).status).toBe(201);
    expect((await search(`availableFrom=${at(21)}&availableTo=${at(23)}`)).body.data).toEqual([]);
    expect((await search(`availableFrom=${at(21)}&availableTo=${at(25)}`)).body.data.map((l: { id: string }) => l.id)).toEqual([listingId]);
    expect((await search(`availableFrom=${at(3)}`)).status).toBe(400);

    // The provider's public profile, the listing's page.
    const profile = await tenant.anon.get(`/api/v1/public/users/${provider.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ id: provider.id, displayName: 'User provider', rating: { count: 0, average: null } });
    const page = await tenant.anon.get(`/api/v1/public/listings/${listingId}`);
    expect(page.body).toMatchObject({ images: [{ mediaId: image.id }], booking: { durations: [60] }, customFields: { size: 'M', height: 4.5 } });

    // Book with an answer, reschedule, confirm; time passes; start and complete.
    const made = await client.client.post(`/api/v1/user/listings/${listingId}/bookings`, { start: at(4, 10), answers: { goal: 'A show in May' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const bookingId = made.body.id as string;
    // At most one booking a day: day 4 is taken, so a search for it finds nothing, as its slots offer nothing.
    const rules = {
      providers: [provider.id],
      durations: [60],
      minimumNotice: 60,
      windowDays: 30,
      questions: [{ id: 'goal', text: 'What is it for?', required: true }],
    };
    const limited = await provider.client.put(account(`/listings/${listingId}/booking`), { ...rules, dailyLimit: 1 });
    expect(limited.status, JSON.stringify(limited.body)).toBe(200);
    expect((await search(`availableFrom=${at(4)}&availableTo=${at(5)}`)).body.data).toEqual([]);
    expect((await search(`availableFrom=${at(4)}&availableTo=${at(6)}`)).body.data.map((l: { id: string }) => l.id)).toEqual([listingId]);
    expect((await provider.client.put(account(`/listings/${listingId}/booking`), { ...rules, weeklyLimit: 1 })).status).toBe(200);
    // One a week: the rest of that week is taken too, the next week is free.
    const weekOf = (n: number) => Math.floor((Math.floor(Date.now() / DAY) + n + 3) / 7); // Monday-based week number (1970-01-01 was a Thursday)
    const sameWeek = [5, 6, 7, 8, 9, 10].find((n) => weekOf(n) === weekOf(4));
    if (sameWeek !== undefined) expect((await search(`availableFrom=${at(sameWeek)}&availableTo=${at(sameWeek + 1)}`)).body.data).toEqual([]);
    const nextWeek = [5, 6, 7, 8, 9, 10, 11].find((n) => weekOf(n) === weekOf(4) + 1)!;
    expect((await search(`availableFrom=${at(nextWeek)}&availableTo=${at(nextWeek + 1)}`)).body.data.map((l: { id: string }) => l.id)).toEqual([listingId]);
    expect((await provider.client.put(account(`/listings/${listingId}/booking`), rules)).status).toBe(200);
    const moved = await client.client.post(`/api/v1/user/bookings/${bookingId}/reschedule`, { start: at(4, 12) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.start).toBe(at(4, 12));
    expect((await provider.client.post(`/api/v1/user/bookings/${bookingId}/confirm`)).body.status).toBe('CONFIRMED');
    await t.db.query(`update bookings set start_time = now() - interval '2 hours', end_time = now() - interval '1 hour' where tenant_id = $1 and id = $2`, [
      tenant.id,
      bookingId,
    ]);
    expect((await provider.client.post(`/api/v1/user/bookings/${bookingId}/start`)).body.status).toBe('IN_PROGRESS');
    const completed = await provider.client.post(`/api/v1/user/bookings/${bookingId}/complete`);
    expect(completed.body.status, JSON.stringify(completed.body)).toBe('COMPLETED');

    // Both review; the ratings show on the profile and the listing.
    const byClient = await client.client.post('/api/v1/user/reviews', { bookingId, stars: 5, body: 'Best coaching ever' });
    expect(byClient.status, JSON.stringify(byClient.body)).toBe(201);
    expect(byClient.body).toMatchObject({ listingId, revealed: false });
    const byProvider = await provider.client.post('/api/v1/user/reviews', { bookingId, stars: 4, body: 'Well prepared' });
    expect(byProvider.body).toMatchObject({ revealed: true });
    expect((await tenant.anon.get(`/api/v1/public/users/${provider.id}`)).body.rating).toEqual({ count: 1, average: 5 });
    expect((await tenant.anon.get(`/api/v1/public/users/${client.id}`)).body.rating).toEqual({ count: 1, average: 4 });
    const listingReviews = await tenant.anon.get(`/api/v1/public/listings/${listingId}/reviews`);
    expect(listingReviews.body.data.map((r: { id: string }) => r.id)).toEqual([byClient.body.id]);
    const [summary] = await t.db.query<{ count: number }>(
      `select review_count as count from rating_summaries where tenant_id = $1 and subject_kind = 'LISTING' and subject_id = $2`,
      [tenant.id, listingId],
    );
    expect(Number(summary?.count)).toBe(1);

    // A report; the moderator hides the review: gone from profile and listing.
    const report = await stranger.client.post('/api/v1/user/reports', { targetType: 'REVIEW', targetId: byClient.body.id, reason: 'FRAUD', text: 'Fake' });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const queue = await tenant.adminClient.get('/api/v1/tenant/reports?status=OPEN&targetType=REVIEW');
    expect(queue.body.data.map((r: { id: string }) => r.id)).toEqual([report.body.id]);
    const resolved = await tenant.adminClient.post(`/api/v1/tenant/reports/${report.body.id}/resolve`, { note: 'Not a real client', hideTarget: true });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', targetHidden: true });
    expect((await tenant.anon.get(`/api/v1/public/users/${provider.id}`)).body.rating).toEqual({ count: 0, average: null });
    expect((await tenant.anon.get(`/api/v1/public/listings/${listingId}/reviews`)).body.data).toEqual([]);
  }, 120_000);
});

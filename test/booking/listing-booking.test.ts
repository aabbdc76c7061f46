import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight UTC `n` days from today, plus `hours`, as ISO. The providers are available around the clock (UTC). */
const at = (n: number, hours = 0) => new Date(Math.floor(Date.now() / DAY) * DAY + n * DAY + hours * HOUR).toISOString();

const serviceBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'SERVICE',
  title: 'Portrait session',
  description: 'An hour in the studio.',
  price: '120.00',
  priceType: 'FIXED',
  currency: 'EUR',
  ...overrides,
});

const questions = [
  { id: 'goal', text: 'What are the pictures for?', required: true },
  { id: 'notes', text: 'Anything else?', required: false },
];

describeHttp('booking a listing over HTTP', (t) => {
  let tenant: TestTenant;
  let owner: User;
  let ann: User;
  let bob: User;
  let outsider: User;
  let clients: User[];
  let accountId: string;
  const account = (path = '') => `/api/v1/account/${accountId}${path}`;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'booklist');
    const people = await Promise.all(['owner', 'ann', 'bob', 'outsider', 'c1', 'c2', 'c3', 'c4', 'c5'].map((l) => signUp(tenant, l)));
    [owner, ann, bob, outsider] = people as [User, User, User, User];
    clients = people.slice(4);
    const created = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'studio',
      name: 'Studio',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    expect(created.status).toBe(201);
    accountId = created.body.id;
    for (const provider of [ann, bob]) {
      expect((await tenant.adminClient.post(`/api/v1/tenant/accounts/${accountId}/members`, { userId: provider.id, role: 'member' })).status).toBe(201);
      const weekly = await provider.client.put('/api/v1/user/availability/weekly', {
        timezone: 'UTC',
        windows: [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, start: '00:00', end: '24:00' })),
      });
      expect(weekly.status).toBe(200);
    }
  }, 120_000);

  /** A published listing of the studio, made bookable with `booking` (merged over sensible defaults). */
  async function bookable(booking: Record<string, unknown> = {}, listing: Record<string, unknown> = {}): Promise<string> {
    const draft = await owner.client.post(account('/listings'), serviceBody(listing));
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;
    expect((await owner.client.post(account(`/listings/${id}/transition`), { action: 'publish' })).status).toBe(200);
    const set = await owner.client.put(account(`/listings/${id}/booking`), {
      providers: [ann.id, bob.id],
      durations: [60, 30],
      minimumNotice: 120,
      windowDays: 30,
      questions,
      ...booking,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    return id;
  }

  const book = (who: Client, listingId: string, body: Record<string, unknown>) =>
    who.post(`/api/v1/user/listings/${listingId}/bookings`, { answers: { goal: 'Portfolio' }, ...body });
  const problem = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.code });

  describe('setting a listing up', () => {
    it('is set by the listing’s account and shown on the listing', async () => {
      const id = await bookable({ bufferAfter: 15, dailyLimit: 4, instant: true });
      const shown = await tenant.anon.get(`/api/v1/public/listings/${id}`);
      expect(shown.status).toBe(200);
      expect(shown.body.booking).toMatchObject({
        listingId: id,
        providers: [ann.id, bob.id].sort(),
        durations: [60, 30],
        bufferBefore: 0,
        bufferAfter: 15,
        minimumNotice: 120,
        windowDays: 30,
        dailyLimit: 4,
        weeklyLimit: null,
        questions,
        instant: true,
      });
      const own = await owner.client.get(account(`/listings/${id}`));
      expect(own.body.booking.instant).toBe(true);
    });

    it('takes only members of the account as providers, and only from those who edit its listings', async () => {
      const id = await bookable();
      const stranger = await owner.client.put(account(`/listings/${id}/booking`), { providers: [outsider.id], durations: [60] });
      expect(problem(stranger)).toEqual({ status: 422, code: 'UNKNOWN_PROVIDER' });
      expect(stranger.body.errors).toEqual([expect.objectContaining({ path: 'providers.0' })]);
      const byOutsider = await outsider.client.put(account(`/listings/${id}/booking`), { providers: [ann.id], durations: [60] });
      expect([403, 404]).toContain(byOutsider.status);
      const repeated = await owner.client.put(account(`/listings/${id}/booking`), { providers: [ann.id], durations: [60, 60] });
      expect(problem(repeated)).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });

    it('makes GIG listings bookable only where the tenant allows it', async () => {
      const draft = await owner.client.post(account('/listings'), serviceBody({ type: 'GIG' }));
      const put = () => owner.client.put(account(`/listings/${draft.body.id}/booking`), { providers: [ann.id], durations: [60] });
      expect(problem(await put())).toEqual({ status: 422, code: 'LISTING_TYPE_NOT_BOOKABLE' });
      const typo = await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: { booking: { bookableTypes: ['GIGS'] } } });
      expect(typo.status).toBe(400);
      expect((await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: { booking: { bookableTypes: ['GIG'] } } })).status).toBe(200);
      expect((await put()).status).toBe(200);
      expect((await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: {} })).status).toBe(200);
    });
  });

  describe('slots', () => {
    it('lists every provider’s free slots, inside notice and window, for an anonymous visitor', async () => {
      const id = await bookable();
      const res = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(3)}&to=${at(4)}&timezone=Europe/Vienna`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ listingId: id, duration: 60, timezone: 'Europe/Vienna' });
      expect(res.body.slots).toHaveLength(24);
      expect(res.body.slots[0]).toMatchObject({ start: at(3), end: at(3, 1), providerIds: [ann.id, bob.id].sort() });
      const half = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(3)}&to=${at(4)}&duration=30`);
      expect(half.body.slots).toHaveLength(48);
      expect(problem(await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(3)}&to=${at(4)}&duration=45`))).toEqual({
        status: 400,
        code: 'INVALID_DURATION',
      });
      const soon = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(0)}&to=${at(1)}&providerId=${ann.id}`);
      for (const slot of soon.body.slots) expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(Date.now() + 2 * HOUR - 60_000);
      const far = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(29)}&to=${at(33)}`);
      for (const slot of far.body.slots) expect(Date.parse(slot.start)).toBeLessThanOrEqual(Date.now() + 30 * DAY);
      expect(far.body.slots.length).toBeGreaterThan(0);
    });
  });

  describe('booking', () => {
    it('books with answers, PENDING until confirmed, and the slot is gone for that provider', async () => {
      const id = await bookable();
      const missing = await book(clients[0]!.client, id, { start: at(4, 10), answers: { notes: 'none' } });
      expect(problem(missing)).toEqual({ status: 422, code: 'INVALID_ANSWERS' });
      expect(missing.body.errors).toEqual([{ path: 'answers.goal', message: 'is required' }]);
      const unknown = await book(clients[0]!.client, id, { start: at(4, 10), answers: { goal: 'x', colour: 'red' } });
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'answers.colour' })]);

      const made = await book(clients[0]!.client, id, { start: at(4, 10), providerId: ann.id, answers: { goal: 'Portfolio', notes: 'Bring a hat' } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body).toMatchObject({
        listingId: id,
        resourceId: ann.id,
        clientId: clients[0]!.id,
        status: 'PENDING',
        start: at(4, 10),
        end: at(4, 11),
        answers: { goal: 'Portfolio', notes: 'Bring a hat' },
        title: 'Portrait session',
        type: 'SERVICE',
      });
      const slots = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(4, 10)}&to=${at(4, 11)}`);
      expect(slots.body.slots).toEqual([expect.objectContaining({ start: at(4, 10), providerIds: [bob.id] })]);
      // Without a provider named, the one still free takes it; with both taken, the slot is refused.
      const other = await book(clients[1]!.client, id, { start: at(4, 10) });
      expect(other.status).toBe(201);
      expect(other.body.resourceId).toBe(bob.id);
      expect(problem(await book(clients[2]!.client, id, { start: at(4, 10) }))).toEqual({ status: 409, code: 'BOOKING_SLOT_TAKEN' });
      const mine = await ann.client.get('/api/v1/user/bookings?role=resource');
      expect(mine.body.data.map((b: { id: string }) => b.id)).toContain(made.body.id);
    });

    it('confirms at once when the listing is instant', async () => {
      const id = await bookable({ instant: true, questions: [] });
      const made = await clients[0]!.client.post(`/api/v1/user/listings/${id}/bookings`, { start: at(5, 9), duration: 30 });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body).toMatchObject({ status: 'CONFIRMED', end: at(5, 9.5), answers: {} });
      expect(made.body.confirmedAt).toEqual(expect.any(String));
    });

    it('refuses starts in the past, sooner than the notice, or beyond the window', async () => {
      const id = await bookable();
      const hourAhead = new Date(Math.ceil((Date.now() + HOUR) / HOUR) * HOUR).toISOString();
      const cases: [string, number, string][] = [
        [at(-1, 10), 422, 'BOOKING_IN_PAST'],
        [hourAhead, 422, 'BOOKING_NOTICE_TOO_SHORT'],
        [at(31, 10), 422, 'BOOKING_OUTSIDE_WINDOW'],
      ];
      for (const [start, status, code] of cases) expect(problem(await book(clients[0]!.client, id, { start }))).toEqual({ status, code });
      expect(problem(await book(ann.client, id, { start: at(6, 10), providerId: ann.id }))).toEqual({ status: 422, code: 'BOOKING_SELF' });
      expect(problem(await book(clients[0]!.client, id, { start: at(6, 10), providerId: outsider.id }))).toEqual({ status: 422, code: 'UNKNOWN_PROVIDER' });
    });

    it('keeps the buffer free between two bookings of a provider', async () => {
      const id = await bookable({ providers: [ann.id], bufferAfter: 30 });
      expect((await book(clients[0]!.client, id, { start: at(7, 10) })).status).toBe(201);
      expect(problem(await book(clients[1]!.client, id, { start: at(7, 11) }))).toEqual({ status: 409, code: 'BOOKING_BUFFER_CONFLICT' });
      expect(problem(await book(clients[1]!.client, id, { start: at(7, 9) }))).toEqual({ status: 409, code: 'BOOKING_BUFFER_CONFLICT' });
      expect((await book(clients[1]!.client, id, { start: at(7, 11.5) })).status).toBe(201);
      const slots = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(7, 8)}&to=${at(7, 14)}`);
      expect(slots.body.slots.map((s: { start: string }) => s.start)).toEqual([at(7, 8), at(7, 13)]);
    });

    it('lets exactly as many parallel bookings through as the daily limit allows', async () => {
      const id = await bookable({ providers: [bob.id], dailyLimit: 2, instant: true, questions: [] });
      const results = await Promise.all(clients.map((c, i) => book(c.client, id, { start: at(8, 8 + 2 * i), answers: {} })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(2);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'BOOKING_LIMIT_REACHED')).toHaveLength(3);
      const slots = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(8)}&to=${at(9)}`);
      expect(slots.body.slots).toEqual([]);
      const nextDay = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(9)}&to=${at(10)}`);
      expect(nextDay.body.slots).toHaveLength(24);
    });

    it('counts the week from Monday for the weekly limit', async () => {
      const id = await bookable({ providers: [ann.id], weeklyLimit: 3, instant: true, questions: [] });
      let monday = 17;
      while (new Date(at(monday)).getUTCDay() !== 1) monday++;
      for (const day of [0, 1, 2]) expect((await book(clients[day]!.client, id, { start: at(monday + day, 10), answers: {} })).status).toBe(201);
      expect(problem(await book(clients[3]!.client, id, { start: at(monday + 6, 10), answers: {} }))).toEqual({ status: 409, code: 'BOOKING_LIMIT_REACHED' });
      expect((await book(clients[3]!.client, id, { start: at(monday + 7, 10), answers: {} })).status).toBe(201);
      const week = await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(monday + 3)}&to=${at(monday + 4)}`);
      expect(week.body.slots).toEqual([]);
    });

    it('refuses a paused listing, a listing without booking settings and a suspended account’s listing', async () => {
      const id = await bookable();
      expect((await owner.client.post(account(`/listings/${id}/transition`), { action: 'pause' })).status).toBe(200);
      expect(problem(await book(clients[0]!.client, id, { start: at(10, 10) }))).toEqual({ status: 409, code: 'LISTING_UNAVAILABLE' });
      expect(problem(await tenant.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(10)}&to=${at(11)}`))).toEqual({
        status: 409,
        code: 'LISTING_UNAVAILABLE',
      });
      const plain = await owner.client.post(account('/listings'), serviceBody());
      await owner.client.post(account(`/listings/${plain.body.id}/transition`), { action: 'publish' });
      expect(problem(await book(clients[0]!.client, plain.body.id, { start: at(10, 10) }))).toEqual({ status: 409, code: 'LISTING_NOT_BOOKABLE' });

      const other = await tenant.adminClient.post('/api/v1/tenant/accounts', {
        identifier: 'other-studio',
        name: 'Other',
        type: 'AGENCY',
        ownerId: outsider.id,
        plan: 'pro',
      });
      const draft = await outsider.client.post(`/api/v1/account/${other.body.id}/listings`, serviceBody());
      await outsider.client.post(`/api/v1/account/${other.body.id}/listings/${draft.body.id}/transition`, { action: 'publish' });
      expect(
        (await outsider.client.put(`/api/v1/account/${other.body.id}/listings/${draft.body.id}/booking`, { providers: [outsider.id], durations: [60] })).status,
      ).toBe(200);
      expect((await tenant.adminClient.patch(`/api/v1/tenant/accounts/${other.body.id}`, { status: 'SUSPENDED' })).status).toBe(200);
      const refused = await book(clients[0]!.client, draft.body.id, { start: at(10, 10) });
      expect(problem(refused)).toEqual({ status: 409, code: 'LISTING_UNAVAILABLE' });
      expect(refused.body.detail).toMatch(/suspended/);
    });
  });

  describe('reschedule and transitions', () => {
    it('moves a booking under the same rules; a client’s move waits for confirmation again', async () => {
      const id = await bookable({ providers: [ann.id] });
      const made = await book(clients[3]!.client, id, { start: at(12, 10) });
      const blocker = await book(clients[4]!.client, id, { start: at(12, 14) });
      expect((await ann.client.post(`/api/v1/user/bookings/${made.body.id}/confirm`)).body.status).toBe('CONFIRMED');

      const moved = await clients[3]!.client.post(`/api/v1/user/bookings/${made.body.id}/reschedule`, { start: at(12, 12) });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body).toMatchObject({ id: made.body.id, start: at(12, 12), end: at(12, 13), status: 'PENDING' });

      const clash = await clients[3]!.client.post(`/api/v1/user/bookings/${made.body.id}/reschedule`, { start: at(12, 14) });
      expect(problem(clash)).toEqual({ status: 409, code: 'BOOKING_SLOT_TAKEN' });
      const soon = await clients[3]!.client.post(`/api/v1/user/bookings/${made.body.id}/reschedule`, { start: at(-1, 10) });
      expect(problem(soon)).toEqual({ status: 422, code: 'BOOKING_IN_PAST' });
      const odd = await clients[3]!.client.post(`/api/v1/user/bookings/${made.body.id}/reschedule`, { start: at(12, 16), duration: 45 });
      expect(problem(odd)).toEqual({ status: 400, code: 'INVALID_DURATION' });
      const stranger = await clients[0]!.client.post(`/api/v1/user/bookings/${made.body.id}/reschedule`, { start: at(12, 16) });
      expect(problem(stranger)).toEqual({ status: 404, code: 'BOOKING_NOT_FOUND' });

      // The account moves it too (and it stays as it is), through its own route.
      await ann.client.post(`/api/v1/user/bookings/${made.body.id}/confirm`);
      const byAccount = await owner.client.post(account(`/bookings/${made.body.id}/reschedule`), { start: at(13, 9), duration: 30 });
      expect(byAccount.status, JSON.stringify(byAccount.body)).toBe(200);
      expect(byAccount.body).toMatchObject({ start: at(13, 9), end: at(13, 9.5), status: 'CONFIRMED' });
      const cancelled = await clients[4]!.client.post(`/api/v1/user/bookings/${blocker.body.id}/cancel`, {});
      expect(cancelled.body.status).toBe('CANCELLED');
      expect(problem(await clients[4]!.client.post(`/api/v1/user/bookings/${blocker.body.id}/reschedule`, { start: at(14, 10) }))).toEqual({
        status: 409,
        code: 'ILLEGAL_TRANSITION',
      });
    });

    it('refuses to start a booking before its time, and starts and completes one that is due', async () => {
      const id = await bookable({ providers: [bob.id], instant: true });
      const future = await book(clients[2]!.client, id, { start: at(15, 10) });
      expect(future.body.status).toBe('CONFIRMED');
      const early = await bob.client.post(`/api/v1/user/bookings/${future.body.id}/start`);
      expect(problem(early)).toEqual({ status: 409, code: 'BOOKING_NOT_STARTED' });
      expect(problem(await bob.client.post(`/api/v1/user/bookings/${future.body.id}/no-show`))).toEqual({ status: 409, code: 'BOOKING_NOT_STARTED' });

      // A booking that is due now (made by the account, outside the usual rules).
      const now = Date.now();
      const due = await owner.client.post(account('/bookings'), {
        resourceId: bob.id,
        clientId: clients[2]!.id,
        title: 'Walk-in',
        start: new Date(now - 10 * 60_000).toISOString(),
        end: new Date(now + 50 * 60_000).toISOString(),
        overrideAvailability: true,
      });
      expect(due.status, JSON.stringify(due.body)).toBe(201);
      await bob.client.post(`/api/v1/user/bookings/${due.body.id}/confirm`);
      expect((await bob.client.post(`/api/v1/user/bookings/${due.body.id}/start`)).body.status).toBe('IN_PROGRESS');
      expect((await bob.client.post(`/api/v1/user/bookings/${due.body.id}/complete`)).body.status).toBe('COMPLETED');
    });
  });

  describe('across tenants', () => {
    it('does not find another tenant’s listing', async () => {
      const id = await bookable();
      const rival = await createTestTenant(t.app, 'booklist-rival');
      const visitor = await signUp(rival, 'visitor');
      expect(problem(await visitor.client.post(`/api/v1/user/listings/${id}/bookings`, { start: at(16, 10), answers: { goal: 'x' } }))).toEqual({
        status: 404,
        code: 'LISTING_NOT_FOUND',
      });
      expect(problem(await rival.anon.get(`/api/v1/public/listings/${id}/slots?from=${at(16)}&to=${at(17)}`))).toEqual({
        status: 404,
        code: 'LISTING_NOT_FOUND',
      });
      const theirs = await rival.adminClient.post('/api/v1/tenant/accounts', { identifier: 'rivals', name: 'Rivals', type: 'AGENCY', ownerId: visitor.id });
      const put = await visitor.client.put(`/api/v1/account/${theirs.body.id}/listings/${id}/booking`, { providers: [visitor.id], durations: [60] });
      expect(problem(put)).toEqual({ status: 404, code: 'LISTING_NOT_FOUND' });
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type Person = Awaited<ReturnType<typeof signUp>>;

/** Monday 2030-06-03 at a Vienna wall-clock hour (CEST, +02:00), as UTC ISO strings. */
const at = (hour: number, minutes = 60, day = '2030-06-03') => {
  const start = new Date(`${day}T00:00:00Z`).getTime() + (hour - 2) * 3_600_000;
  return { start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString() };
};

describeHttp('bookings over HTTP', (t) => {
  let tenant: TestTenant;
  let resource: Person;
  let client: Person;
  let stranger: Person;
  let manager: Person;
  let accountId: string;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'bookhttp');
    [resource, client, stranger, manager] = [
      await signUp(tenant, 'model'),
      await signUp(tenant, 'client'),
      await signUp(tenant, 'stranger'),
      await signUp(tenant, 'agent'),
    ];
    const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'models-inc',
      name: 'Models Inc',
      type: 'AGENCY',
      ownerId: manager.id,
    });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    expect((await tenant.adminClient.post(`/api/v1/tenant/accounts/${accountId}/members`, { userId: resource.id, role: 'member' })).status).toBe(201);
    const weekly = await resource.client.put('/api/v1/user/availability/weekly', {
      timezone: 'Europe/Vienna',
      windows: [1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, start: '09:00', end: '17:00' })),
    });
    expect(weekly.status).toBe(200);
    expect(weekly.body.weekly).toHaveLength(5);
  });

  const book = (who: Client, body: Record<string, unknown>) => who.post('/api/v1/user/bookings', { resourceId: resource.id, title: 'Casting', ...body });

  describe('slots and booking', () => {
    it('shows free slots to an anonymous visitor in UTC and in their zone', async () => {
      const res = await tenant.anon.get(
        `/api/v1/public/availability/slots?resource=${resource.id}&from=2030-06-03T00:00:00Z&to=2030-06-04T00:00:00Z&duration=60&timezone=America/New_York`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ resource: resource.id, timezone: 'America/New_York', duration: 60 });
      expect(res.body.slots).toHaveLength(8);
      expect(res.body.slots[0]).toEqual({
        start: '2030-06-03T07:00:00.000Z',
        end: '2030-06-03T08:00:00.000Z',
        localStart: '2030-06-03T03:00:00.000-04:00',
        localEnd: '2030-06-03T04:00:00.000-04:00',
      });
    });

    it('books, refuses the same slot (409), refuses outside the availability (422), and the slot disappears', async () => {
      const priced = await book(client.client, { ...at(10), price: '1.00', currency: 'EUR' });
      expect({ status: priced.status, code: priced.body.code }).toEqual({ status: 403, code: 'BOOKING_EDIT_FORBIDDEN' });
      const created = await book(client.client, { ...at(10), meetingUrl: 'https://meet.example.com/c' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'PENDING',
        clientId: client.id,
        resourceId: resource.id,
        price: null,
        currency: null,
        timezone: 'Europe/Vienna',
        start: at(10).start,
      });
      expect(created.body.occurrences).toBeUndefined();

      const clash = await book(stranger.client, at(10, 30));
      expect(clash.status).toBe(409);
      expect(clash.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(clash.body).toMatchObject({ code: 'BOOKING_SLOT_TAKEN', status: 409 });

      const outside = await book(stranger.client, at(18));
      expect(outside.status).toBe(422);
      expect(outside.body.code).toBe('BOOKING_OUTSIDE_AVAILABILITY');

      const slots = await tenant.anon.get(
        `/api/v1/public/availability/slots?resource=${resource.id}&from=2030-06-03T00:00:00Z&to=2030-06-04T00:00:00Z&duration=60`,
      );
      expect(slots.body.slots.map((s: { start: string }) => s.start)).not.toContain(at(10).start);
      expect(slots.body.slots).toHaveLength(7);
    });

    it('answers bad input with coded 400 problems', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ start: at(11).end, end: at(11).start }, 'INVALID_TIME_RANGE'],
        [{ ...at(11), timezone: 'Mars/Olympus' }, 'INVALID_TIMEZONE'],
        [{ ...at(11), recurrence: 'FREQ=WEEKLY;COUNT=two' }, 'INVALID_RECURRENCE'],
        [{ ...at(11), start: 'tomorrow' }, 'VALIDATION_FAILED'],
      ];
      for (const [body, code] of cases) {
        const res = await book(client.client, body);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      }
      const tooLong = await tenant.anon.get(
        `/api/v1/public/availability/slots?resource=${resource.id}&from=2030-06-01T00:00:00Z&to=2030-09-01T00:00:00Z&duration=60`,
      );
      expect({ status: tooLong.status, code: tooLong.body.code }).toEqual({ status: 400, code: 'RANGE_TOO_LONG' });
    });

    it('lets exactly one of 50 parallel requests for the same slot through', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => book(client.client, at(14, 60, '2030-06-05'))));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.body.code === 'BOOKING_SLOT_TAKEN')).toHaveLength(49);
    });
  });

  describe('transitions', () => {
    it('is confirmed by the resource, not by the client, and shows in both parties’ lists', async () => {
      const created = await book(client.client, at(9, 60, '2030-06-04'));
      const id = created.body.id;
      const byClient = await client.client.post(`/api/v1/user/bookings/${id}/confirm`, {});
      expect({ status: byClient.status, code: byClient.body.code }).toEqual({ status: 403, code: 'BOOKING_ACTION_FORBIDDEN' });
      const confirmed = await resource.client.post(`/api/v1/user/bookings/${id}/confirm`); // a bare POST, as the README shows
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ id, status: 'CONFIRMED' });
      expect(confirmed.body.confirmedAt).toEqual(expect.any(String));
      const early = await resource.client.post(`/api/v1/user/bookings/${id}/start`, {});
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'BOOKING_NOT_STARTED' });
      // A booking that is due: the agency books it, starting ten minutes ago, outside the usual hours.
      const due = await manager.client.post(`/api/v1/account/${accountId}/bookings`, {
        resourceId: resource.id,
        clientId: client.id,
        title: 'Walk-in',
        start: new Date(Date.now() - 600_000).toISOString(),
        end: new Date(Date.now() + 3_000_000).toISOString(),
        overrideAvailability: true,
      });
      expect(due.status, JSON.stringify(due.body)).toBe(201);
      expect((await resource.client.post(`/api/v1/user/bookings/${due.body.id}/confirm`)).status).toBe(200);
      const started = await resource.client.post(`/api/v1/user/bookings/${due.body.id}/start`, {});
      const illegal = await client.client.post(`/api/v1/user/bookings/${due.body.id}/cancel`, {});
      expect(started.body.status).toBe('IN_PROGRESS');
      expect({ status: illegal.status, code: illegal.body.code, allowed: illegal.body.allowed }).toEqual({
        status: 409,
        code: 'ILLEGAL_TRANSITION',
        allowed: [],
      });
      const noShow = await resource.client.post(`/api/v1/user/bookings/${due.body.id}/no-show`); // IN_PROGRESS: too late
      expect(noShow.body.detail).toMatch(/^Cannot no-show a booking/);
      const mine = await client.client.get('/api/v1/user/bookings?limit=100');
      expect(mine.body.data.map((b: { id: string }) => b.id)).toContain(id);
      const theirs = await resource.client.get('/api/v1/user/bookings?role=resource&limit=100');
      expect(theirs.body.data.map((b: { id: string }) => b.id)).toContain(id);
      expect((await stranger.client.get(`/api/v1/user/bookings/${id}`)).status).toBe(404);
    });

    it('creates a recurring series whole and cancels the rest of it', async () => {
      const series = await book(client.client, { ...at(9, 60, '2030-09-02'), recurrence: 'FREQ=WEEKLY;COUNT=4' });
      expect(series.status).toBe(201);
      expect(series.body.occurrences).toHaveLength(4);
      expect(series.body.recurrence).toBe('FREQ=WEEKLY;COUNT=4');
      const second = series.body.occurrences[1].id;
      const cancelled = await client.client.post(`/api/v1/user/bookings/${second}/cancel`, { scope: 'following' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ id: second, status: 'CANCELLED' });
      expect(cancelled.body.occurrences.map((b: { status: string }) => b.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
      expect((await client.client.get(`/api/v1/user/bookings/${series.body.id}`)).body.status).toBe('PENDING');
    });
  });

  describe('account tier', () => {
    it('lets the agency book its member outside the availability, list and manage the bookings', async () => {
      const created = await manager.client.post(`/api/v1/account/${accountId}/bookings`, {
        resourceId: resource.id,
        clientId: client.id,
        title: 'Evening shoot',
        ...at(19, 120, '2030-06-06'),
        overrideAvailability: true,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ availabilityOverriddenBy: manager.id, clientId: client.id });
      const listed = await manager.client.get(`/api/v1/account/${accountId}/bookings?resourceId=${resource.id}&limit=100`);
      expect(listed.body.data.map((b: { id: string }) => b.id)).toContain(created.body.id);
      const paid = await manager.client.patch(`/api/v1/account/${accountId}/bookings/${created.body.id}`, { paid: true, price: '900', currency: 'EUR' });
      expect(paid.body).toMatchObject({ paid: true, price: '900.00' });
      const byClient = await client.client.patch(`/api/v1/user/bookings/${created.body.id}`, { paid: false });
      expect(byClient.status).toBe(403);
    });

    it('manages a member’s availability, and only a member’s', async () => {
      const blocked = await manager.client.put(`/api/v1/account/${accountId}/members/${resource.id}/availability/overrides`, {
        date: '2030-06-07',
        timezone: 'Europe/Vienna',
        available: false,
      });
      expect(blocked.status).toBe(200);
      expect(blocked.body).toEqual({ date: '2030-06-07', timezone: 'Europe/Vienna', available: false, windows: [] });
      const slots = await tenant.anon.get(
        `/api/v1/public/availability/slots?resource=${resource.id}&from=2030-06-07T00:00:00Z&to=2030-06-08T00:00:00Z&duration=60`,
      );
      expect(slots.body.slots).toEqual([]);
      const notMember = await manager.client.put(`/api/v1/account/${accountId}/members/${stranger.id}/availability/overrides`, {
        date: '2030-06-07',
        timezone: 'UTC',
        available: false,
      });
      expect(notMember.status).toBe(404);
      const removed = await manager.client.delete(`/api/v1/account/${accountId}/members/${resource.id}/availability/overrides?date=2030-06-07`);
      expect(removed.status).toBe(204);
      const view = await resource.client.get('/api/v1/user/availability?from=2030-06-01&to=2030-06-30');
      expect(view.body.overrides).toEqual([]);
      const outsider = await stranger.client.get(`/api/v1/account/${accountId}/bookings`);
      expect(outsider.status).toBe(403);
      expect(outsider.body.code).toBe('PERMISSION_DENIED');
    });

    it('lets a member of the account read its bookings and availability but not manage them; nor may the resource name a client', async () => {
      const colleague = await signUp(tenant, 'colleague');
      expect((await tenant.adminClient.post(`/api/v1/tenant/accounts/${accountId}/members`, { userId: colleague.id, role: 'member' })).status).toBe(201);
      const listed = await colleague.client.get(`/api/v1/account/${accountId}/bookings?resourceId=${resource.id}&limit=100`);
      expect(listed.status).toBe(200);
      expect(listed.body.data.length).toBeGreaterThan(0);
      expect((await colleague.client.get(`/api/v1/account/${accountId}/members/${resource.id}/availability?from=2030-06-01&to=2030-06-30`)).status).toBe(200);

      const denied = [
        await colleague.client.post(`/api/v1/account/${accountId}/bookings`, {
          resourceId: resource.id,
          clientId: client.id,
          title: 'Late shoot',
          ...at(19, 60, '2030-06-12'),
          overrideAvailability: true,
        }),
        await colleague.client.put(`/api/v1/account/${accountId}/members/${resource.id}/availability/overrides`, {
          date: '2030-06-12',
          timezone: 'Europe/Vienna',
          available: false,
        }),
        await colleague.client.post(`/api/v1/account/${accountId}/bookings/${listed.body.data[0].id}/cancel`, {}),
      ];
      expect(denied.map((r) => [r.status, r.body.code])).toEqual(denied.map(() => [403, 'PERMISSION_DENIED']));
      // the user tier checks the same: booking someone else in, or outside the availability, is an account admin's
      const forClient = await book(colleague.client, { clientId: client.id, ...at(9, 60, '2030-06-12') });
      expect({ status: forClient.status, code: forClient.body.code }).toEqual({ status: 403, code: 'BOOKING_FORBIDDEN' });
      const overriding = await book(colleague.client, { ...at(19, 60, '2030-06-12'), overrideAvailability: true });
      expect({ status: overriding.status, code: overriding.body.code }).toEqual({ status: 403, code: 'AVAILABILITY_OVERRIDE_FORBIDDEN' });
      const byResource = await resource.client.post('/api/v1/user/bookings', {
        resourceId: resource.id,
        clientId: client.id,
        title: 'Unasked',
        ...at(9, 60, '2030-06-12'),
      });
      expect({ status: byResource.status, code: byResource.body.code }).toEqual({ status: 403, code: 'BOOKING_FORBIDDEN' });
      const after = await manager.client.get(
        `/api/v1/account/${accountId}/bookings?resourceId=${resource.id}&from=2030-06-12T00:00:00Z&to=2030-06-13T00:00:00Z`,
      );
      expect(after.body.data).toEqual([]);
      // the account admin may do all of it
      const byAdmin = await manager.client.post(`/api/v1/account/${accountId}/bookings`, {
        resourceId: resource.id,
        clientId: client.id,
        title: 'Late shoot',
        ...at(19, 60, '2030-06-12'),
        overrideAvailability: true,
        price: '300',
        currency: 'EUR',
      });
      expect(byAdmin.status).toBe(201);
      expect(byAdmin.body).toMatchObject({ availabilityOverriddenBy: manager.id, price: '300.00' });
    });

    it('lets the tenant admin see every booking', async () => {
      const all = await tenant.adminClient.get(`/api/v1/tenant/bookings?clientId=${client.id}&limit=100`);
      expect(all.status).toBe(200);
      expect(all.body.data.length).toBeGreaterThan(3);
      expect(all.body.data.every((b: { clientId: string }) => b.clientId === client.id)).toBe(true);
      expect((await client.client.get('/api/v1/tenant/bookings')).status).toBe(403);
    });
  });

  describe('calendar feed', () => {
    it('serves text/calendar at a secret URL without any tenant header, until revoked', async () => {
      // the feed reaches a year ahead: a booking next week, by the agency (so no need to hit a window)
      const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 7 * 86_400_000);
      const soon = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
      const booked = await manager.client.post(`/api/v1/account/${accountId}/bookings`, {
        resourceId: resource.id,
        clientId: client.id,
        title: 'Casting, round 2',
        ...soon,
        overrideAvailability: true,
      });
      expect(booked.status).toBe(201);
      const feed = await resource.client.post('/api/v1/user/availability/calendar-feed', {});
      expect(feed.status).toBe(201);
      const path = new URL(feed.body.url).pathname;
      expect(path).toBe(`/api/v1/public/calendar/${feed.body.token}.ics`);
      const anonymous = t.client; // no token, no X-Tenant
      const ics = await anonymous.get(path);
      expect(ics.status).toBe(200);
      expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
      expect(ics.raw.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(ics.raw.body).toContain('BEGIN:VEVENT');
      expect(ics.raw.body).toContain('SUMMARY:Casting\\, round 2');
      expect(ics.raw.body).toContain(`UID:${booked.body.id}@mono`);
      expect((await resource.client.delete('/api/v1/user/availability/calendar-feed')).status).toBe(204);
      expect((await anonymous.get(path)).status).toBe(404);
      expect((await anonymous.get(`/api/v1/public/calendar/${'A'.repeat(64)}.ics`)).status).toBe(404);
    });

    it('stops serving the feed of a person who is deactivated or deleted (404), and serves it again on reactivation', async () => {
      const leaver = await signUp(tenant, 'leaver');
      const feed = await leaver.client.post('/api/v1/user/availability/calendar-feed', {});
      expect(feed.status).toBe(201);
      const path = new URL(feed.body.url).pathname;
      expect((await t.client.get(path)).status).toBe(200);
      expect((await tenant.adminClient.post(`/api/v1/tenant/users/${leaver.id}/deactivate`, {})).status).toBe(200);
      expect((await t.client.get(path)).status).toBe(404);
      expect((await tenant.adminClient.post(`/api/v1/tenant/users/${leaver.id}/reactivate`, {})).status).toBe(200);
      expect((await t.client.get(path)).status).toBe(200);
      expect((await tenant.adminClient.delete(`/api/v1/tenant/users/${leaver.id}`)).status).toBe(204);
      const gone = await t.client.get(path);
      expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 404, code: 'CALENDAR_FEED_NOT_FOUND' });
    });

    it('pauses the feed of a suspended marketplace', async () => {
      const other = await createTestTenant(t.app, 'bookpaused');
      const model = await signUp(other, 'model');
      const feed = await model.client.post('/api/v1/user/availability/calendar-feed', {});
      const path = new URL(feed.body.url).pathname;
      expect((await t.client.get(path)).status).toBe(200);
      await t.db.query(`update tenants set status = 'SUSPENDED' where id = $1`, [other.id]);
      const paused = await t.client.get(path);
      expect({ status: paused.status, code: paused.body.code }).toEqual({ status: 403, code: 'TENANT_SUSPENDED' });
    });
  });
});

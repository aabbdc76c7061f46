import { beforeAll, describe, expect, it } from 'vitest';
import { presentBooking } from '../../src/modules/booking';
import { ctxFor, permissionsOf } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { type BookingWorld, bookingsOf, createBookingWorld, failure, services } from './world';

/** Monday 2030-06-03, 09:00–10:00 in Vienna (CEST, +02:00). */
const slot = (hour: number, minutes = 60, day = '2030-06-03') => {
  const start = new Date(`${day}T${String(hour - 2).padStart(2, '0')}:00:00Z`);
  return { start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString() };
};

describeDb('bookings service', (t) => {
  let w: BookingWorld;
  let s: ReturnType<typeof services>;
  beforeAll(async () => {
    w = await createBookingWorld(t.db);
    s = services(t.db);
  });
  const book = (ctx = w.asClient, extra: Record<string, unknown> = {}) =>
    s.bookings.create(ctx, { resourceId: w.resourceId, title: 'Fitting', ...slot(9), ...extra });

  describe('creating', () => {
    it('books a free slot inside the availability: PENDING, with place, no price, and the resource’s zone', async () => {
      const [row] = await book(w.asClient, { ...slot(10), location: 'Studio 3', meetingUrl: 'https://meet.example.com/x' });
      const json = presentBooking(row!);
      expect(json).toMatchObject({
        resourceId: w.resourceId,
        clientId: w.clientId,
        status: 'PENDING',
        start: '2030-06-03T08:00:00.000Z',
        end: '2030-06-03T09:00:00.000Z',
        timezone: 'Europe/Vienna',
        price: null,
        currency: null,
        paid: false,
        location: 'Studio 3',
        meetingUrl: 'https://meet.example.com/x',
        recurrence: null,
        seriesId: null,
        availabilityOverriddenBy: null,
        confirmedAt: null,
        cancelledAt: null,
      });
      expect(JSON.stringify(json)).not.toMatch(/"\d+"|:\s*\d{1,9}[,}]/); // no integer ids anywhere
    });

    it('refuses a booking outside the availability with 422 and writes nothing', async () => {
      const before = await bookingsOf(t.db, w.resourceId);
      expect(await failure(() => book(w.asClient, slot(17)))).toMatchObject({ kind: 'unprocessable', code: 'BOOKING_OUTSIDE_AVAILABILITY' });
      expect(await failure(() => book(w.asClient, slot(16, 90)))).toMatchObject({ code: 'BOOKING_OUTSIDE_AVAILABILITY' });
      expect(await failure(() => book(w.asClient, slot(10, 60, '2030-06-01')))).toMatchObject({ code: 'BOOKING_OUTSIDE_AVAILABILITY' }); // Saturday
      expect(await bookingsOf(t.db, w.resourceId)).toHaveLength(before.length);
    });

    it('lets an account manager of the resource override the availability, and records who did', async () => {
      const [row] = await book(w.asManager, { clientId: w.clientId, ...slot(18), overrideAvailability: true });
      expect(row).toMatchObject({ availabilityOverriddenBy: w.managerId, clientId: w.clientId });
      expect((await bookingsOf(t.db, w.resourceId)).find((b) => b.id === row!.id)).toMatchObject({ availability_overridden_by: w.managerId });
    });

    it('does not let the client override the availability (403), nor a manager of another account, nor a member of the resource’s account', async () => {
      expect(await failure(() => book(w.asClient, { ...slot(19), overrideAvailability: true }))).toMatchObject({
        kind: 'forbidden',
        code: 'AVAILABILITY_OVERRIDE_FORBIDDEN',
      });
      const otherManager = ctxFor(w.tenantId, w.strangerId, { permissions: permissionsOf(['user.*.*', 'account.*.*@0190f3c2-0000-7000-8000-000000000000']) });
      expect(await failure(() => book(otherManager, { ...slot(19), overrideAvailability: true }))).toMatchObject({ code: 'AVAILABILITY_OVERRIDE_FORBIDDEN' });
      // the account_member role no longer holds account.bookings.manage: only account admins override
      expect(await failure(() => book(w.asColleague, { ...slot(19), overrideAvailability: true }))).toMatchObject({
        kind: 'forbidden',
        code: 'AVAILABILITY_OVERRIDE_FORBIDDEN',
      });
      expect((await bookingsOf(t.db, w.resourceId)).filter((b) => new Date(b.start_time).toISOString() === slot(19).start)).toHaveLength(0);
    });

    it('takes a price on creation only from those who may edit it: not from the client (403, nothing written)', async () => {
      const day = '2030-06-10';
      const before = (await bookingsOf(t.db, w.resourceId)).length;
      expect(await failure(() => book(w.asClient, { ...slot(10, 60, day), price: '1.00', currency: 'EUR' }))).toMatchObject({
        kind: 'forbidden',
        code: 'BOOKING_EDIT_FORBIDDEN',
      });
      expect(await failure(() => book(w.asClient, { ...slot(10, 60, day), currency: 'EUR' }))).toMatchObject({
        kind: 'forbidden',
        code: 'BOOKING_EDIT_FORBIDDEN',
      });
      expect(await bookingsOf(t.db, w.resourceId)).toHaveLength(before);
      const [own] = await book(w.asClient, slot(10, 60, day));
      expect(own).toMatchObject({ price: null, currency: null, paid: false });
      // an account manager of the resource sets it (as it may later by PATCH)
      const [priced] = await book(w.asManager, { clientId: w.clientId, ...slot(11, 60, day), price: '150.5', currency: 'EUR' });
      expect(priced).toMatchObject({ clientId: w.clientId, price: '150.5000', currency: 'EUR' });
    });

    it('records no override when the booking was inside the availability anyway', async () => {
      const [row] = await book(w.asManager, { clientId: w.clientId, ...slot(11), overrideAvailability: true });
      expect(row!.availabilityOverriddenBy).toBeNull();
    });

    it('refuses a booking in the past unless a manager overrides', async () => {
      const past = { start: '2029-12-31T09:00:00Z', end: '2029-12-31T10:00:00Z' };
      expect(await failure(() => book(w.asClient, past))).toMatchObject({ kind: 'unprocessable', code: 'BOOKING_IN_PAST' });
      const [row] = await book(w.asManager, { clientId: w.clientId, ...past, overrideAvailability: true });
      expect(row!.availabilityOverriddenBy).toBe(w.managerId);
    });

    it('answers 409 BOOKING_SLOT_TAKEN for an overlapping booking, and allows back-to-back ones', async () => {
      await book(w.asClient, slot(12));
      expect(await failure(() => book(w.asUser(w.strangerId), slot(12, 30)))).toMatchObject({ kind: 'conflict', code: 'BOOKING_SLOT_TAKEN' });
      await book(w.asUser(w.strangerId), slot(13));
    });

    it('only lets people book for themselves; naming another client needs an account manager of the resource', async () => {
      const before = (await bookingsOf(t.db, w.resourceId)).length;
      expect(await failure(() => book(w.asStranger, { clientId: w.clientId, ...slot(14) }))).toMatchObject({ kind: 'forbidden', code: 'BOOKING_FORBIDDEN' });
      const noBooking = ctxFor(w.tenantId, w.clientId, { permissions: permissionsOf(['user.bookings.read']) });
      expect(await failure(() => book(noBooking, slot(14)))).toMatchObject({ code: 'BOOKING_FORBIDDEN' });
      // not the resource either: the client did not ask for it (decision 0031, 8)
      expect(await failure(() => book(w.asResource, { clientId: w.clientId, ...slot(14) }))).toMatchObject({ kind: 'forbidden', code: 'BOOKING_FORBIDDEN' });
      // nor a colleague in the resource's account without account.bookings.manage
      expect(await failure(() => book(w.asColleague, { clientId: w.clientId, ...slot(14) }))).toMatchObject({ kind: 'forbidden', code: 'BOOKING_FORBIDDEN' });
      expect(await bookingsOf(t.db, w.resourceId)).toHaveLength(before);
      const [row] = await book(w.asManager, { clientId: w.clientId, ...slot(14) });
      expect(row!.clientId).toBe(w.clientId);
    });

    it('refuses unknown resources (422), unknown clients (422) and booking oneself (422)', async () => {
      const ghost = '0190f3c2-0000-7000-8000-00000000abcd';
      expect(await failure(() => s.bookings.create(w.asClient, { resourceId: ghost, title: 'x', ...slot(15) }))).toMatchObject({
        kind: 'unprocessable',
        code: 'UNKNOWN_RESOURCE',
      });
      expect(await failure(() => book(w.asManager, { clientId: ghost, ...slot(15) }))).toMatchObject({ kind: 'unprocessable', code: 'UNKNOWN_CLIENT' });
      expect(await failure(() => book(w.asResource, slot(15)))).toMatchObject({ kind: 'unprocessable', code: 'BOOKING_SELF' });
    });

    it('cannot see or book a resource of another tenant (422, as an unknown one)', async () => {
      const other = await createBookingWorld(t.db, 'elsewhere');
      expect(await failure(() => s.bookings.create(w.asClient, { resourceId: other.resourceId, title: 'x', ...slot(15) }))).toMatchObject({
        code: 'UNKNOWN_RESOURCE',
      });
      expect(await bookingsOf(t.db, other.resourceId)).toHaveLength(0);
    });

    it.each([
      ['end before start', { start: '2030-06-03T10:00:00Z', end: '2030-06-03T09:00:00Z' }, 'INVALID_TIME_RANGE'],
      ['end equal to start', { start: '2030-06-03T10:00:00Z', end: '2030-06-03T10:00:00Z' }, 'INVALID_TIME_RANGE'],
      ['unknown time zone', { timezone: 'Mars/Olympus' }, 'INVALID_TIMEZONE'],
      ['malformed RRULE', { recurrence: 'FREQ=SOMETIMES' }, 'INVALID_RECURRENCE'],
      ['a booking longer than 14 days', { start: '2030-06-03T07:00:00Z', end: '2030-06-18T07:00:00Z' }, 'BOOKING_TOO_LONG'],
      [
        'occurrences longer than their interval',
        { start: '2030-06-03T07:00:00Z', end: '2030-06-04T08:00:00Z', recurrence: 'FREQ=DAILY;COUNT=3' },
        'RECURRENCE_OVERLAPS',
      ],
      ['a date without an offset', { start: '2030-06-03T09:00:00', end: '2030-06-03T10:00:00' }, 'VALIDATION_FAILED'],
      ['a price without a currency', { price: '10' }, 'VALIDATION_FAILED'],
      ['a float price', { price: 10.5, currency: 'EUR' }, 'VALIDATION_FAILED'],
      ['a javascript: meeting URL', { meetingUrl: 'javascript:alert(1)' }, 'VALIDATION_FAILED'],
      ['an unknown field', { colour: 'red' }, 'VALIDATION_FAILED'],
    ])('refuses %s with a coded 400 and writes nothing', async (_label, extra, code) => {
      const before = (await bookingsOf(t.db, w.resourceId)).length;
      expect(await failure(() => book(w.asClient, { ...slot(16), ...extra }))).toMatchObject({ kind: 'validation', code });
      expect(await bookingsOf(t.db, w.resourceId)).toHaveLength(before);
    });
  });

  describe('status transitions', () => {
    it('runs PENDING → CONFIRMED → IN_PROGRESS → COMPLETED, stamping confirmedAt', async () => {
      const [created] = await book(w.asClient, slot(9, 60, '2030-06-04'));
      const [confirmed] = await s.bookings.transition(w.asResource, { bookingId: created!.id, action: 'confirm' });
      expect(confirmed).toMatchObject({ status: 'CONFIRMED' });
      expect(confirmed!.confirmedAt).toBeInstanceOf(Date);
      // Not before its time (09:00 Vienna is 07:00Z): the clock moves to the booking's start.
      expect(await failure(() => s.bookings.transition(w.asManager, { bookingId: created!.id, action: 'start' }))).toMatchObject({
        kind: 'conflict',
        code: 'BOOKING_NOT_STARTED',
      });
      const due = services(t.db, created!.startTime);
      const [started] = await due.bookings.transition(w.asManager, { bookingId: created!.id, action: 'start' });
      expect(started!.status).toBe('IN_PROGRESS');
      const [done] = await due.bookings.transition(w.asResource, { bookingId: created!.id, action: 'complete' });
      expect(done).toMatchObject({ status: 'COMPLETED', cancelledAt: null });
      expect(await failure(() => s.bookings.transition(w.asClient, { bookingId: created!.id, action: 'cancel' }))).toMatchObject({
        kind: 'conflict',
        code: 'ILLEGAL_TRANSITION',
      });
    });

    it('lets the client cancel (cancelledAt recorded, slot freed) but not confirm', async () => {
      const [created] = await book(w.asClient, slot(11, 60, '2030-06-04'));
      expect(await failure(() => s.bookings.transition(w.asClient, { bookingId: created!.id, action: 'confirm' }))).toMatchObject({
        kind: 'forbidden',
        code: 'BOOKING_ACTION_FORBIDDEN',
      });
      const [cancelled] = await s.bookings.transition(w.asClient, { bookingId: created!.id, action: 'cancel' });
      expect(cancelled!.status).toBe('CANCELLED');
      expect(cancelled!.cancelledAt).toBeInstanceOf(Date);
      const [again] = await book(w.asUser(w.strangerId), slot(11, 60, '2030-06-04'));
      expect(again!.status).toBe('PENDING');
    });

    it('names the allowed actions when a transition is illegal', async () => {
      const [created] = await book(w.asClient, slot(13, 60, '2030-06-04'));
      expect(await failure(() => s.bookings.transition(w.asResource, { bookingId: created!.id, action: 'complete' }))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        extra: { from: 'PENDING', allowed: ['confirm', 'cancel'] },
      });
    });

    it('refuses a no-show before the booking started', async () => {
      const [created] = await book(w.asClient, slot(14, 60, '2030-06-04'));
      await s.bookings.transition(w.asResource, { bookingId: created!.id, action: 'confirm' });
      expect(await failure(() => s.bookings.transition(w.asResource, { bookingId: created!.id, action: 'noShow' }))).toMatchObject({
        code: 'BOOKING_NOT_STARTED',
      });
    });

    it('hides bookings from people who are not involved (404), also for transitions', async () => {
      const [created] = await book(w.asClient, slot(15, 60, '2030-06-04'));
      expect(await failure(() => s.bookings.get(w.asStranger, { bookingId: created!.id }))).toMatchObject({ kind: 'not_found' });
      expect(await failure(() => s.bookings.transition(w.asStranger, { bookingId: created!.id, action: 'cancel' }))).toMatchObject({ kind: 'not_found' });
      const reader = ctxFor(w.tenantId, w.strangerId, { permissions: permissionsOf([`account.bookings.read@${w.accountId}`]) });
      expect((await s.bookings.get(reader, { bookingId: created!.id })).id).toBe(created!.id);
      expect(await failure(() => s.bookings.transition(reader, { bookingId: created!.id, action: 'confirm' }))).toMatchObject({ kind: 'forbidden' });
      // a colleague in the resource's account (account_member) sees it but does not run it
      expect((await s.bookings.get(w.asColleague, { bookingId: created!.id })).id).toBe(created!.id);
      expect(await failure(() => s.bookings.transition(w.asColleague, { bookingId: created!.id, action: 'confirm' }))).toMatchObject({
        kind: 'forbidden',
        code: 'BOOKING_ACTION_FORBIDDEN',
      });
      expect(await failure(() => s.bookings.update(w.asColleague, { bookingId: created!.id, price: '1.00', currency: 'EUR' }))).toMatchObject({
        kind: 'forbidden',
        code: 'BOOKING_EDIT_FORBIDDEN',
      });
      expect((await bookingsOf(t.db, w.resourceId)).find((b) => b.id === created!.id)!.status).toBe('PENDING');
    });
  });

  describe('editing', () => {
    it('lets the resource set price and paid, but not the client', async () => {
      const [created] = await book(w.asClient, slot(9, 60, '2030-06-05'));
      expect(await failure(() => s.bookings.update(w.asClient, { bookingId: created!.id, paid: true }))).toMatchObject({
        kind: 'forbidden',
        code: 'BOOKING_EDIT_FORBIDDEN',
      });
      const edited = await s.bookings.update(w.asClient, { bookingId: created!.id, title: 'Fitting (shoes)', location: 'Room 2' });
      expect(edited).toMatchObject({ title: 'Fitting (shoes)', location: 'Room 2', paid: false });
      const paid = await s.bookings.update(w.asResource, { bookingId: created!.id, price: '80.00', currency: 'EUR', paid: true });
      expect(paid).toMatchObject({ price: '80.0000', currency: 'EUR', paid: true });
      expect(await failure(() => s.bookings.update(w.asResource, { bookingId: created!.id, currency: null }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('listing', () => {
    it('pages the caller’s bookings by start time with a cursor, filtered by role and status', async () => {
      const mine = await createBookingWorld(t.db, 'lists');
      for (const hour of [9, 10, 11, 12, 13])
        await s.bookings.create(mine.asClient, { resourceId: mine.resourceId, title: `b${hour}`, ...slot(hour, 60, '2030-06-06') });
      const first = await s.bookings.listMine(mine.asClient, { limit: 2 });
      expect(first.data.map((b) => b.title)).toEqual(['b9', 'b10']);
      const second = await s.bookings.listMine(mine.asClient, { limit: 2, cursor: first.nextCursor! });
      expect(second.data.map((b) => b.title)).toEqual(['b11', 'b12']);
      const third = await s.bookings.listMine(mine.asClient, { limit: 2, cursor: second.nextCursor! });
      expect(third).toMatchObject({ nextCursor: null });
      expect(third.data.map((b) => b.title)).toEqual(['b13']);
      expect((await s.bookings.listMine(mine.asResource, { role: 'resource' })).data).toHaveLength(5);
      expect((await s.bookings.listMine(mine.asResource, { role: 'client' })).data).toHaveLength(0);
      expect((await s.bookings.listMine(mine.asStranger, {})).data).toHaveLength(0);
      expect((await s.bookings.listMine(mine.asClient, { status: 'CONFIRMED' })).data).toHaveLength(0);
      expect((await s.bookings.listMine(mine.asClient, { from: '2030-06-06T09:30:00Z', to: '2030-06-06T10:30:00Z' })).data.map((b) => b.title)).toEqual([
        'b11',
        'b12',
      ]);
      expect(await failure(() => s.bookings.listMine(mine.asClient, { cursor: 'nonsense' }))).toMatchObject({ code: 'INVALID_CURSOR' });
    });

    it('lists the bookings of an account’s members for its readers only', async () => {
      const acme = await s.bookings.listForAccount(w.asManager, { accountId: w.accountId, limit: 100 });
      expect(acme.data.length).toBeGreaterThan(5);
      // the members of acme: the resource and the graph's owner (who has a booking from the graph)
      expect(new Set(acme.data.map((b) => b.resourceId))).toEqual(new Set([w.resourceId, w.userId]));
      const onlyResource = await s.bookings.listForAccount(w.asManager, { accountId: w.accountId, resourceId: w.resourceId, limit: 100 });
      expect(onlyResource.data.every((b) => b.resourceId === w.resourceId)).toBe(true);
      expect(await failure(() => s.bookings.listForAccount(w.asClient, { accountId: w.accountId }))).toMatchObject({ kind: 'not_found' });
    });
  });
});

import { beforeAll, expect, it } from 'vitest';
import { presentBooking } from '../../src/modules/booking';
import { describeDb } from '../helpers/db';
import { type BookingWorld, bookingsOf, createBookingWorld, failure, services } from './world';

describeDb('recurring bookings', (t) => {
  let w: BookingWorld;
  let s: ReturnType<typeof services>;
  beforeAll(async () => {
    w = await createBookingWorld(t.db, 'series');
    s = services(t.db);
  });
  const weekly = (start: string, end: string, recurrence: string, ctx = w.asClient, extra = {}) =>
    s.bookings.create(ctx, { resourceId: w.resourceId, title: 'Weekly', start, end, recurrence, ...extra });

  it('creates every occurrence, at the same Vienna wall-clock time across the change of 2030-03-31', async () => {
    const rows = await weekly('2030-03-25T09:00:00Z', '2030-03-25T10:00:00Z', 'FREQ=WEEKLY;BYDAY=MO;COUNT=3');
    expect(rows.map((r) => r.startTime.toISOString())).toEqual(['2030-03-25T09:00:00.000Z', '2030-04-01T08:00:00.000Z', '2030-04-08T08:00:00.000Z']);
    expect(new Set(rows.map((r) => r.seriesId)).size).toBe(1);
    expect(presentBooking(rows[1]!)).toMatchObject({ recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3', seriesId: rows[0]!.seriesId, timezone: 'Europe/Vienna' });
  });

  it('writes nothing and names the clashing occurrences when one clashes with an existing booking', async () => {
    await s.bookings.create(w.asUser(w.strangerId), {
      resourceId: w.resourceId,
      title: 'In the way',
      start: '2030-05-15T08:30:00Z',
      end: '2030-05-15T09:00:00Z',
    });
    const before = (await bookingsOf(t.db, w.resourceId)).length;
    const error = await failure(() => weekly('2030-05-01T08:00:00Z', '2030-05-01T09:00:00Z', 'FREQ=WEEKLY;COUNT=4'));
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'BOOKING_SLOT_TAKEN',
      extra: { occurrences: [{ start: '2030-05-15T08:00:00.000Z', end: '2030-05-15T09:00:00.000Z' }] },
    });
    expect(error!.message).toContain('1 of 4 occurrences');
    expect(await bookingsOf(t.db, w.resourceId)).toHaveLength(before);
  });

  it('writes nothing and names the occurrences outside the availability (422)', async () => {
    const before = (await bookingsOf(t.db, w.resourceId)).length;
    // daily from Thursday: Saturday and Sunday are outside the Monday–Friday windows
    const error = await failure(() => weekly('2030-09-05T08:00:00Z', '2030-09-05T09:00:00Z', 'FREQ=DAILY;COUNT=4'));
    expect(error).toMatchObject({
      kind: 'unprocessable',
      code: 'BOOKING_OUTSIDE_AVAILABILITY',
      extra: { occurrences: [{ start: '2030-09-07T08:00:00.000Z' }, { start: '2030-09-08T08:00:00.000Z' }] },
    });
    expect(await bookingsOf(t.db, w.resourceId)).toHaveLength(before);
    // a manager may override it for the whole series
    const rows = await weekly('2030-09-05T08:00:00Z', '2030-09-05T09:00:00Z', 'FREQ=DAILY;COUNT=4', w.asManager, {
      clientId: w.clientId,
      overrideAvailability: true,
    });
    // recorded on the two weekend occurrences that needed it
    expect(rows.map((r) => r.availabilityOverriddenBy)).toEqual([null, null, w.managerId, w.managerId]);
  });

  it('cancels a single occurrence, leaving the rest of the series', async () => {
    const rows = await weekly('2030-10-01T08:00:00Z', '2030-10-01T09:00:00Z', 'FREQ=WEEKLY;COUNT=4');
    const changed = await s.bookings.transition(w.asClient, { bookingId: rows[1]!.id, action: 'cancel' });
    expect(changed.map((r) => r.id)).toEqual([rows[1]!.id]);
    const stored = (await bookingsOf(t.db, w.resourceId)).filter((b) => b.series_id === rows[0]!.seriesId);
    expect(stored.map((b) => b.status)).toEqual(['PENDING', 'CANCELLED', 'PENDING', 'PENDING']);
  });

  it('cancels an occurrence and all that follow, skipping those that can no longer be cancelled', async () => {
    const rows = await weekly('2030-11-05T09:00:00Z', '2030-11-05T10:00:00Z', 'FREQ=WEEKLY;COUNT=5');
    await s.bookings.transition(w.asResource, { bookingId: rows[3]!.id, action: 'confirm' });
    await s.bookings.transition(w.asResource, { bookingId: rows[4]!.id, action: 'confirm' });
    await services(t.db, rows[4]!.startTime).bookings.transition(w.asResource, { bookingId: rows[4]!.id, action: 'start' });
    const changed = await s.bookings.transition(w.asClient, { bookingId: rows[1]!.id, action: 'cancel', scope: 'following' });
    expect(changed.map((r) => r.id)).toEqual([rows[1]!.id, rows[2]!.id, rows[3]!.id]);
    expect(changed.every((r) => r.cancelledAt instanceof Date)).toBe(true);
    const stored = (await bookingsOf(t.db, w.resourceId)).filter((b) => b.series_id === rows[0]!.seriesId);
    expect(stored.map((b) => b.status)).toEqual(['PENDING', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'IN_PROGRESS']);
  });

  it('refuses "following" for a booking outside a series and for other actions', async () => {
    const [single] = await s.bookings.create(w.asClient, {
      resourceId: w.resourceId,
      title: 'One',
      start: '2030-12-02T09:00:00Z',
      end: '2030-12-02T10:00:00Z',
    });
    expect(await failure(() => s.bookings.transition(w.asClient, { bookingId: single!.id, action: 'cancel', scope: 'following' }))).toMatchObject({
      code: 'BOOKING_NOT_IN_SERIES',
    });
    expect(await failure(() => s.bookings.transition(w.asResource, { bookingId: single!.id, action: 'confirm', scope: 'following' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await bookingsOf(t.db, w.resourceId)).find((b) => b.id === single!.id)!.status).toBe('PENDING');
  });
});

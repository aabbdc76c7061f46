import { beforeAll, describe, expect, it } from 'vitest';
import { noPermissions } from '../../src/core/context';
import { presentAvailability, presentSlots } from '../../src/modules/booking';
import { ctxFor, permissionsOf } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { type BookingWorld, createBookingWorld, failure, services } from './world';

describeDb('availability and slots', (t) => {
  let w: BookingWorld;
  let s: ReturnType<typeof services>;
  beforeAll(async () => {
    w = await createBookingWorld(t.db, 'avail');
    s = services(t.db);
  });
  /** What an anonymous visitor of the tenant's public site would ask. */
  const visitor = () => ctxFor(w.tenantId, undefined, { permissions: noPermissions });
  const slotsOf = async (from: string, to: string, extra: Record<string, unknown> = {}) => {
    const result = await s.availability.slots(visitor(), { resource: w.resourceId, from, to, duration: 60, ...extra });
    return presentSlots(result.resource, result.timezone, result.duration, result.slots);
  };

  describe('managing', () => {
    it('replaces the weekly schedule, and reads it back with overrides and blocks', async () => {
      await s.availability.setWeekly(w.asResource, {
        timezone: 'Europe/Vienna',
        windows: [
          { dayOfWeek: 1, start: '09:00', end: '12:00' },
          { dayOfWeek: 1, start: '13:00', end: '17:00' },
          { dayOfWeek: 3, start: '10:00', end: '24:00' },
        ],
      });
      await s.availability.setOverride(w.asResource, { date: '2030-06-10', timezone: 'Europe/Vienna', windows: [{ start: '14:00', end: '16:00' }] });
      await s.availability.setOverride(w.asResource, { date: '2030-06-12', timezone: 'Europe/Vienna', available: false });
      await s.availability.addBlock(w.asResource, { start: '2030-06-19T15:00:00Z', end: '2030-06-19T18:00:00Z', reason: 'Dentist' });
      const view = await s.availability.get(w.asResource, { from: '2030-06-01', to: '2030-06-30' });
      expect(presentAvailability(view.userId, view.weekly, view.overrides, view.blocks)).toMatchObject({
        userId: w.resourceId,
        weekly: [
          { dayOfWeek: 1, start: '09:00', end: '12:00', timezone: 'Europe/Vienna' },
          { dayOfWeek: 1, start: '13:00', end: '17:00' },
          { dayOfWeek: 3, start: '10:00', end: '24:00' },
        ],
        overrides: [
          { date: '2030-06-10', available: true, windows: [{ start: '14:00', end: '16:00' }] },
          { date: '2030-06-12', available: false, windows: [] },
        ],
        blocks: [{ start: '2030-06-19T15:00:00.000Z', end: '2030-06-19T18:00:00.000Z', reason: 'Dentist' }],
      });
    });

    it('computes slots from windows, overrides and blocks, in UTC and in the viewer’s zone', async () => {
      // Monday 2030-06-03: 09–12 and 13–17 Vienna (07–10Z, 11–15Z)
      const monday = await slotsOf('2030-06-03T00:00:00Z', '2030-06-04T00:00:00Z', { timezone: 'America/New_York' });
      expect(monday.slots.map((x) => x.start.slice(11, 16))).toEqual(['07:00', '08:00', '09:00', '11:00', '12:00', '13:00', '14:00']);
      expect(monday.slots[0]).toEqual({
        start: '2030-06-03T07:00:00.000Z',
        end: '2030-06-03T08:00:00.000Z',
        localStart: '2030-06-03T03:00:00.000-04:00',
        localEnd: '2030-06-03T04:00:00.000-04:00',
      });
      // the override of Monday 2030-06-10: 14–16 only
      expect((await slotsOf('2030-06-10T00:00:00Z', '2030-06-11T00:00:00Z')).slots.map((x) => x.start)).toEqual([
        '2030-06-10T12:00:00.000Z',
        '2030-06-10T13:00:00.000Z',
      ]);
      // the blocked Wednesday override; another Wednesday (10:00–24:00 = 08–22Z) with the block 15–18Z
      expect((await slotsOf('2030-06-12T00:00:00Z', '2030-06-13T00:00:00Z')).slots).toEqual([]);
      expect((await slotsOf('2030-06-19T12:00:00Z', '2030-06-22T00:00:00Z')).slots.map((x) => x.start.slice(11, 16))).toEqual([
        '12:00',
        '13:00',
        '14:00',
        '18:00',
        '19:00',
        '20:00',
        '21:00',
      ]);
    });

    it('removes a date override, so the weekly windows apply again', async () => {
      await s.availability.removeOverride(w.asResource, { date: '2030-06-10' });
      expect((await slotsOf('2030-06-10T00:00:00Z', '2030-06-11T00:00:00Z')).slots).toHaveLength(7);
      expect(await failure(() => s.availability.removeOverride(w.asResource, { date: '2030-06-10' }))).toMatchObject({ kind: 'not_found' });
    });

    it('leaves out busy time with buffers, honours minimum notice, and frees a cancelled booking’s slot', async () => {
      const [booking] = await s.bookings.create(w.asClient, {
        resourceId: w.resourceId,
        title: 'x',
        start: '2030-06-17T08:00:00Z',
        end: '2030-06-17T09:00:00Z',
      });
      const day = ['2030-06-17T00:00:00Z', '2030-06-18T00:00:00Z'] as const;
      expect((await slotsOf(...day)).slots.map((x) => x.start.slice(11, 16))).toEqual(['07:00', '09:00', '11:00', '12:00', '13:00', '14:00']);
      // 09:00 would need 08:45–09:00 free; 09:30 would end after the 10:00Z end of the morning window
      expect((await slotsOf(...day, { step: 30, bufferBefore: 15, bufferAfter: 30 })).slots.map((x) => x.start.slice(11, 16))).toEqual([
        '11:00',
        '11:30',
        '12:00',
        '12:30',
        '13:00',
        '13:30',
        '14:00',
      ]);
      // NOW is 2030-01-01; a notice reaching to 2030-06-17T11:00Z leaves the afternoon
      const notice = (Date.parse('2030-06-17T11:00:00Z') - Date.parse('2030-01-01T00:00:00Z')) / 60_000;
      expect((await slotsOf(...day, { minimumNotice: notice })).slots.map((x) => x.start.slice(11, 16))).toEqual(['11:00', '12:00', '13:00', '14:00']);
      await s.bookings.transition(w.asClient, { bookingId: booking!.id, action: 'cancel' });
      expect((await slotsOf(...day)).slots.map((x) => x.start.slice(11, 16))).toContain('08:00');
    });

    it('lets an account manager manage a member’s availability, nobody else', async () => {
      await s.availability.addBlock(w.asManager, { userId: w.resourceId, start: '2030-07-01T00:00:00Z', end: '2030-07-02T00:00:00Z' });
      expect(
        await failure(() => s.availability.addBlock(w.asStranger, { userId: w.resourceId, start: '2030-07-03T00:00:00Z', end: '2030-07-04T00:00:00Z' })),
      ).toMatchObject({ kind: 'not_found' });
      // a colleague in the account (account_member) reads the member's availability but does not change it
      expect(
        await failure(() => s.availability.addBlock(w.asColleague, { userId: w.resourceId, start: '2030-07-03T00:00:00Z', end: '2030-07-04T00:00:00Z' })),
      ).toMatchObject({ kind: 'not_found' });
      expect(
        await failure(() => s.availability.setOverride(w.asColleague, { userId: w.resourceId, date: '2030-07-03', timezone: 'UTC', available: false })),
      ).toMatchObject({ kind: 'not_found' });
      expect((await s.availability.get(w.asColleague, { userId: w.resourceId, from: '2030-07-01', to: '2030-07-31' })).blocks).toHaveLength(1);
      expect(await failure(() => s.availability.get(w.asStranger, { userId: w.resourceId }))).toMatchObject({ kind: 'not_found' });
      const readOnly = ctxFor(w.tenantId, w.resourceId, { permissions: permissionsOf(['user.availability.read']) });
      expect(await failure(() => s.availability.setWeekly(readOnly, { timezone: 'UTC', windows: [] }))).toMatchObject({ kind: 'forbidden' });
      const view = await s.availability.get(w.asManager, { userId: w.resourceId, from: '2030-07-01', to: '2030-07-31' });
      expect(view.blocks).toHaveLength(1);
      await s.availability.removeBlock(w.asResource, { blockId: view.blocks[0]!.id });
      expect(await failure(() => s.availability.removeBlock(w.asResource, { blockId: view.blocks[0]!.id }))).toMatchObject({ kind: 'not_found' });
    });

    it('answers 404 for the slots of an unknown resource or one of another tenant', async () => {
      const other = await createBookingWorld(t.db, 'avail-other');
      for (const resource of [other.resourceId, '0190f3c2-0000-7000-8000-00000000abcd']) {
        expect(
          await failure(() => s.availability.slots(visitor(), { resource, from: '2030-06-03T00:00:00Z', to: '2030-06-04T00:00:00Z', duration: 60 })),
        ).toMatchObject({
          kind: 'not_found',
          code: 'RESOURCE_NOT_FOUND',
        });
      }
    });
  });

  describe('bad input is a coded 400 and changes nothing', () => {
    const range = { from: '2030-06-03T00:00:00Z', to: '2030-06-04T00:00:00Z' };
    it.each([
      ['to before from', { from: '2030-06-04T00:00:00Z', to: '2030-06-03T00:00:00Z', duration: 60 }, 'INVALID_TIME_RANGE'],
      ['a range over 62 days', { from: '2030-06-01T00:00:00Z', to: '2030-08-03T00:00:00Z', duration: 60 }, 'RANGE_TOO_LONG'],
      ['an unknown viewer zone', { ...range, duration: 60, timezone: 'Europe/Atlantis' }, 'INVALID_TIMEZONE'],
      ['a 2-minute slot', { ...range, duration: 2 }, 'INVALID_DURATION'],
      ['a 25-hour slot', { ...range, duration: 1500 }, 'VALIDATION_FAILED'],
      ['a slot that does not fit a day with its buffers', { ...range, duration: 1400, bufferAfter: 60 }, 'INVALID_DURATION'],
      ['a 3-minute step', { ...range, duration: 60, step: 3 }, 'INVALID_DURATION'],
      ['a non-numeric duration', { ...range, duration: 'long' }, 'VALIDATION_FAILED'],
    ])('slots: %s', async (_label, input, code) => {
      expect(
        await failure(() => s.availability.slots(visitor(), { resource: w.resourceId, ...(input as { from: string; to: string; duration: number }) })),
      ).toMatchObject({ kind: 'validation', code });
    });

    it.each([
      ['an unknown zone', { timezone: 'Mars/Olympus', windows: [] }, 'INVALID_TIMEZONE'],
      ['a window ending before it starts', { timezone: 'UTC', windows: [{ dayOfWeek: 1, start: '17:00', end: '09:00' }] }, 'INVALID_TIME_RANGE'],
      [
        'overlapping windows',
        {
          timezone: 'UTC',
          windows: [
            { dayOfWeek: 1, start: '09:00', end: '12:00' },
            { dayOfWeek: 1, start: '11:00', end: '13:00' },
          ],
        },
        'AVAILABILITY_WINDOWS_OVERLAP',
      ],
      ['a time 25:00', { timezone: 'UTC', windows: [{ dayOfWeek: 1, start: '09:00', end: '25:00' }] }, 'VALIDATION_FAILED'],
      ['weekday 7', { timezone: 'UTC', windows: [{ dayOfWeek: 7, start: '09:00', end: '10:00' }] }, 'VALIDATION_FAILED'],
    ])('weekly schedule: %s', async (_label, input, code) => {
      const before = await s.availability.get(w.asResource, {});
      expect(await failure(() => s.availability.setWeekly(w.asResource, input))).toMatchObject({ kind: 'validation', code });
      expect((await s.availability.get(w.asResource, {})).weekly).toEqual(before.weekly);
    });

    it('refuses blocks and reads that end before they start or span too long', async () => {
      expect(await failure(() => s.availability.addBlock(w.asResource, { start: '2030-06-05T00:00:00Z', end: '2030-06-04T00:00:00Z' }))).toMatchObject({
        code: 'INVALID_TIME_RANGE',
      });
      expect(await failure(() => s.availability.addBlock(w.asResource, { start: '2030-01-01T00:00:00Z', end: '2031-02-01T00:00:00Z' }))).toMatchObject({
        code: 'RANGE_TOO_LONG',
      });
      expect(await failure(() => s.availability.get(w.asResource, { from: '2030-01-01', to: '2031-06-01' }))).toMatchObject({ code: 'RANGE_TOO_LONG' });
      expect(await failure(() => s.availability.setOverride(w.asResource, { date: '2030-02-30', timezone: 'UTC', available: false }))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await failure(() => s.availability.setOverride(w.asResource, { date: '2030-03-01', timezone: 'UTC', windows: [] }))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });
  });

  describe('daylight saving in the database round trip', () => {
    it('gives 23 hours of slots on Vienna’s 2030-03-31 and 25 on 2030-10-27 for a 00:00–24:00 Sunday', async () => {
      const dst = await createBookingWorld(t.db, 'dst');
      await s.availability.setWeekly(dst.asResource, { timezone: 'Europe/Vienna', windows: [{ dayOfWeek: 0, start: '00:00', end: '24:00' }] });
      const count = async (from: string, to: string) =>
        (await s.availability.slots(ctxFor(dst.tenantId, undefined, { permissions: noPermissions }), { resource: dst.resourceId, from, to, duration: 60 }))
          .slots.length;
      expect(await count('2030-03-30T00:00:00Z', '2030-04-01T00:00:00Z')).toBe(23);
      expect(await count('2030-10-26T00:00:00Z', '2030-10-28T00:00:00Z')).toBe(25);
    });
  });
});

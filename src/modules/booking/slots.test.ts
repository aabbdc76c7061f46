import { describe, expect, it } from 'vitest';
import { contains, subtract, union } from './intervals';
import { type AvailabilityRules, availableTime, findSlots, type SlotQuery } from './slots';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const span = (from: string, to: string) => ({ start: at(from), end: at(to) });

function slots(rules: Partial<AvailabilityRules>, query: Partial<SlotQuery> & { from: number; to: number }, busy: { start: number; end: number }[] = []) {
  return findSlots({ weekly: [], overrides: [], blocks: [], ...rules }, busy, {
    durationMinutes: 60,
    stepMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    notBefore: 0,
    ...query,
  }).map((s) => `${iso(s.start)}/${iso(s.end)}`);
}

const weekly = (dayOfWeek: number, startTime: string, endTime: string, timezone: string) => ({ dayOfWeek, startTime, endTime, timezone });
const override = (date: string, startTime: string, endTime: string, timezone: string, available = true) => ({ date, startTime, endTime, timezone, available });

describe('interval operations', () => {
  it('unions, subtracts and tests containment', () => {
    const merged = union([
      span('2026-01-01T10:00Z', '2026-01-01T11:00Z'),
      span('2026-01-01T09:00Z', '2026-01-01T10:00Z'),
      span('2026-01-01T12:00Z', '2026-01-01T12:00Z'),
    ]);
    expect(merged).toEqual([span('2026-01-01T09:00Z', '2026-01-01T11:00Z')]);
    const holes = subtract(merged, [span('2026-01-01T09:30Z', '2026-01-01T09:45Z'), span('2026-01-01T10:50Z', '2026-01-01T12:00Z')]);
    expect(holes).toEqual([span('2026-01-01T09:00Z', '2026-01-01T09:30Z'), span('2026-01-01T09:45Z', '2026-01-01T10:50Z')]);
    expect(contains(holes, span('2026-01-01T09:45Z', '2026-01-01T10:50Z'))).toBe(true);
    expect(contains(holes, span('2026-01-01T09:15Z', '2026-01-01T09:50Z'))).toBe(false);
    expect(contains(holes, span('2026-01-01T08:00Z', '2026-01-01T08:30Z'))).toBe(false);
  });
});

describe('weekly windows across daylight-saving changes', () => {
  it('Europe/Vienna: 09:00 local is 08:00Z before 2026-03-29 and 07:00Z after', () => {
    const rules = { weekly: [weekly(1, '09:00', '10:00', 'Europe/Vienna')] };
    expect(slots(rules, { from: at('2026-03-23T00:00Z'), to: at('2026-04-01T00:00Z') })).toEqual([
      '2026-03-23T08:00Z/2026-03-23T09:00Z',
      '2026-03-30T07:00Z/2026-03-30T08:00Z',
    ]);
  });

  it('Europe/Vienna 2026-03-29: a 01:00–04:00 window lasts two real hours', () => {
    const rules = { weekly: [weekly(0, '01:00', '04:00', 'Europe/Vienna')] };
    expect(slots(rules, { from: at('2026-03-28T00:00Z'), to: at('2026-03-30T00:00Z'), stepMinutes: 30 })).toEqual([
      '2026-03-29T00:00Z/2026-03-29T01:00Z', // 01:00–03:00 local (the clock jumps 02:00 → 03:00)
      '2026-03-29T00:30Z/2026-03-29T01:30Z',
      '2026-03-29T01:00Z/2026-03-29T02:00Z', // 03:00–04:00 CEST
    ]);
  });

  it('Europe/Vienna 2026-10-25: a 01:00–04:00 window lasts four real hours', () => {
    const rules = { weekly: [weekly(0, '01:00', '04:00', 'Europe/Vienna')] };
    expect(slots(rules, { from: at('2026-10-24T00:00Z'), to: at('2026-10-26T00:00Z') })).toEqual([
      '2026-10-24T23:00Z/2026-10-25T00:00Z', // 01:00 CEST
      '2026-10-25T00:00Z/2026-10-25T01:00Z', // 02:00 CEST
      '2026-10-25T01:00Z/2026-10-25T02:00Z', // 02:00 CET, the repeated hour
      '2026-10-25T02:00Z/2026-10-25T03:00Z', // 03:00 CET
    ]);
  });

  it('America/New_York: 09:00–11:00 on the Sundays around 2026-03-08 and 2026-11-01', () => {
    const rules = { weekly: [weekly(0, '09:00', '11:00', 'America/New_York')] };
    expect(slots(rules, { from: at('2026-03-01T00:00Z'), to: at('2026-03-09T00:00Z'), durationMinutes: 120 })).toEqual([
      '2026-03-01T14:00Z/2026-03-01T16:00Z',
      '2026-03-08T13:00Z/2026-03-08T15:00Z',
    ]);
    expect(slots(rules, { from: at('2026-10-25T00:00Z'), to: at('2026-11-02T00:00Z'), durationMinutes: 120 })).toEqual([
      '2026-10-25T13:00Z/2026-10-25T15:00Z',
      '2026-11-01T14:00Z/2026-11-01T16:00Z',
    ]);
  });

  it('America/New_York 2026-03-08: a window that lies in the skipped hour has no slots', () => {
    const rules = { weekly: [weekly(0, '02:00', '03:00', 'America/New_York')] };
    expect(slots(rules, { from: at('2026-03-07T00:00Z'), to: at('2026-03-09T00:00Z'), durationMinutes: 15, stepMinutes: 15 })).toEqual([]);
  });

  it('Australia/Lord_Howe: the half-hour shifts make 01:00–03:00 last 2h30 on 2026-04-05 and 1h30 on 2026-10-04', () => {
    const rules = { weekly: [weekly(0, '01:00', '03:00', 'Australia/Lord_Howe')] };
    const april = slots(rules, { from: at('2026-04-03T00:00Z'), to: at('2026-04-06T00:00Z'), durationMinutes: 30, stepMinutes: 30 });
    expect(april).toHaveLength(5);
    expect(april[0]).toBe('2026-04-04T14:00Z/2026-04-04T14:30Z'); // 01:00 +11:00
    expect(april[4]).toBe('2026-04-04T16:00Z/2026-04-04T16:30Z'); // 02:30 +10:30
    const october = slots(rules, { from: at('2026-10-02T00:00Z'), to: at('2026-10-05T00:00Z'), durationMinutes: 30, stepMinutes: 30 });
    expect(october).toEqual([
      '2026-10-03T14:30Z/2026-10-03T15:00Z', // 01:00 +10:30
      '2026-10-03T15:00Z/2026-10-03T15:30Z', // 01:30 +10:30; 02:00 becomes 02:30 +11:00
      '2026-10-03T15:30Z/2026-10-03T16:00Z', // 02:30 +11:00
    ]);
  });
});

describe('overrides, blocks, bookings, buffers, notice', () => {
  const tz = 'Europe/Vienna';
  const monday = { weekly: [weekly(1, '09:00', '12:00', tz)] };
  const mondayRange = { from: at('2026-06-01T00:00Z'), to: at('2026-06-02T00:00Z') };

  it('a date override replaces the whole day: other hours, or nothing', () => {
    expect(slots({ ...monday, overrides: [override('2026-06-01', '14:00', '16:00', tz)] }, mondayRange)).toEqual([
      '2026-06-01T12:00Z/2026-06-01T13:00Z',
      '2026-06-01T13:00Z/2026-06-01T14:00Z',
    ]);
    expect(slots({ ...monday, overrides: [override('2026-06-01', '00:00', '00:00', tz)] }, mondayRange)).toEqual([]);
    expect(
      slots({ ...monday, overrides: [override('2026-06-01', '14:00', '16:00', tz), override('2026-06-01', '09:00', '10:00', tz, false)] }, mondayRange),
    ).toEqual([]);
    // an override for another date leaves Monday alone
    expect(slots({ ...monday, overrides: [override('2026-06-02', '00:00', '00:00', tz)] }, mondayRange)).toHaveLength(3);
  });

  it('an override on a daylight-saving day replaces exactly that local day (23 hours)', () => {
    const allWeek = { weekly: [0, 1, 2, 3, 4, 5, 6].map((d) => weekly(d, '00:00', '24:00', tz)) };
    const { windows } = availableTime(
      { ...allWeek, overrides: [override('2026-03-29', '00:00', '00:00', tz)], blocks: [] },
      span('2026-03-27T00:00Z', '2026-03-31T00:00Z'),
    );
    const gaps = windows.slice(1).map((w, i) => `${iso(windows[i]!.end)}/${iso(w.start)}`);
    expect(gaps).toEqual(['2026-03-28T23:00Z/2026-03-29T22:00Z']);
  });

  it('windows that touch across midnight merge, so a slot may span it', () => {
    const rules = { weekly: [weekly(1, '20:00', '24:00', tz), weekly(2, '00:00', '02:00', tz)] };
    expect(slots(rules, { from: at('2026-06-01T00:00Z'), to: at('2026-06-03T00:00Z'), durationMinutes: 180, stepMinutes: 60 })).toEqual([
      '2026-06-01T18:00Z/2026-06-01T21:00Z',
      '2026-06-01T19:00Z/2026-06-01T22:00Z',
      '2026-06-01T20:00Z/2026-06-01T23:00Z',
      '2026-06-01T21:00Z/2026-06-02T00:00Z', // 23:00 Monday – 02:00 Tuesday local
    ]);
  });

  it('removes blocked ranges and keeps the grid of the window', () => {
    const blocked = { ...monday, blocks: [span('2026-06-01T07:10Z', '2026-06-01T07:20Z')] };
    expect(slots(blocked, { ...mondayRange, durationMinutes: 30, stepMinutes: 30 })).toEqual([
      '2026-06-01T07:30Z/2026-06-01T08:00Z',
      '2026-06-01T08:00Z/2026-06-01T08:30Z',
      '2026-06-01T08:30Z/2026-06-01T09:00Z',
      '2026-06-01T09:00Z/2026-06-01T09:30Z',
      '2026-06-01T09:30Z/2026-06-01T10:00Z',
    ]);
  });

  it('keeps the buffers around a slot clear of bookings', () => {
    const booking = [span('2026-06-01T08:00Z', '2026-06-01T08:30Z')];
    const query = { ...mondayRange, durationMinutes: 30, stepMinutes: 15 };
    expect(slots(monday, query, booking)).toEqual([
      '2026-06-01T07:00Z/2026-06-01T07:30Z',
      '2026-06-01T07:15Z/2026-06-01T07:45Z',
      '2026-06-01T07:30Z/2026-06-01T08:00Z',
      '2026-06-01T08:30Z/2026-06-01T09:00Z',
      '2026-06-01T08:45Z/2026-06-01T09:15Z',
      '2026-06-01T09:00Z/2026-06-01T09:30Z',
      '2026-06-01T09:15Z/2026-06-01T09:45Z',
      '2026-06-01T09:30Z/2026-06-01T10:00Z',
    ]);
    expect(slots(monday, { ...query, bufferBeforeMinutes: 15, bufferAfterMinutes: 20 }, booking)).toEqual([
      '2026-06-01T07:00Z/2026-06-01T07:30Z',
      '2026-06-01T08:45Z/2026-06-01T09:15Z',
      '2026-06-01T09:00Z/2026-06-01T09:30Z',
      '2026-06-01T09:15Z/2026-06-01T09:45Z',
      '2026-06-01T09:30Z/2026-06-01T10:00Z',
    ]);
  });

  it('honours minimum notice and the [from, to) range of slot starts', () => {
    expect(slots(monday, { ...mondayRange, notBefore: at('2026-06-01T07:01Z') })).toEqual([
      '2026-06-01T08:00Z/2026-06-01T09:00Z',
      '2026-06-01T09:00Z/2026-06-01T10:00Z',
    ]);
    expect(slots(monday, { from: at('2026-06-01T08:00Z'), to: at('2026-06-01T09:00Z') })).toEqual(['2026-06-01T08:00Z/2026-06-01T09:00Z']);
  });

  it('returns nothing when the duration does not fit a window', () => {
    expect(slots(monday, { ...mondayRange, durationMinutes: 181 })).toEqual([]);
    expect(slots(monday, { ...mondayRange, durationMinutes: 180 })).toEqual(['2026-06-01T07:00Z/2026-06-01T10:00Z']);
  });
});

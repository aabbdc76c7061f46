import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Interval } from './intervals';
import { type AvailabilityRules, type DateOverride, findSlots, type SlotQuery, type WeeklyWindow } from './slots';

/**
 * Property tests of the slot engine against an independent, deliberately naive
 * oracle: it asks luxon for the local date and time of every instant (on a 5-minute
 * grid — every generated boundary, offset and transition is a multiple of 5 minutes)
 * and applies the rules literally. The engine never looks at single minutes.
 */
const FIVE = 5 * 60_000;
const DAY = 86_400_000;
const ZONES = ['Europe/Vienna', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
/** Days around the 2026 transitions of those zones, and a quiet one. */
const DAYS = ['2026-03-28', '2026-10-24', '2026-03-07', '2026-10-31', '2026-04-04', '2026-10-03', '2026-06-15'];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minuteOf = (time: string) => (time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));

const windowArb = (zones: string[]) =>
  fc
    .record({ start: fc.integer({ min: 0, max: 286 }), length: fc.integer({ min: 1, max: 288 }), zone: fc.constantFrom(...zones) })
    .map(({ start, length, zone }) => ({ start: start * 5, end: Math.min(288, start + length) * 5, zone }));

const weeklyArb = (zones: string[]) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 6 }), windowArb(zones))
      .map(([dayOfWeek, w]): WeeklyWindow => ({ dayOfWeek, startTime: hhmm(w.start), endTime: hhmm(w.end), timezone: w.zone })),
    { maxLength: 10 },
  );

const overridesArb = (zones: string[], dates: string[]) =>
  fc.array(
    fc.tuple(fc.constantFrom(...dates), windowArb(zones), fc.boolean(), fc.boolean()).map(
      ([date, w, available, zeroLength]): DateOverride => ({
        date,
        startTime: hhmm(w.start),
        endTime: zeroLength ? hhmm(w.start) : hhmm(w.end),
        timezone: w.zone,
        available,
      }),
    ),
    { maxLength: 4 },
  );

const rangesArb = (from: number, spanMinutes: number, maxLength: number, maxMinutes: number) =>
  fc.array(
    fc
      .tuple(fc.integer({ min: -60, max: spanMinutes / 5 }), fc.integer({ min: 1, max: maxMinutes / 5 }))
      .map(([start, length]): Interval => ({ start: from + start * FIVE, end: from + (start + length) * FIVE })),
    { maxLength },
  );

const scenarioArb = (spanDays: number, maxBookings: number) =>
  fc
    .record({ day: fc.constantFrom(...DAYS), zones: fc.shuffledSubarray(ZONES, { minLength: 1, maxLength: 2 }), shift: fc.integer({ min: -12, max: 12 }) })
    .chain(({ day, zones, shift }) => {
      const from = Date.parse(`${day}T00:00:00Z`) + shift * 3_600_000;
      const dates = [-1, 0, 1, 2].map((d) => new Date(Date.parse(`${day}T00:00:00Z`) + d * DAY).toISOString().slice(0, 10));
      const span = spanDays * 1440;
      return fc.record({
        rules: fc.record({ weekly: weeklyArb(zones), overrides: overridesArb(zones, dates), blocks: rangesArb(from, span, 4, 600) }),
        bookings: rangesArb(from, span, maxBookings, 240),
        query: fc.record({
          from: fc.constant(from),
          to: fc.constant(from + spanDays * DAY),
          durationMinutes: fc.integer({ min: 1, max: 36 }).map((n) => n * 5),
          stepMinutes: fc.integer({ min: 1, max: 24 }).map((n) => n * 5),
          bufferBeforeMinutes: fc.integer({ min: 0, max: 12 }).map((n) => n * 5),
          bufferAfterMinutes: fc.integer({ min: 0, max: 12 }).map((n) => n * 5),
          notBefore: fc.oneof(
            fc.constant(0),
            fc.integer({ min: 0, max: span / 5 }).map((n) => from + n * FIVE),
          ),
        }),
      });
    });

/** The rules applied literally to one instant. `days` limits which local dates count (the engine's horizon). */
function oracle(rules: AvailabilityRules, days: { first: string; last: string }) {
  const seen = new Map<string, { date: string; minute: number; dayOfWeek: number }>();
  const local = (instant: number, zone: string) => {
    const key = `${zone} ${instant}`;
    let found = seen.get(key);
    if (!found) {
      const dt = DateTime.fromMillis(instant, { zone });
      seen.set(key, (found = { date: dt.toISODate()!, minute: dt.hour * 60 + dt.minute, dayOfWeek: dt.weekday % 7 }));
    }
    return found;
  };
  const inHorizon = (date: string) => date >= days.first && date <= days.last;
  const groups = new Map<string, DateOverride[]>();
  for (const o of rules.overrides) groups.set(`${o.timezone} ${o.date}`, [...(groups.get(`${o.timezone} ${o.date}`) ?? []), o]);
  const base = (instant: number) => {
    let replaced = false;
    let byOverride = false;
    for (const group of groups.values()) {
      const here = local(instant, group[0]!.timezone);
      if (!inHorizon(group[0]!.date) || here.date !== group[0]!.date) continue;
      replaced = true;
      if (group.every((o) => o.available) && group.some((o) => minuteOf(o.startTime) <= here.minute && here.minute < minuteOf(o.endTime))) byOverride = true;
    }
    const byWeek = rules.weekly.some((w) => {
      const here = local(instant, w.timezone);
      return inHorizon(here.date) && here.dayOfWeek === w.dayOfWeek && minuteOf(w.startTime) <= here.minute && here.minute < minuteOf(w.endTime);
    });
    return byOverride || (byWeek && !replaced);
  };
  const blocked = (instant: number) => rules.blocks.some((b) => b.start <= instant && instant < b.end);
  return { base, free: (instant: number) => base(instant) && !blocked(instant) };
}

function horizon(query: SlotQuery) {
  const day = (ms: number) => new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);
  return { first: day(query.from - DAY), last: day(query.to + query.durationMinutes * 60_000 + DAY) };
}

/** Brute force: every grid point of every run of base availability, checked minute block by minute block. */
function bruteForceSlots(rules: AvailabilityRules, bookings: Interval[], query: SlotQuery): Interval[] {
  const { base, free } = oracle(rules, horizon(query));
  const duration = query.durationMinutes * 60_000;
  const step = query.stepMinutes * 60_000;
  const lo = query.from - 3 * DAY;
  const hi = query.to + duration + DAY;
  const isBase: boolean[] = [];
  const isFree: boolean[] = [];
  for (let t = lo; t < hi; t += FIVE) {
    isBase.push(base(t));
    isFree.push(isBase[isBase.length - 1]! && free(t));
  }
  const index = (t: number) => (t - lo) / FIVE;
  const out: Interval[] = [];
  for (let i = 0; i < isBase.length; i++) {
    if (!isBase[i] || (i > 0 && isBase[i - 1])) continue;
    let runEnd = i;
    while (runEnd < isBase.length && isBase[runEnd]) runEnd++;
    for (let s = lo + i * FIVE; s + duration <= lo + runEnd * FIVE; s += step) {
      if (s < query.from || s < query.notBefore || s >= query.to) continue;
      let ok = true;
      for (let t = s; t < s + duration && ok; t += FIVE) ok = isFree[index(t)]!;
      const guarded = { start: s - query.bufferBeforeMinutes * 60_000, end: s + duration + query.bufferAfterMinutes * 60_000 };
      if (ok && !bookings.some((b) => b.start < guarded.end && guarded.start < b.end)) out.push({ start: s, end: s + duration });
    }
  }
  return out;
}

describe('slot engine properties', () => {
  it('never returns a slot that overlaps a booking (with its buffers) or leaves the availability', () => {
    fc.assert(
      fc.property(scenarioArb(31, 200), ({ rules, bookings, query }) => {
        const slots = findSlots(rules, bookings, query);
        const { free } = oracle(rules, horizon(query));
        for (const slot of slots) {
          const guarded = { start: slot.start - query.bufferBeforeMinutes * 60_000, end: slot.end + query.bufferAfterMinutes * 60_000 };
          for (const booking of bookings) expect(booking.start < guarded.end && guarded.start < booking.end).toBe(false);
          for (let t = slot.start; t < slot.end; t += FIVE) expect(free(t)).toBe(true);
          expect(slot.start).toBeGreaterThanOrEqual(Math.max(query.from, query.notBefore));
          expect(slot.start).toBeLessThan(query.to);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('returns exactly the slots a brute-force search over every 5 minutes finds', () => {
    fc.assert(
      fc.property(scenarioArb(2, 8), ({ rules, bookings, query }) => {
        expect(findSlots(rules, bookings, query)).toEqual(bruteForceSlots(rules, bookings, query));
      }),
      { numRuns: 100 },
    );
  });
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatIsoUtc, isValidTimezone, parseHhmm, parseIsoDate, ZoneOffsets } from './time';

const wall = (iso: string) => Date.parse(`${iso}Z`);
const at = (iso: string) => Date.parse(iso);

describe('ZoneOffsets', () => {
  const zones = ['Europe/Vienna', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC', 'Pacific/Chatham'];

  it('agrees with luxon on the offset of any instant and formats it the same way', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }), (zone, instant) => {
        const table = new ZoneOffsets(zone, instant - 40 * 86_400_000, instant + 3 * 86_400_000);
        const reference = DateTime.fromMillis(instant, { zone });
        expect(table.offsetAt(instant)).toBe(reference.offset);
        expect(table.formatIso(instant)).toBe(reference.toISO()!.replace(/Z$/, '+00:00'));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the exact transition instants (Vienna 2026)', () => {
    const table = new ZoneOffsets('Europe/Vienna', at('2026-03-01T00:00:00Z'), at('2026-11-30T00:00:00Z'));
    expect(table.offsetAt(at('2026-03-29T00:59:59Z'))).toBe(60);
    expect(table.offsetAt(at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(table.offsetAt(at('2026-10-25T00:59:59Z'))).toBe(120);
    expect(table.offsetAt(at('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('resolves wall times as RFC 5545 does: first of an ambiguous time, offset before a gap', () => {
    const vienna = new ZoneOffsets('Europe/Vienna', at('2026-03-01T00:00:00Z'), at('2026-11-30T00:00:00Z'));
    // 02:30 on 2026-10-25 happens twice (CEST, then CET): the first one.
    expect(new Date(vienna.wallToInstant(wall('2026-10-25T02:30:00'))).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 02:30 on 2026-03-29 does not exist: read with +01:00, i.e. 03:30 CEST.
    expect(new Date(vienna.wallToInstant(wall('2026-03-29T02:30:00'))).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(vienna.wallToInstant(wall('2026-07-01T09:00:00'))).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('maps a wall-clock range to exactly the instants whose local time lies in it', () => {
    const lordHowe = new ZoneOffsets('Australia/Lord_Howe', at('2026-03-01T00:00:00Z'), at('2026-11-30T00:00:00Z'));
    const length = (from: string, to: string) => {
      const out: { start: number; end: number }[] = [];
      lordHowe.wallRangeToInstants(wall(from), wall(to), out);
      return out.reduce((sum, i) => sum + i.end - i.start, 0) / 60_000;
    };
    // 2026-04-05: 02:00 (+11:00) falls back to 01:30 (+10:30): 01:30–02:00 happens twice.
    expect(length('2026-04-05T01:00:00', '2026-04-05T03:00:00')).toBe(150);
    // 2026-10-04: 02:00 (+10:30) springs to 02:30 (+11:00): 02:00–02:30 never happens.
    expect(length('2026-10-04T01:00:00', '2026-10-04T03:00:00')).toBe(90);
    expect(length('2026-10-04T02:00:00', '2026-10-04T02:30:00')).toBe(0);
    expect(length('2026-10-04T00:00:00', '2026-10-05T00:00:00')).toBe(23.5 * 60);
  });
});

describe('formatting and parsing', () => {
  it('formats like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1970-01-01'), max: Date.parse('9999-12-31') }), (instant) => {
        expect(formatIsoUtc(instant)).toBe(new Date(instant).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it('parses HH:MM including 24:00 and refuses anything else', () => {
    expect(parseHhmm('00:00')).toBe(0);
    expect(parseHhmm('09:30')).toBe(570);
    expect(parseHhmm('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:30', '12:60', '25:00', '']) expect(() => parseHhmm(bad)).toThrow(RangeError);
  });

  it('parses real calendar dates only', () => {
    expect(parseIsoDate('2026-02-28')).toBe(Date.UTC(2026, 1, 28));
    expect(parseIsoDate('2026-02-29')).toBeNaN();
    expect(parseIsoDate('2026-2-1')).toBeNaN();
  });

  it('knows IANA zones', () => {
    expect(isValidTimezone('Europe/Vienna')).toBe(true);
    expect(isValidTimezone('Australia/Lord_Howe')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { expandRecurrence, MAX_OCCURRENCES, parseRecurrence } from './recurrence';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const expand = (rule: string, start: string, end: string, zone: string) =>
  expandRecurrence(rule, { start: at(start), end: at(end) }, zone).map((o) => `${iso(o.start)}/${iso(o.end)}`);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('validation');
    return (error as AppError).code;
  }
}

describe('recurrence rules', () => {
  it('keeps weekly occurrences at the same wall-clock time across the Vienna change of 2026-03-29', () => {
    expect(expand('FREQ=WEEKLY;COUNT=3', '2026-03-20T08:00:00Z', '2026-03-20T09:00:00Z', 'Europe/Vienna')).toEqual([
      '2026-03-20T08:00Z/2026-03-20T09:00Z', // 09:00 CET
      '2026-03-27T08:00Z/2026-03-27T09:00Z',
      '2026-04-03T07:00Z/2026-04-03T08:00Z', // 09:00 CEST
    ]);
  });

  it('resolves occurrences in a gap or an overlap the RFC 5545 way', () => {
    // 02:30 New York daily: on 2026-03-08 that time does not exist and becomes 03:30 EDT.
    expect(expand('FREQ=DAILY;COUNT=3', '2026-03-07T07:30:00Z', '2026-03-07T07:45:00Z', 'America/New_York')).toEqual([
      '2026-03-07T07:30Z/2026-03-07T07:45Z',
      '2026-03-08T07:30Z/2026-03-08T07:45Z',
      '2026-03-09T06:30Z/2026-03-09T06:45Z',
    ]);
    // 01:30 New York on 2026-11-01 happens twice: the first (EDT) is taken.
    expect(expand('FREQ=DAILY;COUNT=2', '2026-10-31T05:30:00Z', '2026-10-31T05:45:00Z', 'America/New_York')[1]).toBe('2026-11-01T05:30Z/2026-11-01T05:45Z');
  });

  it('supports BYDAY, INTERVAL, UNTIL (a date includes that whole day) and a RRULE: prefix', () => {
    expect(expand('RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260610', '2026-06-01T07:00:00Z', '2026-06-01T08:00:00Z', 'Europe/Vienna')).toEqual([
      '2026-06-01T07:00Z/2026-06-01T08:00Z',
      '2026-06-03T07:00Z/2026-06-03T08:00Z',
      '2026-06-08T07:00Z/2026-06-08T08:00Z',
      '2026-06-10T07:00Z/2026-06-10T08:00Z',
    ]);
    expect(expand('FREQ=DAILY;INTERVAL=2;UNTIL=20260605T070000Z', '2026-06-01T07:00:00Z', '2026-06-01T08:00:00Z', 'Europe/Vienna')).toHaveLength(3);
    expect(expand('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-01-30T09:00:00Z', '2026-01-30T10:00:00Z', 'UTC')).toEqual([
      '2026-01-30T09:00Z/2026-01-30T10:00Z',
      '2026-02-27T09:00Z/2026-02-27T10:00Z',
      '2026-03-27T09:00Z/2026-03-27T10:00Z',
    ]);
  });

  it.each([
    ['garbage', 'INVALID_RECURRENCE'],
    ['FREQ=FOO;COUNT=2', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;COUNT=abc', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;BYDAY=XX;COUNT=2', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;INTERVAL=0;COUNT=2', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;COUNT=2;COUNT=3', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;UNKNOWN=1;COUNT=2', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY', 'INVALID_RECURRENCE'], // never ends
    ['FREQ=WEEKLY;COUNT=2;UNTIL=20270101', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;BYHOUR=9;COUNT=2', 'INVALID_RECURRENCE'],
    ['FREQ=HOURLY;COUNT=2', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;BYDAY=1MO;COUNT=2', 'INVALID_RECURRENCE'],
    ['FREQ=WEEKLY;BYMONTHDAY=32;COUNT=2', 'INVALID_RECURRENCE'],
    [`FREQ=DAILY;COUNT=${MAX_OCCURRENCES + 1}`, 'INVALID_RECURRENCE'],
    ['FREQ=DAILY;UNTIL=20300101', 'INVALID_RECURRENCE'], // more than the maximum of occurrences
    ['FREQ=YEARLY;COUNT=3', 'INVALID_RECURRENCE'], // spans more than a year
    ['FREQ=WEEKLY;BYDAY=TU;COUNT=2', 'INVALID_RECURRENCE'], // the booking is on a Monday
    ['FREQ=DAILY;COUNT=3;INTERVAL=1', undefined],
  ])('%s → %s', (rule, code) => {
    expect(codeOf(() => expand(rule, '2026-06-01T07:00:00Z', '2026-06-01T08:00:00Z', 'Europe/Vienna'))).toBe(code);
  });

  it('refuses occurrences longer than the gap between them', () => {
    expect(codeOf(() => expand('FREQ=DAILY;COUNT=2', '2026-06-01T07:00:00Z', '2026-06-02T08:00:00Z', 'UTC'))).toBe('RECURRENCE_OVERLAPS');
    expect(codeOf(() => expand('FREQ=DAILY;COUNT=2', '2026-06-01T07:00:00Z', '2026-06-02T07:00:00Z', 'UTC'))).toBeUndefined();
  });

  it('normalises the rule text', () => {
    expect([...parseRecurrence('rrule:freq=weekly;count=4')]).toEqual([
      ['FREQ', 'WEEKLY'],
      ['COUNT', '4'],
    ]);
  });
});

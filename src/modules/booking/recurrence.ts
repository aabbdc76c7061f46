import * as rruleModule from 'rrule';
import { AppError } from '../../core/errors';
import type { Interval } from './intervals';
import { DAY, ZoneOffsets } from './time';

/**
 * Recurring bookings: an RFC 5545 RRULE expanded into occurrences in the booking's
 * own time zone, so "every Monday 09:00 Vienna" stays at 09:00 on the wall clock
 * across daylight-saving changes.
 *
 * The rule text is checked here against the RFC grammar first, because the rrule
 * library is lenient (it accepts FREQ=FOO or COUNT=abc and silently does something);
 * the library then does the expansion. Expansion runs on "floating" wall times (local
 * date and time spelled as UTC, the library's own advice for zones) and each
 * occurrence is turned into an instant with the RFC's rules for gaps and overlaps.
 */
/**
 * rrule ships an ESM build (named exports; what vitest loads) and a UMD build that
 * Node's own ESM loader picks, whose exports only appear under `default`.
 */
const { RRule } = ('RRule' in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default) as typeof rruleModule;

export const MAX_OCCURRENCES = 104;
export const MAX_SERIES_DAYS = 366;

const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const list = (item: string) => new RegExp(`^${item}(?:,${item})*$`);
const signedUpTo = (max: number) => (value: string) =>
  list('[+-]?\\d{1,3}').test(value) && value.split(',').every((v) => Math.abs(Number(v)) >= 1 && Math.abs(Number(v)) <= max);
const unsignedRange = (min: number, max: number) => (value: string) =>
  list('\\d{1,2}').test(value) && value.split(',').every((v) => Number(v) >= min && Number(v) <= max);

const PARTS: Record<string, (value: string) => boolean> = {
  FREQ: (v) => (FREQUENCIES as readonly string[]).includes(v),
  INTERVAL: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1,
  COUNT: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1,
  UNTIL: (v) => /^\d{8}(?:T\d{6}Z?)?$/.test(v),
  BYDAY: (v) => list(`(?:[+-]?(?:[1-9]|[1-4]\\d|5[0-3]))?${WEEKDAY}`).test(v),
  BYMONTHDAY: signedUpTo(31),
  BYYEARDAY: signedUpTo(366),
  BYWEEKNO: signedUpTo(53),
  BYSETPOS: signedUpTo(366),
  BYMONTH: unsignedRange(1, 12),
  WKST: (v) => new RegExp(`^${WEEKDAY}$`).test(v),
};

function invalid(message: string): AppError {
  return new AppError('INVALID_RECURRENCE', `The recurrence rule is not valid: ${message}`, {
    errors: [{ path: 'recurrence', message }],
  });
}

/** The rule's parts, checked against RFC 5545 §3.3.10; throws INVALID_RECURRENCE. */
export function parseRecurrence(text: string): Map<string, string> {
  const body = text
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  if (!body || body.length > 500) throw invalid('give a rule such as FREQ=WEEKLY;COUNT=10');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const match = /^([A-Z]+)=(.+)$/.exec(part);
    if (!match) throw invalid(`"${part}" is not NAME=VALUE`);
    const [, name, value] = match as unknown as [string, string, string];
    if (['BYHOUR', 'BYMINUTE', 'BYSECOND'].includes(name)) throw invalid(`${name} is not supported: the time of day is the booking's start`);
    const check = PARTS[name];
    if (!check) throw invalid(`unknown part ${name}`);
    if (parts.has(name)) throw invalid(`${name} is given twice`);
    if (!check(value)) throw invalid(`${name}=${value} is not a valid value`);
    parts.set(name, value);
  }
  if (!parts.has('FREQ')) throw invalid(`FREQ is required (${FREQUENCIES.join(', ')})`);
  if (parts.has('COUNT') && parts.has('UNTIL')) throw invalid('COUNT and UNTIL must not both be given');
  if (!parts.has('COUNT') && !parts.has('UNTIL')) throw invalid('a series must end: give COUNT or UNTIL');
  if (Number(parts.get('COUNT') ?? 0) > MAX_OCCURRENCES) throw invalid(`at most ${MAX_OCCURRENCES} occurrences`);
  if (/\d/.test(parts.get('BYDAY') ?? '') && !['MONTHLY', 'YEARLY'].includes(parts.get('FREQ')!)) {
    throw invalid('numbered BYDAY values (e.g. 1MO) need FREQ=MONTHLY or YEARLY');
  }
  return parts;
}

/** The rule in a canonical spelling, as stored on every occurrence. */
export const formatRecurrence = (parts: Map<string, string>): string => [...parts].map(([k, v]) => `${k}=${v}`).join(';');

const floatingUntil = (until: string, zone: ZoneOffsets): Date => {
  const [y, m, d] = [until.slice(0, 4), until.slice(4, 6), until.slice(6, 8)].map(Number) as [number, number, number];
  if (until.length === 8) return new Date(Date.UTC(y, m - 1, d, 23, 59, 59)); // a date: through that whole day
  const wall = Date.UTC(y, m - 1, d, Number(until.slice(9, 11)), Number(until.slice(11, 13)), Number(until.slice(13, 15)));
  return new Date(until.endsWith('Z') ? zone.toWall(wall) : wall);
};

/**
 * Occurrences [start, end) of a series whose first occurrence is `first`. Each
 * occurrence lasts exactly as long as the first. Refuses rules that do not produce
 * `first` as their first occurrence, series longer than MAX_OCCURRENCES or
 * MAX_SERIES_DAYS, and durations that do not fit between two occurrences.
 */
export function expandRecurrence(text: string, first: Interval, timezone: string): Interval[] {
  const parts = parseRecurrence(text);
  const zone = new ZoneOffsets(timezone, first.start, first.start + (MAX_SERIES_DAYS + 1) * DAY);
  const dtstart = new Date(zone.toWall(first.start));
  const until = parts.get('UNTIL');
  const rule = new RRule({
    ...RRule.parseString(formatRecurrence(new Map([...parts].filter(([name]) => name !== 'UNTIL')))),
    dtstart,
    until: until ? floatingUntil(until, zone) : null,
  });
  const horizon = dtstart.getTime() + MAX_SERIES_DAYS * DAY;
  const walls = rule.all((_date, i) => i <= MAX_OCCURRENCES);
  if (walls.length === 0 || walls[0]!.getTime() !== dtstart.getTime()) {
    throw invalid('the series must begin with the booking itself; the rule does not include its start');
  }
  if (walls.length > MAX_OCCURRENCES) throw invalid(`at most ${MAX_OCCURRENCES} occurrences`);
  if (walls[walls.length - 1]!.getTime() > horizon) throw invalid(`a series may span at most ${MAX_SERIES_DAYS} days`);
  const duration = first.end - first.start;
  const occurrences = walls.map((wall) => {
    const start = zone.wallToInstant(wall.getTime());
    return { start, end: start + duration };
  });
  for (let i = 1; i < occurrences.length; i++) {
    if (occurrences[i]!.start < occurrences[i - 1]!.end) {
      throw new AppError('RECURRENCE_OVERLAPS', 'The booking is longer than the time between two occurrences, so they would overlap', {
        errors: [{ path: 'recurrence', message: 'occurrences would overlap each other' }],
      });
    }
  }
  return occurrences;
}

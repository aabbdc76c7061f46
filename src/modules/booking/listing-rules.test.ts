import { describe, expect, it } from 'vitest';
import type { AppError } from '../../core/errors';
import { checkAnswers, checkStart, chooseDuration, dayAndWeekOf, type ListingRules, withinLimits } from './listing-rules';

const HOUR = 3_600_000;
const rules: ListingRules = {
  durations: [60, 30],
  bufferBefore: 0,
  bufferAfter: 0,
  minimumNotice: 120,
  windowDays: 10,
  dailyLimit: 2,
  weeklyLimit: 3,
  questions: [
    { id: 'goal', text: 'Why?', required: true },
    { id: 'notes', text: 'Notes', required: false },
  ],
};
const code = (run: () => unknown) => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('listing booking rules', () => {
  it('offers only the listing’s durations, the first by default', () => {
    expect(chooseDuration(rules, undefined)).toBe(60);
    expect(chooseDuration(rules, 30)).toBe(30);
    expect(code(() => chooseDuration(rules, 45))).toBe('INVALID_DURATION');
  });

  it('names missing required answers and answers to no question', () => {
    expect(code(() => checkAnswers(rules.questions, { goal: 'x' }))).toBeUndefined();
    expect(code(() => checkAnswers(rules.questions, { goal: '  ' }))).toBe('INVALID_ANSWERS');
    expect(code(() => checkAnswers(rules.questions, { goal: 'x', other: 'y' }))).toBe('INVALID_ANSWERS');
  });

  it('refuses the past, a short notice and starts beyond the window', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(code(() => checkStart(rules, now - 1, now))).toBe('BOOKING_IN_PAST');
    expect(code(() => checkStart(rules, now + HOUR, now))).toBe('BOOKING_NOTICE_TOO_SHORT');
    expect(code(() => checkStart(rules, now + 11 * 24 * HOUR, now))).toBe('BOOKING_OUTSIDE_WINDOW');
    expect(code(() => checkStart(rules, now + 2 * HOUR, now))).toBeUndefined();
  });

  it('finds the local day and the week from Monday in the provider’s zone', () => {
    // Sunday 2030-06-02 23:30 in Vienna is 21:30Z; its day starts 22:00Z on Saturday, its week on Monday 2030-05-27.
    const { day, week } = dayAndWeekOf(Date.parse('2030-06-02T21:30:00Z'), 'Europe/Vienna');
    expect(new Date(day.start).toISOString()).toBe('2030-06-01T22:00:00.000Z');
    expect(new Date(day.end).toISOString()).toBe('2030-06-02T22:00:00.000Z');
    expect(new Date(week.start).toISOString()).toBe('2030-05-26T22:00:00.000Z');
    expect(new Date(week.end).toISOString()).toBe('2030-06-02T22:00:00.000Z');
  });

  it('drops slots of full days and weeks', () => {
    const monday = Date.parse('2030-06-03T00:00:00Z');
    const slot = (day: number, hour: number) => ({ start: monday + day * 24 * HOUR + hour * HOUR, end: monday + day * 24 * HOUR + (hour + 1) * HOUR });
    const starts = [slot(0, 9).start, slot(0, 11).start, slot(1, 9).start];
    const kept = withinLimits(rules, [slot(0, 14), slot(1, 14), slot(8, 14)], starts, 'UTC');
    expect(kept).toEqual([slot(8, 14)]); // Monday is full (2 a day), Tuesday's week is full (3 a week); next week is free
  });
});

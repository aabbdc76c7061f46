import { AppError } from '../../core/errors';
import type { Interval } from './intervals';
import { DAY, MINUTE, ZoneOffsets } from './time';

/**
 * The pure rules of booking a listing: which lengths are offered, which answers are
 * missing, when a start is too soon or too far ahead, and which local day and week
 * (Monday to Sunday, in the provider's zone) a start falls in for the limits.
 */
/** A question a listing asks whoever books it. */
export interface BookingQuestion {
  id: string;
  text: string;
  required: boolean;
}

export interface ListingRules {
  durations: readonly number[];
  bufferBefore: number;
  bufferAfter: number;
  minimumNotice: number;
  windowDays: number;
  dailyLimit: number | null;
  weeklyLimit: number | null;
  questions: readonly BookingQuestion[];
}

/** The chosen length (the first offered when none is given), or 400 INVALID_DURATION. */
export function chooseDuration(rules: ListingRules, duration: number | undefined): number {
  const chosen = duration ?? rules.durations[0]!;
  if (!rules.durations.includes(chosen)) {
    const message = `The listing offers ${rules.durations.join(', ')} minutes`;
    throw new AppError('INVALID_DURATION', message, { errors: [{ path: 'duration', message }] });
  }
  return chosen;
}

/** 422 INVALID_ANSWERS naming every required question left blank and every answer to no question. */
export function checkAnswers(questions: readonly BookingQuestion[], answers: Readonly<Record<string, string>>): void {
  const known = new Set(questions.map((q) => q.id));
  const errors = [
    ...questions.filter((q) => q.required && !answers[q.id]?.trim()).map((q) => ({ path: `answers.${q.id}`, message: 'is required' })),
    ...Object.keys(answers)
      .filter((key) => !known.has(key))
      .map((key) => ({ path: `answers.${key}`, message: 'is not a question of this listing' })),
  ];
  if (errors.length)
    throw new AppError('INVALID_ANSWERS', `The answers do not fit the listing’s questions: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, {
      errors,
    });
}

/** The earliest and the latest start the listing accepts at `now`. */
export function bookableRange(rules: ListingRules, now: number): Interval {
  return { start: now + rules.minimumNotice * MINUTE, end: now + rules.windowDays * DAY };
}

/** 422 when a start is in the past, sooner than the notice or beyond the window. */
export function checkStart(rules: ListingRules, start: number, now: number): void {
  const range = bookableRange(rules, now);
  if (start < now) throw new AppError('BOOKING_IN_PAST', 'A booking cannot start in the past', { errors: [{ path: 'start', message: 'in the past' }] });
  if (start < range.start) {
    throw new AppError('BOOKING_NOTICE_TOO_SHORT', `The listing takes bookings at least ${rules.minimumNotice} minutes ahead`, {
      errors: [{ path: 'start', message: `earliest ${new Date(range.start).toISOString()}` }],
    });
  }
  if (start > range.end) {
    throw new AppError('BOOKING_OUTSIDE_WINDOW', `The listing takes bookings at most ${rules.windowDays} days ahead`, {
      errors: [{ path: 'start', message: `latest ${new Date(range.end).toISOString()}` }],
    });
  }
}

/** The local day and the local week (from Monday) that contain `instant`, as instants, in `zone`. */
export function dayAndWeekOf(instant: number, zone: string): { day: Interval; week: Interval } {
  const offsets = new ZoneOffsets(zone, instant - 8 * DAY, instant + 8 * DAY);
  const dayWall = Math.floor(offsets.toWall(instant) / DAY) * DAY;
  const weekWall = dayWall - ((new Date(dayWall).getUTCDay() + 6) % 7) * DAY;
  const at = (wall: number) => offsets.wallToInstant(wall);
  return { day: { start: at(dayWall), end: at(dayWall + DAY) }, week: { start: at(weekWall), end: at(weekWall + 7 * DAY) } };
}

/**
 * Slots whose day or week already holds as many bookings as the limits allow are
 * dropped. `starts` are the provider's active bookings' start instants.
 */
export function withinLimits(rules: ListingRules, slots: readonly Interval[], starts: readonly number[], zone: string): Interval[] {
  if (rules.dailyLimit === null && rules.weeklyLimit === null) return [...slots];
  const count = (range: Interval) => starts.filter((s) => s >= range.start && s < range.end).length;
  return slots.filter((slot) => {
    const { day, week } = dayAndWeekOf(slot.start, zone);
    return (rules.dailyLimit === null || count(day) < rules.dailyLimit) && (rules.weeklyLimit === null || count(week) < rules.weeklyLimit);
  });
}

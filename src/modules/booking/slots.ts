import { type Interval, subtract, union } from './intervals';
import { DAY, MINUTE, parseHhmm, parseIsoDate, ZoneOffsets } from './time';

/**
 * The slot engine: pure, no database. Availability rules in local wall-clock time are
 * turned into UTC intervals once, then everything is interval arithmetic on sorted
 * lists — no per-minute loops, so a month with hundreds of bookings costs well under a
 * millisecond or two.
 *
 * Semantics
 * - A weekly window (dayOfWeek 0 = Sunday … 6 = Saturday, 'HH:MM'–'HH:MM', zone) makes
 *   available every instant whose local wall time in that zone falls inside it on that
 *   weekday. Across a spring-forward gap the window is shorter, across a fall-back
 *   overlap longer; that is what the clock on the wall says.
 * - A date override (date, zone) replaces that whole local day: the weekly windows of
 *   every instant whose local date in the override's zone is that date are dropped, and
 *   the override's own windows apply instead. One override with available=false, or
 *   only zero-length ones, leaves the day blocked.
 * - Blocked ranges are absolute instants, removed from everything.
 * - Windows that touch merge (Monday 20:00–24:00 and Tuesday 00:00–02:00 are one
 *   stretch), so bookings may span midnight.
 */
export interface WeeklyWindow {
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  timezone: string;
}

export interface DateOverride {
  /** YYYY-MM-DD, a local date in `timezone`. */
  date: string;
  startTime: string;
  endTime: string;
  timezone: string;
  available: boolean;
}

export interface AvailabilityRules {
  weekly: readonly WeeklyWindow[];
  overrides: readonly DateOverride[];
  /** Blocked ranges, epoch milliseconds. */
  blocks: readonly Interval[];
}

export interface AvailableTime {
  /** Windows after overrides, before blocks: the grid slots are aligned to. */
  windows: Interval[];
  /** Windows minus blocked ranges: where a booking may lie. */
  free: Interval[];
}

/** Availability in [range.start, range.end) (windows overlapping the range are returned whole). */
export function availableTime(rules: AvailabilityRules, range: Interval): AvailableTime {
  const firstDay = Math.floor(range.start / DAY) * DAY - DAY;
  const lastDay = Math.floor(range.end / DAY) * DAY + DAY;
  const zones = new Map<string, ZoneOffsets>();
  const zone = (name: string) => {
    let offsets = zones.get(name);
    if (!offsets) zones.set(name, (offsets = new ZoneOffsets(name, range.start, range.end)));
    return offsets;
  };

  const weekly: Interval[] = [];
  const byWeekday: WeeklyWindow[][] = [[], [], [], [], [], [], []];
  for (const window of rules.weekly) byWeekday[window.dayOfWeek]?.push(window);
  for (let day = firstDay; day <= lastDay; day += DAY) {
    for (const window of byWeekday[new Date(day).getUTCDay()]!) {
      zone(window.timezone).wallRangeToInstants(day + parseHhmm(window.startTime) * MINUTE, day + parseHhmm(window.endTime) * MINUTE, weekly);
    }
  }

  const replacedDays: Interval[] = [];
  const overrideWindows: Interval[] = [];
  const groups = new Map<string, DateOverride[]>();
  for (const override of rules.overrides) {
    const key = `${override.timezone} ${override.date}`;
    const group = groups.get(key);
    if (group) group.push(override);
    else groups.set(key, [override]);
  }
  for (const group of groups.values()) {
    const day = parseIsoDate(group[0]!.date);
    if (!(day >= firstDay && day <= lastDay)) continue;
    const offsets = zone(group[0]!.timezone);
    offsets.wallRangeToInstants(day, day + DAY, replacedDays);
    if (group.some((o) => !o.available)) continue;
    for (const o of group) offsets.wallRangeToInstants(day + parseHhmm(o.startTime) * MINUTE, day + parseHhmm(o.endTime) * MINUTE, overrideWindows);
  }

  const windows = union([...subtract(union(weekly), union(replacedDays)), ...overrideWindows]).filter((w) => w.end > range.start && w.start < range.end);
  return { windows, free: subtract(windows, union(rules.blocks)) };
}

export interface SlotQuery {
  /** Slots start in [from, to). */
  from: number;
  to: number;
  durationMinutes: number;
  /** Distance between slot starts, from the start of each window. */
  stepMinutes: number;
  /** Time kept free before and after a slot: no existing booking may lie in it. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Earliest start (now + minimum notice). */
  notBefore: number;
}

/**
 * Free slots: [s, s + duration) lies inside the free availability, starts on the grid
 * of its window (window start + k·step), and [s − bufferBefore, s + duration +
 * bufferAfter) overlaps no busy interval. `busy` are the resource's active bookings.
 *
 * Two pointers walk the free list and the busy list while the candidate only moves
 * forward; a clash jumps the candidate straight past the obstacle, so the work is
 * proportional to windows + bookings + slots returned.
 */
export function findSlots(rules: AvailabilityRules, busy: readonly Interval[], query: SlotQuery): Interval[] {
  const duration = query.durationMinutes * MINUTE;
  const step = query.stepMinutes * MINUTE;
  const before = query.bufferBeforeMinutes * MINUTE;
  const after = query.bufferAfterMinutes * MINUTE;
  const { windows, free } = availableTime(rules, { start: query.from, end: query.to + duration });
  const taken = union(busy);
  const slots: Interval[] = [];
  const earliest = Math.max(query.from, query.notBefore);
  let f = 0;
  let b = 0;
  for (const window of windows) {
    const grid = (atLeast: number) => (atLeast <= window.start ? window.start : window.start + Math.ceil((atLeast - window.start) / step) * step);
    let start = grid(earliest);
    while (start < query.to && start + duration <= window.end) {
      const end = start + duration;
      while (f < free.length && free[f]!.end < end) f++;
      if (f === free.length) return slots;
      if (free[f]!.start > start) {
        start = grid(free[f]!.start);
        continue;
      }
      while (b < taken.length && taken[b]!.end <= start - before) b++;
      if (b < taken.length && taken[b]!.start < end + after) {
        start = grid(taken[b]!.end + before);
        continue;
      }
      slots.push({ start, end });
      start += step;
    }
  }
  return slots;
}

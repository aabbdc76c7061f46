import type { RequestContext } from '../../core/context';
import { AppError, validationFailed } from '../../core/errors';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { type AccountScope, type SchedulingDeps, withManagedUser } from './access';
import { invalidRange, invalidTimezone, rangeTooLong } from './errors';
import type { Interval } from './intervals';
import type { AvailabilityRow, BlockRow } from './repository';
import * as repo from './repository';
import {
  type AddBlockInput,
  addBlockInput,
  type GetAvailabilityInput,
  getAvailabilityInput,
  overrideDateInput,
  parseInput,
  removeBlockInput,
  type SetOverrideInput,
  type SetWeeklyInput,
  type SlotsInput,
  setOverrideInput,
  setWeeklyInput,
  slotsInput,
} from './schemas';
import { findSlots } from './slots';
import { DAY, formatIsoDate, isValidTimezone, MINUTE, parseHhmm, parseIsoDate } from './time';

export type AvailabilityDeps = SchedulingDeps;

/** The longest span one slots query may cover. */
export const MAX_SLOT_RANGE_DAYS = 62;
/** The longest span of overrides/blocks one read returns, and the longest blocked range. */
export const MAX_AVAILABILITY_RANGE_DAYS = 366;
export const MIN_SLOT_MINUTES = 5;

export interface AvailabilityView {
  userId: string;
  weekly: AvailabilityRow[];
  overrides: AvailabilityRow[];
  blocks: BlockRow[];
}

export interface SlotsResult {
  resource: string;
  timezone: string;
  duration: number;
  slots: Interval[];
}

/** Windows of one day: each ends after it starts, none overlaps another. */
function checkWindows(windows: readonly { start: string; end: string }[], path: (i: number) => string): void {
  const seen = windows.map((w, i) => ({ start: parseHhmm(w.start), end: parseHhmm(w.end), i }));
  for (const w of seen) if (w.end <= w.start) throw invalidRange(`${path(w.i)}.end`, `Window ${w.i + 1} must end after it starts`);
  seen.sort((a, b) => a.start - b.start);
  for (let k = 1; k < seen.length; k++) {
    if (seen[k]!.start < seen[k - 1]!.end) {
      const message = `Windows ${seen[k - 1]!.i + 1} and ${seen[k]!.i + 1} overlap`;
      throw new AppError('AVAILABILITY_WINDOWS_OVERLAP', message, { errors: [{ path: path(seen[k]!.i), message }] });
    }
  }
}

function duration(path: string, minutes: number, what: string): void {
  if (minutes < MIN_SLOT_MINUTES || minutes > 1440) {
    const message = `${what} must be between ${MIN_SLOT_MINUTES} and 1440 minutes`;
    throw new AppError('INVALID_DURATION', message, { errors: [{ path, message }] });
  }
}

/**
 * Availability of a bookable person: weekly windows, date overrides, blocked ranges —
 * and the free slots that result. Managed by the person (user.availability.update) or
 * by a manager of one of their accounts (account.bookings.manage).
 */
export function createAvailabilityService(deps: AvailabilityDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const forUser = <T>(
    ctx: RequestContext,
    userId: string | undefined,
    access: 'read' | 'update',
    fn: (tx: TenantTx, userId: string) => Promise<T>,
    scope?: AccountScope,
  ) => withManagedUser(db, ctx, userId, access, fn, scope);

  return {
    async get(ctx: RequestContext, raw: GetAvailabilityInput, scope?: AccountScope): Promise<AvailabilityView> {
      const input = parseInput(getAvailabilityInput, raw);
      const from = input.from ?? formatIsoDate(Math.floor(now().getTime() / DAY) * DAY);
      const to = input.to ?? formatIsoDate(parseIsoDate(from) + 90 * DAY);
      const span = { start: parseIsoDate(from), end: parseIsoDate(to) + DAY };
      return forUser(
        ctx,
        input.userId,
        'read',
        async (tx, userId) => {
          if (!(span.end > span.start)) throw invalidRange('to', 'to must not be before from');
          if (span.end - span.start > MAX_AVAILABILITY_RANGE_DAYS * DAY) throw rangeTooLong('to', MAX_AVAILABILITY_RANGE_DAYS);
          return {
            userId,
            weekly: await repo.weeklyOf(tx, userId),
            overrides: await repo.overridesOf(tx, userId, from, to),
            blocks: await repo.blocksOf(tx, userId, span),
          };
        },
        scope,
      );
    },

    /** Replaces the weekly schedule (all windows in one zone). An empty list clears it. */
    async setWeekly(ctx: RequestContext, raw: SetWeeklyInput, scope?: AccountScope): Promise<AvailabilityRow[]> {
      const input = parseInput(setWeeklyInput, raw);
      return forUser(
        ctx,
        input.userId,
        'update',
        async (tx, userId) => {
          if (!isValidTimezone(input.timezone)) throw invalidTimezone('timezone', input.timezone);
          for (let day = 0; day < 7; day++) {
            const indexes = input.windows.flatMap((w, i) => (w.dayOfWeek === day ? [i] : []));
            checkWindows(
              indexes.map((i) => input.windows[i]!),
              (k) => `windows.${indexes[k]}`,
            );
          }
          await repo.replaceWeekly(tx, userId, input.timezone, input.windows);
          return repo.weeklyOf(tx, userId);
        },
        scope,
      );
    },

    /** Replaces one date: other windows that day, or (available: false) none at all. */
    async setOverride(ctx: RequestContext, raw: SetOverrideInput, scope?: AccountScope): Promise<AvailabilityRow[]> {
      const input = parseInput(setOverrideInput, raw);
      return forUser(
        ctx,
        input.userId,
        'update',
        async (tx, userId) => {
          if (!isValidTimezone(input.timezone)) throw invalidTimezone('timezone', input.timezone);
          if (!input.available && input.windows.length > 0)
            throw validationFailed('A blocked day has no windows', [{ path: 'windows', message: 'must be empty when available is false' }]);
          if (input.available && input.windows.length === 0) {
            throw validationFailed('Give the windows of the day, or available: false to block it', [{ path: 'windows', message: 'must not be empty' }]);
          }
          checkWindows(input.windows, (i) => `windows.${i}`);
          const rows = input.available
            ? input.windows.map((w) => ({ ...w, timezone: input.timezone, available: true }))
            : [{ start: '00:00', end: '00:00', timezone: input.timezone, available: false }];
          await repo.replaceOverride(tx, userId, input.date, rows);
          return repo.overridesOf(tx, userId, input.date, input.date);
        },
        scope,
      );
    },

    /** Removes a date's override: the weekly windows apply to it again. */
    async removeOverride(ctx: RequestContext, raw: { userId?: string; date: string }, scope?: AccountScope): Promise<void> {
      const input = parseInput(overrideDateInput, raw);
      await forUser(
        ctx,
        input.userId,
        'update',
        async (tx, userId) => {
          if ((await repo.replaceOverride(tx, userId, input.date, [])) === 0) throw new AppError('OVERRIDE_NOT_FOUND');
        },
        scope,
      );
    },

    async addBlock(ctx: RequestContext, raw: AddBlockInput, scope?: AccountScope): Promise<BlockRow> {
      const input = parseInput(addBlockInput, raw);
      const start = new Date(input.start);
      const end = new Date(input.end);
      return forUser(
        ctx,
        input.userId,
        'update',
        async (tx, userId) => {
          if (!(end > start)) throw invalidRange('end', 'A blocked range must end after it starts');
          if (end.getTime() - start.getTime() > MAX_AVAILABILITY_RANGE_DAYS * DAY) throw rangeTooLong('end', MAX_AVAILABILITY_RANGE_DAYS);
          return repo.insertBlock(tx, { tenantId: tx.tenantId, userId, startTime: start, endTime: end, reason: input.reason ?? null });
        },
        scope,
      );
    },

    async removeBlock(ctx: RequestContext, raw: { userId?: string; blockId: string }, scope?: AccountScope): Promise<void> {
      const input = parseInput(removeBlockInput, raw);
      await forUser(
        ctx,
        input.userId,
        'update',
        async (tx, userId) => {
          if (!(await repo.deleteBlock(tx, userId, input.blockId))) throw new AppError('BLOCK_NOT_FOUND');
        },
        scope,
      );
    },

    /**
     * Free slots of a resource, for anyone in the tenant (public.availability.read).
     * One database round trip, then the pure engine.
     */
    async slots(ctx: RequestContext, raw: SlotsInput): Promise<SlotsResult> {
      const input = parseInput(slotsInput, raw);
      const from = Date.parse(input.from);
      const to = Date.parse(input.to);
      if (!(to > from)) throw invalidRange('to', 'to must be after from');
      if (to - from > MAX_SLOT_RANGE_DAYS * DAY) throw rangeTooLong('to', MAX_SLOT_RANGE_DAYS);
      duration('duration', input.duration, 'The duration');
      const step = input.step ?? input.duration;
      duration('step', step, 'The step');
      if (input.duration + input.bufferBefore + input.bufferAfter > 1440) {
        throw new AppError('INVALID_DURATION', 'A slot and its buffers must fit in one day', {
          errors: [{ path: 'duration', message: 'too long with the buffers' }],
        });
      }
      const timezone = input.timezone ?? 'UTC';
      if (!isValidTimezone(timezone)) throw invalidTimezone('timezone', timezone);
      const span = { start: from - input.bufferBefore * MINUTE, end: to + (input.duration + input.bufferAfter) * MINUTE };
      const schedule = await withTenant(db, ctx, (tx) => repo.loadSchedule(tx, input.resource, span, true));
      if (!schedule.found) throw new AppError('RESOURCE_NOT_FOUND');
      const slots = findSlots(schedule.rules, schedule.busy, {
        from,
        to,
        durationMinutes: input.duration,
        stepMinutes: step,
        bufferBeforeMinutes: input.bufferBefore,
        bufferAfterMinutes: input.bufferAfter,
        notBefore: now().getTime() + input.minimumNotice * MINUTE,
      });
      return { resource: input.resource, timezone, duration: input.duration, slots };
    },
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;

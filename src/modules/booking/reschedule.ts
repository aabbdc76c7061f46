import type { RequestContext } from '../../core/context';
import { AppError, illegalTransition } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import type { AccountScope, SchedulingDeps } from './access';
import { contains } from './intervals';
import { claimProvider } from './listing-booking';
import * as lrepo from './listing-repository';
import { checkStart, chooseDuration } from './listing-rules';
import { type RescheduleInput, rescheduleInput } from './listing-schemas';
import { noticeBooking } from './notices';
import { managesResource } from './policy';
import type { BookingRow } from './repository';
import * as repo from './repository';
import { availableTime } from './slots';
import { MINUTE } from './time';
import { visibleBooking } from './visible-booking';

/** Bookings that still hold a time that can move. */
const MOVABLE = ['PENDING', 'CONFIRMED'] as const;
const MAX_MINUTES = 14 * 24 * 60;

/**
 * Moves one booking (one occurrence, when it belongs to a series) to a new time, in one
 * transaction: any party may. A booking made through a listing is held to the listing's
 * rules again (notice, window, availability, buffers, limits, under the provider's lock)
 * and waits for the provider's confirmation again when the client moved it and the
 * listing confirms bookings; any other booking must lie in the resource's availability
 * unless an account manager moves it. The exclusion constraint decides overlaps.
 */
/** Both sides are told of the move, with the updated invitation. */
async function noticed(tx: TenantTx, ctx: RequestContext, moved: BookingRow): Promise<BookingRow> {
  await noticeBooking(tx, 'booking.rescheduled', moved, ctx.actor?.userId ?? null);
  return moved;
}

export async function rescheduleBooking(
  deps: SchedulingDeps,
  ctx: RequestContext,
  bookingId: string,
  raw: RescheduleInput,
  scope?: AccountScope,
): Promise<BookingRow> {
  const input = parseInput(rescheduleInput, raw);
  const now = (deps.now ?? (() => new Date()))().getTime();
  return withTenant(deps.db, ctx, async (tx) => {
    const { booking, facts, parties } = await visibleBooking(tx, ctx, bookingId, true, scope);
    if (parties.size === 0) throw new AppError('BOOKING_ACTION_FORBIDDEN', 'Only the client, the resource or an account manager can reschedule a booking');
    if (!(MOVABLE as readonly string[]).includes(booking.status)) {
      throw illegalTransition('booking', booking.status, 'reschedule', []);
    }
    const start = Date.parse(input.start);
    const settings = booking.listingId ? await lrepo.listingBookingOf(tx, booking.listingId) : undefined;
    const currentMinutes = Math.round((booking.endTime.getTime() - booking.startTime.getTime()) / MINUTE);

    if (settings) {
      const minutes = input.duration === undefined ? currentMinutes : chooseDuration(settings, input.duration);
      checkStart(settings, start, now);
      const interval = { start, end: start + minutes * MINUTE };
      await claimProvider(tx, booking.resourceId, interval, settings, booking.id);
      // A client's move waits for the provider again when the listing confirms bookings.
      const providerSide = parties.has('resource') || parties.has('account');
      const status = settings.requiresConfirmation && !providerSide ? 'PENDING' : undefined;
      return noticed(tx, ctx, await lrepo.moveBookingTo(tx, booking.id, { start: new Date(interval.start), end: new Date(interval.end), status }));
    }

    const minutes = input.duration ?? currentMinutes;
    if (minutes > MAX_MINUTES) {
      throw new AppError('BOOKING_TOO_LONG', 'A booking may last at most 14 days', { errors: [{ path: 'duration', message: 'too long' }] });
    }
    if (start < now) throw new AppError('BOOKING_IN_PAST', 'A booking cannot start in the past', { errors: [{ path: 'start', message: 'in the past' }] });
    const interval = { start, end: start + minutes * MINUTE };
    await lrepo.lockProvider(tx, booking.resourceId);
    const schedule = await repo.loadSchedule(tx, booking.resourceId, interval, false);
    const inside = contains(availableTime(schedule.rules, interval).free, interval);
    const manager = managesResource(ctx.permissions, facts.resourceAccountIds);
    if (!inside && !manager) throw new AppError('BOOKING_OUTSIDE_AVAILABILITY');
    const moved = await lrepo.moveBookingTo(tx, booking.id, {
      start: new Date(interval.start),
      end: new Date(interval.end),
      availabilityOverriddenBy: inside ? null : (ctx.actor?.userId ?? null),
    });
    return noticed(tx, ctx, moved);
  });
}

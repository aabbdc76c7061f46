import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import type { SchedulingDeps } from './access';
import { invalidRange, invalidTimezone, rangeTooLong } from './errors';
import { contains, type Interval } from './intervals';
import type { ListingBooking, ListingForBooking } from './listing-repository';
import * as lrepo from './listing-repository';
import { bookableRange, checkAnswers, checkStart, chooseDuration, dayAndWeekOf, type ListingRules, withinLimits } from './listing-rules';
import {
  type BookListingInput,
  bookListingInput,
  type ListingBookingInput,
  type ListingBookingJson,
  type ListingSlotsInput,
  listingBookingInput,
  listingSlotsInput,
} from './listing-schemas';
import { noticeBooking } from './notices';
import { requireActor } from './policy';
import type { BookingRow } from './repository';
import * as repo from './repository';
import { availableTime, findSlots } from './slots';
import { DAY, isValidTimezone, MINUTE } from './time';

/**
 * Booking a listing (issue 16, 4): the listing's account sets how it is booked, anyone
 * sees its free slots, a signed-in person books it. Every rule the slots respect is
 * enforced again when the booking is made, under a lock per provider; overlaps stay the
 * exclusion constraint's to decide.
 */
const MAX_SLOT_RANGE_DAYS = 62;

export function presentListingBooking(row: ListingBooking): ListingBookingJson {
  return {
    listingId: row.listingId,
    providers: row.providers,
    durations: row.durations,
    bufferBefore: row.bufferBefore,
    bufferAfter: row.bufferAfter,
    minimumNotice: row.minimumNotice,
    windowDays: row.windowDays,
    dailyLimit: row.dailyLimit,
    weeklyLimit: row.weeklyLimit,
    questions: row.questions,
    instant: !row.requiresConfirmation,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The booking settings shown on a listing (null: it takes no bookings). */
export async function readListingBooking(tx: TenantTx, listingId: string): Promise<ListingBookingJson | null> {
  const found = await lrepo.listingBookingOf(tx, listingId);
  return found ? presentListingBooking(found) : null;
}

/** A listing that takes bookings now, with its settings: 404, 409 LISTING_UNAVAILABLE or 409 LISTING_NOT_BOOKABLE otherwise. */
async function bookableListing(tx: TenantTx, listingId: string): Promise<{ listing: ListingForBooking; booking: ListingBooking }> {
  const listing = await lrepo.findListingForBooking(tx, listingId);
  if (!listing) throw new AppError('LISTING_NOT_FOUND');
  if (!listing.active || listing.accountSuspended) {
    throw new AppError(
      'LISTING_UNAVAILABLE',
      listing.accountSuspended ? 'The listing’s account is suspended: it takes no bookings' : 'The listing is not active: it takes no bookings',
    );
  }
  const booking = await lrepo.listingBookingOf(tx, listingId);
  if (!booking) throw new AppError('LISTING_NOT_BOOKABLE');
  return { listing, booking };
}

/**
 * The free time kept between two bookings of a provider: a booking's buffer after must
 * separate it from the next one, whose buffer before must too, so the gap on either side
 * of a booking is the larger of the two. (Only the buffer zones are checked here: an
 * overlap of the bookings themselves is the exclusion constraint's to refuse.)
 */
const bufferGap = (rules: ListingRules) => Math.max(rules.bufferBefore, rules.bufferAfter);

/**
 * Whether `interval` may be booked with `providerId` under the listing's rules, checked
 * under the provider's lock (taken here, held to the end of the transaction): inside the
 * provider's free availability, no other booking in the buffers around it, the day's and
 * week's limits not reached. `exceptId`: the booking being moved. Returns the provider's zone.
 */
export async function claimProvider(tx: TenantTx, providerId: string, interval: Interval, rules: ListingRules, exceptId: string | null): Promise<string> {
  await lrepo.lockProvider(tx, providerId);
  const schedule = await repo.loadSchedule(tx, providerId, interval, false);
  if (!schedule.found || !contains(availableTime(schedule.rules, interval).free, interval)) {
    throw new AppError('BOOKING_OUTSIDE_AVAILABILITY', 'The provider is not available at this time');
  }
  const gap = bufferGap(rules) * MINUTE;
  const before = { start: new Date(interval.start - gap), end: new Date(interval.start) };
  const after = { start: new Date(interval.end), end: new Date(interval.end + gap) };
  for (const buffer of gap > 0 ? [before, after] : []) {
    if (await lrepo.busyWithin(tx, providerId, buffer.start, buffer.end, exceptId)) {
      throw new AppError('BOOKING_BUFFER_CONFLICT', `The provider keeps ${rules.bufferBefore} minutes before and ${rules.bufferAfter} after each booking free`);
    }
  }
  const zone = schedule.zone ?? 'UTC';
  const { day, week } = dayAndWeekOf(interval.start, zone);
  const limits: [number | null, Interval, string][] = [
    [rules.dailyLimit, day, 'day'],
    [rules.weeklyLimit, week, 'week'],
  ];
  for (const [limit, range, what] of limits) {
    if (limit !== null && (await lrepo.countStarting(tx, providerId, new Date(range.start), new Date(range.end), exceptId)) >= limit) {
      throw new AppError('BOOKING_LIMIT_REACHED', `The provider takes at most ${limit} bookings a ${what} through this listing’s rules`, {
        extra: { limit, period: what },
      });
    }
  }
  return zone;
}

/** PUT …/listings/{listingId}/booking: makes a listing bookable, or changes how. */
export async function configureListingBooking(
  deps: SchedulingDeps,
  ctx: RequestContext,
  ref: { accountId: string; listingId: string },
  raw: ListingBookingInput,
): Promise<ListingBookingJson> {
  const input = parseInput(listingBookingInput, raw);
  requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const listing = await lrepo.findListingForBooking(tx, ref.listingId);
    if (!listing || listing.accountId !== ref.accountId) throw new AppError('LISTING_NOT_FOUND');
    if (!ctx.permissions.can('account.listings.update', listing.accountId)) {
      throw new AppError(ctx.permissions.can('account.listings.read', listing.accountId) ? 'FORBIDDEN' : 'LISTING_NOT_FOUND');
    }
    const allowed = ['SERVICE', ...(await lrepo.tenantBookableTypes(tx))];
    if (!allowed.includes(listing.type)) {
      throw new AppError(
        'LISTING_TYPE_NOT_BOOKABLE',
        `Listings of type ${listing.type} cannot take bookings here (bookable: ${[...new Set(allowed)].join(', ')})`,
      );
    }
    const longest = Math.max(...input.durations) + input.bufferBefore + input.bufferAfter;
    if (longest > 1440) {
      throw new AppError('INVALID_DURATION', 'A booking and its buffers must fit in one day', {
        errors: [{ path: 'durations', message: 'too long with the buffers' }],
      });
    }
    const members = await lrepo.activeMembers(tx, listing.accountId, input.providers);
    const strangers = input.providers.flatMap((id, i) =>
      members.has(id) ? [] : [{ path: `providers.${i}`, message: 'is not an active member of the listing’s account' }],
    );
    if (strangers.length) throw new AppError('UNKNOWN_PROVIDER', 'Providers must be active members of the listing’s account', { errors: strangers });
    await lrepo.saveListingBooking(
      tx,
      listing.id,
      {
        durations: input.durations,
        bufferBefore: input.bufferBefore,
        bufferAfter: input.bufferAfter,
        minimumNotice: input.minimumNotice,
        windowDays: input.windowDays,
        dailyLimit: input.dailyLimit,
        weeklyLimit: input.weeklyLimit,
        questions: input.questions,
        requiresConfirmation: !input.instant,
      },
      [...input.providers].sort(),
    );
    return presentListingBooking((await lrepo.listingBookingOf(tx, listing.id))!);
  });
}

export interface ListingSlot extends Interval {
  providerIds: string[];
}

/** Free slots of the listing's providers in [from, to), by every rule a booking is held to. */
export async function listingSlots(
  deps: SchedulingDeps,
  ctx: RequestContext,
  listingId: string,
  raw: ListingSlotsInput,
): Promise<{ listingId: string; timezone: string; duration: number; slots: ListingSlot[] }> {
  const input = parseInput(listingSlotsInput, raw);
  const now = (deps.now ?? (() => new Date()))().getTime();
  return withTenant(deps.db, ctx, async (tx) => {
    const { booking } = await bookableListing(tx, listingId);
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    if (!(to > from)) throw invalidRange('to', 'to must be after from');
    if (to - from > MAX_SLOT_RANGE_DAYS * DAY) throw rangeTooLong('to', MAX_SLOT_RANGE_DAYS);
    const duration = chooseDuration(booking, input.duration);
    const timezone = input.timezone ?? 'UTC';
    if (!isValidTimezone(timezone)) throw invalidTimezone('timezone', timezone);
    if (input.providerId && !booking.providers.includes(input.providerId)) {
      throw new AppError('UNKNOWN_PROVIDER', 'Not a provider of this listing', { errors: [{ path: 'providerId', message: 'not a provider of this listing' }] });
    }
    const range = bookableRange(booking, now);
    const until = Math.min(to, range.end + 1);
    const byStart = new Map<number, ListingSlot>();
    if (until > from) {
      // Bookings of the whole weeks around the range count against the limits.
      const span = { start: from - 8 * DAY, end: to + 8 * DAY };
      for (const providerId of input.providerId ? [input.providerId] : booking.providers) {
        const schedule = await repo.loadSchedule(tx, providerId, span, true);
        if (!schedule.found) continue;
        const free = findSlots(schedule.rules, schedule.busy, {
          from,
          to: until,
          durationMinutes: duration,
          stepMinutes: duration,
          bufferBeforeMinutes: bufferGap(booking),
          bufferAfterMinutes: bufferGap(booking),
          notBefore: range.start,
        });
        const starts = schedule.busy.map((b) => b.start);
        for (const slot of withinLimits(booking, free, starts, schedule.zone ?? 'UTC')) {
          const seen = byStart.get(slot.start);
          if (seen) seen.providerIds.push(providerId);
          else byStart.set(slot.start, { ...slot, providerIds: [providerId] });
        }
      }
    }
    const slots = [...byStart.values()].sort((a, b) => a.start - b.start);
    return { listingId, timezone, duration, slots };
  });
}

/**
 * POST /user/listings/{id}/bookings: books the listing for the caller with the named
 * provider, or the first provider (in id order) free at that time. PENDING when the
 * listing wants to confirm each booking, CONFIRMED when it is instant.
 */
export async function bookListing(deps: SchedulingDeps, ctx: RequestContext, listingId: string, raw: BookListingInput): Promise<BookingRow> {
  const input = parseInput(bookListingInput, raw);
  const clientId = requireActor(ctx);
  const now = (deps.now ?? (() => new Date()))().getTime();
  return withTenant(deps.db, ctx, async (tx) => {
    const { listing, booking } = await bookableListing(tx, listingId);
    const duration = chooseDuration(booking, input.duration);
    checkAnswers(booking.questions, input.answers);
    if (input.timezone !== undefined && !isValidTimezone(input.timezone)) throw invalidTimezone('timezone', input.timezone);
    const start = Date.parse(input.start);
    checkStart(booking, start, now);
    if (input.providerId && !booking.providers.includes(input.providerId)) {
      throw new AppError('UNKNOWN_PROVIDER', 'Not a provider of this listing', { errors: [{ path: 'providerId', message: 'not a provider of this listing' }] });
    }
    if (input.providerId === clientId) throw new AppError('BOOKING_SELF', 'You cannot book yourself');
    const candidates = (input.providerId ? [input.providerId] : booking.providers).filter((id) => id !== clientId);
    if (candidates.length === 0) throw new AppError('BOOKING_SELF', 'You are this listing’s only provider');

    const interval = { start, end: start + duration * MINUTE };
    let refusal: unknown;
    for (const providerId of candidates) {
      try {
        const zone = await claimProvider(tx, providerId, interval, booking, null);
        const [row] = await repo.insertBookingsSkippingClashes(tx, [
          {
            tenantId: tx.tenantId,
            resourceId: providerId,
            clientId,
            listingId: listing.id,
            answers: input.answers,
            title: listing.title,
            type: listing.type === 'SERVICE' ? 'SERVICE' : 'APPOINTMENT',
            startTime: new Date(interval.start),
            endTime: new Date(interval.end),
            timezone: input.timezone ?? zone,
            status: booking.requiresConfirmation ? 'PENDING' : 'CONFIRMED',
            confirmedAt: booking.requiresConfirmation ? null : new Date(now),
          },
        ]);
        if (row) {
          await noticeBooking(tx, row.status === 'CONFIRMED' ? 'booking.confirmed' : 'booking.requested', row, clientId);
          return row;
        }
        throw new AppError('BOOKING_SLOT_TAKEN', 'The provider already has a booking at this time');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // The first provider's reason is the answer when nobody is free.
        refusal ??= error;
      }
    }
    throw refusal;
  });
}

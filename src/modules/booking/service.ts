import type { RequestContext } from '../../core/context';
import { AppError, invalidCursor, validationFailed } from '../../core/errors';
import { newId } from '../../core/ids';
import { decodeCursor, type Page, toPage } from '../../core/pagination';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { emitEvent } from '../events';
import type { AccountScope, SchedulingDeps } from './access';
import { invalidRange, invalidTimezone } from './errors';
import { contains, type Interval } from './intervals';
import { lockProvider } from './listing-repository';
import { type BookingNoticeKind, noticeBooking } from './notices';
import {
  assertMayEdit,
  type BookingAction,
  type BookingStatus,
  bookingTransitions,
  decideTransition,
  managesResource,
  partiesOf,
  requireActor,
} from './policy';
import { presentBooking } from './presenters';
import { expandRecurrence, formatRecurrence, parseRecurrence } from './recurrence';
import type { BookingRow, NewBookingRow } from './repository';
import * as repo from './repository';
import {
  bookingIdInput,
  type CreateBookingInput,
  createBookingInput,
  type ListAccountBookingsInput,
  type ListBookingsInput,
  type ListTenantBookingsInput,
  listAccountBookingsInput,
  listBookingsInput,
  listTenantBookingsInput,
  parseInput,
  type TransitionInput,
  transitionInput,
  type UpdateBookingInput,
  updateBookingInput,
} from './schemas';
import { availableTime } from './slots';
import { DAY, isValidTimezone } from './time';
import { visibleBooking as findVisibleBooking } from './visible-booking';

export type BookingDeps = SchedulingDeps;

export const MAX_BOOKING_DAYS = 14;

/** The domain event of each booking move. */
const TRANSITION_EVENTS: Record<BookingAction, string> = {
  confirm: 'booking.confirmed',
  start: 'booking.started',
  complete: 'booking.completed',
  cancel: 'booking.cancelled',
  noShow: 'booking.no_show',
};

/** The moves both sides are told about (with a calendar invitation or cancellation). */
const NOTICED_TRANSITIONS: Partial<Record<BookingAction, BookingNoticeKind>> = { confirm: 'booking.confirmed', cancel: 'booking.cancelled' };

/** One booking's change as a domain event, in the transaction that made it. */
const announce = (tx: TenantTx, ctx: RequestContext, type: string, row: BookingRow) =>
  emitEvent(tx, { type, actorId: ctx.actor?.userId ?? null, resourceType: 'booking', resourceId: row.id, payload: presentBooking(row) });

const spell = (o: Interval) => `${new Date(o.start).toISOString()}–${new Date(o.end).toISOString()}`;
const asJson = (o: Interval) => ({ start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString() });

/** The cursor of a bookings page: (start time, id) of its last row. */
function afterCursor(cursor: string | undefined): [Date, string] | undefined {
  if (!cursor) return undefined;
  const [start, id] = decodeCursor(cursor, 2);
  const date = new Date(String(start));
  if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw invalidCursor();
  return [date, id];
}

const filterOf = (input: { status?: BookingStatus; from?: string; to?: string; cursor?: string }): repo.BookingFilter => ({
  status: input.status,
  from: input.from ? new Date(input.from) : undefined,
  to: input.to ? new Date(input.to) : undefined,
  after: afterCursor(input.cursor),
});

const pageOf = (found: BookingRow[], limit: number): Page<BookingRow> =>
  toPage(
    found,
    limit,
    (row) => [row.startTime.toISOString(), row.id],
    (row) => row,
  );

/**
 * Bookings: create (single or recurring, inside the resource's availability unless an
 * account manager overrides it), read, edit, list, and the status transitions of
 * policy.ts. No overlap check happens in here: the exclusion constraint decides.
 */
export function createBookingService(deps: BookingDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const visibleBooking = findVisibleBooking;

  return {
    /**
     * Creates a booking, or every occurrence of a recurring one, all or nothing.
     * Returns the rows in time order (one for a single booking).
     */
    async create(ctx: RequestContext, raw: CreateBookingInput, scope?: AccountScope): Promise<BookingRow[]> {
      const input = parseInput(createBookingInput, raw);
      const actorId = requireActor(ctx);
      const clientId = input.clientId ?? actorId;
      if (clientId === input.resourceId) throw new AppError('BOOKING_SELF', 'The client and the booked resource must be different people');

      return withTenant(db, ctx, async (tx) => {
        const tenantId = tx.tenantId;
        const people = await repo.activeUserIds(tx, [input.resourceId, clientId]);
        if (!people.has(input.resourceId)) throw new AppError('UNKNOWN_RESOURCE');
        if (!people.has(clientId)) throw new AppError('UNKNOWN_CLIENT', 'The client does not exist or is not active');
        const accountIds = await repo.accountIdsOf(tx, input.resourceId);
        if (scope && !accountIds.includes(scope.accountId)) throw new AppError('UNKNOWN_RESOURCE', 'The resource is not a member of this account');
        // Naming someone else as the client (who then finds the booking in their list and
        // may have to pay it) takes an account manager of the resource; everybody else
        // books for themselves (decision 0031, 8).
        const manager = managesResource(ctx.permissions, accountIds);
        const forSelf = clientId === actorId && ctx.permissions.can('user.bookings.create');
        if (!forSelf && !manager) throw new AppError('BOOKING_FORBIDDEN', 'Booking for someone else needs account.bookings.manage for the resource’s account');
        // The price is set by those who may edit it later, not by the client.
        if (input.price !== undefined || input.currency !== undefined) {
          assertMayEdit('money', partiesOf({ clientId, resourceId: input.resourceId, resourceAccountIds: accountIds }, actorId, ctx.permissions));
        }

        // Who and whom first (404/403 before 400, so nothing is learnt about others' records); then the times.
        const first: Interval = { start: Date.parse(input.start), end: Date.parse(input.end) };
        if (!(first.end > first.start)) throw invalidRange('end', 'A booking must end after it starts');
        if (first.end - first.start > MAX_BOOKING_DAYS * DAY) {
          throw new AppError('BOOKING_TOO_LONG', `A booking may last at most ${MAX_BOOKING_DAYS} days`, {
            errors: [{ path: 'end', message: 'too long' }],
          });
        }
        if (input.timezone !== undefined && !isValidTimezone(input.timezone)) throw invalidTimezone('timezone', input.timezone);
        const rule = input.recurrence === undefined ? undefined : formatRecurrence(parseRecurrence(input.recurrence));

        const probe = await repo.loadSchedule(tx, input.resourceId, first, false);
        const timezone = input.timezone ?? probe.zone ?? 'UTC';
        const occurrences = rule ? expandRecurrence(rule, first, timezone) : [first];
        const span = { start: occurrences[0]!.start, end: occurrences[occurrences.length - 1]!.end };
        const schedule = rule ? await repo.loadSchedule(tx, input.resourceId, span, false) : probe;
        const { free } = availableTime(schedule.rules, span);
        const outside = occurrences.filter((o) => !contains(free, o));
        const past = occurrences[0]!.start < now().getTime();

        // Recorded on exactly the occurrences that needed the override.
        const overridden = new Set(outside);
        if (past) overridden.add(occurrences[0]!);
        if (overridden.size > 0) {
          if (!input.overrideAvailability) {
            if (past) throw new AppError('BOOKING_IN_PAST', 'A booking cannot start in the past');
            throw new AppError(
              'BOOKING_OUTSIDE_AVAILABILITY',
              occurrences.length === 1
                ? 'The resource is not available at this time'
                : `${outside.length} of ${occurrences.length} occurrences are outside the resource’s availability: ${outside.slice(0, 5).map(spell).join(', ')}${outside.length > 5 ? ', …' : ''}`,
              { extra: { occurrences: outside.map(asJson) } },
            );
          }
          if (!manager) throw new AppError('AVAILABILITY_OVERRIDE_FORBIDDEN', 'Only an account manager of the resource can book outside its availability');
        }

        const seriesId = rule ? newId() : null;
        const values: NewBookingRow[] = occurrences.map((o) => ({
          tenantId,
          resourceId: input.resourceId,
          clientId,
          title: input.title,
          description: input.description ?? null,
          type: input.type,
          startTime: new Date(o.start),
          endTime: new Date(o.end),
          timezone,
          recurrence: rule ? { rrule: rule } : null,
          seriesId,
          location: input.location ?? null,
          meetingUrl: input.meetingUrl ?? null,
          price: input.price ?? null,
          currency: input.currency ?? null,
          availabilityOverriddenBy: overridden.has(o) ? actorId : null,
        }));
        // The lock booking a listing counts a provider's day and week under (listing-booking.ts):
        // taken here too, so a direct booking cannot slip between a listing booking's count and insert.
        await lockProvider(tx, input.resourceId);
        const inserted = await repo.insertBookingsSkippingClashes(tx, values);
        if (inserted.length < values.length) {
          const taken = new Set(inserted.map((row) => row.startTime.getTime()));
          const clashes = occurrences.filter((o) => !taken.has(o.start));
          throw new AppError(
            'BOOKING_SLOT_TAKEN',
            occurrences.length === 1
              ? 'The resource already has a booking at this time'
              : `${clashes.length} of ${occurrences.length} occurrences clash with existing bookings: ${clashes.slice(0, 5).map(spell).join(', ')}${clashes.length > 5 ? ', …' : ''}`,
            { extra: { occurrences: clashes.map(asJson) } },
          );
        }
        const sorted = inserted.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
        for (const row of sorted) await announce(tx, ctx, 'booking.requested', row);
        // One notice per request: for a series, its first occurrence.
        await noticeBooking(tx, 'booking.requested', sorted[0]!, ctx.actor?.userId ?? null);
        return sorted;
      });
    },

    async get(ctx: RequestContext, raw: { bookingId: string }, scope?: AccountScope): Promise<BookingRow> {
      const input = parseInput(bookingIdInput, raw);
      return withTenant(db, ctx, async (tx) => (await visibleBooking(tx, ctx, input.bookingId, false, scope)).booking);
    },

    /** Details by any party; price, currency and paid by the resource or an account manager. */
    async update(ctx: RequestContext, raw: UpdateBookingInput, scope?: AccountScope): Promise<BookingRow> {
      const { bookingId, ...patch } = parseInput(updateBookingInput, raw);
      return withTenant(db, ctx, async (tx) => {
        const { booking, parties } = await visibleBooking(tx, ctx, bookingId, true, scope);
        const details = patch.title !== undefined || patch.description !== undefined || patch.location !== undefined || patch.meetingUrl !== undefined;
        const money = patch.price !== undefined || patch.currency !== undefined || patch.paid !== undefined;
        if (details) assertMayEdit('details', parties);
        if (money) assertMayEdit('money', parties);
        if (!details && !money) return booking;
        const price = patch.price === undefined ? booking.price : patch.price;
        const currency = patch.currency === undefined ? booking.currency : patch.currency;
        if (price !== null && currency === null)
          throw validationFailed('A price needs a currency', [{ path: 'currency', message: 'is required with a price' }]);
        const updated = await repo.updateBooking(tx, bookingId, patch);
        await announce(tx, ctx, 'booking.updated', updated);
        return updated;
      });
    },

    /**
     * confirm / start / complete / cancel / noShow. Cancelling with scope 'following'
     * cancels this occurrence and every later one of its series that can still be
     * cancelled. Returns the rows that changed.
     */
    async transition(ctx: RequestContext, raw: TransitionInput, scope?: AccountScope): Promise<BookingRow[]> {
      const input = parseInput(transitionInput, raw);
      if (input.scope === 'following' && input.action !== 'cancel') {
        throw validationFailed('Only cancel can apply to the following occurrences', [{ path: 'scope', message: 'only with action cancel' }]);
      }
      return withTenant(db, ctx, async (tx) => {
        const { booking, parties } = await visibleBooking(tx, ctx, input.bookingId, true, scope);
        const to = decideTransition(booking, input.action, parties, now());
        const from = bookingTransitions[input.action].from;
        let ids = [booking.id];
        if (input.scope === 'following') {
          if (!booking.seriesId) throw new AppError('BOOKING_NOT_IN_SERIES', 'This booking is not part of a recurring series');
          ids = (await repo.seriesFrom(tx, booking.seriesId, booking.startTime)).filter((row) => from.includes(row.status)).map((row) => row.id);
        }
        const changed = await repo.moveBookings(tx, ids, from, to);
        for (const row of changed) await announce(tx, ctx, TRANSITION_EVENTS[input.action], row);
        const noticed = NOTICED_TRANSITIONS[input.action];
        if (noticed) for (const row of changed) await noticeBooking(tx, noticed, row, ctx.actor?.userId ?? null);
        return changed.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
      });
    },

    /** The caller's bookings, as client and/or resource, by start time. */
    async listMine(ctx: RequestContext, raw: ListBookingsInput): Promise<Page<BookingRow>> {
      const input = parseInput(listBookingsInput, raw);
      const actorId = requireActor(ctx);
      if (!ctx.permissions.can('user.bookings.read')) throw new AppError('FORBIDDEN');
      return withTenant(db, ctx, async (tx) =>
        pageOf(await repo.listBookings(tx, repo.involving(actorId, input.role), filterOf(input), input.limit), input.limit),
      );
    },

    /** Bookings of an account's members (account.bookings.read or manage on that account). */
    async listForAccount(ctx: RequestContext, raw: ListAccountBookingsInput): Promise<Page<BookingRow>> {
      const input = parseInput(listAccountBookingsInput, raw);
      const may =
        ['account.bookings.read', 'account.bookings.manage'].some((p) => ctx.permissions.can(p, input.accountId)) ||
        ctx.permissions.can('tenant.bookings.read');
      if (!may) throw new AppError('ACCOUNT_NOT_FOUND');
      return withTenant(db, ctx, async (tx) => {
        if (!(await repo.accountExists(tx, input.accountId))) throw new AppError('ACCOUNT_NOT_FOUND');
        return pageOf(
          await repo.listBookings(tx, repo.ofAccountMembers(tx.tenantId, input.accountId, input.resourceId), filterOf(input), input.limit),
          input.limit,
        );
      });
    },

    /** Every booking of the tenant (tenant.bookings.read), optionally of one resource or client. */
    async listForTenant(ctx: RequestContext, raw: ListTenantBookingsInput): Promise<Page<BookingRow>> {
      const input = parseInput(listTenantBookingsInput, raw);
      if (!ctx.permissions.can('tenant.bookings.read')) throw new AppError('FORBIDDEN');
      return withTenant(db, ctx, async (tx) =>
        pageOf(await repo.listBookings(tx, repo.withParties(input.resourceId, input.clientId), filterOf(input), input.limit), input.limit),
      );
    },
  };
}

export type BookingService = ReturnType<typeof createBookingService>;

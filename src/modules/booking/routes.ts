import { z } from 'zod';
import type { ErrorCode } from '../../core/errors';
import { pageOf, uuid } from '../../http/kit/schemas';
import type { Api, RouteModule } from '../../http/kit/types';
import type { PermissionName } from '../access';
import type { AccountScope, SchedulingDeps } from './access';
import { createAvailabilityService } from './availability-service';
import { createCalendarFeedService } from './calendar-service';
import { listingBookingRoutes } from './listing-routes';
import { rescheduleInput } from './listing-schemas';
import type { BookingAction } from './policy';
import { presentAvailability, presentBlock, presentBooking, presentOverrides, presentSlots, presentWeekly } from './presenters';
import type { BookingRow } from './repository';
import { rescheduleBooking } from './reschedule';
import {
  addBlockInput,
  availabilitySchema,
  blockSchema,
  bookingSchema,
  calendarToken,
  createBookingInput,
  getAvailabilityInput,
  listAccountBookingsInput,
  listBookingsInput,
  listTenantBookingsInput,
  overrideDateInput,
  overrideSchema,
  setOverrideInput,
  setWeeklyInput,
  slotsInput,
  slotsSchema,
  transitionInput,
  updateBookingInput,
  weeklyWindowSchema,
} from './schemas';
import { createBookingService } from './service';

/**
 * Bookings and availability over HTTP. The same operations exist in the user tier
 * (one's own bookings and availability) and in the account tier (the bookings and
 * availability of an account's members); each is registered once per tier by the
 * helpers below, which only differ in path, permission and the account scope passed
 * to the services.
 */
const bookingWithOccurrences = bookingSchema
  .extend({ occurrences: z.array(bookingSchema).optional().describe('Recurring series: every occurrence the request created or changed, in time order') })
  .meta({ id: 'BookingResult' });

/** One booking, plus every occurrence when the request touched several. */
function presentResult(rows: BookingRow[], addressed?: string) {
  const main = rows.find((row) => row.id === addressed) ?? rows[0]!;
  return rows.length > 1 || main.seriesId ? { ...presentBooking(main), occurrences: rows.map(presentBooking) } : presentBooking(main);
}

/**
 * The codes each booking route answers beyond its tier's (docs/development.md, "An
 * error"): what its use case and the policy it applies throw, and the constraints its
 * statements can break (db/constraint-errors.ts). Shared by both tiers; the member
 * availability routes of the account tier also answer USER_NOT_FOUND (`missing`).
 */
const createErrors: ErrorCode[] = [
  'USER_BLOCKED',
  'UNKNOWN_RESOURCE',
  'UNKNOWN_CLIENT',
  'BOOKING_SELF',
  'BOOKING_FORBIDDEN',
  'BOOKING_EDIT_FORBIDDEN',
  'AVAILABILITY_OVERRIDE_FORBIDDEN',
  'INVALID_TIME_RANGE',
  'INVALID_TIMEZONE',
  'BOOKING_TOO_LONG',
  'INVALID_RECURRENCE',
  'RECURRENCE_OVERLAPS',
  'BOOKING_IN_PAST',
  'BOOKING_OUTSIDE_AVAILABILITY',
  'BOOKING_SLOT_TAKEN',
];
const transitionErrors: ErrorCode[] = ['BOOKING_NOT_FOUND', 'BOOKING_ACTION_FORBIDDEN', 'ILLEGAL_TRANSITION'];
const rescheduleErrors: ErrorCode[] = [
  ...transitionErrors,
  'INVALID_DURATION',
  'BOOKING_TOO_LONG',
  'BOOKING_IN_PAST',
  'BOOKING_NOTICE_TOO_SHORT',
  'BOOKING_OUTSIDE_WINDOW',
  'BOOKING_OUTSIDE_AVAILABILITY',
  'BOOKING_BUFFER_CONFLICT',
  'BOOKING_LIMIT_REACHED',
  'BOOKING_SLOT_TAKEN',
];

const transitions: { path: string; action: BookingAction; summary: string; errors: ErrorCode[] }[] = [
  { path: 'confirm', action: 'confirm', summary: 'Confirm a pending booking (resource or account)', errors: transitionErrors },
  {
    path: 'start',
    action: 'start',
    summary: 'Start a confirmed booking once it is due (resource or account)',
    errors: [...transitionErrors, 'BOOKING_NOT_STARTED'],
  },
  {
    path: 'complete',
    action: 'complete',
    summary: 'Complete a booking in progress (resource or account; not before its start time)',
    errors: [...transitionErrors, 'BOOKING_NOT_STARTED'],
  },
  {
    path: 'cancel',
    action: 'cancel',
    summary: 'Cancel a pending or confirmed booking (client, resource or account); scope=following cancels the rest of its series',
    errors: [...transitionErrors, 'BOOKING_NOT_IN_SERIES'],
  },
  {
    path: 'no-show',
    action: 'noShow',
    summary: 'Mark a confirmed booking whose start has passed as a no-show (resource or account)',
    errors: [...transitionErrors, 'BOOKING_NOT_STARTED'],
  },
];

interface Tier<P extends z.ZodObject> {
  /** Path up to and including the collection, e.g. /api/v1/user/bookings. */
  base: string;
  params: P;
  read: PermissionName;
  write: PermissionName;
  create: PermissionName;
  tag: string;
  scope: (params: z.infer<P>) => AccountScope | undefined;
}

function bookingRoutes<P extends z.ZodObject>(app: Api, deps: SchedulingDeps, bookings: ReturnType<typeof createBookingService>, tier: Tier<P>): void {
  const itemParams = tier.params.extend({ bookingId: uuid });
  type ItemParams = { bookingId: string };
  const scopeOf = (params: unknown) => tier.scope(params as z.infer<P>);

  app.post(
    tier.base,
    {
      config: { permission: tier.create, errors: createErrors },
      schema: {
        tags: [tier.tag],
        summary: 'Book a resource (optionally recurring, with an RRULE)',
        description:
          'Inside the resource’s availability, or outside it with overrideAvailability (account managers of the resource only). ' +
          'A time another active booking holds answers 409 BOOKING_SLOT_TAKEN; a recurring series is created whole or not at all, and the error names the clashing occurrences.',
        params: tier.params,
        body: createBookingInput,
        response: { 201: bookingWithOccurrences },
      },
    },
    async (request, reply) => reply.status(201).send(presentResult(await bookings.create(request.ctx, request.body, scopeOf(request.params)))),
  );

  app.get(
    `${tier.base}/:bookingId`,
    {
      config: { permission: tier.read, errors: ['BOOKING_NOT_FOUND'] },
      schema: { tags: [tier.tag], summary: 'One booking', params: itemParams, response: { 200: bookingSchema } },
    },
    async (request) => presentBooking(await bookings.get(request.ctx, { bookingId: (request.params as ItemParams).bookingId }, scopeOf(request.params))),
  );

  app.patch(
    `${tier.base}/:bookingId`,
    {
      config: { permission: tier.write, errors: ['BOOKING_NOT_FOUND', 'BOOKING_EDIT_FORBIDDEN'] },
      schema: {
        tags: [tier.tag],
        summary: 'Change a booking’s details, price or payment',
        description: 'Title, description, location and meeting URL: any party. Price, currency and paid: the resource or an account manager.',
        params: itemParams,
        body: updateBookingInput.omit({ bookingId: true }),
        response: { 200: bookingSchema },
      },
    },
    async (request) =>
      presentBooking(await bookings.update(request.ctx, { ...request.body, bookingId: (request.params as ItemParams).bookingId }, scopeOf(request.params))),
  );

  for (const transition of transitions) {
    app.post(
      `${tier.base}/:bookingId/${transition.path}`,
      {
        config: { permission: tier.write, errors: transition.errors },
        schema: {
          tags: [tier.tag],
          summary: transition.summary,
          params: itemParams,
          body: transition.action === 'cancel' ? transitionInput.pick({ scope: true }) : z.strictObject({}),
          response: { 200: bookingWithOccurrences },
        },
      },
      async (request) => {
        const { bookingId } = request.params as ItemParams;
        const body = request.body as { scope?: 'occurrence' | 'following' };
        const rows = await bookings.transition(request.ctx, { bookingId, action: transition.action, scope: body.scope }, scopeOf(request.params));
        return presentResult(rows, bookingId);
      },
    );
  }

  app.post(
    `${tier.base}/:bookingId/reschedule`,
    {
      config: { permission: tier.write, errors: rescheduleErrors },
      schema: {
        tags: [tier.tag],
        summary: 'Move a booking (or one occurrence of a series) to a new time (client, resource or account)',
        description:
          'Atomically: the booking keeps its length unless a duration is given. A booking made through a listing is held to the listing’s rules again ' +
          '(notice, window, availability, buffers, daily and weekly limits) and, moved by the client of a listing that confirms bookings, is PENDING again. ' +
          'A time another active booking holds answers 409 BOOKING_SLOT_TAKEN.',
        params: itemParams,
        body: rescheduleInput,
        response: { 200: bookingSchema },
      },
    },
    async (request) =>
      presentBooking(await rescheduleBooking(deps, request.ctx, (request.params as ItemParams).bookingId, request.body, scopeOf(request.params))),
  );
}

function availabilityRoutes<P extends z.ZodObject>(
  app: Api,
  availability: ReturnType<typeof createAvailabilityService>,
  tier: Omit<Tier<P>, 'create'> & {
    userOf: (params: z.infer<P>) => string | undefined;
    /** What every route answers when the path names a person the caller may not manage (or nobody). */
    missing: ErrorCode[];
  },
): void {
  const errors = (...codes: ErrorCode[]) => [...tier.missing, ...codes];
  const target = (params: unknown) => ({ userId: tier.userOf(params as z.infer<P>), scope: tier.scope(params as z.infer<P>) });
  const view = z.object({ weekly: z.array(weeklyWindowSchema) });

  app.get(
    tier.base,
    {
      config: { permission: tier.read, errors: errors('INVALID_TIME_RANGE', 'RANGE_TOO_LONG') },
      schema: {
        tags: [tier.tag],
        summary: 'Weekly windows, date overrides and blocked ranges',
        params: tier.params,
        querystring: getAvailabilityInput.omit({ userId: true }),
        response: { 200: availabilitySchema },
      },
    },
    async (request) => {
      const { userId, scope } = target(request.params);
      const found = await availability.get(request.ctx, { ...request.query, userId }, scope);
      return presentAvailability(found.userId, found.weekly, found.overrides, found.blocks);
    },
  );

  app.put(
    `${tier.base}/weekly`,
    {
      config: { permission: tier.write, errors: errors('INVALID_TIMEZONE', 'INVALID_TIME_RANGE', 'AVAILABILITY_WINDOWS_OVERLAP') },
      schema: {
        tags: [tier.tag],
        summary: 'Replace the weekly schedule',
        description:
          'All windows in one IANA zone; dayOfWeek 0 is Sunday. Windows of one day must not overlap; 24:00 ends a day. An empty list clears the schedule.',
        params: tier.params,
        body: setWeeklyInput.omit({ userId: true }),
        response: { 200: view },
      },
    },
    async (request) => {
      const { userId, scope } = target(request.params);
      return { weekly: presentWeekly(await availability.setWeekly(request.ctx, { ...request.body, userId }, scope)) };
    },
  );

  app.put(
    `${tier.base}/overrides`,
    {
      config: { permission: tier.write, errors: errors('INVALID_TIMEZONE', 'INVALID_TIME_RANGE', 'AVAILABILITY_WINDOWS_OVERLAP') },
      schema: {
        tags: [tier.tag],
        summary: 'Replace one date: other windows, or available: false to block the whole day',
        params: tier.params,
        body: setOverrideInput.omit({ userId: true }),
        response: { 200: overrideSchema },
      },
    },
    async (request) => {
      const { userId, scope } = target(request.params);
      return presentOverrides(await availability.setOverride(request.ctx, { ...request.body, userId }, scope))[0]!;
    },
  );

  app.delete(
    `${tier.base}/overrides`,
    {
      config: { permission: tier.write, errors: errors('OVERRIDE_NOT_FOUND') },
      schema: {
        tags: [tier.tag],
        summary: 'Remove a date’s override (the weekly windows apply again)',
        params: tier.params,
        querystring: overrideDateInput.omit({ userId: true }),
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      const { userId, scope } = target(request.params);
      await availability.removeOverride(request.ctx, { date: request.query.date, userId }, scope);
      return reply.status(204).send();
    },
  );

  app.post(
    `${tier.base}/blocks`,
    {
      config: { permission: tier.write, errors: errors('INVALID_TIME_RANGE', 'RANGE_TOO_LONG') },
      schema: {
        tags: [tier.tag],
        summary: 'Block a range of time (holiday, sick leave)',
        params: tier.params,
        body: addBlockInput.omit({ userId: true }),
        response: { 201: blockSchema },
      },
    },
    async (request, reply) => {
      const { userId, scope } = target(request.params);
      return reply.status(201).send(presentBlock(await availability.addBlock(request.ctx, { ...request.body, userId }, scope)));
    },
  );

  app.delete(
    `${tier.base}/blocks/:blockId`,
    {
      config: { permission: tier.write, errors: errors('BLOCK_NOT_FOUND') },
      schema: { tags: [tier.tag], summary: 'Remove a blocked range', params: tier.params.extend({ blockId: uuid }), response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      const { userId, scope } = target(request.params);
      await availability.removeBlock(request.ctx, { blockId: (request.params as { blockId: string }).blockId, userId }, scope);
      return reply.status(204).send();
    },
  );
}

export const bookingRoutesModule: RouteModule = (app, deps) => {
  const bookings = createBookingService(deps);
  const availability = createAvailabilityService(deps);
  const calendar = createCalendarFeedService(deps);
  const accountParams = z.strictObject({ accountId: uuid });
  const memberParams = z.strictObject({ accountId: uuid, userId: uuid });
  const none = z.strictObject({});

  // ── the caller's own ───────────────────────────────────────────────────────────
  app.get(
    '/api/v1/user/bookings',
    {
      config: { permission: 'user.bookings.read' },
      schema: {
        tags: ['My bookings'],
        summary: 'My bookings, as client or as the booked resource, by start time',
        querystring: listBookingsInput,
        response: { 200: pageOf(bookingSchema) },
      },
    },
    async (request) => {
      const page = await bookings.listMine(request.ctx, request.query);
      return { data: page.data.map(presentBooking), nextCursor: page.nextCursor };
    },
  );
  bookingRoutes(app, deps, bookings, {
    base: '/api/v1/user/bookings',
    params: none,
    read: 'user.bookings.read',
    write: 'user.bookings.update',
    create: 'user.bookings.create',
    tag: 'My bookings',
    scope: () => undefined,
  });
  availabilityRoutes(app, availability, {
    base: '/api/v1/user/availability',
    params: none,
    read: 'user.availability.read',
    write: 'user.availability.update',
    tag: 'My availability',
    scope: () => undefined,
    missing: [],
    userOf: () => undefined,
  });

  app.post(
    '/api/v1/user/availability/calendar-feed',
    {
      config: { permission: 'user.availability.update' },
      schema: {
        tags: ['My availability'],
        summary: 'Create (or replace) the secret iCalendar feed of my bookings',
        description: 'The URL is shown once; subscribe to it from a calendar app. Creating a new one makes the previous URL stop working.',
        response: { 201: z.object({ token: calendarToken, url: z.string() }) },
      },
    },
    async (request, reply) => {
      const { token } = await calendar.rotate(request.ctx, {});
      return reply.status(201).send({ token, url: `${deps.config.publicUrl}/api/v1/public/calendar/${token}.ics` });
    },
  );

  app.delete(
    '/api/v1/user/availability/calendar-feed',
    {
      config: { permission: 'user.availability.update', errors: ['CALENDAR_FEED_NOT_FOUND'] },
      schema: { tags: ['My availability'], summary: 'Revoke the iCalendar feed', response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await calendar.revoke(request.ctx, {});
      return reply.status(204).send();
    },
  );

  // ── an account's members ──────────────────────────────────────────────────────
  app.get(
    '/api/v1/account/:accountId/bookings',
    {
      config: { permission: 'account.bookings.read' },
      schema: {
        tags: ['Account bookings'],
        summary: 'Bookings of the account’s members (as the booked resource)',
        params: accountParams,
        querystring: listAccountBookingsInput.omit({ accountId: true }),
        response: { 200: pageOf(bookingSchema) },
      },
    },
    async (request) => {
      const page = await bookings.listForAccount(request.ctx, { ...request.query, accountId: request.params.accountId });
      return { data: page.data.map(presentBooking), nextCursor: page.nextCursor };
    },
  );
  bookingRoutes(app, deps, bookings, {
    base: '/api/v1/account/:accountId/bookings',
    params: accountParams,
    read: 'account.bookings.read',
    write: 'account.bookings.manage',
    create: 'account.bookings.manage',
    tag: 'Account bookings',
    scope: (p) => ({ accountId: p.accountId }),
  });
  availabilityRoutes(app, availability, {
    base: '/api/v1/account/:accountId/members/:userId/availability',
    params: memberParams,
    read: 'account.bookings.read',
    write: 'account.bookings.manage',
    tag: 'Account bookings',
    scope: (p) => ({ accountId: p.accountId }),
    missing: ['USER_NOT_FOUND'],
    userOf: (p) => p.userId,
  });

  // ── tenant administration ─────────────────────────────────────────────────────
  app.get(
    '/api/v1/tenant/bookings',
    {
      config: { permission: 'tenant.bookings.read' },
      schema: {
        tags: ['Tenant bookings'],
        summary: 'Every booking of the marketplace',
        querystring: listTenantBookingsInput,
        response: { 200: pageOf(bookingSchema) },
      },
    },
    async (request) => {
      const page = await bookings.listForTenant(request.ctx, request.query);
      return { data: page.data.map(presentBooking), nextCursor: page.nextCursor };
    },
  );

  // ── booking a listing ─────────────────────────────────────────────────────────
  listingBookingRoutes(app, deps);

  // ── public ─────────────────────────────────────────────────────────────────────
  app.get(
    '/api/v1/public/availability/slots',
    {
      config: {
        permission: 'public.availability.read',
        errors: ['INVALID_TIME_RANGE', 'RANGE_TOO_LONG', 'INVALID_DURATION', 'INVALID_TIMEZONE', 'RESOURCE_NOT_FOUND'],
      },
      schema: {
        tags: ['Availability'],
        summary: 'Free slots of a bookable person',
        description:
          'Windows minus overrides, blocked ranges and active bookings (with optional buffers), at least minimumNotice minutes ahead. ' +
          'Slots start in [from, to) on a grid of `step` minutes from the start of each window; at most 62 days per request. Each slot is given in UTC and in the viewer’s `timezone`.',
        querystring: slotsInput,
        response: { 200: slotsSchema },
      },
    },
    async (request) => {
      const result = await availability.slots(request.ctx, request.query);
      return presentSlots(result.resource, result.timezone, result.duration, result.slots);
    },
  );

  app.get(
    '/api/v1/public/calendar/:token.ics',
    {
      config: { permission: 'public.calendar.read', errors: ['CALENDAR_FEED_NOT_FOUND'], tenantOptional: true },
      schema: {
        tags: ['Availability'],
        summary: 'iCalendar feed of a person’s bookings (secret URL)',
        description:
          'text/calendar (RFC 5545). The token names its tenant, so no X-Tenant header is needed. Cancelled bookings are left out; pending ones are TENTATIVE.',
        params: z.strictObject({ token: calendarToken }),
      },
    },
    async (request, reply) => {
      const body = await calendar.render(request.ctx, { token: request.params.token });
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    },
  );
};

import { z } from 'zod';
import { uuid } from '../../http/kit/schemas';
import type { Api } from '../../http/kit/types';
import type { SchedulingDeps } from './access';
import { bookListing, configureListingBooking, listingSlots } from './listing-booking';
import { bookListingInput, listingBookingInput, listingBookingSchema, listingSlotsInput, listingSlotsSchema } from './listing-schemas';
import { presentBooking, presentListingSlots } from './presenters';
import { bookingSchema } from './schemas';

/** Booking a listing over HTTP: the account sets it up, anyone sees slots, a signed-in person books. */
export function listingBookingRoutes(app: Api, deps: SchedulingDeps): void {
  const listingParams = z.strictObject({ listingId: uuid });

  app.put(
    '/api/v1/account/:accountId/listings/:listingId/booking',
    {
      config: { permission: 'account.listings.update', errors: ['LISTING_NOT_FOUND', 'LISTING_TYPE_NOT_BOOKABLE', 'UNKNOWN_PROVIDER', 'INVALID_DURATION'] },
      schema: {
        tags: ['Listing bookings'],
        summary: 'Make a listing bookable, or change how it is booked',
        description:
          'SERVICE listings, and GIG or JOB ones where the marketplace’s settings.booking.bookableTypes allows. Providers are members of the listing’s account; ' +
          'their availability applies. Replaces the whole setup.',
        params: z.strictObject({ accountId: uuid, listingId: uuid }),
        body: listingBookingInput,
        response: { 200: listingBookingSchema },
      },
    },
    async (request) => configureListingBooking(deps, request.ctx, request.params, request.body),
  );

  app.get(
    '/api/v1/public/listings/:listingId/slots',
    {
      config: {
        permission: 'public.availability.read',
        errors: [
          'LISTING_NOT_FOUND',
          'LISTING_UNAVAILABLE',
          'LISTING_NOT_BOOKABLE',
          'UNKNOWN_PROVIDER',
          'INVALID_DURATION',
          'INVALID_TIME_RANGE',
          'RANGE_TOO_LONG',
          'INVALID_TIMEZONE',
        ],
      },
      schema: {
        tags: ['Listing bookings'],
        summary: 'Free slots of a bookable listing',
        description:
          'Slots of every provider (or one) that a booking would be accepted for now: inside their availability, clear of other bookings and the buffers, ' +
          'after the minimum notice, inside the booking window, and on days and weeks whose limits are not reached. At most 62 days per request.',
        params: listingParams,
        querystring: listingSlotsInput,
        response: { 200: listingSlotsSchema },
      },
    },
    async (request) => presentListingSlots(await listingSlots(deps, request.ctx, request.params.listingId, request.query)),
  );

  app.post(
    '/api/v1/user/listings/:listingId/bookings',
    {
      config: {
        permission: 'user.bookings.create',
        errors: [
          'LISTING_NOT_FOUND',
          'LISTING_UNAVAILABLE',
          'LISTING_NOT_BOOKABLE',
          'UNKNOWN_PROVIDER',
          'INVALID_DURATION',
          'INVALID_TIMEZONE',
          'INVALID_ANSWERS',
          'BOOKING_SELF',
          'BOOKING_IN_PAST',
          'BOOKING_NOTICE_TOO_SHORT',
          'BOOKING_OUTSIDE_WINDOW',
          'BOOKING_OUTSIDE_AVAILABILITY',
          'BOOKING_BUFFER_CONFLICT',
          'BOOKING_LIMIT_REACHED',
          'BOOKING_SLOT_TAKEN',
          'USER_BLOCKED',
        ],
      },
      schema: {
        tags: ['Listing bookings'],
        summary: 'Book a listing',
        description:
          'With the named provider, or the first free one. Notice, window, availability, buffers and the daily and weekly limits are enforced here, atomically ' +
          '(parallel requests cannot exceed a limit). PENDING until the provider confirms, or CONFIRMED at once when the listing is instant. Required questions must be answered.',
        params: listingParams,
        body: bookListingInput,
        response: { 201: bookingSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentBooking(await bookListing(deps, request.ctx, request.params.listingId, request.body))),
  );
}

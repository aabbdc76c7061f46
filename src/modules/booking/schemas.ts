import { z } from 'zod';
import { validationFailed } from '../../core/errors';
import { dateTimeInput as dateTime, isoDateTime as iso, text as line, pageQuery, uuid } from '../../http/kit/schemas';
import { BOOKING_ACTIONS, BOOKING_STATUSES } from './policy';

/**
 * Request and response shapes of the booking module. They check form (types, formats,
 * lengths); rules that need a clock, a time-zone database or the stored data (end
 * after start, known zone, spans, RRULE grammar) are checked by the services, which
 * answer with specific codes (INVALID_TIME_RANGE, INVALID_TIMEZONE, …).
 */
const isoDate = z.iso.date({ error: 'must be a date, YYYY-MM-DD' });
const timezone = z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Vienna');
const hhmm = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM between 00:00 and 24:00');
const decimal = z.string().regex(/^\d{1,15}(?:\.\d{1,4})?$/, 'must be a decimal number as a string, e.g. "150.00"');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
const meetingUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);
const minutes = (max: number) => z.coerce.number().int('must be whole minutes').min(0).max(max);
const page = pageQuery.shape;

export const bookingType = z.enum(['APPOINTMENT', 'SERVICE', 'CONSULTATION', 'EVENT']);
export const bookingStatus = z.enum(BOOKING_STATUSES);

// ---------------------------------------------------------------- bookings

export const createBookingInput = z
  .strictObject({
    resourceId: uuid.describe('The person being booked'),
    clientId: uuid
      .optional()
      .describe('Who the booking is for; defaults to the caller. Booking for someone else needs account.bookings.manage for the resource'),
    title: line(300),
    description: z.string().max(10_000).optional(),
    type: bookingType.default('APPOINTMENT'),
    start: dateTime,
    end: dateTime,
    timezone: timezone.optional().describe('Zone the booking (and its recurrence) lives in; defaults to the resource’s availability zone, else UTC'),
    recurrence: z.string().max(500).optional().describe('RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10'),
    location: line(500).optional(),
    meetingUrl: meetingUrl.optional(),
    price: decimal.optional().describe('Set only by the resource or an account manager of the resource (a client gets 403 BOOKING_EDIT_FORBIDDEN)'),
    currency: currency.optional(),
    overrideAvailability: z.boolean().default(false).describe('Book outside the resource’s availability (account managers only)'),
  })
  .refine((input) => input.price === undefined || input.currency !== undefined, { path: ['currency'], message: 'is required with a price' });
export type CreateBookingInput = z.input<typeof createBookingInput>;

export const updateBookingInput = z.strictObject({
  bookingId: uuid,
  title: line(300).optional(),
  description: z.string().max(10_000).nullable().optional(),
  location: line(500).nullable().optional(),
  meetingUrl: meetingUrl.nullable().optional(),
  price: decimal.nullable().optional(),
  currency: currency.nullable().optional(),
  paid: z.boolean().optional(),
});
export type UpdateBookingInput = z.input<typeof updateBookingInput>;

export const bookingIdInput = z.strictObject({ bookingId: uuid });

export const transitionInput = z.strictObject({
  bookingId: uuid,
  action: z.enum(BOOKING_ACTIONS),
  scope: z.enum(['occurrence', 'following']).default('occurrence').describe('cancel only: this occurrence, or it and every later one of its series'),
});
export type TransitionInput = z.input<typeof transitionInput>;

export const listBookingsInput = z.strictObject({
  role: z.enum(['client', 'resource']).optional().describe('Only bookings where the caller is the client, or the resource'),
  status: bookingStatus.optional(),
  from: dateTime.optional().describe('Bookings ending after this instant'),
  to: dateTime.optional().describe('Bookings starting before this instant'),
  ...page,
});
export type ListBookingsInput = z.input<typeof listBookingsInput>;

export const listAccountBookingsInput = z.strictObject({
  accountId: uuid,
  resourceId: uuid.optional(),
  status: bookingStatus.optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  ...page,
});
export type ListAccountBookingsInput = z.input<typeof listAccountBookingsInput>;

export const listTenantBookingsInput = z.strictObject({
  resourceId: uuid.optional(),
  clientId: uuid.optional(),
  status: bookingStatus.optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  ...page,
});
export type ListTenantBookingsInput = z.input<typeof listTenantBookingsInput>;

// ---------------------------------------------------------------- availability

const userId = uuid.optional().describe('Whose availability; defaults to the caller');

export const setWeeklyInput = z.strictObject({
  userId,
  timezone,
  windows: z.array(z.strictObject({ dayOfWeek: z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday'), start: hhmm, end: hhmm })).max(70),
});
export type SetWeeklyInput = z.input<typeof setWeeklyInput>;

export const setOverrideInput = z.strictObject({
  userId,
  date: isoDate,
  timezone,
  available: z.boolean().default(true).describe('false blocks the whole day'),
  windows: z
    .array(z.strictObject({ start: hhmm, end: hhmm }))
    .max(24)
    .default([]),
});
export type SetOverrideInput = z.input<typeof setOverrideInput>;

export const overrideDateInput = z.strictObject({ userId, date: isoDate });

export const getAvailabilityInput = z.strictObject({
  userId,
  from: isoDate.optional().describe('First date of overrides and blocks to return; defaults to today (UTC)'),
  to: isoDate.optional().describe('Last date; defaults to 90 days after from'),
});
export type GetAvailabilityInput = z.input<typeof getAvailabilityInput>;

export const addBlockInput = z.strictObject({ userId, start: dateTime, end: dateTime, reason: line(500).optional() });
export type AddBlockInput = z.input<typeof addBlockInput>;

export const removeBlockInput = z.strictObject({ userId, blockId: uuid });

export const slotsInput = z.strictObject({
  resource: uuid.describe('The person to book'),
  from: dateTime.describe('Slots starting at or after this instant'),
  to: dateTime.describe('… and before this one (at most 62 days after from)'),
  duration: minutes(1440).describe('Slot length in minutes (5–1440)'),
  step: minutes(1440).optional().describe('Minutes between slot starts; defaults to the duration'),
  timezone: timezone.optional().describe('The viewer’s zone for the local times; defaults to UTC'),
  bufferBefore: minutes(1440).default(0).describe('Minutes kept free before a slot'),
  bufferAfter: minutes(1440).default(0).describe('Minutes kept free after a slot'),
  minimumNotice: minutes(366 * 1440)
    .default(0)
    .describe('Minutes between now and the earliest slot'),
});
export type SlotsInput = z.input<typeof slotsInput>;

// ---------------------------------------------------------------- calendar feed

export const feedOwnerInput = z.strictObject({ userId });
/** `mcal_` + 64 base64url characters (identity/tokens.ts); tokens issued before the prefix are accepted without it. */
export const calendarToken = z.string().regex(/^(?:mcal_)?[A-Za-z0-9_-]{64}$/, 'not a calendar token');
export const feedTokenInput = z.strictObject({ token: calendarToken });

// ---------------------------------------------------------------- responses

export const bookingSchema = z
  .object({
    id: z.uuid(),
    resourceId: z.uuid(),
    clientId: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    type: bookingType,
    status: bookingStatus,
    start: iso,
    end: iso,
    timezone: z.string(),
    recurrence: z.string().nullable().describe('The RRULE of the series this booking belongs to'),
    seriesId: z.uuid().nullable(),
    location: z.string().nullable(),
    meetingUrl: z.string().nullable(),
    price: z.string().nullable().describe('Decimal as a string'),
    currency: z.string().nullable(),
    paid: z.boolean(),
    availabilityOverriddenBy: z.uuid().nullable().describe('Who booked this outside the resource’s availability'),
    listingId: z.uuid().nullable().describe('The listing this was booked through'),
    answers: z.record(z.string(), z.string()).nullable().describe('Answers to the listing’s questions, by question id'),
    confirmedAt: iso.nullable(),
    cancelledAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'Booking' });
export type BookingJson = z.infer<typeof bookingSchema>;

export const weeklyWindowSchema = z.object({ id: z.uuid(), dayOfWeek: z.number().int(), start: z.string(), end: z.string(), timezone: z.string() });
export const overrideSchema = z.object({
  date: z.string(),
  timezone: z.string(),
  available: z.boolean(),
  windows: z.array(z.object({ start: z.string(), end: z.string() })),
});
export const blockSchema = z.object({ id: z.uuid(), start: iso, end: iso, reason: z.string().nullable() });
export const availabilitySchema = z
  .object({ userId: z.uuid(), weekly: z.array(weeklyWindowSchema), overrides: z.array(overrideSchema), blocks: z.array(blockSchema) })
  .meta({ id: 'Availability' });
export type AvailabilityJson = z.infer<typeof availabilitySchema>;

export const slotsSchema = z
  .object({
    resource: z.uuid(),
    timezone: z.string(),
    duration: z.number().int(),
    slots: z.array(z.object({ start: iso, end: iso, localStart: iso, localEnd: iso })),
  })
  .meta({ id: 'Slots' });
export type SlotsJson = z.infer<typeof slotsSchema>;

/** Parses a service input or answers 400 VALIDATION_FAILED with one entry per problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(
    'The input is not valid',
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

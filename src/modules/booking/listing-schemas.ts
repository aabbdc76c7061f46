import { z } from 'zod';
import { dateTimeInput, isoDateTime as iso, text, uuid } from '../../http/kit/schemas';

/** Request and response shapes of booking a listing (issue 16, 4). */
const minutes = (min: number, max: number) => z.number().int('must be whole minutes').min(min).max(max);
const timezone = z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Vienna');
const questionId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _, at most 40 characters');

export const bookingQuestionSchema = z.strictObject({
  id: questionId.describe('The key of its answer in a booking’s answers'),
  text: text(500),
  required: z.boolean().default(false),
});

export const listingBookingInput = z
  .strictObject({
    providers: z.array(uuid).min(1).max(20).describe('Members of the listing’s account who can be booked through it (their availability applies)'),
    durations: z.array(minutes(5, 1440)).min(1).max(10).describe('Offered lengths in minutes; the first is the default'),
    bufferBefore: minutes(0, 1440).default(0).describe('Minutes kept free before each booking'),
    bufferAfter: minutes(0, 1440).default(0).describe('Minutes kept free after each booking'),
    minimumNotice: minutes(0, 527_040).default(0).describe('Minutes between now and the earliest start'),
    windowDays: z.number().int().min(1).max(730).default(60).describe('How many days ahead bookings are taken'),
    dailyLimit: z.number().int().min(1).max(1000).nullable().default(null).describe('At most this many bookings per provider and local day'),
    weeklyLimit: z.number().int().min(1).max(5000).nullable().default(null).describe('At most this many bookings per provider and week (Monday to Sunday)'),
    questions: z.array(bookingQuestionSchema).max(20).default([]),
    instant: z.boolean().default(false).describe('true: bookings are confirmed at once; false: the provider confirms each'),
  })
  .superRefine((input, ctx) => {
    const unique = <T>(list: readonly T[], path: string, what: string) =>
      list.forEach((value, i) => {
        if (list.indexOf(value) !== i) ctx.addIssue({ code: 'custom', path: [path, i], message: `repeats ${what}` });
      });
    unique(input.providers, 'providers', 'a provider');
    unique(input.durations, 'durations', 'a duration');
    unique(
      input.questions.map((q) => q.id),
      'questions',
      'a question id',
    );
  });
export type ListingBookingInput = z.input<typeof listingBookingInput>;

export const listingBookingSchema = z
  .object({
    listingId: uuid,
    providers: z.array(uuid),
    durations: z.array(z.number().int()),
    bufferBefore: z.number().int(),
    bufferAfter: z.number().int(),
    minimumNotice: z.number().int(),
    windowDays: z.number().int(),
    dailyLimit: z.number().int().nullable(),
    weeklyLimit: z.number().int().nullable(),
    questions: z.array(z.object({ id: z.string(), text: z.string(), required: z.boolean() })),
    instant: z.boolean(),
    updatedAt: iso,
  })
  .meta({ id: 'ListingBooking' });
export type ListingBookingJson = z.infer<typeof listingBookingSchema>;

export const listingSlotsInput = z.strictObject({
  from: dateTimeInput.describe('Slots starting at or after this instant'),
  to: dateTimeInput.describe('… and before this one (at most 62 days after from)'),
  duration: z.coerce.number().int().optional().describe('One of the listing’s durations; defaults to its first'),
  timezone: timezone.optional().describe('The viewer’s zone for the local times; defaults to UTC'),
  providerId: uuid.optional().describe('Only this provider’s slots'),
});
export type ListingSlotsInput = z.input<typeof listingSlotsInput>;

export const listingSlotsSchema = z
  .object({
    listingId: uuid,
    timezone: z.string(),
    duration: z.number().int(),
    slots: z.array(z.object({ start: iso, end: iso, localStart: iso, localEnd: iso, providerIds: z.array(uuid) })),
  })
  .meta({ id: 'ListingSlots' });

export const bookListingInput = z.strictObject({
  start: dateTimeInput,
  duration: z.number().int().optional().describe('One of the listing’s durations; defaults to its first'),
  providerId: uuid.optional().describe('The provider to book; any free one when left out'),
  answers: z.record(questionId, z.string().max(5000)).default({}).describe('Answers by question id'),
  timezone: timezone.optional().describe('Zone the booking lives in; defaults to the provider’s availability zone'),
});
export type BookListingInput = z.input<typeof bookListingInput>;

export const rescheduleInput = z.strictObject({
  start: dateTimeInput,
  duration: z
    .number()
    .int()
    .min(5)
    .max(20_160)
    .optional()
    .describe('New length in minutes; defaults to the current one (listing bookings: one of the listing’s durations)'),
});
export type RescheduleInput = z.input<typeof rescheduleInput>;

import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../core/pagination';
import { listingBookingSchema } from '../../booking';

/**
 * Request schemas of the marketplace (zod v4). Services parse their input with these
 * too, so the CLI, jobs and routes all get the same checks; the HTTP layer also turns
 * them into the OpenAPI document. Inputs are JSON or query strings: no Date objects,
 * no floats for money.
 */

// The database enums' values (shared/repository.ts fails to compile when they differ).
export const listingTypes = ['GIG', 'JOB', 'SERVICE', 'PRODUCT'] as const;
export const priceTypes = ['FIXED', 'HOURLY', 'DAILY', 'PROJECT', 'NEGOTIABLE'] as const;
export const listingStatuses = ['DRAFT', 'PENDING_APPROVAL', 'ACTIVE', 'PAUSED', 'EXPIRED', 'COMPLETED', 'CANCELLED'] as const;
export const applicationStatuses = ['PENDING', 'REVIEWING', 'SHORTLISTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;

export type ListingType = (typeof listingTypes)[number];
export type PriceType = (typeof priceTypes)[number];
export type ListingStatus = (typeof listingStatuses)[number];
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** numeric(19, 4): up to 15 integer digits and 4 decimals, as a string so it stays exact. */
export const moneySchema = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'a non-negative decimal number as a string with at most 4 decimals, e.g. "1500.00"');

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "EUR"');

export const countrySchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as "AT"')
  .transform((c) => c.toUpperCase());

/**
 * ISO 8601 with an offset ("2026-05-01T09:00:00Z"). Stays a string after parsing, so
 * parsing twice (route, then service) gives the same; services turn it into a Date.
 */
export const dateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T09:00:00Z' });

const uuidSchema = z.uuid();
const line = (max: number) => z.string().trim().min(1).max(max);

export const locationSchema = z
  .strictObject({
    addressLine1: line(200).optional(),
    addressLine2: line(200).optional(),
    city: line(100).optional(),
    region: line(100).optional(),
    postalCode: line(20).optional(),
    country: countrySchema.optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), {
    message: 'give both lat and lng, or neither',
    path: ['lat'],
  });
export type ListingLocationInput = z.output<typeof locationSchema>;

/** One question an application must (or may) answer. */
export const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/, 'letters, digits, "_" and "-", at most 63'),
    label: line(500),
    type: z.enum(['text', 'number', 'boolean', 'choice']),
    required: z.boolean().default(false),
    /** choice: the options to pick from. */
    options: z.array(line(200)).min(2).max(50).optional(),
    /** choice: several options may be picked. */
    multiple: z.boolean().optional(),
    /** text: longest answer accepted. */
    maxLength: z.int().min(1).max(20000).optional(),
    /** number: accepted range. */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'choice' && !q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question needs options' });
    if (q.type !== 'choice' && (q.options || q.multiple !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice questions have options' });
    }
    if (q.options && new Set(q.options).size !== q.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be different from each other' });
    }
    if (q.maxLength !== undefined && q.type !== 'text') ctx.addIssue({ code: 'custom', path: ['maxLength'], message: 'only text questions have a maxLength' });
    if ((q.min !== undefined || q.max !== undefined) && q.type !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'only number questions have min and max' });
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is below min' });
  });
export type Question = z.output<typeof questionSchema>;

/**
 * What applicants must provide, and when the listing is filled: with `positions`,
 * accepting that many applications completes the listing.
 */
export const requirementsSchema = z
  .strictObject({
    questions: z.array(questionSchema).max(50).default([]),
    positions: z.int().min(1).max(10000).optional(),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `question id "${q.id}" is used twice` });
      seen.add(q.id);
    });
  });
export type Requirements = z.output<typeof requirementsSchema>;

/** A listing's values as written: key → value; null (on an edit) removes a value. */
export const customFieldsInput = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a field key'),
    z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(100)).max(100), z.null()]),
  )
  .refine((v) => Object.keys(v).length <= 100, 'at most 100 fields')
  .describe(
    'Values of the tenant’s listing fields (GET /public/listing-fields; private ones: GET /tenant/listing-fields) for this listing’s type: ' +
      'text → string, number → number, enum → one option, multi_enum → options, boolean → true/false, date → "YYYY-MM-DD". On an edit, the given keys change, null removes one.',
  );

const listingFields = {
  type: z.enum(listingTypes),
  title: line(300),
  description: z.string().trim().min(1).max(50000),
  price: moneySchema.nullable(),
  priceType: z.enum(priceTypes),
  currency: currencySchema,
  location: locationSchema.nullable(),
  remote: z.boolean(),
  startDate: dateTimeSchema.nullable(),
  endDate: dateTimeSchema.nullable(),
  duration: line(100).nullable(),
  requirements: requirementsSchema.nullable(),
  /** Featured listings come first in the "featured" sort (a plan feature). */
  featured: z.boolean(),
  /** When the listing stops being shown and taking applications. */
  expiresAt: dateTimeSchema.nullable(),
  /** A category of the tenant's tree (GET /public/categories). */
  categoryId: uuidSchema.nullable(),
  customFields: customFieldsInput,
};

export const listingCreateSchema = z.strictObject({
  ...listingFields,
  price: listingFields.price.optional(),
  currency: listingFields.currency.default('USD'),
  location: listingFields.location.optional(),
  remote: listingFields.remote.default(false),
  startDate: listingFields.startDate.optional(),
  endDate: listingFields.endDate.optional(),
  duration: listingFields.duration.optional(),
  requirements: listingFields.requirements.optional(),
  featured: listingFields.featured.default(false),
  expiresAt: listingFields.expiresAt.optional(),
  categoryId: listingFields.categoryId.optional(),
  customFields: listingFields.customFields.optional(),
});
export type ListingCreateInput = z.input<typeof listingCreateSchema>;
export type ListingCreate = z.output<typeof listingCreateSchema>;

/** A partial change; `null` clears an optional field. */
export const listingUpdateSchema = z
  .strictObject(listingFields)
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' });
export type ListingUpdateInput = z.input<typeof listingUpdateSchema>;
export type ListingUpdate = z.output<typeof listingUpdateSchema>;

export const listingActions = ['publish', 'pause', 'resume', 'complete', 'cancel'] as const;
export type ListingAction = (typeof listingActions)[number];
export const listingActionSchema = z.strictObject({ action: z.enum(listingActions) });

/** Query strings give "true"/"false"; service callers may pass booleans. */
const flag = z.union([z.boolean(), z.stringbool()]);

/** "GIG,JOB" or ["GIG", "JOB"]. */
const splitCsv = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

export const csvOf = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(splitCsv, z.array(z.enum(values)).min(1).max(values.length));

const limitSchema = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);
const cursorSchema = z.string().min(1).max(1000).optional();

export const pageQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

export const searchSorts = ['relevance', 'newest', 'price_asc', 'price_desc', 'featured'] as const;
export type SearchSort = (typeof searchSorts)[number];

const listingSearchShape = {
  /** Full-text query in web-search syntax: words, "a phrase", -not, or. */
  q: z.string().trim().min(1).max(200).optional(),
  type: csvOf(listingTypes).optional(),
  priceType: csvOf(priceTypes).optional(),
  minPrice: moneySchema.optional(),
  maxPrice: moneySchema.optional(),
  currency: currencySchema.optional(),
  remote: flag.optional(),
  country: countrySchema.optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radiusKm: z.coerce.number().gt(0).max(20000).optional(),
  /** The listing's schedule starts within [startFrom, startTo]. */
  startFrom: dateTimeSchema.optional(),
  startTo: dateTimeSchema.optional(),
  /** Published (created) at or after. */
  postedAfter: dateTimeSchema.optional(),
  accountId: uuidSchema.optional(),
  featured: flag.optional(),
  sort: z.enum(searchSorts).optional(),
  /** Bookable listings whose provider has free time in [availableFrom, availableTo) (at most 62 days). */
  availableFrom: dateTimeSchema.optional(),
  availableTo: dateTimeSchema.optional(),
  /** A category of the tenant's tree, with its subcategories. */
  category: uuidSchema.optional(),
  /** Counts of the matches by category, type and enum fields: "category,type,field.size". */
  facets: z
    .preprocess(
      splitCsv,
      z
        .array(z.string().regex(/^(category|type|field\.[a-z][a-z0-9_]{0,39})$/, 'category, type or field.<key> of an enum field'))
        .min(1)
        .max(12),
    )
    .optional(),
  limit: limitSchema,
  cursor: cursorSchema,
};

/** `field.<key>=…`: a filter on a public listing field (fields/policy.ts parses it against the tenant's fields). */
const FIELD_PARAM = /^field\.[a-z][a-z0-9_]{0,39}$/;

export const listingSearchSchema = z
  .strictObject(listingSearchShape)
  .catchall(z.unknown())
  .superRefine((s, ctx) => {
    for (const [key, value] of Object.entries(s)) {
      if (key in listingSearchShape) continue;
      if (!FIELD_PARAM.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'is not a search parameter (listing field filters are field.<key>)' });
      else if (typeof value !== 'string' || value.length > 500)
        ctx.addIssue({ code: 'custom', path: [key], message: 'must be a text of at most 500 characters' });
    }
    const byPrice = s.minPrice !== undefined || s.maxPrice !== undefined || s.sort === 'price_asc' || s.sort === 'price_desc';
    if (byPrice && s.currency === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message: 'a price range or price sort needs a currency (prices in different currencies do not compare)',
      });
    }
    const geo = [s.lat, s.lng, s.radiusKm].filter((v) => v !== undefined).length;
    if (geo !== 0 && geo !== 3) ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'a location filter needs lat, lng and radiusKm' });
    if ((s.availableFrom === undefined) !== (s.availableTo === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['availableTo'], message: 'an availability filter needs availableFrom and availableTo' });
    } else if (s.availableFrom !== undefined && s.availableTo !== undefined) {
      const days = (Date.parse(s.availableTo) - Date.parse(s.availableFrom)) / 86_400_000;
      if (!(days > 0 && days <= 62)) ctx.addIssue({ code: 'custom', path: ['availableTo'], message: 'must be after availableFrom, at most 62 days' });
    }
    if (s.sort === 'relevance' && s.q === undefined) ctx.addIssue({ code: 'custom', path: ['sort'], message: 'sorting by relevance needs a search query q' });
  });
export type ListingSearchInput = z.input<typeof listingSearchSchema>;
export type ListingSearch = z.output<typeof listingSearchSchema>;

export const dashboardQuerySchema = z.strictObject({
  status: csvOf(listingStatuses).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type DashboardQueryInput = z.input<typeof dashboardQuerySchema>;

/** The moderators' list of every listing of the tenant. */
export const moderationListQuerySchema = dashboardQuerySchema.extend({
  accountId: uuidSchema.optional().describe('Only this account’s listings'),
  held: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional()
    .describe('true: only listings a moderator holds down; false: the others'),
});
export type ModerationListQueryInput = z.input<typeof moderationListQuerySchema>;

export const answerValueSchema = z.union([z.string().max(20000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)]);

export const applicationCreateSchema = z.strictObject({
  coverLetter: z.string().trim().min(1).max(20000).optional(),
  /** Answers to the listing's questions, by question id. */
  answers: z
    .record(z.string().max(63), answerValueSchema)
    .refine((a) => Object.keys(a).length <= 50, 'at most 50 answers')
    .default({}),
  /** Ids of the applicant's own media files. */
  attachments: z.array(uuidSchema).max(20).default([]),
});
export type ApplicationCreateInput = z.input<typeof applicationCreateSchema>;

export const reviewActions = ['review', 'shortlist', 'accept', 'reject'] as const;
export type ReviewAction = (typeof reviewActions)[number];
export const applicationReviewSchema = z.strictObject({ action: z.enum(reviewActions) });

export const applicationListSchema = z.strictObject({
  status: csvOf(applicationStatuses).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ApplicationListInput = z.input<typeof applicationListSchema>;

/** The moderators' list of every application of the tenant. */
export const tenantApplicationListSchema = applicationListSchema.extend({
  accountId: uuidSchema.optional().describe('Only applications to this account’s listings'),
});
export type TenantApplicationListInput = z.input<typeof tenantApplicationListSchema>;

export const messageCreateSchema = z.strictObject({
  body: z.string().trim().min(1).max(20000),
  /** Ids of the sender's own media files. */
  attachments: z.array(uuidSchema).max(10).default([]),
});
export type MessageCreateInput = z.input<typeof messageCreateSchema>;

export const messageEditSchema = z.strictObject({ body: z.string().trim().min(1).max(20000) });

export const markReadSchema = z.strictObject({
  /** Read up to and including this message; the newest one when absent. */
  upToMessageId: uuidSchema.optional(),
});
export type MarkReadInput = z.input<typeof markReadSchema>;

export const unreadQuerySchema = z.strictObject({ accountId: uuidSchema.optional() });

// ---------------------------------------------------------------------------------
// Responses (what the presenters produce), named for the OpenAPI document
// ---------------------------------------------------------------------------------

const isoOut = z.iso.datetime({ offset: true });

const questionOut = z.object({
  id: z.string(),
  label: z.string(),
  type: z.enum(['text', 'number', 'boolean', 'choice']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  multiple: z.boolean().optional(),
  maxLength: z.number().int().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/** Most images a listing's gallery holds (the check of listing_images.position agrees). */
export const MAX_LISTING_IMAGES = 20;

export const listingImagesSchema = z.strictObject({
  mediaIds: z
    .array(z.uuid({ message: 'must be a UUID' }))
    .max(MAX_LISTING_IMAGES)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a file twice')
    .describe('The gallery in order (the first is the cover): ids of ready images in the account’s media library; [] empties it'),
});
export type ListingImagesInput = z.input<typeof listingImagesSchema>;

export const listingImageResponse = z
  .object({
    mediaId: uuidSchema,
    position: z.number().int(),
    alt: z.string().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    url: z.string().describe('The original (GET, public while the listing is)'),
    thumbnailUrl: z.string().describe('WebP within 400×400'),
    cardUrl: z.string().describe('WebP 640×480, cropped to fill (made on first request, then cached)'),
  })
  .meta({ id: 'ListingImage' });

export const listingImagesResponse = z.object({ data: z.array(listingImageResponse) });

export const listingResponse = z
  .object({
    id: uuidSchema,
    accountId: uuidSchema,
    type: z.enum(listingTypes),
    title: z.string(),
    description: z.string(),
    price: z.string().nullable().describe('Exact decimal as a string, e.g. "1500.00"; null when negotiable without a figure'),
    priceType: z.enum(priceTypes),
    currency: z.string(),
    location: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'addressLine1, addressLine2, city, region, postalCode, country (ISO 3166-1 alpha-2), lat, lng. Public reads show it approximately ' +
          '(city, region, country, lat/lng rounded to 2 decimals, about 1 km); the exact location is for the listing’s account and its applicants',
      ),
    remote: z.boolean(),
    startDate: isoOut.nullable(),
    endDate: isoOut.nullable(),
    duration: z.string().nullable(),
    requirements: z.object({ questions: z.array(questionOut), positions: z.number().int().optional() }).nullable(),
    applicationCount: z.number().int().describe('Applications that are not withdrawn'),
    status: z.enum(listingStatuses).describe('ACTIVE listings past their expiry read EXPIRED'),
    featured: z.boolean(),
    featuredAt: isoOut.nullable(),
    expiresAt: isoOut.nullable(),
    createdAt: isoOut,
    updatedAt: isoOut,
    distanceKm: z.number().optional().describe('With a location filter: distance from the given point'),
    categoryId: uuidSchema.nullable().describe('Its category in the tenant’s tree (GET /public/categories); null: none'),
    customFields: z.record(z.string(), z.unknown()).describe('Values of the tenant’s public listing fields (GET /public/listing-fields) by key'),
    coverImage: listingImageResponse.nullable().optional().describe('The first image of the gallery; null: none'),
    images: z.array(listingImageResponse).optional().describe('The whole gallery, in order. On single-listing reads'),
    booking: listingBookingSchema
      .nullable()
      .optional()
      .describe(
        'How the listing is booked (GET /public/listings/{id}/slots, POST /user/listings/{id}/bookings); null: it takes no bookings. On single-listing reads',
      ),
  })
  .meta({ id: 'Listing' });

export const accountListingResponse = listingResponse
  .extend({
    createdBy: uuidSchema,
    approvalNote: z.string().nullable().describe('Why a moderator sent the listing back to DRAFT (listing approval); null otherwise'),
    privateFields: z
      .record(z.string(), z.unknown())
      .describe('Values of the tenant’s private listing fields: only the listing’s account and moderators see them'),
  })
  .meta({ id: 'AccountListing' });

export const listingDecisionSchema = z.strictObject({
  note: z.string().trim().min(1).max(1000).optional().describe('For a rejection: what the account should change'),
});
export type ListingDecisionInput = z.input<typeof listingDecisionSchema>;

export const dashboardListingResponse = accountListingResponse
  .extend({
    stats: z.object({
      totalApplications: z.number().int(),
      activeApplications: z.number().int(),
      pendingApplications: z.number().int(),
      shortlistedApplications: z.number().int(),
      acceptedApplications: z.number().int(),
      lastApplicationAt: isoOut.nullable(),
    }),
  })
  .meta({ id: 'DashboardListing' });

export const applicationResponse = z
  .object({
    id: uuidSchema,
    listingId: uuidSchema,
    applicantId: uuidSchema,
    coverLetter: z.string().nullable(),
    answers: z.record(z.string(), z.unknown()),
    attachments: z.array(uuidSchema),
    status: z.enum(applicationStatuses),
    reviewedAt: isoOut.nullable(),
    reviewedBy: uuidSchema.nullable(),
    createdAt: isoOut,
    updatedAt: isoOut,
    listing: z.object({ id: uuidSchema, accountId: uuidSchema, title: z.string(), type: z.enum(listingTypes), status: z.enum(listingStatuses) }).optional(),
  })
  .meta({ id: 'Application' });

export const messageResponse = z
  .object({
    id: uuidSchema,
    applicationId: uuidSchema,
    senderId: uuidSchema,
    body: z.string().nullable().describe('null once deleted'),
    attachments: z.array(uuidSchema),
    editedAt: isoOut.nullable(),
    readAt: isoOut.nullable().describe('When the other side first read it'),
    deletedAt: isoOut.nullable(),
    createdAt: isoOut,
  })
  .meta({ id: 'Message' });

export const unreadResponse = z
  .object({ total: z.number().int(), conversations: z.array(z.object({ applicationId: uuidSchema, unread: z.number().int() })) })
  .meta({ id: 'UnreadMessages' });

export const markReadResponse = z.object({ applicationId: uuidSchema, unread: z.number().int() }).meta({ id: 'ConversationReadState' });

/** One count of a search facet. */
export const facetCountResponse = z
  .object({
    value: z.string().describe('A category id, a listing type, or an option of the field'),
    label: z.string().optional().describe('The category’s name'),
    count: z.number().int().describe('Matching listings; a category counts its subcategories’ listings too'),
  })
  .meta({ id: 'FacetCount' });

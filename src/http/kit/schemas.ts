import '../../core/zod-messages';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/pagination';

/** Building blocks shared by every module's request/response schemas. */
export const uuid = z.uuid({ message: 'must be a UUID' });

/** ISO 8601 timestamp in responses (presenters call toIso). */
export const isoDateTime = z.iso.datetime({ offset: true });

/** Accepts an ISO 8601 timestamp with offset or Z, e.g. 2026-03-29T09:00:00+02:00. */
export const dateTimeInput = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone offset, e.g. 2026-03-29T09:00:00Z' });

export const toIso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/** ?limit=&cursor= */
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(1000).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page') });

/** Query booleans: ?remote=true */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A bounded, trimmed, non-empty line of text. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED, BOOKING_SLOT_TAKEN'),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string(),
  })
  .loose()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const emptyResponse = z.null().describe('No content');

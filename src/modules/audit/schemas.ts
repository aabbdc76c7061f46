import { z } from 'zod';
import { validationFailed } from '../../core/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/pagination';

/**
 * Request and response schemas of the audit trail (zod v4). The services parse their
 * input with these, so the CLI and the routes get the same checks; the HTTP layer turns
 * them into the OpenAPI document.
 */

/** Parses a service input: 400 VALIDATION_FAILED naming every bad field. */
export function parseAuditInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed(
    'The input is not valid',
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message })),
  );
}

export const auditActions = ['create', 'update', 'soft_delete', 'restore', 'delete'] as const;
export type AuditAction = (typeof auditActions)[number];

/** A table name as the audit trigger records it (`tg_table_name`). */
export const resourceSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a resource (table) name such as "listings"');

/** A column name, as in changed_fields. */
export const fieldSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a field (column) name such as "price"');

export const resourceIdSchema = z.string().trim().min(1).max(100);

const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone offset, e.g. 2026-03-29T09:00:00Z' });

const page = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(1000).optional(),
};

const filters = {
  resource: resourceSchema.optional(),
  resourceId: resourceIdSchema.optional().describe('Only entries about this record (with resource)'),
  actorId: z.uuid().optional().describe('Only entries caused by this user'),
  action: z.enum(auditActions).optional(),
  field: fieldSchema.optional().describe('Only entries that changed this field'),
  from: isoInstant.optional().describe('Entries at or after this instant'),
  to: isoInstant.optional().describe('Entries before this instant'),
};

const checkRange = (q: { from?: string; to?: string }) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to);
const rangeIssue = { message: 'from must be before to', path: ['to'] };

/** GET /api/v1/tenant/audit */
export const auditListQuery = z.strictObject({ ...filters, ...page }).refine(checkRange, rangeIssue);
export type AuditListQuery = z.input<typeof auditListQuery>;
export type AuditFilters = z.output<typeof auditListQuery>;

/** GET /api/v1/platform/audit: the same filters, optionally one tenant (id or identifier). */
export const platformAuditListQuery = z
  .strictObject({ ...filters, ...page, tenant: z.string().trim().min(1).max(100).optional().describe('Tenant id or identifier') })
  .refine(checkRange, rangeIssue);
export type PlatformAuditListQuery = z.input<typeof platformAuditListQuery>;
export type PlatformAuditFilters = z.output<typeof platformAuditListQuery>;

/** GET /api/v1/tenant/audit/{resource}/{id} */
export const auditHistoryParams = z.strictObject({ resource: resourceSchema, id: resourceIdSchema });
export const auditHistoryQuery = z.strictObject(page);
export type AuditHistoryQuery = z.input<typeof auditHistoryQuery>;

const jsonValue = z.unknown().describe('The value as stored (JSON); "[redacted]" for secrets, "[erased]" after erasure');

export const auditChangeSchema = z.object({
  field: z.string(),
  from: jsonValue.describe('Value before the change (null for a create)'),
  to: jsonValue.describe('Value after the change (null for a delete)'),
});

export const auditActorSchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable().describe('Display name; null when the user is not visible here (e.g. a platform operator) or was erased'),
  })
  .nullable()
  .describe('Who made the change; null for the system (jobs, CLI)');

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    seq: z.number().int().describe('Position in the tenant’s hash chain'),
    action: z.enum(auditActions),
    resource: z.string(),
    resourceId: z.string(),
    actor: auditActorSchema,
    apiKeyId: z.uuid().nullable().describe('The API key the change was made with (the actor is then the key’s creator); null for sessions and the system'),
    changes: z.array(auditChangeSchema),
    requestId: z.string().nullable(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    erased: z.boolean().describe('Personal data in this entry was erased; the entry still says what changed'),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  data: z.array(auditEntrySchema),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
});

/** POST /api/v1/tenant/users/{id}/erase */
export const eraseUserParams = z.strictObject({ id: z.uuid() });

export const erasureResultSchema = z
  .object({
    userId: z.uuid(),
    rows: z.record(z.string(), z.number().int()).describe('Rows deleted or anonymised, per table'),
    filesDeleted: z.number().int().describe('Stored files of the person (uploads without an account) deleted with their thumbnails'),
    auditEntriesErased: z.number().int().describe('Audit entries whose values were erased'),
    auditEntriesWithoutIp: z.number().int().describe('Further entries the person caused whose IP address and user agent were removed'),
    mentions: z
      .array(z.object({ table: z.string(), column: z.string(), rows: z.number().int() }))
      .describe(
        'Other people’s records that still mention the person (e.g. their name in a description): not rewritten automatically, for an administrator to review',
      ),
  })
  .meta({ id: 'ErasureResult' });
export type ErasureResult = z.infer<typeof erasureResultSchema>;

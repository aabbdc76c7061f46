import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../core/pagination';
import { csvOf } from '../shared/schemas';

export const reportTargets = ['LISTING', 'USER', 'MESSAGE', 'REVIEW'] as const;
export const reportReasons = ['SPAM', 'ABUSE', 'FRAUD', 'INAPPROPRIATE', 'OTHER'] as const;
export const reportStatuses = ['OPEN', 'RESOLVED', 'DISMISSED'] as const;

export const reportCreateSchema = z
  .strictObject({
    targetType: z.enum(reportTargets),
    targetId: z.uuid({ message: 'must be a UUID' }),
    reason: z.enum(reportReasons),
    text: z.string().trim().min(1).max(2000).optional().describe('What is wrong, in the reporter’s words'),
  })
  .meta({ id: 'ReportInput' });
export type ReportCreateInput = z.input<typeof reportCreateSchema>;

export const reportListQuerySchema = z.strictObject({
  status: csvOf(reportStatuses).optional().describe('Default: every status; OPEN is the queue'),
  targetType: csvOf(reportTargets).optional(),
  targetId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(1000).optional(),
});
export type ReportListQueryInput = z.input<typeof reportListQuerySchema>;

export const reportResolveSchema = z
  .strictObject({
    note: z.string().trim().min(1).max(1000).optional(),
    hideTarget: z
      .boolean()
      .default(false)
      .describe('Take the target out of sight: a listing is held down, a review hidden, a message removed, a person deactivated'),
  })
  .meta({ id: 'ReportResolution' });
export const reportDismissSchema = z.strictObject({ note: z.string().trim().min(1).max(1000).optional() }).meta({ id: 'ReportDismissal' });
export type ReportResolveInput = z.input<typeof reportResolveSchema>;
export type ReportDismissInput = z.input<typeof reportDismissSchema>;

const iso = z.iso.datetime({ offset: true });
export const reportResponse = z
  .object({
    id: z.uuid(),
    reporterId: z.uuid(),
    targetType: z.enum(reportTargets),
    targetId: z.uuid(),
    reason: z.enum(reportReasons),
    text: z.string().nullable(),
    status: z.enum(reportStatuses),
    resolvedBy: z.uuid().nullable(),
    resolvedAt: iso.nullable(),
    resolutionNote: z.string().nullable(),
    targetHidden: z.boolean(),
    createdAt: iso,
  })
  .meta({ id: 'Report' });

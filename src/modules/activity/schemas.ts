import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../core/pagination';

/** Engagement kinds a user can perform, and what the feed lists. */
export const ENGAGEMENT_KINDS = ['like', 'view', 'share'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

/** What can be engaged with (the `target` of an Activity: the table name, as in the audit trail). */
export const ENGAGEMENT_TARGETS = ['contents'] as const;
export type EngagementTarget = (typeof ENGAGEMENT_TARGETS)[number];

export const shareInput = z.strictObject({
  /** Where it was shared to, e.g. "email", "x", "linkedin" (recorded on the activity). */
  channel: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be a short name such as email or linkedin')
    .optional(),
});
export type ShareInput = z.output<typeof shareInput>;

export const activityFeedQuery = z.strictObject({
  type: z.enum(ENGAGEMENT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(1000).optional(),
});
export type ActivityFeedQuery = z.output<typeof activityFeedQuery>;

// ── responses ──
const stats = z.object({ views: z.number().int(), likes: z.number().int(), shares: z.number().int() });

export const engagementResultSchema = z
  .object({
    counted: z.boolean().describe('Whether this call counted (false: a repeated like, a view or share within the hour)'),
    stats,
  })
  .meta({ id: 'EngagementResult' });

export const likeResultSchema = engagementResultSchema.extend({ liked: z.boolean() }).meta({ id: 'LikeResult' });

export const activitySchema = z
  .object({
    id: z.uuid(),
    type: z.string(),
    target: z.string(),
    targetId: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime({ offset: true }),
    content: z.object({ id: z.uuid(), title: z.string(), slug: z.string() }).nullable().describe('The content, while it is public'),
  })
  .meta({ id: 'Activity' });

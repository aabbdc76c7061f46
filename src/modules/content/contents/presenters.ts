import type { PermissionChecker } from '../../../core/context';
import { availableActions, type ContentAction } from '../shared/policy';
import type { ContentRow, ContentSummaryRow } from './repository';

/** Rows → API JSON: camelCase, ISO 8601 times, UUIDs; nothing internal. */
const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/**
 * Where content stands for the public right now. PUBLISHED content is `scheduled`
 * until its publication time and `expired` after its expiry; everything else is
 * `hidden`.
 */
export type Visibility = 'live' | 'scheduled' | 'expired' | 'hidden';

export function visibilityOf(row: Pick<ContentSummaryRow, 'status' | 'published_at' | 'expires_at'>, now = new Date()): Visibility {
  if (row.status !== 'PUBLISHED' || !row.published_at) return 'hidden';
  if (row.published_at > now) return 'scheduled';
  if (row.expires_at && row.expires_at <= now) return 'expired';
  return 'live';
}

function presentCommon(row: ContentSummaryRow) {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    slug: row.slug,
    description: row.description,
    featuredImageId: row.featured_image_id,
    tags: row.tags,
    categories: row.categories,
    account: { id: row.account_id, name: row.account_name },
    author: { id: row.user_id, displayName: row.author_name },
    publishedAt: iso(row.published_at),
    stats: { views: row.views, likes: row.likes, shares: row.shares },
  };
}

/** A public list entry: everything but the body and SEO fields. */
export const presentContentSummary = presentCommon;
export type ContentSummary = ReturnType<typeof presentCommon>;

const stateOf = (row: ContentSummaryRow) => ({
  status: row.status,
  visibility: visibilityOf(row),
  createdAt: iso(row.created_at)!,
  updatedAt: iso(row.updated_at)!,
});

/** A list entry for the account's editors and the tenant's moderators: also where it stands. */
export function presentManagedSummary(row: ContentSummaryRow) {
  return { ...presentCommon(row), ...stateOf(row), expiresAt: iso(row.expires_at) };
}
export type ManagedContentSummary = ReturnType<typeof presentManagedSummary>;

/** The public's full view of published content. */
export function presentPublicContent(row: ContentRow) {
  return {
    ...presentCommon(row),
    body: row.body,
    mediaIds: row.media_ids,
    seo: { metaTitle: row.meta_title, metaDescription: row.meta_description, keywords: row.keywords },
    expiresAt: iso(row.expires_at),
  };
}
export type PublicContent = ReturnType<typeof presentPublicContent>;

/** The author's and moderators' view: state, review and what the caller may do next. */
export function presentContent(row: ContentRow, permissions: PermissionChecker) {
  return {
    ...presentPublicContent(row),
    ...stateOf(row),
    review: row.reviewed_at ? { note: row.review_note, reviewedBy: row.reviewed_by, reviewedAt: iso(row.reviewed_at) } : null,
    actions: availableActions(permissions, { accountId: row.account_id, status: row.status }) as ContentAction[],
  };
}
export type ContentView = ReturnType<typeof presentContent>;

import { describeConstraints } from '../../db/errors';

/**
 * What the database's refusals on content and categories mean to a client. The slug
 * conflicts are enriched with a suggestion by the services (see withSlugSuggestion).
 */
export const SLUG_TAKEN = 'SLUG_TAKEN';
export const CONTENT_SLUG_KEY = 'contents_tenant_slug_key';
export const CATEGORY_SLUG_KEY = 'categories_tenant_slug_key';

const categoryMissing = { kind: 'unprocessable', code: 'CATEGORY_NOT_FOUND', message: 'The category does not exist or was deleted' } as const;
const mediaMissing = { kind: 'unprocessable', code: 'MEDIA_NOT_FOUND', message: 'The media file does not exist in this tenant' } as const;
const cycle = {
  kind: 'unprocessable',
  code: 'CATEGORY_CYCLE',
  message: 'A category cannot be moved under itself or one of its own subcategories',
  field: 'parentId',
} as const;

describeConstraints({
  [CONTENT_SLUG_KEY]: { code: SLUG_TAKEN, message: 'Another piece of content already uses this slug', field: 'slug' },
  [CATEGORY_SLUG_KEY]: { code: SLUG_TAKEN, message: 'Another category already uses this slug', field: 'slug' },
  contents_expiry: {
    kind: 'unprocessable',
    code: 'EXPIRY_BEFORE_PUBLICATION',
    message: 'expiresAt must be later than the publication time',
    field: 'expiresAt',
  },
  contents_tenant_id_account_id_fkey: { kind: 'unprocessable', code: 'ACCOUNT_NOT_FOUND', message: 'The account does not exist', field: 'accountId' },
  contents_tenant_id_user_id_fkey: { kind: 'unprocessable', code: 'AUTHOR_NOT_FOUND', message: 'The author is not a user of this tenant' },
  contents_tenant_id_featured_image_id_fkey: { ...mediaMissing, field: 'featuredImageId' },
  content_media_tenant_id_media_id_fkey: { ...mediaMissing, field: 'mediaIds' },
  content_categories_tenant_id_category_id_fkey: { ...categoryMissing, field: 'categoryIds' },
  content_categories_category_live: { ...categoryMissing, field: 'categoryIds' },
  categories_tenant_id_parent_id_fkey: { ...categoryMissing, message: 'The parent category does not exist or was deleted', field: 'parentId' },
  categories_parent_live: { ...categoryMissing, message: 'The parent category does not exist or was deleted', field: 'parentId' },
  categories_no_cycle: cycle,
  categories_not_own_parent: cycle,
  categories_no_live_children: {
    kind: 'conflict',
    code: 'CATEGORY_HAS_CHILDREN',
    message: 'The category still has subcategories; move or delete them first',
  },
});

import type { ErrorCode } from '../core/errors';

/**
 * What each of the database's named refusals means to a client: the constraint (or
 * trigger-raised constraint name) → the error code from the catalogue, a message more
 * specific than the code's default, and the input field it concerns. One explicit
 * table, read by translateDbError (./errors.ts); a test checks that every name here
 * exists in the migrated database and that its code is in the catalogue.
 *
 * Constraints without an entry still become a coded error by their SQLSTATE
 * (ALREADY_EXISTS, UNKNOWN_REFERENCE, VALIDATION_FAILED, …), without their name.
 */
export interface ConstraintError {
  code: ErrorCode;
  message?: string;
  /** The input field the constraint is about, for the problem's `errors` list. */
  field?: string;
}

const categoryMissing = { code: 'UNKNOWN_CATEGORY' } as const;
const parentMissing = { code: 'UNKNOWN_CATEGORY', message: 'The parent category does not exist or was deleted', field: 'parentId' } as const;
const mediaMissing = { code: 'UNKNOWN_MEDIA', message: 'The media file does not exist in this tenant' } as const;

export const constraintErrors: Readonly<Record<string, ConstraintError>> = {
  // tenants, users, accounts
  tenants_identifier_key: { code: 'TENANT_IDENTIFIER_TAKEN', field: 'identifier' },
  users_tenant_email_key: { code: 'EMAIL_TAKEN', field: 'email' },
  users_tenant_username_key: { code: 'USERNAME_TAKEN', field: 'username' },
  users_email_check: { code: 'VALIDATION_FAILED', message: 'The e-mail address is not valid', field: 'email' },
  users_username_check: {
    code: 'VALIDATION_FAILED',
    message: 'A username has 3–40 letters, digits, dots, dashes or underscores and starts and ends with a letter or digit',
    field: 'username',
  },
  user_profiles_display_name_check: { code: 'VALIDATION_FAILED', message: 'The display name must be 1–100 characters', field: 'displayName' },
  accounts_tenant_identifier_key: { code: 'ACCOUNT_IDENTIFIER_TAKEN', field: 'identifier' },
  account_users_member_key: { code: 'ALREADY_MEMBER' },
  account_invitations_key: { code: 'ALREADY_INVITED' },
  account_keeps_an_admin: { code: 'LAST_ADMIN' },
  notification_preferences_security: { code: 'NOTIFICATION_MANDATORY' },
  account_subscriptions_plan_fkey: { code: 'UNKNOWN_PLAN', field: 'plan' },

  user_exports_one_running: { code: 'EXPORT_ALREADY_RUNNING' },

  // roles and grants
  roles_name_key: { code: 'ROLE_NAME_TAKEN', field: 'name' },
  user_roles_key: { code: 'ALREADY_ASSIGNED' },
  tenant_keeps_an_admin: { code: 'LAST_TENANT_ADMIN' },
  user_permissions_key: { code: 'ALREADY_GRANTED' },

  user_profiles_public_fields_check: { code: 'VALIDATION_FAILED', message: 'Not a profile field that can be made public', field: 'fields' },

  // reviews
  reviews_booking_side_key: { code: 'REVIEW_ALREADY_WRITTEN' },
  reviews_application_side_key: { code: 'REVIEW_ALREADY_WRITTEN' },
  reviews_window: { code: 'REVIEW_WINDOW_CLOSED' },
  review_reports_once_key: { code: 'REVIEW_ALREADY_REPORTED' },

  // content and categories (slug conflicts get a suggestion from the content module)
  contents_tenant_slug_key: { code: 'SLUG_TAKEN', message: 'Another piece of content already uses this slug', field: 'slug' },
  categories_tenant_slug_key: { code: 'SLUG_TAKEN', message: 'Another category already uses this slug', field: 'slug' },
  contents_expiry: { code: 'EXPIRY_BEFORE_PUBLICATION', field: 'expiresAt' },
  contents_tenant_id_account_id_fkey: { code: 'UNKNOWN_ACCOUNT', field: 'accountId' },
  contents_tenant_id_user_id_fkey: { code: 'UNKNOWN_AUTHOR' },
  contents_tenant_id_featured_image_id_fkey: { ...mediaMissing, field: 'featuredImageId' },
  content_media_tenant_id_media_id_fkey: { ...mediaMissing, field: 'mediaIds' },
  content_categories_tenant_id_category_id_fkey: { ...categoryMissing, field: 'categoryIds' },
  content_categories_category_live: { ...categoryMissing, field: 'categoryIds' },
  categories_tenant_id_parent_id_fkey: parentMissing,
  categories_parent_live: parentMissing,
  categories_no_cycle: { code: 'CATEGORY_CYCLE', field: 'parentId' },
  categories_not_own_parent: { code: 'CATEGORY_CYCLE', field: 'parentId' },
  categories_no_live_children: { code: 'CATEGORY_HAS_CHILDREN' },

  // media
  media_storage_quota: {
    code: 'STORAGE_QUOTA_EXCEEDED',
    message: 'The storage quota is used up: this file does not fit. Delete (and purge) files or raise the limit',
  },
  media_files_in_use: { code: 'MEDIA_IN_USE' },
  media_files_in_trash: { code: 'MEDIA_IN_TRASH' },
  reports_open_key: { code: 'ALREADY_REPORTED' },
  user_blocked: { code: 'USER_BLOCKED' },
  user_blocks_key: { code: 'ALREADY_EXISTS', message: 'You have blocked this person already', field: 'userId' },
  user_blocks_not_self: { code: 'VALIDATION_FAILED', message: 'You cannot block yourself', field: 'userId' },
  listings_category_fkey: { code: 'UNKNOWN_CATEGORY', field: 'categoryId' },
  listing_images_media: { code: 'INVALID_LISTING_IMAGES', field: 'mediaIds' },
  media_files_immutable: { code: 'MEDIA_IMMUTABLE' },
  media_files_account_hash_key: { code: 'MEDIA_DUPLICATE', message: 'The account already has this exact file outside the trash' },
  media_files_personal_hash_key: { code: 'MEDIA_DUPLICATE', message: 'You already have this exact file outside the trash' },
  media_files_folder_check: { code: 'VALIDATION_FAILED', message: 'The folder name is not valid', field: 'folder' },
  media_files_title_check: { code: 'VALIDATION_FAILED', message: 'The title must be at most 300 characters', field: 'title' },
  media_files_alt_check: { code: 'VALIDATION_FAILED', message: 'The alt text must be at most 1000 characters', field: 'alt' },
  media_files_caption_check: { code: 'VALIDATION_FAILED', message: 'The caption must be at most 2000 characters', field: 'caption' },

  // marketplace
  applications_once_per_listing: { code: 'ALREADY_APPLIED' },
  check_listing_dates: { code: 'VALIDATION_FAILED', message: 'The end date must be after the start date', field: 'endDate' },
  applications_attachments_limit: { code: 'VALIDATION_FAILED', message: 'An application may have at most 20 attachments', field: 'attachments' },
  messages_attachments_limit: { code: 'VALIDATION_FAILED', message: 'A message may have at most 10 attachments', field: 'attachments' },
  listings_tenant_id_account_id_fkey: { code: 'ACCOUNT_NOT_FOUND' },
  listings_moderation_hold: { code: 'LISTING_HELD' },

  // bookings and availability
  bookings_no_overlap: { code: 'BOOKING_SLOT_TAKEN', field: 'start' },
  check_booking_dates: { code: 'INVALID_TIME_RANGE', message: 'A booking must end after it starts', field: 'end' },
  bookings_timezone_check: { code: 'INVALID_TIMEZONE', field: 'timezone' },
  bookings_price_check: { code: 'VALIDATION_FAILED', message: 'The price must not be negative', field: 'price' },
  bookings_currency_check: { code: 'VALIDATION_FAILED', message: 'The currency must be an ISO 4217 code such as EUR', field: 'currency' },
  bookings_series_has_rule: { code: 'INVALID_RECURRENCE', message: 'A booking belongs to a series exactly when it has a recurrence rule', field: 'recurrence' },
  bookings_overridden_by_fkey: { code: 'UNKNOWN_REFERENCE', message: 'The user who overrode the availability does not exist' },
  availabilities_timezone_check: { code: 'INVALID_TIMEZONE', field: 'timezone' },
  availabilities_window: { code: 'INVALID_TIME_RANGE', message: 'An availability window must end after it starts', field: 'end' },
  availabilities_weekly_no_overlap: { code: 'AVAILABILITY_WINDOWS_OVERLAP', message: 'Two weekly windows of one day overlap', field: 'windows' },
  availabilities_weekly_one_zone: { code: 'AVAILABILITY_TIMEZONE_MISMATCH', field: 'timezone' },
  availabilities_override_no_overlap: { code: 'AVAILABILITY_WINDOWS_OVERLAP', message: 'Two windows of the date override overlap', field: 'windows' },
  availabilities_override_one_kind: { code: 'AVAILABILITY_OVERRIDE_MIXED', field: 'windows' },
  availability_blocks_range: { code: 'INVALID_TIME_RANGE', message: 'A blocked range must end after it starts', field: 'end' },
  calendar_feeds_token_key: { code: 'CONCURRENT_UPDATE', message: 'Please retry: a calendar token collided' },
};

/**
 * The entry for a constraint name as PostgreSQL reports it. Citus reports the name of
 * the shard's constraint (`bookings_no_overlap_102008`), so a trailing shard id is
 * ignored when the name itself has no entry.
 */
export function constraintError(name: string | undefined): ConstraintError | undefined {
  if (!name) return undefined;
  return constraintErrors[name] ?? constraintErrors[name.replace(/_\d+$/, '')];
}

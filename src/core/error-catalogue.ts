/**
 * Every error code Mono answers, with its kind (the HTTP edge maps kinds to statuses)
 * and a default message. `new AppError(code)` takes the kind from here, so a code
 * always means the same thing wherever it is thrown; a throw site may give a more
 * specific message. Codes are part of the API: clients branch on them, the OpenAPI
 * document lists them per operation (each route declares the codes it answers).
 *
 * Naming: `<THING>_NOT_FOUND` (404) is the resource the path addresses; a body field
 * naming something that does not exist is `UNKNOWN_<THING>` (422).
 */
export type ErrorKind =
  | 'validation' // 400: the input is malformed
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404: missing, or another tenant's (indistinguishable on purpose)
  | 'method_not_allowed' // 405
  | 'timeout' // 408: the client was too slow sending its request
  | 'conflict' // 409: the state of things does not allow it
  | 'gone' // 410
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'unprocessable' // 422: well-formed but breaks a business rule
  | 'rate_limited' // 429
  | 'unavailable' // 503
  | 'internal'; // 500: a bug

export interface ErrorSpec {
  kind: ErrorKind;
  message: string;
}

const e = (kind: ErrorKind, message: string): ErrorSpec => ({ kind, message });

export const errorCatalogue = {
  // ── requests in general ────────────────────────────────────────────────────────
  VALIDATION_FAILED: e('validation', 'The input is not valid'),
  INVALID_CURSOR: e('validation', 'The cursor is not valid; use the nextCursor of a previous page of the same query'),
  MALFORMED_JSON: e('validation', 'The body is not valid JSON'),
  BAD_CONTENT_LENGTH: e('validation', 'The Content-Length does not match the body'),
  BAD_URL: e('validation', 'The URL is not valid'),
  BAD_REQUEST: e('validation', 'The request is not valid'),
  REQUEST_TIMEOUT: e('timeout', 'The request took too long to arrive'),
  PAYLOAD_TOO_LARGE: e('payload_too_large', 'The request body is too large'),
  UNSUPPORTED_MEDIA_TYPE: e('unsupported_media_type', 'This content type is not accepted here'),
  ROUTE_NOT_FOUND: e('not_found', 'There is no such route'),
  METHOD_NOT_ALLOWED: e('method_not_allowed', 'This method is not allowed here'),
  ILLEGAL_TRANSITION: e('conflict', 'This action is not allowed in the current state'),
  FORBIDDEN: e('forbidden', 'You are not allowed to do this'),
  INTERNAL_ERROR: e('internal', 'Something went wrong on our side'),
  ROUTE_WITHOUT_PERMISSION: e('internal', 'This route declares no permission'),

  // ── the database's refusals without a more specific code ──────────────────────
  ALREADY_EXISTS: e('conflict', 'A record with these values already exists'),
  CONFLICTING_RECORD: e('conflict', 'This record conflicts with an existing one'),
  IN_USE: e('conflict', 'This record is still in use and cannot be removed'),
  UNKNOWN_REFERENCE: e('unprocessable', 'A referenced record does not exist'),
  CONCURRENT_UPDATE: e('conflict', 'Another change got in the way; please retry'),
  LOCKED: e('conflict', 'The record is being changed by someone else; please retry'),
  QUERY_TIMEOUT: e('unavailable', 'The database took too long to answer'),
  DATABASE_UNAVAILABLE: e('unavailable', 'The database is not reachable right now; please retry shortly'),
  // Not an outage: the service's own role was refused (on Citus: by a worker). The operator must fix it; the log says what (db/errors.ts loginRefusal).
  DATABASE_LOGIN_REFUSED: e('internal', 'The database refused a login of this service; the operator must fix its configuration'),
  DATA_DIR_IN_USE: e('conflict', 'The embedded database is in use by another process'),

  // ── access: who is asking, and what they may do ────────────────────────────────
  UNAUTHENTICATED: e('unauthenticated', 'Sign in first: send Authorization: Bearer <session token>'),
  PERMISSION_DENIED: e('forbidden', 'You do not have the permission this needs'),
  CSRF_TOKEN_INVALID: e('forbidden', 'A change made with the session cookie needs the X-CSRF-Token header of that session'),
  TENANT_REQUIRED: e('validation', 'Name the tenant: send the X-Tenant: <identifier> header'),
  TENANT_NOT_FOUND: e('not_found', 'The tenant was not found'),
  TENANT_SUSPENDED: e('forbidden', 'This marketplace is not active; contact the operator'),
  PRIVILEGE_ESCALATION: e('forbidden', 'You cannot give or change more than you hold yourself'),
  PLATFORM_PERMISSION: e('unprocessable', 'Only the platform tenant can hold platform permissions'),
  SCOPE_NOT_ALLOWED: e('unprocessable', 'Only account permissions and ACCOUNT-level roles can be scoped to an account'),
  NOT_ON_YOURSELF: e('conflict', 'Use /api/v1/user/… for your own user'),
  UNKNOWN_PERMISSION: e('unprocessable', 'Not in the permission catalog'),
  TOO_MANY_ATTEMPTS: e('rate_limited', 'Too many attempts; try again later'),

  // ── tenants ─────────────────────────────────────────────────────────────────────
  TENANT_IDENTIFIER_TAKEN: e('conflict', 'A tenant with this identifier already exists'),
  PLATFORM_TENANT_PROTECTED: e('conflict', 'The platform tenant cannot be suspended or deleted'),
  TENANT_DELETED: e('conflict', 'This tenant was deleted'),
  UNKNOWN_SEARCH_LANGUAGE: e('unprocessable', 'There is no such text-search configuration'),

  // ── identity: users, sign-in, sessions, 2FA ───────────────────────────────────
  USER_NOT_FOUND: e('not_found', 'The user was not found'),
  UNKNOWN_USER: e('unprocessable', 'There is no active user like that in this marketplace'),
  PROFILE_NOT_FOUND: e('not_found', 'The profile was not found'),
  SESSION_NOT_FOUND: e('not_found', 'The session was not found'),
  EMAIL_TAKEN: e('conflict', 'A user with this e-mail address already exists'),
  USERNAME_TAKEN: e('conflict', 'This username is taken'),
  INVALID_CREDENTIALS: e('unauthenticated', 'The e-mail address or password is wrong'),
  INVALID_TOKEN: e('unprocessable', 'This link is invalid, was already used or has expired'),
  TWO_FACTOR_REQUIRED: e('unauthenticated', 'Two-factor authentication is on: send the 6-digit code as "totp" (or a recovery code as "recoveryCode")'),
  INVALID_TWO_FACTOR_CODE: e('unauthenticated', 'The two-factor code is wrong or has expired'),
  WRONG_TWO_FACTOR_CODE: e('unprocessable', 'The two-factor code is wrong or has expired'),
  TWO_FACTOR_ALREADY_ENABLED: e('conflict', 'Two-factor authentication is already on'),
  TWO_FACTOR_NOT_ENABLED: e('conflict', 'Two-factor authentication is off'),
  TWO_FACTOR_NOT_ENROLLED: e('conflict', 'Start with POST /api/v1/user/2fa/enroll'),
  USER_DEACTIVATED: e('forbidden', 'This user is deactivated; contact the administrator'),
  REGISTRATION_CLOSED: e('forbidden', 'This marketplace does not accept sign-ups; ask an administrator for an invitation'),
  WEAK_PASSWORD: e('validation', 'The password is too weak'),
  WRONG_PASSWORD: e('unprocessable', 'The password is wrong'),
  ALREADY_VERIFIED: e('conflict', 'The e-mail address is already verified'),
  EMAIL_NOT_VERIFIED: e('forbidden', 'Verify your e-mail address first'),

  // ── roles and grants ────────────────────────────────────────────────────────────
  ROLE_NOT_FOUND: e('not_found', 'The role was not found'),
  UNKNOWN_ROLE: e('unprocessable', 'There is no role of that name in this tenant'),
  ROLE_ASSIGNMENT_NOT_FOUND: e('not_found', 'The role assignment was not found'),
  GRANT_NOT_FOUND: e('not_found', 'The permission grant was not found'),
  ROLE_NAME_TAKEN: e('conflict', 'A role with this name already exists'),
  ALREADY_ASSIGNED: e('conflict', 'The user already has this role in this scope'),
  ALREADY_GRANTED: e('conflict', 'The user already has a grant or deny of this permission in this scope; revoke it first'),
  LAST_TENANT_ADMIN: e('conflict', 'The marketplace must keep at least one administrator: make someone else tenant_admin first'),
  SYSTEM_ROLE: e('conflict', 'System roles are defined by the platform and cannot be changed'),

  // ── accounts, memberships, plans ─────────────────────────────────────────────────
  ACCOUNT_NOT_FOUND: e('not_found', 'The account was not found'),
  UNKNOWN_ACCOUNT: e('unprocessable', 'The account does not exist'),
  ACCOUNT_IDENTIFIER_TAKEN: e('conflict', 'An account with this identifier already exists'),
  ACCOUNT_NOT_ACTIVE: e('conflict', 'The account is not active'),
  ACCOUNT_CREATION_CLOSED: e('forbidden', 'In this marketplace only administrators create accounts'),
  INVITATION_NOT_FOUND: e('not_found', 'The invitation was not found'),
  MEMBER_NOT_FOUND: e('not_found', 'The member was not found'),
  ALREADY_MEMBER: e('conflict', 'This user is already a member of the account'),
  ALREADY_INVITED: e('conflict', 'This address has a pending invitation to the account already'),
  LAST_ADMIN: e('conflict', 'An account must keep at least one admin: make someone else admin first'),
  MEMBER_LIMIT_REACHED: e('conflict', 'The account has as many members as its plan allows'),
  UNKNOWN_PLAN: e('unprocessable', 'There is no such plan'),
  FEATURE_NOT_IN_PLAN: e('forbidden', 'This is not part of the account’s plan'),

  // ── content and categories ───────────────────────────────────────────────────────
  CONTENT_NOT_FOUND: e('not_found', 'The content was not found'),
  CATEGORY_NOT_FOUND: e('not_found', 'The category was not found'),
  UNKNOWN_CATEGORY: e('unprocessable', 'The category does not exist or was deleted'),
  UNKNOWN_AUTHOR: e('unprocessable', 'The author is not a user of this tenant'),
  CATEGORY_CYCLE: e('unprocessable', 'A category cannot be moved under itself or one of its own subcategories'),
  CATEGORY_HAS_CHILDREN: e('conflict', 'The category still has subcategories; move or delete them first'),
  SLUG_TAKEN: e('conflict', 'This slug is taken'),
  EXPIRY_BEFORE_PUBLICATION: e('unprocessable', 'expiresAt must be later than the publication time'),

  // ── media ───────────────────────────────────────────────────────────────────────
  MEDIA_NOT_FOUND: e('not_found', 'The media file was not found'),
  UNKNOWN_MEDIA: e('unprocessable', 'A media file does not exist, is in the trash, or belongs to another account or person'),
  MEDIA_DUPLICATE: e('conflict', 'This exact file is already stored outside the trash'),
  MEDIA_IMMUTABLE: e('conflict', 'The bytes of a stored file cannot change; upload a new file instead'),
  MEDIA_IN_TRASH: e('unprocessable', 'The file is in the trash; restore it before using it'),
  MEDIA_IN_USE: e('conflict', 'The file is in use by content, an application or a message; remove it from there first'),
  MEDIA_LOCATION_NOT_REMOVABLE: e('unprocessable', 'The location data of this image could not be removed, so it was not stored'),
  MEDIA_UNREADABLE: e('unprocessable', 'The image could not be read; it may be damaged or truncated'),
  MEDIA_BYTES_MISSING: e('internal', 'The stored bytes of this file are missing'),
  EMPTY_FILE: e('validation', 'The file is empty'),
  STORAGE_QUOTA_EXCEEDED: e('payload_too_large', 'The storage quota is used up: this file does not fit'),

  // ── marketplace: listings, applications, conversations ──────────────────────────
  LISTING_NOT_FOUND: e('not_found', 'The listing was not found'),
  APPLICATION_NOT_FOUND: e('not_found', 'The application was not found'),
  CONVERSATION_NOT_FOUND: e('not_found', 'The conversation was not found'),
  MESSAGE_NOT_FOUND: e('not_found', 'The message was not found'),
  ALREADY_APPLIED: e('conflict', 'You have already applied to this listing'),
  LISTING_CLOSED: e('conflict', 'The listing is closed'),
  LISTING_NOT_OPEN: e('conflict', 'The listing does not take applications'),
  LISTING_HELD: e('conflict', 'A moderator took this listing down; only a moderator can make it active again'),
  USER_BLOCKED: e('forbidden', 'One of you has blocked the other: no applications, messages or bookings between you'),
  UNKNOWN_REPORT_TARGET: e('unprocessable', 'There is nothing like that you can report'),
  ALREADY_REPORTED: e('conflict', 'You have an open report of this already'),
  REPORT_NOT_FOUND: e('not_found', 'Report not found'),
  REPORT_CLOSED: e('conflict', 'The report was resolved or dismissed already'),
  FAVOURITE_NOT_FOUND: e('not_found', 'This listing is not one of your favourites'),
  USER_BLOCK_NOT_FOUND: e('not_found', 'You do not block this person'),
  SAVED_SEARCH_NOT_FOUND: e('not_found', 'Saved search not found'),
  SAVED_SEARCH_LIMIT_REACHED: e('conflict', 'You have saved as many searches as you may; delete one first'),
  LISTING_EXPIRY_PASSED: e('unprocessable', 'The listing’s expiry has passed; set a later expiresAt first'),
  LISTING_LIMIT_REACHED: e('conflict', 'The account has as many active listings as its plan allows'),
  OWN_LISTING: e('unprocessable', 'You cannot apply to a listing of an account you belong to'),
  INVALID_ANSWERS: e('unprocessable', 'The answers do not fit the listing’s questions'),
  INVALID_ATTACHMENTS: e('unprocessable', 'Attachments must be your own uploaded files'),
  INVALID_LISTING_FIELDS: e('unprocessable', 'The listing’s field values do not fit the marketplace’s listing fields'),
  INVALID_LISTING_IMAGES: e('unprocessable', 'A listing’s images must be ready images of its account’s media library'),
  CONVERSATION_CLOSED: e('conflict', 'The application was withdrawn; its conversation is closed'),
  EDIT_WINDOW_PASSED: e('conflict', 'The time to edit this message has passed'),
  MESSAGE_DELETED: e('conflict', 'The message was deleted'),
  NOT_MESSAGE_SENDER: e('forbidden', 'Only its sender can change a message'),

  // ── reviews and public profiles ─────────────────────────────────────────────────
  REVIEW_NOT_FOUND: e('not_found', 'The review was not found'),
  REVIEW_NOT_OPEN: e('conflict', 'This cannot be reviewed (yet): a booking must be COMPLETED, an application ACCEPTED with its listing’s end date passed'),
  REVIEW_WINDOW_CLOSED: e('conflict', 'The time to review this has passed (14 days after the work ended)'),
  REVIEW_ALREADY_WRITTEN: e('conflict', 'Your side has already reviewed this'),
  REVIEW_ALREADY_REPLIED: e('conflict', 'This review already has a reply'),
  REVIEW_ALREADY_REPORTED: e('conflict', 'You have already reported this review'),

  // ── bookings and availability ───────────────────────────────────────────────────
  BOOKING_NOT_FOUND: e('not_found', 'The booking was not found'),
  RESOURCE_NOT_FOUND: e('not_found', 'The booked resource was not found'),
  OVERRIDE_NOT_FOUND: e('not_found', 'The date override was not found'),
  BLOCK_NOT_FOUND: e('not_found', 'The blocked range was not found'),
  CALENDAR_FEED_NOT_FOUND: e('not_found', 'The calendar feed was not found'),
  UNKNOWN_CLIENT: e('unprocessable', 'The client does not exist or is not active'),
  UNKNOWN_RESOURCE: e('unprocessable', 'The resource to book does not exist or is not active'),
  BOOKING_SLOT_TAKEN: e('conflict', 'The resource already has a booking at this time'),
  BOOKING_FORBIDDEN: e('forbidden', 'Booking for someone else needs account.bookings.manage for the resource’s account'),
  BOOKING_ACTION_FORBIDDEN: e('forbidden', 'You are not a party that may do this to the booking'),
  BOOKING_EDIT_FORBIDDEN: e('forbidden', 'You are not a party that may change this part of the booking'),
  BOOKING_IN_PAST: e('unprocessable', 'A booking cannot start in the past'),
  BOOKING_NOT_IN_SERIES: e('unprocessable', 'This booking is not part of a recurring series'),
  BOOKING_NOT_STARTED: e('conflict', 'The booking has not started yet'),
  BOOKING_OUTSIDE_AVAILABILITY: e('unprocessable', 'The resource is not available at this time'),
  BOOKING_SELF: e('unprocessable', 'The client and the booked resource must be different people'),
  BOOKING_TOO_LONG: e('validation', 'The booking is too long'),
  AVAILABILITY_OVERRIDE_FORBIDDEN: e('forbidden', 'Only an account manager of the resource can book outside its availability'),
  AVAILABILITY_OVERRIDE_MIXED: e('validation', 'A date override either has windows or blocks the day, in one time zone'),
  AVAILABILITY_TIMEZONE_MISMATCH: e('validation', 'All weekly windows of a person are in one time zone'),
  AVAILABILITY_WINDOWS_OVERLAP: e('validation', 'Two availability windows overlap'),
  INVALID_DURATION: e('validation', 'The duration is not valid'),
  INVALID_RECURRENCE: e('validation', 'The recurrence rule is not valid'),
  INVALID_TIMEZONE: e('validation', 'The time zone is not a known IANA zone'),
  INVALID_TIME_RANGE: e('validation', 'The end must be after the start'),
  RANGE_TOO_LONG: e('validation', 'The time range is too long'),
  RECURRENCE_OVERLAPS: e('validation', 'The booking is longer than the time between two occurrences, so they would overlap'),
  // booking a listing (issue 16)
  LISTING_NOT_BOOKABLE: e('conflict', 'The listing takes no bookings'),
  LISTING_UNAVAILABLE: e('conflict', 'The listing is not active, or its account is suspended: it takes no bookings now'),
  LISTING_TYPE_NOT_BOOKABLE: e('unprocessable', 'Listings of this type cannot take bookings in this marketplace'),
  UNKNOWN_PROVIDER: e('unprocessable', 'The provider is not an active member of the listing’s account, or not a provider of this listing'),
  BOOKING_NOTICE_TOO_SHORT: e('unprocessable', 'The booking starts sooner than the listing’s minimum notice allows'),
  BOOKING_OUTSIDE_WINDOW: e('unprocessable', 'The booking starts further ahead than the listing’s booking window allows'),
  BOOKING_BUFFER_CONFLICT: e('conflict', 'Another booking of the provider lies within the buffer time around this one'),
  BOOKING_LIMIT_REACHED: e('conflict', 'The provider has as many bookings that day or week as the listing allows'),

  // ── audit ──────────────────────────────────────────────────────────────────────
  AUDIT_HISTORY_NOT_FOUND: e('not_found', 'The history of this record was not found'),

  // ── integrations: API keys, idempotent writes ───────────────────────────────────
  RATE_LIMITED: e('rate_limited', 'Too many requests with this API key in this minute; see the RateLimit-* headers'),
  API_KEY_NOT_FOUND: e('not_found', 'The API key was not found'),
  IDEMPOTENCY_KEY_INVALID: e('validation', 'The Idempotency-Key header must be 1 to 255 printable ASCII characters'),
  IDEMPOTENCY_KEY_REUSED: e('unprocessable', 'This Idempotency-Key was already used for a different request'),
  IDEMPOTENCY_IN_PROGRESS: e('conflict', 'A request with this Idempotency-Key is still being processed; retry shortly'),
  // ── integrations: events and webhooks ────────────────────────────────────────────
  WEBHOOK_NOT_FOUND: e('not_found', 'The webhook endpoint was not found'),
  WEBHOOK_DELIVERY_NOT_FOUND: e('not_found', 'The webhook delivery was not found'),
  WEBHOOK_URL_NOT_ALLOWED: e('unprocessable', 'Webhook URLs must be https and must not point to loopback, private, link-local or metadata addresses'),
  WEBHOOK_DISABLED: e('conflict', 'The webhook endpoint is disabled; enable it first'),

  // ── notifications ──────────────────────────────────────────────────────────────
  NOTIFICATION_NOT_FOUND: e('not_found', 'The notification was not found'),
  NOTIFICATION_MANDATORY: e('unprocessable', 'Security notices cannot be turned off'),
  MAIL_TEMPLATE_NOT_FOUND: e('not_found', 'There is no mail template of that name'),
  INVALID_TEMPLATE: e('unprocessable', 'The template does not parse or names a variable its kind does not have'),
  TOO_MANY_EVENT_STREAMS: e('rate_limited', 'You have as many live event streams open as allowed; close one (another tab or device) first'),

  // ── personal data exports ─────────────────────────────────────────────────────────
  EXPORT_NOT_FOUND: e('not_found', 'The data export was not found'),
  EXPORT_ALREADY_RUNNING: e('conflict', 'A data export of this person is already being prepared; wait for it to finish'),
  EXPORT_NOT_READY: e('conflict', 'The data export is not ready yet (or failed); see its status'),
  EXPORT_EXPIRED: e('gone', 'The data export has expired and was deleted; request a new one'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorCatalogue, code);

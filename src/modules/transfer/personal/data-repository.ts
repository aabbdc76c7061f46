import { type SQL, sql } from 'drizzle-orm';
import { rows } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';

/**
 * What a person's data export contains, kind by kind (docs/export.md): everything the
 * erasure rules (mono.erasure_rules) would remove or anonymise, plus what the person can
 * see of their own activity. Secrets are left out (password and token hashes, the TOTP
 * secret). Other people appear only as the API shows them to this person: by id, and by
 * their public display name where the API shows one — never with their e-mail address,
 * phone, IP address or user agent.
 */
export type PersonalKind = keyof ReturnType<typeof personalQueries>;

const personalQueries = (t: string, u: string) => ({
  account: sql`select to_jsonb(x) - 'tenant_id' - 'hashed_password' - 'two_factor_secret' - 'two_factor_last_step' as r
                 from users x where x.tenant_id = ${t} and x.id = ${u}`,
  profile: sql`select to_jsonb(x) - 'tenant_id' as r from user_profiles x where x.tenant_id = ${t} and x.user_id = ${u}`,
  sessions: sql`select to_jsonb(x) - 'tenant_id' - 'token_hash' - 'user_id' as r from sessions x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  memberships: sql`select jsonb_build_object('accountId', a.id, 'account', a.name, 'role', m.role, 'joinedAt', m.joined_at) as r
                     from account_users m join accounts a on a.tenant_id = m.tenant_id and a.id = m.account_id
                    where m.tenant_id = ${t} and m.user_id = ${u} order by m.id`,
  roles: sql`select jsonb_build_object('role', r.name, 'accountId', g.account_id, 'assignedAt', g.assigned_at, 'expiresAt', g.expires_at) as r
               from user_roles g join roles r on r.tenant_id = g.tenant_id and r.id = g.role_id
              where g.tenant_id = ${t} and g.user_id = ${u} order by g.id`,
  permissions: sql`select jsonb_build_object('permission', p.name, 'granted', g.granted, 'accountId', g.account_id, 'assignedAt', g.assigned_at, 'expiresAt', g.expires_at) as r
                     from user_permissions g join permissions p on p.id = g.permission_id
                    where g.tenant_id = ${t} and g.user_id = ${u} order by g.id`,
  invitations: sql`select to_jsonb(x) - 'tenant_id' as r from account_invitations x
                    where x.tenant_id = ${t} and x.email = (select email from users where tenant_id = ${t} and id = ${u}) order by x.id`,
  applications: sql`select to_jsonb(x) - 'tenant_id' || jsonb_build_object('listingTitle', l.title) as r
                      from applications x join listings l on l.tenant_id = x.tenant_id and l.id = x.listing_id
                     where x.tenant_id = ${t} and x.applicant_id = ${u} order by x.id`,
  // One's own messages, and the other side's in the conversations of one's applications (as the API shows them).
  messages: sql`select jsonb_build_object('id', m.id, 'applicationId', m.application_id, 'fromMe', m.sender_id = ${u},
                         'senderId', m.sender_id, 'senderName', p.display_name,
                         'body', case when m.deleted_at is null then m.body end, 'attachments', m.attachments,
                         'createdAt', m.created_at, 'editedAt', m.edited_at, 'readAt', m.read_at, 'deletedAt', m.deleted_at) as r
                  from messages m left join user_profiles p on p.tenant_id = m.tenant_id and p.user_id = m.sender_id
                 where m.tenant_id = ${t}
                   and (m.sender_id = ${u} or exists (select 1 from applications a where a.tenant_id = ${t} and a.id = m.application_id and a.applicant_id = ${u}))
                 order by m.id`,
  bookings: sql`select to_jsonb(x) - 'tenant_id' as r from bookings x where x.tenant_id = ${t} and (x.client_id = ${u} or x.resource_id = ${u}) order by x.id`,
  bookableFor: sql`select to_jsonb(x) - 'tenant_id' as r from listing_booking_providers x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  availability: sql`select to_jsonb(x) - 'tenant_id' as r from availabilities x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  availabilityBlocks: sql`select to_jsonb(x) - 'tenant_id' as r from availability_blocks x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  calendarFeeds: sql`select to_jsonb(x) - 'tenant_id' - 'token_hash' as r from calendar_feeds x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  reviewsWritten: sql`select to_jsonb(x) - 'tenant_id' - 'hidden_by' as r from reviews x where x.tenant_id = ${t} and x.author_id = ${u} order by x.id`,
  // Reviews of oneself as the API shows them: revealed and not hidden; the author by side only.
  reviewsAboutMe: sql`select jsonb_build_object('id', x.id, 'authorSide', x.author_side, 'stars', x.stars, 'body', x.body, 'reply', x.reply,
                             'createdAt', x.created_at, 'revealedAt', x.revealed_at, 'repliedAt', x.replied_at) as r
                        from reviews x where x.tenant_id = ${t} and x.subject_user_id = ${u} and x.revealed_at is not null and x.hidden_at is null order by x.id`,
  reviewReports: sql`select to_jsonb(x) - 'tenant_id' as r from review_reports x where x.tenant_id = ${t} and x.reporter_id = ${u} order by x.id`,
  engagements: sql`select to_jsonb(x) - 'tenant_id' as r from engagements x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  activities: sql`select to_jsonb(x) - 'tenant_id' as r from activities x where x.tenant_id = ${t} and x.user_id = ${u} order by x.created_at, x.id`,
  mail: sql`select jsonb_build_object('id', x.id, 'subject', x.subject, 'template', x.template, 'status', x.status, 'createdAt', x.created_at, 'sentAt', x.sent_at) as r
              from mail_outbox x where x.tenant_id = ${t} and x.to_email = (select email from users where tenant_id = ${t} and id = ${u}) order by x.id`,
  apiKeys: sql`select to_jsonb(x) - 'tenant_id' - 'token_hash' as r from api_keys x where x.tenant_id = ${t} and x.created_by = ${u} order by x.id`,
  media: sql`select to_jsonb(x) - 'tenant_id' - 'storage_key' as r from media_files x
              where x.tenant_id = ${t} and x.uploader_id = ${u} and x.account_id is null order by x.id`,
  notifications: sql`select to_jsonb(x) - 'tenant_id' as r from notifications x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  notificationPreferences: sql`select to_jsonb(x) - 'tenant_id' as r from notification_preferences x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  favourites: sql`select to_jsonb(x) - 'tenant_id' as r from favourites x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  savedSearches: sql`select to_jsonb(x) - 'tenant_id' as r from saved_searches x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  blocks: sql`select to_jsonb(x) - 'tenant_id' as r from user_blocks x where x.tenant_id = ${t} and x.blocker_id = ${u} order by x.id`,
  reports: sql`select to_jsonb(x) - 'tenant_id' - 'resolved_by' - 'resolution_note' as r from reports x where x.tenant_id = ${t} and x.reporter_id = ${u} order by x.id`,
  moderationReads: sql`select to_jsonb(x) - 'tenant_id' as r from conversation_moderation_reads x where x.tenant_id = ${t} and x.reader_id = ${u} order by x.id`,
  externalIds: sql`select to_jsonb(x) - 'tenant_id' as r from import_external_ids x where x.tenant_id = ${t} and x.mono_id = ${u} order by x.id`,
  dataExports: sql`select to_jsonb(x) - 'tenant_id' - 'storage_key' as r from user_exports x where x.tenant_id = ${t} and x.user_id = ${u} order by x.id`,
  // The history of one's own user and profile records; who changed them only as "you",
  // "an administrator" or "the system", and where from only when it was oneself.
  accountHistory: sql`select jsonb_build_object('seq', a.seq, 'at', a.created_at, 'action', a.action, 'record', a.resource,
                             'fields', a.changed_fields, 'before', a.old_values, 'after', a.new_values,
                             'by', case when a.user_id = ${u} then 'you' when a.user_id is null then 'system' else 'administrator' end,
                             'ipAddress', case when a.user_id = ${u} then a.ip_address end,
                             'userAgent', case when a.user_id = ${u} then a.user_agent end) as r
                        from audit_logs a
                       where a.tenant_id = ${t}
                         and ((a.resource = 'users' and a.resource_id = ${u}::text)
                           or (a.resource = 'user_profiles' and a.resource_id in (select p.id::text from user_profiles p where p.tenant_id = ${t} and p.user_id = ${u})))
                       order by a.seq`,
});

/**
 * The tables of mono.erasure_rules whose rows the archive holds (a kind above reads each), and
 * those it leaves out, with the reason. test/export/personal-export.test.ts fails when an
 * erasure rule names a table in neither list: a new kind of personal data needs a kind here.
 */
export const EXPORTED_ERASURE_TABLES = [
  'users',
  'user_profiles',
  'sessions',
  'api_keys',
  'notifications',
  'notification_preferences',
  'availabilities',
  'availability_blocks',
  'calendar_feeds',
  'engagements',
  'activities',
  'account_invitations',
  'listing_booking_providers',
  'bookings',
  'favourites',
  'user_exports',
  'saved_searches',
  'user_blocks',
  'messages',
  'conversation_moderation_reads',
  'applications',
  'mail_outbox',
  'review_reports',
  'reviews',
  'reports',
  'import_external_ids',
];
export const ERASURE_TABLES_NOT_EXPORTED: Readonly<Record<string, string>> = {
  user_recovery_codes: 'hashes of two-factor recovery codes: secrets, not information about the person (account.json says whether 2FA is on)',
  one_time_tokens: 'hashes of e-mail verification and password reset tokens: secrets that expire within hours',
  idempotency_keys: 'stored API responses kept for 24 hours to answer a retried request: a technical replay cache, not information about the person',
};

/** Every kind of the person's data, as JSON-ready rows (in one transaction: one consistent picture). */
export async function collectPersonalData(tx: TenantTx, userId: string): Promise<Record<PersonalKind, unknown[]>> {
  const queries = personalQueries(tx.tenantId, userId);
  const result = {} as Record<PersonalKind, unknown[]>;
  for (const [kind, query] of Object.entries(queries) as [PersonalKind, SQL][]) {
    result[kind] = (await rows<{ r: unknown }>(tx, query)).map((row) => row.r);
  }
  return result;
}

/** The person's own stored files (their personal library, trashed ones included). */
export async function personalFiles(tx: TenantTx, userId: string): Promise<{ id: string; filename: string; storage_key: string }[]> {
  return rows(
    tx,
    sql`select id, filename, storage_key from media_files
         where tenant_id = ${tx.tenantId} and uploader_id = ${userId} and account_id is null and storage_key is not null order by id`,
  );
}

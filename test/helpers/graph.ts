import { sql } from 'drizzle-orm';
import { systemContext } from '../../src/core/context';
import type { Database } from '../../src/db/client';
import { firstRow } from '../../src/db/sql';
import { withPlatform } from '../../src/db/tenant-context';

/**
 * One row in every tenant-owned table for one tenant, inserted with plain SQL on the
 * platform path. Tests that walk the whole schema (isolation, audit) use it; the
 * isolation test fails when a tenant-owned table has no row here, so a new table
 * cannot slip past it.
 */
export interface TenantGraph {
  tenantId: string;
  identifier: string;
  userId: string;
  otherUserId: string;
  accountId: string;
  listingId: string;
  applicationId: string;
  contentId: string;
  mediaId: string;
  categoryId: string;
  bookingId: string;
  roleId: string;
}

let counter = 0;

export async function ensureTestPermission(db: Database): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into permissions (name, description) values ('tenant.tests.read', 'test permission')
     on conflict (name) do update set description = excluded.description returning id`,
  );
  return rows[0]!.id;
}

export function uniqueIdentifier(label: string): string {
  counter += 1;
  return `${label}-${counter}-${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
}

/** `existing`: fill a tenant that was created already (e.g. one with a signed-in admin). */
export async function createTenantGraph(db: Database, label = 'tenant', existing?: { tenantId: string; identifier: string }): Promise<TenantGraph> {
  const identifier = existing?.identifier ?? uniqueIdentifier(label);
  const permissionId = await ensureTestPermission(db);
  const graph = await withPlatform(db, systemContext(null, 'test-graph'), async (tx) => {
    const id = async (query: ReturnType<typeof sql>) => (await firstRow<{ id: string }>(tx, query))!.id;
    const tableExists = async (name: string) => (await firstRow<{ ok: boolean }>(tx, sql`select to_regclass(${`public.${name}`}) is not null as ok`))!.ok;
    const tenantId =
      existing?.tenantId ??
      (await id(sql`insert into tenants (identifier, name, status) values (${identifier}, ${`Tenant ${identifier}`}, 'ACTIVE') returning id`));
    const userId = await id(
      sql`insert into users (tenant_id, email, username, hashed_password) values (${tenantId}, ${`owner@${identifier}.test`}, ${`owner${counter}`}, 'secret-hash') returning id`,
    );
    const otherUserId = await id(sql`insert into users (tenant_id, email) values (${tenantId}, ${`other@${identifier}.test`}) returning id`);
    await tx.execute(sql`insert into user_profiles (tenant_id, user_id, display_name) values (${tenantId}, ${userId}, 'Owner')`);
    const accountId = await id(sql`insert into accounts (tenant_id, identifier, name, type) values (${tenantId}, 'acme', 'Acme', 'AGENCY') returning id`);
    await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values (${tenantId}, ${accountId}, ${userId}, 'admin')`);
    await tx.execute(
      sql`insert into account_invitations (tenant_id, account_id, email, role) values (${tenantId}, ${accountId}, ${`invitee@${identifier}.test`}, 'member')`,
    );
    await tx.execute(sql`insert into account_subscriptions (tenant_id, account_id, plan, status) values (${tenantId}, ${accountId}, 'pro', 'ACTIVE')`);
    await tx.execute(
      sql`insert into sessions (tenant_id, user_id, token_hash, expires_at) values (${tenantId}, ${userId}, sha256(convert_to(${identifier}::text, 'UTF8')), now() + interval '1 day')`,
    );
    await tx.execute(
      sql`insert into one_time_tokens (tenant_id, user_id, purpose, token_hash, expires_at) values (${tenantId}, ${userId}, 'PASSWORD_RESET', sha256(convert_to(${`${identifier}r`}::text, 'UTF8')), now() + interval '1 hour')`,
    );
    await tx.execute(
      sql`insert into user_recovery_codes (tenant_id, user_id, code_hash) values (${tenantId}, ${userId}, sha256(convert_to(${`${identifier}c`}::text, 'UTF8')))`,
    );
    const roleId = await id(sql`insert into roles (tenant_id, name, level) values (${tenantId}, 'tester', 'TENANT') returning id`);
    await tx.execute(sql`insert into role_permissions (tenant_id, role_id, permission_id) values (${tenantId}, ${roleId}, ${permissionId})`);
    await tx.execute(sql`insert into user_roles (tenant_id, user_id, role_id) values (${tenantId}, ${userId}, ${roleId})`);
    await tx.execute(
      sql`insert into user_permissions (tenant_id, user_id, permission_id, granted) values (${tenantId}, ${otherUserId}, ${permissionId}, false)`,
    );
    const mediaId = await id(
      sql`insert into media_files (tenant_id, uploader_id, filename, mimetype, size, url) values (${tenantId}, ${userId}, 'a.png', 'image/png', 10, '/media/a.png') returning id`,
    );
    const categoryId = await id(sql`insert into categories (tenant_id, name, slug) values (${tenantId}, 'News', 'news') returning id`);
    const contentId = await id(
      sql`insert into contents (tenant_id, account_id, user_id, type, title, slug, featured_image_id) values (${tenantId}, ${accountId}, ${userId}, 'ARTICLE', 'Hello world', 'hello-world', ${mediaId}) returning id`,
    );
    await tx.execute(sql`insert into content_categories (tenant_id, content_id, category_id) values (${tenantId}, ${contentId}, ${categoryId})`);
    await tx.execute(sql`insert into content_media (tenant_id, content_id, media_id) values (${tenantId}, ${contentId}, ${mediaId})`);
    // Listing fields and categories (0920), absent from a database migrated only part of the
    // way: the field is defined first, so the listing is inserted with its value in one
    // statement (one audit entry) and the trigger writes it to listing_field_values.
    const withFields = await tableExists('listing_fields');
    if (withFields) {
      await tx.execute(
        sql`insert into listing_fields (tenant_id, key, label, kind, listing_types) values (${tenantId}, 'height', 'Height in cm', 'number', '{GIG}')`,
      );
    }
    const listingId = await id(
      withFields
        ? sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, status, custom_fields, category_id) values (${tenantId}, ${accountId}, ${userId}, 'GIG', 'Runway model', 'Two days in Paris', '1500.00', 'FIXED', 'ACTIVE', '{"height": 180}', ${categoryId}) returning id`
        : sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, status) values (${tenantId}, ${accountId}, ${userId}, 'GIG', 'Runway model', 'Two days in Paris', '1500.00', 'FIXED', 'ACTIVE') returning id`,
    );
    // Listing galleries (0870): absent from a database migrated only part of the way.
    if (await tableExists('listing_images')) {
      const imageId = await id(
        sql`insert into media_files (tenant_id, uploader_id, account_id, filename, mimetype, size, url, content_hash) values (${tenantId}, ${userId}, ${accountId}, 'cover.png', 'image/png', 10, '/media/cover.png', ${'c'.repeat(64)}) returning id`,
      );
      await tx.execute(sql`insert into listing_images (tenant_id, listing_id, media_id, position) values (${tenantId}, ${listingId}, ${imageId}, 0)`);
    }
    // Favourites and saved searches (0871).
    if (await tableExists('saved_searches')) {
      await tx.execute(sql`insert into favourites (tenant_id, user_id, listing_id) values (${tenantId}, ${otherUserId}, ${listingId})`);
      const savedSearchId = await id(
        sql`insert into saved_searches (tenant_id, user_id, name, query) values (${tenantId}, ${otherUserId}, 'Runway gigs', '{"q": "runway"}') returning id`,
      );
      await tx.execute(sql`insert into saved_search_matches (tenant_id, saved_search_id, listing_id) values (${tenantId}, ${savedSearchId}, ${listingId})`);
    }
    const applicationId = await id(
      sql`insert into applications (tenant_id, listing_id, applicant_id) values (${tenantId}, ${listingId}, ${otherUserId}) returning id`,
    );
    const messageId = await id(
      sql`insert into messages (tenant_id, application_id, sender_id, body) values (${tenantId}, ${applicationId}, ${otherUserId}, 'Hello') returning id`,
    );
    // Tables of this round's migrations (04xx–07xx) are absent from a database migrated only part of the way (test/cli/backfill.test.ts).
    const bookable = await tableExists('listing_booking_settings');
    if (await tableExists('conversation_moderation_reads')) {
      await tx.execute(sql`insert into conversation_moderation_reads (tenant_id, application_id, reader_id) values (${tenantId}, ${applicationId}, ${userId})`);
    }
    await tx.execute(
      sql`insert into conversation_reads (tenant_id, application_id, user_id, last_read_message_id, last_read_message_at) select ${tenantId}, ${applicationId}, ${userId}, id, created_at from messages where tenant_id = ${tenantId} and id = ${messageId}`,
    );
    if (bookable) {
      await tx.execute(
        sql`insert into listing_booking_settings (tenant_id, listing_id, durations, questions) values (${tenantId}, ${listingId}, '[60]', '[]')`,
      );
      await tx.execute(sql`insert into listing_booking_providers (tenant_id, listing_id, user_id) values (${tenantId}, ${listingId}, ${userId})`);
    }
    const bookingId = await id(
      bookable
        ? sql`insert into bookings (tenant_id, resource_id, client_id, listing_id, answers, title, type, start_time, end_time, timezone) values (${tenantId}, ${userId}, ${otherUserId}, ${listingId}, '{"size": "M"}', 'Fitting', 'APPOINTMENT', now() + interval '1 day', now() + interval '1 day 1 hour', 'Europe/Vienna') returning id`
        : sql`insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone) values (${tenantId}, ${userId}, ${otherUserId}, 'Fitting', 'APPOINTMENT', now() + interval '1 day', now() + interval '1 day 1 hour', 'Europe/Vienna') returning id`,
    );
    if (await tableExists('reviews')) {
      // A revealed review of the booking (its trigger fills rating_summaries) and a report of it.
      const reviewId = await id(
        sql`insert into reviews (tenant_id, booking_id, author_side, author_id, subject_user_id, stars, body, window_closes_at, revealed_at) values (${tenantId}, ${bookingId}, 'CLIENT', ${otherUserId}, ${userId}, 5, 'Great fitting', now() + interval '14 days', now()) returning id`,
      );
      await tx.execute(sql`insert into review_reports (tenant_id, review_id, reporter_id, reason) values (${tenantId}, ${reviewId}, ${userId}, 'Not true')`);
    }
    await tx.execute(
      sql`insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone) values (${tenantId}, ${userId}, 1, '09:00', '17:00', 'Europe/Vienna')`,
    );
    await tx.execute(
      sql`insert into availability_blocks (tenant_id, user_id, start_time, end_time, reason) values (${tenantId}, ${userId}, now() + interval '10 days', now() + interval '12 days', 'Holiday')`,
    );
    await tx.execute(
      sql`insert into calendar_feeds (tenant_id, user_id, token_hash) values (${tenantId}, ${userId}, sha256(convert_to(${`${identifier}ics`}::text, 'UTF8')))`,
    );
    await tx.execute(
      sql`insert into activities (tenant_id, user_id, type, target, target_id) values (${tenantId}, ${otherUserId}, 'view', 'contents', ${contentId})`,
    );
    await tx.execute(
      sql`insert into engagements (tenant_id, user_id, kind, target, target_id) values (${tenantId}, ${otherUserId}, 'view', 'contents', ${contentId})`,
    );
    await tx.execute(
      sql`insert into mail_outbox (tenant_id, to_email, subject, body_text, template) values (${tenantId}, ${`owner@${identifier}.test`}, 'Welcome', 'Hello', 'welcome')`,
    );
    // API keys and idempotency (0720/0721): absent from a database migrated only part of the way.
    if (await tableExists('api_keys')) {
      const apiKeyId = await id(
        sql`insert into api_keys (tenant_id, account_id, created_by, name, token_hash, hint, permissions, rate_limit_per_minute)
            values (${tenantId}, ${accountId}, ${userId}, 'CRM sync', sha256(convert_to(${`${identifier}k`}::text, 'UTF8')), 'abcd', '{account.listings.read}', 600) returning id`,
      );
      await tx.execute(
        sql`insert into api_key_usage (tenant_id, api_key_id, window_start, requests, last_used_at) values (${tenantId}, ${apiKeyId}, date_trunc('minute', now()), 1, now())`,
      );
      await tx.execute(
        sql`insert into idempotency_keys (tenant_id, principal_id, key, request_hash, status, content_type, body, expires_at)
            values (${tenantId}, ${userId}, 'retry-1', sha256(convert_to(${`${identifier}i`}::text, 'UTF8')), 201, 'application/json', '{}', now() + interval '1 day')`,
      );
    }
    // Notifications (0820): absent from a database migrated only part of the way.
    if (await tableExists('notifications')) {
      await tx.execute(
        sql`insert into notifications (tenant_id, user_id, kind, title, link, resource_type, resource_id) values (${tenantId}, ${userId}, 'application.submitted', 'New application', '/console/applications', 'application', ${applicationId})`,
      );
      await tx.execute(
        sql`insert into notification_preferences (tenant_id, user_id, kind, email, in_app) values (${tenantId}, ${otherUserId}, 'message', false, true)`,
      );
      await tx.execute(
        sql`insert into mail_templates (tenant_id, template, language, subject, updated_by) values (${tenantId}, 'message.new', 'en', 'You have mail', ${userId})`,
      );
      await tx.execute(
        sql`insert into booking_reminders (tenant_id, booking_id, start_time) select tenant_id, id, start_time from bookings where tenant_id = ${tenantId} and id = ${bookingId}`,
      );
    }
    // Integrations (0700): absent from a database migrated only part of the way (test/cli/backfill.test.ts).
    if (await tableExists('events')) {
      const eventId = await id(
        sql`insert into events (tenant_id, type, actor_id, resource_type, resource_id) values (${tenantId}, 'listing.created', ${userId}, 'listing', ${listingId}) returning id`,
      );
      const endpointId = await id(
        sql`insert into webhook_endpoints (tenant_id, url, event_types, secret) values (${tenantId}, 'https://hooks.example.com/in', '{*}', 'whsec_dGVzdA==') returning id`,
      );
      const deliveryId = await id(
        sql`insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload) values (${tenantId}, ${endpointId}, ${eventId}, 'listing.created', '{}') returning id`,
      );
      await tx.execute(sql`insert into webhook_attempts (tenant_id, delivery_id, status_code, duration_ms) values (${tenantId}, ${deliveryId}, 200, 5)`);
    }
    // Personal data exports (0810): absent from a database migrated only part of the way.
    if (await tableExists('user_exports')) {
      await tx.execute(
        sql`insert into user_exports (tenant_id, user_id, requested_by, status, storage_key, size_bytes, expires_at)
            values (${tenantId}, ${userId}, ${userId}, 'READY', ${`exports/${tenantId}/graph.zip`}, 22, now() + interval '7 days')`,
      );
    }
    // Import (0800): absent from a database migrated only part of the way.
    if (await tableExists('import_external_ids')) {
      await tx.execute(sql`insert into import_external_ids (tenant_id, kind, external_id, mono_id) values (${tenantId}, 'users', 'legacy-1', ${userId})`);
      await tx.execute(
        sql`insert into import_checkpoints (tenant_id, kind, file_name, file_sha256) values (${tenantId}, 'users', 'users.ndjson', ${'0'.repeat(64)})`,
      );
      await tx.execute(
        sql`insert into import_batches (tenant_id, run_id, kind, file_name, first_line, last_line, records)
            values (${tenantId}, ${userId}, 'users', 'users.ndjson', 1, 1, ${JSON.stringify([{ externalId: 'legacy-1', monoId: userId, new: true }])}::jsonb)`,
      );
    }
    // Reports (0873).
    if (await tableExists('reports')) {
      await tx.execute(
        sql`insert into reports (tenant_id, reporter_id, target_type, target_id, reason, body) values (${tenantId}, ${otherUserId}, 'LISTING', ${listingId}, 'SPAM', 'Looks fake')`,
      );
    }
    // Blocks (0872): a block refuses new applications, messages and bookings between the two,
    // so the other user blocks a third person, not the owner the tests have them deal with.
    if (await tableExists('user_blocks')) {
      const blockedId = await id(sql`insert into users (tenant_id, email) values (${tenantId}, ${`blocked@${identifier}.test`}) returning id`);
      await tx.execute(sql`insert into user_blocks (tenant_id, blocker_id, blocked_id) values (${tenantId}, ${otherUserId}, ${blockedId})`);
    }
    return { tenantId, identifier, userId, otherUserId, accountId, listingId, applicationId, contentId, mediaId, categoryId, bookingId, roleId };
  });
  // The erasure log (0961) is written by mono.erase_user as the owner only: so is its row here.
  const [log] = await db.query<{ ok: boolean }>(`select to_regclass('mono.erasure_log') is not null as ok`);
  if (log!.ok) {
    await db.query(`insert into mono.erasure_log (tenant_id, user_id, resources, value_macs, carried_at) values ($1, $2, '{}', '{}', now())`, [
      graph.tenantId,
      graph.userId,
    ]);
  }
  // A flush of a chain head (0970) lives only inside the transaction that queued it (its
  // deferred trigger removes it at commit); the row here is kept with triggers off, so
  // the isolation tests find one like in every tenant table.
  const [flushes] = await db.query<{ ok: boolean }>(`select to_regclass('mono.audit_head_flushes') is not null as ok`);
  if (flushes!.ok) {
    await db.transaction('set local session_replication_role = replica', (tx) =>
      tx.execute(sql`insert into mono.audit_head_flushes (tenant_id, chain) values (${graph.tenantId}, 0)`),
    );
  }
  // A notice of a shard's trigger on Citus (1001); written as the owner, as the relay
  // reads them, so the isolation tests find one like in every tenant table.
  const [signals] = await db.query<{ ok: boolean }>(`select to_regclass('mono.citus_signals') is not null as ok`);
  if (signals!.ok) {
    await db.query(`insert into mono.citus_signals (tenant_id, channel, payload) values ($1, 'mono_live', '{}')`, [graph.tenantId]);
  }
  return graph;
}

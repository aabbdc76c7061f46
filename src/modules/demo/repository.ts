import { sql } from 'drizzle-orm';
import { firstRow } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';

/**
 * The rows of the demo marketplace, written straight into the other modules' tables:
 * seed data, not use cases (no plan limits, no workflow). Every statement names the
 * transaction's tenant.
 */

/** Whether a live tenant has this identifier (platform path). */
export async function tenantExists(tx: Tx, identifier: string): Promise<boolean> {
  return Boolean(await firstRow(tx, sql`select 1 from tenants where identifier = ${identifier} and deleted_at is null`));
}

/** Whether any tenant exists at all (platform path: a fresh installation has none). */
export async function anyTenantExists(tx: Tx): Promise<boolean> {
  return Boolean(await firstRow(tx, sql`select 1 from tenants limit 1`));
}

export async function fillProfile(tx: TenantTx, userId: string, profile: { bio?: string; skills?: string[]; title?: string; location: string }): Promise<void> {
  await tx.execute(sql`update user_profiles set bio = ${profile.bio ?? null}, title = ${profile.title ?? null},
                          skills = ${`{${(profile.skills ?? []).join(',')}}`}::text[], location = ${profile.location}
                        where tenant_id = ${tx.tenantId} and user_id = ${userId}`);
}

/** A verified account with its subscription and members (the first one its admin). */
export async function insertAccount(
  tx: TenantTx,
  account: { identifier: string; name: string; type: string; plan: string; businessInfo: Record<string, unknown>; members: [string, string][] },
): Promise<string> {
  const row = await firstRow<{ id: string }>(
    tx,
    sql`insert into accounts (tenant_id, identifier, name, type, verified_at, business_info)
        values (${tx.tenantId}, ${account.identifier}, ${account.name}, ${account.type}::account_type, now(), ${JSON.stringify(account.businessInfo)}::jsonb)
        returning id`,
  );
  await tx.execute(sql`insert into account_subscriptions (tenant_id, account_id, plan, status) values (${tx.tenantId}, ${row!.id}, ${account.plan}, 'ACTIVE')`);
  for (const [userId, role] of account.members) {
    await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values (${tx.tenantId}, ${row!.id}, ${userId}, ${role})`);
  }
  return row!.id;
}

export async function insertCategory(tx: TenantTx, category: { name: string; slug: string; description?: string; parentId?: string }): Promise<string> {
  const row = await firstRow<{ id: string }>(
    tx,
    sql`insert into categories (tenant_id, parent_id, name, slug, description)
        values (${tx.tenantId}, ${category.parentId ?? null}, ${category.name}, ${category.slug}, ${category.description ?? null}) returning id`,
  );
  return row!.id;
}

/** A piece of content (published a day ago when PUBLISHED) in one category. */
export async function insertContent(
  tx: TenantTx,
  content: { accountId: string; authorId: string; type: string; title: string; slug: string; description: string; status: string; categoryId: string },
): Promise<void> {
  const row = await firstRow<{ id: string }>(
    tx,
    sql`insert into contents (tenant_id, account_id, user_id, type, title, slug, description, body, status, published_at, tags)
        values (${tx.tenantId}, ${content.accountId}, ${content.authorId}, ${content.type}::content_type, ${content.title}, ${content.slug},
                ${content.description}, ${`${content.description}\n\nWritten for the demo marketplace.`}, ${content.status}::content_status,
                ${content.status === 'PUBLISHED' ? sql`now() - interval '1 day'` : sql`null`}, '{fashion,vienna}') returning id`,
  );
  await tx.execute(sql`insert into content_categories (tenant_id, content_id, category_id) values (${tx.tenantId}, ${row!.id}, ${content.categoryId})`);
}

export interface DemoListing {
  title: string;
  type: string;
  description: string;
  price: string;
  priceType: string;
  location: Record<string, unknown>;
  remote: boolean;
}

/** An active listing in EUR, expiring in 60 days. */
export async function insertActiveListing(tx: TenantTx, accountId: string, creatorId: string, listing: DemoListing): Promise<string> {
  const row = await firstRow<{ id: string }>(
    tx,
    sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, currency, location, remote, status, expires_at)
        values (${tx.tenantId}, ${accountId}, ${creatorId}, ${listing.type}::listing_type, ${listing.title}, ${listing.description}, ${listing.price},
                ${listing.priceType}::price_type, 'EUR', ${JSON.stringify(listing.location)}::jsonb, ${listing.remote}, 'ACTIVE', now() + interval '60 days')
        returning id`,
  );
  return row!.id;
}

/** A draft gig with a negotiable price. */
export async function insertDraftGig(tx: TenantTx, accountId: string, creatorId: string, draft: { title: string; description: string }): Promise<void> {
  await tx.execute(sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price_type, status)
    values (${tx.tenantId}, ${accountId}, ${creatorId}, 'GIG', ${draft.title}, ${draft.description}, 'NEGOTIABLE', 'DRAFT')`);
}

export async function insertApplication(tx: TenantTx, listingId: string, applicantId: string, coverLetter: string): Promise<void> {
  await tx.execute(sql`insert into applications (tenant_id, listing_id, applicant_id, cover_letter, status)
    values (${tx.tenantId}, ${listingId}, ${applicantId}, ${coverLetter}, 'PENDING')`);
}

export async function insertWeeklyAvailability(tx: TenantTx, userId: string, day: number, from: string, to: string, timezone: string): Promise<void> {
  await tx.execute(sql`insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone)
    values (${tx.tenantId}, ${userId}, ${day}, ${from}, ${to}, ${timezone})`);
}

/** A confirmed one-hour appointment, the day after tomorrow at 10:00 in Vienna. */
export async function insertConfirmedAppointment(tx: TenantTx, resourceId: string, clientId: string, title: string, price: string): Promise<void> {
  await tx.execute(sql`insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone, status, price, currency, confirmed_at)
    values (${tx.tenantId}, ${resourceId}, ${clientId}, ${title}, 'APPOINTMENT',
            date_trunc('day', now() at time zone 'Europe/Vienna') at time zone 'Europe/Vienna' + interval '2 days 10 hours',
            date_trunc('day', now() at time zone 'Europe/Vienna') at time zone 'Europe/Vienna' + interval '2 days 11 hours',
            'Europe/Vienna', 'CONFIRMED', ${price}, 'EUR', now())`);
}

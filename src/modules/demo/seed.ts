import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config';
import { systemContext, systemPermissions } from '../../core/context';
import type { Database } from '../../db/client';
import { firstRow, rows } from '../../db/sql';
import { type Tx, withPlatform, withTenant } from '../../db/tenant-context';
import { hashPassword, insertUser } from '../identity';
import { createTenantService } from '../tenants';

export const DEMO_TENANT = 'demo';
export const DEMO_PASSWORD = 'Mono-Demo-2026';

export interface SeedResult {
  platform?: { identifier: string; email: string; password: string };
  demo?: { identifier: string; logins: { role: string; email: string }[]; password: string };
}

async function tenantExists(db: Database, identifier: string): Promise<boolean> {
  const row = await withPlatform(db, systemContext(null, 'seed'), (tx) =>
    firstRow(tx, sql`select 1 from tenants where identifier = ${identifier} and deleted_at is null`),
  );
  return Boolean(row);
}

/** True when no tenant exists yet: a fresh installation. */
export async function isEmpty(db: Database): Promise<boolean> {
  const row = await withPlatform(db, systemContext(null, 'seed'), (tx) => firstRow(tx, sql`select 1 from tenants limit 1`));
  return !row;
}

/**
 * The platform tenant and its first operator. Idempotent: does nothing when the
 * platform tenant exists. Without a password, one is generated (and returned once).
 */
export async function seedPlatform(db: Database, config: Config, admin: { email?: string; password?: string } = {}): Promise<SeedResult['platform']> {
  if (await tenantExists(db, config.platformTenant)) return undefined;
  const email = admin.email ?? `admin@${config.platformTenant}.local`;
  const password = admin.password ?? `Op-${randomBytes(9).toString('base64url')}-1`;
  await createTenantService({ db, config }).create(systemContext(null, 'seed'), {
    identifier: config.platformTenant,
    name: 'Platform operators',
    status: 'ACTIVE',
    plan: 'enterprise',
    admin: { email, password, displayName: 'Platform admin' },
  });
  return { identifier: config.platformTenant, email, password };
}

/**
 * A small demo marketplace (a modelling agency network): an admin, an agency, a
 * client, models; published articles, active listings, applications, availability
 * and bookings — enough to walk every flow in /docs. Idempotent.
 */
export async function seedDemo(db: Database, config: Config): Promise<SeedResult['demo']> {
  const logins = [
    { role: 'tenant admin', email: `admin@${DEMO_TENANT}.local` },
    { role: 'agency admin', email: `agency@${DEMO_TENANT}.local` },
    { role: 'client (books and hires)', email: `client@${DEMO_TENANT}.local` },
    { role: 'model', email: `mia@${DEMO_TENANT}.local` },
  ];
  const result = { identifier: DEMO_TENANT, logins, password: DEMO_PASSWORD };
  if (await tenantExists(db, DEMO_TENANT)) return result;

  const created = await createTenantService({ db, config }).create(systemContext(null, 'seed'), {
    identifier: DEMO_TENANT,
    name: 'Demo Model Agency Network',
    status: 'ACTIVE',
    plan: 'pro',
    settings: { registration: 'open', branding: { primaryColor: '#7c3aed', tagline: 'Book the best faces' } },
    admin: { email: logins[0]!.email, password: DEMO_PASSWORD, displayName: 'Demo Admin' },
  });
  const tenantId = created.tenant.id;
  const hashedPassword = await hashPassword(DEMO_PASSWORD);
  const ctx = { ...systemContext(tenantId, 'demo-seed'), actor: { userId: created.admin.id, tenantId }, permissions: systemPermissions };

  await withTenant(db, ctx, async (tx) => {
    const person = async (email: string, displayName: string, extra: { bio?: string; skills?: string[]; title?: string } = {}) => {
      const { user } = await insertUser(tx, tenantId, { email, displayName, hashedPassword, emailVerified: true });
      await tx.execute(sql`update user_profiles set bio = ${extra.bio ?? null}, title = ${extra.title ?? null},
                              skills = ${`{${(extra.skills ?? []).join(',')}}`}::text[], location = 'Vienna, Austria'
                            where user_id = ${user.id}`);
      return user.id;
    };
    const agencyAdmin = await person(logins[1]!.email, 'Anna Agent', { title: 'Booker', bio: 'Runs bookings at Elite Faces.' });
    const client = await person(logins[2]!.email, 'Carl Client', { title: 'Creative director', bio: 'Shoots fashion campaigns.' });
    const mia = await person(logins[3]!.email, 'Mia Model', {
      title: 'Model',
      skills: ['runway', 'print', 'commercial'],
      bio: 'Runway and print, based in Vienna.',
    });
    const leo = await person(`leo@${DEMO_TENANT}.local`, 'Leo Model', { title: 'Model', skills: ['fitness', 'commercial'] });

    const account = async (identifier: string, name: string, type: string, plan: string, admin: string, members: [string, string][] = []) => {
      const row = await firstRow<{ id: string }>(
        tx,
        sql`insert into accounts (tenant_id, identifier, name, type, verified_at, business_info)
        values (${tenantId}, ${identifier}, ${name}, ${type}::account_type, now(), ${JSON.stringify({ country: 'AT', vatId: 'ATU12345678' })}::jsonb) returning id`,
      );
      await tx.execute(sql`insert into account_subscriptions (tenant_id, account_id, plan, status) values (${tenantId}, ${row!.id}, ${plan}, 'ACTIVE')`);
      for (const [userId, role] of [[admin, 'admin'], ...members] as [string, string][]) {
        await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values (${tenantId}, ${row!.id}, ${userId}, ${role})`);
      }
      return row!.id;
    };
    const agency = await account('elite-faces', 'Elite Faces Agency', 'AGENCY', 'pro', agencyAdmin, [
      [mia, 'member'],
      [leo, 'member'],
    ]);
    const studio = await account('acme-studios', 'Acme Studios', 'CLIENT', 'starter', client);

    await seedContent(tx, tenantId, agency, agencyAdmin);
    const listingIds = await seedListings(tx, tenantId, studio, client);
    for (const applicant of [mia, leo]) {
      await tx.execute(sql`insert into applications (tenant_id, listing_id, applicant_id, cover_letter, status)
        values (${tenantId}, ${listingIds[0]!}, ${applicant}, 'I would love to walk for you.', 'PENDING')`);
    }
    for (let day = 1; day <= 5; day++) {
      await tx.execute(sql`insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone)
        values (${tenantId}, ${mia}, ${day}, '09:00', '17:00', 'Europe/Vienna')`);
    }
    await tx.execute(sql`insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone, status, price, currency, confirmed_at)
      values (${tenantId}, ${mia}, ${client}, 'Fitting for the spring campaign', 'APPOINTMENT',
              date_trunc('day', now() at time zone 'Europe/Vienna') at time zone 'Europe/Vienna' + interval '2 days 10 hours',
              date_trunc('day', now() at time zone 'Europe/Vienna') at time zone 'Europe/Vienna' + interval '2 days 11 hours',
              'Europe/Vienna', 'CONFIRMED', '120.00', 'EUR', now())`);
  });
  return result;
}

async function seedContent(tx: Tx, tenantId: string, accountId: string, authorId: string): Promise<void> {
  const news = await firstRow<{ id: string }>(
    tx,
    sql`insert into categories (tenant_id, name, slug, description) values (${tenantId}, 'News', 'news', 'What is new') returning id`,
  );
  await tx.execute(sql`insert into categories (tenant_id, parent_id, name, slug) values (${tenantId}, ${news!.id}, 'Fashion week', 'fashion-week')`);
  const articles: [string, string, string, string][] = [
    ['Vienna Fashion Week: the faces to watch', 'vienna-fashion-week-faces', 'Our picks for this season’s runway.', 'PUBLISHED'],
    ['How to prepare for your first casting', 'first-casting-guide', 'A checklist for new models: portfolio, comp card, attitude.', 'PUBLISHED'],
    ['Portfolio: Mia in black and white', 'mia-black-and-white', 'A studio series shot in Vienna.', 'PUBLISHED'],
    ['Draft: summer campaign ideas', 'summer-campaign-ideas', 'Not ready yet.', 'DRAFT'],
  ];
  for (const [title, slug, description, status] of articles) {
    const row = await firstRow<{ id: string }>(
      tx,
      sql`insert into contents (tenant_id, account_id, user_id, type, title, slug, description, body, status, published_at, tags)
      values (${tenantId}, ${accountId}, ${authorId}, ${slug.startsWith('mia') ? 'PORTFOLIO' : 'ARTICLE'}::content_type, ${title}, ${slug}, ${description},
              ${`${description}\n\nWritten for the demo marketplace.`}, ${status}::content_status,
              ${status === 'PUBLISHED' ? sql`now() - interval '1 day'` : sql`null`}, '{fashion,vienna}') returning id`,
    );
    await tx.execute(sql`insert into content_categories (tenant_id, content_id, category_id) values (${tenantId}, ${row!.id}, ${news!.id})`);
  }
}

async function seedListings(tx: Tx, tenantId: string, accountId: string, creatorId: string): Promise<string[]> {
  const listings: [string, string, string, string | null, string, Record<string, unknown>, boolean][] = [
    [
      'Runway models for spring show',
      'GIG',
      'Two-day runway show in Vienna, fittings included.',
      '1500.00',
      'FIXED',
      { city: 'Vienna', country: 'AT', lat: 48.2082, lng: 16.3738 },
      false,
    ],
    [
      'Commercial shoot: sportswear',
      'JOB',
      'One day outdoor shoot for a sportswear brand.',
      '80.00',
      'HOURLY',
      { city: 'Salzburg', country: 'AT', lat: 47.8095, lng: 13.055 },
      false,
    ],
    ['Retouching for a lookbook', 'SERVICE', '40 images, natural skin retouching.', '600.00', 'PROJECT', { country: 'DE' }, true],
    ['Comp card printing', 'PRODUCT', 'Premium comp cards, 100 pieces.', '49.90', 'FIXED', { country: 'AT' }, true],
  ];
  const ids: string[] = [];
  for (const [title, type, description, price, priceType, location, remote] of listings) {
    const row = await firstRow<{ id: string }>(
      tx,
      sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, currency, location, remote, status, expires_at)
      values (${tenantId}, ${accountId}, ${creatorId}, ${type}::listing_type, ${title}, ${description}, ${price}, ${priceType}::price_type, 'EUR',
              ${JSON.stringify(location)}::jsonb, ${remote}, 'ACTIVE', now() + interval '60 days') returning id`,
    );
    ids.push(row!.id);
  }
  await rows(
    tx,
    sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price_type, status)
    values (${tenantId}, ${accountId}, ${creatorId}, 'GIG', 'Draft: winter campaign', 'Still planning.', 'NEGOTIABLE', 'DRAFT') returning id`,
  );
  return ids;
}

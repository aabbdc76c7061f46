import { randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import { systemContext, systemPermissions } from '../../core/context';
import type { Database } from '../../db/client';
import { type TenantTx, withPlatform, withTenant } from '../../db/tenant-context';
import { hashPassword, insertUser } from '../identity';
import { createTenantService } from '../tenants';
import {
  anyTenantExists,
  type DemoListing,
  fillProfile,
  insertAccount,
  insertActiveListing,
  insertApplication,
  insertCategory,
  insertConfirmedAppointment,
  insertContent,
  insertDraftGig,
  insertWeeklyAvailability,
  tenantExists,
} from './repository';

export const DEMO_TENANT = 'demo';
export const DEMO_PASSWORD = 'Mono-Demo-2026';

export interface SeedResult {
  platform?: { identifier: string; email: string; password: string };
  /** `created`: false when the demo marketplace existed already (nothing was written). */
  demo?: { identifier: string; logins: { role: string; email: string }[]; password: string; created: boolean };
}

const exists = (db: Database, identifier: string) => withPlatform(db, systemContext(null, 'seed'), (tx) => tenantExists(tx, identifier));

/** True when no tenant exists yet: a fresh installation. */
export async function isEmpty(db: Database): Promise<boolean> {
  return !(await withPlatform(db, systemContext(null, 'seed'), (tx) => anyTenantExists(tx)));
}

/**
 * The platform tenant and its first operator. Idempotent: does nothing when the
 * platform tenant exists. Without a password, one is generated (and returned once).
 */
export async function seedPlatform(db: Database, config: Config, admin: { email?: string; password?: string } = {}): Promise<SeedResult['platform']> {
  if (await exists(db, config.platformTenant)) return undefined;
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
  const result = { identifier: DEMO_TENANT, logins, password: DEMO_PASSWORD, created: true };
  if (await exists(db, DEMO_TENANT)) return { ...result, created: false };

  // The people's password is hashed (argon2, on a libuv thread) while the tenant is created.
  const hashing = hashPassword(DEMO_PASSWORD);
  hashing.catch(() => undefined); // awaited below; not an unhandled rejection if the creation fails first
  const created = await createTenantService({ db, config }).create(systemContext(null, 'seed'), {
    identifier: DEMO_TENANT,
    name: 'Demo Model Agency Network',
    status: 'ACTIVE',
    plan: 'pro',
    settings: { registration: 'open', branding: { primaryColor: '#7c3aed', tagline: 'Book the best faces' } },
    admin: { email: logins[0]!.email, password: DEMO_PASSWORD, displayName: 'Demo Admin' },
  });
  const tenantId = created.tenant.id;
  const hashedPassword = await hashing;
  const ctx = { ...systemContext(tenantId, 'demo-seed'), actor: { userId: created.admin.id, tenantId }, permissions: systemPermissions };

  await withTenant(db, ctx, async (tx) => {
    const person = async (email: string, displayName: string, extra: { bio?: string; skills?: string[]; title?: string } = {}) => {
      const { user } = await insertUser(tx, tenantId, { email, displayName, hashedPassword, emailVerified: true });
      await fillProfile(tx, user.id, { ...extra, location: 'Vienna, Austria' });
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

    const businessInfo = { country: 'AT', vatId: 'ATU12345678' };
    const agency = await insertAccount(tx, {
      identifier: 'elite-faces',
      name: 'Elite Faces Agency',
      type: 'AGENCY',
      plan: 'pro',
      businessInfo,
      members: [
        [agencyAdmin, 'admin'],
        [mia, 'member'],
        [leo, 'member'],
      ],
    });
    const studio = await insertAccount(tx, {
      identifier: 'acme-studios',
      name: 'Acme Studios',
      type: 'CLIENT',
      plan: 'starter',
      businessInfo,
      members: [[client, 'admin']],
    });

    await seedContent(tx, agency, agencyAdmin);
    const listingIds = await seedListings(tx, studio, client);
    for (const applicant of [mia, leo]) await insertApplication(tx, listingIds[0]!, applicant, 'I would love to walk for you.');
    for (let day = 1; day <= 5; day++) await insertWeeklyAvailability(tx, mia, day, '09:00', '17:00', 'Europe/Vienna');
    await insertConfirmedAppointment(tx, mia, client, 'Fitting for the spring campaign', '120.00');
  });
  return result;
}

async function seedContent(tx: TenantTx, accountId: string, authorId: string): Promise<void> {
  const news = await insertCategory(tx, { name: 'News', slug: 'news', description: 'What is new' });
  await insertCategory(tx, { name: 'Fashion week', slug: 'fashion-week', parentId: news });
  const articles: [string, string, string, string][] = [
    ['Vienna Fashion Week: the faces to watch', 'vienna-fashion-week-faces', 'Our picks for this season’s runway.', 'PUBLISHED'],
    ['How to prepare for your first casting', 'first-casting-guide', 'A checklist for new models: portfolio, comp card, attitude.', 'PUBLISHED'],
    ['Portfolio: Mia in black and white', 'mia-black-and-white', 'A studio series shot in Vienna.', 'PUBLISHED'],
    ['Draft: summer campaign ideas', 'summer-campaign-ideas', 'Not ready yet.', 'DRAFT'],
  ];
  for (const [title, slug, description, status] of articles) {
    const type = slug.startsWith('mia') ? 'PORTFOLIO' : 'ARTICLE';
    await insertContent(tx, { accountId, authorId, type, title, slug, description, status, categoryId: news });
  }
}

async function seedListings(tx: TenantTx, accountId: string, creatorId: string): Promise<string[]> {
  const listings: DemoListing[] = [
    {
      title: 'Runway models for spring show',
      type: 'GIG',
      description: 'Two-day runway show in Vienna, fittings included.',
      price: '1500.00',
      priceType: 'FIXED',
      location: { city: 'Vienna', country: 'AT', lat: 48.2082, lng: 16.3738 },
      remote: false,
    },
    {
      title: 'Commercial shoot: sportswear',
      type: 'JOB',
      description: 'One day outdoor shoot for a sportswear brand.',
      price: '80.00',
      priceType: 'HOURLY',
      location: { city: 'Salzburg', country: 'AT', lat: 47.8095, lng: 13.055 },
      remote: false,
    },
    {
      title: 'Retouching for a lookbook',
      type: 'SERVICE',
      description: '40 images, natural skin retouching.',
      price: '600.00',
      priceType: 'PROJECT',
      location: { country: 'DE' },
      remote: true,
    },
    {
      title: 'Comp card printing',
      type: 'PRODUCT',
      description: 'Premium comp cards, 100 pieces.',
      price: '49.90',
      priceType: 'FIXED',
      location: { country: 'AT' },
      remote: true,
    },
  ];
  const ids: string[] = [];
  for (const listing of listings) ids.push(await insertActiveListing(tx, accountId, creatorId, listing));
  await insertDraftGig(tx, accountId, creatorId, { title: 'Draft: winter campaign', description: 'Still planning.' });
  return ids;
}

import { sql } from 'drizzle-orm';
import { noPermissions, type RequestContext, systemContext } from '../../src/core/context';
import type { Database } from '../../src/db/client';
import { firstRow } from '../../src/db/sql';
import { withPlatform } from '../../src/db/tenant-context';
import { createMarketplace, type ListingCreateInput, type Marketplace } from '../../src/modules/marketplace';
import { ctxFor, permissionsOf } from '../helpers/context';
import { uniqueIdentifier } from '../helpers/graph';

/**
 * A marketplace tenant for service tests: an account with an admin and a member, a
 * second account, and people who apply. Inserted as plain SQL on the platform path
 * (the accounts and identity modules are not what these tests are about).
 */
export interface World {
  tenantId: string;
  accountId: string;
  otherAccountId: string;
  ownerId: string;
  memberId: string;
  otherOwnerId: string;
  applicants: string[];
  market: Marketplace;
  /** The account's admin (account.* in the account, user.*). */
  owner: RequestContext;
  /** An account member without delete rights (the account_member role's permissions). */
  member: RequestContext;
  /** The other account's admin: a stranger to this account's listings. */
  otherOwner: RequestContext;
  /** Nobody signed in. */
  anonymous: RequestContext;
  /** A tenant moderator (tenant.listings.*). */
  moderator: RequestContext;
  applicant: (i: number) => RequestContext;
}

export const userGrants = ['user.*.*'];
export const accountMemberGrants = (accountId: string) =>
  ['account.*.read', 'account.listings.create', 'account.listings.update', 'account.applications.review', 'account.messages.create'].map(
    (g) => `${g}@${accountId}`,
  );

export async function createUsers(db: Database, tenantId: string, n: number): Promise<string[]> {
  return withPlatform(db, systemContext(tenantId, 'test-users'), async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const row = await firstRow<{ id: string }>(
        tx,
        sql`insert into users (tenant_id, email) values (${tenantId}, ${`${uniqueIdentifier('u')}@example.test`}) returning id`,
      );
      ids.push(row!.id);
    }
    return ids;
  });
}

export async function createMedia(db: Database, tenantId: string, uploaderId: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into media_files (tenant_id, uploader_id, filename, mimetype, size, url) values ($1, $2, 'cv.pdf', 'application/pdf', 1000, '/media/cv.pdf') returning id`,
    [tenantId, uploaderId],
  );
  return row!.id;
}

export async function createWorld(db: Database, options: { applicants?: number; plan?: string; limits?: Record<string, unknown> } = {}): Promise<World> {
  const identifier = uniqueIdentifier('market');
  const { tenantId, accountId, otherAccountId } = await withPlatform(db, systemContext(null, 'test-world'), async (tx) => {
    const id = async (query: ReturnType<typeof sql>) => (await firstRow<{ id: string }>(tx, query))!.id;
    const tenantId = await id(sql`insert into tenants (identifier, name, status) values (${identifier}, 'Market', 'ACTIVE') returning id`);
    const accountId = await id(
      sql`insert into accounts (tenant_id, identifier, name, type, limits) values (${tenantId}, 'studio', 'Studio', 'AGENCY', ${JSON.stringify(options.limits ?? {})}::jsonb) returning id`,
    );
    const otherAccountId = await id(
      sql`insert into accounts (tenant_id, identifier, name, type) values (${tenantId}, 'rival', 'Rival', 'CLIENT') returning id`,
    );
    if (options.plan) {
      await tx.execute(
        sql`insert into account_subscriptions (tenant_id, account_id, plan, status) values (${tenantId}, ${accountId}, ${options.plan}, 'ACTIVE')`,
      );
    }
    return { tenantId, accountId, otherAccountId };
  });
  const [ownerId, memberId, otherOwnerId, moderatorId, ...applicants] = await createUsers(db, tenantId, 4 + (options.applicants ?? 3));
  await db.query(
    `insert into account_users (tenant_id, account_id, user_id, role) values ($1, $2, $3, 'admin'), ($1, $2, $4, 'member'), ($1, $5, $6, 'admin')`,
    [tenantId, accountId, ownerId, memberId, otherAccountId, otherOwnerId],
  );
  const as = (userId: string | undefined, grants: string[]) => ctxFor(tenantId, userId, { permissions: permissionsOf(grants) });
  return {
    tenantId,
    accountId,
    otherAccountId,
    ownerId: ownerId!,
    memberId: memberId!,
    otherOwnerId: otherOwnerId!,
    applicants,
    market: createMarketplace({ db }),
    owner: as(ownerId, [`account.*.*@${accountId}`, ...userGrants]),
    member: as(memberId, [...accountMemberGrants(accountId), ...userGrants]),
    otherOwner: as(otherOwnerId, [`account.*.*@${otherAccountId}`, ...userGrants]),
    anonymous: ctxFor(tenantId, undefined, { permissions: noPermissions }),
    moderator: as(moderatorId, ['tenant.listings.*', ...userGrants]),
    applicant: (i: number) => as(applicants[i], userGrants),
  };
}

export const sampleListing = (overrides: Partial<ListingCreateInput> = {}): ListingCreateInput => ({
  type: 'GIG',
  title: 'Runway model for autumn show',
  description: 'Two days of fittings and one show in Vienna.',
  price: '1500.00',
  priceType: 'FIXED',
  currency: 'EUR',
  location: { city: 'Vienna', country: 'AT', lat: 48.2082, lng: 16.3738 },
  ...overrides,
});

/** A listing of the world's account, published. */
export async function activeListing(w: World, overrides: Partial<ListingCreateInput> = {}) {
  const draft = await w.market.listings.create(w.owner, w.accountId, sampleListing(overrides));
  return w.market.listings.transition(w.owner, { listingId: draft.id }, { action: 'publish' });
}

/** Moves a listing's expiry into the past behind the services' back (time passing). */
export async function expireNow(db: Database, listingId: string): Promise<void> {
  await db.query(`update listings set expires_at = now() - interval '1 second' where id = $1`, [listingId]);
}

/** The error a promise rejects with (or fails the test when it resolves). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<{ kind: string; code: string; message: string; errors?: { path: string; message: string }[]; extra?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a rejection, but it resolved');
}

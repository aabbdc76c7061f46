import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../src/core/context';
import type { Database } from '../../src/db/client';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { syncSystemRoles } from '../../src/modules/access/sync';
import { hashPassword } from '../../src/modules/identity/passwords';
import { BENCH_PASSWORD } from '../data/generate';

/**
 * A small tenant of its own for each benchmark run (identifier benchrun-<time>), so
 * writes and fixtures never disturb the generated data or another run: an admin, an
 * account with its admin, a client, a bookable person and a few active listings. Written
 * on the platform path as the generator does; passwords are BENCH_PASSWORD.
 */
export interface Scratch {
  tenantId: string;
  identifier: string;
  adminId: string;
  accountId: string;
  /** The account's admin (owner of the listings). */
  ownerId: string;
  ownerEmail: string;
  clientId: string;
  resourceId: string;
  listingIds: string[];
}

export async function createScratch(db: Database, platformTenant: string): Promise<Scratch> {
  const identifier = `benchrun-${new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14)}`;
  const hashed = await hashPassword(BENCH_PASSWORD);
  return db.transaction("select set_config('role', 'mono_platform', true), set_config('app.request_id', 'system:bench', true)", async (tx) => {
    const [tenant] = await rows<{ id: string }>(
      tx,
      sql`insert into tenants (identifier, name, status, plan, settings) values (${identifier}, 'Benchmark run', 'ACTIVE', 'enterprise', '{"registration":"open"}') returning id`,
    );
    const tenantId = tenant!.id;
    await syncSystemRoles(tx, platformTenant, tenantId);
    const user = async (email: string, roles: string[]) => {
      const [row] = await rows<{ id: string }>(
        tx,
        sql`insert into users (tenant_id, email, hashed_password, email_verified) values (${tenantId}, ${email}, ${hashed}, true) returning id`,
      );
      await tx.execute(sql`insert into user_profiles (tenant_id, user_id, display_name) values (${tenantId}, ${row!.id}, ${email.split('@')[0]!})`);
      await tx.execute(sql`insert into user_roles (tenant_id, user_id, role_id)
        select ${tenantId}, ${row!.id}, id from roles where tenant_id = ${tenantId} and name in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))`);
      return row!.id;
    };
    const ownerEmail = `owner@${identifier}.example.com`;
    const adminId = await user(`admin@${identifier}.example.com`, ['user', 'tenant_admin']);
    const ownerId = await user(ownerEmail, ['user']);
    const clientId = await user(`client@${identifier}.example.com`, ['user']);
    const resourceId = await user(`resource@${identifier}.example.com`, ['user']);
    const [account] = await rows<{ id: string }>(
      tx,
      sql`insert into accounts (tenant_id, identifier, name, type) values (${tenantId}, 'bench-agency', 'Bench Agency', 'AGENCY') returning id`,
    );
    const accountId = account!.id;
    await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values
      (${tenantId}, ${accountId}, ${ownerId}, 'admin'), (${tenantId}, ${accountId}, ${resourceId}, 'member')`);
    const listings = await rows<{ id: string }>(
      tx,
      sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, currency, location, status)
          select ${tenantId}, ${accountId}, ${ownerId}, 'GIG', 'Runway model for a spring show ' || n,
                 'Two days of fittings and a runway show in Vienna; experience with editorial work welcome. Listing ' || n,
                 '1500.00', 'FIXED', 'EUR', '{"city":"Vienna","country":"AT","lat":48.2,"lng":16.37}', 'ACTIVE'
            from generate_series(1, 20) n returning id`,
    );
    return { tenantId, identifier, adminId, accountId, ownerId, ownerEmail, clientId, resourceId, listingIds: listings.map((l) => l.id) };
  });
}

/** The generated big tenant (bench-001), if `npm run bench:data` filled this database. */
export async function findBenchTenant(db: Database): Promise<{ tenantId: string; identifier: string } | undefined> {
  const found = await db.transaction("select set_config('role', 'mono_platform', true)", (tx) =>
    rows<{ id: string; identifier: string }>(tx, sql`select id, identifier from tenants where identifier = 'bench-001'`),
  );
  return found[0] ? { tenantId: found[0].id, identifier: found[0].identifier } : undefined;
}

/**
 * The reference several benchmarks measure themselves against: one listing read by
 * primary key through withTenant — the floor of any request that touches tenant data.
 */
export async function tenantReadReference(db: Database, ctx: RequestContext): Promise<() => Promise<unknown>> {
  const tenantId = ctx.tenantId!;
  const [pk] = await db.transaction("select set_config('role', 'mono_platform', true)", (tx) =>
    rows<{ id: string }>(tx, sql`select id from listings where tenant_id = ${tenantId} order by id limit 1`),
  );
  if (!pk) throw new Error('the reference read needs a listing in the tenant');
  return () => withTenant(db, ctx, (tx) => tx.execute(sql`select id, title, status from listings where tenant_id = ${tenantId} and id = ${pk.id}`));
}

/**
 * Words of the tenant's active listings (`total` of them) by document frequency: `term(share)` is the word
 * found in the share of them closest to `share` (0.3: a very common term, 0.001: a rare one).
 */
export async function termsByShare(db: Database, tenantId: string): Promise<{ term: (share: number) => string; total: number }> {
  const stats = await db.transaction("select set_config('role', 'mono_platform', true)", (tx) =>
    rows<{ word: string; ndoc: number; total: number }>(
      tx,
      sql.raw(`select word, ndoc, (select count(*) from listings where tenant_id = '${tenantId}' and status = 'ACTIVE' and deleted_at is null)::int as total
                 from ts_stat($$select search from listings where tenant_id = '${tenantId}' and status = 'ACTIVE' and deleted_at is null$$)
                where word ~ '^[a-z]{4,}$' order by ndoc desc`),
    ),
  );
  const total = stats[0]!.total;
  return { total, term: (share) => stats.reduce((best, s) => (Math.abs(s.ndoc - share * total) < Math.abs(best.ndoc - share * total) ? s : best)).word };
}

import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PASSWORD, type GenerateResult, generateBenchData, LISTING_CATEGORIES } from '../../bench/data/generate';
import { apportion, planData, tenantCount } from '../../bench/data/plan';
import { systemContext } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { withPlatform, withTenant } from '../../src/db/tenant-context';
import { verifyAuditChains } from '../../src/modules/audit';
import { verifyPassword } from '../../src/modules/identity/passwords';
import { createListingService } from '../../src/modules/marketplace';
import { checkFieldValues } from '../../src/modules/marketplace/fields/policy';
import { readFieldDefs } from '../../src/modules/marketplace/fields/repository';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';

const SCALE = 0.003;
const SEED = 7;
// Today, so generated listings are live now (expiry dates lie ahead of the anchor).
const ANCHOR = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

describe('bench data plan', () => {
  it('splits totals exactly, a third to the big tenant', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    const plan = planData(1, 1);
    expect(plan.tenants).toHaveLength(100);
    expect(plan.totals.listings).toBe(200_000);
    expect(plan.totals.applications).toBe(500_000);
    expect(plan.tenants[0]!.listings / plan.totals.listings).toBeCloseTo(1 / 3, 3);
    // uneven: the second tenant is much bigger than the last
    expect(plan.tenants[1]!.listings).toBeGreaterThan(plan.tenants[99]!.listings * 20);
    expect(tenantCount(0.01)).toBe(10);
  });

  it('is a function of the seed', () => {
    expect(planData(0.1, 3)).toEqual(planData(0.1, 3));
    expect(planData(0.1, 3).tenants.map((t) => t.users)).not.toEqual(planData(0.1, 4).tenants.map((t) => t.users));
  });
});

/** A digest of the generated rows that do not depend on the password salt. */
async function fingerprint(t: { db: import('../helpers/db').TestDatabase }): Promise<string> {
  return withPlatform(t.db, systemContext(null, 'test'), async (tx) => {
    const [row] = await rows<{ digest: string }>(
      tx,
      sql`select md5(string_agg(x, '|' order by x)) as digest from (
            select l.id::text || l.title || coalesce(l.price::text, '') || l.status || extract(epoch from l.created_at)::text
                   || coalesce(l.category_id::text, '') || l.custom_fields::text || l.private_fields::text as x from listings l
              join tenants t on t.id = l.tenant_id where t.identifier like 'bench-%'
            union all
            select b.id::text || extract(epoch from b.start_time)::text || b.status from bookings b join tenants t on t.id = b.tenant_id where t.identifier like 'bench-%'
            union all
            select p.id::text || p.display_name || p.completeness from user_profiles p join tenants t on t.id = p.tenant_id where t.identifier like 'bench-%'
            union all
            select c.id::text || c.slug || md5(c.body) from contents c join tenants t on t.id = c.tenant_id where t.identifier like 'bench-%'
            union all
            select s.id::text || s.durations::text || s.minimum_notice || coalesce(s.daily_limit, 0) || p.user_id::text from listing_booking_settings s
              join listing_booking_providers p on p.tenant_id = s.tenant_id and p.listing_id = s.listing_id join tenants t on t.id = s.tenant_id
             where t.identifier like 'bench-%'
            union all
            select a.seq || a.resource_id || md5(a.new_values::text) from audit_logs a join tenants t on t.id = a.tenant_id
             where t.identifier like 'bench-%' and a.resource in ('listings', 'bookings', 'users') and a.action = 'create') d`,
    );
    return row!.digest;
  });
}

const fingerprints: Record<string, string> = {};

describeDb('bench data generator', (t) => {
  let result: GenerateResult;
  const steps: string[] = [];

  beforeAll(async () => {
    result = await generateBenchData(t.db, {
      scale: SCALE,
      seed: SEED,
      platformTenant: 'platform',
      anchor: ANCHOR,
      onProgress: (_done, _total, step) => steps.push(step),
    });
  }, 300_000);

  it('writes the planned rows', () => {
    const { totals, tenants } = result.plan;
    expect(result.counts.tenants).toBe(tenants.length);
    expect(result.counts.users).toBe(tenants.reduce((a, x) => a + x.users, 0));
    expect(result.counts.user_profiles).toBe(result.counts.users);
    expect(result.counts.accounts).toBe(totals.accounts);
    expect(result.counts.listings).toBe(totals.listings);
    expect(result.counts.applications).toBe(totals.applications);
    expect(result.counts.bookings).toBe(totals.bookings);
    expect(result.counts.contents).toBe(totals.contents);
    expect(steps.length).toBeGreaterThan(tenants.length * 5);
    // per tenant: 6 content categories + 8 listing categories × (1 + 5 subcategories), 6 listing fields
    expect(result.counts.categories).toBe(tenants.length * (6 + LISTING_CATEGORIES.length * 6));
    expect(result.counts.listing_fields).toBe(tenants.length * 6);
    // about 15 % of the listings (60 % of the services) are bookable, each with one provider
    expect(result.counts.listing_booking_settings).toBeGreaterThan(totals.listings * 0.1);
    expect(result.counts.listing_booking_settings).toBeLessThan(totals.listings * 0.2);
    expect(result.counts.listing_booking_providers).toBe(result.counts.listing_booking_settings);
  });

  it('writes one audit entry per generated audited row, and every chain verifies', async () => {
    const audited = Object.entries(result.counts)
      .filter(([table]) => table !== 'audit_logs' && table !== 'listing_field_values') // the one generated table without an audit trigger
      .reduce((a, [, n]) => a + n, 0);
    expect(result.counts.audit_logs).toBe(audited);
    const reports = await verifyAuditChains(t.db);
    const bench = reports.filter((r) => r.identifier.startsWith('bench-'));
    expect(bench).toHaveLength(result.plan.tenants.length);
    for (const report of bench) expect(report, report.problem?.message).toMatchObject({ ok: true });
  });

  it('leaves the audit trigger on: a later write continues the chain', async () => {
    const [tenant] = await t.db.query<{ id: string }>(`select id from tenants where identifier = 'bench-001'`);
    const [admin] = await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows<{ id: string }>(tx, sql`select id from users where tenant_id = ${tenant!.id} and email like 'admin@%'`),
    );
    await withTenant(t.db, ctxFor(tenant!.id, admin!.id), (tx) =>
      tx.execute(sql`update listings set title = title || ' (edited)' where id = (select id from listings order by id limit 1)`),
    );
    const [entry] = await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows<{ action: string; seq: number }>(tx, sql`select action, seq from audit_logs where tenant_id = ${tenant!.id} order by seq desc limit 1`),
    );
    expect(entry!.action).toBe('update');
    const [report] = await verifyAuditChains(t.db, { tenant: 'bench-001' });
    expect(report).toMatchObject({ ok: true, headSeq: Number(entry!.seq) });
  });

  it('keeps the database’s invariants: counters, profiles, no overlapping bookings, a third in one tenant', async () => {
    const [check] = await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows<{ bad_counts: number; overlaps: number; without_profile: number; big_share: number; active_listings: number }>(
        tx,
        sql`select
              (select count(*)::int from listings l where l.application_count <>
                 (select count(*) from applications a where a.tenant_id = l.tenant_id and a.listing_id = l.id and a.status <> 'WITHDRAWN')) as bad_counts,
              (select count(*)::int from bookings a join bookings b on a.tenant_id = b.tenant_id and a.resource_id = b.resource_id and a.id < b.id
                 and tstzrange(a.start_time, a.end_time) && tstzrange(b.start_time, b.end_time)
                 where a.status in ('PENDING', 'CONFIRMED', 'IN_PROGRESS') and b.status in ('PENDING', 'CONFIRMED', 'IN_PROGRESS')) as overlaps,
              (select count(*)::int from users u where not exists (select 1 from user_profiles p where p.tenant_id = u.tenant_id and p.user_id = u.id)) as without_profile,
              (select count(*) filter (where t.identifier = 'bench-001')::float8 / count(*) from listings l join tenants t on t.id = l.tenant_id
                 where t.identifier like 'bench-%') as big_share,
              (select count(*)::int from listings where status = 'ACTIVE' and deleted_at is null and (expires_at is null or expires_at > now())) as active_listings`,
      ),
    );
    expect(check).toMatchObject({ bad_counts: 0, overlaps: 0, without_profile: 0 });
    expect(check!.big_share).toBeCloseTo(1 / 3, 1);
    expect(check!.active_listings).toBeGreaterThan(result.counts.listings! / 3);
  });

  it('files most listings under the listing category tree, skewed, apart from the content categories', async () => {
    const [check] = await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows<{ listings: number; categorized: number; outside_tree: number; in_top: number; top_share: number; content_links_to_listing_tree: number }>(
        tx,
        sql`with bench as (select id from tenants where identifier like 'bench-%'),
                 tree as (select c.tenant_id, c.id, coalesce(c.parent_id, c.id) as top from categories c
                           where c.tenant_id in (select id from bench)
                             and (c.parent_id is not null or exists (select 1 from categories s where s.tenant_id = c.tenant_id and s.parent_id = c.id)))
            select (select count(*)::int from listings where tenant_id in (select id from bench)) as listings,
                   (select count(*)::int from listings where tenant_id in (select id from bench) and category_id is not null) as categorized,
                   (select count(*)::int from listings l where l.tenant_id in (select id from bench) and l.category_id is not null
                       and not exists (select 1 from tree where tree.tenant_id = l.tenant_id and tree.id = l.category_id)) as outside_tree,
                   (select count(*)::int from listings l join tree on tree.tenant_id = l.tenant_id and tree.id = l.category_id where tree.id = tree.top) as in_top,
                   (select max(n)::float8 / sum(n) from (select count(*) as n from listings l join tree on tree.tenant_id = l.tenant_id and tree.id = l.category_id
                                                          where l.tenant_id = (select id from tenants where identifier = 'bench-001') group by tree.top) x) as top_share,
                   (select count(*)::int from content_categories cc join tree on tree.tenant_id = cc.tenant_id and tree.id = cc.category_id) as content_links_to_listing_tree`,
      ),
    );
    expect(check!.categorized / check!.listings).toBeGreaterThan(0.8);
    expect(check!.categorized).toBeLessThan(check!.listings);
    expect(check!.outside_tree).toBe(0);
    expect(check!.in_top).toBeGreaterThan(0); // some listings sit in a top category itself
    expect(check!.top_share).toBeGreaterThan(1 / LISTING_CATEGORIES.length); // skewed: in the big tenant the most popular top holds more than its even share
    expect(check!.content_links_to_listing_tree).toBe(0);
  });

  it('fills listing fields that fit their definitions (the API’s own check), with the range rows of the trigger', async () => {
    const tenants = await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows<{ id: string }>(tx, sql`select id from tenants where identifier like 'bench-%' order by identifier`),
    );
    const seen = new Set<string>();
    let checked = 0;
    for (const { id } of tenants) {
      await withTenant(t.db, ctxFor(id), async (tx) => {
        const defs = await readFieldDefs(tx);
        expect(defs.map((d) => d.kind).sort()).toEqual(['boolean', 'date', 'enum', 'multi_enum', 'number', 'text']);
        const listings = await rows<{ type: 'GIG'; custom_fields: Record<string, unknown>; private_fields: Record<string, unknown> }>(
          tx,
          sql`select type, custom_fields, private_fields from listings where tenant_id = ${id}`,
        );
        for (const l of listings) {
          const checkedFields = checkFieldValues(defs, l.type, {}, { ...l.custom_fields, ...l.private_fields }, { requireAll: true });
          expect(checkedFields.problems).toEqual([]);
          expect(checkedFields.public).toEqual(l.custom_fields);
          expect(checkedFields.private).toEqual(l.private_fields);
          for (const k of Object.keys({ ...l.custom_fields, ...l.private_fields })) seen.add(k);
          checked++;
        }
        // one listing_field_values row per public number and date value, as the trigger writes them
        const [ranges] = await rows<{ expected: number; actual: number; missing: number }>(
          tx,
          sql`select (select count(*)::int from listings, jsonb_each(custom_fields) f where tenant_id = ${id} and f.key in ('experience_years', 'start_on')) as expected,
                     (select count(*)::int from listing_field_values where tenant_id = ${id}) as actual,
                     (select count(*)::int from listings l, jsonb_each(l.custom_fields) f where l.tenant_id = ${id} and f.key in ('experience_years', 'start_on')
                        and not exists (select 1 from listing_field_values v where v.tenant_id = l.tenant_id and v.listing_id = l.id and v.key = f.key
                                          and coalesce(v.num::text, v.day::text) = f.value #>> '{}')) as missing`,
        );
        expect(ranges!.actual).toBe(ranges!.expected);
        expect(ranges!.missing).toBe(0);
      });
    }
    expect(checked).toBe(result.counts.listings);
    expect([...seen].sort()).toEqual(['experience_years', 'internal_ref', 'langs', 'size', 'start_on', 'travel']);
    expect(result.counts.listing_field_values).toBeGreaterThan(result.counts.listings! / 2);
  });

  it('makes services bookable through a member of the listing’s account who has weekly availability', async () => {
    const [check] = await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows<{ providers: number; not_service: number; not_member: number; without_availability: number; with_daily_limit: number }>(
        tx,
        sql`select count(*)::int as providers,
                   count(*) filter (where l.type <> 'SERVICE')::int as not_service,
                   count(*) filter (where not exists (select 1 from account_users m where m.tenant_id = l.tenant_id and m.account_id = l.account_id
                                                        and m.user_id = p.user_id))::int as not_member,
                   count(*) filter (where not exists (select 1 from availabilities a where a.tenant_id = p.tenant_id and a.user_id = p.user_id
                                                        and a.day_of_week is not null and a.available))::int as without_availability,
                   count(*) filter (where s.daily_limit is not null)::int as with_daily_limit
              from listing_booking_providers p
              join listing_booking_settings s on s.tenant_id = p.tenant_id and s.listing_id = p.listing_id
              join listings l on l.tenant_id = p.tenant_id and l.id = p.listing_id
              join tenants t on t.id = p.tenant_id where t.identifier like 'bench-%'`,
      ),
    );
    expect(check!.providers).toBe(result.counts.listing_booking_providers);
    expect(check).toMatchObject({ not_service: 0, not_member: 0, without_availability: 0 });
    expect(check!.with_daily_limit).toBeGreaterThan(0);
    // and the search by available dates finds them: the week ahead from tomorrow
    const [tenant] = await t.db.query<{ id: string }>(`select id from tenants where identifier = 'bench-001'`);
    const from = new Date(ANCHOR.getTime() + 86_400_000);
    const page = await createListingService({ db: t.db }).search(ctxFor(tenant!.id, undefined), {
      availableFrom: from.toISOString(),
      availableTo: new Date(from.getTime() + 7 * 86_400_000).toISOString(),
    });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((l) => l.type === 'SERVICE')).toBe(true);
  });

  it('signs in with the bench password', async () => {
    const [user] = await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows<{ hashed_password: string }>(tx, sql`select hashed_password from users where email = 'user1@bench-002.example.com'`),
    );
    expect(await verifyPassword(user!.hashed_password, BENCH_PASSWORD)).toBe(true);
  });

  it('refuses to generate twice into one database', async () => {
    await expect(generateBenchData(t.db, { scale: SCALE, seed: SEED, platformTenant: 'platform', anchor: ANCHOR })).rejects.toThrow(
      /already holds benchmark data/,
    );
  });

  it('is deterministic: the same seed gives the same rows on every engine', async () => {
    fingerprints[t.engine] = await fingerprint(t);
    if (fingerprints.pglite && fingerprints.postgres) expect(fingerprints.postgres).toBe(fingerprints.pglite);
  });
});

import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PASSWORD, type GenerateResult, generateBenchData } from '../../bench/data/generate';
import { apportion, planData, tenantCount } from '../../bench/data/plan';
import { systemContext } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { withPlatform, withTenant } from '../../src/db/tenant-context';
import { verifyAuditChains } from '../../src/modules/audit';
import { verifyPassword } from '../../src/modules/identity/passwords';
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
            select l.id::text || l.title || coalesce(l.price::text, '') || l.status || extract(epoch from l.created_at)::text as x from listings l
              join tenants t on t.id = l.tenant_id where t.identifier like 'bench-%'
            union all
            select b.id::text || extract(epoch from b.start_time)::text || b.status from bookings b join tenants t on t.id = b.tenant_id where t.identifier like 'bench-%'
            union all
            select p.id::text || p.display_name || p.completeness from user_profiles p join tenants t on t.id = p.tenant_id where t.identifier like 'bench-%'
            union all
            select c.id::text || c.slug || md5(c.body) from contents c join tenants t on t.id = c.tenant_id where t.identifier like 'bench-%'
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
  });

  it('writes one audit entry per generated audited row, and every chain verifies', async () => {
    const audited = Object.entries(result.counts)
      .filter(([table]) => table !== 'audit_logs')
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

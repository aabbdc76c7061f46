import { beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { findJob, runJobNow } from '../../src/modules/jobs';
import { ensurePartitions, pruneEvents } from '../../src/modules/maintenance';
import { runDoctor } from '../../src/modules/maintenance/doctor';
import { describeDb } from '../helpers/db';

/**
 * Events are partitioned by month (migration 0980) with a retention in days: whole
 * months of events go once they ended before the cut-off, webhook deliveries (with their
 * attempts) older than it are deleted in batches, what is younger stays; the partitions
 * are kept and checked like audit_logs' (mono partitions ensure, mono doctor).
 */
describeDb('events: partitions and retention', (t) => {
  const tenantId = newId();
  const endpointId = newId();
  const NOW = new Date('2025-05-15T12:00:00Z'); // 90 days: cut-off 2025-02-14T12:00Z

  const count = async (query: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(query, params))[0]!.n);
  const exists = async (name: string) => (await t.db.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [name]))[0]!.ok;
  const eventsOf = async () =>
    (await t.db.query<{ n: string }>(`select payload->>'n' as n from events where tenant_id = $1 order by occurred_at`, [tenantId])).map((r) => r.n);
  const deliveriesOf = async () =>
    (await t.db.query<{ n: string }>(`select payload->>'n' as n from webhook_deliveries where tenant_id = $1 order by created_at`, [tenantId])).map((r) => r.n);
  const event = (n: string, at: string) =>
    t.db.query(`insert into events (tenant_id, type, resource_type, occurred_at, payload) values ($1, 'listing.published', 'listing', $2, $3)`, [
      tenantId,
      at,
      JSON.stringify({ n }),
    ]);
  async function delivery(n: string, createdAt: string, status: string, attempts: number) {
    const [row] = await t.db.query<{ id: string }>(
      `insert into webhook_deliveries (tenant_id, endpoint_id, event_type, payload, status, attempts, created_at)
       values ($1, $2, 'listing.published', $3, $4, $5, $6) returning id`,
      [tenantId, endpointId, JSON.stringify({ n }), status, attempts, createdAt],
    );
    for (let i = 0; i < attempts; i++) {
      await t.db.query(`insert into webhook_attempts (tenant_id, delivery_id, status_code, duration_ms, attempted_at) values ($1, $2, 500, 12, $3)`, [
        tenantId,
        row!.id,
        createdAt,
      ]);
    }
  }

  beforeAll(async () => {
    await t.db.query(`insert into tenants (id, identifier, name, status) values ($1, $2, 'Retention', 'ACTIVE')`, [tenantId, `ret-${tenantId.slice(-8)}`]);
    await t.db.query(`insert into webhook_endpoints (tenant_id, id, url, event_types, secret) values ($1, $2, 'https://example.com/hook', '{*}', 'x')`, [
      tenantId,
      endpointId,
    ]);
    await t.db.query(`select mono.ensure_monthly_partitions('events', 2, '2025-01-01')`);
    await event('jan', '2025-01-20T10:00:00Z'); // its month ended before the cut-off
    await event('feb', '2025-02-10T10:00:00Z'); // older than the cut-off, but February ends after it
    await event('mar', '2025-03-10T10:00:00Z');
    await event('default-old', '2024-03-01T00:00:00Z'); // no partition: DEFAULT
    await event('default-recent', '2025-05-10T00:00:00Z'); // no partition: DEFAULT
    await event('today', new Date().toISOString());
    await delivery('old-succeeded', '2025-01-10T00:00:00Z', 'succeeded', 2);
    await delivery('old-sending', '2025-01-11T00:00:00Z', 'sending', 1);
    await delivery('old-failed', '2025-02-01T00:00:00Z', 'failed', 3);
    await delivery('recent', '2025-05-01T00:00:00Z', 'succeeded', 1);
  });

  it('puts each event in its month’s partition, and a month without one in DEFAULT', async () => {
    const parts = await t.db.query<{ n: string; part: string }>(
      `select payload->>'n' as n, tableoid::regclass::text as part from events where tenant_id = $1 order by occurred_at`,
      [tenantId],
    );
    const [thisMonth] = await t.db.query<{ part: string }>(`select 'events_p' || to_char(now(), 'YYYY_MM') as part`);
    expect(parts).toEqual([
      { n: 'default-old', part: 'events_default' },
      { n: 'jan', part: 'events_p2025_01' },
      { n: 'feb', part: 'events_p2025_02' },
      { n: 'mar', part: 'events_p2025_03' },
      { n: 'default-recent', part: 'events_default' },
      { n: 'today', part: thisMonth!.part },
    ]);
  });

  it('locks every partition down like the parent: forced RLS, no privileges for the runtime roles', async () => {
    const parts = await t.db.query<{ name: string; rls: boolean; forced: boolean; app: boolean; platform: boolean }>(
      `select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
              has_table_privilege('mono_app', c.oid, 'select') as app, has_table_privilege('mono_platform', c.oid, 'select') as platform
         from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'events'::regclass order by 1`,
    );
    expect(parts.length).toBeGreaterThanOrEqual(8); // default, Jan–Mar 2025, this month and three ahead
    for (const p of parts) expect(p, p.name).toMatchObject({ rls: true, forced: true, app: false, platform: false });
    const [parent] = await t.db.query<{ forced: boolean; policies: number }>(
      `select relforcerowsecurity as forced, (select count(*)::int from pg_policy where polrelid = 'events'::regclass) as policies from pg_class where oid = 'events'::regclass`,
    );
    expect(parent).toEqual({ forced: true, policies: 2 });
  });

  it('--dry-run counts what would go and removes nothing', async () => {
    const result = await pruneEvents(t.db, { days: 90, now: NOW, dryRun: true });
    expect(result.cutoff.toISOString()).toBe('2025-02-14T12:00:00.000Z');
    expect(result.due.map((p) => p.partition)).toEqual(['events_p2025_01']);
    expect(result).toMatchObject({ dropped: [], events: 1, deliveries: 2 });
    expect(await eventsOf()).toHaveLength(6);
    expect(await deliveriesOf()).toHaveLength(4);
  });

  it('drops the months that ended before the cut-off, deletes older default rows and deliveries with their attempts, keeps the rest', async () => {
    const attemptsBefore = await count('select count(*)::int as n from webhook_attempts where tenant_id = $1', [tenantId]);
    const result = await pruneEvents(t.db, { days: 90, now: NOW, batchSize: 1 });
    expect(result).toMatchObject({ dropped: ['events_p2025_01'], events: 1, deliveries: 2 });
    expect(await exists('events_p2025_01')).toBe(false);
    expect(await exists('events_p2025_02')).toBe(true);
    expect(await eventsOf()).toEqual(['feb', 'mar', 'default-recent', 'today']);
    // the delivery a worker is sending stays for the next run
    expect(await deliveriesOf()).toEqual(['old-sending', 'recent']);
    expect(await count('select count(*)::int as n from webhook_attempts where tenant_id = $1', [tenantId])).toBe(attemptsBefore - 5);
    expect(
      await count(
        'select count(*)::int as n from webhook_attempts a where a.tenant_id = $1 and not exists (select 1 from webhook_deliveries d where d.tenant_id = a.tenant_id and d.id = a.delivery_id)',
        [tenantId],
      ),
    ).toBe(0);
    // a second run finds nothing
    expect(await pruneEvents(t.db, { days: 90, now: NOW })).toMatchObject({ dropped: [], events: 0, deliveries: 0 });
    await expect(pruneEvents(t.db, { days: 0 })).rejects.toThrow(/whole number of days ≥ 1/);
  });

  it('the daily job applies EVENTS_RETENTION_DAYS (90 by default) to today’s data: this month stays', async () => {
    const job = findJob('events.prune')!;
    const outcome = await runJobNow(t.db, job, 'test');
    expect(outcome.status).toBe('succeeded');
    expect(outcome.result).toMatchObject({ dropped: ['events_p2025_02', 'events_p2025_03'], events: 1, deliveries: 1 });
    expect(await eventsOf()).toEqual(['today']);
    expect(await deliveriesOf()).toEqual(['old-sending']);
    // a shorter retention from the configuration
    await event('yesterday', new Date(Date.now() - 86_400_000).toISOString());
    const short = await runJobNow(t.db, job, 'test', undefined, { config: { eventsRetentionDays: 1 } as never });
    expect(short.result).toMatchObject({ dropped: [] });
    expect(await eventsOf()).toContain('today');
  });

  it('mono partitions ensure and mono doctor cover events: a missing month, rows waiting in DEFAULT', async () => {
    const checks = await runDoctor(t.db);
    expect(checks.find((c) => c.check === 'partitions')).toMatchObject({ status: 'ok', summary: expect.stringContaining('events') });
    expect(checks.find((c) => c.check === 'row-level security')).toMatchObject({ status: 'ok' });

    const [next] = await t.db.query<{ name: string }>(`select 'events_p' || to_char(date_trunc('month', now()) + interval '1 month', 'YYYY_MM') as name`);
    await t.db.exec(`alter table events detach partition ${next!.name}; drop table ${next!.name}`);
    await event('lost-month', '2024-01-10T00:00:00Z');
    const broken = (await runDoctor(t.db)).find((c) => c.check === 'partitions')!;
    expect(broken.status).toBe('warn');
    expect(broken.items).toEqual([
      { what: `${next!.name} is missing`, fix: 'mono partitions ensure --months 2' },
      {
        what: '1 row(s) of events wait in events_default',
        fix: `select mono.ensure_monthly_partitions('events', <months from 2024-01-01 to now>, '2024-01-01');`,
      },
    ]);
    expect(await ensurePartitions(t.db, 3)).toEqual([next!.name]);
    expect(await t.db.query(`select mono.ensure_monthly_partitions('events', 0, '2024-01-01') as name`)).toEqual([{ name: 'events_p2024_01' }]);
    expect(await count(`select count(*)::int as n from events_p2024_01 where payload->>'n' = 'lost-month'`)).toBe(1);
    expect((await runDoctor(t.db)).find((c) => c.check === 'partitions')).toMatchObject({ status: 'ok' });
  });
});

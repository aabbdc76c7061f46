import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { firstRow } from '../../src/db/sql';
import { withPlatform } from '../../src/db/tenant-context';
import { findJob, type JobDefinition, type JobLogger, jobDefinitions, runDueJob, runJobNow, startScheduler } from '../../src/modules/jobs';
import { claimSlot, finishRun, renewLease } from '../../src/modules/jobs/repository';
import { runDoctor } from '../../src/modules/maintenance';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

const job = (name: string) => findJob(name)!;
/** The job with a week-long slot, so that a test cannot straddle two slots. */
const weekly = (name: string): JobDefinition => ({ ...job(name), everySeconds: 7 * 86400 });
const until = async (what: () => Promise<boolean>, ms = 20_000) => {
  for (const started = Date.now(); Date.now() - started < ms; await new Promise((r) => setTimeout(r, 100))) if (await what()) return;
  throw new Error('timed out waiting');
};

describeDb('background jobs', (t) => {
  let g: TenantGraph;
  const ids: Record<string, string> = {};
  const one = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params))[0]!;

  beforeAll(async () => {
    g = await createTenantGraph(t.db, 'jobs');
    await withPlatform(t.db, systemContext(null, 'test'), async (tx) => {
      const id = async (q: ReturnType<typeof sql>) => (await firstRow<{ id: string }>(tx, q))!.id;
      const listing = (title: string, expires: string) =>
        id(sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price_type, status, expires_at)
               values (${g.tenantId}, ${g.accountId}, ${g.userId}, 'GIG', ${title}, 'x', 'FIXED', 'ACTIVE', now() + ${expires}::interval) returning id`);
      ids.dueListing = await listing('Due', '-1 minute');
      ids.liveListing = await listing('Live', '1 day');
      const content = (slug: string, expires: string) =>
        id(sql`insert into contents (tenant_id, account_id, user_id, type, title, slug, status, published_at, expires_at)
               values (${g.tenantId}, ${g.accountId}, ${g.userId}, 'ARTICLE', ${slug}, ${slug}, 'PUBLISHED', now() - interval '2 days', now() + ${expires}::interval) returning id`);
      ids.dueContent = await content('due-content', '-1 minute');
      ids.liveContent = await content('live-content', '1 day');
      const session = (created: string, expires: string, revoked: string | null, key: string) =>
        id(sql`insert into sessions (tenant_id, user_id, token_hash, created_at, expires_at, revoked_at)
               values (${g.tenantId}, ${g.userId}, sha256(convert_to(${key + g.identifier}, 'UTF8')), now() + ${created}::interval,
                       now() + ${expires}::interval, now() + ${revoked}::interval) returning id`);
      ids.expiredSession = await session('-3 days', '-1 day', null, 'a');
      ids.revokedSession = await session('-3 days', '1 day', '-2 days', 'b');
      ids.liveSession = await session('-1 hour', '1 day', null, 'c');
      const token = (expires: string, used: boolean, key: string) =>
        id(sql`insert into one_time_tokens (tenant_id, user_id, purpose, token_hash, expires_at, used_at)
               values (${g.tenantId}, ${g.userId}, 'EMAIL_VERIFICATION', sha256(convert_to(${key + g.identifier}, 'UTF8')), now() + ${expires}::interval,
                       case when ${used} then now() end) returning id`);
      ids.expiredToken = await token('-1 minute', false, 'd');
      ids.usedToken = await token('1 hour', true, 'e');
      ids.liveToken = await token('1 hour', false, 'f');
      ids.expiredRole = await id(
        sql`insert into user_roles (tenant_id, user_id, role_id, expires_at) values (${g.tenantId}, ${g.otherUserId}, ${g.roleId}, now() - interval '1 minute') returning id`,
      );
      ids.expiredPermission = await id(sql`insert into user_permissions (tenant_id, user_id, permission_id, expires_at)
        select ${g.tenantId}, ${g.userId}, id, now() - interval '1 minute' from permissions where name = 'tenant.tests.read' returning id`);
      ids.oldView = await id(
        sql`insert into engagements (tenant_id, user_id, kind, target, target_id, counted_at) values (${g.tenantId}, ${g.userId}, 'view', 'contents', ${g.contentId}, now() - interval '2 hours') returning id`,
      );
      ids.oldLike = await id(
        sql`insert into engagements (tenant_id, user_id, kind, target, target_id, counted_at) values (${g.tenantId}, ${g.userId}, 'like', 'contents', ${g.contentId}, now() - interval '2 hours') returning id`,
      );
    });
    await t.db.query(
      `insert into mono.job_runs (job, slot_start, status, started_at) values ('sessions.cleanup', now() - interval '40 days', 'succeeded', now() - interval '40 days')`,
    );
  });

  const exists = async (table: string, id: string) => (await t.db.query(`select 1 from ${table} where id = $1`, [id])).length > 0;

  it('expires due listings, audited as the job', async () => {
    const outcome = await runJobNow(t.db, job('listings.expire'), 'test');
    expect(outcome).toMatchObject({ status: 'succeeded', result: { expired: 1 } });
    expect((await one<{ status: string }>('select status from listings where id = $1', [ids.dueListing])).status).toBe('EXPIRED');
    expect((await one<{ status: string }>('select status from listings where id = $1', [ids.liveListing])).status).toBe('ACTIVE');
    const entry = await one<Record<string, any>>(`select * from audit_logs where resource = 'listings' and resource_id = $1 order by seq desc limit 1`, [
      ids.dueListing,
    ]);
    expect(entry).toMatchObject({ action: 'update', request_id: 'system:job:listings.expire', new_values: { status: 'EXPIRED' } });
  });

  it('takes expired content out (ARCHIVED), and leaves live content', async () => {
    expect(await runJobNow(t.db, job('content.expire'), 'test')).toMatchObject({ status: 'succeeded', result: { archived: 1 } });
    expect((await one<{ status: string }>('select status from contents where id = $1', [ids.dueContent])).status).toBe('ARCHIVED');
    expect((await one<{ status: string }>('select status from contents where id = $1', [ids.liveContent])).status).toBe('PUBLISHED');
  });

  it('deletes expired and long-revoked sessions and expired or used one-time tokens', async () => {
    expect(await runJobNow(t.db, job('sessions.cleanup'), 'test')).toMatchObject({ result: { sessions: 2, oneTimeTokens: 2 } });
    expect([await exists('sessions', ids.expiredSession!), await exists('sessions', ids.revokedSession!), await exists('sessions', ids.liveSession!)]).toEqual([
      false,
      false,
      true,
    ]);
    expect([
      await exists('one_time_tokens', ids.expiredToken!),
      await exists('one_time_tokens', ids.usedToken!),
      await exists('one_time_tokens', ids.liveToken!),
    ]).toEqual([false, false, true]);
  });

  it('drops expired grants and so moves the tenant’s authorization version', async () => {
    const before = await one<{ version: number }>('select version from mono.authz_versions where tenant_id = $1', [g.tenantId]);
    expect(await runJobNow(t.db, job('grants.expire'), 'test')).toMatchObject({ result: { roles: 1, permissions: 1 } });
    expect([await exists('user_roles', ids.expiredRole!), await exists('user_permissions', ids.expiredPermission!)]).toEqual([false, false]);
    const [kept] = await t.db.query<{ n: number }>('select count(*)::int as n from user_roles where tenant_id = $1', [g.tenantId]);
    expect(kept!.n).toBeGreaterThan(0);
    const after = await one<{ version: number }>('select version from mono.authz_versions where tenant_id = $1', [g.tenantId]);
    expect(Number(after.version)).toBeGreaterThan(Number(before.version));
  });

  it('deletes lapsed view windows but keeps likes', async () => {
    expect(await runJobNow(t.db, job('engagement.windows'), 'test')).toMatchObject({ result: { deleted: 1 } });
    expect([await exists('engagements', ids.oldView!), await exists('engagements', ids.oldLike!)]).toEqual([false, true]);
  });

  it('creates a missing coming partition, and forgets old job runs', async () => {
    const [last] = await t.db.query<{ name: string }>(`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'activities'::regclass and c.relname like 'activities_p%' order by c.relname desc limit 1`);
    await t.db.exec(`alter table activities detach partition ${last!.name}; drop table ${last!.name}`);
    expect(await runJobNow(t.db, job('partitions.ensure'), 'test')).toMatchObject({ result: { created: [last!.name] } });
    expect(await runJobNow(t.db, job('jobs.cleanup'), 'test')).toMatchObject({ result: { deleted: 1 } });
  });

  it('is idempotent: a second run of every job finds nothing to do', async () => {
    for (const definition of jobDefinitions) {
      const outcome = await runJobNow(t.db, definition, 'test');
      expect(outcome.status).toBe('succeeded');
      // maintenance always analyzes (statistics age); what it must not find twice is dead rows
      const result = definition.name === 'maintenance' ? { vacuumed: outcome.result!.vacuumed } : outcome.result!;
      for (const value of Object.values(result)) expect(value === 0 || (Array.isArray(value) && value.length === 0), definition.name).toBe(true);
    }
  });

  it('maintenance vacuums what has many dead rows', async () => {
    await t.db.withSession(async (s) => {
      await s.exec(`create table jobs_bloat (id int primary key) with (autovacuum_enabled = false);
        insert into jobs_bloat select generate_series(1, 20000); delete from jobs_bloat where id > 100;`);
      await s.query('select pg_stat_force_next_flush()');
    });
    expect(await runJobNow(t.db, job('maintenance'), 'test')).toMatchObject({ status: 'succeeded', result: { vacuumed: 1 } });
    await t.db.exec('drop table jobs_bloat');
  });

  it('runs a slot once: the second claim of the same slot is skipped, and a failed run is recorded', async () => {
    const first = await runDueJob(t.db, weekly('listings.expire'), 'test');
    const second = await runDueJob(t.db, weekly('listings.expire'), 'test');
    expect([first.status, second.status]).toEqual(['succeeded', 'skipped']);
    const failing: JobDefinition = {
      name: 'test.failing',
      description: 'fails',
      everySeconds: 7 * 86400,
      run: async () => {
        throw new Error('boom');
      },
    };
    expect(await runDueJob(t.db, failing, 'test')).toMatchObject({ status: 'failed', error: 'boom' });
    // a failed slot may be claimed again (a queue retry)
    expect(await runDueJob(t.db, failing, 'test')).toMatchObject({ status: 'failed' });
    expect(await one('select status, attempts, error from mono.job_runs where job = $1', ['test.failing'])).toEqual({
      status: 'failed',
      attempts: 2,
      error: 'boom',
    });
  });

  it('a claim is a lease: a worker that dies after claiming holds the slot only until its lease expires, then another runs it', async () => {
    let runs = 0;
    const leased: JobDefinition = {
      name: 'test.leased',
      description: 'counts its runs',
      everySeconds: 7 * 86400,
      leaseSeconds: 60,
      run: async () => ({ run: ++runs }),
    };
    // The dead worker: it claimed the slot and never ran, renewed or finished it.
    const dead = await claimSlot(t.db, leased.name, leased.everySeconds, 'dead', 60);
    expect(dead).toMatchObject({ attempt: 1 });
    // While its lease lasts, the slot is taken: nobody runs it twice.
    expect(await runDueJob(t.db, leased, 'alive')).toMatchObject({ status: 'skipped' });
    expect(runs).toBe(0);
    // The lease runs out (the clock moves on: its end is put in the past).
    await t.db.query(`update mono.job_runs set lease_expires_at = clock_timestamp() - interval '1 second' where id = $1`, [dead!.id]);
    const doctor = (await runDoctor(t.db)).find((c) => c.check === 'jobs and data migrations')!;
    expect(doctor.items.map((i) => i.what)).toContainEqual(expect.stringMatching(/^job test\.leased started at .* by dead was abandoned: its lease expired$/));
    expect(await runDueJob(t.db, leased, 'alive')).toMatchObject({ status: 'succeeded', result: { run: 1 } });
    expect(await runDueJob(t.db, leased, 'third')).toMatchObject({ status: 'skipped' });
    expect(runs).toBe(1);
    const row = () => one('select status, attempts, worker, result, lease_expires_at from mono.job_runs where job = $1', [leased.name]);
    expect(await row()).toEqual({ status: 'succeeded', attempts: 2, worker: 'alive', result: { run: 1 }, lease_expires_at: null });
    // Should the "dead" worker come back, its claim is fenced off: it can neither renew
    // nor overwrite the record of the run that took over.
    expect(await renewLease(t.db, dead!, 60)).toBe(false);
    expect(await finishRun(t.db, dead!, { status: 'failed', error: 'late' })).toBe(false);
    expect(await row()).toMatchObject({ status: 'succeeded', attempts: 2, worker: 'alive' });
  });

  it('a live worker renews its lease, so a run longer than the lease is not run twice', async () => {
    let runs = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: JobDefinition = {
      name: 'test.slow',
      description: 'outlives its lease',
      everySeconds: 7 * 86400,
      leaseSeconds: 1,
      run: async () => {
        runs += 1;
        await released;
        return {};
      },
    };
    const first = runDueJob(t.db, slow, 'one');
    await until(async () => runs === 1);
    await new Promise((r) => setTimeout(r, 2_500)); // two and a half lease lengths
    expect(await runDueJob(t.db, slow, 'two')).toMatchObject({ status: 'skipped' });
    release();
    expect(await first).toMatchObject({ status: 'succeeded' });
    expect(runs).toBe(1);
  });

  it('the in-process scheduler runs every due job and logs it', async () => {
    const logged: string[] = [];
    const log: JobLogger = { info: (_d, m) => logged.push(m), error: (_d, m) => logged.push(m) };
    const jobs = jobDefinitions.map((d) => ({ ...d, name: `timer.${d.name}`, everySeconds: 7 * 86400 }));
    const scheduler = await startScheduler({ db: t.db, jobs, tickMs: 50, log });
    await until(async () => (await t.db.query(`select 1 from mono.job_runs where job like 'timer.%' and status = 'succeeded'`)).length === jobs.length);
    await new Promise((r) => setTimeout(r, 300));
    await scheduler.stop();
    expect(logged.sort()).toEqual(jobs.map((j) => `job ${j.name} succeeded`).sort());
  });

  if (t.engine === 'postgres') {
    it('two schedulers on one server database (pg-boss) run a due job once', async () => {
      const [listing] = await t.db.query<{ id: string }>(
        `insert into listings (tenant_id, account_id, user_id, type, title, description, price_type, status, expires_at)
         values ($1, $2, $3, 'GIG', 'Due again', 'x', 'FIXED', 'ACTIVE', now() - interval '1 second') returning id`,
        [g.tenantId, g.accountId, g.userId],
      );
      const runs: string[] = [];
      const logFor = (worker: string): JobLogger => ({ info: (_d, m) => runs.push(`${worker}: ${m}`), error: (_d, m) => runs.push(`${worker}: ${m}`) });
      const jobs = [{ ...weekly('listings.expire'), name: 'queued.listings.expire' }];
      const options = { db: t.db, databaseUrl: t.db.url!, jobs, tickMs: 100, pollSeconds: 0.5 };
      const [first, second] = await Promise.all([
        startScheduler({ ...options, worker: 'one', log: logFor('one') }),
        startScheduler({ ...options, worker: 'two', log: logFor('two') }),
      ]);
      try {
        await until(async () => (await t.db.query(`select 1 from mono.job_runs where job = 'queued.listings.expire' and status = 'succeeded'`)).length > 0);
        await new Promise((r) => setTimeout(r, 2_000)); // many more ticks of both
      } finally {
        await Promise.all([first.stop(), second.stop()]);
      }
      expect(runs).toEqual([expect.stringMatching(/^(one|two): job queued\.listings\.expire succeeded$/)]);
      const queued = await t.db.query<{ n: number }>(
        `select (select count(*) from pgboss.job where name = $1) + (select count(*) from pgboss.archive where name = $1) as n`,
        ['queued.listings.expire'],
      );
      expect(Number(queued[0]!.n)).toBe(1);
      expect(await t.db.query(`select status from mono.job_runs where job = 'queued.listings.expire'`)).toEqual([{ status: 'succeeded' }]);
      expect((await one<{ status: string }>('select status from listings where id = $1', [listing!.id])).status).toBe('EXPIRED');
      const [entries] = await t.db.query<{ n: number }>(
        `select count(*)::int as n from audit_logs where resource_id = $1 and new_values ->> 'status' = 'EXPIRED'`,
        [listing!.id],
      );
      expect(entries!.n).toBe(1);
    });
  }
});

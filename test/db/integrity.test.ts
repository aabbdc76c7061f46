import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { withPlatform, withTenant } from '../../src/db/tenant-context';
import { tenantOwnedTables } from '../helpers/catalog';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/** The PostgreSQL error code of a rejected statement run by the owner. */
async function pgCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code;
  }
}

describeDb('integrity guarantees', (t) => {
  let a: TenantGraph;
  let b: TenantGraph;
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'a');
    b = await createTenantGraph(t.db, 'b');
  });
  const exec = (text: string, params: unknown[] = []) => t.db.query(text, params);

  describe('cross-tenant references are impossible', () => {
    it('refuses a listing of tenant A that points at an account of tenant B', async () => {
      const code = await pgCode(() =>
        exec(
          `insert into listings (tenant_id, account_id, user_id, type, title, description, price_type)
              values ($1, $2, $3, 'GIG', 't', 'd', 'FIXED')`,
          [a.tenantId, b.accountId, a.userId],
        ),
      );
      expect(code).toBe('23503');
    });

    it('refuses moving an application to another tenant’s listing', async () => {
      const code = await pgCode(() => exec(`update applications set listing_id = $1 where id = $2`, [b.listingId, a.applicationId]));
      expect(code).toBe('23503');
    });

    it('has only composite (tenant_id, …) foreign keys between tenant-owned tables', async () => {
      const fks = await t.db.query<{ name: string; cols: string[]; target: string }>(`
        select con.conname as name, con.conrelid::regclass::text as source, con.confrelid::regclass::text as target,
               array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as cols
          from pg_constraint con
         where con.contype = 'f' and con.connamespace = 'public'::regnamespace
           and exists (select 1 from pg_attribute x where x.attrelid = con.confrelid and x.attname = 'tenant_id')`);
      expect(fks.length).toBeGreaterThan(30);
      for (const fk of fks) expect(fk.cols[0], `${fk.name} → ${fk.target}`).toBe('tenant_id');
    });
  });

  it('Citus-ready: every primary key and unique index of a tenant-owned table includes tenant_id', async () => {
    const tables = await tenantOwnedTables(t.db);
    const names = tables.filter((x) => x.table !== 'tenants').map((x) => x.name);
    const indexes = await t.db.query<{ index: string; table: string; cols: string[] }>(`
      select i.indexrelid::regclass::text as index, i.indrelid::regclass::text as table,
             array(select coalesce(a.attname::text, '(expr)') from unnest(i.indkey) k left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k) as cols
        from pg_index i join pg_class c on c.oid = i.indrelid
       where i.indisunique and not c.relispartition`);
    const relevant = indexes.filter((ix) => names.includes(ix.table.includes('.') ? ix.table : `public.${ix.table}`));
    expect(relevant.length).toBeGreaterThan(names.length);
    for (const ix of relevant) expect(ix.cols, `${ix.index} on ${ix.table}`).toContain('tenant_id');
  });

  describe('checks', () => {
    const cases: [string, string, unknown[]][] = [
      ['booking end before start', `update bookings set end_time = start_time - interval '1 minute' where id = $1`, []],
      ['listing end_date before start_date', `update listings set start_date = now(), end_date = now() - interval '1 day' where id = $1`, []],
      ['media size 0', `update media_files set size = 0 where id = $1`, []],
      ['negative price', `update listings set price = -1 where id = $1`, []],
      ['lower-case currency', `update listings set currency = 'usd' where id = $1`, []],
      ['tenant identifier with spaces', `update tenants set identifier = 'Not OK' where id = $1`, []],
      ['account identifier with capital letters', `update accounts set identifier = 'Acme' where id = $1`, []],
      ['content slug with spaces', `update contents set slug = 'hello world' where id = $1`, []],
      ['unknown timezone', `update bookings set timezone = 'Mars/Olympus' where id = $1`, []],
      ['weekday 7', `update availabilities set day_of_week = 7 where user_id = $1`, []],
      ['window end before start', `update availabilities set start_time = '18:00' where user_id = $1`, []],
      ['both weekday and date', `update availabilities set date = '2026-12-01' where user_id = $1`, []],
      ['time 25:00', `update availabilities set end_time = '25:00' where user_id = $1`, []],
      ['upper-case email', `update users set email = 'Owner@X.test' where id = $1`, []],
      ['account member role owner', `update account_users set role = 'owner' where user_id = $1`, []],
      ['latitude 91', `update listings set location = '{"lat": 91, "lng": 0}' where id = $1`, []],
      ['country not ISO-2', `update listings set location = '{"country": "Austria"}' where id = $1`, []],
    ];
    it.each(cases)('refuses %s', async (_label, statement) => {
      const id = statement.includes('from') ? a.userId : undefined;
      void id;
      const key = statement.match(/where (\w+) = \$1/)![1];
      const target =
        key === 'user_id'
          ? a.userId
          : statement.includes('tenants')
            ? a.tenantId
            : statement.includes('bookings')
              ? a.bookingId
              : statement.includes('listings')
                ? a.listingId
                : statement.includes('media_files')
                  ? a.mediaId
                  : statement.includes('accounts')
                    ? a.accountId
                    : statement.includes('contents')
                      ? a.contentId
                      : statement.includes('users')
                        ? a.userId
                        : '';
      expect(await pgCode(() => exec(statement, [target]))).toBe('23514');
    });

    it('accepts a zero-length date override (it blocks the day) but not a zero-length weekly window', async () => {
      await exec(
        `insert into availabilities (tenant_id, user_id, date, start_time, end_time, timezone, available, recurring)
                  values ($1, $2, '2026-12-24', '00:00', '00:00', 'Europe/Vienna', false, false)`,
        [a.tenantId, a.userId],
      );
      expect(
        await pgCode(() =>
          exec(
            `insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone)
                  values ($1, $2, 2, '10:00', '10:00', 'UTC')`,
            [a.tenantId, a.userId],
          ),
        ),
      ).toBe('23514');
    });

    it('refuses a category cycle', async () => {
      const [child] = await exec(`insert into categories (tenant_id, parent_id, name, slug) values ($1, $2, 'Child', 'child') returning id`, [
        a.tenantId,
        a.categoryId,
      ]);
      expect(await pgCode(() => exec(`update categories set parent_id = $1 where id = $2`, [child!.id, a.categoryId]))).toBe('23514');
    });
  });

  describe('no double booking', () => {
    const book = (start: string, end: string, status = 'PENDING', resource?: string) =>
      exec(
        `insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone, status)
            values ($1, $2, $3, 'b', 'APPOINTMENT', $4, $5, 'UTC', $6) returning id`,
        [a.tenantId, resource ?? a.otherUserId, a.userId, start, end, status],
      );

    it('refuses an overlapping active booking of the same resource', async () => {
      await book('2030-01-01T10:00Z', '2030-01-01T11:00Z');
      expect(await pgCode(() => book('2030-01-01T10:30Z', '2030-01-01T11:30Z', 'CONFIRMED'))).toBe('23P01');
      expect(await pgCode(() => book('2030-01-01T09:00Z', '2030-01-01T12:00Z', 'IN_PROGRESS'))).toBe('23P01');
    });

    it('allows back-to-back bookings, other resources, and inactive ones', async () => {
      await book('2030-01-01T11:00Z', '2030-01-01T12:00Z');
      await book('2030-01-01T10:00Z', '2030-01-01T11:00Z', 'PENDING', a.userId);
      await book('2030-01-01T10:15Z', '2030-01-01T10:45Z', 'CANCELLED');
      await book('2030-01-01T10:15Z', '2030-01-01T10:45Z', 'COMPLETED');
    });

    it('frees the slot when a booking is cancelled', async () => {
      const [first] = await book('2030-02-01T10:00Z', '2030-02-01T11:00Z');
      expect(await pgCode(() => book('2030-02-01T10:00Z', '2030-02-01T11:00Z'))).toBe('23P01');
      await exec(`update bookings set status = 'CANCELLED' where id = $1`, [first!.id]);
      await book('2030-02-01T10:00Z', '2030-02-01T11:00Z');
    });

    it('lets exactly one of 30 parallel bookings for the same slot through', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () =>
          withTenant(t.db, ctxFor(a.tenantId, a.userId), (tx) =>
            tx.execute(sql`insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone)
                           values (${a.tenantId}, ${a.otherUserId}, ${a.userId}, 'race', 'EVENT', '2031-05-05T10:00Z', '2031-05-05T11:00Z', 'UTC')`),
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict' });
      }
    });
  });

  describe('application counter', () => {
    const count = async (listingId: string) => (await exec(`select application_count as n from listings where id = $1`, [listingId]))[0]!.n as number;
    const truth = async (listingId: string) =>
      (await exec(`select count(*)::int as n from applications where listing_id = $1 and status <> 'WITHDRAWN'`, [listingId]))[0]!.n as number;

    async function newListing(): Promise<string> {
      const [row] = await exec(
        `insert into listings (tenant_id, account_id, user_id, type, title, description, price_type, status)
                                values ($1, $2, $3, 'JOB', 'Counter', 'd', 'NEGOTIABLE', 'ACTIVE') returning id`,
        [a.tenantId, a.accountId, a.userId],
      );
      return row!.id as string;
    }
    async function newUser(): Promise<string> {
      const [row] = await exec(`insert into users (tenant_id, email) values ($1, $2) returning id`, [
        a.tenantId,
        `u${Math.random().toString(36).slice(2)}@x.test`,
      ]);
      return row!.id as string;
    }

    it('follows inserts, deletes, withdrawals and moves exactly', async () => {
      const listing = await newListing();
      const other = await newListing();
      const u1 = await newUser();
      const u2 = await newUser();
      const [app1] = await exec(`insert into applications (tenant_id, listing_id, applicant_id) values ($1, $2, $3) returning id`, [a.tenantId, listing, u1]);
      await exec(`insert into applications (tenant_id, listing_id, applicant_id) values ($1, $2, $3)`, [a.tenantId, listing, u2]);
      expect(await count(listing)).toBe(2);
      await exec(`update applications set status = 'WITHDRAWN' where id = $1`, [app1!.id]);
      expect(await count(listing)).toBe(1);
      await exec(`update applications set status = 'REVIEWING' where id = $1`, [app1!.id]);
      expect(await count(listing)).toBe(2);
      await exec(`update applications set listing_id = $1 where id = $2`, [other, app1!.id]);
      expect([await count(listing), await count(other)]).toEqual([1, 1]);
      await exec(`delete from applications where id = $1`, [app1!.id]);
      expect([await count(listing), await count(other)]).toEqual([1, 0]);
      expect(await count(listing)).toBe(await truth(listing));
    });

    it('stays exact when 50 applications arrive concurrently', async () => {
      const listing = await newListing();
      const applicants = await Promise.all(Array.from({ length: 50 }, () => newUser()));
      await Promise.all(
        applicants.map((applicant) =>
          withTenant(t.db, ctxFor(a.tenantId, applicant), (tx) =>
            tx.execute(sql`insert into applications (tenant_id, listing_id, applicant_id) values (${a.tenantId}, ${listing}, ${applicant})`),
          ),
        ),
      );
      expect(await count(listing)).toBe(50);
      expect(await truth(listing)).toBe(50);
    });
  });

  describe('search columns', () => {
    it('are not NULL when optional text is missing, and rank title hits first', async () => {
      const [c1] = await exec(
        `insert into contents (tenant_id, account_id, user_id, type, title, slug) values ($1, $2, $3, 'ARTICLE', 'Gardening basics', 'gardening-basics') returning id, search is not null as ok`,
        [a.tenantId, a.accountId, a.userId],
      );
      expect(c1!.ok).toBe(true);
      await exec(
        `insert into contents (tenant_id, account_id, user_id, type, title, slug, body) values ($1, $2, $3, 'ARTICLE', 'Spring notes', 'spring-notes', 'a little gardening in the body')`,
        [a.tenantId, a.accountId, a.userId],
      );
      const ranked = await exec(
        `select title from contents where tenant_id = $1 and search @@ websearch_to_tsquery('english', 'gardening')
                                 order by ts_rank(search, websearch_to_tsquery('english', 'gardening')) desc`,
        [a.tenantId],
      );
      expect(ranked.map((r) => r.title)).toEqual(['Gardening basics', 'Spring notes']);
    });

    it('are indexed with GIN', async () => {
      const idx = await exec(`select indexrelid::regclass::text as name from pg_index i join pg_class c on c.oid = i.indexrelid
                              join pg_am am on am.oid = c.relam where am.amname = 'gin' and i.indrelid in ('contents'::regclass, 'listings'::regclass)
                              and pg_get_indexdef(i.indexrelid) like '%(search)%'`);
      expect(idx.map((r) => r.name).sort()).toEqual(['contents_search_idx', 'listings_search_idx']);
    });
  });

  describe('views', () => {
    it('are security_invoker and so obey RLS', async () => {
      const opts = await exec(`select relname, reloptions from pg_class where relname in ('user_with_profile', 'listing_with_stats') order by 1`);
      for (const o of opts) expect(o.reloptions).toContain('security_invoker=true');
      const seen = await withTenant(t.db, ctxFor(b.tenantId), (tx) =>
        rows(tx, sql`select tenant_id from listing_with_stats union all select tenant_id from user_with_profile`),
      );
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((r) => r.tenant_id === b.tenantId)).toBe(true);
    });

    it('listing_with_stats counts applications; user_with_profile carries no secrets', async () => {
      const [stats] = await exec(`select total_applications, last_application_at from listing_with_stats where id = $1`, [a.listingId]);
      expect(Number(stats!.total_applications)).toBe(1);
      expect(stats!.last_application_at).toBeInstanceOf(Date);
      const cols = await exec(`select column_name from information_schema.columns where table_name = 'user_with_profile'`);
      const names = cols.map((c) => c.column_name);
      expect(names).toEqual(expect.arrayContaining(['display_name', 'avatar', 'completeness', 'email']));
      expect(names).not.toContain('hashed_password');
      expect(names).not.toContain('two_factor_secret');
    });
  });

  describe('updated_at and soft delete', () => {
    it('maintains updated_at on change, but not for counters alone', async () => {
      const [before] = await exec(`select updated_at from listings where id = $1`, [a.listingId]);
      await new Promise((r) => setTimeout(r, 5));
      await exec(`update listings set application_count = application_count where id = $1`, [a.listingId]);
      const [same] = await exec(`select updated_at from listings where id = $1`, [a.listingId]);
      expect(same!.updated_at).toEqual(before!.updated_at);
      await exec(`update listings set title = 'New title' where id = $1`, [a.listingId]);
      const [after] = await exec(`select updated_at from listings where id = $1`, [a.listingId]);
      expect((after!.updated_at as Date).getTime()).toBeGreaterThan((before!.updated_at as Date).getTime());
    });

    it('lets a soft-deleted row’s slug and identifier be used again, but not a live one', async () => {
      expect(
        await pgCode(() =>
          exec(`insert into contents (tenant_id, account_id, user_id, type, title, slug) values ($1, $2, $3, 'PAGE', 'x', 'hello-world')`, [
            a.tenantId,
            a.accountId,
            a.userId,
          ]),
        ),
      ).toBe('23505');
      await exec(`update contents set deleted_at = now() where id = $1`, [a.contentId]);
      await exec(`insert into contents (tenant_id, account_id, user_id, type, title, slug) values ($1, $2, $3, 'PAGE', 'x', 'hello-world')`, [
        a.tenantId,
        a.accountId,
        a.userId,
      ]);
      expect(await pgCode(() => exec(`insert into accounts (tenant_id, identifier, name, type) values ($1, 'acme', 'Again', 'CLIENT')`, [a.tenantId]))).toBe(
        '23505',
      );
      await exec(`update accounts set deleted_at = now() where id = $1`, [a.accountId]);
      await exec(`insert into accounts (tenant_id, identifier, name, type) values ($1, 'acme', 'Again', 'CLIENT')`, [a.tenantId]);
      // The same slug is free in another tenant all along.
      await exec(`insert into contents (tenant_id, account_id, user_id, type, title, slug) values ($1, $2, $3, 'PAGE', 'x', 'fresh-slug')`, [
        b.tenantId,
        b.accountId,
        b.userId,
      ]);
      await exec(`insert into contents (tenant_id, account_id, user_id, type, title, slug) values ($1, $2, $3, 'PAGE', 'x', 'fresh-slug')`, [
        a.tenantId,
        a.accountId,
        a.userId,
      ]);
    });
  });

  it('computes profile completeness in the database, whatever the writer says', async () => {
    await exec(`update user_profiles set completeness = 100 where user_id = $1`, [a.userId]);
    const [forged] = await exec(`select completeness from user_profiles where user_id = $1`, [a.userId]);
    expect(forged!.completeness).toBe(Math.round(100 / 12));
    const [check] = await exec(
      `select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'user_profiles'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%completeness%'`,
    );
    expect(check!.def).toMatch(/completeness >= 0.*completeness <= 100/);
    await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      tx.execute(sql`update user_profiles set bio = 'Hi', phone = '+43 1', skills = '{walking}' where user_id = ${a.userId}`),
    );
    const [p] = await exec(`select completeness from user_profiles where user_id = $1`, [a.userId]);
    expect(p!.completeness).toBe(Math.round((4 * 100) / 12));
  });

  it('keeps the bookings of a listing deleted for good, detached from it (no ON DELETE SET NULL: Citus refuses it)', async () => {
    const g = await createTenantGraph(t.db, 'listing-gone');
    // What points at the listing and goes with it (the key of each says so) goes first where it does not.
    await withTenant(t.db, ctxFor(g.tenantId, g.userId), async (tx) => {
      await tx.execute(sql`delete from messages where tenant_id = ${g.tenantId} and application_id = ${g.applicationId}`);
      await tx.execute(sql`delete from applications where tenant_id = ${g.tenantId} and listing_id = ${g.listingId}`);
    });
    const gone = await pgCode(() =>
      withTenant(t.db, ctxFor(g.tenantId, g.userId), (tx) => tx.execute(sql`delete from listings where tenant_id = ${g.tenantId} and id = ${g.listingId}`)),
    );
    expect(gone).toBeUndefined();
    const [booking] = await exec('select listing_id, status from bookings where tenant_id = $1 and id = $2', [g.tenantId, g.bookingId]);
    expect(booking).toEqual({ listing_id: null, status: 'PENDING' });
    // The key still holds: a booking cannot point at a listing that does not exist.
    expect(await pgCode(() => exec('update bookings set listing_id = $1 where tenant_id = $2 and id = $3', [g.listingId, g.tenantId, g.bookingId]))).toBe(
      '23503',
    );
  });
});

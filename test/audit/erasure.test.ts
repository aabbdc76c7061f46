import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { firstRow } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { createErasureService } from '../../src/modules/audit';
import { createStorage } from '../../src/modules/media';
import { describeCli } from '../helpers/cli';
import { ctxFor, permissionsOf } from '../helpers/context';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/**
 * Where a needle occurs anywhere in the database: every column of every table and
 * partition in every schema (bytea aside), cast to text, searched case-insensitively.
 */
async function findEverywhere(db: Database, needles: string[]): Promise<string[]> {
  const columns = await db.query<{ rel: string; col: string }>(`
    select format('%I.%I', n.nspname, c.relname) as rel, quote_ident(a.attname) as col
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
       and a.atttypid <> 'bytea'::regtype`);
  const hits: string[] = [];
  for (const { rel, col } of columns) {
    const [row] = await db.query<{ hits: string[] | null }>(
      `select array_agg(distinct needle) as hits from ${rel}, unnest($1::text[]) needle where strpos(lower(${col}::text), lower(needle)) > 0`,
      [needles],
    );
    for (const needle of row!.hits ?? []) hits.push(`${rel}.${col} contains "${needle}"`);
  }
  return hits;
}

describeCli('right to erasure', (t) => {
  let g: TenantGraph;
  let other: TenantGraph;
  let zelda: string;
  const tag = Math.random().toString(36).slice(2, 8);
  const person = {
    email: `zelda.quixote.${tag}@example.org`,
    formerEmail: `zq.${tag}@oldmail.example`,
    username: `zeldaq${tag}`,
    name: `Zelda Quixotic ${tag}`,
    phone: `+43 660 ${tag}`,
    ip: '198.51.100.23',
    userAgent: `ZeldaBrowser/${tag}`,
  };
  const needles = [person.email, person.formerEmail, person.username, person.name, person.phone, person.userAgent];
  let counters: { likes: number; views: number } | undefined;
  const asZelda = () => ctxFor(g.tenantId, zelda, { ip: person.ip, userAgent: person.userAgent });

  beforeAll(async () => {
    g = await createTenantGraph(t.db, 'erase');
    other = await createTenantGraph(t.db, 'erase-other');
    // Zelda signs up with her old address, changes it, fills in her profile, logs in.
    zelda = await withTenant(t.db, asZelda(), async (tx) => {
      const user = await firstRow<{ id: string }>(
        tx,
        sql`insert into users (tenant_id, email, username, hashed_password) values (${g.tenantId}, ${person.formerEmail}, ${person.username}, 'argon-hash') returning id`,
      );
      await tx.execute(
        sql`insert into user_profiles (tenant_id, user_id, display_name, phone, bio) values (${g.tenantId}, ${user!.id}, ${person.name}, ${person.phone}, 'Runway and editorial')`,
      );
      await tx.execute(
        sql`insert into sessions (tenant_id, user_id, token_hash, expires_at, ip_address, user_agent) values (${g.tenantId}, ${user!.id}, sha256(convert_to(${tag}, 'UTF8')), now() + interval '1 day', ${person.ip}, ${person.userAgent})`,
      );
      await tx.execute(
        sql`insert into mail_outbox (tenant_id, to_email, subject, body_text, template) values (${g.tenantId}, ${person.formerEmail}, 'Welcome', ${`Hello ${person.name}`}, 'welcome')`,
      );
      return user!.id;
    });
    await withTenant(t.db, asZelda(), async (tx) => {
      await tx.execute(sql`update users set email = ${person.email} where id = ${zelda}`);
      await tx.execute(
        sql`insert into one_time_tokens (tenant_id, user_id, purpose, token_hash, expires_at) values (${g.tenantId}, ${zelda}, 'EMAIL_VERIFICATION', sha256(convert_to(${`v${tag}`}, 'UTF8')), now() + interval '1 hour')`,
      );
      await tx.execute(
        sql`insert into user_recovery_codes (tenant_id, user_id, code_hash) values (${g.tenantId}, ${zelda}, sha256(convert_to(${`r${tag}`}, 'UTF8')))`,
      );
      await tx.execute(
        sql`insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone) values (${g.tenantId}, ${zelda}, 2, '10:00', '16:00', 'Europe/Vienna')`,
      );
      await tx.execute(
        sql`insert into availability_blocks (tenant_id, user_id, start_time, end_time, reason) values (${g.tenantId}, ${zelda}, now() + interval '2 days', now() + interval '3 days', 'Dentist')`,
      );
      await tx.execute(
        sql`insert into calendar_feeds (tenant_id, user_id, token_hash) values (${g.tenantId}, ${zelda}, sha256(convert_to(${`feed${tag}`}, 'UTF8')))`,
      );
      await tx.execute(
        sql`insert into engagements (tenant_id, user_id, kind, target, target_id) values (${g.tenantId}, ${zelda}, 'like', 'contents', ${g.contentId}), (${g.tenantId}, ${zelda}, 'view', 'contents', ${g.contentId})`,
      );
      await tx.execute(
        sql`insert into activities (tenant_id, user_id, type, target, target_id) values (${g.tenantId}, ${zelda}, 'like', 'contents', ${g.contentId})`,
      );
      // Her work in the marketplace: she applies, writes, and edits a listing of the account.
      const app = await firstRow<{ id: string }>(
        tx,
        sql`insert into applications (tenant_id, listing_id, applicant_id, cover_letter) values (${g.tenantId}, ${g.listingId}, ${zelda}, ${`I am ${person.name}, call me at ${person.phone}`}) returning id`,
      );
      await tx.execute(
        sql`insert into messages (tenant_id, application_id, sender_id, body) values (${g.tenantId}, ${app!.id}, ${zelda}, ${`Regards, ${person.name}`})`,
      );
      await tx.execute(sql`update listings set title = 'Runway model (Paris)' where id = ${g.listingId}`);
    });
    // The tenant admin edits the listing, and mentions her elsewhere: by full name (unambiguous)
    // and by user name (one word: could be someone else's, so only reported).
    await withTenant(t.db, ctxFor(g.tenantId, g.userId, { ip: '203.0.113.1', userAgent: 'AdminBrowser' }), async (tx) => {
      await tx.execute(sql`update listings set price = '1800.00' where id = ${g.listingId}`);
      await tx.execute(sql`update categories set description = ${`Curated by ${person.name}.`} where id = ${g.categoryId}`);
      await tx.execute(sql`update contents set description = ${`Photos: @${person.username}`} where id = ${g.contentId}`);
    });
    expect((await findEverywhere(t.db, needles)).length).toBeGreaterThan(5);
    [counters] = await t.db.query<{ likes: number; views: number }>('select likes, views from contents where tenant_id = $1 and id = $2', [
      g.tenantId,
      g.contentId,
    ]);
  });

  it('refuses without the permission, and cannot reach another tenant’s user', async () => {
    const service = createErasureService({
      db: t.db,
      storage: createStorage({
        dataDir: tmpdir(),
        storage: { driver: 'local', s3: { bucket: undefined, region: 'x', endpoint: undefined, accessKeyId: undefined, secretAccessKey: undefined } },
      }),
    });
    const reader = ctxFor(g.tenantId, g.userId, { permissions: permissionsOf(['tenant.users.read']) });
    await expect(service.eraseUser(reader, { user: zelda })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const otherAdmin = ctxFor(other.tenantId, other.userId, { permissions: permissionsOf(['tenant.users.erase']) });
    await expect(service.eraseUser(otherAdmin, { user: zelda })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(service.eraseUser(otherAdmin, { user: person.email })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(service.eraseUser(otherAdmin, { user: 'not an address' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await findEverywhere(t.db, [person.email])).length).toBeGreaterThan(0);
  });

  it('`mono user erase` leaves no trace of the person anywhere, but for an ambiguous mention it reports', async () => {
    const result = await t.cli(['user', 'erase', '--tenant', g.identifier, '--user', person.email]);
    expect(result.code, result.text).toBe(0);
    expect(result.out).toEqual([`Erased user ${zelda} of ${g.identifier}.`]);
    expect(result.err).toContain('  review: contents.description still mentions the person in 1 row(s) of other records');
    // …and the search vector the database derives from that description.
    expect(await findEverywhere(t.db, needles)).toEqual([
      `public.contents.description contains "${person.username}"`,
      `public.contents.search contains "${person.username}"`,
    ]);
    const [category] = await t.db.query<{ description: string }>('select description from categories where tenant_id = $1 and id = $2', [
      g.tenantId,
      g.categoryId,
    ]);
    expect(category!.description).toBe('Curated by [erased].');
    const [ipLeft] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_logs where tenant_id = $1 and (ip_address = $2 or new_values::text like '%' || $2 || '%')`,
      [g.tenantId, person.ip],
    );
    expect(ipLeft!.n).toBe(0);
  });

  it('keeps the user row (references stay valid), deactivated and anonymised, and what is not hers', async () => {
    const [user] = await t.db.query<Record<string, any>>('select * from users where tenant_id = $1 and id = $2', [g.tenantId, zelda]);
    expect(user).toMatchObject({ email: `erased-${zelda}@erased.invalid`, username: null, hashed_password: null });
    expect(user!.deleted_at).not.toBeNull();
    expect(user!.deactivated_at).not.toBeNull();
    for (const table of [
      'sessions',
      'one_time_tokens',
      'user_recovery_codes',
      'user_profiles',
      'availabilities',
      'availability_blocks',
      'calendar_feeds',
      'engagements',
      'activities',
    ]) {
      const [left] = await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = $1 and user_id = $2`, [g.tenantId, zelda]);
      expect(left!.n, table).toBe(0);
    }
    const [content] = await t.db.query<{ likes: number; views: number }>('select likes, views from contents where tenant_id = $1 and id = $2', [
      g.tenantId,
      g.contentId,
    ]);
    expect(content).toEqual({ likes: counters!.likes - 1, views: counters!.views }); // her like is gone; her view stays counted, anonymously
    const [message] = await t.db.query<{ body: string }>('select body from messages where tenant_id = $1 and sender_id = $2', [g.tenantId, zelda]);
    expect(message!.body).toBe('[erased]');
    const [listing] = await t.db.query<{ title: string }>('select title from listings where tenant_id = $1 and id = $2', [g.tenantId, g.listingId]);
    expect(listing!.title).toBe('Runway model (Paris)');
    const [owner] = await t.db.query<{ display_name: string }>('select display_name from user_profiles where tenant_id = $1 and user_id = $2', [
      g.tenantId,
      g.userId,
    ]);
    expect(owner!.display_name).toBe('Owner');
    const [otherTenant] = await t.db.query<{ n: number }>('select count(*)::int as n from audit_logs where tenant_id = $1 and erased_at is not null', [
      other.tenantId,
    ]);
    expect(otherTenant!.n).toBe(0);
  });

  it('keeps saying that something changed: keys stay, values are "[erased]", business values stay', async () => {
    const entries = await t.db.query<Record<string, any>>(
      `select action, resource, resource_id, old_values, new_values, ip_address, user_agent, erased_at, user_id
         from audit_logs where tenant_id = $1 order by seq`,
      [g.tenantId],
    );
    const profileCreate = entries.find((e) => e.resource === 'user_profiles' && e.action === 'create' && e.new_values.user_id === '[erased]')!;
    expect(profileCreate.new_values).toMatchObject({ display_name: '[erased]', phone: '[erased]', bio: '[erased]' });
    expect(profileCreate.erased_at).not.toBeNull();
    const emailChange = entries.find((e) => e.resource === 'users' && e.resource_id === zelda && e.action === 'update')!;
    expect(emailChange.old_values).toEqual({ email: '[erased]' });
    expect(emailChange.new_values).toEqual({ email: '[erased]' });
    // Her edit of the account's listing: still attributed to her id, values kept, IP gone.
    const listingEdit = entries.find((e) => e.resource === 'listings' && e.action === 'update' && e.user_id === zelda)!;
    expect(listingEdit.new_values).toEqual({ title: 'Runway model (Paris)' });
    expect(listingEdit).toMatchObject({ ip_address: null, user_agent: null });
    // The erasure itself is on record: the users row was soft-deleted by the system.
    const erasure = entries.filter((e) => e.resource === 'users' && e.resource_id === zelda).at(-1)!;
    expect(erasure.action).toBe('soft_delete');
    expect(Object.keys(erasure.new_values)).toEqual(expect.arrayContaining(['email', 'username', 'deleted_at', 'deactivated_at']));
    // The admin's own entries keep their IP address.
    expect(entries.some((e) => e.user_id === g.userId && e.ip_address === '203.0.113.1')).toBe(true);
  });

  it('the audit chain still verifies, and erasing again changes nothing', async () => {
    let result = await t.cli(['audit', 'verify', '--tenant', g.identifier]);
    expect(result.code, result.text).toBe(0);
    const before = await t.db.query('select id, old_values, new_values from audit_logs where tenant_id = $1 and erased_at is not null order by seq', [
      g.tenantId,
    ]);
    result = await t.cli(['user', 'erase', '--tenant', g.identifier, '--user', zelda]);
    expect(result.code, result.text).toBe(0);
    const after = await t.db.query(
      'select id, old_values, new_values from audit_logs where tenant_id = $1 and erased_at is not null and id = any($2::uuid[]) order by seq',
      [g.tenantId, before.map((r: any) => r.id)],
    );
    expect(after).toEqual(before);
    result = await t.cli(['audit', 'verify']);
    expect(result.code, result.text).toBe(0);
  }, 120_000);

  it('an erased entry that gets an IP address back is reported', async () => {
    await t.db.query(
      `update audit_logs set ip_address = $2 where id = (select id from audit_logs where tenant_id = $1 and erased_at is not null order by seq limit 1)`,
      [g.tenantId, person.ip],
    );
    const result = await t.cli(['audit', 'verify', '--tenant', g.identifier]);
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/entry seq \d+ is marked erased but still holds an IP address or user agent/);
  });
});

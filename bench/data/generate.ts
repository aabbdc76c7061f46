import { sql } from 'drizzle-orm';
import type { Database, Orm } from '../../src/db/client';
import { rows } from '../../src/db/sql';
import { syncSystemRoles } from '../../src/modules/access/sync';
import { hashPassword } from '../../src/modules/identity/passwords';
import { type DataPlan, planData, type TenantPlan } from './plan';
import { buildPools, type Pools } from './pools';
import { Hashes, lit, spread } from './sql';

/**
 * The benchmark data generator: fills a migrated database with realistic marketplace
 * data, set-based (INSERT … SELECT over generate_series), one transaction per tenant.
 *
 * Everything goes through the database's own rules: every CHECK, foreign key,
 * exclusion constraint and trigger (counters, profile completeness, touch, category
 * locks, authorization versions) runs as it would for the API — with one exception,
 * the audit trigger. Written row by row at commit, the audit chain of a tenant with
 * 400k new rows in one transaction would lock and rewrite its chain head 400k times.
 * So inside each tenant's transaction (and only there: ALTER TABLE … DISABLE TRIGGER is
 * transactional, other sessions never see the trigger off, and they wait on the lock
 * instead of writing unaudited rows) the audit trigger is off, and the generator writes
 * the entries the trigger would have written: one `create` entry per generated row of
 * every audited table, with the same values (secrets redacted, bookkeeping and
 * generated columns left out), chained with the same hash function
 * (mono.audit_entry_hash). `mono audit verify` verifies the result like any chain.
 *
 * Rows are inserted as mono_platform (the explicit cross-tenant path); only the trigger
 * and partition DDL runs as the owner. Passwords: every user's is BENCH_PASSWORD.
 */
export const BENCH_PASSWORD = 'Bench-Password-2026';
export const BENCH_REQUEST_ID = 'system:bench-data';

export interface GenerateOptions {
  scale: number;
  seed: number;
  platformTenant: string;
  /** Timestamps are relative to this instant (default: today 00:00 UTC). */
  anchor?: Date;
  /** Called after every statement with rows written so far. */
  onProgress?: (done: number, total: number, step: string) => void;
}

export interface GenerateResult {
  plan: DataPlan;
  /** Rows per table as counted afterwards in the generated tenants. */
  counts: Record<string, number>;
  /** Seconds spent per step over all tenants: where the time goes. */
  steps: Record<string, number>;
  seconds: number;
}

/** Purposes: each random choice hashes the row number under its own salt. */
const P = {
  tenant: 1,
  user: 10,
  userName: 12,
  profile: 13,
  account: 20,
  accountKind: 22,
  listing: 30,
  listingAccount: 32,
  listingKind: 33,
  listingText: 40,
  application: 50,
  applicationKind: 52,
  booking: 70,
  bookingKind: 72,
  content: 90,
  contentKind: 92,
  category: 100,
  audit: 110,
  listingCategory: 120,
  listingCategoryPick: 122,
  listingField: 126,
  listingFieldValue: 130,
  bookingSettings: 150,
  bookingProvider: 162,
  providerMember: 165,
} as const;

const GENERATED_TABLES = [
  'tenants',
  'users',
  'user_profiles',
  'user_roles',
  'roles',
  'role_permissions',
  'accounts',
  'account_users',
  'listings',
  'applications',
  'bookings',
  'availabilities',
  'categories',
  'contents',
  'content_categories',
  'listing_fields',
  'listing_field_values',
  'listing_booking_settings',
  'listing_booking_providers',
];

/**
 * The listing category tree of every tenant: 8 top categories of 5 subcategories each
 * (apart from the content categories, which are a flat list of their own; the slugs
 * never collide). Category k: the tops are 0–7, subcategory j of top i is 8 + 5i + j.
 */
export const LISTING_CATEGORIES: readonly [string, readonly string[]][] = [
  ['Photography', ['Weddings', 'Portraits', 'Events', 'Product', 'Fashion']],
  ['Modeling', ['Runway', 'Commercial', 'Fitness', 'Hand and parts', 'Editorial']],
  ['Film and video', ['Acting', 'Extras', 'Editing', 'Camera', 'Voice-over']],
  ['Music', ['Bands', 'DJs', 'Session musicians', 'Singers', 'Music lessons']],
  ['Design', ['Graphic design', 'Web design', 'Illustration', 'Interior design', 'Branding']],
  ['Beauty', ['Hair', 'Makeup', 'Nails', 'Styling', 'Skin care']],
  ['Event services', ['Hosting', 'Catering', 'Decoration', 'Planning', 'Security']],
  ['Lessons', ['Languages', 'Dance', 'Fitness training', 'Tutoring', 'Cooking']],
];
const SUBCATEGORIES = LISTING_CATEGORIES.length * 5;

/** Options of the generated enum fields, most common first where the choice is skewed. */
export const SIZE_OPTIONS = ['XS', 'S', 'M', 'L', 'XL'] as const;
export const LANG_OPTIONS = ['en', 'de', 'fr', 'es', 'it', 'pt'] as const;

/**
 * The listing fields of every tenant (issue 16): one of each kind, one private. Values:
 * size on 85 % of listings (M, L, S, XL, XS from common to rare), langs on 70 % (1–3
 * consecutive languages, English most often first), experience_years on 70 % of gigs,
 * jobs and services (0–30, most below 10), start_on on 60 % of gigs and jobs (from a
 * month ago to four months ahead), travel on half, the private internal_ref on 30 %.
 */
const LISTING_FIELDS = [
  { key: 'size', label: 'Size', kind: 'enum', types: ['GIG', 'JOB', 'SERVICE', 'PRODUCT'], public: true, options: SIZE_OPTIONS },
  { key: 'langs', label: 'Languages', kind: 'multi_enum', types: ['GIG', 'JOB', 'SERVICE', 'PRODUCT'], public: true, options: LANG_OPTIONS },
  { key: 'experience_years', label: 'Years of experience', kind: 'number', types: ['GIG', 'JOB', 'SERVICE'], public: true },
  { key: 'start_on', label: 'Starts on', kind: 'date', types: ['GIG', 'JOB'], public: true },
  { key: 'travel', label: 'Willing to travel', kind: 'boolean', types: ['GIG', 'JOB', 'SERVICE', 'PRODUCT'], public: true },
  { key: 'internal_ref', label: 'Internal reference', kind: 'text', types: ['GIG', 'JOB', 'SERVICE', 'PRODUCT'], public: false },
] as const;

interface AuditedTable {
  name: string;
  redacted: string[];
  ignored: string[];
  at: string;
  actor: string | null;
}

/** The tables whose inserts mono.refuse_blocked_interaction checks (definition 089). */
const BLOCK_CHECKED = ['applications', 'bookings'];

const ACTOR_COLUMNS = ['applicant_id', 'client_id', 'uploader_id', 'sender_id', 'user_id'];
const TIME_COLUMNS = ['created_at', 'joined_at', 'assigned_at'];

/** The tables with an audit trigger and the trigger's arguments (redacted, ignored columns). */
async function auditedTables(tx: Orm): Promise<AuditedTable[]> {
  const found = await rows<{ name: string; def: string; columns: string[] }>(
    tx,
    sql`select c.relname as name, pg_get_triggerdef(t.oid) as def,
               array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
          from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace s on s.oid = c.relnamespace
         where t.tgname = 'audit' and not t.tgisinternal and s.nspname = 'public'
         order by c.relname`,
  );
  return found.map((t) => {
    // (redacted, ignored[, the table's name — migration 0900 passes it for Citus])
    const args = /mono\.audit_row\('([^']*)', '([^']*)'(?:, '[^']*')?\)/.exec(t.def);
    if (!args) throw new Error(`cannot read the audit trigger arguments of ${t.name}: ${t.def}`);
    const list = (s: string) => s.split(',').filter(Boolean);
    return {
      name: t.name,
      redacted: list(args[1]!),
      ignored: ['updated_at', ...list(args[2]!)],
      at: TIME_COLUMNS.find((c) => t.columns.includes(c)) ?? 'now()',
      actor: t.name === 'users' ? 'id' : (ACTOR_COLUMNS.find((c) => t.columns.includes(c)) ?? null),
    };
  });
}

/** Loads the text pools into temporary tables of this transaction. */
async function loadPools(tx: Orm, pools: Pools): Promise<void> {
  const table = async (name: string, columns: string, values: unknown[]) => {
    await tx.execute(sql.raw(`create temp table ${name} (i int primary key, ${columns}) on commit drop`));
    const types = columns
      .split(',')
      .map((c) => c.trim())
      .join(', ');
    await tx.execute(sql`insert into ${sql.raw(name)} select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as r(i int, ${sql.raw(types)})`);
  };
  await table(
    'bench_paragraphs',
    'v text',
    pools.paragraphs.map((v, i) => ({ i, v })),
  );
  await table(
    'bench_sentences',
    'v text',
    pools.sentences.map((v, i) => ({ i, v })),
  );
  await table(
    'bench_ltitles',
    'v text',
    pools.listingTitles.map((v, i) => ({ i, v })),
  );
  await table(
    'bench_ctitles',
    'v text, slug text',
    pools.contentTitles.map((c, i) => ({ i, v: c.title, slug: c.slug })),
  );
  await table(
    'bench_first',
    'v text',
    pools.firstNames.map((v, i) => ({ i, v })),
  );
  await table(
    'bench_last',
    'v text',
    pools.lastNames.map((v, i) => ({ i, v })),
  );
  await table(
    'bench_tags',
    'v text',
    pools.tags.map((v, i) => ({ i, v })),
  );
  await table(
    'bench_roles',
    'v text',
    pools.roles.map((v, i) => ({ i, v })),
  );
  await table(
    'bench_cities',
    'city text, country text, lat float8, lng float8, tz text',
    pools.cities.map(([city, country, lat, lng, tz], i) => ({ i, city, country, lat, lng, tz })),
  );
}

function rowsOf(t: TenantPlan): number {
  const members = t.users >= 3 ? 2 : 1;
  // listing categories and fields; about 0.8 field value rows, 0.3 booking rows and 0.07 provider memberships per listing
  const marketplace = LISTING_CATEGORIES.length * 6 + 6 + Math.round(t.listings * 1.2);
  return 1 + t.users * 3 + t.accounts * (1 + members) + t.listings + t.applications + t.bookings + t.bookable * 5 + t.contents * 2 + 6 + marketplace;
}

export async function generateBenchData(db: Database, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const plan = planData(options.scale, options.seed);
  const pools = buildPools(options.seed);
  const anchorDate = options.anchor ?? new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const anchor = `${lit(anchorDate.toISOString())}::timestamptz`;

  const existing = await db.transaction("select set_config('role', 'mono_platform', true)", (tx) =>
    rows<{ n: number }>(tx, sql`select count(*)::int as n from tenants where identifier like 'bench-%'`),
  );
  if (existing[0]!.n > 0) {
    throw new Error(`this database already holds benchmark data (${existing[0]!.n} tenants named bench-*); generate into a fresh database`);
  }

  const audited = await db.transaction('', (tx) => auditedTables(tx));
  // Monthly audit partitions for the whole span of the generated history (plus the
  // coming months), as a database that has been running that long would have.
  const firstMonth = `${new Date(anchorDate.getTime() - 800 * 86400_000).toISOString().slice(0, 7)}-01`;
  const months = Math.round((anchorDate.getTime() - Date.parse(firstMonth)) / (30.44 * 86400_000)) + 3;
  await db.transaction('', (tx) => tx.execute(sql`select mono.ensure_monthly_partitions('audit_logs', ${months}, ${firstMonth}::date)`));

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const entityTotal = plan.tenants.reduce((a, t) => a + rowsOf(t), 0);
  const total = entityTotal * 2; // every generated row also gets its audit entry (roughly)
  let done = 0;
  const steps: Record<string, number> = {};
  let stepStarted = Date.now();
  const advance = (n: number, step: string) => {
    done += n;
    const kind = step.replace(/^[^:]*: /, '');
    steps[kind] = (steps[kind] ?? 0) + (Date.now() - stepStarted) / 1000;
    stepStarted = Date.now();
    options.onProgress?.(Math.min(done, total), total, step);
  };

  for (const tenant of plan.tenants) {
    await db.transaction(`select set_config('app.request_id', ${lit(BENCH_REQUEST_ID)}, true)`, async (tx) => {
      const run = (text: string) => tx.execute(sql.raw(text));
      for (const t of audited) await run(`alter table ${t.name} disable trigger audit`);
      // The block check takes an advisory lock per person it admits; a tenant's hundred
      // thousand applications in one statement would fill the lock table. The generated
      // data has no blocks, so the check could refuse nothing.
      for (const t of BLOCK_CHECKED) await run(`alter table ${t} disable trigger refuse_blocked`);
      await run('set local role mono_platform');
      await loadPools(tx, pools);
      advance(0, `${tenant.identifier}: setup`);
      const tenantId = await generateTenant(tx, tenant, { seed: options.seed, anchor, passwordHash, platformTenant: options.platformTenant, advance });
      const entries = await writeAuditEntries(tx, tenantId, audited, new Hashes(options.seed, tenant.index));
      advance(entries, `${tenant.identifier}: audit`);
      // Deferred triggers (authorization version bumps) fire now: a table with pending
      // trigger events cannot be altered.
      await run('set constraints all immediate');
      await run('reset role');
      for (const t of audited) await run(`alter table ${t.name} enable trigger audit`);
      for (const t of BLOCK_CHECKED) await run(`alter table ${t} enable trigger refuse_blocked`);
    });
  }

  const counts = await db.transaction("select set_config('role', 'mono_platform', true)", async (tx) => {
    const result: Record<string, number> = {};
    for (const table of [...GENERATED_TABLES, 'audit_logs']) {
      const key = table === 'tenants' ? 'id' : 'tenant_id';
      const [row] = await rows<{ n: number }>(
        tx,
        sql.raw(`select count(*)::int as n from ${table} where ${key} in (select id from tenants where identifier like 'bench-%')`),
      );
      result[table] = row!.n;
    }
    return result;
  });
  return { plan, counts, steps, seconds: (Date.now() - started) / 1000 };
}

interface TenantDeps {
  seed: number;
  anchor: string;
  passwordHash: string;
  platformTenant: string;
  advance: (n: number, step: string) => void;
}

/** One tenant's rows; returns its id. */
async function generateTenant(tx: Orm, t: TenantPlan, deps: TenantDeps): Promise<string> {
  const H = new Hashes(deps.seed, t.index);
  const A = deps.anchor;
  const { users: U, accounts: AC, listings: L, applications: AP, bookings: B, contents: C, bookable: R } = t;
  const run = async (step: string, n: number, text: string) => {
    await tx.execute(sql.raw(text));
    deps.advance(n, `${t.identifier}: ${step}`);
  };

  const userCreated = (n: string) => spread(A, 730, n, U);
  const userId = (n: string) => H.uuid7(userCreated(n), n, P.user);
  const accountCreated = (a: string) => spread(A, 700, a, AC);
  const accountId = (a: string) => H.uuid7(accountCreated(a), a, P.account);
  const ownerOf = (a: string) => `(((${a}) * 5 + 1) % ${U})`;
  const memberOf = (a: string) => `(((${a}) * 5 + 2) % ${U})`;
  const listingCreated = (n: string) => spread(A, 365, n, L);
  const listingId = (n: string) => H.uuid7(listingCreated(n), n, P.listing);
  const listingAccount = (n: string) => H.skewed(n, P.listingAccount, AC);
  const resourceOf = (r: string) => `(((${r}) * 5 + 3) % ${U})`;
  const home = `(select tz from bench_cities where i = ${t.index % 42})`;

  const tenantCreated = `(${A} - interval '760 days' + make_interval(mins => ${t.index}))`;
  const [tenant] = await rows<{ id: string }>(
    tx,
    sql.raw(`insert into tenants (id, identifier, name, status, plan, settings, created_at, updated_at)
      values (${H.uuid7(tenantCreated, '0', P.tenant)}, ${lit(t.identifier)}, ${lit(t.name)}, 'ACTIVE', 'enterprise',
              jsonb_build_object('registration', 'open', 'timezone', ${home}), ${tenantCreated}, ${tenantCreated})
      returning id`),
  );
  const T = `${lit(tenant!.id)}::uuid`;
  deps.advance(1, `${t.identifier}: tenant`);
  await syncSystemRoles(tx, deps.platformTenant, tenant!.id);
  deps.advance(0, `${t.identifier}: roles`);

  // Users: user 0 is the tenant administrator; all share BENCH_PASSWORD.
  await run(
    'users',
    U,
    `
    insert into users (tenant_id, id, email, username, hashed_password, email_verified, email_verified_at, last_login_at, login_count, created_at, updated_at)
    select ${T}, ${H.uuid7('g.created', 'g.n', P.user)},
           case when g.n = 0 then 'admin@${t.identifier}.example.com' else 'user' || g.n || '@${t.identifier}.example.com' end,
           case when ${H.i('g.n', P.userName, 3)} = 0 then null else 'user' || g.n end,
           ${lit(deps.passwordHash)}, true, g.created + interval '10 minutes',
           case when ${H.i('g.n', P.userName + 1, 4)} > 0 then g.created + make_interval(days => ${H.i('g.n', P.userName + 2, 30)}) end,
           ${H.i('g.n', P.userName + 3, 200)}, g.created, g.created
      from (select n, ${userCreated('n')} as created from generate_series(0, ${U - 1}) n) g`,
  );

  await run(
    'profiles',
    U,
    `
    insert into user_profiles (tenant_id, id, user_id, display_name, bio, title, location, phone, website, skills, created_at, updated_at)
    select ${T}, ${H.uuid7('g.created', 'g.n', P.profile + 20)}, ${H.uuid7('g.created', 'g.n', P.user)}, f.v || ' ' || l.v,
           case when ${H.i('g.n', P.profile, 4)} > 0 then s.v end, r.v, c.city || ', ' || c.country,
           case when ${H.i('g.n', P.profile + 1, 3)} = 0 then '+43 660 ' || (1000000 + ${H.i('g.n', P.profile + 2, 8999999)}) end,
           case when ${H.i('g.n', P.profile + 3, 5)} = 0 then 'https://' || lower(f.v) || '-' || lower(l.v) || '-' || g.n || '.example.com' end,
           array[t1.v, t2.v, t3.v], g.created, g.created
      from (select n, ${userCreated('n')} as created from generate_series(0, ${U - 1}) n) g
      join bench_first f on f.i = ${H.i('g.n', P.profile + 4, pools_count('first'))}
      join bench_last l on l.i = ${H.i('g.n', P.profile + 5, pools_count('last'))}
      join bench_sentences s on s.i = ${H.i('g.n', P.profile + 6, 4096)}
      join bench_roles r on r.i = ${H.i('g.n', P.profile + 7, pools_count('roles'))}
      join bench_cities c on c.i = ${H.i('g.n', P.profile + 8, pools_count('cities'))}
      join bench_tags t1 on t1.i = ${H.i('g.n', P.profile + 9, 256)}
      join bench_tags t2 on t2.i = ${H.i('g.n', P.profile + 10, 256)}
      join bench_tags t3 on t3.i = ${H.i('g.n', P.profile + 11, 256)}`,
  );

  await run(
    'user roles',
    U,
    `
    insert into user_roles (tenant_id, id, user_id, role_id, assigned_at)
    select ${T}, ${H.uuid7('g.created', 'g.n', P.profile + 22)}, ${H.uuid7('g.created', 'g.n', P.user)}, r.id, g.created
      from (select n, ${userCreated('n')} as created from generate_series(0, ${U - 1}) n) g
      join roles r on r.tenant_id = ${T} and r.name = 'user'
    union all
    select ${T}, ${H.uuid7(userCreated('0'), '-1', P.profile + 22)}, ${userId('0')}, r.id, ${userCreated('0')} from roles r where r.tenant_id = ${T} and r.name = 'tenant_admin'`,
  );

  const accountTypes = ["'AGENCY'", "'AGENCY'", "'VENDOR'", "'CLIENT'", "'CLIENT'", "'INDIVIDUAL'"];
  const accountStatuses = [...Array(18).fill("'ACTIVE'"), "'PENDING'", "'SUSPENDED'"];
  await run(
    'accounts',
    AC,
    `
    insert into accounts (tenant_id, id, identifier, name, type, business_info, status, verified_at, created_at, updated_at)
    select ${T}, ${H.uuid7('g.created', 'g.a', P.account)}, 'acct-' || g.a,
           l.v || ' ' || ${H.pick('g.a', P.accountKind, ["'Agency'", "'Studios'", "'Models'", "'Productions'", "'Creative'", "'Talent'", "'Media'"])},
           (${H.pick('g.a', P.accountKind + 1, accountTypes)})::account_type,
           jsonb_build_object('country', c.country, 'city', c.city),
           (${H.pick('g.a', P.accountKind + 2, accountStatuses)})::account_status,
           case when ${H.i('g.a', P.accountKind + 3, 3)} > 0 then g.created + interval '3 days' end, g.created, g.created
      from (select a, ${accountCreated('a')} as created from generate_series(0, ${AC - 1}) a) g
      join bench_last l on l.i = ${H.i('g.a', P.accountKind + 4, pools_count('last'))}
      join bench_cities c on c.i = ${H.i('g.a', P.accountKind + 5, pools_count('cities'))}`,
  );

  const members = U >= 3 ? 2 : 1;
  await run(
    'account members',
    AC * members,
    `
    insert into account_users (tenant_id, id, account_id, user_id, role, joined_at, updated_at)
    select ${T}, ${H.uuid7('g.created', 'g.a', P.accountKind + 10)}, ${accountId('g.a')}, ${userId(ownerOf('g.a'))}, 'admin', g.created, g.created
      from (select a, ${accountCreated('a')} as created from generate_series(0, ${AC - 1}) a) g
    ${
      members === 2
        ? `union all
    select ${T}, ${H.uuid7("g.created + interval '1 day'", 'g.a', P.accountKind + 12)}, ${accountId('g.a')}, ${userId(memberOf('g.a'))}, ${H.pick('g.a', P.accountKind + 6, ["'member'", "'member'", "'viewer'"])},
           g.created + interval '1 day', g.created + interval '1 day'
      from (select a, ${accountCreated('a')} as created from generate_series(0, ${AC - 1}) a) g`
        : ''
    }`,
  );

  // Listing categories (a tree: tops first, the category rules lock a live parent) and fields.
  const catCreated = `(${tenantCreated} + interval '2 days')`;
  const catId = (k: string) => H.uuid7(catCreated, k, P.listingCategory);
  const slug = (v: string) => v.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const tops = LISTING_CATEGORIES.map(([name], i) => `(${i}, ${lit(name)}, ${lit(slug(name))})`);
  const subs = LISTING_CATEGORIES.flatMap(([top, names], i) =>
    names.map((name, j) => `(${LISTING_CATEGORIES.length + i * 5 + j}, ${i}, ${j}, ${lit(name)}, ${lit(`${slug(top)}-${slug(name)}`)})`),
  );
  await run(
    'listing categories',
    tops.length,
    `
    insert into categories (tenant_id, id, name, slug, position, created_at, updated_at)
    select ${T}, ${catId('x.k')}, x.name, x.slug, 10 + x.k, ${catCreated}, ${catCreated}
      from (values ${tops.join(', ')}) x(k, name, slug)`,
  );
  await run(
    'listing categories',
    subs.length,
    `
    insert into categories (tenant_id, id, parent_id, name, slug, position, created_at, updated_at)
    select ${T}, ${catId('x.k')}, ${catId('x.top')}, x.name, x.slug, x.j, ${catCreated}, ${catCreated}
      from (values ${subs.join(', ')}) x(k, top, j, name, slug)`,
  );
  const fieldRows = LISTING_FIELDS.map(
    (f, k) =>
      `(${k}, ${lit(f.key)}, ${lit(f.label)}, ${lit(f.kind)}, ${lit(`{${f.types.join(',')}}`)}, ${f.public}, ${'options' in f ? lit(`{${f.options.join(',')}}`) : 'null'})`,
  );
  await run(
    'listing fields',
    fieldRows.length,
    `
    insert into listing_fields (tenant_id, id, key, label, kind, listing_types, required, public, options, position, created_at, updated_at)
    select ${T}, ${H.uuid7(catCreated, 'f.k', P.listingField)}, f.key, f.label, f.kind, f.types::listing_type[], false, f.public, f.options::text[], f.k,
           ${catCreated}, ${catCreated}
      from (values ${fieldRows.join(', ')}) f(k, key, label, kind, types, public, options)`,
  );
  const V = P.listingFieldValue;
  const langs = `array[${[...LANG_OPTIONS, ...LANG_OPTIONS].map(lit).join(', ')}]`;
  // Listing n's category: none for 8 %; else a subcategory skewed towards the first ones,
  // or for 15 % of those its top category itself.
  const listingCategory = `case when ${H.i('g.n', P.listingCategoryPick, 100)} < 8 then null
                                when ${H.i('g.n', P.listingCategoryPick + 1, 100)} < 15 then ${catId('g.sub / 5')}
                                else ${catId(`${LISTING_CATEGORIES.length} + g.sub`)} end`;
  const customFields = `jsonb_strip_nulls(jsonb_build_object(
             'size', case when ${H.i('g.n', V, 100)} < 85 then (array['M', 'L', 'S', 'XL', 'XS'])[1 + ${H.skewed('g.n', V + 1, 5)}] end,
             'langs', case when ${H.i('g.n', V + 2, 100)} < 70 then to_jsonb((${langs})[1 + g.lang : g.lang + 1 + ${H.i('g.n', V + 4, 3)}]) end,
             'experience_years', case when g.type in ('GIG', 'JOB', 'SERVICE') and ${H.i('g.n', V + 5, 100)} < 70 then floor(power(${H.u('g.n', V + 6)}, 2) * 31)::int end,
             'start_on', case when g.type in ('GIG', 'JOB') and ${H.i('g.n', V + 7, 100)} < 60
                              then to_char((${A} at time zone 'UTC')::date + (${H.i('g.n', V + 8, 150)} - 30), 'YYYY-MM-DD') end,
             'travel', case when ${H.i('g.n', V + 9, 2)} = 0 then ${H.i('g.n', V + 10, 3)} = 0 end))`;
  const privateFields = `case when ${H.i('g.n', V + 11, 10)} < 3 then jsonb_build_object('internal_ref', 'REF-' || lpad(g.n::text, 7, '0')) else '{}'::jsonb end`;

  // Listings: a third of the text cost of the whole run (two generated tsvectors per row).
  const listingStatuses = [
    ...Array(12).fill("'ACTIVE'"),
    "'DRAFT'",
    "'DRAFT'",
    "'PAUSED'",
    "'EXPIRED'",
    "'EXPIRED'",
    "'COMPLETED'",
    "'COMPLETED'",
    "'CANCELLED'",
  ];
  const priceTypes = ["'FIXED'", "'FIXED'", "'FIXED'", "'HOURLY'", "'HOURLY'", "'DAILY'", "'PROJECT'", "'NEGOTIABLE'"];
  await run(
    'listings',
    L,
    `
    insert into listings (tenant_id, id, account_id, user_id, type, title, description, price, price_type, currency, location, remote,
                          start_date, end_date, duration, requirements, status, featured_at, expires_at, published_at, created_at, updated_at, deleted_at,
                          category_id, custom_fields, private_fields)
    select ${T}, ${H.uuid7('g.created', 'g.n', P.listing)}, ${accountId('g.a')}, ${userId(ownerOf('g.a'))},
           g.type::listing_type, lt.v, p.v || ' ' || s.v,
           case when g.price_type <> 'NEGOTIABLE' then round((5 + power(${H.u('g.n', P.listingKind + 3)}, 2) * 4995)::numeric, 2) end,
           g.price_type::price_type,
           (array['USD', 'USD', 'USD', 'USD', 'USD', 'USD', 'EUR', 'EUR', 'EUR', 'GBP'])[1 + ${H.i('g.n', P.listingKind + 4, 10)}],
           jsonb_build_object('city', c.city, 'country', c.country,
                              'lat', round((c.lat + (${H.u('g.n', P.listingKind + 5)} - 0.5) / 10)::numeric, 5),
                              'lng', round((c.lng + (${H.u('g.n', P.listingKind + 6)} - 0.5) / 10)::numeric, 5)),
           ${H.i('g.n', P.listingKind + 7, 5)} = 0,
           case when g.type in ('GIG', 'JOB') then g.created + make_interval(days => 7 + ${H.i('g.n', P.listingKind + 8, 60)}) end,
           case when g.type in ('GIG', 'JOB') then g.created + make_interval(days => 8 + ${H.i('g.n', P.listingKind + 8, 60)} + ${H.i('g.n', P.listingKind + 9, 30)}) end,
           case when g.type = 'JOB' then (1 + ${H.i('g.n', P.listingKind + 10, 12)}) || ' months' end,
           case when ${H.i('g.n', P.listingKind + 11, 3)} = 0 then jsonb_build_object(
             'questions', jsonb_build_array(
               jsonb_build_object('id', 'experience', 'label', 'Years of experience', 'type', 'number', 'required', false, 'min', 0, 'max', 60),
               jsonb_build_object('id', 'portfolio', 'label', 'Link to your portfolio', 'type', 'text', 'required', false, 'maxLength', 500)),
             'positions', 1 + ${H.i('g.n', P.listingKind + 12, 5)}) end,
           g.status::listing_status,
           case when g.status = 'ACTIVE' and ${H.i('g.n', P.listingKind + 13, 25)} = 0 then g.created + interval '1 hour' end,
           case when g.status = 'ACTIVE' and ${H.i('g.n', P.listingKind + 14, 4)} > 0 then ${A} + make_interval(days => 1 + ${H.i('g.n', P.listingKind + 15, 90)})
                when g.status = 'EXPIRED' then least(g.created + interval '30 days', ${A} - interval '1 day') end,
           case when g.status = 'ACTIVE' then g.created end,
           g.created, g.created,
           case when ${H.i('g.n', P.listingKind + 16, 100)} = 0 then least(g.created + interval '10 days', ${A} - interval '1 hour') end,
           ${listingCategory}, ${customFields}, ${privateFields}
      from (select n, created, ${listingAccount('n')} as a,
                   ${H.skewed('n', P.listingCategoryPick + 2, SUBCATEGORIES)} as sub, ${H.skewed('n', V + 3, LANG_OPTIONS.length)} as lang,
                   ${H.pick('n', P.listingKind, ["'GIG'", "'JOB'", "'SERVICE'", "'PRODUCT'"])} as type,
                   ${H.pick('n', P.listingKind + 1, priceTypes)} as price_type,
                   ${H.pick('n', P.listingKind + 2, listingStatuses)} as status
              from (select n, ${listingCreated('n')} as created from generate_series(0, ${L - 1}) n) g0) g
      join bench_ltitles lt on lt.i = ${H.i('g.n', P.listingText, 4096)}
      join bench_paragraphs p on p.i = ${H.i('g.n', P.listingText + 1, 4096)}
      join bench_sentences s on s.i = ${H.i('g.n', P.listingText + 2, 4096)}
      join bench_cities c on c.i = ${H.i('g.n', P.listingText + 3, pools_count('cities'))}`,
  );

  // Bookable services: 60 % of the SERVICE listings have booking settings and one provider,
  // a bookable user (weekly availability, bookings as the resource) made a member of the
  // listing's account — the same one for all of an account's services.
  const B0 = P.bookingSettings;
  const bookableListings = `(select n, ${listingCreated('n')} as created, ${listingAccount('n')} as a
                               from generate_series(0, ${L - 1}) n
                              where ${H.i('n', P.listingKind, 4)} = 2 and ${H.i('n', B0 + 2, 5)} < 3)`;
  const providerOf = (a: string) => resourceOf(`(${a}) % ${R}`);
  await run(
    'booking settings',
    Math.round(L * 0.15),
    `
    insert into listing_booking_settings (tenant_id, id, listing_id, durations, buffer_before, buffer_after, minimum_notice, window_days,
                                          daily_limit, weekly_limit, requires_confirmation, created_at, updated_at)
    select ${T}, ${H.uuid7("g.created + interval '1 hour'", 'g.n', B0)}, ${H.uuid7('g.created', 'g.n', P.listing)},
           (${H.pick('g.n', B0 + 3, ["'[60]'", "'[60]'", "'[30, 60]'", "'[30]'", "'[90]'", "'[60, 120]'"])})::jsonb,
           ${H.pick('g.n', B0 + 4, ['0', '0', '0', '10', '15'])}, ${H.pick('g.n', B0 + 5, ['0', '0', '10', '15', '30'])},
           ${H.pick('g.n', B0 + 6, ['0', '60', '120', '1440', '2880'])}, ${H.pick('g.n', B0 + 7, ['30', '60', '60', '90', '180'])},
           case when ${H.i('g.n', B0 + 8, 4)} = 0 then 1 + ${H.i('g.n', B0 + 9, 4)} end,
           case when ${H.i('g.n', B0 + 10, 8)} = 0 then 3 + ${H.i('g.n', B0 + 11, 8)} end,
           ${H.i('g.n', B0 + 12, 3)} > 0, g.created + interval '1 hour', g.created + interval '1 hour'
      from ${bookableListings} g`,
  );
  await run(
    'booking providers',
    Math.round(L * 0.15),
    `
    insert into account_users (tenant_id, id, account_id, user_id, role, joined_at, updated_at)
    select ${T}, ${H.uuid7("g.created + interval '2 days'", 'g.a', P.providerMember)}, ${accountId('g.a')}, ${userId(providerOf('g.a'))}, 'member',
           g.created + interval '2 days', g.created + interval '2 days'
      from (select distinct b.a, ${accountCreated('b.a')} as created from ${bookableListings} b) g
     where ${providerOf('g.a')} <> ${ownerOf('g.a')} ${members === 2 ? `and ${providerOf('g.a')} <> ${memberOf('g.a')}` : ''}`,
  );
  await run(
    'booking providers',
    0,
    `
    insert into listing_booking_providers (tenant_id, id, listing_id, user_id, created_at)
    select ${T}, ${H.uuid7("g.created + interval '1 hour'", 'g.n', P.bookingProvider)}, ${H.uuid7('g.created', 'g.n', P.listing)}, ${userId(providerOf('g.a'))},
           g.created + interval '1 hour'
      from ${bookableListings} g`,
  );

  // Applications: distinct applicants per listing (j-th applicant of listing ln), in
  // listing order, so the application_count trigger updates each listing in a row.
  if (AP > 0) {
    const perListing = Math.floor(AP / L);
    const extra = AP % L;
    const appStatuses = [
      ...Array(10).fill("'PENDING'"),
      "'REVIEWING'",
      "'REVIEWING'",
      "'REVIEWING'",
      "'SHORTLISTED'",
      "'SHORTLISTED'",
      "'ACCEPTED'",
      "'REJECTED'",
      "'REJECTED'",
      "'REJECTED'",
      "'WITHDRAWN'",
    ];
    await run(
      'applications',
      AP,
      `
      insert into applications (tenant_id, id, listing_id, applicant_id, cover_letter, answers, status, reviewed_at, reviewed_by, created_at, updated_at)
      select ${T}, ${H.uuid7('g.created', 'g.n', P.application)}, ${listingId('g.ln')}, ${userId(`((g.ln * 7 + 1 + g.j) % ${U})`)},
             case when ${H.i('g.n', P.applicationKind + 1, 5)} > 0 then s1.v || ' ' || s2.v end,
             case when ${H.i('g.n', P.applicationKind + 2, 4)} = 0 then jsonb_build_object('availableFrom', to_char(g.created + interval '14 days', 'YYYY-MM-DD')) end,
             g.status::application_status,
             case when g.status not in ('PENDING', 'WITHDRAWN') then least(g.created + interval '2 days', ${A}) end,
             case when g.status not in ('PENDING', 'WITHDRAWN') then ${userId(ownerOf(listingAccount('g.ln')))} end,
             g.created, g.created
        from (select ln, j, n, ${H.pick('n', P.applicationKind, appStatuses)} as status,
                     least(${A} - interval '1 minute', ${listingCreated('ln')} + make_interval(secs => 3600 + ${H.u('n', P.applicationKind + 3)} * 20 * 86400)) as created
                from (select ln, j, j * ${L} + ln as n
                        from generate_series(0, ${Math.min(L, AP) - 1}) ln,
                             generate_series(0, ${perListing} + case when ln < ${extra} then 1 else 0 end - 1) j) g0) g
        join bench_sentences s1 on s1.i = ${H.i('g.n', P.applicationKind + 4, 4096)}
        join bench_sentences s2 on s2.i = ${H.i('g.n', P.applicationKind + 5, 4096)}
       order by g.ln, g.j`,
    );
  }

  // Weekly availability of the bookable users, Monday to Friday 09:00–17:00 in the tenant's zone.
  await run(
    'availability',
    R * 5,
    `
    insert into availabilities (tenant_id, id, user_id, day_of_week, start_time, end_time, timezone, created_at, updated_at)
    select ${T}, ${H.uuid7(userCreated(resourceOf('r')), 'r * 7 + d', P.bookingKind + 20)}, ${userId(resourceOf('r'))}, d, '09:00', '17:00', ${home}, ${userCreated(resourceOf('r'))}, ${userCreated(resourceOf('r'))}
      from generate_series(0, ${R - 1}) r, generate_series(1, 5) d`,
  );

  // Bookings: booking j of resource r lies on its own day (j·24 + r mod 24 days after
  // the start of the range), so no two active bookings of a resource can overlap.
  if (B > 0) {
    const past = ["'COMPLETED'", "'COMPLETED'", "'COMPLETED'", "'COMPLETED'", "'COMPLETED'", "'CANCELLED'", "'NO_SHOW'"];
    const future = ["'CONFIRMED'", "'CONFIRMED'", "'CONFIRMED'", "'PENDING'", "'PENDING'", "'CANCELLED'"];
    await run(
      'bookings',
      B,
      `
      insert into bookings (tenant_id, id, resource_id, client_id, title, type, start_time, end_time, timezone, location, price, currency, paid,
                            status, confirmed_at, cancelled_at, created_at, updated_at)
      select ${T}, ${H.uuid7('g.created', 'g.n', P.booking)}, ${userId(resourceOf('g.r'))},
             ${userId(`((${resourceOf('g.r')} + 1 + ${H.i('g.n', P.bookingKind, U - 1)}) % ${U})`)},
             'Booking: ' || ro.v, (${H.pick('g.n', P.bookingKind + 1, ["'APPOINTMENT'", "'SERVICE'", "'CONSULTATION'", "'EVENT'"])})::booking_type,
             g.start_time, g.end_time, ${home}, c.city, round((50 + ${H.u('g.n', P.bookingKind + 2)} * 950)::numeric, 2), 'EUR',
             g.status = 'COMPLETED', g.status::booking_status,
             case when g.status in ('CONFIRMED', 'COMPLETED', 'NO_SHOW') then g.created + interval '1 hour' end,
             case when g.status = 'CANCELLED' then least(g.created + interval '1 day', ${A}) end,
             g.created, g.created
        from (select n, r, start_time, end_time,
                     case when start_time < ${A} then ${H.pick('n', P.bookingKind + 3, past)} else ${H.pick('n', P.bookingKind + 4, future)} end as status,
                     least(${A} - interval '1 hour', start_time - make_interval(days => 1 + ${H.i('n', P.bookingKind + 5, 30)})) as created
                from (select n, r, start_time, start_time + make_interval(mins => 30 * (1 + ${H.i('n', P.bookingKind + 6, 4)})) as end_time
                        from (select n, n % ${R} as r,
                                     ${A} - interval '60 days' + make_interval(days => (n / ${R})::int * 24 + (n % ${R}) % 24, hours => 8,
                                                                              mins => 30 * ${H.i('n', P.bookingKind + 7, 16)}) as start_time
                                from generate_series(0, ${B - 1}) n) g1) g0) g
        join bench_roles ro on ro.i = ${H.i('g.n', P.bookingKind + 8, pools_count('roles'))}
        join bench_cities c on c.i = ${H.i('g.n', P.bookingKind + 9, pools_count('cities'))}`,
    );
  }

  // Content: a category tree of six, articles and portfolios with Markdown bodies.
  const categoryNames = ['News', 'Guides', 'Portfolios', 'Events', 'Interviews', 'Behind the scenes'];
  await run(
    'categories',
    categoryNames.length,
    `
    insert into categories (tenant_id, id, name, slug, position, created_at, updated_at)
    select ${T}, ${H.uuid7(`${tenantCreated} + interval '1 day'`, 'k', P.category)}, v, lower(replace(v, ' ', '-')), k,
           ${tenantCreated} + interval '1 day', ${tenantCreated} + interval '1 day'
      from unnest(array[${categoryNames.map(lit).join(', ')}]) with ordinality as x(v, k)`,
  );
  if (C > 0) {
    const contentStatuses = [
      ...Array(12).fill("'PUBLISHED'"),
      "'DRAFT'",
      "'DRAFT'",
      "'DRAFT'",
      "'DRAFT'",
      "'IN_REVIEW'",
      "'APPROVED'",
      "'ARCHIVED'",
      "'ARCHIVED'",
    ];
    const contentCreated = (n: string) => spread(A, 365, n, C);
    await run(
      'content',
      C,
      `
      insert into contents (tenant_id, id, account_id, user_id, type, title, slug, description, body, meta_title, meta_description, keywords,
                            status, published_at, tags, created_at, updated_at)
      select ${T}, ${H.uuid7('g.created', 'g.n', P.content)}, ${accountId('g.a')}, ${userId(ownerOf('g.a'))},
             (${H.pick('g.n', P.contentKind + 1, ["'ARTICLE'", "'ARTICLE'", "'ARTICLE'", "'PORTFOLIO'", "'PORTFOLIO'", "'PAGE'"])})::content_type,
             ct.v, ct.slug || '-' || g.n, s1.v,
             '## ' || s2.v || E'\\n\\n' || p1.v || E'\\n\\n' || p2.v || E'\\n\\n- ' || s3.v || E'\\n- ' || s1.v || E'\\n\\n' || p3.v,
             left(ct.v, 60), left(s1.v, 160), array[t1.v, t2.v],
             g.status::content_status,
             case when g.status in ('PUBLISHED', 'ARCHIVED') then least(g.created + interval '1 day', ${A} - interval '1 hour') end,
             array[t1.v, t2.v, t3.v], g.created, g.created
        from (select n, created, ${H.skewed('n', P.contentKind + 2, AC)} as a, ${H.pick('n', P.contentKind, contentStatuses)} as status
                from (select n, ${contentCreated('n')} as created from generate_series(0, ${C - 1}) n) g0) g
        join bench_ctitles ct on ct.i = ${H.i('g.n', P.contentKind + 3, 4096)}
        join bench_sentences s1 on s1.i = ${H.i('g.n', P.contentKind + 4, 4096)}
        join bench_sentences s2 on s2.i = ${H.i('g.n', P.contentKind + 5, 4096)}
        join bench_sentences s3 on s3.i = ${H.i('g.n', P.contentKind + 6, 4096)}
        join bench_paragraphs p1 on p1.i = ${H.i('g.n', P.contentKind + 7, 4096)}
        join bench_paragraphs p2 on p2.i = ${H.i('g.n', P.contentKind + 8, 4096)}
        join bench_paragraphs p3 on p3.i = ${H.i('g.n', P.contentKind + 9, 4096)}
        join bench_tags t1 on t1.i = ${H.i('g.n', P.contentKind + 10, 256)}
        join bench_tags t2 on t2.i = ${H.i('g.n', P.contentKind + 11, 256)}
        join bench_tags t3 on t3.i = ${H.i('g.n', P.contentKind + 12, 256)}`,
    );
    await run(
      'content categories',
      C,
      `
      insert into content_categories (tenant_id, id, content_id, category_id, created_at)
      select ${T}, ${H.uuid7('g.created', 'g.n', P.contentKind + 20)}, ${H.uuid7('g.created', 'g.n', P.content)}, ${H.uuid7(`${tenantCreated} + interval '1 day'`, 'g.k', P.category)}, g.created
        from (select n, ${contentCreated('n')} as created, 1 + ${H.i('n', P.contentKind + 13, categoryNames.length)} as k
                from generate_series(0, ${C - 1}) n) g`,
    );
  }
  return tenant!.id;
}

/** Pool sizes that are not the fixed 4096/256 (names, roles, cities). */
function pools_count(name: 'first' | 'last' | 'roles' | 'cities'): string {
  return `(select count(*) from bench_${name})`;
}

/**
 * The audit entries the trigger would have written for every row of the tenant in an
 * audited table: action `create`, the row's values (minus bookkeeping and generated
 * columns, secrets redacted), its creation time, its natural actor; chained per tenant
 * in creation order with mono.audit_entry_hash, and the chain head set to the last one.
 */
async function writeAuditEntries(tx: Orm, tenantId: string, audited: AuditedTable[], H: Hashes): Promise<number> {
  const T = `${lit(tenantId)}::uuid`;
  const parts = audited.map((t, ord) => {
    const values = `(to_jsonb(x) - ${lit(`{${t.ignored.join(',')}}`)}::text[])`;
    const redact = t.redacted.length
      ? ` || coalesce((select jsonb_object_agg(k, '"[redacted]"'::jsonb) from unnest(${lit(`{${t.redacted.join(',')}}`)}::text[]) k
                        where to_jsonb(x) ? k and to_jsonb(x) -> k <> 'null'::jsonb), '{}'::jsonb)`
      : '';
    return `select ${t.at === 'now()' ? 'now()' : `x.${t.at}`} as at, ${ord} as ord, ${lit(t.name)} as resource, x.id::text as resource_id,
                   ${t.actor ? `x.${t.actor}` : 'null::uuid'} as actor, ${values}${redact} as vals
              from ${t.name} x where x.${t.name === 'tenants' ? 'id' : 'tenant_id'} = ${T}`;
  });
  const agents = [
    "'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15'",
    "'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0 Safari/537.36'",
    "'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148'",
    "'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0'",
  ];
  await tx.execute(
    sql.raw(`
    create temp table bench_audit_stage on commit drop as
    select s.*, mono.audit_values_digest(null, s.vals, s.ip, s.ua) as digest
      from (select e.seq, ${H.uuid7('e.at', 'e.seq', P.audit)} as id, e.at, e.resource, e.resource_id, e.actor, e.vals,
                   '10.' || ${H.i('e.seq', P.audit + 2, 256)} || '.' || ${H.i('e.seq', P.audit + 3, 256)} || '.' || (1 + ${H.i('e.seq', P.audit + 4, 254)}) as ip,
                   ${H.pick('e.seq', P.audit + 5, agents)} as ua
              from (select row_number() over (order by at, ord, resource_id) as seq, * from (${parts.join('\n union all ')}) u) e) s`),
  );
  // The chain: sequential by nature (each hash includes the previous one), one loop.
  await tx.execute(
    sql.raw(`
    do $chain$
    declare
      r record;
      h bytea;
      hashes bytea[] := '{}';
      n bigint := 0;
    begin
      for r in select seq, id, at, actor, resource, resource_id, digest from bench_audit_stage order by seq loop
        h := mono.audit_entry_hash(h, ${T}, r.seq, r.id, r.at, r.actor, 'create', r.resource, r.resource_id, ${lit(BENCH_REQUEST_ID)}, r.digest);
        hashes := array_append(hashes, h);
        n := r.seq;
      end loop;
      insert into audit_logs (id, tenant_id, seq, user_id, action, resource, resource_id, old_values, new_values, ip_address, user_agent,
                              request_id, values_digest, prev_hash, hash, created_at)
      select s.id, ${T}, s.seq, s.actor, 'create', s.resource, s.resource_id, null, s.vals, s.ip, s.ua,
             ${lit(BENCH_REQUEST_ID)}, s.digest, lag(c.h) over (order by c.seq), c.h, s.at
        from unnest(hashes) with ordinality as c(h, seq)
        join bench_audit_stage s on s.seq = c.seq
       order by c.seq;
      insert into mono.audit_chain_heads (tenant_id) values (${T}) on conflict do nothing;
      update mono.audit_chain_heads set last_seq = n, last_hash = h where tenant_id = ${T} and chain = 0;
    end $chain$`),
  );
  const [count] = await rows<{ n: number }>(tx, sql.raw('select count(*)::int as n from bench_audit_stage'));
  return count!.n;
}

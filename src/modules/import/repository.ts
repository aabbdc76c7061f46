import { sql } from 'drizzle-orm';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

/**
 * Every query of `mono import`: the external-id map, the per-file checkpoints, and the
 * set-based upserts of each kind. Rows travel as one JSON array per statement
 * (jsonb_to_recordset), so a batch of a thousand rows is a handful of statements.
 */
const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** A savepoint of the batch: set, released, or rolled back to (a refused batch is retried row by row). */
export async function savepointStep(tx: TenantTx, step: 'savepoint' | 'release' | 'rollback'): Promise<void> {
  await tx.execute(
    sql.raw(step === 'savepoint' ? 'savepoint import_rows' : step === 'release' ? 'release savepoint import_rows' : 'rollback to savepoint import_rows'),
  );
}

// ── the external-id map ──

export interface MappedId {
  kind: string;
  externalId: string;
  monoId: string;
}

/** The Mono ids of these (kind, external id) pairs that were imported before. */
export async function findMappedIds(tx: TenantTx, keys: { kind: string; externalId: string }[]): Promise<MappedId[]> {
  if (!keys.length) return [];
  // One unique-index probe per key (a correlated lookup): a join would hash the whole map
  // of the tenant once per batch, which grows with every batch of a big import.
  const found = await rows<{ kind: string; externalId: string; monoId: string | null }>(
    tx,
    sql`select k.kind, k."externalId",
               (select m.mono_id from import_external_ids m where m.tenant_id = ${tx.tenantId} and m.kind = k.kind and m.external_id = k."externalId") as "monoId"
          from jsonb_to_recordset(${json(keys)}) as k(kind text, "externalId" text)`,
  );
  return found.filter((f): f is MappedId => f.monoId !== null);
}

/** Records the Mono ids of imported records (new ones; known ones are already there). */
export async function insertMappedIds(tx: TenantTx, mapped: MappedId[]): Promise<void> {
  if (!mapped.length) return;
  await tx.execute(
    sql`insert into import_external_ids (tenant_id, kind, external_id, mono_id)
        select ${tx.tenantId}, k.kind, k."externalId", k."monoId"
          from jsonb_to_recordset(${json(mapped)}) as k(kind text, "externalId" text, "monoId" uuid)
        on conflict (tenant_id, kind, external_id) do nothing`,
  );
}

/** The batch's record, audited: its entry carries the external ids beside the Mono ids. */
export async function insertBatchRecord(
  tx: TenantTx,
  batch: {
    runId: string;
    kind: string;
    fileName: string;
    firstLine: number;
    lastLine: number;
    records: { externalId: string; monoId: string; new: boolean }[];
  },
): Promise<void> {
  await tx.execute(
    sql`insert into import_batches (tenant_id, run_id, kind, file_name, first_line, last_line, records)
        values (${tx.tenantId}, ${batch.runId}, ${batch.kind}, ${batch.fileName}, ${batch.firstLine}, ${batch.lastLine}, ${json(batch.records)})`,
  );
}

// ── checkpoints ──

export interface Checkpoint {
  id: string;
  linesDone: number;
  rowsImported: number;
  rowsRefused: number;
  batches: number;
  completedAt: Date | null;
}

const checkpointColumns = sql`id, lines_done as "linesDone", rows_imported as "rowsImported", rows_refused as "rowsRefused", batches, completed_at as "completedAt"`;

/** The checkpoint of this file content, created when there is none yet. */
export async function openCheckpoint(tx: TenantTx, file: { kind: string; name: string; sha256: string }, restart: boolean): Promise<Checkpoint> {
  if (restart) {
    await tx.execute(sql`delete from import_checkpoints where tenant_id = ${tx.tenantId} and kind = ${file.kind} and file_sha256 = ${file.sha256}`);
  }
  await tx.execute(
    sql`insert into import_checkpoints (tenant_id, kind, file_name, file_sha256) values (${tx.tenantId}, ${file.kind}, ${file.name}, ${file.sha256})
        on conflict (tenant_id, kind, file_sha256) do nothing`,
  );
  return (await firstRow<Checkpoint>(
    tx,
    sql`select ${checkpointColumns} from import_checkpoints where tenant_id = ${tx.tenantId} and kind = ${file.kind} and file_sha256 = ${file.sha256} for update`,
  ))!;
}

/** Moves the checkpoint past a committed batch (in the batch's transaction). */
export async function advanceCheckpoint(
  tx: TenantTx,
  id: string,
  batch: { linesDone: number; imported: number; refused: number; completed: boolean },
): Promise<void> {
  await tx.execute(
    sql`update import_checkpoints
           set lines_done = ${batch.linesDone}, rows_imported = rows_imported + ${batch.imported}, rows_refused = rows_refused + ${batch.refused},
               batches = batches + 1, completed_at = case when ${batch.completed} then now() end
         where tenant_id = ${tx.tenantId} and id = ${id}`,
  );
}

export async function completeCheckpoint(tx: TenantTx, id: string, linesDone: number): Promise<void> {
  await tx.execute(sql`update import_checkpoints set lines_done = ${linesDone}, completed_at = now() where tenant_id = ${tx.tenantId} and id = ${id}`);
}

// ── look-ups shared by the kinds ──

export async function tenantRoleIds(tx: TenantTx): Promise<Map<string, string>> {
  const found = await rows<{ id: string; name: string }>(tx, sql`select id, name from roles where tenant_id = ${tx.tenantId}`);
  return new Map(found.map((r) => [r.name, r.id]));
}

export async function planCodes(tx: TenantTx): Promise<Set<string>> {
  return new Set((await rows<{ code: string }>(tx, sql`select code from plans`)).map((r) => r.code));
}

export interface AccountAllowance {
  accountId: string;
  /** null: unlimited. */
  limit: number | null;
  inUse: number;
  features: string[];
}

/**
 * Locks the live accounts (FOR NO KEY UPDATE, the one lock of a counted limit, see
 * modules/plans) and answers each one's limit `key`, what counts against it now, not
 * counting the records `excluding` (those the batch is about to write), and its features.
 * Deleted or unknown accounts are absent.
 */
export async function lockAllowances(
  tx: TenantTx,
  accountIds: string[],
  key: 'maxMembers' | 'maxActiveListings',
  excluding: string[],
): Promise<Map<string, AccountAllowance>> {
  if (!accountIds.length) return new Map();
  const locked = await rows<{ id: string }>(
    tx,
    sql`select id from accounts where tenant_id = ${tx.tenantId} and deleted_at is null
           and id in (select jsonb_array_elements_text(${json(accountIds)})::uuid) order by id for no key update`,
  );
  if (!locked.length) return new Map();
  const found = await rows<{ accountId: string; limit: number | null; features: string[] }>(
    tx,
    sql`select a.id as "accountId", case when jsonb_typeof(e.limits -> ${key}) = 'number' then (e.limits ->> ${key})::numeric::int end as "limit", e.features
          from accounts a cross join lateral mono.plan_entitlements(${tx.tenantId}::uuid, a.id) e
         where a.tenant_id = ${tx.tenantId} and a.id in (select jsonb_array_elements_text(${json(locked.map((l) => l.id))})::uuid)`,
  );
  // Counted once for the whole batch, and only where there is a limit: one grouped scan,
  // whatever plan the planner picks while the import grows the tables under its statistics.
  const limited = found.filter((f) => f.limit !== null).map((f) => f.accountId);
  const inUse = new Map<string, number>();
  if (limited.length) {
    const counts = await rows<{ accountId: string; n: number }>(
      tx,
      key === 'maxMembers'
        ? sql`select u.account_id as "accountId", count(*)::int as n from account_users u
               where u.tenant_id = ${tx.tenantId} and u.account_id in (select jsonb_array_elements_text(${json(limited)})::uuid)
                 and u.id not in (select jsonb_array_elements_text(${json(excluding)})::uuid)
               group by u.account_id`
        : sql`select l.account_id as "accountId", count(*)::int as n from listings l
               where l.tenant_id = ${tx.tenantId} and l.account_id in (select jsonb_array_elements_text(${json(limited)})::uuid)
                 and l.status = 'ACTIVE' and l.deleted_at is null and l.id not in (select jsonb_array_elements_text(${json(excluding)})::uuid)
               group by l.account_id`,
    );
    for (const c of counts) inUse.set(c.accountId, c.n);
  }
  return new Map(found.map((f) => [f.accountId, { ...f, inUse: inUse.get(f.accountId) ?? 0 }]));
}

/** Existing memberships among these (account, user) pairs: their ids. */
export async function findMemberships(tx: TenantTx, pairs: { accountId: string; userId: string }[]): Promise<Map<string, string>> {
  if (!pairs.length) return new Map();
  const found = await rows<{ id: string | null; accountId: string; userId: string }>(
    tx,
    sql`select p."accountId", p."userId",
               (select u.id from account_users u where u.tenant_id = ${tx.tenantId} and u.account_id = p."accountId" and u.user_id = p."userId") as id
          from jsonb_to_recordset(${json(pairs)}) as p("accountId" uuid, "userId" uuid)`,
  );
  return new Map(found.filter((f) => f.id !== null).map((f) => [`${f.accountId}/${f.userId}`, f.id!]));
}

// ── the kinds' upserts ──

export interface UserValues {
  id: string;
  email: string;
  username: string | null;
  hashedPassword: string | null;
  emailVerified: boolean;
  displayName: string;
  bio: string | null;
  avatar: string | null;
  coverImage: string | null;
  phone: string | null;
  website: string | null;
  location: string | null;
  title: string | null;
  company: string | null;
  experience: unknown;
  skills: string[];
  socialLinks: unknown;
  roleIds: string[];
}

/**
 * Users with their profiles and roles. A re-run updates the user and the profile but
 * never replaces a password the user already has (it may have been re-hashed or changed
 * since the first import); roles are only added.
 */
export async function upsertUsers(tx: TenantTx, values: UserValues[]): Promise<void> {
  await tx.execute(
    sql`insert into users (tenant_id, id, email, username, hashed_password, email_verified, email_verified_at)
        select ${tx.tenantId}, r.id, r.email, r.username, r."hashedPassword", r."emailVerified", case when r."emailVerified" then now() end
          from jsonb_to_recordset(${json(values)}) as r(id uuid, email text, username text, "hashedPassword" text, "emailVerified" boolean)
        on conflict (tenant_id, id) do update
           set email = excluded.email, username = excluded.username,
               hashed_password = coalesce(users.hashed_password, excluded.hashed_password),
               email_verified = users.email_verified or excluded.email_verified,
               email_verified_at = coalesce(users.email_verified_at, excluded.email_verified_at)`,
  );
  await tx.execute(
    sql`insert into user_profiles (tenant_id, user_id, display_name, bio, avatar, cover_image, phone, website, location, title, company, experience, skills, social_links)
        select ${tx.tenantId}, r.id, r."displayName", r.bio, r.avatar, r."coverImage", r.phone, r.website, r.location, r.title, r.company,
               r.experience, coalesce(r.skills, '{}'), r."socialLinks"
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "displayName" text, bio text, avatar text, "coverImage" text, phone text, website text,
                                                     location text, title text, company text, experience jsonb, skills text[], "socialLinks" jsonb)
        on conflict (tenant_id, user_id) do update
           set display_name = excluded.display_name, bio = excluded.bio, avatar = excluded.avatar, cover_image = excluded.cover_image,
               phone = excluded.phone, website = excluded.website, location = excluded.location, title = excluded.title,
               company = excluded.company, experience = excluded.experience, skills = excluded.skills, social_links = excluded.social_links`,
  );
  await tx.execute(
    sql`insert into user_roles (tenant_id, user_id, role_id)
        select ${tx.tenantId}, r.id, x.role_id::uuid
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "roleIds" jsonb)
          cross join lateral jsonb_array_elements_text(r."roleIds") as x(role_id)
        on conflict do nothing`,
  );
}

export interface AccountValues {
  id: string;
  identifier: string;
  name: string;
  type: string;
  plan: string;
  limits: Record<string, number>;
  features: string[];
  businessInfo: unknown;
  ownerId: string | null;
}

/** Accounts with their subscription (the plan) and, when named, their owner as admin. */
export async function upsertAccounts(tx: TenantTx, values: AccountValues[]): Promise<void> {
  await tx.execute(
    sql`insert into accounts (tenant_id, id, identifier, name, type, limits, features, business_info)
        select ${tx.tenantId}, r.id, r.identifier, r.name, r.type::account_type, r.limits, r.features, r."businessInfo"
          from jsonb_to_recordset(${json(values)}) as r(id uuid, identifier text, name text, type text, limits jsonb, features text[], "businessInfo" jsonb)
        on conflict (tenant_id, id) do update
           set identifier = excluded.identifier, name = excluded.name, type = excluded.type, limits = excluded.limits,
               features = excluded.features, business_info = excluded.business_info`,
  );
  await tx.execute(
    sql`insert into account_subscriptions (tenant_id, account_id, plan, status)
        select ${tx.tenantId}, r.id, r.plan, (case when r.plan = 'free' then 'ACTIVE' else 'TRIALING' end)::subscription_status
          from jsonb_to_recordset(${json(values)}) as r(id uuid, plan text)
        on conflict (tenant_id, account_id) do update set plan = excluded.plan where account_subscriptions.plan is distinct from excluded.plan`,
  );
  await tx.execute(
    sql`insert into account_users (tenant_id, account_id, user_id, role)
        select ${tx.tenantId}, r.id, r."ownerId", 'admin'
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "ownerId" uuid)
         where r."ownerId" is not null
        on conflict (tenant_id, account_id, user_id) do update set role = 'admin' where account_users.role <> 'admin'`,
  );
}

export interface MembershipValues {
  id: string;
  accountId: string;
  userId: string;
  role: string;
}

export async function upsertMemberships(tx: TenantTx, values: MembershipValues[]): Promise<void> {
  await tx.execute(
    sql`insert into account_users (tenant_id, id, account_id, user_id, role)
        select ${tx.tenantId}, r.id, r."accountId", r."userId", r.role
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "accountId" uuid, "userId" uuid, role text)
        on conflict (tenant_id, account_id, user_id) do update set role = excluded.role where account_users.role <> excluded.role`,
  );
}

export interface CategoryValues {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  description: string | null;
  position: number;
}

export async function upsertCategories(tx: TenantTx, values: CategoryValues[]): Promise<void> {
  await tx.execute(
    sql`insert into categories (tenant_id, id, parent_id, name, slug, description, position)
        select ${tx.tenantId}, r.id, r."parentId", r.name, r.slug, r.description, r.position
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "parentId" uuid, name text, slug text, description text, position int)
        on conflict (tenant_id, id) do update
           set parent_id = excluded.parent_id, name = excluded.name, slug = excluded.slug, description = excluded.description, position = excluded.position`,
  );
}

export interface ListingValues {
  id: string;
  accountId: string;
  userId: string;
  type: string;
  title: string;
  description: string;
  price: string | null;
  priceType: string;
  currency: string;
  location: unknown;
  remote: boolean;
  startDate: string | null;
  endDate: string | null;
  duration: string | null;
  requirements: unknown;
  status: string;
  featured: boolean;
  expiresAt: string | null;
}

/** Listings; featuring keeps an existing featured_at (the "featured" sort's order), as the API does. */
export async function upsertListings(tx: TenantTx, values: ListingValues[]): Promise<void> {
  await tx.execute(
    sql`insert into listings (tenant_id, id, account_id, user_id, type, title, description, price, price_type, currency, location, remote,
                              start_date, end_date, duration, requirements, status, featured_at, expires_at)
        select ${tx.tenantId}, r.id, r."accountId", r."userId", r.type::listing_type, r.title, r.description, r.price, r."priceType"::price_type,
               r.currency, r.location, r.remote, r."startDate", r."endDate", r.duration, r.requirements, r.status::listing_status,
               case when r.featured then now() end, r."expiresAt"
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "accountId" uuid, "userId" uuid, type text, title text, description text,
               price numeric, "priceType" text, currency text, location jsonb, remote boolean, "startDate" timestamptz, "endDate" timestamptz,
               duration text, requirements jsonb, status text, featured boolean, "expiresAt" timestamptz)
        on conflict (tenant_id, id) do update
           set account_id = excluded.account_id, user_id = excluded.user_id, type = excluded.type, title = excluded.title,
               description = excluded.description, price = excluded.price, price_type = excluded.price_type, currency = excluded.currency,
               location = excluded.location, remote = excluded.remote, start_date = excluded.start_date, end_date = excluded.end_date,
               duration = excluded.duration, requirements = excluded.requirements, status = excluded.status,
               featured_at = case when excluded.featured_at is null then null else coalesce(listings.featured_at, excluded.featured_at) end,
               expires_at = excluded.expires_at`,
  );
}

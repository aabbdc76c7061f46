import { sql } from 'drizzle-orm';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

/**
 * Every query of `mono import`: the external-id map, the per-file checkpoints, and the
 * set-based upserts of each kind. Rows travel as one JSON array per statement
 * (jsonb_to_recordset), so a batch of a thousand rows is a handful of statements.
 */
const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
/**
 * Ids as one uuid[] parameter (`id = any(…)`): an index probe per id. A set from jsonb in
 * `in (select …)` is estimated at 100 rows and, with the import outgrowing the statistics,
 * was re-read for every row of a nested loop (4.9 s to lock 1,000 accounts).
 */
const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

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
           and id = any(${uuids(accountIds)}) order by id for no key update`,
  );
  if (!locked.length) return new Map();
  const found = await rows<{ accountId: string; limit: number | null; features: string[] }>(
    tx,
    sql`select a.id as "accountId", case when jsonb_typeof(e.limits -> ${key}) = 'number' then (e.limits ->> ${key})::numeric::int end as "limit", e.features
          from accounts a cross join lateral mono.plan_entitlements(${tx.tenantId}::uuid, a.id) e
         where a.tenant_id = ${tx.tenantId} and a.id = any(${uuids(locked.map((l) => l.id))})`,
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
               where u.tenant_id = ${tx.tenantId} and u.account_id = any(${uuids(limited)})
                 and u.id <> all(${uuids(excluding)})
               group by u.account_id`
        : sql`select l.account_id as "accountId", count(*)::int as n from listings l
               where l.tenant_id = ${tx.tenantId} and l.account_id = any(${uuids(limited)})
                 and l.status = 'ACTIVE' and l.deleted_at is null and l.id <> all(${uuids(excluding)})
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

/**
 * Makes the link rows (`owner` → `target`, unique per tenant, owner and target) of each
 * owner exactly its `targets`: those no longer named are deleted, new ones inserted.
 */
async function replaceLinks(
  tx: TenantTx,
  link: { table: 'role_permissions' | 'content_categories'; owner: string; target: string },
  values: { id: string; targets: string[] }[],
): Promise<void> {
  const [table, owner, target] = [sql.raw(link.table), sql.raw(link.owner), sql.raw(link.target)];
  await tx.execute(
    sql`delete from ${table} l
         using jsonb_to_recordset(${json(values)}) as r(id uuid, targets jsonb)
         where l.tenant_id = ${tx.tenantId} and l.${owner} = r.id and not r.targets ? l.${target}::text`,
  );
  await tx.execute(
    sql`insert into ${table} (tenant_id, ${owner}, ${target})
        select ${tx.tenantId}, r.id, x.target::uuid
          from jsonb_to_recordset(${json(values)}) as r(id uuid, targets jsonb)
          cross join lateral jsonb_array_elements_text(r.targets) as x(target)
        on conflict (tenant_id, ${owner}, ${target}) do nothing`,
  );
}

// ── roles and grants ──

/** Catalog ids of these permission names (the catalog is global); names not in it are absent. */
export async function catalogPermissionIds(tx: TenantTx, names: string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const found = await rows<{ id: string; name: string }>(
    tx,
    sql`select id, name from permissions where name in (select jsonb_array_elements_text(${json(names)}))`,
  );
  return new Map(found.map((f) => [f.name, f.id]));
}

export interface TenantRole {
  id: string;
  level: string;
  type: string;
}

/** The tenant's roles by name. */
export async function tenantRoles(tx: TenantTx): Promise<Map<string, TenantRole>> {
  const found = await rows<TenantRole & { name: string }>(tx, sql`select id, name, level::text, type::text from roles where tenant_id = ${tx.tenantId}`);
  return new Map(found.map(({ name, ...role }) => [name, role]));
}

export interface RoleValues {
  id: string;
  name: string;
  description: string | null;
  level: string;
  permissionIds: string[];
}

/**
 * Custom roles with exactly these permissions: a re-run renames, re-describes and sets the
 * permissions of the roles it imported before (a system role is never matched: its id is
 * not in the map, and its name is taken).
 */
export async function upsertRoles(tx: TenantTx, values: RoleValues[]): Promise<void> {
  await tx.execute(
    sql`insert into roles (tenant_id, id, name, description, type, level)
        select ${tx.tenantId}, r.id, r.name, r.description, 'CUSTOM', r.level::role_level
          from jsonb_to_recordset(${json(values)}) as r(id uuid, name text, description text, level text)
        on conflict (tenant_id, id) do update
           set name = excluded.name, description = excluded.description, level = excluded.level
         where roles.type = 'CUSTOM' and (roles.name, roles.description, roles.level) is distinct from (excluded.name, excluded.description, excluded.level)`,
  );
  await replaceLinks(
    tx,
    { table: 'role_permissions', owner: 'role_id', target: 'permission_id' },
    values.map((v) => ({ id: v.id, targets: v.permissionIds })),
  );
}

export interface GrantValues {
  /** The row's id: of user_roles (with roleId) or user_permissions (with permissionId). */
  id: string;
  userId: string;
  roleId: string | null;
  permissionId: string | null;
  granted: boolean;
  accountId: string | null;
  expiresAt: string | null;
}

/** The ids of the grants that exist already, by `user/role or permission/account`. */
export async function findGrants(tx: TenantTx, keys: Omit<GrantValues, 'id' | 'granted' | 'expiresAt'>[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const found = await rows<{ key: string; id: string | null }>(
    tx,
    sql`select k."userId" || '/' || coalesce(k."roleId", k."permissionId")::text || '/' || coalesce(k."accountId"::text, '') as key,
               case when k."roleId" is not null
                    then (select ur.id from user_roles ur where ur.tenant_id = ${tx.tenantId} and ur.user_id = k."userId" and ur.role_id = k."roleId"
                             and ur.account_id is not distinct from k."accountId")
                    else (select up.id from user_permissions up where up.tenant_id = ${tx.tenantId} and up.user_id = k."userId"
                             and up.permission_id = k."permissionId" and up.account_id is not distinct from k."accountId") end as id
          from jsonb_to_recordset(${json(keys)}) as k("userId" uuid, "roleId" uuid, "permissionId" uuid, "accountId" uuid)`,
  );
  return new Map(found.filter((f) => f.id !== null).map((f) => [f.key, f.id!]));
}

/** Role assignments and direct grants (or denies); a re-run changes the expiry and, of a grant, granted/denied. */
export async function upsertGrants(tx: TenantTx, values: GrantValues[]): Promise<void> {
  const roles = values.filter((v) => v.roleId);
  const permissions = values.filter((v) => v.permissionId);
  if (roles.length) {
    await tx.execute(
      sql`insert into user_roles (tenant_id, id, user_id, role_id, account_id, expires_at)
          select ${tx.tenantId}, r.id, r."userId", r."roleId", r."accountId", r."expiresAt"
            from jsonb_to_recordset(${json(roles)}) as r(id uuid, "userId" uuid, "roleId" uuid, "accountId" uuid, "expiresAt" timestamptz)
          on conflict on constraint user_roles_key do update set expires_at = excluded.expires_at
           where user_roles.expires_at is distinct from excluded.expires_at`,
    );
  }
  if (permissions.length) {
    await tx.execute(
      sql`insert into user_permissions (tenant_id, id, user_id, permission_id, granted, account_id, expires_at)
          select ${tx.tenantId}, r.id, r."userId", r."permissionId", r.granted, r."accountId", r."expiresAt"
            from jsonb_to_recordset(${json(permissions)}) as r(id uuid, "userId" uuid, "permissionId" uuid, granted boolean, "accountId" uuid, "expiresAt" timestamptz)
          on conflict on constraint user_permissions_key do update set granted = excluded.granted, expires_at = excluded.expires_at
           where (user_permissions.granted, user_permissions.expires_at) is distinct from (excluded.granted, excluded.expires_at)`,
    );
  }
}

// ── applications ──

/** The (listing, user) pairs where the user belongs to the listing's account: nobody applies to their own. */
export async function ownListingPairs(tx: TenantTx, pairs: { listingId: string; userId: string }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const found = await rows<{ key: string }>(
    tx,
    sql`select p."listingId" || '/' || p."userId" as key
          from jsonb_to_recordset(${json(pairs)}) as p("listingId" uuid, "userId" uuid)
          join listings l on l.tenant_id = ${tx.tenantId} and l.id = p."listingId"
          join account_users u on u.tenant_id = l.tenant_id and u.account_id = l.account_id and u.user_id = p."userId"`,
  );
  return new Set(found.map((f) => f.key));
}

export interface ApplicationValues {
  id: string;
  listingId: string;
  applicantId: string;
  coverLetter: string | null;
  answers: unknown;
  status: string;
}

/** Applications; one that moved past PENDING counts as reviewed (reviewed_at, kept on a re-run). */
export async function upsertApplications(tx: TenantTx, values: ApplicationValues[]): Promise<void> {
  await tx.execute(
    sql`insert into applications (tenant_id, id, listing_id, applicant_id, cover_letter, answers, status, reviewed_at)
        select ${tx.tenantId}, r.id, r."listingId", r."applicantId", r."coverLetter", r.answers, r.status::application_status,
               case when r.status not in ('PENDING', 'WITHDRAWN') then now() end
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "listingId" uuid, "applicantId" uuid, "coverLetter" text, answers jsonb, status text)
        on conflict (tenant_id, id) do update
           set listing_id = excluded.listing_id, applicant_id = excluded.applicant_id, cover_letter = excluded.cover_letter,
               answers = excluded.answers, status = excluded.status, reviewed_at = coalesce(applications.reviewed_at, excluded.reviewed_at)
         where (applications.listing_id, applications.applicant_id, applications.cover_letter, applications.answers, applications.status)
               is distinct from (excluded.listing_id, excluded.applicant_id, excluded.cover_letter, excluded.answers, excluded.status)`,
  );
}

// ── availability and bookings ──

export interface AvailabilityValues {
  id: string;
  userId: string;
  dayOfWeek: number | null;
  date: string | null;
  start: string;
  end: string;
  timezone: string;
  available: boolean;
}

export async function upsertAvailabilities(tx: TenantTx, values: AvailabilityValues[]): Promise<void> {
  await tx.execute(
    sql`insert into availabilities (tenant_id, id, user_id, day_of_week, date, start_time, end_time, timezone, available, recurring)
        select ${tx.tenantId}, r.id, r."userId", r."dayOfWeek", r.date, r.start, r."end", r.timezone, r.available, r."dayOfWeek" is not null
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "userId" uuid, "dayOfWeek" smallint, date date, start text, "end" text, timezone text, available boolean)
        on conflict (tenant_id, id) do update
           set user_id = excluded.user_id, day_of_week = excluded.day_of_week, date = excluded.date, start_time = excluded.start_time,
               end_time = excluded.end_time, timezone = excluded.timezone, available = excluded.available, recurring = excluded.recurring
         where (availabilities.user_id, availabilities.day_of_week, availabilities.date, availabilities.start_time, availabilities.end_time,
                availabilities.timezone, availabilities.available)
               is distinct from (excluded.user_id, excluded.day_of_week, excluded.date, excluded.start_time, excluded.end_time, excluded.timezone, excluded.available)`,
  );
}

export interface BookingValues {
  id: string;
  resourceId: string;
  clientId: string;
  listingId: string | null;
  title: string;
  description: string | null;
  type: string;
  start: string;
  end: string;
  timezone: string;
  location: string | null;
  meetingUrl: string | null;
  price: string | null;
  currency: string | null;
  paid: boolean;
  status: string;
}

/**
 * Bookings. The exclusion constraint bookings_no_overlap is the judge of double bookings:
 * a batch with an overlap fails and is retried row by row, the overlapping row refused.
 */
export async function upsertBookings(tx: TenantTx, values: BookingValues[]): Promise<void> {
  await tx.execute(
    sql`insert into bookings (tenant_id, id, resource_id, client_id, listing_id, title, description, type, start_time, end_time, timezone,
                              location, meeting_url, price, currency, paid, status, confirmed_at, cancelled_at)
        select ${tx.tenantId}, r.id, r."resourceId", r."clientId", r."listingId", r.title, r.description, r.type::booking_type, r.start, r."end",
               r.timezone, r.location, r."meetingUrl", r.price, r.currency, r.paid, r.status::booking_status,
               case when r.status in ('CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW') then now() end,
               case when r.status = 'CANCELLED' then now() end
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "resourceId" uuid, "clientId" uuid, "listingId" uuid, title text, description text,
               type text, start timestamptz, "end" timestamptz, timezone text, location text, "meetingUrl" text, price numeric, currency text,
               paid boolean, status text)
        on conflict (tenant_id, id) do update
           set resource_id = excluded.resource_id, client_id = excluded.client_id, listing_id = excluded.listing_id, title = excluded.title,
               description = excluded.description, type = excluded.type, start_time = excluded.start_time, end_time = excluded.end_time,
               timezone = excluded.timezone, location = excluded.location, meeting_url = excluded.meeting_url, price = excluded.price,
               currency = excluded.currency, paid = excluded.paid, status = excluded.status,
               confirmed_at = coalesce(bookings.confirmed_at, excluded.confirmed_at), cancelled_at = coalesce(bookings.cancelled_at, excluded.cancelled_at)
         where (bookings.resource_id, bookings.client_id, bookings.listing_id, bookings.title, bookings.description, bookings.type, bookings.start_time,
                bookings.end_time, bookings.timezone, bookings.location, bookings.meeting_url, bookings.price, bookings.currency, bookings.paid, bookings.status)
               is distinct from (excluded.resource_id, excluded.client_id, excluded.listing_id, excluded.title, excluded.description, excluded.type,
                excluded.start_time, excluded.end_time, excluded.timezone, excluded.location, excluded.meeting_url, excluded.price, excluded.currency,
                excluded.paid, excluded.status)`,
  );
}

// ── content ──

export interface ContentValues {
  id: string;
  accountId: string;
  userId: string;
  type: string;
  title: string;
  slug: string;
  description: string | null;
  body: string | null;
  metaTitle: string | null;
  metaDescription: string | null;
  keywords: string[];
  tags: string[];
  status: string;
  publishedAt: string | Date | null;
  expiresAt: string | Date | null;
  categoryIds: string[];
}

/** Articles, pages, …: with their status and publication time, linked to exactly these categories. */
export async function upsertContents(tx: TenantTx, values: ContentValues[]): Promise<void> {
  await tx.execute(
    sql`insert into contents (tenant_id, id, account_id, user_id, type, title, slug, description, body, meta_title, meta_description,
                              keywords, tags, status, published_at, expires_at)
        select ${tx.tenantId}, r.id, r."accountId", r."userId", r.type::content_type, r.title, r.slug, r.description, r.body, r."metaTitle",
               r."metaDescription", coalesce(r.keywords, '{}'), coalesce(r.tags, '{}'), r.status::content_status, r."publishedAt", r."expiresAt"
          from jsonb_to_recordset(${json(values)}) as r(id uuid, "accountId" uuid, "userId" uuid, type text, title text, slug text, description text,
               body text, "metaTitle" text, "metaDescription" text, keywords text[], tags text[], status text, "publishedAt" timestamptz, "expiresAt" timestamptz)
        on conflict (tenant_id, id) do update
           set account_id = excluded.account_id, user_id = excluded.user_id, type = excluded.type, title = excluded.title, slug = excluded.slug,
               description = excluded.description, body = excluded.body, meta_title = excluded.meta_title, meta_description = excluded.meta_description,
               keywords = excluded.keywords, tags = excluded.tags, status = excluded.status, published_at = excluded.published_at,
               expires_at = excluded.expires_at
         where (contents.account_id, contents.user_id, contents.type, contents.title, contents.slug, contents.description, contents.body,
                contents.meta_title, contents.meta_description, contents.keywords, contents.tags, contents.status, contents.published_at, contents.expires_at)
               is distinct from (excluded.account_id, excluded.user_id, excluded.type, excluded.title, excluded.slug, excluded.description, excluded.body,
                excluded.meta_title, excluded.meta_description, excluded.keywords, excluded.tags, excluded.status, excluded.published_at, excluded.expires_at)`,
  );
  await replaceLinks(
    tx,
    { table: 'content_categories', owner: 'content_id', target: 'category_id' },
    values.map((v) => ({ id: v.id, targets: v.categoryIds })),
  );
}

// ── media ──

/** Which of these Mono ids the map has for `kind` already. */
export async function mappedMonoIds(tx: TenantTx, kind: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await rows<{ monoId: string }>(
    tx,
    sql`select mono_id as "monoId" from import_external_ids where tenant_id = ${tx.tenantId} and mono_id = any(${uuids(ids)}) and kind = ${kind}`,
  );
  return new Set(found.map((f) => f.monoId));
}

export interface MediaDetailsValues {
  id: string;
  title: string | null;
  alt: string | null;
  caption: string | null;
  folder: string | null;
  tags: string[];
}

/** The details of files imported before (the bytes stay as they are). */
export async function updateMediaDetails(tx: TenantTx, values: MediaDetailsValues[]): Promise<void> {
  if (!values.length) return;
  await tx.execute(
    sql`update media_files m
           set title = r.title, alt = r.alt, caption = r.caption, folder = r.folder, tags = coalesce(r.tags, '{}')
          from jsonb_to_recordset(${json(values)}) as r(id uuid, title text, alt text, caption text, folder text, tags text[])
         where m.tenant_id = ${tx.tenantId} and m.id = r.id
           and (m.title, m.alt, m.caption, m.folder, m.tags) is distinct from (r.title, r.alt, r.caption, r.folder, coalesce(r.tags, '{}'))`,
  );
}

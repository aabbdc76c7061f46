import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, resolve, sep } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { TenantTx } from '../../db/tenant-context';
import { dateTimeInput } from '../../http/kit/schemas';
import { assertScopable, assertTierAllowed } from '../access';
import { createAccountBody, memberRole } from '../accounts';
import { bookingSchemas } from '../booking';
import { CONTENT_STATUSES, createCategoryInput, createContentInput, slugify } from '../content';
import { displayName, email, type IdentityDeps, legacyHashProblem, profileBody, sendLinkMail, username } from '../identity';
import { applicationCreateSchema, applicationStatuses, listingCreateSchema, listingStatuses } from '../marketplace';
import { importMediaFile, type MediaImportDeps, mediaDetails } from '../media';
import { FEATURED_LISTINGS } from '../plans';
import { assignRoleBody, createRoleBody, grantPermissionBody, permissionPattern } from '../rbac';
import {
  catalogPermissionIds,
  findGrants,
  findMemberships,
  lockAllowances,
  mappedMonoIds,
  ownListingPairs,
  type TenantRole,
  updateMediaDetails,
  upsertAccounts,
  upsertApplications,
  upsertAvailabilities,
  upsertBookings,
  upsertCategories,
  upsertContents,
  upsertGrants,
  upsertListings,
  upsertMemberships,
  upsertRoles,
  upsertUsers,
} from './repository';

/**
 * The kinds `mono import` reads, one file each, in this order (a file may refer to the
 * records of the files before it — and categories to each other — by external id).
 * Every row is checked with the API's own zod schemas (the same field rules, the same
 * messages), extended by the external id and the references; docs/import/schemas/ holds
 * the JSON Schema of each (generated from these, test/import/schemas.test.ts).
 */
export const KIND_NAMES = [
  'roles',
  'users',
  'accounts',
  'memberships',
  'grants',
  'media',
  'categories',
  'listings',
  'applications',
  'availability',
  'bookings',
  'content',
] as const;
export type KindName = (typeof KIND_NAMES)[number];

const externalId = z.string().trim().min(1).max(200).describe('The record’s id in the system it comes from (unique per kind)');
const ref = (kind: KindName) => z.string().trim().min(1).max(200).describe(`The external id of a record of ${kind} (this run or an earlier one)`);

const passwordHash = z
  .string()
  .max(1000)
  .superRefine((value, ctx) => {
    const problem = legacyHashProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(
    'The password hash of the old system as it is (bcrypt, scrypt, PBKDF2 or argon2; docs/import.md); without one the user gets an e-mail to choose a password',
  );

const { createBookingInput, setWeeklyInput, setOverrideInput } = bookingSchemas;
const hhmm = setWeeklyInput.shape.windows.element.shape.start;
const endAfterStart = (row: { start: string; end: string }) => new Date(row.end).getTime() > new Date(row.start).getTime();

export const rowSchemas = {
  roles: createRoleBody.extend({ externalId }),
  users: z.strictObject({
    externalId,
    email,
    username: username.optional(),
    displayName,
    emailVerified: z.boolean().optional(),
    passwordHash: passwordHash.optional(),
    roles: z.array(z.string().min(1).max(100)).max(20).optional().describe('Names of tenant roles besides "user"'),
    ...profileBody.omit({ displayName: true, language: true }).shape,
  }),
  accounts: createAccountBody.omit({ ownerId: true }).extend({
    externalId,
    owner: ref('users').optional().describe('The user (external id) who becomes the account’s admin'),
  }),
  memberships: z.strictObject({ account: ref('accounts'), user: ref('users'), role: memberRole }),
  media: mediaDetails.extend({
    externalId,
    file: z.string().trim().min(1).max(1000).describe('The file, as a path relative to the import folder (e.g. media/1001.jpg)'),
    user: ref('users').describe('Who uploaded it (external id)'),
    account: ref('accounts').optional().describe('The account whose library it is in; without one, the uploader’s personal files'),
  }),
  grants: z
    .strictObject({
      user: ref('users').describe('The user (external id) who gets the role or permission'),
      role: assignRoleBody.shape.role.describe('A role of the tenant by name (a system role, or one of roles.ndjson)'),
      permission: permissionPattern.optional().describe('A permission of the catalog, instead of a role'),
      granted: grantPermissionBody.shape.granted,
      account: ref('accounts').optional().describe('Scope the grant to one account (ACCOUNT-level roles, account.* permissions)'),
      expiresAt: assignRoleBody.shape.expiresAt,
    })
    .refine((row) => Boolean(row.role) !== Boolean(row.permission), { path: ['role'], message: 'give either role or permission' }),
  categories: createCategoryInput.omit({ parentId: true }).extend({ externalId, parent: ref('categories').optional() }),
  listings: listingCreateSchema.extend({
    externalId,
    account: ref('accounts'),
    user: ref('users').describe('The user (external id) who created the listing'),
    status: z.enum(listingStatuses).default('DRAFT'),
  }),
  applications: applicationCreateSchema.omit({ attachments: true }).extend({
    externalId,
    listing: ref('listings'),
    user: ref('users').describe('The applicant (external id)'),
    status: z.enum(applicationStatuses).default('PENDING'),
  }),
  availability: z
    .strictObject({
      externalId,
      user: ref('users').describe('Whose availability (external id)'),
      dayOfWeek: setWeeklyInput.shape.windows.element.shape.dayOfWeek.optional().describe('A weekly window: 0 = Sunday … 6 = Saturday'),
      date: setOverrideInput.shape.date.optional().describe('Instead of dayOfWeek: a window of this date only (it replaces the weekday’s)'),
      start: hhmm,
      end: hhmm,
      timezone: setWeeklyInput.shape.timezone,
      available: setOverrideInput.shape.available.describe('A date only: false blocks the whole day (start = end = 00:00)'),
    })
    .refine((row) => (row.dayOfWeek === undefined) !== (row.date === undefined), { path: ['dayOfWeek'], message: 'give either dayOfWeek or date' })
    .refine((row) => row.date !== undefined || row.available, { path: ['available'], message: 'only a date can be blocked (available: false)' })
    .refine((row) => row.start < row.end || (row.date !== undefined && row.start === row.end), { path: ['end'], message: 'must be after start' }),
  bookings: z
    .strictObject({
      externalId,
      resource: ref('users').describe('The person booked (external id)'),
      client: ref('users').describe('Who the booking is for (external id)'),
      listing: ref('listings').optional().describe('The listing booked through'),
      title: createBookingInput.shape.title,
      description: createBookingInput.shape.description,
      type: createBookingInput.shape.type,
      start: createBookingInput.shape.start,
      end: createBookingInput.shape.end,
      timezone: setWeeklyInput.shape.timezone.default('UTC'),
      location: createBookingInput.shape.location,
      meetingUrl: createBookingInput.shape.meetingUrl,
      price: createBookingInput.shape.price,
      currency: createBookingInput.shape.currency,
      paid: z.boolean().default(false),
      status: bookingSchemas.bookingStatus.default('PENDING'),
    })
    .refine(endAfterStart, { path: ['end'], message: 'must be after start' })
    .refine((row) => row.price === undefined || row.currency !== undefined, { path: ['currency'], message: 'is required with a price' }),
  content: createContentInput
    .omit({ accountId: true, featuredImageId: true, categoryIds: true, mediaIds: true })
    .extend({
      externalId,
      account: ref('accounts'),
      user: ref('users').describe('The author (external id)'),
      categories: z.array(ref('categories')).max(20).optional().describe('External ids of categories (categories.ndjson)'),
      status: z.enum(CONTENT_STATUSES).default('DRAFT'),
      publishedAt: dateTimeInput.optional().describe('When it was (or will be) published; required for PUBLISHED and ARCHIVED'),
    })
    .refine((row) => row.publishedAt !== undefined || (row.status !== 'PUBLISHED' && row.status !== 'ARCHIVED'), {
      path: ['publishedAt'],
      message: 'is required for PUBLISHED and ARCHIVED content',
    })
    .refine((row) => !row.expiresAt || !row.publishedAt || new Date(row.expiresAt) > new Date(row.publishedAt), {
      path: ['expiresAt'],
      message: 'must be after publishedAt',
    }),
} satisfies Record<KindName, z.ZodObject>;

export type RowOf<K extends KindName> = z.output<(typeof rowSchemas)[K]>;

/** A row that passed its schema, with its Mono id and its references resolved. */
export interface PreparedRow<T> {
  line: number;
  externalId: string;
  data: T;
  /** The Mono id: from the map (imported before) or new. */
  id: string;
  isNew: boolean;
  /** Reference field → Mono id. */
  refs: Record<string, string>;
  /** List-of-references field → Mono ids. */
  refLists: Record<string, string[]>;
}

export interface Refusal {
  line: number;
  field: string;
  code: string;
  message: string;
}

export interface KindContext {
  tx: TenantTx;
  identity: IdentityDeps;
  /** The tenant's roles by name. */
  roles: Map<string, TenantRole>;
  plans: Set<string>;
  /** The import folder (media files are read from it). */
  dir: string;
  /** Storage and upload limits, for media. */
  media?: MediaImportDeps;
}

export interface ImportKind<T> {
  name: KindName;
  schema: z.ZodType<T>;
  /** The key of a row in the external-id map. */
  externalId(row: T): string;
  /** Fields that name records of other kinds by external id. */
  refs: Partial<Record<string, KindName>>;
  /** Fields that name a list of records of another kind by external id. */
  refLists?: Partial<Record<string, KindName>>;
  /**
   * A database refusal in the words of an import (by catalogue code): the field of the row
   * it concerns, and a sentence about the row rather than about "you".
   */
  explain?: Partial<Record<string, { field?: string; message?: string }>>;
  /**
   * Writes the rows, set-based; answers the rows it refused by a rule that needs the
   * database (limits, features). A database refusal throws: the batch is then retried
   * row by row to name the rows at fault.
   */
  write(k: KindContext, rows: PreparedRow<T>[]): Promise<Refusal[]>;
}

const refusal = (row: { line: number }, field: string, error: AppError): Refusal => ({ line: row.line, field, code: error.code, message: error.message });

/** Rows whose permissions are all in the catalog and allowed in a tenant (answers the refused ones into `refused`). */
function knownPermissions<T>(
  rows: PreparedRow<T>[],
  field: string,
  namesOf: (row: PreparedRow<T>) => string[],
  catalog: Map<string, string>,
  refused: Refusal[],
): PreparedRow<T>[] {
  return rows.filter((row) => {
    const names = namesOf(row);
    const unknown = names.filter((n) => !catalog.has(n));
    if (unknown.length) {
      refused.push(refusal(row, field, new AppError('UNKNOWN_PERMISSION', `Not in the permission catalog: ${unknown.join(', ')}`)));
      return false;
    }
    try {
      // platform permissions are held only by the platform tenant, which is not imported into
      assertTierAllowed(names, false);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push(refusal(row, field, error));
      return false;
    }
    return true;
  });
}

const roles: ImportKind<RowOf<'roles'>> = {
  name: 'roles',
  schema: rowSchemas.roles,
  externalId: (r) => r.externalId,
  refs: {},
  explain: { ROLE_NAME_TAKEN: { field: 'name', message: 'The tenant has another role of this name already' } },
  async write(k, rows) {
    const catalog = await catalogPermissionIds(k.tx, [...new Set(rows.flatMap((r) => r.data.permissions))]);
    const refused: Refusal[] = [];
    const good = knownPermissions(rows, 'permissions', (r) => r.data.permissions, catalog, refused);
    await upsertRoles(
      k.tx,
      good.map(({ id, data: d }) => ({
        id,
        name: d.name,
        description: d.description ?? null,
        level: d.level,
        permissionIds: [...new Set(d.permissions.map((name) => catalog.get(name)!))],
      })),
    );
    return refused;
  },
};

const grantKey = (userId: string, roleOrPermissionId: string, accountId: string | undefined) => `${userId}/${roleOrPermissionId}/${accountId ?? ''}`;

const grants: ImportKind<RowOf<'grants'>> = {
  name: 'grants',
  schema: rowSchemas.grants,
  externalId: (r) => `${r.user}/${r.role ? `role:${r.role}` : `permission:${r.permission}`}/${r.account ?? ''}`,
  refs: { user: 'users', account: 'accounts' },
  async write(k, rows) {
    const catalog = await catalogPermissionIds(k.tx, [...new Set(rows.flatMap((r) => (r.data.permission ? [r.data.permission] : [])))]);
    const refused: Refusal[] = [];
    const good = knownPermissions(rows, 'permission', (r) => (r.data.permission ? [r.data.permission] : []), catalog, refused).filter((row) => {
      const role = row.data.role ? k.roles.get(row.data.role) : undefined;
      if (row.data.role && !role) {
        refused.push(refusal(row, 'role', new AppError('UNKNOWN_ROLE', `No role named ${row.data.role} in this tenant`)));
        return false;
      }
      if (!row.refs.account) return true;
      try {
        assertScopable(row.data.permission ? [row.data.permission] : [], role ? (role.level as 'ACCOUNT') : null);
        return true;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refused.push(refusal(row, 'account', error));
        return false;
      }
    });
    const values = good.map((row) => ({
      row,
      userId: row.refs.user!,
      roleId: row.data.role ? k.roles.get(row.data.role)!.id : null,
      permissionId: row.data.permission ? catalog.get(row.data.permission)! : null,
      accountId: row.refs.account ?? null,
    }));
    // A grant the user holds already (from the API or an earlier run) is that grant.
    const existing = await findGrants(
      k.tx,
      values.map(({ row: _row, ...key }) => key),
    );
    for (const v of values) {
      const id = existing.get(grantKey(v.userId, (v.roleId ?? v.permissionId)!, v.accountId ?? undefined));
      if (id) Object.assign(v.row, { id, isNew: false });
    }
    await upsertGrants(
      k.tx,
      values.map(({ row, ...v }) => ({ ...v, id: row.id, granted: row.data.granted, expiresAt: row.data.expiresAt ?? null })),
    );
    return refused;
  },
};

const users: ImportKind<RowOf<'users'>> = {
  name: 'users',
  schema: rowSchemas.users,
  externalId: (r) => r.externalId,
  refs: {},
  async write(k, rows) {
    const refused: Refusal[] = [];
    const good = rows.filter((row) => {
      const unknown = (row.data.roles ?? []).filter((name) => !k.roles.has(name));
      if (unknown.length) refused.push(refusal(row, 'roles', new AppError('UNKNOWN_ROLE', `No role named ${unknown.join(', ')} in this tenant`)));
      return !unknown.length;
    });
    await upsertUsers(
      k.tx,
      good.map(({ id, data: d }) => ({
        id,
        email: d.email,
        username: d.username ?? null,
        hashedPassword: d.passwordHash ?? null,
        emailVerified: d.emailVerified ?? false,
        displayName: d.displayName,
        bio: d.bio ?? null,
        avatar: d.avatar ?? null,
        coverImage: d.coverImage ?? null,
        phone: d.phone ?? null,
        website: d.website ?? null,
        location: d.location ?? null,
        title: d.title ?? null,
        company: d.company ?? null,
        experience: d.experience ?? null,
        skills: d.skills ?? [],
        socialLinks: d.socialLinks ?? null,
        roleIds: ['user', ...(d.roles ?? [])].filter((name) => k.roles.has(name)).map((name) => k.roles.get(name)!.id),
      })),
    );
    // New users without a password choose one through the invitation link (outbox).
    for (const row of good) {
      if (row.isNew && !row.data.passwordHash) await sendLinkMail(k.identity, k.tx, 'invitation', { id: row.id, email: row.data.email });
    }
    return refused;
  },
};

const accounts: ImportKind<RowOf<'accounts'>> = {
  name: 'accounts',
  schema: rowSchemas.accounts,
  externalId: (r) => r.externalId,
  refs: { owner: 'users' },
  async write(k, rows) {
    const refused: Refusal[] = [];
    const good = rows.filter((row) => {
      if (!k.plans.has(row.data.plan)) refused.push(refusal(row, 'plan', new AppError('UNKNOWN_PLAN', `There is no plan "${row.data.plan}"`)));
      return k.plans.has(row.data.plan);
    });
    await upsertAccounts(
      k.tx,
      good.map(({ id, data: d, refs }) => ({
        id,
        identifier: d.identifier,
        name: d.name,
        type: d.type,
        plan: d.plan,
        // As the API: null removes an override, so on import (no overrides yet) it is left out.
        limits: Object.fromEntries(Object.entries(d.limits ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Record<string, number>,
        features: d.features ?? [],
        businessInfo: d.businessInfo ?? null,
        ownerId: refs.owner ?? null,
      })),
    );
    return refused;
  },
};

const memberships: ImportKind<RowOf<'memberships'>> = {
  name: 'memberships',
  schema: rowSchemas.memberships,
  externalId: (r) => `${r.account}/${r.user}`,
  refs: { account: 'accounts', user: 'users' },
  async write(k, rows) {
    const existing = await findMemberships(
      k.tx,
      rows.map((r) => ({ accountId: r.refs.account!, userId: r.refs.user! })),
    );
    for (const row of rows) {
      const id = existing.get(`${row.refs.account}/${row.refs.user}`);
      if (id) Object.assign(row, { id, isNew: false });
    }
    const added = rows.filter((r) => !existing.has(`${r.refs.account}/${r.refs.user}`));
    const allowances = await lockAllowances(k.tx, [...new Set(rows.map((r) => r.refs.account!))], 'maxMembers', []);
    const refused: Refusal[] = [];
    const taken = new Map<string, number>();
    const rejected = new Set<PreparedRow<RowOf<'memberships'>>>();
    for (const row of rows) {
      const allowance = allowances.get(row.refs.account!);
      if (!allowance) {
        refused.push(refusal(row, 'account', new AppError('UNKNOWN_ACCOUNT', 'The account does not exist or was deleted')));
        rejected.add(row);
        continue;
      }
      if (!added.includes(row)) continue;
      const used = allowance.inUse + (taken.get(row.refs.account!) ?? 0);
      if (allowance.limit !== null && used >= allowance.limit) {
        refused.push(refusal(row, 'account', new AppError('MEMBER_LIMIT_REACHED', `This account may have at most ${allowance.limit} members on its plan`)));
        rejected.add(row);
        continue;
      }
      taken.set(row.refs.account!, (taken.get(row.refs.account!) ?? 0) + 1);
    }
    await upsertMemberships(
      k.tx,
      rows.filter((r) => !rejected.has(r)).map((r) => ({ id: r.id, accountId: r.refs.account!, userId: r.refs.user!, role: r.data.role })),
    );
    return refused;
  },
};

const categories: ImportKind<RowOf<'categories'>> = {
  name: 'categories',
  schema: rowSchemas.categories,
  externalId: (r) => r.externalId,
  refs: { parent: 'categories' },
  async write(k, rows) {
    await upsertCategories(
      k.tx,
      rows.map(({ id, data: d, refs }) => ({
        id,
        parentId: refs.parent ?? null,
        name: d.name,
        slug: d.slug ?? slugify(d.name),
        description: d.description ?? null,
        position: d.position ?? 0,
      })),
    );
    return [];
  },
};

const listings: ImportKind<RowOf<'listings'>> = {
  name: 'listings',
  schema: rowSchemas.listings,
  externalId: (r) => r.externalId,
  refs: { account: 'accounts', user: 'users' },
  async write(k, rows) {
    const ids = rows.map((r) => r.id);
    const allowances = await lockAllowances(k.tx, [...new Set(rows.map((r) => r.refs.account!))], 'maxActiveListings', ids);
    const refused: Refusal[] = [];
    const taken = new Map<string, number>();
    const good = rows.filter((row) => {
      const allowance = allowances.get(row.refs.account!);
      if (!allowance) {
        refused.push(refusal(row, 'account', new AppError('UNKNOWN_ACCOUNT', 'The account does not exist or was deleted')));
        return false;
      }
      if (row.data.featured && !allowance.features.includes(FEATURED_LISTINGS)) {
        refused.push(refusal(row, 'featured', new AppError('FEATURE_NOT_IN_PLAN', 'Featured listings are not part of this account’s plan')));
        return false;
      }
      if (row.data.status !== 'ACTIVE') return true;
      const used = allowance.inUse + (taken.get(row.refs.account!) ?? 0);
      if (allowance.limit !== null && used >= allowance.limit) {
        refused.push(
          refusal(row, 'status', new AppError('LISTING_LIMIT_REACHED', `The account already has ${used} active listings, its limit is ${allowance.limit}`)),
        );
        return false;
      }
      taken.set(row.refs.account!, (taken.get(row.refs.account!) ?? 0) + 1);
      return true;
    });
    await upsertListings(
      k.tx,
      good.map(({ id, data: d, refs }) => ({
        id,
        accountId: refs.account!,
        userId: refs.user!,
        type: d.type,
        title: d.title,
        description: d.description,
        price: d.price ?? null,
        priceType: d.priceType,
        currency: d.currency,
        location: d.location ?? null,
        remote: d.remote,
        startDate: d.startDate ?? null,
        endDate: d.endDate ?? null,
        duration: d.duration ?? null,
        requirements: d.requirements ?? null,
        status: d.status,
        featured: d.featured,
        expiresAt: d.expiresAt ?? null,
      })),
    );
    return refused;
  },
};

/** A path inside the import folder, or undefined (absolute, or leading out of it). */
function insideDir(dir: string, file: string): string | undefined {
  const root = resolve(dir);
  const path = resolve(root, file);
  return !isAbsolute(file) && path.startsWith(root + sep) ? path : undefined;
}

const media: ImportKind<RowOf<'media'>> = {
  name: 'media',
  schema: rowSchemas.media,
  externalId: (r) => r.externalId,
  refs: { user: 'users', account: 'accounts' },
  explain: {
    STORAGE_QUOTA_EXCEEDED: { field: 'file' },
    UNKNOWN_ACCOUNT: { field: 'account', message: 'The account does not exist or was deleted' },
  },
  async write(k, rows) {
    if (!k.media) throw new AppError('VALIDATION_FAILED', 'Importing media needs the file storage (run it with `mono import`)');
    const refused: Refusal[] = [];
    // Imported before: the file stays, its details are updated.
    const known = rows.filter((r) => !r.isNew);
    await updateMediaDetails(
      k.tx,
      known.map(({ id, data: d }) => ({
        id,
        title: d.title ?? null,
        alt: d.alt ?? null,
        caption: d.caption ?? null,
        folder: d.folder ?? null,
        tags: d.tags ?? [],
      })),
    );
    const taken = new Set<string>();
    for (const row of rows.filter((r) => r.isNew)) {
      const path = insideDir(k.dir, row.data.file);
      if (!path || !existsSync(path) || !statSync(path).isFile()) {
        const message = path ? `There is no file ${row.data.file} in the import folder` : 'must be a path inside the import folder';
        refused.push(refusal(row, 'file', new AppError('VALIDATION_FAILED', message)));
        continue;
      }
      const { tags, title, alt, caption, folder } = row.data;
      let stored: { id: string; deduplicated: boolean };
      try {
        stored = await importMediaFile(k.media, k.tx, {
          id: row.id,
          path,
          filename: basename(path),
          uploaderId: row.refs.user!,
          accountId: row.refs.account ?? null,
          details: { tags, title, alt, caption, folder },
        });
      } catch (error) {
        // the file's own problems (type, size, empty); the database's are the batch's
        if (!(error instanceof AppError)) throw error;
        refused.push(refusal(row, 'file', error));
        continue;
      }
      if (stored.deduplicated) {
        if (taken.has(stored.id) || (await mappedMonoIds(k.tx, 'media', [stored.id])).size) {
          refused.push(refusal(row, 'file', new AppError('MEDIA_DUPLICATE', 'The owner has this exact file already, as another imported record')));
          continue;
        }
        Object.assign(row, { id: stored.id, isNew: false });
      }
      taken.add(stored.id);
    }
    return refused;
  },
};

const applications: ImportKind<RowOf<'applications'>> = {
  name: 'applications',
  schema: rowSchemas.applications,
  externalId: (r) => r.externalId,
  refs: { listing: 'listings', user: 'users' },
  explain: {
    ALREADY_APPLIED: { field: 'user', message: 'This person has another application to this listing already' },
    USER_BLOCKED: { field: 'user', message: 'The applicant and someone of the listing’s account have blocked each other' },
  },
  async write(k, rows) {
    const own = await ownListingPairs(
      k.tx,
      rows.map((r) => ({ listingId: r.refs.listing!, userId: r.refs.user! })),
    );
    const refused: Refusal[] = [];
    const good = rows.filter((row) => {
      if (!own.has(`${row.refs.listing}/${row.refs.user}`)) return true;
      refused.push(
        refusal(row, 'user', new AppError('OWN_LISTING', 'The applicant belongs to the account of the listing; nobody applies to their own listing')),
      );
      return false;
    });
    await upsertApplications(
      k.tx,
      good.map(({ id, data: d, refs }) => ({
        id,
        listingId: refs.listing!,
        applicantId: refs.user!,
        coverLetter: d.coverLetter ?? null,
        answers: d.answers,
        status: d.status,
      })),
    );
    return refused;
  },
};

const availability: ImportKind<RowOf<'availability'>> = {
  name: 'availability',
  schema: rowSchemas.availability,
  externalId: (r) => r.externalId,
  refs: { user: 'users' },
  explain: {
    AVAILABILITY_WINDOWS_OVERLAP: { field: 'start', message: 'It overlaps another window of this person on the same day' },
    AVAILABILITY_TIMEZONE_MISMATCH: { field: 'timezone', message: 'A person’s weekly windows are all in one time zone; this one is in another' },
    AVAILABILITY_OVERRIDE_MIXED: { field: 'available', message: 'A date is either available in windows or blocked, in one time zone; this row mixes them' },
    INVALID_TIMEZONE: { field: 'timezone', message: 'Not a time zone of the IANA database (such as Europe/Vienna)' },
  },
  async write(k, rows) {
    await upsertAvailabilities(
      k.tx,
      rows.map(({ id, data: d, refs }) => ({
        id,
        userId: refs.user!,
        dayOfWeek: d.dayOfWeek ?? null,
        date: d.date ?? null,
        start: d.start,
        end: d.end,
        timezone: d.timezone,
        available: d.available,
      })),
    );
    return [];
  },
};

const bookings: ImportKind<RowOf<'bookings'>> = {
  name: 'bookings',
  schema: rowSchemas.bookings,
  externalId: (r) => r.externalId,
  refs: { resource: 'users', client: 'users', listing: 'listings' },
  explain: {
    BOOKING_SLOT_TAKEN: { field: 'start', message: 'The person booked already has an active booking that overlaps this time' },
    USER_BLOCKED: { field: 'client', message: 'The client and the person booked have blocked each other' },
    INVALID_TIMEZONE: { field: 'timezone', message: 'Not a time zone of the IANA database (such as Europe/Vienna)' },
  },
  async write(k, rows) {
    await upsertBookings(
      k.tx,
      rows.map(({ id, data: d, refs }) => ({
        id,
        resourceId: refs.resource!,
        clientId: refs.client!,
        listingId: refs.listing ?? null,
        title: d.title,
        description: d.description ?? null,
        type: d.type,
        start: d.start,
        end: d.end,
        timezone: d.timezone,
        location: d.location ?? null,
        meetingUrl: d.meetingUrl ?? null,
        price: d.price ?? null,
        currency: d.currency ?? null,
        paid: d.paid,
        status: d.status,
      })),
    );
    return [];
  },
};

const content: ImportKind<RowOf<'content'>> = {
  name: 'content',
  schema: rowSchemas.content,
  externalId: (r) => r.externalId,
  refs: { account: 'accounts', user: 'users' },
  refLists: { categories: 'categories' },
  explain: {
    UNKNOWN_ACCOUNT: { field: 'account', message: 'The account does not exist or was deleted' },
    UNKNOWN_CATEGORY: { field: 'categories', message: 'One of the categories was deleted' },
  },
  async write(k, rows) {
    await upsertContents(
      k.tx,
      rows.map(({ id, data: d, refs, refLists }) => ({
        id,
        accountId: refs.account!,
        userId: refs.user!,
        type: d.type,
        title: d.title,
        slug: d.slug ?? slugify(d.title),
        description: d.description ?? null,
        body: d.body ?? null,
        metaTitle: d.metaTitle ?? null,
        metaDescription: d.metaDescription ?? null,
        keywords: d.keywords ?? [],
        tags: d.tags ?? [],
        status: d.status,
        publishedAt: d.publishedAt ?? null,
        expiresAt: d.expiresAt ?? null,
        categoryIds: [...new Set(refLists.categories ?? [])],
      })),
    );
    return [];
  },
};

export const importKinds: { [K in KindName]: ImportKind<RowOf<K>> } = {
  roles,
  users,
  accounts,
  memberships,
  grants,
  media,
  categories,
  listings,
  applications,
  availability,
  bookings,
  content,
};

import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { TenantTx } from '../../db/tenant-context';
import { createAccountBody, memberRole } from '../accounts';
import { createCategoryInput, slugify } from '../content';
import { displayName, email, type IdentityDeps, legacyHashProblem, profileBody, sendLinkMail, username } from '../identity';
import { listingCreateSchema, listingStatuses } from '../marketplace';
import { FEATURED_LISTINGS } from '../plans';
import { findMemberships, lockAllowances, upsertAccounts, upsertCategories, upsertListings, upsertMemberships, upsertUsers } from './repository';

/**
 * The kinds `mono import` reads, one file each, in this order (a file may refer to the
 * records of the files before it — and categories to each other — by external id).
 * Every row is checked with the API's own zod schemas (the same field rules, the same
 * messages), extended by the external id and the references; docs/import/schemas/ holds
 * the JSON Schema of each (generated from these, test/import/schemas.test.ts).
 */
export const KIND_NAMES = ['users', 'accounts', 'memberships', 'categories', 'listings'] as const;
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

export const rowSchemas = {
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
  categories: createCategoryInput.omit({ parentId: true }).extend({ externalId, parent: ref('categories').optional() }),
  listings: listingCreateSchema.extend({
    externalId,
    account: ref('accounts'),
    user: ref('users').describe('The user (external id) who created the listing'),
    status: z.enum(listingStatuses).default('DRAFT'),
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
  /** Role name → id in this tenant. */
  roles: Map<string, string>;
  plans: Set<string>;
}

export interface ImportKind<T> {
  name: KindName;
  schema: z.ZodType<T>;
  /** The key of a row in the external-id map. */
  externalId(row: T): string;
  /** Fields that name records of other kinds by external id. */
  refs: Partial<Record<string, KindName>>;
  /**
   * Writes the rows, set-based; answers the rows it refused by a rule that needs the
   * database (limits, features). A database refusal throws: the batch is then retried
   * row by row to name the rows at fault.
   */
  write(k: KindContext, rows: PreparedRow<T>[]): Promise<Refusal[]>;
}

const refusal = (row: { line: number }, field: string, error: AppError): Refusal => ({ line: row.line, field, code: error.code, message: error.message });

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
        roleIds: ['user', ...(d.roles ?? [])].filter((name) => k.roles.has(name)).map((name) => k.roles.get(name)!),
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

export const importKinds: { [K in KindName]: ImportKind<RowOf<K>> } = { users, accounts, memberships, categories, listings };

import { bigint, boolean, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, deletedAt, idColumn, tenantIdColumn, timestamptz, updatedAt } from './types';

export const tenantStatus = pgEnum('tenant_status', ['ACTIVE', 'TRIAL', 'SUSPENDED', 'INACTIVE']);
export const accountType = pgEnum('account_type', ['INDIVIDUAL', 'AGENCY', 'VENDOR', 'CLIENT']);
export const accountStatus = pgEnum('account_status', ['PENDING', 'ACTIVE', 'SUSPENDED', 'INACTIVE']);
export const subscriptionStatus = pgEnum('subscription_status', ['TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'EXPIRED']);
export const oneTimeTokenPurpose = pgEnum('one_time_token_purpose', ['EMAIL_VERIFICATION', 'PASSWORD_RESET']);

/** Limits a plan or an account may set; absent means unlimited. */
export interface Limits {
  maxActiveListings?: number;
  storageBytes?: number;
  maxMembers?: number;
  [key: string]: number | undefined;
}

export const plans = pgTable('plans', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  limits: jsonb('limits').$type<Limits>().notNull().default({}),
  features: text('features').array().notNull().default([]),
  createdAt: createdAt(),
});

export const tenants = pgTable('tenants', {
  id: idColumn().primaryKey(),
  identifier: text('identifier').notNull(),
  name: text('name').notNull(),
  status: tenantStatus('status').notNull().default('TRIAL'),
  plan: text('plan').notNull().default('free'),
  planExpiry: timestamptz('plan_expiry'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  features: text('features').array().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
});

export const users = pgTable(
  'users',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    email: text('email').notNull(),
    username: text('username'),
    hashedPassword: text('hashed_password'),
    emailVerified: boolean('email_verified').notNull().default(false),
    emailVerifiedAt: timestamptz('email_verified_at'),
    twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
    twoFactorSecret: text('two_factor_secret'),
    twoFactorLastStep: bigint('two_factor_last_step', { mode: 'number' }),
    lastLoginAt: timestamptz('last_login_at'),
    loginCount: integer('login_count').notNull().default(0),
    deactivatedAt: timestamptz('deactivated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const userProfiles = pgTable(
  'user_profiles',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    displayName: text('display_name').notNull(),
    bio: text('bio'),
    avatar: text('avatar'),
    coverImage: text('cover_image'),
    phone: text('phone'),
    website: text('website'),
    location: text('location'),
    title: text('title'),
    company: text('company'),
    experience: jsonb('experience').$type<unknown>(),
    skills: text('skills').array().notNull().default([]),
    socialLinks: jsonb('social_links').$type<Record<string, string>>(),
    completeness: smallint('completeness').notNull().default(0),
    /** Profile fields shown to everyone besides the display name (e-mail and phone only when listed). */
    publicFields: text('public_fields').array().notNull().default([]),
    /** The language of the person's notices (migration 0941); null: the tenant's. */
    language: text('language'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const accounts = pgTable(
  'accounts',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    identifier: text('identifier').notNull(),
    name: text('name').notNull(),
    type: accountType('type').notNull(),
    businessInfo: jsonb('business_info').$type<Record<string, unknown>>(),
    features: text('features').array().notNull().default([]),
    limits: jsonb('limits').$type<Limits>().notNull().default({}),
    billingInfo: jsonb('billing_info').$type<Record<string, unknown>>(),
    status: accountStatus('status').notNull().default('ACTIVE'),
    verifiedAt: timestamptz('verified_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const accountUsers = pgTable(
  'account_users',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<'admin' | 'member' | 'viewer'>().notNull(),
    joinedAt: timestamptz('joined_at').notNull().defaultNow(),
    invitedBy: uuid('invited_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const accountSubscriptions = pgTable(
  'account_subscriptions',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    plan: text('plan').notNull(),
    status: subscriptionStatus('status').notNull().default('TRIALING'),
    currentPeriodStart: timestamptz('current_period_start').notNull().defaultNow(),
    currentPeriodEnd: timestamptz('current_period_end'),
    trialEndsAt: timestamptz('trial_ends_at'),
    canceledAt: timestamptz('canceled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const sessions = pgTable(
  'sessions',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    twoFactorPassed: boolean('two_factor_passed').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    purpose: oneTimeTokenPurpose('purpose').notNull(),
    tokenHash: bytea('token_hash').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    codeHash: bytea('code_hash').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const authThrottles = pgTable('auth_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamptz('window_started_at').notNull().defaultNow(),
  lockedUntil: timestamptz('locked_until'),
});

/** queued → sending → sent | queued again (temporary failure) | failed (permanent). */
export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    template: text('template').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    sentAt: timestamptz('sent_at'),
    status: text('status').$type<MailStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    failedAt: timestamptz('failed_at'),
    transport: text('transport').$type<'smtp' | 'log'>(),
    bodyHtml: text('body_html'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const accountInvitations = pgTable(
  'account_invitations',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    accountId: uuid('account_id').notNull(),
    email: text('email').notNull(),
    role: text('role').$type<'admin' | 'member' | 'viewer'>().notNull(),
    invitedBy: uuid('invited_by'),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

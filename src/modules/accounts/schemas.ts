import { z } from 'zod';
import { isoDateTime, text, uuid } from '../../http/kit/schemas';
import { identifier } from '../tenants';

const jsonObject = z.record(z.string().max(100), z.unknown()).refine((v) => JSON.stringify(v).length <= 32_000, 'at most 32 kB');
export const limitsInput = z
  .strictObject({
    maxActiveListings: z.number().int().min(0).max(1_000_000).nullable().optional(),
    storageBytes: z.number().int().min(0).max(1e15).nullable().optional(),
    maxMembers: z.number().int().min(1).max(100_000).nullable().optional(),
  })
  .describe('Overrides of the plan limits; null removes an override');
const feature = z.string().regex(/^[a-z][a-z0-9-]{0,49}$/);
export const accountType = z.enum(['INDIVIDUAL', 'AGENCY', 'VENDOR', 'CLIENT']);
export const memberRole = z.enum(['admin', 'member', 'viewer']);
const planCode = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);

export const createAccountBody = z.strictObject({
  identifier,
  name: text(200),
  type: accountType,
  ownerId: uuid.optional().describe('A user who becomes the account’s first admin'),
  plan: planCode.default('free'),
  limits: limitsInput.optional(),
  features: z.array(feature).max(100).optional(),
  businessInfo: jsonObject.nullable().optional(),
});
export const createOwnAccountBody = z.strictObject({ identifier, name: text(200), type: accountType, businessInfo: jsonObject.nullable().optional() });

export const updateAccountBody = z.strictObject({
  name: text(200).optional(),
  type: accountType.optional(),
  status: z.enum(['PENDING', 'ACTIVE', 'SUSPENDED', 'INACTIVE']).optional(),
  verified: z.boolean().optional(),
  limits: limitsInput.optional(),
  features: z.array(feature).max(100).optional(),
  businessInfo: jsonObject.nullable().optional(),
  billingInfo: jsonObject.nullable().optional(),
});
export const updateAccountDetailsBody = z.strictObject({
  name: text(200).optional(),
  businessInfo: jsonObject.nullable().optional(),
  billingInfo: jsonObject.nullable().optional(),
});

export const subscriptionBody = z.strictObject({
  plan: planCode,
  status: z.enum(['TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'EXPIRED']).optional(),
  currentPeriodEnd: z.iso.datetime({ offset: true }).nullable().optional(),
  trialEndsAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const addMemberBody = z
  .strictObject({ userId: uuid.optional(), email: z.email().max(254).optional(), role: memberRole })
  .refine((v) => Boolean(v.userId) !== Boolean(v.email), { message: 'give either userId or email', path: ['userId'] });
export const changeMemberBody = z.strictObject({ role: memberRole });
export const inviteBody = z.strictObject({ email: z.email().max(254), role: memberRole });

export const invitationSchema = z
  .object({
    id: uuid,
    accountId: uuid,
    accountName: z.string(),
    email: z.string(),
    role: memberRole,
    invitedBy: uuid.nullable(),
    createdAt: isoDateTime,
    expiresAt: isoDateTime,
  })
  .meta({ id: 'AccountInvitation' });

export const listAccountsQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  type: accountType.optional(),
  status: z.enum(['PENDING', 'ACTIVE', 'SUSPENDED', 'INACTIVE']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(1000).optional(),
});

const limitsSchema = z.object({ maxActiveListings: z.number().nullable(), storageBytes: z.number().nullable(), maxMembers: z.number().nullable() });

export const subscriptionSchema = z
  .object({
    plan: z.string(),
    status: z.string(),
    currentPeriodStart: isoDateTime,
    currentPeriodEnd: isoDateTime.nullable(),
    trialEndsAt: isoDateTime.nullable(),
    canceledAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Subscription' });

export const accountSchema = z
  .object({
    id: uuid,
    identifier: z.string(),
    name: z.string(),
    type: accountType,
    status: z.enum(['PENDING', 'ACTIVE', 'SUSPENDED', 'INACTIVE']),
    verifiedAt: isoDateTime.nullable(),
    features: z.array(z.string()),
    limits: limitsSchema.describe('The account’s own overrides'),
    effectiveLimits: limitsSchema.describe('Plan limits with the overrides applied; null = unlimited'),
    businessInfo: z.record(z.string(), z.unknown()).nullable(),
    billingInfo: z.record(z.string(), z.unknown()).nullable(),
    subscription: subscriptionSchema.nullable(),
    memberCount: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    deletedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Account' });

export const memberSchema = z
  .object({ userId: uuid, email: z.string(), displayName: z.string().nullable(), role: memberRole, joinedAt: isoDateTime, invitedBy: uuid.nullable() })
  .meta({ id: 'AccountMember' });

export const membershipSchema = z
  .object({
    account: z.object({ id: uuid, identifier: z.string(), name: z.string(), type: accountType, status: z.string() }),
    role: memberRole,
    joinedAt: isoDateTime,
  })
  .meta({ id: 'Membership' });

export type CreateAccountInput = z.output<typeof createAccountBody>;
export type CreateOwnAccountInput = z.output<typeof createOwnAccountBody>;
export type UpdateAccountInput = z.output<typeof updateAccountBody>;
export type UpdateAccountDetailsInput = z.output<typeof updateAccountDetailsBody>;
export type SubscriptionInput = z.output<typeof subscriptionBody>;
export type AddMemberInput = z.output<typeof addMemberBody>;
export type InviteInput = z.output<typeof inviteBody>;
export type ListAccountsQuery = z.output<typeof listAccountsQuery>;
export type LimitsInput = z.output<typeof limitsInput>;

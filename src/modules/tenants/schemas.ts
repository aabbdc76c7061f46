import { z } from 'zod';
import { isoDateTime, text, toIso, uuid } from '../../http/kit/schemas';
import { displayName, email, password } from '../identity';
import { mediaSettingsInput } from '../media';
import type { TenantRow } from './repository';

export const identifier = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and dashes, 1–63 characters, not starting or ending with a dash');
const feature = z.string().regex(/^[a-z][a-z0-9-]{0,49}$/, 'a feature flag like "featured-listings"');
/**
 * A tenant's settings, validated as a whole (they are replaced as a whole): the known
 * keys strictly, an operator's own keys only under `custom` — so "registation": "closed"
 * is refused and named instead of silently leaving registration open.
 */
const settings = z
  .strictObject({
    registration: z.enum(['open', 'closed']).optional(),
    accountCreation: z.enum(['open', 'admin']).optional(),
    branding: z
      .strictObject({
        primaryColor: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like "#7c3aed"')
          .optional(),
        tagline: text(200).optional(),
        logoUrl: z
          .url({ protocol: /^https$/ })
          .max(2000)
          .optional(),
      })
      .optional(),
    media: mediaSettingsInput.optional(),
    booking: z
      .strictObject({
        bookableTypes: z
          .array(z.enum(['SERVICE', 'GIG', 'JOB']))
          .max(3)
          .optional()
          .describe('Listing types that may take bookings besides SERVICE (which always may)'),
      })
      .optional(),
    marketplace: z
      .strictObject({
        listingApproval: z
          .boolean()
          .optional()
          .describe('true: published listings, and live ones edited materially, wait in PENDING_APPROVAL until a moderator approves them'),
      })
      .optional(),
    search: z
      .strictObject({
        language: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'the name of a PostgreSQL text-search configuration, like "german" or "simple"')
          .optional()
          .describe(
            'The text-search configuration listings and content are indexed and searched with (default english; simple for languages without a stemmer). Changing it re-indexes the tenant’s listings and content at once.',
          ),
      })
      .optional(),
    custom: z.record(z.string().max(100), z.unknown()).optional().describe('Anything the operator’s own front end needs; Mono does not read it'),
  })
  .refine((v) => JSON.stringify(v).length <= 64_000, 'at most 64 kB of settings');
const plan = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'a plan code like "pro"');

export const createTenantBody = z.strictObject({
  identifier,
  name: text(200),
  status: z.enum(['ACTIVE', 'TRIAL']).default('TRIAL'),
  plan: plan.default('free'),
  planExpiry: z.iso.datetime({ offset: true }).nullable().optional(),
  features: z.array(feature).max(100).optional(),
  settings: settings.optional(),
  admin: z.strictObject({ email, password, displayName }),
});

export const updateTenantBody = z.strictObject({
  name: text(200).optional(),
  plan: plan.optional(),
  planExpiry: z.iso.datetime({ offset: true }).nullable().optional(),
  features: z.array(feature).max(100).optional(),
  settings: settings.optional(),
});

export const updateTenantSettingsBody = z.strictObject({ name: text(200).optional(), settings: settings.optional() });

export const listTenantsQuery = z.strictObject({
  status: z.enum(['ACTIVE', 'TRIAL', 'SUSPENDED', 'INACTIVE']).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  includeDeleted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(1000).optional(),
});

export const tenantSchema = z
  .object({
    id: uuid,
    identifier: z.string(),
    name: z.string(),
    status: z.enum(['ACTIVE', 'TRIAL', 'SUSPENDED', 'INACTIVE']),
    plan: z.string(),
    planExpiry: isoDateTime.nullable(),
    features: z.array(z.string()),
    settings: z.record(z.string(), z.unknown()),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    deletedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Tenant' });

export const publicTenantSchema = z
  .object({ identifier: z.string(), name: z.string(), features: z.array(z.string()), branding: z.unknown().nullable() })
  .meta({ id: 'PublicTenant' });

export function presentTenant(t: TenantRow) {
  return {
    id: t.id,
    identifier: t.identifier,
    name: t.name,
    status: t.status,
    plan: t.plan,
    planExpiry: toIso(t.planExpiry),
    features: t.features,
    settings: t.settings,
    createdAt: toIso(t.createdAt)!,
    updatedAt: toIso(t.updatedAt)!,
    deletedAt: toIso(t.deletedAt),
  };
}

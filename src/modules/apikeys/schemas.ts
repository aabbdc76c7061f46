import { z } from 'zod';
import { isoDateTime, pageOf, pageQuery, text, uuid } from '../../http/kit/schemas';
import { permissionPattern } from '../rbac';

export const DEFAULT_RATE_LIMIT = 600;

export const createApiKeyBody = z.strictObject({
  name: text(100).describe('What the key is for, e.g. "CRM sync"'),
  permissions: z
    .array(permissionPattern)
    .min(1)
    .max(500)
    .describe('What the key may do: permission names or wildcards (account.listings.*), each one you hold yourself (in the account, for an account key)'),
  deny: z.array(permissionPattern).max(500).default([]).describe('Explicit denies: they win over every grant, wildcards included'),
  expiresAt: isoDateTime
    .refine((v) => new Date(v).getTime() > Date.now(), 'must be in the future')
    .optional()
    .describe('When the key stops working (never, when absent)'),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMIT).describe('Requests per minute before 429 RATE_LIMITED'),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyBody>;

export const apiKeyQuery = pageQuery;
export type ApiKeyQuery = z.infer<typeof apiKeyQuery>;

export const tenantApiKeyParams = z.strictObject({ keyId: uuid });
export const accountApiKeysParams = z.strictObject({ accountId: uuid });
export const accountApiKeyParams = z.strictObject({ accountId: uuid, keyId: uuid });

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    accountId: z.uuid().nullable().describe('The account of an account key; null for a tenant key'),
    hint: z.string().describe('The key’s prefix and last four characters, to tell keys apart'),
    permissions: z.array(z.string()),
    deny: z.array(z.string()),
    rateLimitPerMinute: z.number().int(),
    createdBy: z.uuid().describe('Who created the key: its requests act as this user, never with more than they hold'),
    createdAt: isoDateTime,
    expiresAt: isoDateTime.nullable(),
    revokedAt: isoDateTime.nullable(),
    lastUsedAt: isoDateTime.nullable().describe('The last request with the key'),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().describe('The key itself: shown only in this response, send it as Authorization: Bearer mkey_…') })
  .meta({ id: 'CreatedApiKey' });

export const apiKeyPageSchema = pageOf(apiKeySchema);

import { z } from 'zod';
import type { RouteModule } from '../../http/kit/types';
import { createApiKey, listOwnerApiKeys, revokeOwnerApiKey } from './manage-api-keys';
import { accountApiKeyParams, accountApiKeysParams, apiKeyPageSchema, apiKeyQuery, createApiKeyBody, createdApiKeySchema, tenantApiKeyParams } from './schemas';

const tags = ['API keys'];
const createErrors = ['PRIVILEGE_ESCALATION', 'UNKNOWN_PERMISSION', 'SCOPE_NOT_ALLOWED'] as const;
const createDescription =
  'The answer holds the key (`mkey_…`) — the only time it is shown; only its hash is stored. The key may do what its permissions allow and its creator still holds, nothing more.';

/** Machine credentials of the tenant and of accounts: create (shown once), list, revoke. */
export const apiKeyRoutes: RouteModule = (app, deps) => {
  const tenant = { accountId: null };

  app.post(
    '/api/v1/tenant/api-keys',
    {
      config: { permission: 'tenant.api_keys.manage', errors: [...createErrors], idempotencyRedact: ['key'] },
      schema: { tags, summary: 'Create a tenant API key', description: createDescription, body: createApiKeyBody, response: { 201: createdApiKeySchema } },
    },
    async (request, reply) => reply.status(201).send(await createApiKey(deps, request.ctx, tenant, request.body)),
  );
  app.get(
    '/api/v1/tenant/api-keys',
    {
      config: { permission: 'tenant.api_keys.manage' },
      schema: {
        tags,
        summary: 'The tenant’s API keys, newest first (revoked and expired ones too)',
        querystring: apiKeyQuery,
        response: { 200: apiKeyPageSchema },
      },
    },
    async (request) => listOwnerApiKeys(deps, request.ctx, tenant, request.query),
  );
  app.delete(
    '/api/v1/tenant/api-keys/:keyId',
    {
      config: { permission: 'tenant.api_keys.manage', errors: ['API_KEY_NOT_FOUND'] },
      schema: { tags, summary: 'Revoke a tenant API key (its next request is refused)', params: tenantApiKeyParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await revokeOwnerApiKey(deps, request.ctx, tenant, request.params.keyId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/account/:accountId/api-keys',
    {
      config: { permission: 'account.api_keys.manage', errors: [...createErrors], idempotencyRedact: ['key'] },
      schema: {
        tags,
        summary: 'Create an API key of the account',
        description: `${createDescription} An account key holds only account.* permissions and works in this account alone.`,
        params: accountApiKeysParams,
        body: createApiKeyBody,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiKey(deps, request.ctx, { accountId: request.params.accountId }, request.body)),
  );
  app.get(
    '/api/v1/account/:accountId/api-keys',
    {
      config: { permission: 'account.api_keys.manage' },
      schema: {
        tags,
        summary: 'The account’s API keys, newest first (revoked and expired ones too)',
        params: accountApiKeysParams,
        querystring: apiKeyQuery,
        response: { 200: apiKeyPageSchema },
      },
    },
    async (request) => listOwnerApiKeys(deps, request.ctx, { accountId: request.params.accountId }, request.query),
  );
  app.delete(
    '/api/v1/account/:accountId/api-keys/:keyId',
    {
      config: { permission: 'account.api_keys.manage', errors: ['API_KEY_NOT_FOUND'] },
      schema: { tags, summary: 'Revoke an API key of the account', params: accountApiKeyParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await revokeOwnerApiKey(deps, request.ctx, { accountId: request.params.accountId }, request.params.keyId);
      return reply.status(204).send();
    },
  );
};

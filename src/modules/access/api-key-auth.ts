import { noPermissions, type PermissionChecker, type RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { findApiKeyByTokenHash } from './api-key-repository';
import { type CompiledPermissions, compilePermissions, type Grant } from './engine';
import { hashToken, tokenTenant } from './tokens';

export const API_KEY_PREFIX = 'mkey';

export interface AuthenticatedApiKey {
  tenantId: string;
  tenantStatus: string;
  tenantDeleted: boolean;
  apiKeyId: string;
  /** The key's creator: the actor of its requests, whose authority bounds the key. */
  userId: string;
  /** The key's own grants and denies, compiled (an account key's only in its account). */
  permissions: CompiledPermissions;
  authzVersion: number;
  accountExists?: boolean;
  /** The request's place in the key's one-minute window. */
  rateLimit: { limit: number; used: number; resetSeconds: number };
}

const unauthenticated = (detail: string) => new AppError('UNAUTHENTICATED', detail);

/** Is this bearer token an API key (rather than a session token)? */
export const isApiKeyToken = (token: string) => token.startsWith(`${API_KEY_PREFIX}_`);

/** The grants a key's stored patterns stand for: tenant-wide, or inside its account only. */
export function apiKeyGrants(key: { accountId: string | null; permissions: readonly string[]; denied: readonly string[] }): Grant[] {
  return [
    ...key.permissions.map((permission) => ({ permission, accountId: key.accountId, granted: true })),
    ...key.denied.map((permission) => ({ permission, accountId: key.accountId, granted: false })),
  ];
}

/**
 * Validates an API key: it must name a tenant, match a stored hash there, be neither
 * revoked nor expired, and its creator must still be an active user. The same round trip
 * counts the request in the key's rate-limit window. Reading the row on every request is
 * what makes a revocation take effect at once, in every process.
 */
export async function authenticateApiKey(
  db: Database,
  token: string,
  base: Pick<RequestContext, 'requestId' | 'ip' | 'userAgent'>,
  options: { accountId?: string } = {},
): Promise<AuthenticatedApiKey> {
  const tenantId = tokenTenant(token, API_KEY_PREFIX);
  if (!tenantId) throw unauthenticated('The API key is not valid');
  const row = await findApiKeyByTokenHash(
    db,
    { ...base, tenantId, actor: null, permissions: noPermissions },
    { tokenHash: hashToken(token), accountId: options.accountId && isUuid(options.accountId) ? options.accountId : undefined },
  );
  if (!row) throw unauthenticated('The API key is not valid');
  if (!row.usable) throw unauthenticated('The API key has expired or was revoked');
  if (!row.user_active) throw unauthenticated('The user who created this API key is deactivated');
  return {
    tenantId,
    tenantStatus: row.status,
    tenantDeleted: row.tenant_deleted,
    apiKeyId: row.api_key_id,
    userId: row.created_by,
    permissions: compilePermissions(apiKeyGrants({ accountId: row.account_id, permissions: row.permissions, denied: row.denied })),
    authzVersion: row.authz_version,
    accountExists: row.account_exists ?? undefined,
    rateLimit: { limit: row.rate_limit_per_minute, used: row.requests ?? 0, resetSeconds: Math.max(1, row.reset_seconds ?? 60) },
  };
}

/**
 * What a key may do: what the key grants AND what its creator holds right now. A creator
 * who loses a permission takes it from their keys on the next request.
 */
export function boundedPermissions(key: PermissionChecker, creator: PermissionChecker): PermissionChecker {
  return {
    can: (permission, accountId) => key.can(permission, accountId) && creator.can(permission, accountId),
    // An account key reaches only its account; a tenant key whatever accounts its creator reaches.
    accountIds: key.accountIds.length ? key.accountIds : creator.accountIds,
  };
}

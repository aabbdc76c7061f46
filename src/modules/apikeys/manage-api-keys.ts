import { type RequestContext, requireActor, requireTenant } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import type { Database } from '../../db/client';
import { idCursor } from '../../db/keyset';
import { withTenant } from '../../db/tenant-context';
import { toIso } from '../../http/kit/schemas';
import { API_KEY_PREFIX, assertHoldsAll, assertScopable, expandPattern, issueToken } from '../access';
import { type ApiKeyRow, findApiKey, insertApiKey, listApiKeys, revokeApiKey } from './repository';
import type { ApiKeyQuery, CreateApiKeyInput } from './schemas';

export interface ApiKeysDeps {
  db: Database;
}

/** Whose keys: the tenant's (null) or one account's. */
export type KeyOwner = { accountId: string | null };

function presentApiKey(k: ApiKeyRow) {
  return {
    id: k.id,
    name: k.name,
    accountId: k.account_id,
    hint: `${API_KEY_PREFIX}_…${k.hint}`,
    permissions: k.permissions,
    deny: k.denied,
    rateLimitPerMinute: k.rate_limit_per_minute,
    createdBy: k.created_by,
    createdAt: toIso(k.created_at)!,
    expiresAt: toIso(k.expires_at),
    revokedAt: toIso(k.revoked_at),
    lastUsedAt: toIso(k.last_used_at),
  };
}

/** Every pattern must stand for at least one catalog name ('*' aside). */
function assertKnown(patterns: readonly string[]): void {
  const unknown = patterns.filter((p) => p !== '*' && expandPattern(p).length === 0);
  if (unknown.length) throw new AppError('UNKNOWN_PERMISSION', `Not in the permission catalog: ${unknown.join(', ')}`);
}

/**
 * Creates a key and answers it once (only its hash is stored). No escalation: the key's
 * permissions must all be held by the caller — in the account, for an account key, whose
 * patterns must all be account.* ones. Denies need no authority (they only take away).
 */
export async function createApiKey(deps: ApiKeysDeps, ctx: RequestContext, owner: KeyOwner, input: CreateApiKeyInput) {
  const actor = requireActor(ctx);
  assertKnown([...input.permissions, ...input.deny]);
  if (owner.accountId !== null) assertScopable([...input.permissions, ...input.deny], null);
  assertHoldsAll(ctx.permissions, input.permissions, owner.accountId);
  const { token, hash } = issueToken(API_KEY_PREFIX, requireTenant(ctx));
  const row = await withTenant(deps.db, ctx, (tx) =>
    insertApiKey(tx, {
      accountId: owner.accountId,
      createdBy: actor.userId,
      name: input.name,
      tokenHash: hash,
      hint: token.slice(-4),
      permissions: [...new Set(input.permissions)],
      denied: [...new Set(input.deny)],
      rateLimitPerMinute: input.rateLimitPerMinute,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    }),
  );
  return { ...presentApiKey(row), key: token };
}

export async function listOwnerApiKeys(deps: ApiKeysDeps, ctx: RequestContext, owner: KeyOwner, query: ApiKeyQuery) {
  requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) =>
    toPage(await listApiKeys(tx, owner.accountId, { cursor: query.cursor, limit: query.limit + 1 }), query.limit, (k) => idCursor(k.id), presentApiKey),
  );
}

/** Revokes a key: its next request is refused, in every process (the key row is read on every request). */
export async function revokeOwnerApiKey(deps: ApiKeysDeps, ctx: RequestContext, owner: KeyOwner, keyId: string): Promise<void> {
  requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    if (await revokeApiKey(tx, owner.accountId, keyId)) return;
    if (!(await findApiKey(tx, owner.accountId, keyId))) throw new AppError('API_KEY_NOT_FOUND');
  });
}

import { noPermissions, type RequestContext, type SessionGuard } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { withTenant } from '../../db/tenant-context';
import { liveAccountExists } from './repository';
import type { SessionCache } from './session-cache';
import { findSessionByTokenHash, type SessionRow } from './session-repository';
import { hashToken, tokenTenant } from './tokens';

export interface AuthenticatedSession {
  tenantId: string;
  tenantIdentifier: string;
  tenantStatus: string;
  tenantDeleted: boolean;
  userId: string;
  sessionId: string;
  twoFactorPassed: boolean;
  /** The tenant's authorization version: permission caches are valid only for it. */
  authzVersion: number;
  /** Whether `options.accountId` names a live account of this tenant (undefined when not asked). */
  accountExists?: boolean;
  /** Served from the cache: what the request's transactions must check again (ctx.sessionGuard). */
  guard?: SessionGuard;
}

const unauthenticated = (detail: string) => new AppError('UNAUTHENTICATED', detail);

/**
 * Validates a bearer session token: it must name a tenant, match a stored hash there,
 * be neither revoked, expired nor idle too long, and belong to an active user. One
 * round trip, which also refreshes last_used_at, reads the authorization version and —
 * for /account/{accountId} routes — whether that account exists in the tenant.
 */
export async function authenticateSession(
  db: Database,
  token: string,
  base: Pick<RequestContext, 'requestId' | 'ip' | 'userAgent'>,
  idleMs: number,
  options: { accountId?: string; cache?: SessionCache } = {},
): Promise<AuthenticatedSession> {
  const facts = factsOf(token);
  if (!facts) throw unauthenticated('The session token is not valid');
  const { tenantId, tokenHash, hex } = facts;
  const accountId = options.accountId && isUuid(options.accountId) ? options.accountId : undefined;
  const idleSeconds = Math.round(idleMs / 1000);
  const cached = options.cache?.get(tenantId, hex, accountId);
  if (cached) {
    // Checked again with every statement of the request (mono.session_guard).
    return {
      ...sessionOf(tenantId, cached),
      accountExists: accountId === undefined ? undefined : true,
      guard: { tenantId, tokenHash: hex, idleSeconds, accountId, authzVersion: cached.authz_version },
    };
  }
  const stamp = options.cache?.stamp(tenantId);
  const row = await findSessionByTokenHash(db, { ...base, tenantId, actor: null, permissions: noPermissions }, { tokenHash, idleSeconds, accountId });
  if (!row) throw unauthenticated('The session token is not valid');
  if (!row.usable) throw unauthenticated('The session has expired or was signed out; sign in again');
  if (!row.user_active) throw unauthenticated('This user is deactivated');
  if (stamp !== undefined) options.cache!.put(tenantId, hex, row, stamp, accountId);
  return { ...sessionOf(tenantId, row), accountExists: row.account_exists ?? undefined };
}

interface TokenFacts {
  tenantId: string;
  tokenHash: Buffer;
  hex: string;
}

/**
 * The tenant a session token names and its hash, remembered for the tokens seen lately:
 * every request of a client presents the same token, and decoding and hashing it was a
 * fifth of authenticating one from the session cache. Both are functions of the token
 * alone — nothing about the session is remembered here, which is looked up or guarded as
 * before. Bounded: it starts over past MAX_TOKENS.
 */
const tokenFacts = new Map<string, TokenFacts>();
const MAX_TOKENS = 10_000;

function factsOf(token: string): TokenFacts | null {
  const known = tokenFacts.get(token);
  if (known) return known;
  // Only well-formed tokens (of one fixed length) are remembered.
  const tenantId = tokenTenant(token, 'mses');
  if (!tenantId) return null;
  const tokenHash = hashToken(token);
  const facts = { tenantId, tokenHash, hex: tokenHash.toString('hex') };
  if (tokenFacts.size >= MAX_TOKENS) tokenFacts.clear();
  tokenFacts.set(token, facts);
  return facts;
}

function sessionOf(tenantId: string, row: Omit<SessionRow, 'account_exists'>): AuthenticatedSession {
  return {
    tenantId,
    tenantIdentifier: row.identifier,
    tenantStatus: row.status,
    tenantDeleted: row.tenant_deleted,
    userId: row.user_id,
    sessionId: row.session_id,
    twoFactorPassed: row.two_factor_passed,
    authzVersion: row.authz_version,
  };
}

/**
 * Whether a live account of ctx's tenant has this id: what every /account/{accountId}
 * route establishes before anything else (the session lookup usually answers it already).
 */
export async function accountExists(db: Database, ctx: RequestContext, accountId: string): Promise<boolean> {
  return withTenant(db, ctx, (tx) => liveAccountExists(tx, accountId));
}

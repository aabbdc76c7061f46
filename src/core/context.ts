import { AppError } from './errors';

/**
 * Who is asking, for which tenant, from where — and what they may do. The first
 * argument of every service method; withTenant() turns it into transaction settings
 * that RLS policies and the audit trigger read.
 */
export interface Actor {
  userId: string;
  /** The tenant the user belongs to (a platform operator's is the platform tenant). */
  tenantId: string;
  sessionId?: string;
  /**
   * Set when the request came with an API key: the key's id. userId is then the key's
   * creator, whose authority bounds the key (and whom the audit trail names, beside the key).
   */
  apiKeyId?: string;
}

/**
 * The actor's effective permissions, resolved once per request (and cached across
 * requests until a grant changes). Synchronous: everything is preloaded and compiled.
 */
export interface PermissionChecker {
  /**
   * True when the actor holds `permission` (a catalog name such as
   * 'account.listings.update') tenant-wide — or, when `accountId` is given, tenant-wide
   * or within that account. Explicit denies win over any grant.
   */
  can(permission: string, accountId?: string): boolean;
  /** Accounts in which the actor has any account-scoped grant or membership. */
  readonly accountIds: readonly string[];
}

export interface RequestContext {
  requestId: string;
  /** The tenant whose data this request may touch; null on platform-only requests. */
  tenantId: string | null;
  actor: Actor | null;
  permissions: PermissionChecker;
  ip?: string;
  userAgent?: string;
  /**
   * Set when the session was authenticated from the process's cache: every transaction
   * of the request first checks, in its own round trip, that the session is still valid
   * (db/tenant-context.ts, mono.session_guard) — a revocation takes effect at once.
   */
  sessionGuard?: SessionGuard;
}

export interface SessionGuard {
  /** The session's tenant: transactions in another tenant's context do not check it. */
  tenantId: string;
  /** SHA-256 of the bearer token, hex. */
  tokenHash: string;
  idleSeconds: number;
  /** The /account/{accountId} route's account, which must still exist. */
  accountId?: string;
  /** The authorization version the cached permissions were resolved for. */
  authzVersion: number;
  /**
   * Set once a transaction of the request got past the guard: the session and version
   * were current then, as an uncached lookup at the start would have been; later
   * transactions do not check again. Shared by every copy of the context.
   */
  verified?: boolean;
}

/** Nobody: anonymous public requests. */
export const noPermissions: PermissionChecker = { can: () => false, accountIds: [] };

/** The CLI and background jobs act as the system, which may do anything it is asked to. */
export const systemPermissions: PermissionChecker = { can: () => true, accountIds: [] };

/** Context for the CLI and background jobs: no person, a recognisable request id. */
export function systemContext(tenantId: string | null, purpose: string): RequestContext {
  return { requestId: `system:${purpose}`, tenantId, actor: null, permissions: systemPermissions };
}

/** The signed-in person a use case acts for, or 401: writes are always somebody's. */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to do this');
  return ctx.actor;
}

/** The tenant a use case works in; a request context without one is a programming error. */
export function requireTenant(ctx: RequestContext): string {
  if (!ctx.tenantId) throw new Error('this needs a tenant in the request context');
  return ctx.tenantId;
}

/**
 * Through what a use case reaches records — folded into the query's WHERE clause (see
 * db/scope.ts), so that "missing" and "not yours" are one query and one 404:
 *  - tenant: the whole tenant (administrators, moderators, the system);
 *  - account: the records of one account (an /account/{accountId} route);
 *  - own: the caller's own records (a /user route).
 */
export type Scope = { kind: 'tenant' } | { kind: 'account'; accountId: string } | { kind: 'own'; userId: string };

export const tenantScope: Scope = { kind: 'tenant' };
export const accountScope = (accountId: string): Scope => ({ kind: 'account', accountId });
export const ownScope = (userId: string): Scope => ({ kind: 'own', userId });

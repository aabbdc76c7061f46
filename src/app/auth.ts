import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { noPermissions } from '../core/context';
import { AppError } from '../core/errors';
import { isUuid } from '../core/ids';
import { isSessionGuardError } from '../db/tenant-context';
import { CSRF_HEADER, sessionCookieOf } from '../http/kit/session-cookie';
import { type Tier, tierOf } from '../http/kit/tiers';
import { accountExists, authenticateApiKey, authenticateSession, boundedPermissions, confirmSession, csrfTokenMatches, isApiKeyToken } from '../modules/access';
import type { AppDeps } from './deps';
import { isInfrastructureRoute } from './route-check';
import { WRITE_METHODS } from './route-errors';

/** The guard's refusal: its own code, naming the permission, so clients (and tests) can tell it apart. */
const permissionDenied = (permission: string, where = '') =>
  new AppError('PERMISSION_DENIED', `You need the permission ${permission}${where ? ` ${where}` : ''}`, { extra: { permission } });

const unauthenticated = (detail = "Sign in first: send Authorization: Bearer <session token> (or the console's session cookie)") =>
  new AppError('UNAUTHENTICATED', detail);

/**
 * A request with an API key: the key's creator is the actor (with the key's id beside
 * it, which the audit trail records), and the permissions are the key's, bounded by what
 * the creator holds now. Counted per key and one-minute window in the database (every
 * process shares the count): past the key's limit, 429 RATE_LIMITED. Every answer to a
 * key carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (seconds).
 */
async function authenticateWithApiKey(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, token: string, accountId: string | undefined) {
  const key = await authenticateApiKey(deps.db, token, request.ctx, { accountId });
  const { limit, used, resetSeconds } = key.rateLimit;
  reply.header('ratelimit-limit', String(limit));
  reply.header('ratelimit-remaining', String(Math.max(0, limit - used)));
  reply.header('ratelimit-reset', String(resetSeconds));
  if (used > limit) throw new AppError('RATE_LIMITED', undefined, { retryAfter: resetSeconds });
  request.accountExists = key.accountExists;
  request.ctx.tenantId = key.tenantId;
  request.ctx.actor = { userId: key.userId, tenantId: key.tenantId, apiKeyId: key.apiKeyId };
  request.tenantStatus = key.tenantDeleted ? 'DELETED' : key.tenantStatus;
  request.ctx.permissions = boundedPermissions(key.permissions, await deps.permissions.resolve(request.ctx, key.userId, key.authzVersion));
}

/** A session token (bearer or cookie): the session decides the tenant, the actor and their permissions. */
async function authenticateWithSession(deps: AppDeps, request: FastifyRequest, token: string, tier: Tier) {
  const accountId = tier === 'account' ? (request.params as { accountId?: string }).accountId : undefined;
  const session = await authenticateSession(deps.db, token, request.ctx, deps.config.sessionIdleMs, {
    accountId: isUuid(accountId) ? accountId : undefined,
    cache: request.freshSession ? undefined : deps.sessions,
  });
  if (session.guard) request.ctx.sessionGuard = session.guard;
  request.accountExists = session.accountExists;
  request.ctx.tenantId = session.tenantId;
  request.ctx.actor = { userId: session.userId, tenantId: session.tenantId, sessionId: session.sessionId };
  request.tenantStatus = session.tenantDeleted ? 'DELETED' : session.tenantStatus;
  try {
    request.ctx.permissions = await deps.permissions.resolve(request.ctx, session.userId, session.authzVersion);
  } catch (error) {
    // Resolving the cached session's permissions ran into the session guard (revoked, or
    // the authorization moved on): authenticate afresh, without the cache.
    if (!session.guard || request.freshSession || !isSessionGuardError(error)) throw error;
    request.freshSession = true;
    request.ctx.sessionGuard = undefined;
    return authenticateWithSession(deps, request, token, tier);
  }
}

/**
 * The console's session cookie. The browser sends it with every request to /api of this
 * origin, so a request that changes something must prove it comes from the console: its
 * X-CSRF-Token header must be the session's CSRF token (which only a page of this origin
 * can have read, from the sign-in answer or GET /api/v1/user/session) — else 403
 * CSRF_TOKEN_INVALID. On public routes the cookie counts only for reads and only when it
 * is still a session (a stale cookie must not stand in the way of signing in again);
 * false: it did not authenticate this request.
 */
async function authenticateWithCookie(deps: AppDeps, request: FastifyRequest, token: string, tier: Tier): Promise<boolean> {
  const write = WRITE_METHODS.has(request.method);
  if (tier === 'public') {
    if (write) return false;
    try {
      await authenticateWithSession(deps, request, token, tier);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return false;
      throw error;
    }
  } else {
    await authenticateWithSession(deps, request, token, tier);
  }
  if (write && !csrfTokenMatches(token, request.headers[CSRF_HEADER])) {
    throw new AppError(
      'CSRF_TOKEN_INVALID',
      'Send the X-CSRF-Token header with the CSRF token of your session (from the sign-in answer or GET /api/v1/user/session)',
    );
  }
  request.sessionCookie = token;
  return true;
}

/** The tenant named by X-Tenant or by the host name (<identifier>.<TENANT_DOMAIN>). */
export function requestedTenant(request: FastifyRequest, tenantDomain: string): string | null {
  const header = request.headers['x-tenant'];
  if (typeof header === 'string' && header.trim()) return header.trim().toLowerCase();
  const host = (request.headers.host ?? '').split(':')[0]!.toLowerCase();
  const suffix = `.${tenantDomain}`;
  if (host.endsWith(suffix)) {
    const label = host.slice(0, -suffix.length);
    if (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) return label;
  }
  return null;
}

/**
 * onRequest: establishes request.ctx — the tenant and, with a session token, the actor
 * and their effective permissions. A token decides the tenant; otherwise public routes
 * take it from X-Tenant or the host. Suspended, inactive or deleted tenants are refused
 * everywhere but on platform routes.
 */
export function authenticationHook(deps: AppDeps) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const tier = tierOf(request.routeOptions.url);
    const userAgent = request.headers['user-agent'];
    request.ctx = {
      requestId: request.id,
      tenantId: null,
      actor: null,
      permissions: noPermissions,
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 500) : undefined,
    };
    if (tier === null) return; // /health, /docs, /openapi.json, 404s

    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <session token>"');
      if (isApiKeyToken(match[1]!)) {
        const accountId = tier === 'account' ? (request.params as { accountId?: string }).accountId : undefined;
        await authenticateWithApiKey(deps, request, reply, match[1]!, isUuid(accountId) ? accountId : undefined);
        return checkTenantStatus(request, tier);
      }
      await authenticateWithSession(deps, request, match[1]!, tier);
    } else {
      const cookie = sessionCookieOf(request.headers.cookie);
      const signedIn = cookie !== undefined && (await authenticateWithCookie(deps, request, cookie, tier));
      if (!signedIn && tier !== 'public') throw unauthenticated();
      if (!signedIn) {
        const identifier = requestedTenant(request, deps.config.tenantDomain);
        if (identifier) {
          const tenant = await deps.tenants.byIdentifier(identifier);
          if (!tenant) throw new AppError('TENANT_NOT_FOUND', `The tenant "${identifier}" was not found`);
          request.ctx.tenantId = tenant.id;
          request.tenantStatus = tenant.deleted ? 'DELETED' : tenant.status;
        } else if (!request.routeOptions.config.tenantOptional) {
          throw new AppError('TENANT_REQUIRED', `Name the tenant: send the X-Tenant: <identifier> header or use <identifier>.${deps.config.tenantDomain}`);
        }
      }
    }

    checkTenantStatus(request, tier);
  };
}

/** Suspended, inactive or deleted tenants are refused everywhere but on platform routes. */
function checkTenantStatus(request: FastifyRequest, tier: string): void {
  if (tier !== 'platform' && request.tenantStatus && !['ACTIVE', 'TRIAL'].includes(request.tenantStatus)) {
    throw new AppError('TENANT_SUSPENDED', `This marketplace is ${request.tenantStatus.toLowerCase()}; contact the operator`);
  }
}

/**
 * preValidation: the route's declared permission, checked against the actor's
 * effective permissions (in the route's account for /account/{accountId} routes).
 * Runs before input validation, so a caller without access learns nothing from it.
 */
export function guardHook(deps: AppDeps) {
  const check = permissionCheck(deps);
  const authenticate = authenticationHook(deps);
  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      await check(request, reply);
    } catch (error) {
      // A refusal on cached permissions is checked once more on fresh ones (session-cache.ts).
      if (!(await authenticatedAfresh(request, reply, authenticate))) throw error;
      await check(request, reply);
    }
  };
}

/**
 * A request whose session came from the cache and that failed before any of its
 * transactions got past the session guard — refused on cached permissions, or refused by
 * the guard itself (revoked, or the authorization version moved on) — is authenticated
 * afresh, without the cache, once: nothing of it has been committed, so its permission
 * check and handler can run again on current facts (an error from the fresh
 * authentication, e.g. 401, is the answer). False when that does not apply.
 */
async function authenticatedAfresh(
  request: FastifyRequest,
  reply: FastifyReply,
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): Promise<boolean> {
  const guard = request.ctx?.sessionGuard;
  if (!guard || guard.verified || request.freshSession) return false;
  request.freshSession = true;
  await authenticate(request, reply);
  return true;
}

/**
 * Whether the request's session, served from the cache and not yet confirmed by any of
 * its transactions, turned out stale: the guard refused one of them (`error`), or — run
 * on its own now (one round trip) — refuses. False when there is nothing to confirm.
 */
async function staleSession(deps: AppDeps, request: FastifyRequest, error?: unknown): Promise<boolean> {
  const guard = request.ctx?.sessionGuard;
  if (!guard || guard.verified || request.freshSession) return false;
  if (error !== undefined && isSessionGuardError(error)) return true;
  try {
    await confirmSession(deps.db, request.ctx);
    return false;
  } catch (refusal) {
    if (isSessionGuardError(refusal)) return true;
    throw refusal;
  }
}

/**
 * onRoute: no answer leaves on a stale cached session. When a handler's answer or error
 * was made without the session guard passing — it ran no transaction, or the guard
 * refused — and the guard refuses (the session was revoked, or its permissions changed
 * since they were cached), the request is authenticated afresh (401 if the session is
 * gone) and the handler runs again on current facts: nothing of it was committed. An
 * error that the guard confirms stands as it is, so a refused input costs one round trip
 * and is never read twice. A multipart upload cannot be read twice: its error stands
 * once the fresh authentication succeeds.
 */
export function rerunOnStaleSession(deps: AppDeps) {
  const check = permissionCheck(deps);
  const authenticate = authenticationHook(deps);
  return (route: RouteOptions): void => {
    const handler = route.handler as (this: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;
    route.handler = async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
      try {
        const answer = await handler.call(this, request, reply);
        if (reply.sent || !(await staleSession(deps, request))) return answer;
      } catch (error) {
        if (!(await staleSession(deps, request, error))) throw error;
        if (isMultipart(request)) {
          await authenticatedAfresh(request, reply, authenticate);
          throw error;
        }
      }
      await authenticatedAfresh(request, reply, authenticate);
      await check(request, reply);
      return handler.call(this, request, reply);
    };
  };
}

const isMultipart = (request: FastifyRequest) => /^multipart\//i.test(request.headers['content-type'] ?? '');

function permissionCheck(deps: AppDeps) {
  return async function check(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const permission = request.routeOptions.config.permission;
    const tier = tierOf(request.routeOptions.url);
    // Fail closed: the start-up check refuses such routes; should one slip through, it serves nothing.
    if (tier === null) {
      const url = request.routeOptions.url;
      if (url === undefined || isInfrastructureRoute(url)) return; // undefined: no route matched (404)
      throw new AppError('ROUTE_WITHOUT_PERMISSION', 'This route declares no permission');
    }
    if (!permission) throw new AppError('ROUTE_WITHOUT_PERMISSION', 'This route declares no permission');
    if (permission.startsWith('public.')) return;
    const { ctx } = request;
    if (!ctx.actor) throw unauthenticated();
    if (tier === 'account') {
      // Every account route first establishes that the account exists in this tenant:
      // another tenant's account (or a missing or deleted one) looks exactly like
      // nothing — 404 — even to a tenant-wide administrator, before any service runs.
      const accountId = (request.params as { accountId?: string }).accountId;
      if (!isUuid(accountId)) throw new AppError('ACCOUNT_NOT_FOUND');
      const exists = request.accountExists ?? (await accountExists(deps.db, ctx, accountId));
      if (!exists) throw new AppError('ACCOUNT_NOT_FOUND');
      if (!ctx.permissions.can(permission, accountId)) throw permissionDenied(permission, 'in this account');
      return;
    }
    if (!ctx.permissions.can(permission)) throw permissionDenied(permission);
  };
}

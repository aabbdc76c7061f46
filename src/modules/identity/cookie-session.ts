import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import { csrfTokenFor } from '../access';
import type { IdentityDeps } from './deps';
import { presentSession } from './schemas';
import { findLiveSession, revokeSession } from './session-repository';
import { login } from './sign-in';

/**
 * The console's cookie session: the same session as a bearer sign-in, but the token goes
 * into an HttpOnly cookie (set by the route) and the script gets only the session's
 * CSRF token, which it sends back as X-CSRF-Token on every change.
 */

/** Signs in with login's checks (password, two-factor, attempt limits); answers the token for the cookie and the CSRF token. */
export async function startCookieSession(deps: IdentityDeps, ctx: RequestContext, input: Parameters<typeof login>[2]) {
  const { token, expiresAt, user } = await login(deps, ctx, input);
  return { token, expiresAt, user, csrfToken: csrfTokenFor(token) };
}

function requireSessionId(ctx: RequestContext): { userId: string; sessionId: string } {
  const actor = requireActor(ctx);
  if (!actor.sessionId) throw new AppError('SESSION_NOT_FOUND', 'This request is signed with an API key, which is not a session');
  return { userId: actor.userId, sessionId: actor.sessionId };
}

/** The session this request belongs to; with the cookie, its CSRF token (how a reloaded console resumes). */
export async function currentSession(deps: IdentityDeps, ctx: RequestContext, cookieToken: string | undefined) {
  const { userId, sessionId } = requireSessionId(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const row = await findLiveSession(tx, userId, sessionId);
    if (!row) throw new AppError('SESSION_NOT_FOUND');
    return {
      ...presentSession(row, sessionId),
      via: cookieToken ? ('cookie' as const) : ('bearer' as const),
      csrfToken: cookieToken ? csrfTokenFor(cookieToken) : null,
    };
  });
}

/** Signs out the session this request belongs to (the route also clears the cookie). */
export async function endCurrentSession(deps: IdentityDeps, ctx: RequestContext): Promise<void> {
  const { sessionId } = requireSessionId(ctx);
  await withTenant(deps.db, ctx, (tx) => revokeSession(tx, sessionId));
}

import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { idCursor } from '../../db/keyset';
import { withTenant } from '../../db/tenant-context';
import type { IdentityDeps } from './deps';
import { presentSession } from './schemas';
import { listLiveSessions, revokeOwnSession, revokeSessions } from './session-repository';

/** The signed-in person's sessions: list them, sign one out, or all but the current one. */

export async function listSessions(deps: IdentityDeps, ctx: RequestContext, page: { limit: number; cursor?: string }) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const found = await listLiveSessions(tx, actor.userId, page);
    return toPage(
      found,
      page.limit,
      (s) => idCursor(s.id),
      (s) => presentSession(s, actor.sessionId),
    );
  });
}

export async function revokeSession(deps: IdentityDeps, ctx: RequestContext, sessionId: string): Promise<void> {
  const actor = requireActor(ctx);
  await withTenant(deps.db, ctx, async (tx) => {
    if (!(await revokeOwnSession(tx, actor.userId, sessionId))) throw new AppError('SESSION_NOT_FOUND');
  });
}

export async function revokeOtherSessions(deps: IdentityDeps, ctx: RequestContext) {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => ({ revokedSessions: await revokeSessions(tx, actor.userId, actor.sessionId) }));
}

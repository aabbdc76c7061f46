import { type RequestContext, requireActor } from '../../core/context';
import { withTenant } from '../../db/tenant-context';
import { assertHoldsAll, assertLevelAtMost, levelOf } from '../access';
import { emitEvent } from '../events';
import type { IdentityDeps } from './deps';
import { sendLinkMail } from './mails';
import { assertStrongPassword, hashPassword } from './passwords';
import { insertUser, roleLevelsByName, rolePermissionNames } from './repository';
import { presentUser } from './schemas';

/**
 * Tenant administration: create a user. With a password the user can sign in at once;
 * without one they get an invitation e-mail with a link to choose it. Roles given here
 * follow the escalation rules: no role above one's own level, none carrying a
 * permission one does not hold.
 */
export async function createUser(
  deps: IdentityDeps,
  ctx: RequestContext,
  input: { email: string; displayName: string; username?: string; password?: string; roles?: string[] },
) {
  const actor = requireActor(ctx);
  if (input.password) assertStrongPassword(input.password, input.email);
  const hashedPassword = input.password ? await hashPassword(input.password) : null;
  return withTenant(deps.db, ctx, async (tx) => {
    if (input.roles?.length) {
      const own = await levelOf(tx, actor.userId);
      for (const level of await roleLevelsByName(tx, input.roles)) assertLevelAtMost(own, level);
      assertHoldsAll(ctx.permissions, await rolePermissionNames(tx, input.roles));
    }
    const { user, profile } = await insertUser(tx, tx.tenantId, { ...input, hashedPassword, assignedBy: actor.userId });
    if (hashedPassword) await sendLinkMail(deps, tx, 'verification', user);
    else await sendLinkMail(deps, tx, 'invitation', user);
    await emitEvent(tx, { type: 'user.created', actorId: actor.userId, resourceType: 'user', resourceId: user.id, payload: { id: user.id } });
    return presentUser(user, profile);
  });
}

import { type RequestContext, requireTenant } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import type { IdentityDeps } from './deps';
import { sendLinkMail } from './mails';
import { assertStrongPassword, hashPassword } from './passwords';
import { findOwnTenant, insertUser } from './repository';
import { presentUser } from './schemas';

/** Self-registration (unless the tenant's settings.registration is "closed"); a verification e-mail goes out. */
export async function register(deps: IdentityDeps, ctx: RequestContext, input: { email: string; password: string; displayName: string; username?: string }) {
  const tenantId = requireTenant(ctx);
  assertStrongPassword(input.password, input.email);
  const hashedPassword = await hashPassword(input.password);
  return withTenant(deps.db, ctx, async (tx) => {
    if ((await findOwnTenant(tx))?.settings.registration === 'closed') {
      throw new AppError('REGISTRATION_CLOSED', 'This marketplace does not accept sign-ups; ask an administrator for an invitation');
    }
    const { user, profile } = await insertUser(tx, tenantId, { ...input, hashedPassword });
    await sendLinkMail(deps, tx, 'verification', user);
    return presentUser(user, profile);
  });
}

import { type RequestContext, requireTenant } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import type { IdentityDeps } from './deps';
import { verifyPassword } from './passwords';
import { ownPasswordKey, releaseAttempt, reserveAttempt } from './throttle';

/** Own-password checks per user and 15 minutes: a stolen session cannot guess the password. */
const OWN_PASSWORD_RULE = { limit: 5, windowSeconds: 15 * 60 };

/**
 * Checks the signed-in person's password before a sensitive change (new password, 2FA
 * off). Like sign-in, the attempt is counted first, in a transaction of its own (429
 * past the limit), the password checked outside any transaction (argon2), and a right
 * password gives its attempt back.
 */
export async function checkOwnPassword(
  deps: IdentityDeps,
  ctx: RequestContext,
  user: { id: string; hashedPassword: string | null },
  password: string,
  field: string,
): Promise<void> {
  const key = ownPasswordKey(requireTenant(ctx), user.id);
  await withTenant(deps.db, ctx, (tx) => reserveAttempt(tx, key, OWN_PASSWORD_RULE));
  if (!user.hashedPassword || !(await verifyPassword(user.hashedPassword, password))) {
    throw new AppError('WRONG_PASSWORD', 'The password is wrong', { errors: [{ path: field, message: 'is wrong' }] });
  }
  await withTenant(deps.db, ctx, (tx) => releaseAttempt(tx, key));
}

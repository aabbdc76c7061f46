import { type RequestContext, requireTenant } from '../../core/context';
import { withTenant } from '../../db/tenant-context';
import { hashToken, tokenTenant } from '../access';
import type { IdentityDeps } from './deps';
import { badToken } from './email-verification';
import { sendLinkMail } from './mails';
import { noticePasswordChanged } from './notices';
import { assertStrongPassword, hashPassword } from './passwords';
import { findUser, findUserByEmail, normaliseEmail, setPasswordFromReset } from './repository';
import { revokeSessions } from './session-repository';
import { takeMailAllowance, throttleKey } from './throttle';
import { consumeOneTimeToken, deleteLiveTokens } from './token-repository';

/** Password-reset e-mails per address and hour: a reset request must not become a mail bomb. */
const RESET_MAIL_RULE = { limit: 3, windowSeconds: 3600 };

/** Always the same answer, whether or not the address exists. */
export async function requestPasswordReset(deps: IdentityDeps, ctx: RequestContext, email: string): Promise<void> {
  const key = throttleKey('reset-mail', requireTenant(ctx), normaliseEmail(email));
  await withTenant(deps.db, ctx, async (tx) => {
    // The same reads and writes for a known and an unknown address (only the e-mail
    // differs), so neither the answer nor its timing tells who has an account.
    const user = await findUserByEmail(tx, email);
    // Used up: silently — the person already has a fresh link in their inbox.
    if (!(await takeMailAllowance(tx, key, RESET_MAIL_RULE)) || !user || user.deactivatedAt) return;
    await sendLinkMail(deps, tx, 'passwordReset', user);
  });
}

/** Sets the new password, signs out every session, and counts as e-mail verification. The token names its tenant. */
export async function confirmPasswordReset(deps: IdentityDeps, ctx: RequestContext, token: string, newPassword: string): Promise<void> {
  const tenantId = tokenTenant(token, 'mrst');
  if (!tenantId || (ctx.tenantId && ctx.tenantId !== tenantId)) throw badToken();
  const hashedPassword = await hashPassword(newPassword);
  await withTenant(deps.db, { ...ctx, tenantId }, async (tx) => {
    const userId = await consumeOneTimeToken(tx, hashToken(token), 'PASSWORD_RESET');
    if (!userId) throw badToken();
    const user = await findUser(tx, userId, { includeDeleted: true });
    assertStrongPassword(newPassword, user?.email);
    await setPasswordFromReset(tx, userId, hashedPassword);
    // Choosing the first password (an invitation) is no change to warn about.
    if (user?.hashedPassword) await noticePasswordChanged(tx, userId);
    await revokeSessions(tx, userId);
    await deleteLiveTokens(tx, userId, 'PASSWORD_RESET');
  });
}

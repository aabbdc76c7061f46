import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import { hashToken, tokenTenant } from '../access';
import type { IdentityDeps } from './deps';
import { sendLinkMail } from './mails';
import { findUser, markEmailVerified } from './repository';
import { reserveAttempt, throttleKey } from './throttle';
import { consumeOneTimeToken } from './token-repository';

export const badToken = () => new AppError('INVALID_TOKEN', 'This link is invalid, was already used or has expired');

/** Verification e-mails a person may ask for per hour: mail goes to an address of their choosing. */
const VERIFY_MAIL_RULE = { limit: 3, windowSeconds: 3600 };

/** The link from the verification e-mail. The token names its tenant. */
export async function verifyEmail(deps: IdentityDeps, ctx: RequestContext, token: string): Promise<void> {
  const tenantId = tokenTenant(token, 'mver');
  if (!tenantId || (ctx.tenantId && ctx.tenantId !== tenantId)) throw badToken();
  await withTenant(deps.db, { ...ctx, tenantId }, async (tx) => {
    const userId = await consumeOneTimeToken(tx, hashToken(token), 'EMAIL_VERIFICATION');
    if (!userId) throw badToken();
    await markEmailVerified(tx, userId);
  });
}

/**
 * Sends the caller a fresh verification link: a few per hour, not a mail cannon. The
 * request is counted in a transaction of its own, which stays when the rest fails.
 */
export async function resendVerification(deps: IdentityDeps, ctx: RequestContext): Promise<void> {
  const actor = requireActor(ctx);
  await withTenant(deps.db, ctx, (tx) => reserveAttempt(tx, throttleKey('verify-mail', tx.tenantId, actor.userId), VERIFY_MAIL_RULE));
  await withTenant(deps.db, ctx, async (tx) => {
    const user = await findUser(tx, actor.userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (user.emailVerified) throw new AppError('ALREADY_VERIFIED', 'The e-mail address is already verified');
    await sendLinkMail(deps, tx, 'verification', user);
  });
}

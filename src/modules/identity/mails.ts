import type { TenantTx } from '../../db/tenant-context';
import { issueToken, type TokenPrefix } from '../access';
import type { IdentityDeps } from './deps';
import { insertOneTimeToken, type OneTimeTokenPurpose } from './token-repository';

/**
 * The e-mails with a link that identity sends: verification, password reset and
 * invitation. Each link carries a single-use token, stored hashed; the tenant is the
 * transaction's.
 */

export const EMAIL_VERIFICATION_TTL = '3 days';
export const PASSWORD_RESET_TTL = '1 hour';
export const INVITATION_TTL = '7 days';

async function issueOneTimeToken(tx: TenantTx, userId: string, purpose: OneTimeTokenPurpose, ttl: string): Promise<string> {
  const prefix: TokenPrefix = purpose === 'EMAIL_VERIFICATION' ? 'mver' : 'mrst';
  const { token, hash } = issueToken(prefix, tx.tenantId);
  await insertOneTimeToken(tx, { userId, purpose, tokenHash: hash, ttl });
  return token;
}

export async function sendVerificationMail(deps: IdentityDeps, tx: TenantTx, user: { id: string; email: string }): Promise<void> {
  const token = await issueOneTimeToken(tx, user.id, 'EMAIL_VERIFICATION', EMAIL_VERIFICATION_TTL);
  await deps.mailer.send(tx, tx.tenantId, {
    to: user.email,
    subject: 'Confirm your e-mail address',
    text: `Confirm your address: ${deps.config.publicUrl}/verify-email?token=${token}\n(or POST it to /api/v1/public/auth/verify-email). The link expires in ${EMAIL_VERIFICATION_TTL}.`,
    template: 'auth.verify-email',
    payload: { token },
  });
}

export async function sendPasswordResetMail(deps: IdentityDeps, tx: TenantTx, user: { id: string; email: string }): Promise<void> {
  const token = await issueOneTimeToken(tx, user.id, 'PASSWORD_RESET', PASSWORD_RESET_TTL);
  await deps.mailer.send(tx, tx.tenantId, {
    to: user.email,
    subject: 'Reset your password',
    text: `Choose a new password: ${deps.config.publicUrl}/reset-password?token=${token}\nThe link expires in ${PASSWORD_RESET_TTL}. If you did not ask for it, ignore this message.`,
    template: 'auth.password-reset',
    payload: { token },
  });
}

/** A user created without a password chooses one through a (longer-lived) reset link. */
export async function sendInvitationMail(deps: IdentityDeps, tx: TenantTx, user: { id: string; email: string }): Promise<void> {
  const token = await issueOneTimeToken(tx, user.id, 'PASSWORD_RESET', INVITATION_TTL);
  await deps.mailer.send(tx, tx.tenantId, {
    to: user.email,
    subject: 'You are invited',
    text: `You have been invited. Choose your password: ${deps.config.publicUrl}/reset-password?token=${token}\nThe link expires in ${INVITATION_TTL}.`,
    template: 'auth.invitation',
    payload: { token },
  });
}

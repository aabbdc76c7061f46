import type { TenantTx } from '../../db/tenant-context';
import { issueToken } from '../access';
import type { IdentityDeps } from './deps';
import { insertOneTimeToken, type OneTimeTokenPurpose } from './token-repository';

/**
 * The e-mails with a link that identity sends. Each link carries a single-use token of
 * the transaction's tenant, stored hashed; a user invited without a password chooses one
 * through a (longer-lived) reset link.
 */
const LINK_MAILS = {
  verification: {
    purpose: 'EMAIL_VERIFICATION',
    ttl: '3 days',
    subject: 'Confirm your e-mail address',
    template: 'auth.verify-email',
    text: (url: string, token: string, ttl: string) =>
      `Confirm your address: ${url}/console/verify-email?token=${token}\n(or POST it to /api/v1/public/auth/verify-email). The link expires in ${ttl}.`,
  },
  passwordReset: {
    purpose: 'PASSWORD_RESET',
    ttl: '1 hour',
    subject: 'Reset your password',
    template: 'auth.password-reset',
    text: (url: string, token: string, ttl: string) =>
      `Choose a new password: ${url}/console/reset-password?token=${token}\nThe link expires in ${ttl}. If you did not ask for it, ignore this message.`,
  },
  alreadyRegistered: {
    purpose: 'PASSWORD_RESET',
    ttl: '1 hour',
    subject: 'You already have an account',
    template: 'auth.already-registered',
    text: (url: string, token: string, ttl: string) =>
      `Somebody (perhaps you) tried to register with this address, which already has an account. Sign in at ${url}, or choose a new password: ${url}/console/reset-password?token=${token}\nThe link expires in ${ttl}. If it was not you, ignore this message.`,
  },
  invitation: {
    purpose: 'PASSWORD_RESET',
    ttl: '7 days',
    subject: 'You are invited',
    template: 'auth.invitation',
    text: (url: string, token: string, ttl: string) =>
      `You have been invited. Choose your password: ${url}/console/reset-password?token=${token}\nThe link expires in ${ttl}.`,
  },
} satisfies Record<
  string,
  { purpose: OneTimeTokenPurpose; ttl: string; subject: string; template: string; text: (url: string, token: string, ttl: string) => string }
>;

export type LinkMail = keyof typeof LINK_MAILS;

/** Issues the link's token and queues the e-mail in the tenant's outbox, in the caller's transaction. */
export async function sendLinkMail(deps: IdentityDeps, tx: TenantTx, kind: LinkMail, user: { id: string; email: string }): Promise<void> {
  const mail = LINK_MAILS[kind];
  const { token, hash } = issueToken(mail.purpose === 'EMAIL_VERIFICATION' ? 'mver' : 'mrst', tx.tenantId);
  await insertOneTimeToken(tx, { userId: user.id, purpose: mail.purpose, tokenHash: hash, ttl: mail.ttl });
  await deps.mailer.send(tx, tx.tenantId, {
    to: user.email,
    subject: mail.subject,
    text: mail.text(deps.config.publicUrl, token, mail.ttl),
    template: mail.template,
    payload: { token },
  });
}

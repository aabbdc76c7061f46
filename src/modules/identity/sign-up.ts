import { type RequestContext, requireTenant } from '../../core/context';
import { AppError } from '../../core/errors';
import { withTenant } from '../../db/tenant-context';
import { emitEvent } from '../events';
import type { IdentityDeps } from './deps';
import { sendLinkMail } from './mails';
import { assertStrongPassword, hashPassword } from './passwords';
import { findOwnTenant, findUserByEmail, insertUser, normaliseEmail } from './repository';
import { takeMailAllowance, throttleKey } from './throttle';

/** "You already have an account" e-mails per address and hour: registering must not become a mail bomb. */
const EXISTING_MAIL_RULE = { limit: 3, windowSeconds: 3600 };

/** What registration answers — the same whether or not the address is already registered. */
export interface RegistrationAccepted {
  email: string;
  message: string;
}

/**
 * Self-registration (unless the tenant's settings.registration is "closed"). The answer
 * does not tell whether the address was free: a new address gets a verification e-mail,
 * a registered one an e-mail saying so (with a link to choose a new password). Both paths
 * hash the password and write in one transaction, so they also take the same time.
 */
export async function register(
  deps: IdentityDeps,
  ctx: RequestContext,
  input: { email: string; password: string; displayName: string; username?: string },
): Promise<RegistrationAccepted> {
  const tenantId = requireTenant(ctx);
  assertStrongPassword(input.password, input.email);
  const hashedPassword = await hashPassword(input.password);
  const accepted = { email: normaliseEmail(input.email), message: 'We sent an e-mail to this address: follow its link to continue.' };
  try {
    await withTenant(deps.db, ctx, async (tx) => {
      if ((await findOwnTenant(tx))?.settings.registration === 'closed') {
        throw new AppError('REGISTRATION_CLOSED', 'This marketplace does not accept sign-ups; ask an administrator for an invitation');
      }
      const existing = await findUserByEmail(tx, input.email);
      if (existing) {
        const key = throttleKey('existing-mail', tenantId, accepted.email);
        if (!existing.deactivatedAt && (await takeMailAllowance(tx, key, EXISTING_MAIL_RULE))) await sendLinkMail(deps, tx, 'alreadyRegistered', existing);
        return;
      }
      const { user } = await insertUser(tx, tenantId, { ...input, hashedPassword });
      await sendLinkMail(deps, tx, 'verification', user);
      // Only the id: events outlive an erasure, so they carry no personal data of a person.
      await emitEvent(tx, { type: 'user.registered', actorId: user.id, resourceType: 'user', resourceId: user.id, payload: { id: user.id } });
    });
  } catch (error) {
    // A parallel registration of the same address won the race: same answer, its e-mail is on its way.
    if (!(error instanceof AppError && error.code === 'EMAIL_TAKEN')) throw error;
  }
  return accepted;
}

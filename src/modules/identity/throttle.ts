import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors';
import type { Tx } from '../../db/tenant-context';
import { countAttempt, countDelayedAttempt, countFailure, deleteThrottle, deleteThrottleFamily, lockedFor, uncountAttempt } from './throttle-repository';

/**
 * Attempts, counted in the database (so every API process sees the same count). Sign-in
 * is limited three ways:
 *
 *   - per e-mail *and* IP, progressively: 5 attempts an hour, then 1, 2, 4, … seconds
 *     (at most 15 minutes) before the next — guessing from one place gets slow fast,
 *     while the owner signing in from elsewhere is not locked out by somebody else's guesses;
 *   - per e-mail from all places: 100 per 15 minutes (a distributed guess), then 429;
 *   - per IP across addresses: 50 per 15 minutes (spraying many accounts).
 *
 * Refusals are 429 with Retry-After. A successful sign-in clears the e-mail's keys of that
 * IP; an administrator's unlock clears all keys of the address (unlockKeys).
 */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

export interface DelayRule {
  free: number;
  windowSeconds: number;
  maxDelaySeconds: number;
}

export const LOGIN_RULES = {
  emailAndIp: { free: 5, windowSeconds: 60 * 60, maxDelaySeconds: 15 * 60 },
  email: { limit: 100, windowSeconds: 15 * 60 },
  ip: { limit: 50, windowSeconds: 15 * 60 },
} satisfies { emailAndIp: DelayRule; email: ThrottleRule; ip: ThrottleRule };

export const throttleKey = (...parts: string[]) => createHash('sha256').update(parts.join('\u001f')).digest('hex');

/**
 * Counts an attempt *before* it is checked, atomically, and refuses it (429) once the key
 * has used up its window: parallel guesses cannot all slip past a check made before
 * any failure was recorded. A successful attempt gives its reservation back.
 */
export async function reserveAttempt(tx: Tx, key: string, rule: ThrottleRule): Promise<void> {
  const row = await countAttempt(tx, key, rule.windowSeconds);
  if (row && row.attempts > rule.limit) {
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many attempts; try again in ${row.retry} seconds`, { retryAfter: row.retry });
  }
}

/** Gives back the reservation of an attempt that succeeded. */
export const releaseAttempt = (tx: Tx, key: string): Promise<void> => uncountAttempt(tx, key);

/** Whether the key is locked now (for answers that must not tell). */
const isLocked = async (tx: Tx, key: string): Promise<boolean> => (await lockedFor(tx, key)) !== undefined;

/** Counts a failure (atomically); locks the key when it reaches the limit. */
const recordFailure = (tx: Tx, key: string, rule: ThrottleRule): Promise<void> => countFailure(tx, key, rule.limit, rule.windowSeconds);

/**
 * Counts one e-mail against the key's allowance (a reset link, an "already registered"
 * notice): false, and nothing counted, once the allowance is used up — the caller then
 * sends nothing and answers as always, so a request cannot become a mail bomb.
 */
export async function takeMailAllowance(tx: Tx, key: string, rule: ThrottleRule): Promise<boolean> {
  if (await isLocked(tx, key)) return false;
  await recordFailure(tx, key, rule);
  return true;
}

export const clearFailures = (tx: Tx, key: string): Promise<void> => deleteThrottle(tx, key);

/**
 * Counts an attempt of a progressively delayed key before it is checked, or refuses it
 * (429 with Retry-After) while the key waits out its delay. Parallel attempts cannot all
 * slip through: the one that starts a delay refuses the ones after it.
 */
export async function reserveDelayedAttempt(tx: Tx, key: string, rule: DelayRule): Promise<void> {
  if ((await countDelayedAttempt(tx, key, rule)) !== undefined) return;
  const retry = (await lockedFor(tx, key)) ?? 1;
  throw new AppError('TOO_MANY_ATTEMPTS', `Too many attempts; try again in ${retry} seconds`, { retryAfter: retry });
}

/** The sign-in keys of an address: per e-mail, and per e-mail and IP under it. */
export function loginKeys(tenantId: string, email: string, ip: string | undefined) {
  const email_ = throttleKey('login-email', tenantId, email);
  return { email: email_, emailAndIp: `${email_}:${throttleKey('login-ip', ip ?? 'unknown')}`, ip: throttleKey('login-ip', ip ?? 'unknown') };
}

/** Checks of one's own password while signed in (change password, 2FA off), per user. */
export const ownPasswordKey = (tenantId: string, userId: string) => throttleKey('own-password', tenantId, userId);

/** Second-factor guesses while signed in (confirm, disable, new recovery codes), per user. */
export const secondFactorKey = (tenantId: string, userId: string) => throttleKey('second-factor', tenantId, userId);

/**
 * An administrator's unlock: forgets every counted attempt of the person — sign-in with
 * their address from anywhere, own-password and second-factor checks.
 */
export async function unlockUser(tx: Tx, tenantId: string, user: { id: string; email: string }): Promise<void> {
  await deleteThrottleFamily(tx, loginKeys(tenantId, user.email, undefined).email);
  await deleteThrottle(tx, ownPasswordKey(tenantId, user.id));
  await deleteThrottle(tx, secondFactorKey(tenantId, user.id));
}

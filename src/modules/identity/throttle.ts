import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors';
import type { Tx } from '../../db/tenant-context';
import { countAttempt, countFailure, deleteThrottle, lockedFor, uncountAttempt } from './throttle-repository';

/**
 * Failed sign-ins, counted in the database (so every API process sees the same count):
 * per tenant+e-mail (guessing one person's password) and per IP (spraying many
 * accounts). Past the limit the key is locked for the rest of its window: 429 with
 * Retry-After. A successful sign-in clears the e-mail key.
 */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

export const LOGIN_RULES = {
  email: { limit: 5, windowSeconds: 15 * 60 },
  ip: { limit: 50, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

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
export const isLocked = async (tx: Tx, key: string): Promise<boolean> => (await lockedFor(tx, key)) !== undefined;

/** Counts a failure (atomically); locks the key when it reaches the limit. */
export const recordFailure = (tx: Tx, key: string, rule: ThrottleRule): Promise<void> => countFailure(tx, key, rule.limit, rule.windowSeconds);

export const clearFailures = (tx: Tx, key: string): Promise<void> => deleteThrottle(tx, key);

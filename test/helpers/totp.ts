import { setTimeout as sleep } from 'node:timers/promises';
import { currentTotp } from '../../src/modules/identity/totp';

const STEP_MS = 30_000;

/**
 * Six digits that are no code of `secret` in any step from a minute ago to a minute and a
 * half ahead — wrong whenever the request arrives (a fixed '000000' is right one time in
 * a few hundred thousand). `n` distinct ones for a series of wrong guesses.
 */
export function wrongTotps(secret: string, n: number): string[] {
  const valid = new Set([-2, -1, 0, 1, 2, 3].map((offset) => currentTotp(secret, offset)));
  const codes: string[] = [];
  for (let candidate = 100_000; codes.length < n; candidate++) if (!valid.has(String(candidate))) codes.push(String(candidate));
  return codes;
}

export const wrongTotp = (secret: string): string => wrongTotps(secret, 1)[0]!;

/**
 * Waits, when the current 30-second step has less than `seconds` left, for the next one:
 * codes taken after this stay within their validity window (their step ± 1) for at least
 * 30 + `seconds` seconds, so a refusal within that time is a replay refusal, never expiry.
 */
export async function freshTotpStep(seconds = 10): Promise<void> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < seconds * 1000) await sleep(left + 50);
}

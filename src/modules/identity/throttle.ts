import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { firstRow } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

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
  const window = `${rule.windowSeconds} seconds`;
  const row = await firstRow<{ attempts: number; retry: number }>(
    tx,
    sql`insert into auth_throttles as t (key, failures, window_started_at) values (${key}, 1, now())
        on conflict (key) do update set
          failures = case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end,
          window_started_at = case when t.window_started_at < now() - ${window}::interval then now() else t.window_started_at end
        returning failures as attempts,
                  greatest(1, ceil(extract(epoch from window_started_at + ${window}::interval - now())))::int as retry`,
  );
  if (row && row.attempts > rule.limit) {
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many attempts; try again in ${row.retry} seconds`, { retryAfter: row.retry });
  }
}

/** Gives back the reservation of an attempt that succeeded. */
export async function releaseAttempt(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`update auth_throttles set failures = greatest(failures - 1, 0) where key = ${key}`);
}

/** Throws 429 when the key is locked now. */
export async function assertNotLocked(tx: Tx, key: string): Promise<void> {
  const row = await firstRow<{ retry: number }>(
    tx,
    sql`select ceil(extract(epoch from locked_until - now()))::int as retry
          from auth_throttles where key = ${key} and locked_until > now()`,
  );
  if (row) {
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins; try again in ${row.retry} seconds`, {
      retryAfter: Math.max(1, row.retry),
    });
  }
}

/** Counts a failure (atomically); locks the key when it reaches the limit. */
export async function recordFailure(tx: Tx, key: string, rule: ThrottleRule): Promise<void> {
  const window = `${rule.windowSeconds} seconds`;
  await tx.execute(sql`
    insert into auth_throttles as t (key, failures, window_started_at, locked_until)
    values (${key}, 1, now(), case when 1 >= ${rule.limit} then now() + ${window}::interval end)
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - ${window}::interval then now() else t.window_started_at end,
      locked_until = case
        when (case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end) >= ${rule.limit}
        then now() + ${window}::interval else t.locked_until end`);
}

export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`delete from auth_throttles where key = ${key}`);
}

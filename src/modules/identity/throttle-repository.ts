import { sql } from 'drizzle-orm';
import { firstRow } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/**
 * Counters of attempts in `auth_throttles`, shared by every API process. Not a tenant
 * table: a key is a hash that already includes the tenant where it matters.
 */

/**
 * Counts an attempt atomically, restarting the window once it is over: how many the key
 * has made in its window, and in how many seconds that window ends.
 */
export async function countAttempt(tx: Tx, key: string, windowSeconds: number): Promise<{ attempts: number; retry: number } | undefined> {
  const window = `${windowSeconds} seconds`;
  return firstRow<{ attempts: number; retry: number }>(
    tx,
    sql`insert into auth_throttles as t (key, failures, window_started_at) values (${key}, 1, now())
        on conflict (key) do update set
          failures = case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end,
          window_started_at = case when t.window_started_at < now() - ${window}::interval then now() else t.window_started_at end
        returning failures as attempts,
                  greatest(1, ceil(extract(epoch from window_started_at + ${window}::interval - now())))::int as retry`,
  );
}

/** Gives one counted attempt back. */
export async function uncountAttempt(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`update auth_throttles set failures = greatest(failures - 1, 0) where key = ${key}`);
}

/** Seconds until the key's lock ends, or undefined when it is not locked. */
export async function lockedFor(tx: Tx, key: string): Promise<number | undefined> {
  const row = await firstRow<{ retry: number }>(
    tx,
    sql`select ceil(extract(epoch from locked_until - now()))::int as retry
          from auth_throttles where key = ${key} and locked_until > now()`,
  );
  return row?.retry;
}

/** Counts a failure atomically; locks the key for the rest of the window when it reaches the limit. */
export async function countFailure(tx: Tx, key: string, limit: number, windowSeconds: number): Promise<void> {
  const window = `${windowSeconds} seconds`;
  await tx.execute(sql`
    insert into auth_throttles as t (key, failures, window_started_at, locked_until)
    values (${key}, 1, now(), case when 1 >= ${limit} then now() + ${window}::interval end)
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - ${window}::interval then now() else t.window_started_at end,
      locked_until = case
        when (case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end) >= ${limit}
        then now() + ${window}::interval else t.locked_until end`);
}

export async function deleteThrottle(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`delete from auth_throttles where key = ${key}`);
}

/**
 * Counts an attempt of a progressively delayed key, atomically, unless the key is in its
 * delay: the attempt that reaches `free` attempts in the window, and each one after it,
 * start a delay of 1, 2, 4, … seconds (at most `maxDelaySeconds`) during which the key
 * is refused. Returns the attempts counted, or undefined when refused (see lockedFor).
 */
export async function countDelayedAttempt(
  tx: Tx,
  key: string,
  rule: { free: number; windowSeconds: number; maxDelaySeconds: number },
): Promise<number | undefined> {
  const window = `${rule.windowSeconds} seconds`;
  const row = await firstRow<{ attempts: number }>(
    tx,
    sql`insert into auth_throttles as t (key, failures, window_started_at, locked_until)
        values (${key}, 1, now(), case when 1 >= ${rule.free}::int then now() + interval '1 second' end)
        on conflict (key) do update set
          failures = case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end,
          window_started_at = case when t.window_started_at < now() - ${window}::interval then now() else t.window_started_at end,
          locked_until = case
            when (case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end) >= ${rule.free}::int
            then now() + least(power(2, (case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end) - ${rule.free}::int), ${rule.maxDelaySeconds}::int) * interval '1 second'
          end
        where t.locked_until is null or t.locked_until <= now()
        returning failures as attempts`,
  );
  return row?.attempts;
}

/** Deletes a key and every key under it (`<key>:…`): an administrator's unlock. */
export async function deleteThrottleFamily(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`delete from auth_throttles where key = ${key} or key like ${`${key}:%`}`);
}

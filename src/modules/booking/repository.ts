import { and, asc, eq, gt, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { accountUsers, availabilities, availabilityBlocks, bookings, calendarFeeds, users } from '../../db/schema';
import { rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';
import type { Interval } from './intervals';
import { ACTIVE_STATUSES, type BookingStatus } from './policy';
import type { AvailabilityRules, DateOverride, WeeklyWindow } from './slots';
import { DAY, formatIsoDate } from './time';

/**
 * Drizzle queries of the booking module. No transactions here: the services own them.
 * Each takes the TenantTx of withTenant and names its tenant in every statement.
 */
export type BookingRow = typeof bookings.$inferSelect;
export type NewBookingRow = typeof bookings.$inferInsert;
export type AvailabilityRow = typeof availabilities.$inferSelect;
export type BlockRow = typeof availabilityBlocks.$inferSelect;

const activeStatuses = sql.raw(ACTIVE_STATUSES.map((s) => `'${s}'`).join(', '));

/** The users among `ids` that exist and may take part in bookings (not deleted or deactivated). */
export async function activeUserIds(tx: TenantTx, ids: readonly string[]): Promise<Set<string>> {
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tx.tenantId), inArray(users.id, [...ids]), sql`${users.deletedAt} is null and ${users.deactivatedAt} is null`));
  return new Set(found.map((u) => u.id));
}

export async function accountExists(tx: TenantTx, accountId: string): Promise<boolean> {
  const [row] = await rows(tx, sql`select 1 from accounts where tenant_id = ${tx.tenantId} and id = ${accountId} and deleted_at is null`);
  return row !== undefined;
}

/** Accounts a user is a member of: whoever manages one of them manages the user's bookings. */
export async function accountIdsOf(tx: TenantTx, userId: string): Promise<string[]> {
  const found = await tx
    .select({ accountId: accountUsers.accountId })
    .from(accountUsers)
    .where(and(eq(accountUsers.tenantId, tx.tenantId), eq(accountUsers.userId, userId)));
  return found.map((m) => m.accountId);
}

export interface Schedule {
  /** The resource exists and is active. */
  found: boolean;
  rules: AvailabilityRules;
  /** Active bookings overlapping the span (only when asked for). */
  busy: Interval[];
  /** The zone of the resource's weekly windows, if any. */
  zone: string | null;
}

/**
 * Everything the slot engine needs about one resource for a span, in one round trip:
 * weekly windows, the overrides of the dates around the span, blocked ranges and
 * (optionally) active bookings overlapping it — the latter two through GiST indexes.
 */
export async function loadSchedule(tx: TenantTx, userId: string, span: Interval, withBookings: boolean): Promise<Schedule> {
  const from = new Date(span.start).toISOString();
  const to = new Date(span.end).toISOString();
  const firstDate = formatIsoDate(Math.floor(span.start / DAY) * DAY - 2 * DAY);
  const lastDate = formatIsoDate(Math.floor(span.end / DAY) * DAY + 2 * DAY);
  const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::bigint`);
  const [row] = await rows<{ found: boolean; weekly: WeeklyWindow[]; overrides: DateOverride[]; blocks: [number, number][]; busy: [number, number][] }>(
    tx,
    sql`
      select
        exists (select 1 from users u where u.tenant_id = ${tx.tenantId} and u.id = ${userId} and u.deleted_at is null and u.deactivated_at is null) as found,
        coalesce((select json_agg(json_build_object('dayOfWeek', a.day_of_week, 'startTime', a.start_time, 'endTime', a.end_time, 'timezone', a.timezone))
                    from availabilities a where a.tenant_id = ${tx.tenantId} and a.user_id = ${userId} and a.day_of_week is not null), '[]') as weekly,
        coalesce((select json_agg(json_build_object('date', a.date, 'startTime', a.start_time, 'endTime', a.end_time, 'timezone', a.timezone, 'available', a.available))
                    from availabilities a where a.tenant_id = ${tx.tenantId} and a.user_id = ${userId} and a.date between ${firstDate}::date and ${lastDate}::date), '[]') as overrides,
        coalesce((select json_agg(json_build_array(${ms('b.start_time')}, ${ms('b.end_time')}))
                    from availability_blocks b where b.tenant_id = ${tx.tenantId} and b.user_id = ${userId}
                     and tstzrange(b.start_time, b.end_time, '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')), '[]') as blocks,
        case when ${withBookings} then
          coalesce((select json_agg(json_build_array(${ms('k.start_time')}, ${ms('k.end_time')}))
                      from bookings k where k.tenant_id = ${tx.tenantId} and k.resource_id = ${userId} and k.status in (${activeStatuses})
                       and tstzrange(k.start_time, k.end_time, '[)') && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')), '[]')
        else '[]'::json end as busy`,
  );
  const toInterval = ([start, end]: [number, number]) => ({ start: Number(start), end: Number(end) });
  return {
    found: row!.found,
    rules: { weekly: row!.weekly, overrides: row!.overrides, blocks: row!.blocks.map(toInterval) },
    busy: row!.busy.map(toInterval),
    zone: row!.weekly[0]?.timezone ?? null,
  };
}

/**
 * Inserts bookings; rows the exclusion constraint bookings_no_overlap refuses are
 * skipped (ON CONFLICT DO NOTHING also applies to exclusion constraints, and waits for
 * a concurrent insert to commit or roll back first). The caller compares what came
 * back with what it asked for, so it can name the occurrences that clash.
 */
export async function insertBookingsSkippingClashes(tx: Tx, values: NewBookingRow[]): Promise<BookingRow[]> {
  return tx.insert(bookings).values(values).onConflictDoNothing().returning();
}

export async function findBooking(tx: TenantTx, id: string, lock = false): Promise<BookingRow | undefined> {
  const query = tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tx.tenantId), eq(bookings.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Moves bookings that are still in one of `from` to `to`; returns the rows changed. */
export async function moveBookings(tx: TenantTx, ids: readonly string[], from: readonly BookingStatus[], to: BookingStatus): Promise<BookingRow[]> {
  if (ids.length === 0) return [];
  return tx
    .update(bookings)
    .set({
      status: to,
      ...(to === 'CONFIRMED' ? { confirmedAt: sql`now()` } : {}),
      ...(to === 'CANCELLED' ? { cancelledAt: sql`now()` } : {}),
    })
    .where(and(eq(bookings.tenantId, tx.tenantId), inArray(bookings.id, [...ids]), inArray(bookings.status, [...from])))
    .returning();
}

/** The occurrences of a series from `start` on, in order (locked, they are about to change). */
export async function seriesFrom(tx: TenantTx, seriesId: string, start: Date): Promise<BookingRow[]> {
  return tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.tenantId, tx.tenantId), eq(bookings.seriesId, seriesId), sql`${bookings.startTime} >= ${start.toISOString()}::timestamptz`))
    .orderBy(asc(bookings.startTime))
    .for('update');
}

export async function updateBooking(tx: TenantTx, id: string, patch: Partial<NewBookingRow>): Promise<BookingRow> {
  const [row] = await tx
    .update(bookings)
    .set(patch)
    .where(and(eq(bookings.tenantId, tx.tenantId), eq(bookings.id, id)))
    .returning();
  return row!;
}

export interface BookingFilter {
  status?: BookingStatus;
  from?: Date;
  to?: Date;
  /** (start_time, id) of the last row of the previous page. */
  after?: [Date, string];
}

/** A page of bookings matching `scope` (plus the filter), by start time, LIMIT limit+1. */
export async function listBookings(tx: TenantTx, scope: SQL, filter: BookingFilter, limit: number): Promise<BookingRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(bookings.tenantId, tx.tenantId),
    scope,
    filter.status ? eq(bookings.status, filter.status) : undefined,
    filter.from ? gt(bookings.endTime, filter.from) : undefined,
    filter.to ? lt(bookings.startTime, filter.to) : undefined,
    filter.after ? sql`(${bookings.startTime}, ${bookings.id}) > (${filter.after[0].toISOString()}::timestamptz, ${filter.after[1]}::uuid)` : undefined,
  ];
  return tx
    .select()
    .from(bookings)
    .where(and(...conditions))
    .orderBy(asc(bookings.startTime), asc(bookings.id))
    .limit(limit + 1);
}

/** Scope: bookings where the user is the client and/or the resource. */
export const involving = (userId: string, role?: 'client' | 'resource'): SQL =>
  role === 'client'
    ? eq(bookings.clientId, userId)
    : role === 'resource'
      ? eq(bookings.resourceId, userId)
      : or(eq(bookings.clientId, userId), eq(bookings.resourceId, userId))!;

/** Scope: optionally one resource and/or one client (tenant-wide lists). */
export const withParties = (resourceId?: string, clientId?: string): SQL =>
  and(resourceId ? eq(bookings.resourceId, resourceId) : undefined, clientId ? eq(bookings.clientId, clientId) : undefined) ?? sql`true`;

/** Scope: bookings of the members of an account (optionally one member). */
export const ofAccountMembers = (tenantId: string, accountId: string, resourceId?: string): SQL =>
  and(
    inArray(
      bookings.resourceId,
      sql`(select ${accountUsers.userId} from ${accountUsers} where ${accountUsers.tenantId} = ${tenantId} and ${accountUsers.accountId} = ${accountId})`,
    ),
    resourceId ? eq(bookings.resourceId, resourceId) : undefined,
  )!;

// ---------------------------------------------------------------- availability

export async function weeklyOf(tx: TenantTx, userId: string): Promise<AvailabilityRow[]> {
  return tx
    .select()
    .from(availabilities)
    .where(and(eq(availabilities.tenantId, tx.tenantId), eq(availabilities.userId, userId), isNotNull(availabilities.dayOfWeek)))
    .orderBy(asc(availabilities.dayOfWeek), asc(availabilities.startTime));
}

export async function overridesOf(tx: TenantTx, userId: string, fromDate: string, toDate: string): Promise<AvailabilityRow[]> {
  return tx
    .select()
    .from(availabilities)
    .where(
      and(
        eq(availabilities.tenantId, tx.tenantId),
        eq(availabilities.userId, userId),
        sql`${availabilities.date} between ${fromDate}::date and ${toDate}::date`,
      ),
    )
    .orderBy(asc(availabilities.date), asc(availabilities.startTime));
}

/**
 * Serialises changes of one person's availability until the transaction ends. A
 * replacement deletes the old rows and inserts new ones: without the lock two
 * concurrent replacements (READ COMMITTED) each delete only what they see and both
 * insert, leaving a mix of both schedules. The exclusion constraints of 0302 refuse
 * overlapping windows whatever writes them; this makes the last replacement win whole.
 */
async function lockAvailability(tx: TenantTx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`availability:${tx.tenantId}:${userId}`}, 0))`);
}

/** Replaces the whole weekly schedule. */
export async function replaceWeekly(
  tx: TenantTx,
  userId: string,
  timezone: string,
  windows: readonly { dayOfWeek: number; start: string; end: string }[],
): Promise<void> {
  await lockAvailability(tx, userId);
  await tx.delete(availabilities).where(and(eq(availabilities.tenantId, tx.tenantId), eq(availabilities.userId, userId), isNotNull(availabilities.dayOfWeek)));
  if (windows.length === 0) return;
  await tx
    .insert(availabilities)
    .values(windows.map((w) => ({ tenantId: tx.tenantId, userId, dayOfWeek: w.dayOfWeek, startTime: w.start, endTime: w.end, timezone, recurring: true })));
}

/** Replaces the override rows of one date (none: the weekly windows apply again). */
export async function replaceOverride(
  tx: TenantTx,
  userId: string,
  date: string,
  replacement: readonly { start: string; end: string; timezone: string; available: boolean }[],
): Promise<number> {
  await lockAvailability(tx, userId);
  const removed = await tx
    .delete(availabilities)
    .where(and(eq(availabilities.tenantId, tx.tenantId), eq(availabilities.userId, userId), eq(availabilities.date, date)))
    .returning({ id: availabilities.id });
  if (replacement.length > 0) {
    await tx.insert(availabilities).values(
      replacement.map((o) => ({
        tenantId: tx.tenantId,
        userId,
        date,
        startTime: o.start,
        endTime: o.end,
        timezone: o.timezone,
        available: o.available,
        recurring: false,
      })),
    );
  }
  return removed.length;
}

export async function blocksOf(tx: TenantTx, userId: string, span: Interval): Promise<BlockRow[]> {
  return tx
    .select()
    .from(availabilityBlocks)
    .where(
      and(
        eq(availabilityBlocks.tenantId, tx.tenantId),
        eq(availabilityBlocks.userId, userId),
        sql`tstzrange(${availabilityBlocks.startTime}, ${availabilityBlocks.endTime}, '[)') && tstzrange(${new Date(span.start).toISOString()}::timestamptz, ${new Date(span.end).toISOString()}::timestamptz, '[)')`,
      ),
    )
    .orderBy(asc(availabilityBlocks.startTime));
}

export async function insertBlock(tx: Tx, values: typeof availabilityBlocks.$inferInsert): Promise<BlockRow> {
  const [row] = await tx.insert(availabilityBlocks).values(values).returning();
  return row!;
}

export async function deleteBlock(tx: TenantTx, userId: string, blockId: string): Promise<boolean> {
  const removed = await tx
    .delete(availabilityBlocks)
    .where(and(eq(availabilityBlocks.tenantId, tx.tenantId), eq(availabilityBlocks.userId, userId), eq(availabilityBlocks.id, blockId)))
    .returning({ id: availabilityBlocks.id });
  return removed.length > 0;
}

// ---------------------------------------------------------------- calendar feeds

/** Sets the user's feed token hash (a new token replaces the old one). */
export async function upsertFeed(tx: TenantTx, userId: string, tokenHash: Uint8Array): Promise<void> {
  await tx
    .insert(calendarFeeds)
    .values({ tenantId: tx.tenantId, userId, tokenHash })
    .onConflictDoUpdate({ target: [calendarFeeds.tenantId, calendarFeeds.userId], set: { tokenHash } });
}

export async function deleteFeed(tx: TenantTx, userId: string): Promise<boolean> {
  const removed = await tx
    .delete(calendarFeeds)
    .where(and(eq(calendarFeeds.tenantId, tx.tenantId), eq(calendarFeeds.userId, userId)))
    .returning({ id: calendarFeeds.id });
  return removed.length > 0;
}

/** The owner of a feed token, if the token is current and its owner active (not deactivated or deleted). */
export async function feedOwner(tx: TenantTx, tokenHash: Uint8Array): Promise<string | undefined> {
  const [row] = await tx
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .innerJoin(users, and(eq(users.tenantId, calendarFeeds.tenantId), eq(users.id, calendarFeeds.userId)))
    .where(
      and(eq(calendarFeeds.tenantId, tx.tenantId), eq(calendarFeeds.tokenHash, tokenHash), sql`${users.deletedAt} is null and ${users.deactivatedAt} is null`),
    );
  return row?.userId;
}

/** Whether the tenant is active (a suspended marketplace serves no feeds). */
export async function tenantIsOpen(tx: TenantTx): Promise<boolean> {
  const [row] = await rows<{ open: boolean }>(
    tx,
    sql`select status in ('ACTIVE', 'TRIAL') and deleted_at is null as open from tenants where id = ${tx.tenantId}`,
  );
  return row?.open ?? false;
}

/** The resource's bookings for a feed: not cancelled, overlapping the window, by start. */
export async function feedBookings(tx: TenantTx, userId: string, span: Interval, limit: number): Promise<BookingRow[]> {
  return tx
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tx.tenantId),
        eq(bookings.resourceId, userId),
        sql`${bookings.status} <> 'CANCELLED'`,
        gt(bookings.endTime, new Date(span.start)),
        lt(bookings.startTime, new Date(span.end)),
      ),
    )
    .orderBy(asc(bookings.startTime))
    .limit(limit);
}

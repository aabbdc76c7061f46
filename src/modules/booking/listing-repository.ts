import { and, eq, inArray, type Placeholder, sql } from 'drizzle-orm';
import { preparedSelect } from '../../db/prepared';
import { bookings, listingBookingProviders, listingBookingSettings } from '../../db/schema';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';
import { ACTIVE_STATUSES } from './policy';
import type { BookingRow } from './repository';

/**
 * Queries of bookable listings (0460): the listing as booking sees it, its booking
 * settings and providers, the per-provider lock, and the counts the limits need. Each
 * statement names its tenant.
 */
export type ListingBookingSettingsRow = typeof listingBookingSettings.$inferSelect;
export type ListingBookingValues = Omit<typeof listingBookingSettings.$inferInsert, 'tenantId' | 'id' | 'listingId' | 'createdAt' | 'updatedAt'>;

export interface ListingForBooking {
  id: string;
  accountId: string;
  type: 'GIG' | 'JOB' | 'SERVICE' | 'PRODUCT';
  title: string;
  /** ACTIVE and not past its expiry. */
  active: boolean;
  /** The listing's account is suspended or deleted. */
  accountSuspended: boolean;
}

export interface ListingBooking extends ListingBookingSettingsRow {
  /** Provider user ids, in id order (the order locks are taken in). */
  providers: string[];
}

const activeStatuses = sql.raw(ACTIVE_STATUSES.map((s) => `'${s}'`).join(', '));

/** A live (not deleted) listing with what decides whether it takes bookings now. */
export async function findListingForBooking(tx: TenantTx, listingId: string): Promise<ListingForBooking | undefined> {
  return firstRow<ListingForBooking>(
    tx,
    sql`select l.id, l.account_id as "accountId", l.type, l.title,
               (l.status = 'ACTIVE' and (l.expires_at is null or l.expires_at > now())) as active,
               (a.status = 'SUSPENDED' or a.deleted_at is not null) as "accountSuspended"
          from listings l join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
         where l.tenant_id = ${tx.tenantId} and l.id = ${listingId} and l.deleted_at is null`,
  );
}

/** The listing's booking settings with its providers, or undefined when it takes no bookings. */
// One statement (settings with their providers), so a read use case can send it with its
// other reads in one round trip (withTenant { oneRoundTrip }); built once (db/prepared.ts).
const bookingOfListing = preparedSelect((tx, param: (name: 'listingId') => Placeholder) =>
  tx
    .select({
      settings: listingBookingSettings,
      providers: sql<string[]>`coalesce((select json_agg(p.user_id order by p.user_id) from listing_booking_providers p
                                          where p.tenant_id = ${tx.tenantId} and p.listing_id = ${param('listingId')}), '[]'::json)`,
    })
    .from(listingBookingSettings)
    .where(and(eq(listingBookingSettings.tenantId, tx.tenantId), eq(listingBookingSettings.listingId, param('listingId')))),
);

export async function listingBookingOf(tx: TenantTx, listingId: string): Promise<ListingBooking | undefined> {
  const [found] = await bookingOfListing(tx, { listingId });
  return found ? { ...found.settings, providers: found.providers } : undefined;
}

/**
 * Creates or replaces the settings and the provider list. The upsert locks the settings
 * row, so two simultaneous replacements take turns and the list is one of them whole.
 */
export async function saveListingBooking(tx: TenantTx, listingId: string, values: ListingBookingValues, providers: readonly string[]): Promise<void> {
  await tx
    .insert(listingBookingSettings)
    .values({ ...values, tenantId: tx.tenantId, listingId })
    .onConflictDoUpdate({ target: [listingBookingSettings.tenantId, listingBookingSettings.listingId], set: values });
  await tx.delete(listingBookingProviders).where(and(eq(listingBookingProviders.tenantId, tx.tenantId), eq(listingBookingProviders.listingId, listingId)));
  await tx.insert(listingBookingProviders).values(providers.map((userId) => ({ tenantId: tx.tenantId, listingId, userId })));
}

/** Listing types the tenant lets take bookings besides SERVICE (tenants.settings.booking.bookableTypes). */
export async function tenantBookableTypes(tx: TenantTx): Promise<string[]> {
  const row = await firstRow<{ types: unknown }>(tx, sql`select settings -> 'booking' -> 'bookableTypes' as types from tenants where id = ${tx.tenantId}`);
  return Array.isArray(row?.types) ? row.types.filter((t): t is string => typeof t === 'string') : [];
}

/** The users among `userIds` that are active members of the account. */
export async function activeMembers(tx: TenantTx, accountId: string, userIds: readonly string[]): Promise<Set<string>> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select u.id from users u join account_users m on m.tenant_id = u.tenant_id and m.user_id = u.id
         where u.tenant_id = ${tx.tenantId} and m.account_id = ${accountId} and u.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))
           and u.deleted_at is null and u.deactivated_at is null`,
  );
  return new Set(found.map((r) => r.id));
}

/**
 * Serialises every booking decision about one provider until the transaction ends:
 * buffers and daily/weekly limits are read and then acted on, which only holds if
 * nobody else books the provider in between. Taken in provider-id order when several
 * are tried, so two requests cannot wait for each other.
 */
export async function lockProvider(tx: TenantTx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`booking-provider:${tx.tenantId}:${userId}`}, 0))`);
}

/** Active bookings of the provider starting in [from, to), other than `exceptId`. */
export async function countStarting(tx: TenantTx, userId: string, from: Date, to: Date, exceptId: string | null): Promise<number> {
  const row = await firstRow<{ n: number }>(
    tx,
    sql`select count(*)::int as n from bookings
         where tenant_id = ${tx.tenantId} and resource_id = ${userId} and status in (${activeStatuses})
           and start_time >= ${from.toISOString()}::timestamptz and start_time < ${to.toISOString()}::timestamptz
           and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)`,
  );
  return Number(row?.n ?? 0);
}

/** Whether an active booking of the provider other than `exceptId` overlaps [from, to). */
export async function busyWithin(tx: TenantTx, userId: string, from: Date, to: Date, exceptId: string | null): Promise<boolean> {
  const row = await firstRow<{ busy: boolean }>(
    tx,
    sql`select exists (select 1 from bookings
         where tenant_id = ${tx.tenantId} and resource_id = ${userId} and status in (${activeStatuses})
           and tstzrange(start_time, end_time, '[)') && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')
           and (${exceptId}::uuid is null or id <> ${exceptId}::uuid)) as busy`,
  );
  return row?.busy === true;
}

/** Moves one booking in time (the exclusion constraint refuses an overlap: 409 BOOKING_SLOT_TAKEN). */
export async function moveBookingTo(
  tx: TenantTx,
  id: string,
  change: { start: Date; end: Date; status?: 'PENDING' | 'CONFIRMED'; availabilityOverriddenBy?: string | null },
): Promise<BookingRow> {
  const [row] = await tx
    .update(bookings)
    .set({
      startTime: change.start,
      endTime: change.end,
      ...(change.status ? { status: change.status, confirmedAt: change.status === 'PENDING' ? null : sql`coalesce(${bookings.confirmedAt}, now())` } : {}),
      ...(change.availabilityOverriddenBy !== undefined ? { availabilityOverriddenBy: change.availabilityOverriddenBy } : {}),
    })
    .where(and(eq(bookings.tenantId, tx.tenantId), inArray(bookings.id, [id])))
    .returning();
  return row!;
}

import { formatMoney } from '../../core/money';
import { toIso } from '../../http/kit/schemas';
import type { Interval } from './intervals';
import type { AvailabilityRow, BlockRow, BookingRow } from './repository';
import type { AvailabilityJson, BookingJson, SlotsJson } from './schemas';
import { formatIsoUtc, ZoneOffsets } from './time';

/** Rows → API JSON: ISO 8601 strings, UUIDs, decimals as strings. */
const iso = (date: Date): string => date.toISOString();

export function presentBooking(row: BookingRow): BookingJson {
  return {
    id: row.id,
    resourceId: row.resourceId,
    clientId: row.clientId,
    title: row.title,
    description: row.description,
    type: row.type,
    status: row.status,
    start: iso(row.startTime),
    end: iso(row.endTime),
    timezone: row.timezone,
    recurrence: typeof row.recurrence?.rrule === 'string' ? row.recurrence.rrule : null,
    seriesId: row.seriesId,
    location: row.location,
    meetingUrl: row.meetingUrl,
    price: formatMoney(row.price),
    currency: row.currency,
    paid: row.paid,
    availabilityOverriddenBy: row.availabilityOverriddenBy,
    listingId: row.listingId,
    answers: row.answers,
    confirmedAt: toIso(row.confirmedAt),
    cancelledAt: toIso(row.cancelledAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

type AvailabilityParts = Pick<AvailabilityJson, 'weekly' | 'overrides' | 'blocks'>;

export const presentWeekly = (rows: AvailabilityRow[]): AvailabilityParts['weekly'] =>
  rows.map((row) => ({ id: row.id, dayOfWeek: row.dayOfWeek!, start: row.startTime, end: row.endTime, timezone: row.timezone }));

/** Override rows grouped per date; a blocked day (available=false or zero-length) has no windows. */
export function presentOverrides(rows: AvailabilityRow[]): AvailabilityParts['overrides'] {
  const byDate = new Map<string, AvailabilityParts['overrides'][number]>();
  for (const row of rows) {
    const date = row.date!;
    const entry = byDate.get(date) ?? { date, timezone: row.timezone, available: true, windows: [] };
    if (!row.available || row.startTime === row.endTime) entry.available = false;
    else entry.windows.push({ start: row.startTime, end: row.endTime });
    byDate.set(date, entry);
  }
  for (const entry of byDate.values()) if (!entry.available) entry.windows = [];
  return [...byDate.values()];
}

export const presentBlock = (row: BlockRow): AvailabilityParts['blocks'][number] => ({
  id: row.id,
  start: iso(row.startTime),
  end: iso(row.endTime),
  reason: row.reason,
});

export function presentAvailability(userId: string, weekly: AvailabilityRow[], overrides: AvailabilityRow[], blocks: BlockRow[]): AvailabilityJson {
  return { userId, weekly: presentWeekly(weekly), overrides: presentOverrides(overrides), blocks: blocks.map(presentBlock) };
}

/** Slots in UTC and in the viewer's zone (offsets from one precomputed table), with whatever else each carries. */
function inZone<T extends Interval, E extends object>(timezone: string, slots: T[], extra: (slot: T) => E) {
  const viewer = slots.length ? new ZoneOffsets(timezone, slots[0]!.start, slots[slots.length - 1]!.end) : null;
  return slots.map((slot) => ({
    start: formatIsoUtc(slot.start),
    end: formatIsoUtc(slot.end),
    localStart: viewer!.formatIso(slot.start),
    localEnd: viewer!.formatIso(slot.end),
    ...extra(slot),
  }));
}

export function presentSlots(resource: string, timezone: string, duration: number, slots: Interval[]): SlotsJson {
  return { resource, timezone, duration, slots: inZone(timezone, slots, () => ({})) };
}

/** A listing's slots, each with the providers free then. */
export function presentListingSlots(result: { listingId: string; timezone: string; duration: number; slots: (Interval & { providerIds: string[] })[] }) {
  return { ...result, slots: inZone(result.timezone, result.slots, (slot) => ({ providerIds: slot.providerIds })) };
}

import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import { withPlatform, withTenant } from '../../db/tenant-context';
import { noticeReminder } from './notices';
import { claimDueReminders, tenantsWithDueReminders } from './reminder-repository';

/** The lead time when a tenant sets none (`tenants.settings.bookings.reminderMinutes`): a day. */
export const DEFAULT_REMINDER_MINUTES = 24 * 60;

/**
 * Sends the reminders that are due: for each tenant with confirmed bookings starting
 * within its lead time, claims them (marker rows) and writes the notices in the same
 * transaction. Safe to run in several processes at once: each reminder is sent once.
 */
export async function remindDueBookings(db: Database, options: { leadMinutes?: number; batch?: number } = {}): Promise<number> {
  const lead = options.leadMinutes ?? DEFAULT_REMINDER_MINUTES;
  const batch = options.batch ?? 500;
  const tenants = await withPlatform(db, systemContext(null, 'job:bookings.remind'), (tx) => tenantsWithDueReminders(tx, lead, 1000));
  let sent = 0;
  for (const { tenant_id } of tenants) {
    sent += await withTenant(db, systemContext(tenant_id, 'job:bookings.remind'), async (tx) => {
      const due = await claimDueReminders(tx, lead, batch);
      for (const row of due) await noticeReminder(tx, row);
      return due.length;
    });
  }
  return sent;
}

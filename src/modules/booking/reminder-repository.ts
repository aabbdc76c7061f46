import { sql } from 'drizzle-orm';
import { rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';
import type { BookingRow } from './repository';

/** Tenants with confirmed bookings due for a reminder (platform path: the job's sweep). */
export function tenantsWithDueReminders(tx: Tx, defaultLeadMinutes: number, limit: number): Promise<{ tenant_id: string }[]> {
  return rows<{ tenant_id: string }>(
    tx,
    sql`select distinct b.tenant_id from bookings b join tenants t on t.id = b.tenant_id
         where b.status = 'CONFIRMED' and b.start_time > now()
           and b.start_time <= now() + make_interval(mins => coalesce((t.settings #>> '{bookings,reminderMinutes}')::int, ${defaultLeadMinutes}))
           and not exists (select 1 from booking_reminders r
                            where r.tenant_id = b.tenant_id and r.booking_id = b.id and r.start_time = b.start_time)
         limit ${limit}`,
  );
}

/**
 * Claims the tenant's confirmed bookings that start within the lead time and have no
 * reminder for that start yet: inserts their markers and answers the bookings. A second
 * process claiming at once waits on the markers' unique key and gets none of them.
 */
export type DueReminder = Pick<BookingRow, 'id' | 'title' | 'startTime' | 'endTime' | 'timezone' | 'clientId' | 'resourceId'>;

export function claimDueReminders(tx: TenantTx, defaultLeadMinutes: number, limit: number): Promise<DueReminder[]> {
  return rows<DueReminder>(
    tx,
    sql`with due as (
          select b.id, b.start_time from bookings b join tenants t on t.id = b.tenant_id
           where b.tenant_id = ${tx.tenantId} and b.status = 'CONFIRMED' and b.start_time > now()
             and b.start_time <= now() + make_interval(mins => coalesce((t.settings #>> '{bookings,reminderMinutes}')::int, ${defaultLeadMinutes}))
           order by b.start_time limit ${limit}
        ), claimed as (
          insert into booking_reminders (tenant_id, booking_id, start_time)
          select ${tx.tenantId}, due.id, due.start_time from due
          on conflict (tenant_id, booking_id, start_time) do nothing
          returning booking_id
        )
        select b.id, b.title, b.start_time as "startTime", b.end_time as "endTime", b.timezone,
               b.client_id as "clientId", b.resource_id as "resourceId"
          from bookings b join claimed c on c.booking_id = b.id
         where b.tenant_id = ${tx.tenantId}`,
  );
}

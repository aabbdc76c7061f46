import { sql } from 'drizzle-orm';
import { noPermissions, type RequestContext } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { createAvailabilityService, findSlots } from '../../src/modules/booking';
import { tenantReadReference } from '../lib/fixture';
import { latencies, latencySummary, now, summarize } from '../lib/measure';
import type { BenchCase } from './types';

const BOOKINGS = 200;

/**
 * 6. Free slots of one person over a 31-day month with 200 existing bookings: the
 * booking module's availability service (validation, one tenant query for windows,
 * overrides, blocks and bookings, then the interval engine). Weekly windows Monday to
 * Friday 09:00–17:00 Europe/Vienna, a blocked day and a blocked afternoon, 30-minute
 * slots. Also the engine alone on the loaded schedule. Reference, interleaved: a
 * primary-key read through withTenant.
 */
export const slots: BenchCase = {
  no: 6,
  id: 'slots',
  title: 'Slots for a month with 200 bookings',
  async run(env) {
    const { db } = env;
    const s = await env.scratch();
    const platform = "select set_config('role', 'mono_platform', true), set_config('app.request_id', 'system:bench', true)";
    const month = await db.transaction(platform, async (tx) => {
      const [m] = await rows<{ start: Date }>(
        tx,
        sql`select (date_trunc('month', now() at time zone 'Europe/Vienna') + interval '1 month') at time zone 'Europe/Vienna' as start`,
      );
      await tx.execute(sql`delete from bookings where tenant_id = ${s.tenantId} and resource_id = ${s.resourceId}`);
      await tx.execute(sql`delete from availabilities where tenant_id = ${s.tenantId} and user_id = ${s.resourceId}`);
      await tx.execute(sql`insert into availabilities (tenant_id, user_id, day_of_week, start_time, end_time, timezone)
        select ${s.tenantId}, ${s.resourceId}, d, '09:00', '17:00', 'Europe/Vienna' from generate_series(1, 5) d`);
      const day = sql`(date_trunc('month', now() at time zone 'Europe/Vienna') + interval '1 month')::date`;
      await tx.execute(sql`insert into availabilities (tenant_id, user_id, date, start_time, end_time, timezone, available, recurring)
        values (${s.tenantId}, ${s.resourceId}, ${day} + 9, '00:00', '00:00', 'Europe/Vienna', false, false)`);
      await tx.execute(sql`insert into availability_blocks (tenant_id, user_id, start_time, end_time, reason)
        values (${s.tenantId}, ${s.resourceId}, ((${day} + 15) + time '13:00') at time zone 'Europe/Vienna', ((${day} + 15) + time '17:00') at time zone 'Europe/Vienna', 'dentist')`);
      await tx.execute(sql`insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone, status, confirmed_at)
        select ${s.tenantId}, ${s.resourceId}, ${s.clientId}, 'Fitting', 'APPOINTMENT', t, t + interval '30 minutes', 'Europe/Vienna', 'CONFIRMED', now()
          from (select ((d::date + time '09:00') + k * interval '30 minutes') at time zone 'Europe/Vienna' as t, row_number() over (order by d, k) as n
                  from generate_series(${day}, ${day} + 30, interval '1 day') d, generate_series(0, 15) k
                 where extract(isodow from d) between 1 and 5 and d::date <> ${day} + 9) x
         where n % 4 < 3
         order by t limit ${BOOKINGS}`);
      const [count] = await rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from bookings where tenant_id = ${s.tenantId} and resource_id = ${s.resourceId}`,
      );
      if (count!.n !== BOOKINGS) throw new Error(`slots fixture: ${count!.n} bookings, expected ${BOOKINGS}`);
      return m!.start;
    });
    const from = month.toISOString();
    const to = new Date(month.getTime() + 31 * 86400_000).toISOString();
    const ctx: RequestContext = { requestId: 'bench-slots', tenantId: s.tenantId, actor: null, permissions: noPermissions };
    const service = createAvailabilityService({ db });
    const input = { resource: s.resourceId, from, to, duration: 30, timezone: 'Europe/Vienna' };
    const first = await service.slots(ctx, input);
    const read = await tenantReadReference(db, ctx);
    const measured = await latencies(read, () => service.slots(ctx, input), env.quick ? 50 : 300, 10);
    const total = latencySummary(measured.subject);
    const ref = latencySummary(measured.reference);

    // The engine alone, on the schedule as the service loads it.
    const { loadSchedule } = await import('../../src/modules/booking/repository');
    const span = { start: Date.parse(from), end: Date.parse(to) + 30 * 60_000 };
    const schedule = await withTenant(db, ctx, (tx) => loadSchedule(tx, s.resourceId, span, true));
    const query = {
      from: Date.parse(from),
      to: Date.parse(to),
      durationMinutes: 30,
      stepMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      notBefore: 0,
    };
    const engineRounds: number[] = [];
    for (let round = 0; round < 7; round++) {
      const start = now();
      const n = env.quick ? 100 : 500;
      for (let i = 0; i < n; i++) findSlots(schedule.rules, schedule.busy, query);
      engineRounds.push((now() - start) / n);
    }
    const engine = summarize(engineRounds);
    return [
      {
        no: 6,
        id: 'slots',
        title: 'Slots: one person, 31 days, 200 bookings (availability service, p50)',
        value: total.p50,
        unit: 'ms',
        target: { op: '<=', value: 5, unit: 'ms' },
        reference: `primary-key read through withTenant p50 ${ref.p50.toFixed(2)} ms`,
        spread: `p95 ${total.p95.toFixed(2)} ms, p99 ${total.p99.toFixed(2)} ms`,
        details: {
          'slot engine alone (ms per month)': engine.median,
          'slots found': first.slots.length,
          'busy intervals loaded': schedule.busy.length,
          'service ÷ tenant read (p50)': total.p50 / ref.p50,
          samples: total.n,
        },
      },
    ];
  },
};

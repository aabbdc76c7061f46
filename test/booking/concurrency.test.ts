import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { withTenant } from '../../src/db/tenant-context';
import { ctxFor, permissionsOf } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { type BookingWorld, bookingsOf, createBookingWorld, failure, services } from './world';

/**
 * Double booking under contention. Every request is a real transaction of its own
 * (a pool of connections on the server; PGlite queues them on its one connection),
 * all started at once.
 */
describeDb(
  'no double booking under contention',
  (t) => {
    let w: BookingWorld;
    let clients: string[];
    beforeAll(async () => {
      w = await createBookingWorld(t.db, 'race');
      const rows = await t.db.query<{ id: string }>(
        `insert into users (tenant_id, email) select $1, 'racer' || n || '@race.test' from generate_series(1, 50) n returning id`,
        [w.tenantId],
      );
      clients = rows.map((r) => r.id);
    });

    it('lets exactly one of 50 parallel bookings of the same slot through; the others get 409 BOOKING_SLOT_TAKEN', async () => {
      const s = services(t.db);
      const results = await Promise.allSettled(
        clients.map((clientId) =>
          s.bookings.create(ctxFor(w.tenantId, clientId, { permissions: permissionsOf(['user.*.*']) }), {
            resourceId: w.resourceId,
            title: 'Race',
            start: '2030-06-10T08:00:00Z',
            end: '2030-06-10T09:00:00Z',
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict', code: 'BOOKING_SLOT_TAKEN' });
      }
      const stored = (await bookingsOf(t.db, w.resourceId)).filter((b) => b.title === 'Race');
      expect(stored).toHaveLength(1);
      expect(stored[0]!.client_id).toBe((won[0] as PromiseFulfilledResult<{ clientId: string }[]>).value[0]!.clientId);
    });

    it('lets exactly one of 20 parallel overlapping series through, whole, and nothing of the others', async () => {
      const s = services(t.db);
      const results = await Promise.allSettled(
        clients.slice(0, 20).map((clientId, i) =>
          s.bookings.create(ctxFor(w.tenantId, clientId, { permissions: permissionsOf(['user.*.*']) }), {
            resourceId: w.resourceId,
            title: `Series ${i}`,
            // every series shares the 2030-06-18 10:00 occurrence with every other
            start: i % 2 ? '2030-06-11T08:00:00Z' : '2030-06-18T08:00:00Z',
            end: i % 2 ? '2030-06-11T09:00:00Z' : '2030-06-18T09:00:00Z',
            recurrence: 'FREQ=WEEKLY;COUNT=3',
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'BOOKING_SLOT_TAKEN' });
      }
      const stored = (await bookingsOf(t.db, w.resourceId)).filter((b) => String(b.title).startsWith('Series'));
      expect(stored).toHaveLength(3);
      expect(new Set(stored.map((b) => b.series_id)).size).toBe(1);
    });

    it('turns the exclusion constraint itself into 409 BOOKING_SLOT_TAKEN on any write path', async () => {
      const insert = () =>
        withTenant(t.db, ctxFor(w.tenantId, w.clientId), (tx) =>
          tx.execute(sql`insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone)
                         values (${w.tenantId}, ${w.resourceId}, ${w.clientId}, 'raw', 'EVENT', '2030-06-10T08:30:00Z', '2030-06-10T09:30:00Z', 'UTC')`),
        );
      expect(await failure(insert)).toMatchObject({ kind: 'conflict', code: 'BOOKING_SLOT_TAKEN' });
    });
  },
  { poolSize: 25 },
);

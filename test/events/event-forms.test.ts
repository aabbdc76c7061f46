import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { emitEvent } from '../../src/modules/events';
import { insertEventsApart } from '../../src/modules/events/repository';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/**
 * Events are written in one statement on PostgreSQL and PGlite and in steps on Citus
 * (events/repository.ts): both forms must leave the same events and deliveries.
 */
describeDb('events with their webhook deliveries: the one-statement and the Citus form agree', (t) => {
  let a: TenantGraph;
  const endpoints: Record<string, string> = {};
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'event-forms');
    for (const [name, types, enabled] of [
      ['all', '{*}', true],
      ['listings', '{listing.*}', true],
      ['confirmed', '{booking.confirmed}', true],
      ['off', '{*}', false],
    ] as const) {
      const [row] = await t.db.query<{ id: string }>(
        `insert into webhook_endpoints (tenant_id, url, event_types, enabled, secret) values ($1, 'http://127.0.0.1:9/x', $2, $3, 'enc:test') returning id`,
        [a.tenantId, types, enabled],
      );
      endpoints[row!.id] = name;
    }
  });

  const events = (form: string) =>
    ['listing.published', 'booking.confirmed', 'booking.cancelled', 'user.updated'].map((type) => ({
      type,
      actorId: a.userId,
      resourceType: type.split('.')[0]!,
      resourceId: a.listingId,
      payload: { form, quote: "it's", nested: { n: 1 } },
    }));

  /** Deliveries of the events of one form: which endpoint took which type, and the envelope minus its id and timestamp. */
  const written = (form: string) =>
    withTenant(t.db, systemContext(a.tenantId, 'test'), (tx) =>
      rows<{ endpoint_id: string; event_type: string; payload: Record<string, unknown> }>(
        tx,
        sql`select d.endpoint_id, d.event_type, d.payload - 'id' - 'timestamp' as payload
              from webhook_deliveries d join events e on e.tenant_id = d.tenant_id and e.id = d.event_id
             where d.tenant_id = ${a.tenantId} and e.payload ->> 'form' = ${form} and d.payload #>> '{data,form}' = ${form}
             order by d.event_type, d.endpoint_id`,
      ),
    );

  it('writes the same events and deliveries either way', async () => {
    await withTenant(t.db, systemContext(a.tenantId, 'test'), async (tx) => {
      for (const event of events('one')) await emitEvent(tx, event);
    });
    await withTenant(t.db, systemContext(a.tenantId, 'test'), (tx) => insertEventsApart(tx, a.tenantId, events('apart')));
    // Only this test's endpoints (the graph brings its own).
    const ours = (d: { endpoint_id: string }) => endpoints[d.endpoint_id] !== undefined;
    const one = (await written('one')).filter(ours);
    const apart = (await written('apart')).filter(ours);
    const taken = one.map((d) => `${d.event_type} → ${endpoints[d.endpoint_id]}`);
    expect(taken).toEqual([
      'booking.cancelled → all',
      'booking.confirmed → all',
      'booking.confirmed → confirmed',
      'listing.published → all',
      'listing.published → listings',
      'user.updated → all',
    ]);
    const strip = (d: (typeof one)[number]) => ({ ...d, payload: { ...d.payload, data: { ...(d.payload.data as object), form: '?' } } });
    expect(apart.map(strip)).toEqual(one.map(strip));
    const [counts] = await t.db.query<{ one: number; apart: number }>(
      `select count(*) filter (where payload ->> 'form' = 'one')::int as one, count(*) filter (where payload ->> 'form' = 'apart')::int as apart
         from events where tenant_id = $1`,
      [a.tenantId],
    );
    expect(counts).toEqual({ one: 4, apart: 4 });
  });
});

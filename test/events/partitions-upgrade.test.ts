import { beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { loadDefinitions, loadMigrations, migrate } from '../../src/db/migrate';
import { describeCli } from '../helpers/cli';

const PARTITIONING = '0980_events_partitioned';

/**
 * Migration 0980 on a database that has events: the table becomes partitioned by month
 * and every event stays, with its txid (a consumer's stored cursor goes on where it was),
 * in its month's partition; the webhook delivery that referenced an event stays too.
 */
describeCli(
  'events become partitioned with their rows (migration 0980)',
  (t) => {
    const tenantId = newId();
    const endpointId = newId();
    type Row = { id: string; txid: string; type: string; occurred_at: Date; payload: unknown };
    const all = () =>
      t.db.query<Row>(`select id, txid::text as txid, type, occurred_at, payload from events where tenant_id = $1 order by txid, id`, [tenantId]);
    let before: Row[];

    beforeAll(async () => {
      // The database as the previous code base left it: its migrations and its definitions.
      await migrate(t.db, {
        migrations: loadMigrations().filter((m) => m.name < PARTITIONING),
        definitions: loadDefinitions().filter((d) => d.name < '100'),
      });
      await t.db.query(`insert into tenants (id, identifier, name, status) values ($1, 'upgrade', 'Upgrade', 'ACTIVE')`, [tenantId]);
      await t.db.query(`insert into webhook_endpoints (tenant_id, id, url, event_types, secret) values ($1, $2, 'https://example.com/hook', '{*}', 'x')`, [
        tenantId,
        endpointId,
      ]);
      // one transaction each (ascending txids); the last one's occurred_at is the oldest
      for (const [n, at] of [
        ['october', '2025-10-05T08:00:00Z'],
        ['november', '2025-11-30T23:59:59.999Z'],
        ['today', new Date().toISOString()],
        ['september-late', '2025-09-30T23:00:00Z'],
      ] as const) {
        await t.db.query(`insert into events (tenant_id, type, resource_type, occurred_at, payload) values ($1, 'listing.published', 'listing', $2, $3)`, [
          tenantId,
          at,
          JSON.stringify({ n }),
        ]);
      }
      await t.db.query(
        `insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
         select tenant_id, $2, id, type, payload from events where tenant_id = $1 and payload->>'n' = 'october'`,
        [tenantId, endpointId],
      );
      before = await all();
      expect(before).toHaveLength(4);
      expect(await t.db.query(`select relkind::text as kind from pg_class where oid = 'events'::regclass`)).toEqual([{ kind: 'r' }]);
      await migrate(t.db);
    }, 300_000);

    it('keeps every event, field by field, in the same feed order', async () => {
      expect(await all()).toEqual(before);
      expect(before.map((r) => (r.payload as { n: string }).n)).toEqual(['october', 'november', 'today', 'september-late']);
    });

    it('puts them into monthly partitions (one per month since the oldest, and three ahead), DEFAULT empty', async () => {
      const parts = await t.db.query<{ n: string; part: string }>(
        `select payload->>'n' as n, tableoid::regclass::text as part from events where tenant_id = $1 order by occurred_at`,
        [tenantId],
      );
      const [thisMonth] = await t.db.query<{ part: string }>(`select 'events_p' || to_char(now(), 'YYYY_MM') as part`);
      expect(parts).toEqual([
        { n: 'september-late', part: 'events_p2025_09' },
        { n: 'october', part: 'events_p2025_10' },
        { n: 'november', part: 'events_p2025_11' },
        { n: 'today', part: thisMonth!.part },
      ]);
      expect(await t.db.query(`select relkind::text as kind from pg_class where oid = 'events'::regclass`)).toEqual([{ kind: 'p' }]);
      expect(await t.db.query('select count(*)::int as n from events_default')).toEqual([{ n: 0 }]);
      const [ahead] = await t.db.query<{ part: string }>(`select 'events_p' || to_char(now() + interval '3 months', 'YYYY_MM') as part`);
      expect(await t.db.query('select to_regclass($1) is not null as ok', [ahead!.part])).toEqual([{ ok: true }]);
      expect(await t.db.query(`select to_regclass('events_unpartitioned') as old`)).toEqual([{ old: null }]);
    });

    it('keeps the delivery that referenced an event, without the foreign key', async () => {
      const [delivery] = await t.db.query<{ event_id: string; n: string }>(
        `select d.event_id, d.payload->>'n' as n from webhook_deliveries d where d.tenant_id = $1`,
        [tenantId],
      );
      expect(delivery!.n).toBe('october');
      expect(delivery!.event_id).toBe(before[0]!.id);
      expect(await t.db.query(`select conname from pg_constraint where conrelid = 'webhook_deliveries'::regclass and contype = 'f' order by 1`)).toEqual([
        { conname: 'webhook_deliveries_tenant_id_endpoint_id_fkey' },
      ]);
    });

    it('goes on: a new event comes after the old ones in the feed order', async () => {
      await t.db.query(`insert into events (tenant_id, type, resource_type, payload) values ($1, 'listing.paused', 'listing', '{"n": "after"}')`, [tenantId]);
      const rows = await all();
      expect(rows.slice(0, 4)).toEqual(before);
      expect((rows[4]!.payload as { n: string }).n).toBe('after');
      expect(BigInt(rows[4]!.txid)).toBeGreaterThan(BigInt(before[3]!.txid));
    });
  },
  { empty: true },
);

import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client';
import { firstRow } from '../../src/db/sql';
import { type DataMigration, runBackfill } from '../../src/modules/maintenance/backfill';
import { now } from '../lib/measure';
import type { BenchCase } from './types';

const BATCH = 1000;
const NAME = 'bench-backfill';

/**
 * 7. A data migration over a big table, three ways, each from the same state:
 *  - the keyset runner (`mono backfill`'s runBackfill: batches after the last key, one
 *    transaction each with its checkpoint);
 *  - the seed's loop (seed/data-models.md, "Data migration"): `take: 1000, skip: offset`,
 *    i.e. ORDER BY … OFFSET n LIMIT 1000, one transaction per batch;
 *  - one set-based UPDATE (the limit: no batching at all).
 * The change is the same in all three (derived = md5(payload)) on a scratch table of
 * 1M rows keyed (tenant_id, id) like every tenant table (100k with --quick). The table is
 * dropped afterwards.
 */
export const backfill: BenchCase = {
  no: 7,
  id: 'backfill',
  title: 'Backfill: keyset runner vs OFFSET loop vs one UPDATE',
  async run(env) {
    const { db } = env;
    const rowsTotal = env.quick ? 100_000 : 1_000_000;
    await db.exec(`
      drop schema if exists bench_scratch cascade;
      create schema bench_scratch;
      create table bench_scratch.backfill (tenant_id uuid not null, id uuid not null, payload text not null, derived text, primary key (tenant_id, id));`);
    await db.query(
      `insert into bench_scratch.backfill (tenant_id, id, payload)
       select ('00000000-0000-7000-8000-' || lpad(to_hex(n % 100), 12, '0'))::uuid, mono.uuid_v7(), 'payload ' || n || repeat(' x', 20)
         from generate_series(1, $1::int) n`,
      [rowsTotal],
    );
    const reset = async () => {
      await db.exec('update bench_scratch.backfill set derived = null');
      await db.exec('vacuum (analyze) bench_scratch.backfill');
      await db.query('delete from mono.backfill_checkpoints where name = $1', [NAME]);
    };
    const migration: DataMigration = {
      name: NAME,
      description: 'benchmark: derived = md5(payload)',
      table: 'bench_scratch.backfill',
      runAs: 'owner',
      estimate: async () => rowsTotal,
      async batch(tx, after, limit) {
        const row = await firstRow<{ scanned: number; changed: number; last: string[] | null }>(
          tx,
          sql`with batch as (
                select tenant_id, id from bench_scratch.backfill
                 where ${after ? sql`(tenant_id, id) > (${after[0]}::uuid, ${after[1]}::uuid)` : sql`true`}
                 order by tenant_id, id limit ${limit}
              ), changed as (
                update bench_scratch.backfill b set derived = md5(b.payload)
                  from batch where b.tenant_id = batch.tenant_id and b.id = batch.id and b.derived is null
                returning 1
              )
              select (select count(*) from batch)::int as scanned, (select count(*) from changed)::int as changed,
                     (select array[tenant_id::text, id::text] from batch order by tenant_id desc, id desc limit 1) as last`,
        );
        return { scanned: row!.scanned, changed: row!.changed, last: row!.last };
      },
    };
    const offsetLoop = async (database: Database) => {
      let changed = 0;
      for (let offset = 0; ; offset += BATCH) {
        const row = await database.transaction('', (tx) =>
          firstRow<{ scanned: number; changed: number }>(
            tx,
            sql`with batch as (
                  select tenant_id, id from bench_scratch.backfill order by tenant_id, id offset ${offset} limit ${BATCH}
                ), changed as (
                  update bench_scratch.backfill b set derived = md5(b.payload)
                    from batch where b.tenant_id = batch.tenant_id and b.id = batch.id and b.derived is null
                  returning 1
                )
                select (select count(*) from batch)::int as scanned, (select count(*) from changed)::int as changed`,
          ),
        );
        changed += row!.changed;
        if (row!.scanned < BATCH) return changed;
      }
    };
    const timed = async (fn: () => Promise<number>) => {
      await reset();
      const start = now();
      const changed = await fn();
      const seconds = (now() - start) / 1000;
      if (changed !== rowsTotal) throw new Error(`a method changed ${changed} rows, expected ${rowsTotal}`);
      return seconds;
    };
    const keysetRun = () => timed(async () => (await runBackfill(db, migration, { batchSize: BATCH, restart: true })).changed);
    const setBased = () =>
      timed(
        async () =>
          (
            await db.query<{ n: number }>(
              'with c as (update bench_scratch.backfill set derived = md5(payload) where derived is null returning 1) select count(*)::int as n from c',
            )
          )[0]!.n,
      );
    try {
      // Keyset and set-based are short: measured around the OFFSET loop (twice each).
      env.log(`${rowsTotal.toLocaleString('en')} rows, batches of ${BATCH}`);
      const keyset1 = await keysetRun();
      const set1 = await setBased();
      env.log(`keyset ${keyset1.toFixed(1)} s, one UPDATE ${set1.toFixed(1)} s; OFFSET loop…`);
      const offset = await timed(() => offsetLoop(db));
      const keyset2 = await keysetRun();
      const set2 = await setBased();
      env.log(`OFFSET ${offset.toFixed(1)} s; keyset ${keyset2.toFixed(1)} s, one UPDATE ${set2.toFixed(1)} s`);
      const keyset = (keyset1 + keyset2) / 2;
      const set = (set1 + set2) / 2;
      return [
        {
          no: 7,
          id: 'backfill',
          title: `Backfill of ${rowsTotal.toLocaleString('en')} rows: OFFSET loop time ÷ keyset runner time`,
          value: offset / keyset,
          unit: '×',
          target: { op: '>=', value: 10, unit: '×' },
          reference: `keyset runner ${keyset.toFixed(1)} s (${keyset1.toFixed(1)} and ${keyset2.toFixed(1)}); OFFSET loop ${offset.toFixed(1)} s`,
          spread: `with the keyset runs' min/max: ${(offset / Math.max(keyset1, keyset2)).toFixed(1)}–${(offset / Math.min(keyset1, keyset2)).toFixed(1)}×`,
          details: {
            'one set-based UPDATE s': set,
            'keyset runner ÷ one UPDATE (time)': keyset / set,
            'rows/s keyset': Math.round(rowsTotal / keyset),
            'rows/s OFFSET': Math.round(rowsTotal / offset),
            'rows/s one UPDATE': Math.round(rowsTotal / set),
            'batch size': BATCH,
          },
        },
      ];
    } finally {
      await db.exec('drop schema if exists bench_scratch cascade');
      await db.query('delete from mono.backfill_checkpoints where name = $1', [NAME]);
    }
  },
};

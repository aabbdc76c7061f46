import { sql } from 'drizzle-orm';
import { type RequestContext, systemPermissions } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { type Paired, pair } from '../lib/measure';
import type { BenchCase } from './types';
import { range } from './types';

/**
 * 4. What auditing costs a write: listings inserted and updated one per transaction (as
 * requests do) through withTenant, with the audit trigger on, against the same table
 * with the trigger switched off (ALTER TABLE … DISABLE TRIGGER audit between batches,
 * outside the timing; always switched back on). Sequentially, and — on a server — with
 * 8 concurrent writers in one tenant, where the per-tenant hash chain serialises commits.
 */
export const audit: BenchCase = {
  no: 4,
  id: 'audit',
  title: 'Audit overhead on writes (trigger on vs off)',
  async run(env) {
    const { db } = env;
    const s = await env.scratch();
    const ctx: RequestContext = {
      requestId: 'bench-audit',
      tenantId: s.tenantId,
      actor: { userId: s.ownerId, tenantId: s.tenantId },
      permissions: systemPermissions,
      ip: '127.0.0.1',
      userAgent: 'mono-bench',
    };
    const targets = await db.transaction("select set_config('role', 'mono_platform', true)", (tx) =>
      rows<{ id: string }>(
        tx,
        sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, currency, status)
            select ${s.tenantId}, ${s.accountId}, ${s.ownerId}, 'JOB', 'Update target ' || n, 'A listing the audit benchmark edits.', '100.00', 'HOURLY', 'EUR', 'DRAFT'
              from generate_series(1, 200) n returning id`,
      ),
    );
    const insert = (i: number) =>
      withTenant(db, ctx, (tx) =>
        tx.execute(sql`insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, currency, location, status)
                       values (${s.tenantId}, ${s.accountId}, ${s.ownerId}, 'GIG', ${`Audit benchmark listing ${i}`},
                               'Two days of fittings and a runway show; experience with editorial work welcome.', '1500.00', 'FIXED', 'EUR',
                               '{"city":"Vienna","country":"AT"}', 'DRAFT')`),
      );
    const update = (i: number) =>
      withTenant(db, ctx, (tx) =>
        tx.execute(sql`update listings set title = ${`Edited title ${i}`}, price = ${(100 + (i % 900)).toFixed(2)}
                        where tenant_id = ${s.tenantId} and id = ${targets[i % targets.length]!.id}`),
      );
    const trigger = (on: boolean) => db.exec(`alter table listings ${on ? 'enable' : 'disable'} trigger audit`);
    const before = (side: 'reference' | 'subject') => trigger(side === 'subject');
    const rounds = env.quick ? 3 : 7;
    const ops = env.quick ? 60 : 200;
    const concurrent = (fn: (i: number) => Promise<unknown>) => (i: number) => Promise.all(Array.from({ length: 8 }, (_, k) => fn(i * 8 + k)));
    let inserts: Paired;
    let updates: Paired;
    let parallel: Paired | undefined;
    try {
      inserts = await pair(insert, insert, { rounds, ops, before });
      updates = await pair(update, update, { rounds, ops, before });
      if (db.engine === 'postgres') parallel = await pair(concurrent(insert), concurrent(insert), { rounds, ops: Math.round(ops / 4), before });
    } finally {
      await trigger(true);
    }
    const both = Math.min(inserts.ratio.median, updates.ratio.median);
    return [
      {
        no: 4,
        id: 'audit',
        title: 'Audit overhead: write throughput with the audit trigger ÷ without (the lower of insert and update)',
        value: both,
        unit: 'ratio',
        target: { op: '>=', value: 0.75, unit: 'ratio' },
        reference: `trigger off: ${inserts.reference.median.toFixed(0)} inserts/s, ${updates.reference.median.toFixed(0)} updates/s (one per transaction)`,
        spread: `insert ${range(inserts.ratio)}, update ${range(updates.ratio)}`,
        details: {
          'insert ratio': inserts.ratio.median,
          'update ratio': updates.ratio.median,
          'audited inserts/s': Math.round(inserts.subject.median),
          'audited updates/s': Math.round(updates.subject.median),
          ...(parallel
            ? {
                '8 concurrent writers, one tenant: insert ratio': parallel.ratio.median,
                '8 concurrent writers: audited inserts/s': Math.round(parallel.subject.median * 8),
                '8 concurrent writers: unaudited inserts/s': Math.round(parallel.reference.median * 8),
              }
            : {}),
          rounds,
          'writes per batch': ops,
        },
      },
    ];
  },
};

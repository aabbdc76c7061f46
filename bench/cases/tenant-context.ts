import { sql } from 'drizzle-orm';
import { type RequestContext, systemPermissions } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { queryInTenant, sqlLiteral, withTenant } from '../../src/db/tenant-context';
import { pair } from '../lib/measure';
import type { BenchCase } from './types';
import { range } from './types';

/**
 * 1. What the tenant context costs: the same indexed read (a listing by primary key)
 * through withTenant — transaction, role and settings, RLS — against the bare query
 * without any context, on the same driver and pool.
 */
export const tenantContext: BenchCase = {
  no: 1,
  id: 'tenant-context',
  title: 'Tenant context cost (withTenant vs bare read)',
  async run(env) {
    const { db } = env;
    const tenant = env.benchTenant ?? { tenantId: (await env.scratch()).tenantId };
    const ids = await db.transaction("select set_config('role', 'mono_platform', true)", (tx) =>
      rows<{ id: string }>(tx, sql`select id from listings where tenant_id = ${tenant.tenantId} order by id limit 500`),
    );
    const id = (i: number) => ids[i % ids.length]!.id;
    const ctx: RequestContext = { requestId: 'bench-tenant-context', tenantId: tenant.tenantId, actor: null, permissions: systemPermissions };
    const read = (i: number) => sql`select id, title, status, price, currency, created_at from listings where tenant_id = ${tenant.tenantId} and id = ${id(i)}`;
    const literal = (i: number) =>
      `select id, title, status, price, currency, created_at from listings where tenant_id = ${sqlLiteral(tenant.tenantId)} and id = ${sqlLiteral(id(i))}`;
    const rounds = env.quick ? 3 : 9;
    const ops = env.quick ? 100 : 400;

    const bare = (i: number) => db.orm.execute(read(i));
    // A read use case: withTenant with its one statement as the whole transaction (one round trip).
    const inTenant = (i: number) => withTenant(db, ctx, (tx) => tx.execute(read(i)), { oneRoundTrip: true });
    const transaction = await pair(bare, inTenant, { rounds, ops });
    // A general transaction: BEGIN and the settings with the statement, then COMMIT (two round trips).
    const general = await pair(bare, (i) => withTenant(db, ctx, (tx) => tx.execute(read(i))), { rounds, ops });
    // The lead's one-round-trip path (settings and statement as one implicit transaction),
    // against the same literal statement sent bare on the same protocol.
    const oneTrip = await pair(
      (i) => db.script(literal(i)),
      (i) => queryInTenant(db, ctx, literal(i)),
      { rounds, ops },
    );
    // RLS itself: inside one open transaction, the same settings round trip and read,
    // once as mono_app under the policy and once as the owner (who bypasses it).
    const policy = await db.withSession(async (session) => {
      await session.exec('begin');
      try {
        const as = (role: string) => async (i: number) => {
          await session.exec(`select set_config('role', '${role}', true), set_config('app.tenant_id', ${sqlLiteral(tenant.tenantId)}, true)`);
          await session.query(literal(i));
        };
        return await pair(as('none'), as('mono_app'), { rounds, ops });
      } finally {
        await session.exec('rollback');
      }
    });

    return [
      {
        no: 1,
        id: 'tenant-context',
        title: 'Tenant context cost: withTenant read ÷ bare read',
        value: transaction.ratio.median,
        unit: 'ratio',
        target: { op: '>=', value: 0.9, unit: 'ratio' },
        reference: `bare read ${Math.round(transaction.reference.median)} reads/s (withTenant ${Math.round(transaction.subject.median)}/s)`,
        spread: range(transaction.ratio),
        details: {
          'withTenant without oneRoundTrip (BEGIN…COMMIT, two round trips) ÷ bare': general.ratio.median,
          'queryInTenant ÷ bare (one round trip)': oneTrip.ratio.median,
          'queryInTenant reads/s': Math.round(oneTrip.subject.median),
          'RLS + role + settings in an open transaction ÷ owner': policy.ratio.median,
          rounds,
          'reads per batch': ops,
        },
        notes: [
          `A read use case's withTenant ({ oneRoundTrip: true }) sends the settings and the read as one script, one round trip like the bare read; without the option, BEGIN and the settings travel with the read and COMMIT follows (two round trips): ${general.ratio.median.toFixed(2)}. queryInTenant (one script of literals): ${oneTrip.ratio.median.toFixed(2)}; the role, settings and row-level security alone, inside an open transaction: ${policy.ratio.median.toFixed(2)}.`,
        ],
      },
    ];
  },
};

import { sql } from 'drizzle-orm';
import { type RequestContext, systemPermissions } from '../../src/core/context';
import { withTenant } from '../../src/db/tenant-context';
import { emitEvent } from '../../src/modules/events';
import { pair } from '../lib/measure';
import type { BenchCase } from './types';
import { range } from './types';

/**
 * 9. What a domain event costs the write path (issue 15: at most 10 %): the same small
 * write — a listing's description changed in one withTenant transaction — with and
 * without the event row (and its webhook fan-out statement) in that transaction.
 */
export const events: BenchCase = {
  no: 9,
  id: 'events',
  title: 'Domain event cost on a write (with ÷ without)',
  async run(env) {
    const { db } = env;
    const scratch = await env.scratch();
    const ctx: RequestContext = { requestId: 'bench-events', tenantId: scratch.tenantId, actor: null, permissions: systemPermissions };
    const id = (i: number) => scratch.listingIds[i % scratch.listingIds.length]!;
    const change = (i: number) => sql`update listings set description = ${`Changed ${i}`} where tenant_id = ${scratch.tenantId} and id = ${id(i)}`;
    const rounds = env.quick ? 3 : 9;
    const ops = env.quick ? 50 : 200;
    const plain = (i: number) => withTenant(db, ctx, (tx) => tx.execute(change(i)));
    const withEvent = (i: number) =>
      withTenant(db, ctx, async (tx) => {
        await tx.execute(change(i));
        await emitEvent(tx, {
          type: 'listing.updated',
          actorId: null,
          resourceType: 'listing',
          resourceId: id(i),
          payload: { id: id(i), description: `Changed ${i}`, status: 'ACTIVE', title: 'A listing of the benchmark' },
        });
      });
    const measured = await pair(plain, withEvent, { rounds, ops });
    return [
      {
        no: 9,
        id: 'events',
        title: 'Domain event cost: write with event ÷ write without',
        value: measured.ratio.median,
        unit: 'ratio',
        target: { op: '>=', value: 0.9, unit: 'ratio' },
        reference: `write without event ${Math.round(measured.reference.median)}/s (with ${Math.round(measured.subject.median)}/s)`,
        spread: range(measured.ratio),
        details: { rounds, 'writes per batch': ops },
        notes: [
          'The event is one more statement in the same transaction (the event row and, in the same statement, one delivery per matching webhook endpoint; none here).',
        ],
      },
    ];
  },
};

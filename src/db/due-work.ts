import { type SQL, sql } from 'drizzle-orm';
import type { Orm } from './client';
import { rows } from './sql';

/**
 * Background work that is due across tenants (mail, webhook deliveries, exports, expiries,
 * clean-ups) is taken in two steps: one plain read finds the tenants that have due rows,
 * then each tenant's rows are claimed by a statement that names that tenant
 * (`… where tenant_id = $t … for update skip locked`). On Citus a statement that locks
 * rows must run on one shard — a cross-tenant `FOR UPDATE` is refused ("could not run
 * distributed query with FOR UPDATE/SHARE commands") — and the tenant's claim is routed to
 * its shard. The read takes no lock: it only says where to look, and each claim checks
 * again what is due, so a tenant another worker emptied meanwhile yields nothing. SKIP
 * LOCKED and the claims' leases keep two workers off the same row, as before.
 */

/** Where a table's due rows are: the FROM (a table, or a join), what is due, and what orders them (the longest waiting first; none: any order). */
export interface DueRows {
  from: SQL;
  where: SQL;
  oldest?: SQL;
  /** The tenant column of `from` (default `tenant_id`; qualify it for a join). */
  tenantId?: SQL;
}

/** The tenants that have due rows, the one with the longest waiting row first; at most `limit` (default all). */
export async function tenantsWithDueRows(tx: Orm, due: DueRows, limit?: number): Promise<string[]> {
  const tenant = due.tenantId ?? sql`tenant_id`;
  const found = await rows<{ tenant_id: string }>(
    tx,
    sql`select ${tenant} as tenant_id from ${due.from} where (${due.where}) group by 1 order by ${due.oldest ? sql`min(${due.oldest})` : sql`1`} limit ${limit ?? null}`,
  );
  return found.map((r) => r.tenant_id);
}

/**
 * Claims up to `limit` items tenant by tenant, in the order given: `claim(tenantId, room)`
 * is that tenant's own short transaction and may take fewer than asked (rows another
 * worker holds are skipped, or fewer are due). What all the claims took.
 */
export async function claimTenantByTenant<T>(
  tenantIds: readonly string[],
  limit: number,
  claim: (tenantId: string, room: number) => Promise<T[]>,
): Promise<T[]> {
  const claimed: T[] = [];
  for (const tenantId of tenantIds) {
    const room = limit - claimed.length;
    if (room <= 0) break;
    claimed.push(...(await claim(tenantId, room)));
  }
  return claimed;
}

/**
 * For each tenant in turn, repeats `batch(tenantId)` (one transaction, answering how many
 * rows it touched) until a batch touches fewer than `full`; how many in all. A backlog is
 * worked through in short transactions, one shard at a time.
 */
export async function drainTenantByTenant(tenantIds: readonly string[], full: number, batch: (tenantId: string) => Promise<number>): Promise<number> {
  let total = 0;
  for (const tenantId of tenantIds) {
    for (;;) {
      const n = await batch(tenantId);
      total += n;
      if (n < full) break;
    }
  }
  return total;
}

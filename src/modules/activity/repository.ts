import { and, eq, sql } from 'drizzle-orm';
import { activities, engagements } from '../../db/schema';
import { rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';
import type { EngagementKind, EngagementTarget } from './schemas';

/**
 * Engagement state and activity rows. The de-duplication is in the statements
 * themselves (unique key + ON CONFLICT), so parallel requests cannot double-count;
 * the counters follow by trigger (migration 0111). Every statement names the
 * transaction's tenant, except the platform job's deliberate cross-tenant clean-up.
 */
export interface EngagementKey {
  userId: string;
  target: EngagementTarget;
  targetId: string;
}

/** Views and shares count at most once per user and target within this window. */
export const COUNT_WINDOW = '1 hour';

const conflictTarget = [engagements.tenantId, engagements.userId, engagements.target, engagements.targetId, engagements.kind];

/** True when the like is new (false: it already stood). */
export async function addLike(tx: TenantTx, key: EngagementKey): Promise<boolean> {
  const added = await tx
    .insert(engagements)
    .values({ ...key, tenantId: tx.tenantId, kind: 'like' })
    .onConflictDoNothing({ target: conflictTarget })
    .returning({ id: engagements.id });
  return added.length > 0;
}

/** The user's like of the target, in either table. */
const likeOf = (tx: TenantTx, table: typeof engagements | typeof activities, key: EngagementKey) =>
  and(
    eq(table.tenantId, tx.tenantId),
    eq(table.userId, key.userId),
    eq(table.target, key.target),
    eq(table.targetId, key.targetId),
    eq('kind' in table ? table.kind : table.type, 'like'),
  );

/** True when a like was removed (false: there was none). */
export async function removeLike(tx: TenantTx, key: EngagementKey): Promise<boolean> {
  const removed = await tx
    .delete(engagements)
    .where(likeOf(tx, engagements, key))
    .returning({ id: engagements.id });
  return removed.length > 0;
}

/**
 * Counts a view or share unless one was counted within COUNT_WINDOW: the upsert
 * moves counted_at only when the stored one is old enough. True when it counted.
 */
export async function countInWindow(tx: TenantTx, key: EngagementKey, kind: Exclude<EngagementKind, 'like'>): Promise<boolean> {
  const counted = await tx
    .insert(engagements)
    .values({ ...key, tenantId: tx.tenantId, kind })
    .onConflictDoUpdate({
      target: conflictTarget,
      set: { countedAt: sql`now()` },
      setWhere: sql`${engagements.countedAt} <= now() - ${COUNT_WINDOW}::interval`,
    })
    .returning({ id: engagements.id });
  return counted.length > 0;
}

export async function insertActivity(tx: TenantTx, key: EngagementKey, type: EngagementKind, metadata?: Record<string, unknown>): Promise<void> {
  await tx.insert(activities).values({ ...key, tenantId: tx.tenantId, type, metadata: metadata ?? null });
}

/** An unlike takes the like out of the user's feed too. */
export async function deleteLikeActivities(tx: TenantTx, key: EngagementKey): Promise<void> {
  await tx.delete(activities).where(likeOf(tx, activities, key));
}

export interface ActivityRow {
  id: string;
  type: string;
  target: string;
  target_id: string;
  metadata: Record<string, unknown> | null;
  created_at: Date;
  /** created_at with microseconds, for the cursor (a JS Date keeps milliseconds only). */
  sort_key: string;
}

/** One page (limit + 1 rows) of a user's activity, newest first, after a keyset. */
export async function listActivities(
  tx: TenantTx,
  userId: string,
  options: { type?: EngagementKind; limit: number; after?: { at: string; id: string } },
): Promise<ActivityRow[]> {
  const type = options.type ? sql`and a.type = ${options.type}` : sql``;
  const after = options.after ? sql`and (a.created_at, a.id) < (${options.after.at}::timestamptz, ${options.after.id}::uuid)` : sql``;
  const found = await rows<Omit<ActivityRow, 'created_at'> & { created_at: string }>(
    tx,
    sql`select a.id, a.type, a.target, a.target_id, a.metadata, a.created_at,
               to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort_key
          from activities a
         where a.tenant_id = ${tx.tenantId} and a.user_id = ${userId} ${type} ${after}
         order by a.created_at desc, a.id desc
         limit ${options.limit + 1}`,
  );
  // Raw queries answer timestamps as text on both drivers.
  return found.map((row) => ({ ...row, created_at: new Date(row.created_at) }));
}

/**
 * Forgets view/share windows that have passed (they can no longer block a count). The
 * scheduler's job on the platform path: deliberately across all tenants in one statement.
 */
export async function deleteLapsedWindows(tx: Tx): Promise<number> {
  const [row] = await rows<{ deleted: number }>(
    tx,
    sql`with deleted as (
          delete from engagements where kind <> 'like' and counted_at <= now() - ${COUNT_WINDOW}::interval returning 1)
        select count(*)::int as deleted from deleted`,
  );
  return row?.deleted ?? 0;
}

import { sql } from 'drizzle-orm';
import { commitHorizon } from '../../db/commit-horizon';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';
import type { NotificationRow } from './repository';

/** A place in a commit-ordered table: after (txid, id). */
export interface Position {
  txid: string;
  id: string;
}

/**
 * Where a new stream starts: the oldest transaction still in flight. Everything before
 * it has finished (and is old news); whatever commits from now on sorts after it.
 */
export async function horizon(tx: TenantTx): Promise<string> {
  const row = await firstRow<{ xmin: string }>(tx, sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`);
  return row!.xmin;
}

/**
 * A person's notifications after a position in (txid, id) order, at most `limit`; each
 * says whether it is ready (its transaction older than every one still in flight, so
 * nothing can commit in front of it any more). Ready rows come first.
 */
export async function notificationsAfterPosition(
  tx: TenantTx,
  userId: string,
  after: Position,
  limit: number,
): Promise<(NotificationRow & { txid: string; ready: boolean })[]> {
  const asked = commitHorizon(tx);
  const horizon = asked instanceof Promise ? await asked : asked;
  // ORDER BY names the table's columns: a bare `txid` is the text output column (lexical
  // order, '10' before '9'), which skipped a notice when a read ended between them.
  return rows(
    tx,
    sql`select id, kind, title, body, link, resource_type, resource_id, read_at, created_at,
               txid::text as txid, txid < ${horizon} as ready
          from notifications
         where tenant_id = ${tx.tenantId} and user_id = ${userId} and (txid, id) > (${after.txid}::xid8, ${after.id}::uuid)
         order by notifications.txid, notifications.id limit ${limit}`,
  );
}

/**
 * Which of the tenant's streams may go on: the ids of the sessions and API keys given
 * that are still live (not revoked, not expired, their person active), whether the tenant
 * is open, and its authorization version (a stream whose permissions were resolved for
 * an older one ends, and its client comes back with current ones). One statement.
 */
export async function liveCredentials(
  tx: TenantTx,
  sessionIds: readonly string[],
  apiKeyIds: readonly string[],
): Promise<{ live: Set<string>; open: boolean; version: number }> {
  const row = await firstRow<{ live: string[] | null; open: boolean; version: number }>(
    tx,
    sql`select array(
              select s.id::text from sessions s join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
               where s.tenant_id = ${tx.tenantId} and s.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(sessionIds)}::jsonb))
                 and s.revoked_at is null and s.expires_at > now() and u.deleted_at is null and u.deactivated_at is null
              union all
              select k.id::text from api_keys k join users u on u.tenant_id = k.tenant_id and u.id = k.created_by
               where k.tenant_id = ${tx.tenantId} and k.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(apiKeyIds)}::jsonb))
                 and k.revoked_at is null and (k.expires_at is null or k.expires_at > now()) and u.deleted_at is null and u.deactivated_at is null
            ) as live,
            coalesce((select t.deleted_at is null and t.status::text in ('ACTIVE', 'TRIAL') from tenants t where t.id = ${tx.tenantId}), false) as open,
            coalesce((select v.version from mono.authz_versions v where v.tenant_id = ${tx.tenantId}), 1)::int as version`,
  );
  return { live: new Set(row?.live ?? []), open: row?.open ?? false, version: Number(row?.version ?? 1) };
}

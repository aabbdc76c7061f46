import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../core/context';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { firstRow, rows } from '../../db/sql';
import { queryInTenant, type TenantTx, type Tx } from '../../db/tenant-context';

/**
 * The queries of "who is asking": account existence for the route guard, role levels,
 * the grants of a user, and tenants by identifier. Session authentication has its own
 * file (session-repository.ts), the catalog and role sync too (sync-repository.ts).
 */

/** Whether a live (not deleted) account of the transaction's tenant has this id. */
export async function liveAccountExists(tx: TenantTx, accountId: string): Promise<boolean> {
  const row = await firstRow(tx, sql`select 1 from accounts where tenant_id = ${tx.tenantId} and id = ${accountId} and deleted_at is null`);
  return Boolean(row);
}

/**
 * The rank of the highest level among the user's unexpired roles (4 PLATFORM, 3 TENANT,
 * 2 ACCOUNT — an account admin counts as ACCOUNT —, 1 USER), or null without any.
 */
export async function highestRoleRank(tx: TenantTx, userId: string): Promise<number | null> {
  const row = await firstRow<{ rank: number | null }>(
    tx,
    sql`select max(rank) as rank from (
          select case r.level when 'PLATFORM' then 4 when 'TENANT' then 3 when 'ACCOUNT' then 2 else 1 end as rank
            from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id
           where ur.tenant_id = ${tx.tenantId} and ur.user_id = ${userId} and (ur.expires_at is null or ur.expires_at > now())
          union all
          select 2 from account_users where tenant_id = ${tx.tenantId} and user_id = ${userId} and role = 'admin') levels`,
  );
  return row?.rank ?? null;
}

export interface GrantRow {
  permission: string;
  account_id: string | null;
  granted: boolean;
  expires_at: Date | string | null;
}

/**
 * Every grant that applies to the user right now, in one call of `mono.user_grants`
 * (migration 0014; see resolver.ts for why it is a PL/pgSQL function). The function runs
 * as the caller: RLS limits it to the transaction's tenant.
 */
export async function userGrantRows(tx: TenantTx, userId: string): Promise<GrantRow[]> {
  return rows<GrantRow>(tx, sql`select permission, account_id, granted, expires_at from mono.user_grants(${userId}::uuid)`);
}

/** A row of mono.user_grant_set (migration 0851): r assignment, g direct grant, d role definition, v version. */
export interface GrantSetRow {
  kind: 'r' | 'g' | 'd' | 'v';
  role_id: string | null;
  account_id: string | null;
  permission: string | null;
  permissions: string[] | null;
  granted: boolean;
  expires_at: Date | string | null;
  version: number | string | null;
}

/**
 * The user's role assignments and direct grants, the definitions of the assigned roles
 * not in `knownRoles`, and the tenant's authorization version — one statement in one
 * round trip (queryInTenant: the ids are checked UUIDs, inlined as literals).
 */
export async function userGrantSet(db: Database, ctx: RequestContext, userId: string, knownRoles: readonly string[]): Promise<GrantSetRow[]> {
  if (!isUuid(userId) || !knownRoles.every(isUuid)) throw new Error('userGrantSet takes UUIDs');
  return queryInTenant<GrantSetRow>(db, ctx, `select * from mono.user_grant_set('${userId}'::uuid, '{${knownRoles.join(',')}}'::uuid[])`);
}

export interface TenantByIdentifierRow {
  id: string;
  identifier: string;
  status: string;
  deleted: boolean;
}

/** A live tenant by its identifier (platform path: nothing is known about the tenant yet). */
export async function findTenantByIdentifier(tx: Tx, identifier: string): Promise<TenantByIdentifierRow | undefined> {
  return firstRow<TenantByIdentifierRow>(
    tx,
    sql`select id, identifier, status::text as status, deleted_at is not null as deleted
          from tenants where identifier = ${identifier} and deleted_at is null`,
  );
}

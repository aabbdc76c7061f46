import type { RequestContext } from '../../core/context';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { queryInTenant } from '../../db/tenant-context';

export interface SessionRow {
  session_id: string;
  user_id: string;
  two_factor_passed: boolean;
  usable: boolean;
  user_active: boolean;
  identifier: string;
  status: string;
  tenant_deleted: boolean;
  authz_version: number;
  account_exists: boolean | null;
  /** When the session expires, ms since the epoch. */
  expires_ms: number;
}

/**
 * What the session and the API key lookups share: the checked literals of the tenant and
 * the token hash, and the columns and joins that answer whether the credential's user is
 * active, the tenant's state, its authorization version and (for /account/{accountId}
 * routes) whether the account exists. `userColumn` names the credential's user.
 */
export function credentialLookupSql(tenantId: string, lookup: { tokenHash: Buffer; accountId?: string }, userColumn: string) {
  if (!isUuid(tenantId) || (lookup.accountId !== undefined && !isUuid(lookup.accountId))) throw new Error('credential lookup: not a UUID');
  const t = `'${tenantId}'::uuid`;
  const accountExists = lookup.accountId
    ? `exists (select 1 from accounts where tenant_id = ${t} and id = '${lookup.accountId}'::uuid and deleted_at is null)`
    : 'null::boolean';
  return {
    t,
    hash: `'\\x${lookup.tokenHash.toString('hex')}'::bytea`,
    columns: `(u.deleted_at is null and u.deactivated_at is null) as user_active,
            t.identifier, t.status::text as status, t.deleted_at is not null as tenant_deleted,
            coalesce((select version from mono.authz_versions where tenant_id = ${t}), 1)::int as authz_version,
            ${accountExists} as account_exists`,
    joins: `join users u on u.tenant_id = ${t} and u.id = ${userColumn}
       join tenants t on t.id = ${t}`,
  };
}

export interface SessionLookup {
  /** SHA-256 of the bearer token. */
  tokenHash: Buffer;
  /** A session unused for longer is not usable any more. */
  idleSeconds: number;
  /** Also answer whether this live account exists in the tenant (a checked UUID). */
  accountId?: string;
}

/**
 * The session of a token hash in ctx's tenant, with its user, tenant and the tenant's
 * authorization version — and refreshes last_used_at (at most once a minute, so a busy
 * client does not write on every request). One statement sent with the context settings
 * in one round trip (queryInTenant, no BEGIN/COMMIT): every value in it is a checked
 * literal (UUIDs, hex, an integer), and every table it touches is named with tenant_id.
 */
export async function findSessionByTokenHash(db: Database, ctx: RequestContext & { tenantId: string }, lookup: SessionLookup): Promise<SessionRow | undefined> {
  const { t, hash, columns, joins } = credentialLookupSql(ctx.tenantId, lookup, 's.user_id');
  const idle = `interval '${Math.round(lookup.idleSeconds)} seconds'`;
  const [row] = await queryInTenant<SessionRow>(
    db,
    ctx,
    `with s as (
       select id, user_id, two_factor_passed, expires_at,
              revoked_at is null and expires_at > now() and last_used_at > now() - ${idle} as usable
         from sessions where tenant_id = ${t} and token_hash = ${hash}
     ), touched as (
       update sessions set last_used_at = now()
        where tenant_id = ${t} and id = (select id from s where usable)
          and last_used_at < now() - interval '60 seconds'
       returning 1
     )
     select s.id as session_id, s.user_id, s.two_factor_passed, s.usable,
            (extract(epoch from s.expires_at) * 1000)::float8 as expires_ms, ${columns}
       from s ${joins}`,
  );
  return row;
}

/**
 * Runs the cached session's guard (ctx.sessionGuard) on its own, for a request that got
 * its answer without any transaction of its own (e.g. GET /user/permissions, answered from
 * the resolved permissions): one round trip, and it throws the guard's refusal like any
 * transaction would. A no-op when there is no unverified guard.
 */
export async function confirmSession(db: Database, ctx: RequestContext): Promise<void> {
  if (!ctx.sessionGuard || ctx.sessionGuard.verified || !ctx.tenantId) return;
  await queryInTenant(db, ctx, 'select 1');
}

import { noPermissions, type RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { queryInTenant } from '../../db/tenant-context';
import { hashToken, tokenTenant } from './tokens';

export interface AuthenticatedSession {
  tenantId: string;
  tenantIdentifier: string;
  tenantStatus: string;
  tenantDeleted: boolean;
  userId: string;
  sessionId: string;
  twoFactorPassed: boolean;
  /** The tenant's authorization version: permission caches are valid only for it. */
  authzVersion: number;
  /** Whether `options.accountId` names a live account of this tenant (undefined when not asked). */
  accountExists?: boolean;
}

const unauthenticated = (detail: string) => new AppError('UNAUTHENTICATED', detail);

/**
 * Validates a bearer session token: it must name a tenant, match a stored hash there,
 * be neither revoked, expired nor idle too long, and belong to an active user. One
 * round trip, which also refreshes last_used_at (at most once a minute, so a busy
 * client does not write on every request), reads the authorization version and — for
 * /account/{accountId} routes — whether that account exists in the tenant.
 */
export async function authenticateSession(
  db: Database,
  token: string,
  base: Pick<RequestContext, 'requestId' | 'ip' | 'userAgent'>,
  idleMs: number,
  options: { accountId?: string } = {},
): Promise<AuthenticatedSession> {
  const tenantId = tokenTenant(token, 'mses');
  if (!tenantId) throw unauthenticated('The session token is not valid');
  const accountId = options.accountId && isUuid(options.accountId) ? options.accountId : undefined;
  // Every value below is a checked literal (UUIDs, hex, an integer): the statement goes
  // with the context settings in one round trip (queryInTenant), no BEGIN/COMMIT.
  const t = `'${tenantId}'::uuid`;
  const hash = `'\\x${hashToken(token).toString('hex')}'::bytea`;
  const idle = `interval '${Math.round(idleMs / 1000)} seconds'`;
  const [row] = await queryInTenant<{
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
  }>(
    db,
    { ...base, tenantId, actor: null, permissions: noPermissions },
    `with s as (
       select id, user_id, two_factor_passed,
              revoked_at is null and expires_at > now() and last_used_at > now() - ${idle} as usable
         from sessions where tenant_id = ${t} and token_hash = ${hash}
     ), touched as (
       update sessions set last_used_at = now()
        where tenant_id = ${t} and id = (select id from s where usable)
          and last_used_at < now() - interval '60 seconds'
       returning 1
     )
     select s.id as session_id, s.user_id, s.two_factor_passed, s.usable,
            (u.deleted_at is null and u.deactivated_at is null) as user_active,
            t.identifier, t.status::text as status, t.deleted_at is not null as tenant_deleted,
            coalesce((select version from mono.authz_versions where tenant_id = ${t}), 1)::int as authz_version,
            ${accountId ? `exists (select 1 from accounts where id = '${accountId}'::uuid and deleted_at is null)` : 'null::boolean'} as account_exists
       from s
       join users u on u.tenant_id = ${t} and u.id = s.user_id
       join tenants t on t.id = ${t}`,
  );
  if (!row) throw unauthenticated('The session token is not valid');
  if (!row.usable) throw unauthenticated('The session has expired or was signed out; sign in again');
  if (!row.user_active) throw unauthenticated('This user is deactivated');
  return {
    tenantId,
    tenantIdentifier: row.identifier,
    tenantStatus: row.status,
    tenantDeleted: row.tenant_deleted,
    userId: row.user_id,
    sessionId: row.session_id,
    twoFactorPassed: row.two_factor_passed,
    authzVersion: row.authz_version,
    accountExists: row.account_exists ?? undefined,
  };
}

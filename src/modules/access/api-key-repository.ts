import type { RequestContext } from '../../core/context';
import { isUuid } from '../../core/ids';
import type { Database } from '../../db/client';
import { queryInTenant } from '../../db/tenant-context';

export interface ApiKeyAuthRow {
  api_key_id: string;
  account_id: string | null;
  created_by: string;
  permissions: string[];
  denied: string[];
  usable: boolean;
  rate_limit_per_minute: number;
  /** Requests in the current one-minute window, this one included (null when not usable: not counted). */
  requests: number | null;
  /** Seconds until the window ends. */
  reset_seconds: number | null;
  user_active: boolean;
  identifier: string;
  status: string;
  tenant_deleted: boolean;
  authz_version: number;
  account_exists: boolean | null;
}

/**
 * The API key of a token hash in ctx's tenant, with its creator's state, the tenant and
 * its authorization version — and counts the request in the key's usage row (the
 * one-minute rate-limit window and the last use). One statement in one round trip, like
 * the session lookup (session-repository.ts): every value in it is a checked literal.
 */
export async function findApiKeyByTokenHash(
  db: Database,
  ctx: RequestContext & { tenantId: string },
  lookup: { tokenHash: Buffer; accountId?: string },
): Promise<ApiKeyAuthRow | undefined> {
  if (!isUuid(ctx.tenantId) || (lookup.accountId !== undefined && !isUuid(lookup.accountId))) throw new Error('API key lookup: not a UUID');
  const t = `'${ctx.tenantId}'::uuid`;
  const hash = `'\\x${lookup.tokenHash.toString('hex')}'::bytea`;
  const accountExists = lookup.accountId
    ? `exists (select 1 from accounts where tenant_id = ${t} and id = '${lookup.accountId}'::uuid and deleted_at is null)`
    : 'null::boolean';
  const [row] = await queryInTenant<ApiKeyAuthRow>(
    db,
    ctx,
    `with k as (
       select id, account_id, created_by, permissions, denied, rate_limit_per_minute,
              revoked_at is null and (expires_at is null or expires_at > now()) as usable
         from api_keys where tenant_id = ${t} and token_hash = ${hash}
     ), used as (
       insert into api_key_usage as u (tenant_id, api_key_id, window_start, requests, last_used_at)
       select ${t}, k.id, date_trunc('minute', now()), 1, now() from k where k.usable
       on conflict (tenant_id, api_key_id) do update
          set requests = case when u.window_start = excluded.window_start then u.requests + 1 else 1 end,
              window_start = excluded.window_start, last_used_at = excluded.last_used_at
       returning requests, window_start
     )
     select k.id as api_key_id, k.account_id, k.created_by, k.permissions, k.denied, k.usable, k.rate_limit_per_minute,
            (select requests from used) as requests,
            ceil(extract(epoch from (select window_start from used) + interval '1 minute' - now()))::int as reset_seconds,
            (u.deleted_at is null and u.deactivated_at is null) as user_active,
            t.identifier, t.status::text as status, t.deleted_at is not null as tenant_deleted,
            coalesce((select version from mono.authz_versions where tenant_id = ${t}), 1)::int as authz_version,
            ${accountExists} as account_exists
       from k
       join users u on u.tenant_id = ${t} and u.id = k.created_by
       join tenants t on t.id = ${t}`,
  );
  return row;
}

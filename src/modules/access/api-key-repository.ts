import type { RequestContext } from '../../core/context';
import type { Database } from '../../db/client';
import { queryInTenant } from '../../db/tenant-context';
import { credentialLookupSql } from './session-repository';

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
 * the session lookup (session-repository.ts, whose columns it shares): every value in it is a checked literal.
 */
export async function findApiKeyByTokenHash(
  db: Database,
  ctx: RequestContext & { tenantId: string },
  lookup: { tokenHash: Buffer; accountId?: string },
): Promise<ApiKeyAuthRow | undefined> {
  const { t, hash, columns, joins } = credentialLookupSql(ctx.tenantId, lookup, 'k.created_by');
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
            ${columns}
       from k ${joins}`,
  );
  return row;
}

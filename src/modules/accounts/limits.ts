import { sql } from 'drizzle-orm';
import type { Limits } from '../../db/schema';
import { firstRow } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/**
 * An account's effective limits: its subscription's plan limits, overridden key by key
 * by the account's own `limits`. A missing key means unlimited. With `lock`, the
 * account row is locked FOR UPDATE first, so a check-and-act on a limit (publish the
 * listing, add the member) cannot race another one on the same account.
 */
export async function effectiveLimits(tx: Tx, accountId: string, options: { lock?: boolean } = {}): Promise<Limits | undefined> {
  const row = await firstRow<{ limits: Limits }>(
    tx,
    sql`select coalesce(p.limits, '{}'::jsonb) || a.limits as limits
          from accounts a
          left join account_subscriptions s on s.tenant_id = a.tenant_id and s.account_id = a.id
                                           and s.status in ('TRIALING', 'ACTIVE', 'PAST_DUE')
          left join plans p on p.code = s.plan
         where a.id = ${accountId} and a.deleted_at is null
         ${options.lock ? sql`for update of a` : sql``}`,
  );
  return row?.limits;
}

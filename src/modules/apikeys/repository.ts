import { sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../db/keyset';
import { apiKeys } from '../../db/schema';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

/** A key as its managers see it: never the hash. */
export interface ApiKeyRow {
  id: string;
  account_id: string | null;
  created_by: string;
  name: string;
  hint: string;
  permissions: string[];
  denied: string[];
  rate_limit_per_minute: number;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  last_used_at: Date | null;
}

export interface NewApiKey {
  accountId: string | null;
  createdBy: string;
  name: string;
  tokenHash: Buffer;
  hint: string;
  permissions: string[];
  denied: string[];
  rateLimitPerMinute: number;
  expiresAt: Date | null;
}

const columns = sql`k.id, k.account_id, k.created_by, k.name, k.hint, k.permissions, k.denied, k.rate_limit_per_minute,
                    k.expires_at, k.revoked_at, k.created_at, u.last_used_at`;

/** Tenant keys (accountId null) or one account's keys. */
const ofOwner = (accountId: string | null) => (accountId === null ? sql`k.account_id is null` : sql`k.account_id = ${accountId}`);

export async function insertApiKey(tx: TenantTx, key: NewApiKey): Promise<ApiKeyRow> {
  const [row] = await tx
    .insert(apiKeys)
    .values({ tenantId: tx.tenantId, ...key })
    .returning({ id: apiKeys.id });
  return (await findApiKey(tx, key.accountId, row!.id))!;
}

export function findApiKey(tx: TenantTx, accountId: string | null, id: string): Promise<ApiKeyRow | undefined> {
  return firstRow<ApiKeyRow>(
    tx,
    sql`select ${columns} from api_keys k
          left join api_key_usage u on u.tenant_id = k.tenant_id and u.api_key_id = k.id
         where k.tenant_id = ${tx.tenantId} and k.id = ${id} and ${ofOwner(accountId)}`,
  );
}

/** Newest first, revoked and expired ones included (they say when they stopped working). */
export function listApiKeys(tx: TenantTx, accountId: string | null, page: { cursor?: string; limit: number }): Promise<ApiKeyRow[]> {
  const before = beforeIdCursor(sql`k.id`, page.cursor) ?? sql`true`;
  return rows<ApiKeyRow>(
    tx,
    sql`select ${columns} from api_keys k
          left join api_key_usage u on u.tenant_id = k.tenant_id and u.api_key_id = k.id
         where k.tenant_id = ${tx.tenantId} and ${ofOwner(accountId)} and ${before}
         order by k.id desc limit ${page.limit}`,
  );
}

/** Revokes the key unless it is already revoked (it keeps its first revocation time); false when nothing changed. */
export async function revokeApiKey(tx: TenantTx, accountId: string | null, id: string): Promise<boolean> {
  const row = await firstRow<{ id: string }>(
    tx,
    sql`update api_keys k set revoked_at = now()
         where k.tenant_id = ${tx.tenantId} and k.id = ${id} and ${ofOwner(accountId)} and k.revoked_at is null
        returning k.id`,
  );
  return row !== undefined;
}

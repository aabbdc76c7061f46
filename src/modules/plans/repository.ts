import { sql } from 'drizzle-orm';
import { firstRow } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

export type AccountStatus = 'PENDING' | 'ACTIVE' | 'SUSPENDED' | 'INACTIVE';

/** A row of mono.plan_entitlements (src/db/definitions/030_plans_entitlements.sql). */
export interface EntitlementsRow {
  account_status: AccountStatus | null;
  plan: string | null;
  limits: Record<string, number | null>;
  features: string[];
}

/**
 * Locks the live account's row FOR NO KEY UPDATE until the transaction ends: the one
 * lock every check-and-act on a plan limit takes first. NO KEY UPDATE, not UPDATE: it
 * does not wait for (or block) the foreign-key checks of rows that refer to the account
 * (new members, listings, files), only other lockers and writers of the row itself.
 * False when the tenant has no such live account.
 */
export async function lockAccountRow(tx: TenantTx, accountId: string): Promise<boolean> {
  const row = await firstRow(
    tx,
    sql`select 1 as locked from accounts
         where tenant_id = ${tx.tenantId} and id = ${accountId} and deleted_at is null
           for no key update`,
  );
  return row !== undefined;
}

/** The entitlements of the account (null: of a person without an account), from the one SQL function. */
export async function entitlementsRow(tx: TenantTx, accountId: string | null): Promise<EntitlementsRow | undefined> {
  return firstRow<EntitlementsRow>(
    tx,
    sql`select account_status, plan, limits, features from mono.plan_entitlements(${tx.tenantId}::uuid, ${accountId}::uuid)`,
  );
}

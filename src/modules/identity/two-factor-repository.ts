import { and, eq, isNull, sql } from 'drizzle-orm';
import { userRecoveryCodes } from '../../db/schema';
import { ofTenant } from '../../db/scope';
import { firstRow } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

/** TOTP replay protection and recovery codes — every statement names the tenant. */

/**
 * Accepts a TOTP time step for the user unless that step (or a later one) was used
 * already: atomic, so one code cannot open two sessions even in parallel.
 */
export async function acceptTotpStep(tx: TenantTx, userId: string, step: number): Promise<boolean> {
  const row = await firstRow(
    tx,
    sql`update users set two_factor_last_step = ${step}
         where tenant_id = ${tx.tenantId} and id = ${userId}
           and (two_factor_last_step is null or two_factor_last_step < ${step}) returning 1`,
  );
  return Boolean(row);
}

/** The user's recovery codes become exactly these (hashed). */
export async function replaceRecoveryCodes(tx: TenantTx, userId: string, codeHashes: Buffer[]): Promise<void> {
  await deleteRecoveryCodes(tx, userId);
  await tx.insert(userRecoveryCodes).values(codeHashes.map((codeHash) => ({ tenantId: tx.tenantId, userId, codeHash })));
}

export async function deleteRecoveryCodes(tx: TenantTx, userId: string): Promise<void> {
  await tx.delete(userRecoveryCodes).where(and(ofTenant(tx, userRecoveryCodes.tenantId), eq(userRecoveryCodes.userId, userId)));
}

/** Uses up an unused recovery code of the user atomically; false when there is none such. */
export async function spendRecoveryCode(tx: TenantTx, userId: string, codeHash: Buffer): Promise<boolean> {
  const [used] = await tx
    .update(userRecoveryCodes)
    .set({ usedAt: sql`now()` as unknown as Date })
    .where(
      and(
        ofTenant(tx, userRecoveryCodes.tenantId),
        eq(userRecoveryCodes.userId, userId),
        eq(userRecoveryCodes.codeHash, codeHash),
        isNull(userRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: userRecoveryCodes.id });
  return Boolean(used);
}

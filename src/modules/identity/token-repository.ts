import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { oneTimeTokens } from '../../db/schema';
import { ofTenant } from '../../db/scope';
import { firstRow } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

/** Single-use e-mail link tokens (verification, password reset, invitation), stored hashed. */

export type OneTimeTokenPurpose = 'EMAIL_VERIFICATION' | 'PASSWORD_RESET';

export async function insertOneTimeToken(tx: TenantTx, token: { userId: string; purpose: OneTimeTokenPurpose; tokenHash: Buffer; ttl: string }): Promise<void> {
  await tx.insert(oneTimeTokens).values({
    tenantId: tx.tenantId,
    userId: token.userId,
    purpose: token.purpose,
    tokenHash: token.tokenHash,
    expiresAt: sql`now() + ${token.ttl}::interval` as unknown as Date,
  });
}

/** Uses up a live token atomically (only one of two concurrent uses succeeds): its user, or undefined. */
export async function consumeOneTimeToken(tx: TenantTx, tokenHash: Buffer, purpose: OneTimeTokenPurpose): Promise<string | undefined> {
  const used = await firstRow<{ user_id: string }>(
    tx,
    sql`update one_time_tokens set used_at = now()
         where tenant_id = ${tx.tenantId} and token_hash = ${tokenHash} and purpose = ${purpose} and used_at is null and expires_at > now()
        returning user_id`,
  );
  return used?.user_id;
}

/** Deletes the user's unused links (the address changed: they must not work any more). */
export async function deleteUnusedTokens(tx: TenantTx, userId: string): Promise<void> {
  await tx.delete(oneTimeTokens).where(and(ofTenant(tx, oneTimeTokens.tenantId), eq(oneTimeTokens.userId, userId), isNull(oneTimeTokens.usedAt)));
}

/** Deletes the user's other live links of a purpose (a reset was just done). */
export async function deleteLiveTokens(tx: TenantTx, userId: string, purpose: OneTimeTokenPurpose): Promise<void> {
  await tx
    .delete(oneTimeTokens)
    .where(
      and(ofTenant(tx, oneTimeTokens.tenantId), eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), gt(oneTimeTokens.expiresAt, sql`now()`)),
    );
}

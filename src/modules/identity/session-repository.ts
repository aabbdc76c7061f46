import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../db/keyset';
import { sessions } from '../../db/schema';
import { ofTenant } from '../../db/scope';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';

/** Sessions: created at sign-in, listed and revoked by their owner — every statement names the tenant. */

export type SessionRow = typeof sessions.$inferSelect;

export interface NewSession {
  userId: string;
  tokenHash: Buffer;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  twoFactorPassed: boolean;
}

export async function insertSession(tx: TenantTx, session: NewSession): Promise<string> {
  const [row] = await tx
    .insert(sessions)
    .values({ tenantId: tx.tenantId, ...session })
    .returning({ id: sessions.id });
  return row!.id;
}

/** Revokes one session (sign-out), if not revoked already. */
export async function revokeSession(tx: TenantTx, sessionId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` as unknown as Date })
    .where(and(ofTenant(tx, sessions.tenantId), eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes one of the user's own live sessions; false when there is none such. */
export async function revokeOwnSession(tx: TenantTx, userId: string, sessionId: string): Promise<boolean> {
  const [revoked] = await tx
    .update(sessions)
    .set({ revokedAt: sql`now()` as unknown as Date })
    .where(and(ofTenant(tx, sessions.tenantId), eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return Boolean(revoked);
}

/** Revokes the user's live sessions, except `keepSessionId` when given. Returns how many. */
export async function revokeSessions(tx: TenantTx, userId: string, keepSessionId?: string): Promise<number> {
  const result = await firstRow<{ n: number }>(
    tx,
    sql`with revoked as (
          update sessions set revoked_at = now()
           where tenant_id = ${tx.tenantId} and user_id = ${userId} and revoked_at is null and expires_at > now()
             ${keepSessionId ? sql`and id <> ${keepSessionId}` : sql``}
          returning 1)
        select count(*)::int as n from revoked`,
  );
  return result?.n ?? 0;
}

/** The user's live sessions: neither revoked nor expired. */
const liveSessionsOf = (tx: TenantTx, userId: string) =>
  and(ofTenant(tx, sessions.tenantId), eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`);

/** A page (limit + 1 rows, newest first) of the user's live sessions. */
export async function listLiveSessions(tx: TenantTx, userId: string, page: { limit: number; cursor?: string }): Promise<SessionRow[]> {
  return tx
    .select()
    .from(sessions)
    .where(and(liveSessionsOf(tx, userId), beforeIdCursor(sessions.id, page.cursor)))
    .orderBy(desc(sessions.id))
    .limit(page.limit + 1);
}

/** The session has passed the second factor (two-factor was just turned on in it). */
export async function markTwoFactorPassed(tx: TenantTx, sessionId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ twoFactorPassed: true })
    .where(and(ofTenant(tx, sessions.tenantId), eq(sessions.id, sessionId)));
}

/** One of the user's own live sessions (not revoked, not expired), or undefined. */
export async function findLiveSession(tx: TenantTx, userId: string, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await tx
    .select()
    .from(sessions)
    .where(and(liveSessionsOf(tx, userId), eq(sessions.id, sessionId)));
  return row;
}

/** Whether the person signed in before, and whether ever with this client (user agent): a new device is the first, not the second. */
export async function deviceHistory(tx: TenantTx, userId: string, userAgent: string | null): Promise<{ signedInBefore: boolean; knownDevice: boolean }> {
  const [row] = await rows<{ before: boolean; known: boolean }>(
    tx,
    sql`select exists (select 1 from sessions where tenant_id = ${tx.tenantId} and user_id = ${userId}) as before,
               exists (select 1 from sessions where tenant_id = ${tx.tenantId} and user_id = ${userId}
                          and user_agent is not distinct from ${userAgent}) as known`,
  );
  return { signedInBefore: row?.before ?? false, knownDevice: row?.known ?? false };
}

import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { beforeIdCursor } from '../../../db/keyset';
import { reports } from '../../../db/schema/marketplace';
import { firstRow } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';

export type ReportRow = typeof reports.$inferSelect;
export type ReportTarget = ReportRow['targetType'];

/**
 * Can the reporter see what they report: an active public listing, a live person, a
 * message of a conversation they take part in (as the applicant or one of the
 * listing's account), a revealed review that is not hidden.
 */
export async function targetVisible(tx: TenantTx, type: ReportTarget, id: string, me: string): Promise<boolean> {
  const t = tx.tenantId;
  const query = {
    LISTING: sql`select exists (select 1 from listings l join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
                  where l.tenant_id = ${t} and l.id = ${id} and l.status = 'ACTIVE' and l.deleted_at is null
                    and (l.expires_at is null or l.expires_at > now()) and a.status <> 'SUSPENDED') as ok`,
    USER: sql`select exists (select 1 from users u where u.tenant_id = ${t} and u.id = ${id} and u.deleted_at is null and u.deactivated_at is null) as ok`,
    MESSAGE: sql`select exists (select 1 from messages m
                  join applications ap on ap.tenant_id = m.tenant_id and ap.id = m.application_id
                  join listings l on l.tenant_id = ap.tenant_id and l.id = ap.listing_id
                  where m.tenant_id = ${t} and m.id = ${id} and m.deleted_at is null and l.deleted_at is null
                    and (ap.applicant_id = ${me} or exists (select 1 from account_users au
                          where au.tenant_id = ${t} and au.account_id = l.account_id and au.user_id = ${me}))) as ok`,
    REVIEW: sql`select exists (select 1 from reviews r where r.tenant_id = ${t} and r.id = ${id} and r.revealed_at is not null and r.hidden_at is null) as ok`,
  }[type];
  return (await firstRow<{ ok: boolean }>(tx, query))?.ok === true;
}

export async function insertReport(tx: TenantTx, values: Pick<ReportRow, 'reporterId' | 'targetType' | 'targetId' | 'reason' | 'body'>): Promise<ReportRow> {
  const [row] = await tx
    .insert(reports)
    .values({ tenantId: tx.tenantId, ...values })
    .returning();
  return row!;
}

export async function listReports(
  tx: TenantTx,
  filters: { status?: ReportRow['status'][]; targetType?: ReportTarget[]; targetId?: string },
  page: { cursor?: string; limit: number },
): Promise<ReportRow[]> {
  return tx
    .select()
    .from(reports)
    .where(
      and(
        eq(reports.tenantId, tx.tenantId),
        filters.status ? inArray(reports.status, filters.status) : undefined,
        filters.targetType ? inArray(reports.targetType, filters.targetType) : undefined,
        filters.targetId ? eq(reports.targetId, filters.targetId) : undefined,
        beforeIdCursor(reports.id, page.cursor),
      ),
    )
    .orderBy(desc(reports.id))
    .limit(page.limit + 1);
}

export async function lockReport(tx: TenantTx, id: string): Promise<ReportRow | undefined> {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.tenantId, tx.tenantId), eq(reports.id, id)))
    .for('update');
  return row;
}

export async function closeReport(
  tx: TenantTx,
  id: string,
  change: { status: 'RESOLVED' | 'DISMISSED'; by: string; note: string | null; hidden: boolean },
): Promise<ReportRow> {
  const [row] = await tx
    .update(reports)
    .set({ status: change.status, resolvedBy: change.by, resolvedAt: sql`now()`, resolutionNote: change.note, targetHidden: change.hidden })
    .where(and(eq(reports.tenantId, tx.tenantId), eq(reports.id, id)))
    .returning();
  return row!;
}

/**
 * Takes the target out of sight, as a moderator: a listing is held down (paused if it
 * was active; only a moderator lifts the hold, migration 0480), a review hidden with the
 * note as its reason, a message removed (its tombstone stays), a person deactivated.
 * Already out of sight: no change. Returns whether anything changed.
 */
export async function hideTarget(tx: TenantTx, type: ReportTarget, id: string, by: string, note: string | null): Promise<boolean> {
  const t = tx.tenantId;
  const statement = {
    LISTING: sql`update listings set status = case when status = 'ACTIVE' then 'PAUSED'::listing_status else status end, held_at = now()
                  where tenant_id = ${t} and id = ${id} and held_at is null and deleted_at is null returning id`,
    USER: sql`update users set deactivated_at = now() where tenant_id = ${t} and id = ${id} and deactivated_at is null returning id`,
    MESSAGE: sql`update messages set deleted_at = now() where tenant_id = ${t} and id = ${id} and deleted_at is null returning id`,
    REVIEW: sql`update reviews set hidden_at = now(), hidden_by = ${by}, hidden_reason = ${note ?? 'Reported'}
                 where tenant_id = ${t} and id = ${id} and hidden_at is null returning id`,
  }[type];
  return (await firstRow<{ id: string }>(tx, statement)) !== undefined;
}

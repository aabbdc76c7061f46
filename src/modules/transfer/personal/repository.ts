import { sql } from 'drizzle-orm';
import { type DueRows, tenantsWithDueRows } from '../../../db/due-work';
import { firstRow, rows } from '../../../db/sql';
import type { TenantTx, Tx } from '../../../db/tenant-context';

/** A personal data export as stored (migration 0810). */
export interface ExportRow {
  id: string;
  user_id: string;
  requested_by: string;
  status: 'PENDING' | 'RUNNING' | 'READY' | 'FAILED' | 'EXPIRED';
  storage_key: string | null;
  size_bytes: number | string | null;
  sha256: string | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  expires_at: Date | null;
}

const columns = sql`id, user_id, requested_by, status, storage_key, size_bytes, sha256, error, created_at, started_at, completed_at, expires_at`;

/** A live (not deleted) person of the tenant. */
export async function userExists(tx: TenantTx, userId: string): Promise<boolean> {
  return !!(await firstRow(tx, sql`select 1 from users where tenant_id = ${tx.tenantId} and id = ${userId} and deleted_at is null`));
}

/** Queues an export; refused by user_exports_one_running while one of the person is waiting or running. */
export async function insertExport(tx: TenantTx, userId: string, requestedBy: string): Promise<ExportRow> {
  return (await firstRow<ExportRow>(
    tx,
    sql`insert into user_exports (tenant_id, user_id, requested_by) values (${tx.tenantId}, ${userId}, ${requestedBy}) returning ${columns}`,
  ))!;
}

/** One export of one person. */
export async function findExport(tx: TenantTx, userId: string, exportId: string): Promise<ExportRow | undefined> {
  return firstRow<ExportRow>(tx, sql`select ${columns} from user_exports where tenant_id = ${tx.tenantId} and id = ${exportId} and user_id = ${userId}`);
}

/** Exports waiting to be built, and those whose builder died (running for over 30 minutes). */
const pendingExports: DueRows = {
  from: sql`user_exports`,
  where: sql`status = 'PENDING' or (status = 'RUNNING' and started_at < now() - interval '30 minutes')`,
  oldest: sql`created_at`,
};

/** The tenants with exports to build, the longest waiting first (platform path; a plain read, see db/due-work.ts). */
export function tenantsWithPendingExports(tx: Tx, limit: number): Promise<string[]> {
  return tenantsWithDueRows(tx, pendingExports, limit);
}

/** Claims the tenant's oldest export to build (platform path); SKIP LOCKED lets several workers share the queue. */
export async function claimPendingExport(
  tx: Tx,
  tenantId: string,
): Promise<{ tenant_id: string; id: string; user_id: string; requested_by: string } | undefined> {
  return firstRow(
    tx,
    sql`update user_exports e set status = 'RUNNING', started_at = now(), error = null
         where e.tenant_id = ${tenantId} and (e.tenant_id, e.id) = (
           select x.tenant_id, x.id from user_exports x
            where x.tenant_id = ${tenantId} and (${pendingExports.where})
            order by x.created_at limit 1 for update skip locked)
        returning e.tenant_id, e.id, e.user_id, e.requested_by`,
  );
}

export async function markExportReady(tx: TenantTx, exportId: string, archive: { storageKey: string; sizeBytes: number; sha256: string; expiresAt: Date }) {
  await tx.execute(
    sql`update user_exports set status = 'READY', storage_key = ${archive.storageKey}, size_bytes = ${archive.sizeBytes}, sha256 = ${archive.sha256},
               expires_at = ${archive.expiresAt}, completed_at = now()
         where tenant_id = ${tx.tenantId} and id = ${exportId}`,
  );
}

export async function markExportFailed(tx: TenantTx, exportId: string, error: string) {
  await tx.execute(
    sql`update user_exports set status = 'FAILED', error = ${error.slice(0, 1000)}, completed_at = now() where tenant_id = ${tx.tenantId} and id = ${exportId}`,
  );
}

/** Ready exports whose time is up, of any tenant (the oldest first). */
export async function dueExpiredExports(tx: Tx, limit: number): Promise<{ tenant_id: string; id: string; storage_key: string }[]> {
  return rows(tx, sql`select tenant_id, id, storage_key from user_exports where status = 'READY' and expires_at <= now() order by expires_at limit ${limit}`);
}

export async function markExportExpired(tx: TenantTx, exportId: string) {
  await tx.execute(
    sql`update user_exports set status = 'EXPIRED', storage_key = null where tenant_id = ${tx.tenantId} and id = ${exportId} and status = 'READY'`,
  );
}

/** The e-mail address of a person (to tell them the archive is ready). */
export async function emailOf(tx: TenantTx, userId: string): Promise<string | undefined> {
  return (await firstRow<{ email: string }>(tx, sql`select email from users where tenant_id = ${tx.tenantId} and id = ${userId} and deleted_at is null`))
    ?.email;
}

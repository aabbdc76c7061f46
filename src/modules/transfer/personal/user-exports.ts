import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type RequestContext, requireActor, systemContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { newId } from '../../../core/ids';
import type { Database } from '../../../db/client';
import { claimTenantByTenant } from '../../../db/due-work';
import { type Tx, withPlatform, withTenant } from '../../../db/tenant-context';
import { assertMayActOn } from '../../access';
import type { Mailer } from '../../mail';
import type { ObjectStorage } from '../../media';
import { hashFile } from '../tenant-dump/manifest';
import { type ArchiveEntry, writeZip } from './archive';
import { collectPersonalData, personalFiles } from './data-repository';
import {
  claimPendingExport,
  dueExpiredExports,
  type ExportRow,
  emailOf,
  findExport,
  insertExport,
  markExportExpired,
  markExportFailed,
  markExportReady,
  tenantsWithPendingExports,
  userExists,
} from './repository';
import { presentExport, type UserExportView } from './schemas';

export interface PersonalExportDeps {
  db: Database;
  storage: ObjectStorage;
  /** Where archives are assembled before they are stored. */
  tempDir: string;
  mailer?: Mailer;
  /** How long a ready archive can be downloaded (default 7 days). */
  keepSeconds?: number;
}

const DEFAULT_KEEP_SECONDS = 7 * 24 * 3600;

/** Asks for an archive of one's own data; it is built in the background (the exports.build job). */
export async function requestOwnExport(deps: Pick<PersonalExportDeps, 'db'>, ctx: RequestContext): Promise<UserExportView> {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => presentExport(await insertExport(tx, actor.userId, actor.userId)));
}

/** A tenant administrator asks for a person's archive (audited like every change: the row names who asked). */
export async function requestExportFor(deps: Pick<PersonalExportDeps, 'db'>, ctx: RequestContext, input: { userId: string }): Promise<UserExportView> {
  const actor = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    if (!(await userExists(tx, input.userId))) throw new AppError('USER_NOT_FOUND');
    await assertMayActOn(ctx, tx, input.userId);
    return presentExport(await insertExport(tx, input.userId, actor.userId));
  });
}

/** One export of the person (own: the caller; tenant: the person in the path). */
export async function getExport(deps: Pick<PersonalExportDeps, 'db'>, ctx: RequestContext, ref: { userId?: string; exportId: string }) {
  const userId = ref.userId ?? requireActor(ctx).userId;
  const row = await withTenant(deps.db, ctx, (tx) => findExport(tx, userId, ref.exportId));
  if (!row) throw new AppError('EXPORT_NOT_FOUND');
  return presentExport(row);
}

export interface ExportDownload {
  body: Readable;
  size: number;
  filename: string;
  sha256: string | null;
}

/** The archive's bytes while it is ready and not expired: 409 before, 410 after. */
export async function downloadExport(
  deps: Pick<PersonalExportDeps, 'db' | 'storage'>,
  ctx: RequestContext,
  ref: { userId?: string; exportId: string },
): Promise<ExportDownload> {
  const userId = ref.userId ?? requireActor(ctx).userId;
  const row = await withTenant(deps.db, ctx, (tx) => findExport(tx, userId, ref.exportId));
  if (!row) throw new AppError('EXPORT_NOT_FOUND');
  if (row.status === 'EXPIRED' || (row.status === 'READY' && row.expires_at! <= new Date())) throw new AppError('EXPORT_EXPIRED');
  if (row.status !== 'READY') throw new AppError('EXPORT_NOT_READY');
  const body = await deps.storage.get(row.storage_key!);
  if (!body) throw new AppError('EXPORT_EXPIRED', 'The archive is no longer stored; request a new export');
  return { body, size: Number(row.size_bytes), filename: `data-export-${row.id}.zip`, sha256: row.sha256 };
}

const README = (row: { id: string; user_id: string }, at: Date) =>
  new TextEncoder().encode(
    `Personal data export ${row.id}\nPerson: ${row.user_id}\nCreated: ${at.toISOString()}\n\n` +
      'One JSON file per kind of data (an array of records; times in ISO 8601, UTC).\n' +
      'files/ holds the files you uploaded to your personal library.\n' +
      'Other people appear only by id and, where the service shows it to you, their public display name.\n',
  );

/** Builds one claimed export: collects, zips, stores, marks it ready and mails the requester. */
async function buildExport(db: Database, environment: ExportEnvironment, claimed: { tenant_id: string; id: string; user_id: string; requested_by: string }) {
  const ctx = systemContext(claimed.tenant_id, 'job:exports.build');
  let path: string | undefined;
  try {
    const deps = { db, ...environment() };
    await mkdir(deps.tempDir, { recursive: true });
    path = join(deps.tempDir, `${newId()}.zip`);
    const { data, files } = await withTenant(deps.db, ctx, async (tx) => ({
      data: await collectPersonalData(tx, claimed.user_id),
      files: await personalFiles(tx, claimed.user_id),
    }));
    const storage = deps.storage;
    async function* entries(): AsyncGenerator<ArchiveEntry> {
      yield { name: 'README.txt', data: README(claimed, new Date()), compress: true };
      for (const [kind, records] of Object.entries(data)) {
        yield { name: `${kind}.json`, data: new TextEncoder().encode(`${JSON.stringify(records, null, 2)}\n`), compress: true };
      }
      for (const file of files) {
        const body = await storage.get(file.storage_key);
        if (!body) continue; // bytes gone (purged meanwhile): the record in media.json remains
        yield { name: `files/${file.id}-${file.filename.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100)}`, data: body, compress: false };
      }
    }
    const zip = path;
    await writeZip(zip, entries());
    const { sha256, bytes } = await hashFile(zip);
    const storageKey = `exports/${claimed.tenant_id}/${claimed.id}.zip`;
    await storage.put(storageKey, createReadStream(zip), { size: (await stat(zip)).size, sha256, contentType: 'application/zip' });
    const expiresAt = new Date(Date.now() + (deps.keepSeconds ?? DEFAULT_KEEP_SECONDS) * 1000);
    await withTenant(deps.db, ctx, async (tx) => {
      await markExportReady(tx, claimed.id, { storageKey, sizeBytes: bytes, sha256, expiresAt });
      const to = await emailOf(tx, claimed.requested_by);
      if (to && deps.mailer) {
        const own = claimed.requested_by === claimed.user_id;
        const link = own ? `/api/v1/user/export/${claimed.id}/download` : `/api/v1/tenant/users/${claimed.user_id}/export/${claimed.id}/download`;
        await deps.mailer.send(tx, claimed.tenant_id, {
          to,
          subject: own ? 'Your data export is ready' : 'The data export you asked for is ready',
          text: `The archive (${bytes.toLocaleString('en')} bytes, zip) can be downloaded until ${expiresAt.toISOString()}, signed in, at:\n${link}\n\nSHA-256: ${sha256}\n`,
          template: 'export.ready',
          payload: { exportId: claimed.id, userId: claimed.user_id, expiresAt: expiresAt.toISOString() },
        });
      }
    });
    return 'ready' as const;
  } catch (error) {
    await withTenant(db, ctx, (tx) => markExportFailed(tx, claimed.id, error instanceof Error ? error.message : String(error)));
    return 'failed' as const;
  } finally {
    if (path) await rm(path, { force: true });
  }
}

/** What the jobs need besides the database, asked for only when there is work (storage needs the configuration). */
export type ExportEnvironment = () => Omit<PersonalExportDeps, 'db'>;

/** The exports.build job: builds waiting exports one by one, up to `limit`. */
export async function buildPendingExports(db: Database, environment: ExportEnvironment, options: { limit?: number } = {}) {
  const outcome = { ready: 0, failed: 0 };
  const asBuilder = <T>(fn: (tx: Tx) => Promise<T>) => withPlatform(db, systemContext(null, 'job:exports.build'), fn);
  for (let i = 0; i < (options.limit ?? 20); i++) {
    // The tenants with exports to build, then the first of them whose oldest export is not held by another worker.
    const tenants = await asBuilder((tx) => tenantsWithPendingExports(tx, 10));
    const [claimed] = await claimTenantByTenant(tenants, 1, async (tenantId) => {
      const export_ = await asBuilder((tx) => claimPendingExport(tx, tenantId));
      return export_ ? [export_] : [];
    });
    if (!claimed) break;
    outcome[await buildExport(db, environment, claimed)] += 1;
  }
  return outcome;
}

/** The exports.prune job: deletes the archives whose time is up and marks their exports EXPIRED. */
export async function pruneExpiredExports(db: Database, environment: ExportEnvironment, options: { limit?: number } = {}) {
  const due = await withPlatform(db, systemContext(null, 'job:exports.prune'), (tx) => dueExpiredExports(tx, options.limit ?? 1000));
  const storage = due.length ? environment().storage : undefined;
  for (const row of due) {
    await storage!.delete(row.storage_key);
    await withTenant(db, systemContext(row.tenant_id, 'job:exports.prune'), (tx) => markExportExpired(tx, row.id));
  }
  return { expired: due.length };
}

export type { ExportRow };

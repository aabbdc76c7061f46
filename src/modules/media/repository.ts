import { and, arrayContains, desc, eq, isNotNull, isNull, like, lt, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/context';
import { accounts, mediaFiles, mediaStorageUsage, tenants } from '../../db/schema';
import { inScope } from '../../db/scope';
import { firstRow, rows } from '../../db/sql';
import type { TenantTx } from '../../db/tenant-context';
import { publiclyVisible } from '../content';
import type { AttachmentReference } from './policy';

/**
 * Queries on media files, inside the caller's transaction. Every statement names the
 * transaction's tenant (`tx.tenantId`); RLS stays the backstop.
 */
export type MediaRow = typeof mediaFiles.$inferSelect;
export type NewMediaRow = Omit<typeof mediaFiles.$inferInsert, 'tenantId'>;

/** The owner a file counts against: its account, or its uploader's personal library. */
export interface Owner {
  accountId: string | null;
  uploaderId: string;
}

const ownerIs = (owner: Owner): SQL =>
  owner.accountId ? eq(mediaFiles.accountId, owner.accountId) : and(isNull(mediaFiles.accountId), eq(mediaFiles.uploaderId, owner.uploaderId))!;

/**
 * The files a scope reaches: the tenant's; an account's library; or `own` — the
 * person's personal files (no account; files they uploaded into an account belong to
 * that account's library).
 */
function scoped(tx: TenantTx, scope: Scope): SQL {
  const condition = inScope(tx, scope, { tenantId: mediaFiles.tenantId, accountId: mediaFiles.accountId, userId: mediaFiles.uploaderId });
  return scope.kind === 'own' ? and(condition, isNull(mediaFiles.accountId))! : condition;
}

const byId = (tx: TenantTx, id: string) => and(eq(mediaFiles.tenantId, tx.tenantId), eq(mediaFiles.id, id));

/** The tenant's media settings (tenants.settings.media), unparsed. */
export async function mediaSettingsOf(tx: TenantTx): Promise<unknown> {
  const row = await firstRow<{ media: unknown }>(tx, sql`select ${tenants.settings} -> 'media' as media from ${tenants} where ${tenants.id} = ${tx.tenantId}`);
  return row?.media ?? undefined;
}

export async function accountIsLive(tx: TenantTx, accountId: string): Promise<boolean> {
  const found = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tx.tenantId), eq(accounts.id, accountId), isNull(accounts.deletedAt)));
  return found.length > 0;
}

/**
 * Serialises everything that touches one stored object (one content hash in the
 * tenant) until the transaction ends: storing it and inserting its row, or checking
 * that no row needs it any more and deleting it.
 */
export async function lockBlob(tx: TenantTx, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`media-blob:${tx.tenantId}:${sha256}`}, 0))`);
}

/** Does any row of the tenant, live or in the trash, still use these bytes? */
export async function blobInUse(tx: TenantTx, sha256: string): Promise<boolean> {
  const found = await tx
    .select({ id: mediaFiles.id })
    .from(mediaFiles)
    .where(and(eq(mediaFiles.tenantId, tx.tenantId), eq(mediaFiles.contentHash, sha256)))
    .limit(1);
  return found.length > 0;
}

export async function findLiveDuplicate(tx: TenantTx, owner: Owner, sha256: string): Promise<MediaRow | undefined> {
  const [row] = await tx
    .select()
    .from(mediaFiles)
    .where(and(eq(mediaFiles.tenantId, tx.tenantId), ownerIs(owner), eq(mediaFiles.contentHash, sha256), isNull(mediaFiles.deletedAt)));
  return row;
}

export async function insertFile(tx: TenantTx, values: NewMediaRow): Promise<MediaRow> {
  const [row] = await tx
    .insert(mediaFiles)
    .values({ ...values, tenantId: tx.tenantId })
    .returning();
  return row!;
}

/** A file (live or in the trash) by id, if it lies in `scope`; locked for the transaction when asked. */
export async function findFile(tx: TenantTx, scope: Scope, id: string, options: { lock?: boolean } = {}): Promise<MediaRow | undefined> {
  const query = tx
    .select()
    .from(mediaFiles)
    .where(and(scoped(tx, scope), eq(mediaFiles.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/**
 * Live files shown by content that the public can see — published, due, not expired,
 * not deleted, of a live and ACTIVE account (the content module's `publiclyVisible`,
 * the rule of every public content query) — as featured image or in its media; or in
 * the gallery of a listing the public sees (ACTIVE, unexpired, not deleted, its account
 * not suspended — the marketplace's `publiclyVisible`).
 */
export async function isPublic(tx: TenantTx, id: string): Promise<boolean> {
  const row = await firstRow<{ public: boolean }>(
    tx,
    sql`select exists (
          select 1 from contents c
            join accounts a on a.tenant_id = c.tenant_id and a.id = c.account_id
           where c.tenant_id = ${tx.tenantId} and ${publiclyVisible}
             and (c.featured_image_id = ${id}
                  or exists (select 1 from content_media cm where cm.tenant_id = ${tx.tenantId} and cm.content_id = c.id and cm.media_id = ${id}))
        ) or exists (
          select 1 from listing_images li
            join listings l on l.tenant_id = li.tenant_id and l.id = li.listing_id
            join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
           where li.tenant_id = ${tx.tenantId} and li.media_id = ${id}
             and l.status = 'ACTIVE' and l.deleted_at is null and (l.expires_at is null or l.expires_at > now())
             and a.status <> 'SUSPENDED'
        ) as public`,
  );
  return row?.public === true;
}

/**
 * The applications and live messages that attach a file, as the access policy needs
 * them: what attaches it, the listing's account, and whether `actorId` is the
 * applicant. One query; applications of deleted listings are left out (nobody sees
 * them), and so are deleted messages (their attachments are no longer shown).
 */
export async function attachmentReferences(tx: TenantTx, id: string, actorId: string): Promise<AttachmentReference[]> {
  const found = await rows<{ via: AttachmentReference['via']; account_id: string; mine: boolean }>(
    tx,
    sql`select distinct r.via, l.account_id, a.applicant_id = ${actorId} as mine
          from (select 'application' as via, x.tenant_id, x.id as application_id
                  from applications x where x.tenant_id = ${tx.tenantId} and x.attachments @> array[${id}::uuid]
                union all
                select 'message', m.tenant_id, m.application_id
                  from messages m where m.tenant_id = ${tx.tenantId} and m.attachments @> array[${id}::uuid] and m.deleted_at is null) r
          join applications a on a.tenant_id = ${tx.tenantId} and a.tenant_id = r.tenant_id and a.id = r.application_id
          join listings l on l.tenant_id = ${tx.tenantId} and l.tenant_id = a.tenant_id and l.id = a.listing_id and l.deleted_at is null`,
  );
  return found.map((r) => ({ via: r.via, accountId: r.account_id, mine: r.mine === true }));
}

export interface ListFilters {
  scope: Scope;
  folder?: string;
  tag?: string;
  mimetype?: string;
  uploaderId?: string;
  accountId?: string;
  trashed: boolean;
  /** Continue after this id (the page is ordered newest first; ids are UUIDv7). */
  afterId?: string;
  limit: number;
}

export async function listFiles(tx: TenantTx, f: ListFilters): Promise<MediaRow[]> {
  const conditions = [
    scoped(tx, f.scope),
    f.trashed ? isNotNull(mediaFiles.deletedAt) : isNull(mediaFiles.deletedAt),
    f.folder !== undefined ? eq(mediaFiles.folder, f.folder) : undefined,
    f.tag !== undefined ? arrayContains(mediaFiles.tags, [f.tag]) : undefined,
    f.mimetype?.endsWith('/*') ? like(mediaFiles.mimetype, `${f.mimetype.slice(0, -1)}%`) : f.mimetype ? eq(mediaFiles.mimetype, f.mimetype) : undefined,
    f.uploaderId ? eq(mediaFiles.uploaderId, f.uploaderId) : undefined,
    f.accountId ? eq(mediaFiles.accountId, f.accountId) : undefined,
    f.afterId ? lt(mediaFiles.id, f.afterId) : undefined,
  ];
  return tx
    .select()
    .from(mediaFiles)
    .where(and(...conditions))
    .orderBy(desc(mediaFiles.id))
    .limit(f.limit + 1);
}

export async function folders(tx: TenantTx, scope: Scope): Promise<{ folder: string; files: number }[]> {
  return tx
    .select({ folder: sql<string>`${mediaFiles.folder}`, files: sql<number>`count(*)::int` })
    .from(mediaFiles)
    .where(and(scoped(tx, scope), isNull(mediaFiles.deletedAt), isNotNull(mediaFiles.folder)))
    .groupBy(mediaFiles.folder)
    .orderBy(mediaFiles.folder);
}

export async function updateFile(tx: TenantTx, id: string, values: Partial<NewMediaRow>): Promise<MediaRow> {
  const [row] = await tx.update(mediaFiles).set(values).where(byId(tx, id)).returning();
  return row!;
}

export async function deleteFile(tx: TenantTx, id: string): Promise<void> {
  await tx.delete(mediaFiles).where(byId(tx, id));
}

/** Bytes and files stored by an owner, and its limit (mono.media_storage_limit: null is unlimited). */
export async function storageUsage(tx: TenantTx, owner: Owner): Promise<{ bytes: number; files: number; limitBytes: number | null }> {
  const usage = await tx
    .select({ bytes: mediaStorageUsage.bytes, files: mediaStorageUsage.files })
    .from(mediaStorageUsage)
    .where(
      and(
        eq(mediaStorageUsage.tenantId, tx.tenantId),
        owner.accountId ? eq(mediaStorageUsage.accountId, owner.accountId) : eq(mediaStorageUsage.userId, owner.uploaderId),
      ),
    );
  const [limit] = await rows<{ limit: string | number | null }>(
    tx,
    sql`select mono.media_storage_limit(${tx.tenantId}::uuid, ${owner.accountId}::uuid) as limit`,
  );
  return {
    bytes: usage[0]?.bytes ?? 0,
    files: usage[0]?.files ?? 0,
    limitBytes: limit?.limit === null || limit?.limit === undefined ? null : Number(limit.limit),
  };
}

/**
 * Right to erasure: deletes the person's own files (uploaded without an account; account
 * files belong to the account) that nothing attaches or shows any more, trashed ones included, and answers
 * their content hashes — the stored bytes and thumbnails go after the commit (collectBlobs).
 */
export async function deletePersonalFiles(tx: TenantTx, userId: string): Promise<string[]> {
  const deleted = await rows<{ content_hash: string | null }>(
    tx,
    sql`delete from media_files f
         where f.tenant_id = ${tx.tenantId} and f.uploader_id = ${userId} and f.account_id is null and f.usage_count = 0
           and not exists (select 1 from content_media cm where cm.tenant_id = ${tx.tenantId} and cm.media_id = f.id)
           and not exists (select 1 from contents c where c.tenant_id = ${tx.tenantId} and c.featured_image_id = f.id)
     returning f.content_hash`,
  );
  return [...new Set(deleted.flatMap((r) => (r.content_hash ? [r.content_hash] : [])))];
}

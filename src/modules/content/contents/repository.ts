import { and, eq, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import { alias, type PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Scope } from '../../../core/context';
import { contentCategories, contentMedia, contents } from '../../../db/schema';
import { inScope } from '../../../db/scope';
import { firstRow, rows } from '../../../db/sql';
import type { TenantTx, Tx } from '../../../db/tenant-context';
import type { ContentStats } from '../shared/deps';
import type { ContentStatus, ContentType } from '../shared/policy';
import type { TransitionInput, UpdateContentInput } from '../shared/schemas';

/**
 * Data access for content. Queries only; the use cases own the transactions. Every
 * statement names the transaction's tenant (`tx.tenantId`), also in its sub-queries.
 */

/** A list entry as the presenters need it: the row without its body, account and author names, categories. */
export interface ContentSummaryRow {
  id: string;
  account_id: string;
  user_id: string;
  type: ContentType;
  title: string;
  slug: string;
  description: string | null;
  featured_image_id: string | null;
  tags: string[];
  status: ContentStatus;
  published_at: Date | null;
  expires_at: Date | null;
  views: number;
  likes: number;
  shares: number;
  created_at: Date;
  updated_at: Date;
  account_name: string;
  author_name: string | null;
  categories: { id: string; slug: string; name: string }[];
}

/** One piece of content in full: also the body, SEO fields, the last review and the gallery. */
export interface ContentRow extends ContentSummaryRow {
  body: string | null;
  meta_title: string | null;
  meta_description: string | null;
  keywords: string[];
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  media_ids: string[];
}

/** `contents c` of the raw queries, for the shared scope condition (db/scope.ts). */
const c = alias(contents, 'c');
const scoped = (tx: TenantTx, scope: Scope): SQL => inScope(tx, scope, { tenantId: c.tenantId, accountId: c.accountId, userId: c.userId });

/** The columns of a list entry (`c` joined as in contentFrom). */
export function summaryColumns(tx: TenantTx): SQL {
  return sql`
  c.id, c.account_id, c.user_id, c.type, c.title, c.slug, c.description, c.featured_image_id, c.tags,
  c.status, c.published_at, c.expires_at, c.views, c.likes, c.shares, c.created_at, c.updated_at,
  a.name as account_name, p.display_name as author_name,
  (select coalesce(json_agg(json_build_object('id', k.id, 'slug', k.slug, 'name', k.name) order by k.name, k.id), '[]'::json)
     from content_categories cc
     join categories k on k.tenant_id = cc.tenant_id and k.id = cc.category_id and k.deleted_at is null
    where cc.tenant_id = ${tx.tenantId} and cc.content_id = c.id) as categories`;
}

function detailColumns(tx: TenantTx): SQL {
  return sql`${summaryColumns(tx)},
  c.body, c.meta_title, c.meta_description, c.keywords, c.review_note, c.reviewed_by, c.reviewed_at,
  (select coalesce(json_agg(cm.media_id order by cm.position, cm.id), '[]'::json)
     from content_media cm
    where cm.tenant_id = ${tx.tenantId} and cm.content_id = c.id) as media_ids`;
}

/** Content with its account and author; the WHERE must name `c.tenant_id` (see ofTenant). */
export const contentFrom = sql`
  from contents c
  join accounts a on a.tenant_id = c.tenant_id and a.id = c.account_id
  left join user_profiles p on p.tenant_id = c.tenant_id and p.user_id = c.user_id`;

/** `c` is the transaction's tenant's content. */
export const ofTenant = (tx: TenantTx): SQL => sql`c.tenant_id = ${tx.tenantId}`;

/**
 * The public's view, at this moment: published, due, not expired, not deleted, of a
 * live and active account. Scheduling and expiry need no job to take effect. (A
 * condition on `contents c` joined to `accounts a`; the caller names the tenant.)
 */
export const publiclyVisible = sql`c.deleted_at is null and c.status = 'PUBLISHED' and c.published_at <= now()
  and (c.expires_at is null or c.expires_at > now()) and a.deleted_at is null and a.status = 'ACTIVE'`;

/**
 * Raw queries (rows()) answer timestamps as text on both drivers (Drizzle turns the
 * drivers' date parsing off); rows leave the repository with Dates.
 */
const TIME_COLUMNS = ['published_at', 'expires_at', 'created_at', 'updated_at', 'reviewed_at'] as const;
export function withDates<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const column of TIME_COLUMNS) {
    const value = out[column];
    if (typeof value === 'string') out[column] = new Date(value);
  }
  return out as T;
}

async function loadContent(tx: TenantTx, where: SQL): Promise<ContentRow | undefined> {
  const row = await firstRow<ContentRow>(tx, sql`select ${detailColumns(tx)} ${contentFrom} where ${where}`);
  return row && withDates(row);
}

/** Live content (any state) by id, if it lies in `scope`. */
export function findContent(tx: TenantTx, scope: Scope, id: string): Promise<ContentRow | undefined> {
  return loadContent(tx, sql`${scoped(tx, scope)} and c.id = ${id} and c.deleted_at is null`);
}

/** Content by id or slug, if the public can see it now. */
export function findPublishedContent(tx: TenantTx, by: { id: string } | { slug: string }): Promise<ContentRow | undefined> {
  const match = 'id' in by ? sql`c.id = ${by.id}` : sql`c.slug = ${by.slug}`;
  return loadContent(tx, sql`${ofTenant(tx)} and ${match} and ${publiclyVisible}`);
}

/** `column` is one of `ids` (passed as one JSON parameter, however many there are). */
const idIn = (column: SQL, ids: string[]) => sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;

export interface ContentHead {
  id: string;
  accountId: string;
  status: ContentStatus;
}

/** The live row in `scope`, locked until the transaction ends, so two workflow steps cannot both pass. */
export async function lockContent(tx: TenantTx, scope: Scope, id: string): Promise<ContentHead | undefined> {
  const [row] = await tx
    .select({ id: contents.id, accountId: contents.accountId, status: contents.status })
    .from(contents)
    .where(
      and(
        inScope(tx, scope, { tenantId: contents.tenantId, accountId: contents.accountId, userId: contents.userId }),
        eq(contents.id, id),
        isNull(contents.deletedAt),
      ),
    )
    .for('update');
  return row;
}

export type NewContent = Omit<typeof contents.$inferInsert, 'tenantId'>;

/** Inserts unless a live row of the tenant has the slug; returns the new id or undefined. */
export async function insertContentUnlessSlugTaken(tx: TenantTx, values: NewContent): Promise<string | undefined> {
  const [row] = await tx
    .insert(contents)
    .values({ ...values, tenantId: tx.tenantId })
    .onConflictDoNothing({ target: [contents.tenantId, contents.slug], where: sql`deleted_at is null` })
    .returning({ id: contents.id });
  return row?.id;
}

const byId = (tx: TenantTx, id: string) => and(eq(contents.tenantId, tx.tenantId), eq(contents.id, id));

async function updateContent(tx: TenantTx, id: string, set: PgUpdateSetSource<typeof contents>): Promise<void> {
  await tx.update(contents).set(set).where(byId(tx, id));
}

/** The editable fields of content (lists of categories and media are set apart). */
export type ContentFields = Omit<UpdateContentInput, 'categoryIds' | 'mediaIds'>;

export function updateContentFields(tx: TenantTx, id: string, fields: ContentFields): Promise<void> {
  return updateContent(tx, id, fields);
}

/** Soft delete: the slug becomes free again. */
export function softDeleteContent(tx: TenantTx, id: string): Promise<void> {
  return updateContent(tx, id, { deletedAt: sql`now()` });
}

/** Writes a workflow step the policy allowed: the new state and what the step carries. */
export function recordTransition(tx: TenantTx, id: string, step: TransitionInput, status: ContentStatus, reviewerId: string | null): Promise<void> {
  const clearReview = { reviewNote: null, reviewedBy: null, reviewedAt: null };
  const changes = ((): PgUpdateSetSource<typeof contents> => {
    switch (step.action) {
      case 'submit':
      case 'revise':
        return { status, ...clearReview };
      case 'approve':
        return { status, reviewNote: step.note ?? null, reviewedBy: reviewerId, reviewedAt: sql`now()` };
      case 'reject':
        return { status, reviewNote: step.reason, reviewedBy: reviewerId, reviewedAt: sql`now()` };
      case 'publish':
        return {
          status,
          publishedAt: step.publishAt ?? sql`now()`,
          ...(step.expiresAt !== undefined ? { expiresAt: step.expiresAt } : {}),
        };
      case 'unpublish':
        return { status, publishedAt: null };
      case 'archive':
        return { status };
      case 'restore':
        // Back to a draft: it will be published anew, and an expiry that has passed is void.
        return { status, publishedAt: null, expiresAt: sql`case when ${contents.expiresAt} <= now() then null else ${contents.expiresAt} end` };
    }
  })();
  return updateContent(tx, id, changes);
}

/**
 * Media the content may use: in the tenant, not in the trash, and either the content's
 * account's own files or personal files (no account) of the person writing the content
 * — never another person's personal files, which may be private (an applicant's
 * attachments) and would become public with the content. Files the content already
 * uses stay usable (a colleague's edit keeps the gallery as it is). Returns the usable ids.
 */
export async function usableMediaIds(
  tx: TenantTx,
  use: { accountId: string; actorId: string | null; contentId?: string },
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const alreadyUsed = use.contentId
    ? sql`or exists (select 1 from content_media cm where cm.tenant_id = ${tx.tenantId} and cm.content_id = ${use.contentId} and cm.media_id = m.id)
          or exists (select 1 from contents c where c.tenant_id = ${tx.tenantId} and c.id = ${use.contentId} and c.featured_image_id = m.id)`
    : sql``;
  const found = await rows<{ id: string }>(
    tx,
    sql`select m.id from media_files m
         where m.tenant_id = ${tx.tenantId} and ${idIn(sql`m.id`, ids)} and m.deleted_at is null
           and (m.account_id = ${use.accountId} or (m.account_id is null and m.uploader_id = ${use.actorId}) ${alreadyUsed})`,
  );
  return new Set(found.map((r) => r.id));
}

/** Makes the content's categories exactly `categoryIds` (links are audited, so only changes are written). */
export async function setContentCategories(tx: TenantTx, contentId: string, categoryIds: string[]): Promise<void> {
  const ofContent = and(eq(contentCategories.tenantId, tx.tenantId), eq(contentCategories.contentId, contentId));
  await tx.delete(contentCategories).where(categoryIds.length ? and(ofContent, notInArray(contentCategories.categoryId, categoryIds)) : ofContent);
  if (categoryIds.length === 0) return;
  await tx
    .insert(contentCategories)
    .values(categoryIds.map((categoryId) => ({ tenantId: tx.tenantId, contentId, categoryId })))
    .onConflictDoNothing({ target: [contentCategories.tenantId, contentCategories.contentId, contentCategories.categoryId] });
}

/** Makes the content's gallery exactly `mediaIds`, in that order. */
export async function setContentMedia(tx: TenantTx, contentId: string, mediaIds: string[]): Promise<void> {
  const ofContent = and(eq(contentMedia.tenantId, tx.tenantId), eq(contentMedia.contentId, contentId));
  await tx.delete(contentMedia).where(mediaIds.length ? and(ofContent, notInArray(contentMedia.mediaId, mediaIds)) : ofContent);
  if (mediaIds.length === 0) return;
  await tx
    .insert(contentMedia)
    .values(mediaIds.map((mediaId, position) => ({ tenantId: tx.tenantId, contentId, mediaId, position })))
    .onConflictDoUpdate({
      target: [contentMedia.tenantId, contentMedia.contentId, contentMedia.mediaId],
      set: { position: sql`excluded.position` },
      setWhere: sql`${contentMedia.position} <> excluded.position`,
    });
}

/** Whether the public can see this content now (engagement only counts on visible content). */
export async function isPubliclyVisibleContent(tx: TenantTx, id: string): Promise<boolean> {
  const row = await firstRow<{ ok: boolean }>(tx, sql`select true as ok ${contentFrom} where ${ofTenant(tx)} and c.id = ${id} and ${publiclyVisible}`);
  return row?.ok === true;
}

/** The engagement counters of a piece of content (kept by the engagements trigger). */
export async function contentStats(tx: TenantTx, id: string): Promise<ContentStats | undefined> {
  const [row] = await tx.select({ views: contents.views, likes: contents.likes, shares: contents.shares }).from(contents).where(byId(tx, id));
  return row;
}

/** Title and slug of the publicly visible ones among `ids` (to label a user's activity). */
export async function publicContentLabels(tx: TenantTx, ids: string[]): Promise<Map<string, { id: string; title: string; slug: string }>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; title: string; slug: string }>(
    tx,
    sql`select c.id, c.title, c.slug ${contentFrom} where ${ofTenant(tx)} and ${idIn(sql`c.id`, ids)} and ${publiclyVisible}`,
  );
  return new Map(found.map((r) => [r.id, r]));
}

/** Whether a live account of the tenant has this id. */
export async function accountExists(tx: TenantTx, accountId: string): Promise<boolean> {
  return (await firstRow(tx, sql`select 1 from accounts where tenant_id = ${tx.tenantId} and id = ${accountId} and deleted_at is null`)) !== undefined;
}

/**
 * The scheduler's job (platform path): moves PUBLISHED content whose expiry has passed
 * to ARCHIVED. Deliberately across all tenants in one set-based statement — there is
 * no tenant to name; the partial index on expiring content keeps it cheap.
 */
export async function archiveExpired(tx: Tx): Promise<number> {
  const row = await firstRow<{ archived: number }>(
    tx,
    sql`with archived as (
          update contents set status = 'ARCHIVED'
           where status = 'PUBLISHED' and expires_at is not null and expires_at <= now() and deleted_at is null
          returning 1)
        select count(*)::int as archived from archived`,
  );
  return row?.archived ?? 0;
}

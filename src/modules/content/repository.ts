import { and, eq, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { categories, contentCategories, contentMedia, contents } from '../../db/schema';
import { firstRow, rows } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';
import type { ContentStatus, ContentType } from './policy';

/** Data access for content. Queries only; the services own the transactions. */

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

export const summaryColumns = sql`
  c.id, c.account_id, c.user_id, c.type, c.title, c.slug, c.description, c.featured_image_id, c.tags,
  c.status, c.published_at, c.expires_at, c.views, c.likes, c.shares, c.created_at, c.updated_at,
  a.name as account_name, p.display_name as author_name,
  (select coalesce(json_agg(json_build_object('id', k.id, 'slug', k.slug, 'name', k.name) order by k.name, k.id), '[]'::json)
     from content_categories cc
     join categories k on k.tenant_id = cc.tenant_id and k.id = cc.category_id and k.deleted_at is null
    where cc.tenant_id = c.tenant_id and cc.content_id = c.id) as categories`;

const detailColumns = sql`${summaryColumns},
  c.body, c.meta_title, c.meta_description, c.keywords, c.review_note, c.reviewed_by, c.reviewed_at,
  (select coalesce(json_agg(cm.media_id order by cm.position, cm.id), '[]'::json)
     from content_media cm
    where cm.tenant_id = c.tenant_id and cm.content_id = c.id) as media_ids`;

export const contentFrom = sql`
  from contents c
  join accounts a on a.tenant_id = c.tenant_id and a.id = c.account_id
  left join user_profiles p on p.tenant_id = c.tenant_id and p.user_id = c.user_id`;

/**
 * The public's view, at this moment: published, due, not expired, not deleted, of a
 * live and active account. Scheduling and expiry need no job to take effect.
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

export async function loadContent(tx: Tx, where: SQL): Promise<ContentRow | undefined> {
  const row = await firstRow<ContentRow>(tx, sql`select ${detailColumns} ${contentFrom} where ${where}`);
  return row && withDates(row);
}

/** `column` is one of `ids` (passed as one JSON parameter, however many there are). */
const idIn = (column: SQL, ids: string[]) => sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;

export const liveContentById = (id: string) => sql`c.id = ${id} and c.deleted_at is null`;

export interface ContentHead {
  id: string;
  accountId: string;
  status: ContentStatus;
}

/** The live row, locked until the transaction ends, so two workflow steps cannot both pass. */
export async function lockContent(tx: Tx, id: string): Promise<ContentHead | undefined> {
  const [row] = await tx
    .select({ id: contents.id, accountId: contents.accountId, status: contents.status })
    .from(contents)
    .where(and(eq(contents.id, id), isNull(contents.deletedAt)))
    .for('update');
  return row;
}

export type NewContent = typeof contents.$inferInsert;

/** Inserts unless a live row of the tenant has the slug; returns the new id or undefined. */
export async function insertContentUnlessSlugTaken(tx: Tx, values: NewContent): Promise<string | undefined> {
  const [row] = await tx
    .insert(contents)
    .values(values)
    .onConflictDoNothing({ target: [contents.tenantId, contents.slug], where: sql`deleted_at is null` })
    .returning({ id: contents.id });
  return row?.id;
}

export type ContentChanges = PgUpdateSetSource<typeof contents>;

export async function updateContent(tx: Tx, id: string, set: ContentChanges): Promise<void> {
  await tx.update(contents).set(set).where(eq(contents.id, id));
}

type SlugTable = 'contents' | 'categories';

/** Live slugs equal to `base` or `base-…`, to suggest the next free one. */
export async function slugsLike(tx: Tx, table: SlugTable, base: string): Promise<string[]> {
  const source = table === 'contents' ? contents : categories;
  const found = await tx
    .select({ slug: source.slug })
    .from(source)
    .where(and(isNull(source.deletedAt), sql`(${source.slug} = ${base} or ${source.slug} like ${`${base}-%`})`));
  return found.map((r) => r.slug);
}

/**
 * Media the content may use: in the tenant (RLS), not in the trash, and either the
 * content's account's own files or personal files (no account) of the person writing
 * the content — never another person's personal files, which may be private (an
 * applicant's attachments) and would become public with the content. Files the
 * content already uses stay usable (a colleague's edit keeps the gallery as it is).
 * Returns the usable ids.
 */
export async function usableMediaIds(tx: Tx, use: { accountId: string; actorId: string | null; contentId?: string }, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const alreadyUsed = use.contentId
    ? sql`or exists (select 1 from content_media cm where cm.tenant_id = m.tenant_id and cm.content_id = ${use.contentId} and cm.media_id = m.id)
          or exists (select 1 from contents c where c.tenant_id = m.tenant_id and c.id = ${use.contentId} and c.featured_image_id = m.id)`
    : sql``;
  const found = await rows<{ id: string }>(
    tx,
    sql`select m.id from media_files m
         where ${idIn(sql`m.id`, ids)} and m.deleted_at is null
           and (m.account_id = ${use.accountId} or (m.account_id is null and m.uploader_id = ${use.actorId}) ${alreadyUsed})`,
  );
  return new Set(found.map((r) => r.id));
}

/** Makes the content's categories exactly `categoryIds` (links are audited, so only changes are written). */
export async function setContentCategories(tx: Tx, tenantId: string, contentId: string, categoryIds: string[]): Promise<void> {
  const ofContent = eq(contentCategories.contentId, contentId);
  await tx.delete(contentCategories).where(categoryIds.length ? and(ofContent, notInArray(contentCategories.categoryId, categoryIds)) : ofContent);
  if (categoryIds.length === 0) return;
  await tx
    .insert(contentCategories)
    .values(categoryIds.map((categoryId) => ({ tenantId, contentId, categoryId })))
    .onConflictDoNothing({ target: [contentCategories.tenantId, contentCategories.contentId, contentCategories.categoryId] });
}

/** Makes the content's gallery exactly `mediaIds`, in that order. */
export async function setContentMedia(tx: Tx, tenantId: string, contentId: string, mediaIds: string[]): Promise<void> {
  const ofContent = eq(contentMedia.contentId, contentId);
  await tx.delete(contentMedia).where(mediaIds.length ? and(ofContent, notInArray(contentMedia.mediaId, mediaIds)) : ofContent);
  if (mediaIds.length === 0) return;
  await tx
    .insert(contentMedia)
    .values(mediaIds.map((mediaId, position) => ({ tenantId, contentId, mediaId, position })))
    .onConflictDoUpdate({
      target: [contentMedia.tenantId, contentMedia.contentId, contentMedia.mediaId],
      set: { position: sql`excluded.position` },
      setWhere: sql`${contentMedia.position} <> excluded.position`,
    });
}

/** Whether the public can see this content now (engagement only counts on visible content). */
export async function isPubliclyVisibleContent(tx: Tx, id: string): Promise<boolean> {
  const row = await firstRow<{ ok: boolean }>(tx, sql`select true as ok ${contentFrom} where c.id = ${id} and ${publiclyVisible}`);
  return row?.ok === true;
}

export interface ContentStats {
  views: number;
  likes: number;
  shares: number;
}

/** The engagement counters of a piece of content (kept by the engagements trigger). */
export async function contentStats(tx: Tx, id: string): Promise<ContentStats | undefined> {
  const [row] = await tx.select({ views: contents.views, likes: contents.likes, shares: contents.shares }).from(contents).where(eq(contents.id, id));
  return row;
}

/** Title and slug of the publicly visible ones among `ids` (to label a user's activity). */
export async function publicContentLabels(tx: Tx, ids: string[]): Promise<Map<string, { id: string; title: string; slug: string }>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; title: string; slug: string }>(
    tx,
    sql`select c.id, c.title, c.slug ${contentFrom} where ${idIn(sql`c.id`, ids)} and ${publiclyVisible}`,
  );
  return new Map(found.map((r) => [r.id, r]));
}

/** Whether a live account of the tenant has this id (RLS hides other tenants' accounts). */
export async function accountExists(tx: Tx, accountId: string): Promise<boolean> {
  return (await firstRow(tx, sql`select 1 from accounts where id = ${accountId} and deleted_at is null`)) !== undefined;
}

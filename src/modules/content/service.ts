import { sql } from 'drizzle-orm';
import type { Actor, PermissionChecker, RequestContext } from '../../core/context';
import { AppError, invalidCursor } from '../../core/errors';
import { type Page, toPage } from '../../core/pagination';
import type { Database } from '../../db/client';
import { contents } from '../../db/schema';
import { type Tx, withTenant } from '../../db/tenant-context';
import { highlightToHtml } from './highlight';
import { authorizeAction, type ContentAction, type ContentTransition, contentTransitions, mayAttempt, mayReadAnyState } from './policy';
import { type ContentView, type PublicContent, presentContent, presentContentSummary, presentManagedSummary, presentPublicContent } from './presenters';
import {
  accountExists,
  type ContentChanges,
  type ContentHead,
  insertContentUnlessSlugTaken,
  liveContentById,
  loadContent,
  lockContent,
  publiclyVisible,
  setContentCategories,
  setContentMedia,
  updateContent,
  usableMediaIds,
} from './repository';
import type { CreateContentInput, ManagedSearchQuery, PublicSearchQuery, PublishContentInput, UpdateContentInput } from './schemas';
import { decodeSearchCursor, fuzzyTerms, type SearchHitRow, type SearchMode, type SearchScope, searchContent, searchCursorOf } from './search';
import { slugify } from './slug';
import { insertWithFreeSlug, withSlugSuggestion } from './slug-conflicts';

export interface ContentServiceDeps {
  db: Database;
}

/** A workflow step and what it carries. */
export type TransitionInput =
  | { action: 'approve'; note?: string }
  | { action: 'reject'; reason: string }
  | ({ action: 'publish' } & PublishContentInput)
  | { action: Exclude<ContentTransition, 'approve' | 'reject' | 'publish'> };

/** A search page also says how it matched: full text, the typo fallback, or newest first. */
export interface SearchPage<T> extends Page<T> {
  mode: SearchMode;
}

export type SearchHit<T> = T & {
  /** Safe HTML: the author's text escaped, matches in <mark>. Full-text mode only. */
  highlight: { title: string; snippet: string } | null;
  score: number | null;
};

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in to do this');
  return ctx.actor;
}

/** The row changes of a workflow step, beyond what the policy checked. */
function transitionChanges(input: TransitionInput, reviewer: string | null): ContentChanges {
  const status = contentTransitions[input.action].to;
  const clearReview = { reviewNote: null, reviewedBy: null, reviewedAt: null };
  switch (input.action) {
    case 'submit':
    case 'revise':
      return { status, ...clearReview };
    case 'approve':
      return { status, reviewNote: input.note ?? null, reviewedBy: reviewer, reviewedAt: sql`now()` };
    case 'reject':
      return { status, reviewNote: input.reason, reviewedBy: reviewer, reviewedAt: sql`now()` };
    case 'publish':
      return {
        status,
        publishedAt: input.publishAt ?? sql`now()`,
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
      };
    case 'unpublish':
      return { status, publishedAt: null };
    case 'archive':
      return { status };
    case 'restore':
      // Back to a draft: it will be published anew, and an expiry that has passed is void.
      return { status, publishedAt: null, expiresAt: sql`case when ${contents.expiresAt} <= now() then null else ${contents.expiresAt} end` };
  }
}

export function createContentService({ db }: ContentServiceDeps) {
  /**
   * The live content, locked for the rest of the transaction, if the caller may see it
   * or take `action` on it and it belongs to `inAccount` when a route names the account
   * (otherwise 404: its existence is not revealed), and the action allowed by the
   * workflow (otherwise 403/409).
   */
  async function lockForAction(tx: Tx, permissions: PermissionChecker, id: string, action: ContentAction, inAccount?: string): Promise<ContentHead> {
    const head = await lockContent(tx, id);
    const hidden = !head || (inAccount !== undefined && head.accountId !== inAccount);
    if (hidden || (!mayReadAnyState(permissions, head.accountId) && !mayAttempt(permissions, action, head.accountId))) {
      throw new AppError('CONTENT_NOT_FOUND');
    }
    authorizeAction(permissions, head, action);
    return head;
  }

  /**
   * Media must be the tenant's, live, and the account's or the actor's own personal
   * files (the FK only knows the tenant); see usableMediaIds.
   */
  async function checkMedia(
    tx: Tx,
    use: { accountId: string; actorId: string | null; contentId?: string },
    input: { featuredImageId?: string | null; mediaIds?: string[] },
  ) {
    const wanted = [...(input.featuredImageId ? [input.featuredImageId] : []), ...(input.mediaIds ?? [])];
    const usable = await usableMediaIds(tx, use, wanted);
    const missing = [...new Set(wanted.filter((id) => !usable.has(id)))];
    if (missing.length) {
      throw new AppError('UNKNOWN_MEDIA', 'A media file does not exist, is in the trash, or belongs to another account or person', {
        errors: missing.map((id) => ({ path: id === input.featuredImageId ? 'featuredImageId' : 'mediaIds', message: `media ${id} is not usable here` })),
        extra: { mediaIds: missing },
      });
    }
  }

  /** An account named by the caller must be a live one of this tenant: another tenant's looks missing. */
  async function requireAccount(tx: Tx, accountId: string): Promise<void> {
    if (!(await accountExists(tx, accountId))) throw new AppError('ACCOUNT_NOT_FOUND');
  }

  async function view(tx: Tx, permissions: PermissionChecker, id: string): Promise<ContentView> {
    const row = await loadContent(tx, liveContentById(id));
    if (!row) throw new AppError('CONTENT_NOT_FOUND');
    return presentContent(row, permissions);
  }

  async function runSearch<T>(
    ctx: RequestContext,
    scope: SearchScope,
    query: PublicSearchQuery & Partial<Pick<ManagedSearchQuery, 'status'>>,
    present: (row: SearchHitRow) => T,
  ): Promise<SearchPage<SearchHit<T>>> {
    const { limit, cursor, status, ...filters } = query;
    const continued = cursor ? decodeSearchCursor(cursor) : undefined;
    const requested: SearchMode = filters.q ? 'fulltext' : 'recent';
    if (continued && (continued.mode === 'recent') !== (requested === 'recent')) {
      throw invalidCursor('The cursor belongs to another query; start again without it');
    }
    return withTenant(db, ctx, async (tx) => {
      if (scope === 'managed' && filters.accountId) await requireAccount(tx, filters.accountId);
      let mode = continued?.mode ?? requested;
      const search = (m: SearchMode, after = continued?.after) => searchContent(tx, scope, m, { ...filters, statuses: status }, { limit, after });
      let hits = await search(mode);
      if (mode === 'fulltext' && !continued && hits.length === 0 && fuzzyTerms(filters.q!)) {
        mode = 'fuzzy';
        hits = await search(mode, undefined);
      }
      const page = toPage(
        hits,
        limit,
        (row) => searchCursorOf(mode, row),
        (row) => ({
          ...present(row),
          highlight: row.title_headline !== null ? { title: highlightToHtml(row.title_headline), snippet: highlightToHtml(row.snippet ?? '') } : null,
          score: row.score,
        }),
      );
      return { ...page, mode };
    });
  }

  return {
    /** A new DRAFT by the caller for an account. The slug comes from the title unless given. */
    async create(ctx: RequestContext, input: CreateContentInput): Promise<ContentView> {
      const actor = requireActor(ctx);
      if (!ctx.permissions.can('account.content.create', input.accountId)) throw new AppError('FORBIDDEN', 'You may not create content for this account');
      const { categoryIds, mediaIds, slug: givenSlug, ...fields } = input;
      return withTenant(db, ctx, async (tx) => {
        await requireAccount(tx, input.accountId);
        await checkMedia(tx, { accountId: input.accountId, actorId: actor.userId }, input);
        const id = await insertWithFreeSlug(tx, 'contents', givenSlug ?? slugify(input.title), givenSlug !== undefined, (slug) =>
          insertContentUnlessSlugTaken(tx, { ...fields, tenantId: ctx.tenantId!, userId: actor.userId, slug }),
        );
        if (categoryIds?.length) await setContentCategories(tx, ctx.tenantId!, id, categoryIds);
        if (mediaIds?.length) await setContentMedia(tx, ctx.tenantId!, id, mediaIds);
        return view(tx, ctx.permissions, id);
      });
    },

    /** Edits a DRAFT. Absent fields stay; lists (tags, categories, media) are replaced. */
    async update(ctx: RequestContext, id: string, input: UpdateContentInput, inAccount?: string): Promise<ContentView> {
      const { categoryIds, mediaIds, ...fields } = input;
      return withSlugSuggestion(db, ctx, 'contents', input.slug, () =>
        withTenant(db, ctx, async (tx) => {
          const head = await lockForAction(tx, ctx.permissions, id, 'edit', inAccount);
          await checkMedia(tx, { accountId: head.accountId, actorId: ctx.actor?.userId ?? null, contentId: id }, input);
          if (Object.keys(fields).length) await updateContent(tx, id, fields);
          if (categoryIds) await setContentCategories(tx, ctx.tenantId!, id, categoryIds);
          if (mediaIds) await setContentMedia(tx, ctx.tenantId!, id, mediaIds);
          return view(tx, ctx.permissions, id);
        }),
      );
    },

    /** One workflow step (see policy.ts): 404 if invisible, 403 without the grant, 409 if the state forbids it. */
    async transition(ctx: RequestContext, id: string, input: TransitionInput, inAccount?: string): Promise<ContentView> {
      return withTenant(db, ctx, async (tx) => {
        await lockForAction(tx, ctx.permissions, id, input.action, inAccount);
        await updateContent(tx, id, transitionChanges(input, ctx.actor?.userId ?? null));
        return view(tx, ctx.permissions, id);
      });
    },

    /** Soft delete, in any state; the slug becomes free again. */
    async remove(ctx: RequestContext, id: string, inAccount?: string): Promise<void> {
      await withTenant(db, ctx, async (tx) => {
        await lockForAction(tx, ctx.permissions, id, 'delete', inAccount);
        await updateContent(tx, id, { deletedAt: sql`now()` });
      });
    },

    /** Any state, for the account's readers and the tenant's (within `inAccount` when a route names it). */
    async get(ctx: RequestContext, id: string, inAccount?: string): Promise<ContentView> {
      return withTenant(db, ctx, async (tx) => {
        const row = await loadContent(tx, liveContentById(id));
        if (!row || (inAccount !== undefined && row.account_id !== inAccount) || !mayReadAnyState(ctx.permissions, row.account_id)) {
          throw new AppError('CONTENT_NOT_FOUND');
        }
        return presentContent(row, ctx.permissions);
      });
    },

    /** Published content by id or slug, as the public sees it at this moment. */
    async getPublished(ctx: RequestContext, by: { id: string } | { slug: string }): Promise<PublicContent> {
      const match = 'id' in by ? sql`c.id = ${by.id}` : sql`c.slug = ${by.slug}`;
      return withTenant(db, ctx, async (tx) => {
        const row = await loadContent(tx, sql`${match} and ${publiclyVisible}`);
        if (!row) throw new AppError('CONTENT_NOT_FOUND');
        return presentPublicContent(row);
      });
    },

    /** Search and list published content (no permission needed beyond reading the tenant's public face). */
    async publicSearch(ctx: RequestContext, query: PublicSearchQuery) {
      return runSearch(ctx, 'public', query, presentContentSummary);
    },

    /**
     * Search and list content in any state: one account's (its readers) or the whole
     * tenant's (tenant.content.read), e.g. the review queue with status=IN_REVIEW.
     */
    async managedSearch(ctx: RequestContext, query: ManagedSearchQuery) {
      const allowed = query.accountId ? mayReadAnyState(ctx.permissions, query.accountId) : ctx.permissions.can('tenant.content.read');
      if (!allowed) throw new AppError('FORBIDDEN', query.accountId ? 'You may not read this account’s content' : 'You may not read all content of the tenant');
      return runSearch(ctx, 'managed', query, presentManagedSummary);
    },
  };
}

export type ContentService = ReturnType<typeof createContentService>;

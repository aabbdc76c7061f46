import type { RequestContext } from '../../../core/context';
import { AppError, invalidCursor } from '../../../core/errors';
import { type Page, toPage } from '../../../core/pagination';
import { withTenant } from '../../../db/tenant-context';
import type { ContentDeps } from '../shared/deps';
import { highlightToHtml } from '../shared/highlight';
import { mayReadAnyState } from '../shared/policy';
import type { ManagedSearchQuery, PublicSearchQuery } from '../shared/schemas';
import { requireAccount } from './access';
import { type ContentSummary, type ManagedContentSummary, presentContentSummary, presentManagedSummary } from './presenters';
import { decodeSearchCursor, fuzzyTerms, type SearchMode, type SearchView, searchCursorOf } from './search';
import { type SearchHitRow, searchContent } from './search-repository';

/** A search page also says how it matched: full text, the typo fallback, or newest first. */
export interface SearchPage<T> extends Page<T> {
  mode: SearchMode;
}

export type SearchHit<T> = T & {
  /** Safe HTML: the author's text escaped, matches in <mark>. Full-text mode only. */
  highlight: { title: string; snippet: string } | null;
  score: number | null;
};

async function runSearch<T>(
  deps: ContentDeps,
  ctx: RequestContext,
  view: SearchView,
  query: PublicSearchQuery & Partial<Pick<ManagedSearchQuery, 'status'>>,
  present: (row: SearchHitRow) => T,
): Promise<SearchPage<SearchHit<T>>> {
  const { limit, cursor, status, ...filters } = query;
  const continued = cursor ? decodeSearchCursor(cursor) : undefined;
  const requested: SearchMode = filters.q ? 'fulltext' : 'recent';
  if (continued && (continued.mode === 'recent') !== (requested === 'recent')) {
    throw invalidCursor('The cursor belongs to another query; start again without it');
  }
  return withTenant(deps.db, ctx, async (tx) => {
    if (view === 'managed' && filters.accountId) await requireAccount(tx, filters.accountId);
    let mode = continued?.mode ?? requested;
    const search = (m: SearchMode, after = continued?.after) => searchContent(tx, view, m, { ...filters, statuses: status }, { limit, after });
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

/** Search and list published content (no permission needed beyond reading the tenant's public face). */
export async function searchPublicContent(deps: ContentDeps, ctx: RequestContext, query: PublicSearchQuery): Promise<SearchPage<SearchHit<ContentSummary>>> {
  return runSearch(deps, ctx, 'public', query, presentContentSummary);
}

/**
 * Search and list content in any state: one account's (its readers) or the whole
 * tenant's (tenant.content.read), e.g. the review queue with status=IN_REVIEW.
 */
export async function searchManagedContent(
  deps: ContentDeps,
  ctx: RequestContext,
  query: ManagedSearchQuery,
): Promise<SearchPage<SearchHit<ManagedContentSummary>>> {
  const allowed = query.accountId ? mayReadAnyState(ctx.permissions, query.accountId) : ctx.permissions.can('tenant.content.read');
  if (!allowed) throw new AppError('FORBIDDEN', query.accountId ? 'You may not read this account’s content' : 'You may not read all content of the tenant');
  return runSearch(deps, ctx, 'managed', query, presentManagedSummary);
}

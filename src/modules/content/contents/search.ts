import { invalidCursor } from '../../../core/errors';
import { isUuid } from '../../../core/ids';
import { decodeCursor } from '../../../core/pagination';
import type { ContentStatus, ContentType } from '../shared/policy';

/**
 * Content search and listing: one query builder (search-repository.ts), its modes and cursors.
 *
 * Modes (each with its own keyset, carried in the cursor):
 *   fulltext  `q` given: websearch_to_tsquery over the weighted `search` column (title A,
 *             tags and description B, body C), ordered by ts_rank, with ts_headline
 *             snippets.
 *   fuzzy     `q` given but full text found nothing on the first page: trigram word
 *             similarity of the words of `q` to the title (GIN index), for typos.
 *   recent    no `q`: newest first (publication time in public, creation otherwise).
 * Never OFFSET: every page continues after the last row's (score or time, id).
 */
export type SearchMode = 'fulltext' | 'fuzzy' | 'recent';

export interface SearchFilters {
  q?: string;
  type?: ContentType;
  tag?: string;
  categoryId?: string;
  categorySlug?: string;
  accountId?: string;
  authorId?: string;
  publishedFrom?: Date;
  publishedTo?: Date;
  /** Managed view only. */
  statuses?: ContentStatus[];
}

/** The public's view (what it can see now) or the managed one (any state). */
export type SearchView = 'public' | 'managed';

export interface After {
  key: string | number;
  id: string;
}

/** Word similarity a title needs to count as a typo'd match (pg_trgm's default, 0.6, misses most typos). */
export const FUZZY_THRESHOLD = 0.4;

const MODE_TAGS: Record<SearchMode, string> = { fulltext: 'f', fuzzy: 't', recent: 'd' };

/** The values of a row's cursor (see toPage): the mode, then the row's keyset. */
export function searchCursorOf(mode: SearchMode, row: { id: string; score: number | null; sort_key: string }): (string | number | null)[] {
  return [MODE_TAGS[mode], mode === 'recent' ? row.sort_key : row.score, row.id];
}

/** Decodes a cursor of this API: its mode decides how the next page is searched. */
export function decodeSearchCursor(cursor: string): { mode: SearchMode; after: After } {
  const [tag, key, id] = decodeCursor(cursor, 3);
  const mode = (Object.keys(MODE_TAGS) as SearchMode[]).find((m) => MODE_TAGS[m] === tag);
  const keyOk = mode === 'recent' ? typeof key === 'string' && !Number.isNaN(Date.parse(key)) : typeof key === 'number';
  if (!mode || !keyOk || !isUuid(id)) {
    throw invalidCursor();
  }
  return { mode, after: { key: key!, id: id as string } };
}

/** The words of a websearch query, without its operators, for the trigram fallback. */
export function fuzzyTerms(q: string): string {
  return q
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !word.startsWith('-') && word.toLowerCase() !== 'or')
    .join(' ');
}

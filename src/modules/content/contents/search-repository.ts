import { type SQL, sql } from 'drizzle-orm';
import { rows } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';
import { HEADLINE_OPTIONS, TITLE_HEADLINE_OPTIONS } from '../shared/highlight';
import { type ContentSummaryRow, contentFrom, ofTenant, publiclyVisible, summaryColumns, withDates } from './repository';
import { type After, FUZZY_THRESHOLD, fuzzyTerms, type SearchFilters, type SearchMode, type SearchView } from './search';

/** The search query (see search.ts for its modes); every scan names the transaction's tenant. */
export interface SearchHitRow extends ContentSummaryRow {
  score: number | null;
  sort_key: string;
  title_headline: string | null;
  snippet: string | null;
}

function filterConditions(tx: TenantTx, view: SearchView, f: SearchFilters): SQL[] {
  const where: SQL[] = [ofTenant(tx), view === 'public' ? publiclyVisible : sql`c.deleted_at is null`];
  if (view === 'managed' && f.statuses?.length) where.push(sql`c.status = any(${`{${f.statuses.join(',')}}`}::content_status[])`);
  if (f.type) where.push(sql`c.type = ${f.type}::content_type`);
  if (f.tag) where.push(sql`c.tags @> array[${f.tag}]::text[]`);
  if (f.accountId) where.push(sql`c.account_id = ${f.accountId}::uuid`);
  if (f.authorId) where.push(sql`c.user_id = ${f.authorId}::uuid`);
  if (f.publishedFrom) where.push(sql`c.published_at >= ${f.publishedFrom.toISOString()}::timestamptz`);
  if (f.publishedTo) where.push(sql`c.published_at < ${f.publishedTo.toISOString()}::timestamptz`);
  if (f.categoryId || f.categorySlug) {
    where.push(sql`exists (select 1 from content_categories cc join category_tree t on t.tenant_id = cc.tenant_id and t.id = cc.category_id
                            where cc.tenant_id = ${tx.tenantId} and cc.content_id = c.id)`);
  }
  return where;
}

/** The category and its live descendants, for "category incl. subcategories". */
function categoryTree(tx: TenantTx, f: SearchFilters): SQL {
  if (!f.categoryId && !f.categorySlug) return sql``;
  const root = f.categoryId ? sql`k.id = ${f.categoryId}::uuid` : sql`k.slug = ${f.categorySlug}`;
  return sql`with recursive category_tree(tenant_id, id, depth) as (
      select k.tenant_id, k.id, 1 from categories k where k.tenant_id = ${tx.tenantId} and k.deleted_at is null and ${root}
      union all
      select k.tenant_id, k.id, t.depth + 1 from categories k
        join category_tree t on k.tenant_id = t.tenant_id and k.parent_id = t.id
       where k.tenant_id = ${tx.tenantId} and k.deleted_at is null and t.depth < 100)`;
}

const isoMicros = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page (limit + 1 rows, see toPage) of content matching the filters, in `mode`.
 * `view` decides between the public's view and all states.
 */
export async function searchContent(
  tx: TenantTx,
  view: SearchView,
  mode: SearchMode,
  filters: SearchFilters,
  page: { limit: number; after?: After },
): Promise<SearchHitRow[]> {
  const where = filterConditions(tx, view, filters);
  const dateColumn = view === 'public' ? sql`c.published_at` : sql`c.created_at`;
  let score: SQL;
  let sortKey: SQL;
  if (mode === 'recent') {
    score = sql`null::float8`;
    sortKey = isoMicros(dateColumn);
    if (page.after) where.push(sql`(${dateColumn}, c.id) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`);
  } else {
    if (mode === 'fulltext') {
      score = sql`ts_rank(c.search, websearch_to_tsquery(mono.search_config(${tx.tenantId}), ${filters.q}))::float8`;
      where.push(sql`c.search @@ websearch_to_tsquery(mono.search_config(${tx.tenantId}), ${filters.q})`);
    } else {
      const words = fuzzyTerms(filters.q ?? '');
      // SET LOCAL (a constant of ours), not set_config: Citus propagates SET LOCAL to the workers that run the scan.
      await tx.execute(sql.raw(`set local pg_trgm.word_similarity_threshold = ${Number(FUZZY_THRESHOLD)}`));
      score = sql`word_similarity(${words}, c.title)::float8`;
      where.push(sql`${words} <% c.title`);
    }
    sortKey = sql`''`;
    if (page.after) where.push(sql`(${score}, c.id) < (${page.after.key}::float8, ${page.after.id}::uuid)`);
  }
  const order = mode === 'recent' ? sql`sort_key desc, id desc` : sql`score desc, id desc`;
  const inner = sql`select ${summaryColumns(tx)}, ${score} as score, ${sortKey} as sort_key
    ${contentFrom}
    where ${sql.join(where, sql` and `)}
    order by ${mode === 'recent' ? sql`${dateColumn} desc` : sql`${score} desc`}, c.id desc
    limit ${page.limit + 1}`;
  // Snippets only for the page's rows, from the stored text (the inner query carries no bodies).
  const headlines =
    mode === 'fulltext'
      ? sql`ts_headline(mono.search_config(${tx.tenantId}), hit.title, websearch_to_tsquery(mono.search_config(${tx.tenantId}), ${filters.q}), ${TITLE_HEADLINE_OPTIONS}) as title_headline,
            ts_headline(mono.search_config(${tx.tenantId}), coalesce(full_text.description, '') || E'\n\n' || coalesce(full_text.body, ''),
                        websearch_to_tsquery(mono.search_config(${tx.tenantId}), ${filters.q}), ${HEADLINE_OPTIONS}) as snippet`
      : sql`null::text as title_headline, null::text as snippet`;
  const join = mode === 'fulltext' ? sql`join contents full_text on full_text.tenant_id = ${tx.tenantId} and full_text.id = hit.id` : sql``;
  const found = await rows<SearchHitRow>(
    tx,
    sql`${categoryTree(tx, filters)}
      select hit.*, ${headlines}
        from (${inner}) hit ${join}
       order by ${order}`,
  );
  return found.map(withDates);
}

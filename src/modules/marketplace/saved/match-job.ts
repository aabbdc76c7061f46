import { systemContext } from '../../../core/context';
import type { Database } from '../../../db/client';
import { withPlatform, withTenant } from '../../../db/tenant-context';
import { type FieldDef, type FieldFilter, fieldParams, parseFieldFilters } from '../fields/policy';
import { readFieldDefs } from '../fields/repository';
import { publishedMatches } from '../listings/search-repository';
import { listingSearchSchema } from '../shared/schemas';
import { markChecked, recordMatches, savedSearchBatch, tenantsWithSavedSearches } from './repository';

/**
 * How far back each run looks beyond the previous one: a listing published by a
 * transaction that started before the last run but committed after it carries an
 * earlier published_at; looking back again finds it (the unique key keeps each match
 * once). Publishing transactions are short — this is ample.
 */
export const MATCH_OVERLAP_MS = 5 * 60_000;
const BATCH = 100;
/** Most new matches one run records per search (the rest wait for the next run). */
const MATCHES_PER_RUN = 200;

const ctxOf = (tenantId: string | null) => systemContext(tenantId, 'job:saved-searches.match');

/**
 * The saved-search job: for every saved search, the listings that became ACTIVE since
 * it was last looked at (but not before it was saved) and match its query, recorded in
 * saved_search_matches; then the search is marked checked. One transaction per batch of
 * searches of one tenant; a search locked by another runner is skipped this time.
 * A query the search schema no longer accepts is skipped (and left for its owner to see).
 */
export async function matchSavedSearches(db: Database): Promise<{ matches: number }> {
  const tenants = await withPlatform(db, ctxOf(null), (tx) => tenantsWithSavedSearches(tx));
  let matches = 0;
  for (const tenantId of tenants) {
    let after: string | null = null;
    for (;;) {
      const { batch, added } = await withTenant(db, ctxOf(tenantId), async (tx) => {
        const rows = await savedSearchBatch(tx, after, BATCH);
        let n = 0;
        let defs: FieldDef[] | undefined;
        for (const search of rows) {
          const query = listingSearchSchema.safeParse(search.query);
          if (!query.success) continue;
          const params = fieldParams(query.data);
          let fields: FieldFilter[] = [];
          if (Object.keys(params).length > 0) {
            defs ??= await readFieldDefs(tx);
            const parsed = parseFieldFilters(defs, params);
            if (parsed.problems.length > 0) continue; // a field filter that no longer fits: left for its owner to see
            fields = parsed.filters;
          }
          const since = new Date(Math.max(search.createdAt.getTime(), search.checkedThrough.getTime() - MATCH_OVERLAP_MS));
          n += await recordMatches(tx, search.id, await publishedMatches(tx, query.data, since, MATCHES_PER_RUN, fields));
          await markChecked(tx, search.id);
        }
        return { batch: rows, added: n };
      });
      matches += added;
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1]!.id;
    }
  }
  return { matches };
}

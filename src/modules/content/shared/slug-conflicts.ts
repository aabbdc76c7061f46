import type { RequestContext } from '../../../core/context';
import { AppError, isAppError } from '../../../core/errors';
import type { Database } from '../../../db/client';
import { violatedConstraint } from '../../../db/errors';
import { type TenantTx, withTenant } from '../../../db/tenant-context';
import { nextFreeSlug } from './slug';
import { type SlugTable, slugsLike } from './slug-repository';

/**
 * Slug clashes. The partial unique indexes (live rows of a tenant) are the final word;
 * these helpers only turn a refusal into a 409 that suggests a free slug, and pick a
 * free slug when none was given.
 */
/** The unique keys on the slugs (src/db/constraint-errors.ts maps both to SLUG_TAKEN). */
const KEYS: Record<SlugTable, string> = { contents: 'contents_tenant_slug_key', categories: 'categories_tenant_slug_key' };

export async function suggestSlug(tx: TenantTx, table: SlugTable, slug: string): Promise<string> {
  return nextFreeSlug(slug, await slugsLike(tx, table, slug));
}

export function slugTaken(slug: string, suggestion: string): AppError {
  const message = `The slug "${slug}" is already in use; "${suggestion}" is free`;
  return new AppError('SLUG_TAKEN', message, {
    errors: [{ path: 'slug', message: 'already in use' }],
    extra: { slug, suggestion },
  });
}

/**
 * Inserts with a slug that may clash: `insert` answers undefined when the slug is
 * taken (insert … on conflict do nothing). A given slug is refused with a suggestion;
 * a generated one moves on to the next free variant (several tries, because a parallel
 * insert may take the one just suggested).
 */
export async function insertWithFreeSlug(
  tx: TenantTx,
  table: SlugTable,
  slug: string,
  given: boolean,
  insert: (slug: string) => Promise<string | undefined>,
): Promise<string> {
  let candidate = slug;
  for (let attempt = 1; ; attempt++) {
    const id = await insert(candidate);
    if (id !== undefined) return id;
    const suggestion = await suggestSlug(tx, table, slug);
    if (given || attempt >= 5) throw slugTaken(slug, suggestion);
    candidate = suggestion;
  }
}

/**
 * Runs a change that may set a clashing slug (an update: no ON CONFLICT there). When
 * the unique index refuses it, the transaction is gone, so a fresh read-only one finds
 * the suggestion.
 */
export async function withSlugSuggestion<T>(
  db: Database,
  ctx: RequestContext,
  table: SlugTable,
  slug: string | undefined,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (slug === undefined || !isAppError(error) || error.code !== 'SLUG_TAKEN' || violatedConstraint(error) !== KEYS[table]) throw error;
    const suggestion = await withTenant(db, ctx, (tx) => suggestSlug(tx, table, slug));
    throw slugTaken(slug, suggestion);
  }
}

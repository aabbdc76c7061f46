import { and, eq, gte, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { invalidCursor } from '../../../core/errors';
import { decodeCursor } from '../../../core/pagination';
import { listings } from '../../../db/schema/marketplace';
import type { TenantTx } from '../../../db/tenant-context';
import type { ListingRow } from '../shared/repository';
import type { ListingSearch, SearchSort } from '../shared/schemas';
import { listingColumns, publiclyVisible } from './repository';

/**
 * Public browse and search: full text ranked on the weighted `search` vector
 * (title A, description B), filters, and keyset pagination on the sort key — the
 * cursor carries the last row's key values as exact text, so a page continues with
 * an index range instead of OFFSET, and a change of sort cannot reuse a cursor.
 */

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (2 * Math.PI * EARTH_RADIUS_KM) / 360;

interface SortKey {
  expr: SQL;
  /** SQL type the cursor's text value is cast back to. */
  type: 'timestamptz' | 'uuid' | 'real' | 'numeric';
}

interface SortSpec {
  keys: SortKey[];
  direction: 'asc' | 'desc';
}

/**
 * A price that sorts listings without one last: +Infinity ascending, -Infinity
 * descending. CASE rather than coalesce(), exactly as in the indexes of migration 0202:
 * under RLS the planner uses only leakproof conditions as index conditions and counts
 * coalesce() as possibly leaky.
 */
const priceKey = (missing: 'Infinity' | '-Infinity') =>
  sql`(case when ${listings.price} is null then ${sql.raw(`'${missing}'`)}::numeric else ${listings.price} end)`;
const featuredKey = sql`(case when ${listings.featuredAt} is null then '-infinity'::timestamptz else ${listings.featuredAt} end)`;

/**
 * Every sort is one direction over its keys, ending in the id, so the keyset
 * condition is a single row comparison the btree indexes can use. Listings without a
 * price sort last either way, featured ones first (unfeatured = -infinity).
 */
function sortSpec(sort: Exclude<SearchSort, 'relevance'>): SortSpec {
  const id: SortKey = { expr: sql`${listings.id}`, type: 'uuid' };
  const createdAt: SortKey = { expr: sql`${listings.createdAt}`, type: 'timestamptz' };
  switch (sort) {
    case 'newest':
      return { keys: [createdAt, id], direction: 'desc' };
    case 'price_asc':
      return { keys: [{ expr: priceKey('Infinity'), type: 'numeric' }, id], direction: 'asc' };
    case 'price_desc':
      return { keys: [{ expr: priceKey('-Infinity'), type: 'numeric' }, id], direction: 'desc' };
    case 'featured':
      return {
        keys: [{ expr: featuredKey, type: 'timestamptz' }, createdAt, id],
        direction: 'desc',
      };
  }
}

/**
 * The coordinates to two decimals — the approximate location the public sees. Distances
 * are measured from these, so that distance filters and distanceKm cannot be used to
 * close in on the exact location.
 */
const ROUNDING_DEGREES = 0.005;
const roughLatitude = sql`round(${listings.latitude}::numeric, 2)::float8`;
const roughLongitude = sql`round(${listings.longitude}::numeric, 2)::float8`;

/** Great-circle distance in km from a point (haversine) to the approximate location. */
function distanceFrom(lat: number, lng: number): SQL<number> {
  return sql<number>`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
    power(sin(radians(${roughLatitude} - ${lat}::float8) / 2), 2) +
    cos(radians(${lat}::float8)) * cos(radians(${roughLatitude})) * power(sin(radians(${roughLongitude} - ${lng}::float8) / 2), 2)))))`;
}

/**
 * Within radiusKm of (lat, lng): a bounding box on the exact coordinates (widened by
 * the rounding) that the (tenant, latitude, longitude) index can range over, then the
 * distance to the approximate location. Near the poles or across the antimeridian the
 * longitude bound is left out (the distance still decides).
 */
function nearFilter(lat: number, lng: number, radiusKm: number): SQL {
  const dLat = radiusKm / KM_PER_DEGREE + ROUNDING_DEGREES;
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const dLng = cosLat > 1e-6 ? radiusKm / (KM_PER_DEGREE * cosLat) + ROUNDING_DEGREES : Infinity;
  return and(
    sql`${listings.latitude} between ${lat - dLat}::float8 and ${lat + dLat}::float8`,
    lng - dLng >= -180 && lng + dLng <= 180 ? sql`${listings.longitude} between ${lng - dLng}::float8 and ${lng + dLng}::float8` : undefined,
    sql`${distanceFrom(lat, lng)} <= ${radiusKm}::float8`,
  )!;
}

/**
 * A price range on the expression of the price index that the sort walks, so both
 * bounds are index conditions (with the other index, one bound would be a filter over
 * everything beyond the other).
 */
function priceRange(s: ListingSearch): (SQL | undefined)[] {
  if (s.minPrice === undefined && s.maxPrice === undefined) return [];
  const key = priceKey(s.sort === 'price_desc' ? '-Infinity' : 'Infinity');
  return [
    isNotNull(listings.price),
    s.minPrice !== undefined ? sql`${key} >= ${s.minPrice}::numeric` : undefined,
    s.maxPrice !== undefined ? sql`${key} <= ${s.maxPrice}::numeric` : undefined,
  ];
}

function filters(tx: TenantTx, s: ListingSearch, query: SQL | null): SQL {
  return and(
    publiclyVisible(tx),
    query ? sql`${listings.search} @@ ${query}` : undefined,
    s.type ? inArray(listings.type, s.type) : undefined,
    s.priceType ? inArray(listings.priceType, s.priceType) : undefined,
    s.currency ? eq(listings.currency, s.currency) : undefined,
    ...priceRange(s),
    s.remote !== undefined ? eq(listings.remote, s.remote) : undefined,
    s.country ? eq(listings.locationCountry, s.country) : undefined,
    s.lat !== undefined && s.lng !== undefined && s.radiusKm !== undefined ? nearFilter(s.lat, s.lng, s.radiusKm) : undefined,
    s.startFrom ? gte(listings.startDate, new Date(s.startFrom)) : undefined,
    s.startTo ? lte(listings.startDate, new Date(s.startTo)) : undefined,
    s.postedAfter ? gte(listings.createdAt, new Date(s.postedAfter)) : undefined,
    s.accountId ? eq(listings.accountId, s.accountId) : undefined,
    s.featured === true ? isNotNull(listings.featuredAt) : s.featured === false ? isNull(listings.featuredAt) : undefined,
  )!;
}

/** The cursor's key values (after the sort name), or 400 when it belongs to another sort. */
function cursorValues(cursor: string, sort: SearchSort, arity: number): string[] {
  const [cursorSort, ...values] = decodeCursor(cursor, arity + 1);
  if (cursorSort !== sort || values.some((v) => typeof v !== 'string')) {
    throw invalidCursor('The cursor belongs to another sort order; start again without it');
  }
  return values as string[];
}

/**
 * Relevance is ranked among at most this many matches — the newest. A term found in
 * half of a big tenant's listings would otherwise rank tens of thousands of rows for
 * every page; bounded, a relevance page costs the same for any term. Pages stop when
 * the candidates are exhausted (sort=newest reaches every match).
 */
export const RELEVANCE_CANDIDATES = 1000;

/** A found listing with its distance (with a location filter) and its sort key values as text (the cursor). */
export interface SearchResultRow extends ListingRow {
  distanceKm: number | null;
  keys: string[];
}

const keysOf = (spec: SortSpec) =>
  sql<string[]>`array[${sql.join(
    spec.keys.map((k) => sql`(${k.expr})::text`),
    sql`, `,
  )}]`;
const orderOf = (spec: SortSpec) => spec.keys.map((k) => sql`${k.expr} ${sql.raw(spec.direction)}`);

/** Rows after the cursor's position in the sort order: one row comparison. */
function after(spec: SortSpec, sort: SearchSort, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const values = cursorValues(cursor, sort, spec.keys.length);
  return sql`(${sql.join(
    spec.keys.map((k) => k.expr),
    sql`, `,
  )}) ${sql.raw(spec.direction === 'desc' ? '<' : '>')} (${sql.join(
    spec.keys.map((k, i) => sql`${values[i]}::${sql.raw(k.type)}`),
    sql`, `,
  )})`;
}

/** The sort a search uses: relevance with a query, else newest, unless it names one. */
export const sortOf = (s: ListingSearch): SearchSort => s.sort ?? (s.q ? 'relevance' : 'newest');

/** Up to `s.limit + 1` rows of the page after `s.cursor` (the extra row tells that another page follows). */
export async function searchListings(tx: TenantTx, s: ListingSearch): Promise<SearchResultRow[]> {
  const sort = sortOf(s);
  const query = s.q ? sql`websearch_to_tsquery('english', ${s.q})` : null;
  const distance = s.lat !== undefined && s.lng !== undefined && s.radiusKm !== undefined ? distanceFrom(s.lat, s.lng) : sql<null>`null`;
  const where = filters(tx, s, query);
  let found: unknown[];

  if (sort === 'relevance') {
    // Three steps, so the costly parts touch as few rows as possible: the newest
    // candidates carry only their id and vector through the sort (not every column of
    // every match), ts_rank runs on the candidates only (not on every match before the
    // sort), and the listing's columns are read for the page's rows only.
    const candidates = tx
      .select({ id: listings.id, search: listings.search })
      .from(listings)
      .where(where)
      .orderBy(...orderOf(sortSpec('newest')))
      .limit(RELEVANCE_CANDIDATES)
      .as('candidates');
    const rankOf = sql<number>`ts_rank(${candidates.search}, ${query})`;
    const pageSpec: SortSpec = {
      keys: [
        { expr: rankOf, type: 'real' },
        { expr: sql`${candidates.id}`, type: 'uuid' },
      ],
      direction: 'desc',
    };
    const page = tx
      .select({ id: candidates.id, rank: rankOf.as('rank') })
      .from(candidates)
      .where(after(pageSpec, sort, s.cursor))
      .orderBy(...orderOf(pageSpec))
      .limit(s.limit + 1)
      .as('page');
    const spec: SortSpec = {
      keys: [
        { expr: sql`${page.rank}`, type: 'real' },
        { expr: sql`${page.id}`, type: 'uuid' },
      ],
      direction: 'desc',
    };
    found = await tx
      .select({ ...listingColumns, distanceKm: distance, keys: keysOf(spec) })
      .from(page)
      .innerJoin(listings, and(eq(listings.tenantId, tx.tenantId), eq(listings.id, page.id)))
      .orderBy(...orderOf(spec));
  } else {
    const spec = sortSpec(sort);
    found = await tx
      .select({ ...listingColumns, distanceKm: distance, keys: keysOf(spec) })
      .from(listings)
      .where(and(where, after(spec, sort, s.cursor)))
      .orderBy(...orderOf(spec))
      .limit(s.limit + 1);
  }
  return found as SearchResultRow[];
}

/**
 * The listings that match a search and became ACTIVE (published or resumed) after
 * `since`, up to `limit` of them, oldest first: the saved-search job's new matches.
 * Ranges over listings_published_idx, then the search's own filters.
 */
export async function publishedMatches(tx: TenantTx, s: ListingSearch, since: Date, limit: number): Promise<string[]> {
  const query = s.q ? sql`websearch_to_tsquery('english', ${s.q})` : null;
  const found = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(and(filters(tx, s, query), sql`${listings.publishedAt} > ${since}`))
    .orderBy(listings.publishedAt, listings.id)
    .limit(limit);
  return found.map((r) => r.id);
}

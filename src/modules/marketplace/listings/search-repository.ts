import { and, eq, gte, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { invalidCursor } from '../../../core/errors';
import { decodeCursor } from '../../../core/pagination';
import { categories } from '../../../db/schema/content';
import { listingFieldValues, listings } from '../../../db/schema/marketplace';
import { rows } from '../../../db/sql';
import type { TenantTx } from '../../../db/tenant-context';
import type { FieldFilter } from '../fields/policy';
import type { ListingRow } from '../shared/repository';
import { type ListingSearch, type SearchSort, searchSorts } from '../shared/schemas';
import { coverOfListing, type GalleryImageRow } from './images-repository';
import { listingColumns, publiclyListed } from './repository';

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

/**
 * A filter on a listing field: any of some values as containment in custom_fields (the
 * GIN jsonb_path_ops index; a multi_enum value is an array, so `["S"]` is contained in
 * `["S","M"]`), a range as the listings that have such a value in listing_field_values
 * (a btree range on (tenant, key, value)).
 */
function fieldFilter(tx: TenantTx, f: FieldFilter): SQL {
  if (f.kind === 'any') {
    return or(...f.values.map((v) => sql`${listings.customFields} @> ${JSON.stringify({ [f.key]: f.multi ? [v] : v })}::jsonb`))!;
  }
  const column = sql.raw(f.column);
  const type = sql.raw(f.column === 'num' ? 'numeric' : 'date');
  return sql`${listings.id} in (select v.listing_id from ${listingFieldValues} v
    where v.tenant_id = ${tx.tenantId} and v.key = ${f.key} and v.${column} is not null
    ${f.min !== undefined ? sql`and v.${column} >= ${f.min}::${type}` : sql``}
    ${f.max !== undefined ? sql`and v.${column} <= ${f.max}::${type}` : sql``})`;
}

/**
 * In the category or one of its subcategories (the tenant's tree, deleted ones left out):
 * the listing's stored category path contains it (decision 0100). A constant condition
 * on the path, so the planner knows from its statistics how many listings a category
 * holds — and walks the sort's index for a big one, the GIN index for a small one.
 */
const inCategory = (categoryId: string): SQL => sql`${listings.categoryPath} @> array[${categoryId}]::uuid[]`;

/**
 * Bookable listings with a provider who has free time for the listing's shortest
 * duration somewhere in [from, to) — set-based, in one expression: the provider's weekly
 * windows on every day of the range (in their zone; days with a date override replaced
 * by the override's windows), as one multirange, cut to what the listing's minimum
 * notice and booking window allow, minus blocked ranges and active bookings (widened by
 * the listing's buffers) and minus the local days and weeks (in the zone of the
 * provider's weekly windows, weeks from Monday) that already hold as many bookings as the
 * listing's daily and weekly limits allow; then any stretch at least the duration long —
 * what the listing's slots would offer.
 *
 * `offset 0` keeps the planner from pulling the EXISTS up into a semi-join: pulled up, it
 * computed the free time of every bookable listing of the tenant before the sort and the
 * page limit (302 at bench scale 0.03: 78 ms; linear in the tenant's bookable listings);
 * as a per-row filter it runs for the candidates in sort order until the page is full
 * (10 ms; flat with the tenant's size).
 */
function availableBetween(tx: TenantTx, from: string, to: string): SQL {
  const t = tx.tenantId;
  return sql`exists (
    select 1
      from listing_booking_settings s
      join listing_booking_providers p on p.tenant_id = s.tenant_id and p.listing_id = s.listing_id
      cross join lateral (
        select greatest(${from}::timestamptz, now() + make_interval(mins => s.minimum_notice)) as lo,
               least(${to}::timestamptz, now() + make_interval(days => s.window_days)) as hi,
               (select min(d.value::int) from jsonb_array_elements_text(s.durations) d) as minutes) r
      cross join lateral (
        select range_agg(w.r) as windows from (
          select tstzrange((d.day + a.start_time::time) at time zone a.timezone, (d.day + a.end_time::time) at time zone a.timezone) as r
            from availabilities a
            cross join lateral (select g::date as day from generate_series(((r.lo at time zone 'UTC')::date - 1)::timestamp, ((r.hi at time zone 'UTC')::date + 1)::timestamp, interval '1 day') g) d
           where a.tenant_id = ${t} and a.user_id = p.user_id and a.day_of_week is not null and a.available
             and extract(dow from d.day) = a.day_of_week
             and not exists (select 1 from availabilities o where o.tenant_id = ${t} and o.user_id = p.user_id and o.date = d.day)
          union all
          select tstzrange((o.date + o.start_time::time) at time zone o.timezone, (o.date + o.end_time::time) at time zone o.timezone)
            from availabilities o
           where o.tenant_id = ${t} and o.user_id = p.user_id and o.date between (r.lo at time zone 'UTC')::date - 1 and (r.hi at time zone 'UTC')::date + 1
             and o.available and o.start_time < o.end_time) w) win
      cross join lateral (
        select coalesce(range_agg(b.r), '{}'::tstzmultirange) as busy from (
          select tstzrange(k.start_time - make_interval(mins => s.buffer_after), k.end_time + make_interval(mins => s.buffer_before)) as r
            from bookings k
           where k.tenant_id = ${t} and k.resource_id = p.user_id and k.status in ('PENDING', 'CONFIRMED', 'IN_PROGRESS')
             and k.start_time < r.hi + interval '1 day' and k.end_time > r.lo - interval '1 day'
          union all
          select tstzrange(x.start_time, x.end_time)
            from availability_blocks x
           where x.tenant_id = ${t} and x.user_id = p.user_id and x.start_time < r.hi and x.end_time > r.lo) b) busy
      cross join lateral (
        select coalesce((select a.timezone from availabilities a
                          where a.tenant_id = ${t} and a.user_id = p.user_id and a.day_of_week is not null limit 1), 'UTC') as zone) z
      cross join lateral (
        select coalesce(range_agg(tstzrange(f.since at time zone z.zone, (f.since + f.span) at time zone z.zone)), '{}'::tstzmultirange) as taken
          from (select date_trunc(u.unit, k.start_time at time zone z.zone) as since, u.span, u.cap
                  from (values ('day', interval '1 day', s.daily_limit), ('week', interval '7 days', s.weekly_limit)) u(unit, span, cap)
                  join bookings k on k.tenant_id = ${t} and k.resource_id = p.user_id and k.status in ('PENDING', 'CONFIRMED', 'IN_PROGRESS')
                   and k.start_time >= r.lo - interval '8 days' and k.start_time < r.hi + interval '8 days'
                 where u.cap is not null
                 group by 1, 2, 3
                having count(*) >= u.cap) f) limited
     where s.tenant_id = ${t} and p.tenant_id = ${t} and s.listing_id = ${listings.id} and r.lo < r.hi and win.windows is not null
       and exists (select 1 from unnest((win.windows * tstzmultirange(tstzrange(r.lo, r.hi))) - busy.busy - limited.taken) f(free)
                    where upper(f.free) - lower(f.free) >= make_interval(mins => r.minutes))
    offset 0)`;
}

/**
 * The search text parsed with the tenant's text-search configuration (its search
 * language, decision 99). mono.search_config is evaluated once while planning, so the
 * query is a constant tsquery to the planner, as 'english' was: same estimates, same
 * plans, no extra round trip.
 */
const tenantQuery = (tx: TenantTx, q: string): SQL => sql`websearch_to_tsquery(mono.search_config(${tx.tenantId}), ${q})`;

function filters(tx: TenantTx, s: ListingSearch, query: SQL | null, fields: readonly FieldFilter[] = []): SQL {
  return and(
    publiclyListed(tx),
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
    s.category ? inCategory(s.category) : undefined,
    s.availableFrom && s.availableTo ? availableBetween(tx, s.availableFrom, s.availableTo) : undefined,
    ...fields.map((f) => fieldFilter(tx, f)),
  )!;
}

/**
 * The cursor's key values (after the sort name), or 400: naming the sort the cursor was
 * made for when the request asks for another, the generic refusal when it is garbled.
 */
function cursorValues(cursor: string, sort: SearchSort, arity: number): string[] {
  const [cursorSort, ...values] = decodeCursor(cursor);
  if (cursorSort !== sort && (searchSorts as readonly unknown[]).includes(cursorSort)) {
    throw invalidCursor(`The cursor continues sort=${cursorSort}, not sort=${sort}: start again without the cursor (or ask for sort=${cursorSort})`);
  }
  if (cursorSort !== sort || values.length !== arity || values.some((v) => typeof v !== 'string')) throw invalidCursor();
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
  /** The listing's cover image, or null. */
  cover: GalleryImageRow | null;
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
export async function searchListings(tx: TenantTx, s: ListingSearch, fields: readonly FieldFilter[] = []): Promise<SearchResultRow[]> {
  const sort = sortOf(s);
  const query = s.q ? tenantQuery(tx, s.q) : null;
  const distance = s.lat !== undefined && s.lng !== undefined && s.radiusKm !== undefined ? distanceFrom(s.lat, s.lng) : sql<null>`null`;
  const where = filters(tx, s, query, fields);
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
      .select({ ...listingColumns, distanceKm: distance, keys: keysOf(spec), cover: coverOfListing(tx) })
      .from(page)
      .innerJoin(listings, and(eq(listings.tenantId, tx.tenantId), eq(listings.id, page.id)))
      .orderBy(...orderOf(spec));
  } else {
    const spec = sortSpec(sort);
    found = await tx
      .select({ ...listingColumns, distanceKm: distance, keys: keysOf(spec), cover: coverOfListing(tx) })
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
export async function publishedMatches(tx: TenantTx, s: ListingSearch, since: Date, limit: number, fields: readonly FieldFilter[] = []): Promise<string[]> {
  const query = s.q ? tenantQuery(tx, s.q) : null;
  const found = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(and(filters(tx, s, query, fields), sql`${listings.publishedAt} > ${since}`))
    .orderBy(listings.publishedAt, listings.id)
    .limit(limit);
  return found.map((r) => r.id);
}

/** One count of a facet: a category id, a listing type or an option of an enum field. */
export interface FacetRow {
  facet: string;
  value: string;
  label: string | null;
  count: number;
  /** The count is estimated from a sample of the matches (there were more than FACET_SAMPLE). */
  estimated: boolean;
}

/**
 * Facets count at most this many matches exactly; with more, they count a uniform random
 * sample of this size and scale it up (decision 0100). Counting every one of 40,000
 * matches took 300 ms; a sample of 2,000 keeps a value with a tenth of the matches
 * within about 7 % of its count.
 */
export const FACET_SAMPLE = 2000;

/**
 * Counts of the listings that match a search (all its filters), by category — each
 * listing counts for its category and every category above it, as its category path
 * says — by type, and by the options of enum and multi_enum fields: one statement, so
 * one round trip however many facets are asked.
 *
 * The sample is the matches with the lowest hash of their id (listings_facet_sample_idx
 * walks that order within the tenant's active listings): a random sample, since the hash
 * says nothing about a listing. When there are at most FACET_SAMPLE matches, that is all
 * of them and the counts are exact; otherwise the sample covers a known share of the hash
 * range (up to the highest hash in it), and each count is divided by that share. The
 * planner picks the plan: with few matches expected it finds them by the filters' own
 * indexes and sorts them by hash, with many it walks the hash index until the sample is full.
 */
export async function searchFacets(
  tx: TenantTx,
  s: ListingSearch,
  fields: readonly FieldFilter[],
  facets: { category: boolean; type: boolean; fieldKeys: string[] },
  sample = FACET_SAMPLE,
): Promise<FacetRow[]> {
  const query = s.q ? tenantQuery(tx, s.q) : null;
  const parts: SQL[] = [];
  if (facets.type) parts.push(sql`select 'type' as facet, m.type::text as value, null::text as label, count(*)::int as n from matched m group by m.type`);
  for (const key of facets.fieldKeys) {
    parts.push(sql`select ${`field.${key}`} as facet, o.value, null::text as label, count(*)::int as n
      from matched m,
      lateral jsonb_array_elements_text(case jsonb_typeof(m.custom_fields -> ${key})
        when 'array' then m.custom_fields -> ${key} when 'string' then jsonb_build_array(m.custom_fields -> ${key}) else '[]'::jsonb end) o(value)
      group by o.value`);
  }
  if (facets.category) {
    // Each listing counts for every category of its path: its own and those above it,
    // exactly the categories whose search finds it.
    parts.push(sql`select 'category' as facet, c.id::text as value, c.name as label, p.n
      from (select u.id, count(*)::int as n from matched m, unnest(m.category_path) u(id) group by u.id) p
      join ${categories} c on c.tenant_id = ${tx.tenantId} and c.id = p.id`);
  }
  if (parts.length === 0) return [];
  // Only what the asked facets count: the path for categories, the values (a jsonb
  // document per listing) when a field's options are counted.
  const categoryPath = facets.category ? sql`, ${listings.categoryPath} as category_path` : sql``;
  const customFields = facets.fieldKeys.length > 0 ? sql`, ${listings.customFields} as custom_fields` : sql``;
  return rows<FacetRow>(
    tx,
    sql`with sampled as (
          select ${listings.type} as type${categoryPath}${customFields}, uuid_hash(${listings.id}) as h
            from ${listings} where ${filters(tx, s, query, fields)}
           order by uuid_hash(${listings.id}) limit ${sample + 1}),
        matched as (select * from sampled order by h limit ${sample}),
        share as (
          select case when (select count(*) from sampled) > ${sample}
                      then ((select max(h) from matched)::float8 + 2147483649) / 4294967296 end as covered)
        select f.facet, f.value, f.label,
               case when share.covered is null then f.n else greatest(1, round(f.n / share.covered))::int end as count,
               share.covered is not null as estimated
          from (${sql.join(parts, sql` union all `)}) f, share
         order by 1, 4 desc, 2`,
  );
}

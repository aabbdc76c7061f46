import { sql } from 'drizzle-orm';
import { noPermissions, type RequestContext } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { createListingService, type ListingSearchInput } from '../../src/modules/marketplace';
import { tenantReadReference, termsByShare } from '../lib/fixture';
import { latencies, latencySummary } from '../lib/measure';
import type { BenchCase } from './types';

/**
 * 3. Listing search in the big tenant (a third of all listings): the marketplace's own
 * search service (validation, withTenant, the ranked full-text query with filters,
 * presenter), a dozen query shapes from very common to rare terms, with and without
 * filters and sorts. Terms are taken from the tenant's own text at chosen document
 * frequencies, so the shapes mean the same at every scale. Reference, interleaved call
 * by call: a listing read by primary key through withTenant (the floor of any request).
 */
export const search: BenchCase = {
  no: 3,
  id: 'search',
  title: 'Listing search in the big tenant (p50/p95)',
  async run(env) {
    if (!env.benchTenant) {
      return [
        {
          no: 3,
          id: 'search',
          title: 'Listing search p95 (big tenant)',
          value: Number.NaN,
          unit: 'ms',
          target: { op: '<=', value: 20, unit: 'ms' },
          reference: '—',
          details: {},
          notes: ['skipped: no generated data in this database (npm run bench:data -- --scale 1)'],
        },
      ];
    }
    const { db } = env;
    const tenantId = env.benchTenant.tenantId;
    const platform = "select set_config('role', 'mono_platform', true)";
    const { term, total } = await termsByShare(db, tenantId);
    const common = term(0.3);
    const frequent = term(0.05);
    const mid = term(0.01);
    const rare = term(0.001);
    const [country] = await db.transaction(platform, (tx) =>
      rows<{ c: string }>(tx, sql`select location_country as c from listings where tenant_id = ${tenantId} group by 1 order by count(*) desc limit 1`),
    );
    const shapes: [string, ListingSearchInput][] = [
      [`common term (${common})`, { q: common }],
      [`frequent term (${frequent}) + type`, { q: frequent, type: 'GIG,JOB' }],
      [`mid term (${mid})`, { q: mid }],
      [`rare term (${rare})`, { q: rare }],
      ['two terms + country + not remote', { q: `${frequent} ${mid}`, country: country!.c, remote: false }],
      ['common term + price range', { q: common, currency: 'USD', minPrice: '100', maxPrice: '2000' }],
      ['common term, newest first + type', { q: common, sort: 'newest', type: 'GIG,JOB,SERVICE' }],
      ['phrase', { q: `"${frequent} ${common}"` }],
      ['frequent term within 100 km', { q: frequent, lat: 48.2082, lng: 16.3738, radiusKm: 100 }],
      ['term, exclusion', { q: `${frequent} -${common}` }],
      ['common term, cheapest first', { q: common, sort: 'price_asc', currency: 'EUR' }],
      ['browse (no query), newest', {}],
    ];
    const service = createListingService({ db });
    const ctx: RequestContext = { requestId: 'bench-search', tenantId, actor: null, permissions: noPermissions };
    const read = await tenantReadReference(db, ctx);
    const perShape = env.quick ? 15 : 60;
    const results: Record<string, number[]> = {};
    const refs: number[] = [];
    const all: number[] = [];
    const hits: Record<string, number> = {};
    for (const [name, input] of shapes) {
      const page = await service.search(ctx, input);
      hits[name] = page.data.length;
      const { reference, subject } = await latencies(read, () => service.search(ctx, input), perShape, 5);
      results[name] = subject;
      refs.push(...reference);
      all.push(...subject);
    }
    const overall = latencySummary(all);
    const ref = latencySummary(refs);
    const details: Record<string, string | number> = {
      'p50 ms': overall.p50,
      'p99 ms': overall.p99,
      'active listings in the tenant': total,
      'samples per shape': perShape,
    };
    for (const [name, values] of Object.entries(results)) {
      const s = latencySummary(values);
      details[`${name}: p50/p95 ms (${hits[name]} hits on page 1)`] = `${s.p50.toFixed(1)}/${s.p95.toFixed(1)}`;
    }
    const worst = Object.entries(results)
      .map(([name, v]) => [name, latencySummary(v).p95] as const)
      .sort((a, b) => b[1] - a[1])[0]!;
    return [
      {
        no: 3,
        id: 'search',
        title: `Listing search p95, ${shapes.length} query shapes in the big tenant (service call)`,
        value: overall.p95,
        unit: 'ms',
        target: { op: '<=', value: 20, unit: 'ms' },
        reference: `primary-key read through withTenant p50 ${ref.p50.toFixed(2)} ms, p95 ${ref.p95.toFixed(2)} ms`,
        spread: `p50 ${overall.p50.toFixed(1)} ms; slowest shape ${worst[0]} p95 ${worst[1].toFixed(1)} ms`,
        details,
      },
    ];
  },
};

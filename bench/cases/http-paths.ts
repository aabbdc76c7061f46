import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../../src/app/app';
import { parseInput } from '../../src/core/validation';
import { applications } from '../../src/db/schema/marketplace';
import { rows } from '../../src/db/sql';
import type { TenantTx } from '../../src/db/tenant-context';
import { searchListings } from '../../src/modules/marketplace/listings/search-repository';
import { listingSearchSchema } from '../../src/modules/marketplace/shared/schemas';
import { BENCH_PASSWORD } from '../data/generate';
import { autocannon, type CannonResult } from '../lib/autocannon';
import { termsByShare } from '../lib/fixture';
import { now, summarize } from '../lib/measure';
import type { BenchCase, BenchEnv } from './types';
import { range } from './types';

const skipped = (no: number, id: string, title: string) => [
  {
    no,
    id,
    title,
    value: Number.NaN,
    unit: 'ratio',
    reference: '—',
    details: {},
    notes: ['skipped: no generated data in this database (npm run bench:data)'],
  },
];

/** Paired autocannon rounds of two URLs, order alternating; the ratio subject ÷ reference per round. */
async function cannonPair(
  env: BenchEnv,
  reference: { url: string; headers?: Record<string, string> },
  subject: { url: string; headers?: Record<string, string> },
) {
  const rounds = env.quick ? 2 : 5;
  const seconds = env.quick ? 2 : 5;
  const connections = 10;
  const got: { reference: CannonResult[]; subject: CannonResult[] } = { reference: [], subject: [] };
  const targets = { reference, subject };
  for (const name of ['reference', 'subject'] as const) await autocannon(targets[name].url, { connections, seconds: 1, headers: targets[name].headers });
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? (['reference', 'subject'] as const) : (['subject', 'reference'] as const)) {
      const r = await autocannon(targets[name].url, { connections, seconds, headers: targets[name].headers });
      if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx responses and ${r.errors} errors under load`);
      got[name].push(r);
      env.log(`round ${round + 1} ${name}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
    }
  }
  return {
    ratio: summarize(got.subject.map((r, i) => r.requestsPerSecond / got.reference[i]!.requestsPerSecond)),
    rps: (name: 'reference' | 'subject') => summarize(got[name].map((r) => r.requestsPerSecond)).median,
    p: (name: 'reference' | 'subject', key: 'p50' | 'p99') => summarize(got[name].map((r) => r[key])).median,
    connections,
    rounds,
    seconds,
  };
}

/**
 * 10. The public search route through the whole HTTP stack (tenant by X-Tenant, guard,
 * query validation, withTenant, presenter, response schema) for a very common term,
 * against a bare Fastify route that runs the same search SQL (the same repository
 * function) over the pool as the owner: no context, no RLS, one round trip.
 */
export const httpSearch: BenchCase = {
  no: 10,
  id: 'http-search',
  title: 'HTTP search route, common term (full stack vs the same SQL over bare pg)',
  async run(env) {
    const title = 'HTTP public search route, common term: full stack ÷ the same SQL on a bare route (req/s)';
    if (!env.benchTenant) return skipped(10, 'http-search', title);
    const { db } = env;
    const bench = env.benchTenant;
    const common = (await termsByShare(db, bench.tenantId)).term(0.3);
    const app = await buildApp({ db, config: env.config });
    const bare = Fastify({ logger: false });
    // The owner's handle, told the tenant the repository puts into its statements.
    const owner = Object.assign(Object.create(db.orm) as TenantTx, { tenantId: bench.tenantId });
    bare.get<{ Querystring: Record<string, string> }>('/bare/search', async (request) => searchListings(owner, parseInput(listingSearchSchema, request.query)));
    try {
      const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
      const subject = { url: `${appUrl}/api/v1/public/listings?q=${common}`, headers: { 'x-tenant': bench.identifier } };
      const reference = { url: `${bareUrl}/bare/search?q=${common}` };
      for (const [name, route] of Object.entries({ subject, reference })) {
        const res = await fetch(route.url, { headers: 'headers' in route ? route.headers : {} });
        if (res.status !== 200) throw new Error(`${name} route answered ${res.status}: ${await res.text()}`);
      }
      const m = await cannonPair(env, reference, subject);
      return [
        {
          no: 10,
          id: 'http-search',
          title,
          value: m.ratio.median,
          unit: 'ratio',
          target: { op: '>=', value: 0.8, unit: 'ratio' },
          reference: `bare route ${m.rps('reference').toFixed(0)} req/s, p50 ${m.p('reference', 'p50')} ms, p99 ${m.p('reference', 'p99')} ms`,
          spread: range(m.ratio),
          details: {
            term: common,
            'full stack req/s': Math.round(m.rps('subject')),
            'full stack p50 ms': m.p('subject', 'p50'),
            'full stack p99 ms': m.p('subject', 'p99'),
            connections: m.connections,
            'seconds × rounds': `${m.seconds} × ${m.rounds}`,
          },
        },
      ];
    } finally {
      await bare.close();
      await app.close();
    }
  },
};

/** `total` requests over `concurrency` workers; requests per second. */
async function drive(total: number, concurrency: number, request: (i: number) => Promise<Response>): Promise<{ rps: number; failures: string[] }> {
  let next = 0;
  const failures: string[] = [];
  const started = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const res = await request(i);
        if (res.status >= 300) failures.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
        else await res.arrayBuffer();
      }
    }),
  );
  return { rps: total / ((now() - started) / 1000), failures };
}

/**
 * 11. One write through the whole stack: a signed-in person submits an application
 * (POST /api/v1/user/applications: session, guard, validation, one transaction that
 * locks the listing, checks the account and membership, inserts, emits the event; audit
 * trigger and counter trigger), against a bare route that inserts the same application
 * row with one statement as the owner (the triggers fire there too). Ten people apply to
 * listings they have not applied to, ten requests at a time, batches interleaved; the
 * applications are deleted again afterwards.
 */
export const httpWrite: BenchCase = {
  no: 11,
  id: 'http-write',
  title: 'HTTP write: submit an application (full stack vs a bare insert route)',
  async run(env) {
    const title = 'HTTP write: POST an application, full stack ÷ a bare insert route (req/s)';
    if (!env.benchTenant) return skipped(11, 'http-write', title);
    const { db } = env;
    const bench = env.benchTenant;
    const rounds = env.quick ? 2 : 5;
    const batch = env.quick ? 100 : 300;
    const perPerson = Math.ceil(((rounds + 1) * batch) / 10) + 5;
    const platform = "select set_config('role', 'mono_platform', true)";
    const started = new Date();
    // Twenty people without an account, and for each the active listings they may apply to.
    const people = await db.transaction(platform, (tx) =>
      rows<{ id: string; email: string }>(
        tx,
        sql`select u.id, u.email from users u
             where u.tenant_id = ${bench.tenantId} and u.deleted_at is null and u.deactivated_at is null and u.email like 'user%'
               and not exists (select 1 from account_users au where au.tenant_id = u.tenant_id and au.user_id = u.id)
             order by u.id limit 20`,
      ),
    );
    if (people.length < 20) throw new Error('the bench tenant has fewer than 20 people without an account');
    const targets = await db.transaction(platform, (tx) =>
      rows<{ user_id: string; listing_id: string }>(
        tx,
        sql`select p.id as user_id, l.id as listing_id
              from unnest(${`{${people.map((p) => p.id).join(',')}}`}::uuid[]) as p(id)
              cross join lateral (
                select l.id from listings l
                 where l.tenant_id = ${bench.tenantId} and l.status = 'ACTIVE' and l.deleted_at is null
                   and (l.expires_at is null or l.expires_at > now() + interval '1 hour')
                   and (l.requirements is null or l.requirements = '{}'::jsonb or l.requirements = '[]'::jsonb)
                   and not exists (select 1 from applications a where a.tenant_id = l.tenant_id and a.listing_id = l.id and a.applicant_id = p.id)
                   and not exists (select 1 from accounts ac where ac.tenant_id = l.tenant_id and ac.id = l.account_id and ac.status = 'SUSPENDED')
                 order by l.id limit ${perPerson}) l`,
      ),
    );
    const listingsOf = new Map<string, string[]>();
    for (const t of targets) listingsOf.set(t.user_id, [...(listingsOf.get(t.user_id) ?? []), t.listing_id]);
    if (people.some((p) => (listingsOf.get(p.id)?.length ?? 0) < perPerson)) throw new Error('not enough open listings to apply to');

    const app = await buildApp({ db, config: env.config });
    const bare = Fastify({ logger: false });
    bare.post<{ Body: { listingId: string; applicantId: string } }>('/bare/applications', async (request, reply) => {
      const [row] = await db.orm
        .insert(applications)
        .values({ tenantId: bench.tenantId, listingId: request.body.listingId, applicantId: request.body.applicantId, answers: {}, attachments: [] })
        .returning();
      return reply.status(201).send(row);
    });
    try {
      const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
      const full = people.slice(0, 10);
      const ref = people.slice(10);
      const tokens: string[] = [];
      for (const person of full) {
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/public/auth/login',
          headers: { 'x-tenant': bench.identifier, 'content-type': 'application/json' },
          payload: { email: person.email, password: BENCH_PASSWORD },
        });
        if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
        tokens.push((login.json() as { token: string }).token);
      }
      // Request i of the run: person i % 10 takes their next listing.
      const cursor = { full: 0, ref: 0 };
      const subject = (count: number) =>
        drive(count, 10, () => {
          const i = cursor.full++;
          const who = i % 10;
          return fetch(`${appUrl}/api/v1/user/applications`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
            body: JSON.stringify({ listingId: listingsOf.get(full[who]!.id)![Math.floor(i / 10)] }),
          });
        });
      const reference = (count: number) =>
        drive(count, 10, () => {
          const i = cursor.ref++;
          const who = ref[i % 10]!.id;
          return fetch(`${bareUrl}/bare/applications`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ listingId: listingsOf.get(who)![Math.floor(i / 10)], applicantId: who }),
          });
        });
      await subject(Math.min(50, batch));
      await reference(Math.min(50, batch));
      const ratios: number[] = [];
      const rates = { subject: [] as number[], reference: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? (['reference', 'subject'] as const) : (['subject', 'reference'] as const);
        const got: Record<string, number> = {};
        for (const name of order) {
          const r = await (name === 'subject' ? subject : reference)(batch);
          if (r.failures.length) throw new Error(`${name}: ${r.failures.length} failed requests, e.g. ${r.failures[0]}`);
          got[name] = r.rps;
          rates[name].push(r.rps);
          env.log(`round ${round + 1} ${name}: ${r.rps.toFixed(0)} req/s`);
        }
        ratios.push(got.subject! / got.reference!);
      }
      const ratio = summarize(ratios);
      return [
        {
          no: 11,
          id: 'http-write',
          title,
          value: ratio.median,
          unit: 'ratio',
          reference: `bare insert route ${summarize(rates.reference).median.toFixed(0)} req/s`,
          spread: range(ratio),
          details: {
            'full stack req/s': Math.round(summarize(rates.subject).median),
            concurrency: 10,
            'requests × rounds': `${batch} × ${rounds}`,
          },
        },
      ];
    } finally {
      await bare.close();
      await app.close();
      // The applications of this run go again (their audit entries stay, as for any deletion).
      await db.transaction(platform, (tx) =>
        rows(
          tx,
          sql`delete from applications where tenant_id = ${bench.tenantId} and created_at >= ${started.toISOString()}::timestamptz
                and applicant_id = any(${`{${people.map((p) => p.id).join(',')}}`}::uuid[])`,
        ),
      );
    }
  },
};

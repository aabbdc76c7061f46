import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../../src/app/app';
import { noPermissions } from '../../src/core/context';
import { isUuid } from '../../src/core/ids';
import { listings } from '../../src/db/schema/marketplace';
import { sessions } from '../../src/db/schema/tenancy';
import { rows } from '../../src/db/sql';
import { queryInTenant, sqlLiteral } from '../../src/db/tenant-context';
import { hashToken } from '../../src/modules/access';
import { listingColumns } from '../../src/modules/marketplace/listings/repository';
import { BENCH_PASSWORD } from '../data/generate';
import { autocannon, type CannonResult } from '../lib/autocannon';
import { summarize } from '../lib/measure';
import type { BenchResult } from '../lib/report';
import type { BenchCase } from './types';
import { range } from './types';

/**
 * 2. One listing by UUID through the whole HTTP stack — session authentication, tenant,
 * permission guard, validation, service, withTenant, presenter, response schema — against
 * a bare Fastify route that runs the same query (the same Drizzle select of the listing
 * columns) on the same pool without any of it. autocannon in its own process, rounds
 * interleaved.
 */
export const httpRead: BenchCase = {
  no: 2,
  id: 'http-read',
  title: 'HTTP read of one listing (full stack vs bare Fastify)',
  async run(env) {
    const { db } = env;
    const target = env.benchTenant
      ? await (async () => {
          const [row] = await db.transaction("select set_config('role', 'mono_platform', true)", (tx) =>
            rows<{ id: string; account_id: string; email: string }>(
              tx,
              sql`select l.id, l.account_id, u.email from listings l
                    join account_users au on au.tenant_id = l.tenant_id and au.account_id = l.account_id and au.role = 'admin'
                    join users u on u.tenant_id = l.tenant_id and u.id = au.user_id
                   where l.tenant_id = ${env.benchTenant!.tenantId} and l.status = 'ACTIVE' and l.deleted_at is null
                     and (l.expires_at is null or l.expires_at > now())
                   order by l.id limit 1`,
            ),
          );
          return {
            tenantId: env.benchTenant!.tenantId,
            identifier: env.benchTenant!.identifier,
            listingId: row!.id,
            accountId: row!.account_id,
            email: row!.email,
          };
        })()
      : await (async () => {
          const s = await env.scratch();
          return { tenantId: s.tenantId, identifier: s.identifier, listingId: s.listingIds[0]!, accountId: s.accountId, email: s.ownerEmail };
        })();

    const columnList = Object.values(listingColumns)
      .map((c) => `"${c.name}"`)
      .join(', ');
    const app = await buildApp({ db, config: env.config });
    const bare = Fastify({ logger: false });
    bare.get<{ Params: { listingId: string } }>('/bare/listings/:listingId', async (request, reply) => {
      const [row] = await db.orm
        .select(listingColumns)
        .from(listings)
        .where(and(eq(listings.tenantId, target.tenantId), eq(listings.id, request.params.listingId), isNull(listings.deletedAt)));
      return row ?? reply.status(404).send({ status: 404 });
    });
    // A conventional ORM stack (issue #20's reference): the bearer token's session found by
    // its hash, then the listing by a findFirst-style select with `where tenantId` — two
    // round trips as the owner, no RLS, no permission model, no response schema.
    bare.get<{ Params: { listingId: string } }>('/orm/listings/:listingId', async (request, reply) => {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const [session] = await db.orm
        .select({ userId: sessions.userId })
        .from(sessions)
        .where(
          and(eq(sessions.tenantId, target.tenantId), eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)),
        )
        .limit(1);
      if (!session) return reply.status(401).send({ status: 401 });
      const [row] = await db.orm
        .select(listingColumns)
        .from(listings)
        .where(and(eq(listings.tenantId, target.tenantId), eq(listings.id, request.params.listingId), isNull(listings.deletedAt)))
        .limit(1);
      return row ?? reply.status(404).send({ status: 404 });
    });
    // The same read with the tenant context (role, settings, RLS) in one round trip: what
    // the stack would cost if a service read could skip BEGIN/COMMIT (see the report).
    const ctx = { requestId: 'bench-http', tenantId: target.tenantId, actor: null, permissions: noPermissions };
    bare.get<{ Params: { listingId: string } }>('/context/listings/:listingId', async (request, reply) => {
      if (!isUuid(request.params.listingId)) return reply.status(404).send({ status: 404 });
      const [row] = await queryInTenant(
        db,
        ctx,
        `select ${columnList} from listings where tenant_id = ${sqlLiteral(target.tenantId)} and id = ${sqlLiteral(request.params.listingId)} and deleted_at is null`,
      );
      return row ?? reply.status(404).send({ status: 404 });
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/public/auth/login',
        headers: { 'x-tenant': target.identifier, 'content-type': 'application/json' },
        payload: { email: target.email, password: BENCH_PASSWORD },
      });
      if (login.statusCode !== 200) throw new Error(`login for the HTTP benchmark failed: ${login.statusCode} ${login.body}`);
      const token = (login.json() as { token: string }).token;
      const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

      const routes = {
        bare: { url: `${bareUrl}/bare/listings/${target.listingId}`, headers: {} },
        account: { url: `${appUrl}/api/v1/account/${target.accountId}/listings/${target.listingId}`, headers: { authorization: `Bearer ${token}` } },
        public: { url: `${appUrl}/api/v1/public/listings/${target.listingId}`, headers: { 'x-tenant': target.identifier } },
        context: { url: `${bareUrl}/context/listings/${target.listingId}`, headers: {} },
        orm: { url: `${bareUrl}/orm/listings/${target.listingId}`, headers: { authorization: `Bearer ${token}` } },
      };
      for (const [name, route] of Object.entries(routes)) {
        const res = await fetch(route.url, { headers: route.headers });
        if (res.status !== 200) throw new Error(`${name} route answered ${res.status}: ${await res.text()}`);
      }
      const rounds = env.quick ? 2 : 5;
      const seconds = env.quick ? 2 : 5;
      const connections = 10;
      const order = Object.keys(routes) as (keyof typeof routes)[];
      const results: Record<keyof typeof routes, CannonResult[]> = { bare: [], account: [], public: [], context: [], orm: [] };
      for (const name of order) await autocannon(routes[name].url, { connections, seconds: 1, headers: routes[name].headers }); // warm-up
      for (let round = 0; round < rounds; round++) {
        const turn = round % 2 === 0 ? order : [...order].reverse();
        for (const name of turn) {
          const r = await autocannon(routes[name].url, { connections, seconds, headers: routes[name].headers });
          if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx responses and ${r.errors} errors under load`);
          results[name].push(r);
          env.log(`round ${round + 1} ${name}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
        }
      }
      const rps = (name: keyof typeof routes) => summarize(results[name].map((r) => r.requestsPerSecond));
      const ratio = (name: 'account' | 'public' | 'context', over: keyof typeof routes = 'bare') =>
        summarize(results[name].map((r, i) => r.requestsPerSecond / results[over][i]!.requestsPerSecond));
      const p = (name: keyof typeof routes, key: 'p50' | 'p99') => summarize(results[name].map((r) => r[key])).median;
      const account = ratio('account');
      const pub = ratio('public');
      const overOrm = ratio('account', 'orm');
      const measured: BenchResult[] = [
        {
          no: 2,
          id: 'http-read',
          title: 'HTTP read: GET account listing by UUID, full stack ÷ bare Fastify (req/s)',
          value: account.median,
          unit: 'ratio',
          target: { op: '>=', value: 0.7, unit: 'ratio' },
          reference: `bare route ${rps('bare').median.toFixed(0)} req/s, p50 ${p('bare', 'p50')} ms, p99 ${p('bare', 'p99')} ms`,
          spread: range(account),
          details: {
            'full stack req/s': Math.round(rps('account').median),
            'full stack p50 ms': p('account', 'p50'),
            'full stack p99 ms': p('account', 'p99'),
            'public route (X-Tenant, no session) ÷ bare': pub.median,
            'public req/s': Math.round(rps('public').median),
            'public p50 ms': p('public', 'p50'),
            'public p99 ms': p('public', 'p99'),
            'bare route with tenant context in one round trip (queryInTenant) ÷ bare': ratio('context').median,
            connections,
            'seconds × rounds': `${seconds} × ${rounds}`,
          },
        },
        {
          no: 2,
          id: 'http-read-orm',
          title: 'HTTP read: the same route, full stack ÷ a conventional ORM route (session lookup + findFirst, no RLS; req/s)',
          value: overOrm.median,
          unit: 'ratio',
          target: { op: '>=', value: 1.5, unit: 'ratio' },
          reference: `ORM route ${rps('orm').median.toFixed(0)} req/s, p50 ${p('orm', 'p50')} ms, p99 ${p('orm', 'p99')} ms (two round trips as the owner)`,
          spread: range(overOrm),
          details: { 'ORM route ÷ bare': summarize(results.orm.map((r, i) => r.requestsPerSecond / results.bare[i]!.requestsPerSecond)).median },
        },
      ];
      return measured;
    } finally {
      await bare.close();
      await app.close();
    }
  },
};

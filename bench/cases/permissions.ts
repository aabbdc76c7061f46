import { sql } from 'drizzle-orm';
import { type RequestContext, systemPermissions } from '../../src/core/context';
import { rows } from '../../src/db/sql';
import { PermissionResolver } from '../../src/modules/access/resolver';
import { tenantReadReference } from '../lib/fixture';
import { latencies, latencySummary, now, summarize } from '../lib/measure';
import type { BenchResult } from '../lib/report';
import type { BenchCase } from './types';

const CATALOG = 1000;
const ROLES = 10;

/** aa, ab, … — permission names allow letters only in their resource segment. */
const letters = (n: number) => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s.padStart(3, 'a');
};

/**
 * 5. Permission checks. Cached: the per-request path once the user's permissions are
 * compiled — the resolver's cache lookup (version and expiry checked) and can(). Cold:
 * resolving a user with 10 roles over a 1,000-permission catalog, not in the resolver's
 * cache: one round trip for the user's assignments, the roles' compiled definitions shared
 * by the tenant's users (decision 51). Also measured: the same with the definitions sent
 * again (a request whose authorization version is behind the tenant's). References in the same run: a Map
 * lookup for the cached path, a primary-key read through withTenant for the cold one.
 * The fixture (1,000 catalog rows, 10 roles of 100 permissions) is removed afterwards.
 */
export const permissions: BenchCase = {
  no: 5,
  id: 'permissions',
  title: 'Permission check (cached, cold)',
  async run(env): Promise<BenchResult[]> {
    const { db } = env;
    const s = await env.scratch();
    const names = Array.from({ length: CATALOG }, (_, i) => `tenant.bench_${letters(i)}.read`);
    const platform = "select set_config('role', 'mono_platform', true), set_config('app.request_id', 'system:bench', true)";
    await db.query('insert into permissions (name, description) select n, $2 from unnest($1::text[]) n on conflict (name) do nothing', [
      names,
      'benchmark fixture',
    ]);
    const userId = await db.transaction(platform, async (tx) => {
      const [user] = await rows<{ id: string }>(
        tx,
        sql`insert into users (tenant_id, email) values (${s.tenantId}, ${`roles-${Date.now()}@bench.example.com`}) returning id`,
      );
      const roles = await rows<{ id: string; k: number }>(
        tx,
        sql`insert into roles (tenant_id, name, type, level) select ${s.tenantId}, 'bench-role-' || k, 'CUSTOM', 'TENANT' from generate_series(0, ${ROLES - 1}) k
            on conflict (tenant_id, name) do update set level = excluded.level returning id, (substring(name from 12))::int as k`,
      );
      for (const role of roles) {
        await tx.execute(sql`insert into role_permissions (tenant_id, role_id, permission_id)
          select ${s.tenantId}, ${role.id}, p.id from permissions p
           where p.name in (select jsonb_array_elements_text(${JSON.stringify(names.slice(role.k * 100, role.k * 100 + 100))}::jsonb))
          on conflict do nothing`);
        await tx.execute(sql`insert into user_roles (tenant_id, user_id, role_id) values (${s.tenantId}, ${user!.id}, ${role.id})`);
      }
      return user!.id;
    });
    try {
      const ctx: RequestContext = {
        requestId: 'bench-permissions',
        tenantId: s.tenantId,
        actor: { userId, tenantId: s.tenantId },
        permissions: systemPermissions,
      };
      const [current] = await db.transaction(platform, (tx) =>
        rows<{ v: string }>(tx, sql`select coalesce((select version from mono.authz_versions where tenant_id = ${s.tenantId}), 1) as v`),
      );
      const version = Number(current!.v);
      const warm = new PermissionResolver(db);
      const compiled = await warm.resolve(ctx, userId, version);
      if (compiled.grants.length !== CATALOG) throw new Error(`the fixture user resolved to ${compiled.grants.length} grants, expected ${CATALOG}`);

      // Cached: synchronous loops of a million checks, five rounds, interleaved with the reference.
      const loops = env.quick ? 200_000 : 1_000_000;
      const map = new Map<string, number>([[`${s.tenantId}:${userId}`, 1]]);
      const key = `${s.tenantId}:${userId}`;
      const probe = names.slice(0, 64);
      let sink = 0;
      const perCheck = (fn: (i: number) => void) => {
        const start = now();
        for (let i = 0; i < loops; i++) fn(i);
        return ((now() - start) * 1000) / loops; // µs
      };
      const cachedCheck = (i: number) => {
        const hit = warm.cached(s.tenantId, userId, version)!;
        if (hit.can(probe[i & 63]!)) sink++;
      };
      const reference = (i: number) => {
        if (map.get(key) === 1 && probe[i & 63]) sink++;
      };
      const cachedRounds: number[] = [];
      const refRounds: number[] = [];
      for (let round = 0; round < 5; round++) {
        refRounds.push(perCheck(reference));
        cachedRounds.push(perCheck(cachedCheck));
      }
      // The request path awaits resolve(), which answers from the cache.
      const asyncLoops = Math.round(loops / 10);
      const asyncStart = now();
      for (let i = 0; i < asyncLoops; i++) if ((await warm.resolve(ctx, userId, version)).can(probe[i & 63]!)) sink++;
      const asyncPerCheck = ((now() - asyncStart) * 1000) / asyncLoops;

      // Cold: a fresh resolver each time (no cache), so every call loads and compiles.
      const read = await tenantReadReference(db, ctx);
      const cold = await latencies(read, () => new PermissionResolver(db).resolve(ctx, userId, version), env.quick ? 50 : 300, 10);
      const coldSummary = latencySummary(cold.subject);
      const resent = await latencies(read, () => new PermissionResolver(db).resolve(ctx, userId, version - 1), env.quick ? 50 : 300, 10);
      const resentSummary = latencySummary(resent.subject);
      const readSummary = latencySummary(cold.reference);
      const cached = summarize(cachedRounds);
      const ref = summarize(refRounds);
      void sink;
      return [
        {
          no: 5,
          id: 'permissions-cached',
          title: 'Permission check, cached (resolver cache hit + can())',
          value: cached.median,
          unit: 'µs',
          target: { op: '<=', value: 2, unit: 'µs' },
          reference: `Map lookup ${(ref.median * 1000).toFixed(0)} ns`,
          spread: `${cached.min.toFixed(3)}–${cached.max.toFixed(3)} µs over 5 rounds of ${loops.toLocaleString('en')}`,
          details: { 'awaited resolve() hit + can() µs': asyncPerCheck, 'grants compiled': compiled.grants.length },
        },
        {
          no: 5,
          id: 'permissions-cold',
          title: `Permission resolution, cold (${ROLES} roles over a ${CATALOG}-permission catalog), p50`,
          value: coldSummary.p50,
          unit: 'ms',
          target: { op: '<=', value: 1, unit: 'ms' },
          reference: `primary-key read through withTenant p50 ${readSummary.p50.toFixed(2)} ms`,
          spread: `p95 ${coldSummary.p95.toFixed(2)} ms, p99 ${coldSummary.p99.toFixed(2)} ms`,
          details: {
            'cold ÷ tenant read (p50)': coldSummary.p50 / readSummary.p50,
            'role definitions sent again (request version behind): p50 ms': resentSummary.p50,
            'role definitions sent again ÷ tenant read (p50)': resentSummary.p50 / latencySummary(resent.reference).p50,
            samples: coldSummary.n,
          },
        },
      ];
    } finally {
      await db.transaction(platform, async (tx) => {
        await tx.execute(sql`delete from roles where tenant_id = ${s.tenantId} and name like 'bench-role-%'`);
      });
      await db.query("delete from permissions where name like 'tenant.bench\\_%' and description = 'benchmark fixture'");
    }
  },
};

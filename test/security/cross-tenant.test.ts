import { beforeAll, expect, it } from 'vitest';
import { tierOf } from '../../src/http/kit/tiers';
import { tenantColumn, tenantOwnedTables } from '../helpers/catalog';
import { type Client, describeHttp } from '../helpers/http';
import { bodySchema, fillPath, operationOf, sample, sampleQuery, withQuery } from './requests';
import { aIdFor, buildWorld, clientFor, leaksOfA, PARAM_TABLES, PARAM_VALUES, type World } from './world';

/** A digest of every row of tenant A, to prove no route changed any of them. */
async function fingerprintOfA(world: World): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await tenantOwnedTables(world.db)) {
    if (['audit_logs', 'activities'].includes(table.table) || table.schema === 'mono') continue;
    const [row] = await world.db.query<{ digest: string }>(
      `select md5(coalesce(string_agg(to_jsonb(x)::text, ',' order by to_jsonb(x)::text), '')) as digest from ${table.name} x where ${tenantColumn(table)} = $1`,
      [world.a.tenantId],
    );
    out[table.table] = row!.digest;
  }
  return out;
}

/**
 * The cross-tenant matrix: for every route of the API, users of tenant B try to read,
 * list, search, change and delete tenant A's resources — by UUID in the path, by UUID in
 * bodies and filters, by slug. Every attempt on A's resources is a 404 (or 403 on
 * tenant-level routes), no response ever contains anything of A, and A's rows are
 * unchanged at the end.
 */
describeHttp('security: cross-tenant matrix over every route', (t) => {
  let world: World;
  let before: Record<string, string>;
  beforeAll(async () => {
    world = await buildWorld(t.app, t.db);
    await t.db.query(`update contents set slug = 'alpha-only-' || left(id::text, 8) where tenant_id = $1`, [world.a.tenantId]);
    PARAM_VALUES.slug = (w) => `alpha-only-${w.a.contentId.slice(0, 8)}`;
    const aSlug = await t.db.query<{ id: string }>(`select id::text as id from contents where tenant_id = $1`, [world.a.tenantId]);
    for (const row of aSlug) world.aAllIds.add(row.id);
    before = await fingerprintOfA(world);
  }, 120_000);

  const routes = () => t.app.routeTable.filter((r) => tierOf(r.url) !== null).sort((x, y) => `${x.url} ${x.method}`.localeCompare(`${y.url} ${y.method}`));

  it('covers a meaningful route table', () => {
    expect(routes().length).toBeGreaterThan(60);
  });

  it('never lets tenant B reach tenant A’s resources or data through any route', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      const tier = tierOf(route.url)!;
      const params = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
      const unknown = params.filter((p) => !(p in PARAM_TABLES) && !(p in PARAM_VALUES));
      if (unknown.length) {
        failures.push(`${route.method} ${route.url}: unknown path parameter(s) ${unknown.join(', ')} — map them in test/security/world.ts`);
        continue;
      }
      const path = fillPath(route.url, (p) => (p in PARAM_VALUES ? PARAM_VALUES[p]!(world) : (aIdFor(world, p) ?? '00000000-0000-4000-8000-000000000000')));
      const op = operationOf(world.doc, route.method, route.url);
      const ids = (name: string) => aIdFor(world, name);
      let body: unknown;
      try {
        const schema = bodySchema(op);
        body = schema ? sample(world.doc, schema, ids) : undefined;
      } catch (error) {
        failures.push(`${route.method} ${route.url}: ${(error as Error).message}`);
        continue;
      }
      const url = withQuery(path, sampleQuery(world.doc, op, ids));
      const addressesA = params.some((p) => p in PARAM_TABLES || p === 'slug');
      const clients: [string, () => Promise<Client>][] =
        tier === 'public'
          ? [['anonymous of B', async () => world.b.anon]]
          : [
              ['admin of B', () => clientFor(world.actors.tenant_admin, route)],
              ['user of B', () => clientFor(world.actors.user, route)],
            ];
      for (const [who, caller] of clients) {
        const client = await caller();
        const res = await client.request(route.method, url, body);
        const leaks = leaksOfA(world, res.raw.body);
        const where = `${route.method} ${url} as ${who}`;
        if (leaks.length) failures.push(`${where}: ${res.status} leaked ${leaks.slice(0, 3).join(', ')}`);
        if (res.status >= 500) failures.push(`${where}: ${res.status} ${res.raw.body.slice(0, 200)}`);
        if (addressesA && ![403, 404].includes(res.status)) {
          // A public token route or a validation refusal of A's ids is fine only if it is not a success.
          if (res.status < 400) failures.push(`${where}: expected 404/403 for tenant A's resource, got ${res.status}`);
          else if (![400, 401, 409, 410, 413, 415, 422, 429].includes(res.status)) failures.push(`${where}: unexpected ${res.status}`);
          else if (res.status === 400 && route.method !== 'GET')
            failures.push(`${where}: 400 ${res.body?.detail} — the sample body is not valid; add one in test/security/samples.ts`);
        }
        if (tier === 'platform' && res.status !== 403) failures.push(`${where}: platform route answered ${res.status} to a tenant user`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('left every row of tenant A unchanged', async () => {
    expect(await fingerprintOfA(world)).toEqual(before);
  });
});

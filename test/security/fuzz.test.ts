import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { tierOf } from '../../src/http/kit/tiers';
import { type Client, describeHttp } from '../helpers/http';
import { bodySchema, fillPath, invalidVariants, type JsonSchema, operationOf, resolve, sample, sampleQuery, withQuery } from './requests';
import { buildWorld, type World } from './world';

const NASTY_STRINGS = ['💥🔥', '\u0000', '\u202e\u202d', "'; drop table users; --", '../../etc/passwd', '%00', 'x'.repeat(5000), 'ä'.repeat(300)];

/**
 * Malformed input, route by route: every route of the OpenAPI document gets bodies,
 * path parameters and query strings that are invalid by construction, plus random JSON
 * (fast-check, fixed seed). Each must be answered with a 4xx problem+json — never a 500,
 * never a success.
 */
describeHttp('security: malformed input on every route', (t) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(t.app, t.db);
  }, 120_000);

  /** The strongest caller for a route: platform operator, or B's tenant admin. */
  const callerFor = (url: string): Client =>
    tierOf(url) === 'platform' ? world.actors.platform_admin.client : tierOf(url) === 'public' ? world.b.anon : world.actors.tenant_admin.client;

  const routes = () => t.app.routeTable.filter((r) => tierOf(r.url) !== null);
  const pathFor = (url: string) => fillPath(url, (p) => (p === 'accountId' ? world.bAccountId : p === 'slug' ? 'hello-world' : crypto.randomUUID()));

  function check(failures: string[], where: string, res: { status: number; headers: Record<string, unknown>; raw: { body: string } }) {
    if (res.status < 400 || res.status >= 500) failures.push(`${where}: ${res.status} ${res.raw.body.slice(0, 160)}`);
    else if (!String(res.headers['content-type']).startsWith('application/problem+json')) failures.push(`${where}: ${res.status} without problem+json`);
  }

  it('answers invalid bodies with a 4xx problem', async () => {
    const failures: string[] = [];
    let probed = 0;
    for (const route of routes()) {
      const op = operationOf(world.doc, route.method, route.url);
      const schema = bodySchema(op);
      if (!schema) continue;
      let valid: unknown;
      try {
        valid = sample(world.doc, schema, () => undefined);
      } catch {
        valid = {};
      }
      const client = callerFor(route.url);
      const path = withQuery(
        pathFor(route.url),
        sampleQuery(world.doc, op, () => undefined),
      );
      const variants = [...invalidVariants(world.doc, schema, valid), ...NASTY_STRINGS.map((s) => ({ [nastyKey(resolve(world.doc, schema))]: s, ...{} }))];
      for (const variant of variants) {
        probed += 1;
        const res = await client.request(route.method, path, variant);
        if (res.status < 400 && isPermissiveVariant(variant)) continue;
        check(failures, `${route.method} ${route.url} body ${JSON.stringify(variant).slice(0, 80)}`, res);
      }
      for (const [raw, type] of [
        ['{"unterminated": ', 'application/json'],
        ['not json at all', 'application/json'],
        ['a=1&b=2', 'application/x-www-form-urlencoded'],
        ['<x/>', 'text/xml'],
      ] as const) {
        probed += 1;
        const res = await client.request(route.method, path, raw, { 'content-type': type });
        check(failures, `${route.method} ${route.url} raw ${type}`, res);
      }
    }
    expect(probed).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers malformed path parameters with a 4xx problem', async () => {
    const failures: string[] = [];
    for (const route of routes().filter((r) => /:[A-Za-z]+Id/.test(r.url))) {
      for (const bad of ['not-a-uuid', '1', 'x'.repeat(150), '💥', "'; select 1; --", '00000000-0000-0000-0000-00000000000g']) {
        const path = fillPath(route.url, (p) => (p.endsWith('Id') ? bad : p === 'accountId' ? world.bAccountId : 'hello-world'));
        const op = operationOf(world.doc, route.method, route.url);
        const schema = bodySchema(op);
        const body = schema ? safeSample(schema) : undefined;
        check(failures, `${route.method} ${route.url} with ${bad.slice(0, 20)}`, await callerFor(route.url).request(route.method, path, body));
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers malformed query strings with a 4xx problem', async () => {
    const failures: string[] = [];
    for (const route of routes().filter((r) => r.method === 'GET')) {
      const op = operationOf(world.doc, route.method, route.url);
      const params = (op?.parameters ?? []).filter((p) => p.in === 'query');
      const base = sampleQuery(world.doc, op, () => undefined);
      const client = callerFor(route.url);
      const path = pathFor(route.url);
      const cases: Record<string, string>[] = [{ ...base, unknownParameter: '1' }];
      for (const p of params) {
        const s = resolve(world.doc, p.schema);
        const bad = invalidQueryValue(s);
        if (bad !== undefined) cases.push({ ...base, [p.name]: bad });
      }
      for (const query of cases) check(failures, `GET ${route.url}?${new URLSearchParams(query)}`.slice(0, 160), await client.get(withQuery(path, query)));
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers NUL in any body string, object key, query value or path value with a 4xx problem', async () => {
    const failures: string[] = [];
    let probed = 0;
    for (const route of routes()) {
      const op = operationOf(world.doc, route.method, route.url);
      const schema = bodySchema(op);
      const client = callerFor(route.url);
      const query = sampleQuery(world.doc, op, () => undefined);
      const valid = schema ? safeSample(schema) : undefined;
      const probe = async (where: string, path: string, body: unknown) => {
        probed += 1;
        check(failures, `${route.method} ${route.url} NUL in ${where}`, await client.request(route.method, path, body));
      };
      if (schema) {
        const path = withQuery(pathFor(route.url), query);
        const nulStrings = withNul(valid);
        // A sample without any string (all fields optional: {}) has nowhere to carry NUL.
        if (JSON.stringify(nulStrings).includes('\\u0000')) await probe('every body string', path, nulStrings);
        await probe(
          'a body key',
          path,
          typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? { ...valid, 'k\u0000': 'v' } : { 'k\u0000': 'v' },
        );
        // A NUL key inside every nested object (records such as settings or metadata are jsonb).
        await probe('a nested key', path, withNulKeys(valid));
      }
      for (const name of Object.keys(query).length ? Object.keys(query) : ['q']) {
        await probe(`query ${name}`, withQuery(pathFor(route.url), { ...query, [name]: 'a\u0000b' }), valid);
      }
      for (const [, param] of route.url.matchAll(/:([A-Za-z0-9_]+)/g)) {
        const path = fillPath(route.url, (p) =>
          p === param ? 'a\u0000b' : p === 'accountId' ? world.bAccountId : p === 'slug' ? 'hello-world' : crypto.randomUUID(),
        );
        await probe(`path ${param}`, withQuery(path, query), valid);
      }
    }
    expect(probed).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 600_000);

  it('never answers random JSON with a 5xx', async () => {
    const bodyRoutes = routes().filter((r) => bodySchema(operationOf(world.doc, r.method, r.url)));
    const failures: string[] = [];
    await fc
      .assert(
        fc.asyncProperty(fc.constantFrom(...bodyRoutes), fc.jsonValue({ maxDepth: 3 }), async (route, value) => {
          const res = await callerFor(route.url).request(route.method, pathFor(route.url), JSON.stringify(value), { 'content-type': 'application/json' });
          if (res.status >= 500) failures.push(`${route.method} ${route.url} ${JSON.stringify(value).slice(0, 100)}: ${res.status}`);
          return res.status < 500;
        }),
        { numRuns: 300, seed: 20261125 },
      )
      .catch(() => undefined);
    expect(failures).toEqual([]);
  }, 600_000);

  function safeSample(schema: JsonSchema): unknown {
    try {
      return sample(world.doc, schema, () => undefined);
    } catch {
      return {};
    }
  }
});

/** The value with NUL inside every string it holds. */
function withNul(value: unknown): unknown {
  if (typeof value === 'string') return `${value}\u0000`;
  if (Array.isArray(value)) return value.length ? value.map(withNul) : ['\u0000'];
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNul(v)]));
  return value;
}

/** The value with a NUL-bearing key added to every object it holds. */
function withNulKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNulKeys);
  if (value && typeof value === 'object') return { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNulKeys(v)])), 'n\u0000': 1 };
  return value;
}

/** A property to stuff nasty strings into: the first string property, else an unknown key. */
function nastyKey(schema: JsonSchema): string {
  const entry = Object.entries(schema.properties ?? {}).find(([, p]) => p.type === 'string' && (p.pattern || p.format || p.enum));
  return entry?.[0] ?? 'unexpectedField';
}

/** Nasty strings in a free-text field may legitimately be accepted (they are just text). */
function isPermissiveVariant(variant: unknown): boolean {
  return (
    typeof variant === 'object' &&
    variant !== null &&
    Object.values(variant).some((v) => typeof v === 'string' && NASTY_STRINGS.includes(v) && v.length < 1000) &&
    !('unexpectedField' in variant)
  );
}

function invalidQueryValue(schema: JsonSchema): string | undefined {
  const s = schema.anyOf?.find((a) => a.type !== 'null') ?? schema;
  if (s.enum) return 'definitely-not-an-option';
  if (s.type === 'integer' || s.type === 'number') return s.maximum !== undefined ? String(s.maximum + 1) : 'NaN-ish';
  if (s.format === 'uuid') return 'not-a-uuid';
  if (s.format === 'date-time') return 'yesterday-ish';
  if (s.type === 'boolean') return 'maybe';
  if (s.maxLength !== undefined) return 'x'.repeat(s.maxLength + 1);
  return undefined;
}

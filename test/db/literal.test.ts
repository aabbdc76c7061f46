import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineParameters, parameterLiteral, quoteLiteral } from '../../src/db/literal';
import { categories } from '../../src/db/schema';
import { rows } from '../../src/db/sql';
import { lastTrip, type Tx, withTenant } from '../../src/db/tenant-context';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

describe('inlineParameters: where a placeholder is', () => {
  it('replaces $n by its value, $10 not as $1 followed by 0', () => {
    const params = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('select $1, $10, $2::int', params)).toBe("select 'v1', 'v10', 'v2'::int");
  });

  it('leaves $n alone inside strings, escape strings, quoted identifiers, comments, dollar quotes and identifiers', () => {
    const text = ["select '$1', 'it''s $1', E'\\'$1', \"col$1\", \"a\"\"$1\", a$1, $$ $1 $$, $q$ $1 $q$ -- $1", '/* $1 /* nested $1 */ $1 */ $1'].join('\n');
    expect(inlineParameters(text, ['X'])).toBe(text.replace(/ \$1$/, " 'X'"));
  });

  it('refuses a placeholder without a value and a broken statement, instead of guessing', () => {
    expect(() => inlineParameters('select $2', ['a'])).toThrow(/\$2/);
    expect(() => inlineParameters("select 'open $1", ['a'])).toThrow(/unterminated/);
    expect(() => inlineParameters('select $x$ open', ['a'])).toThrow(/unterminated/);
  });

  it('quotes every value, including numbers, and writes NULL bare', () => {
    expect(inlineParameters('select $1, $2, $3, $4', [42, null, undefined, true])).toBe("select '42', NULL, NULL, 'true'");
  });

  it('doubles quotes; backslashes go into an escape string', () => {
    expect(quoteLiteral("O'Brien")).toBe("'O''Brien'");
    expect(quoteLiteral("a\\'; drop table users; --")).toBe("E'a\\\\''; drop table users; --'");
  });

  it('cannot inline a NUL byte (the simple protocol would cut the statement there)', () => {
    expect(parameterLiteral('a\0b')).toBeUndefined();
    expect(inlineParameters('select $1', ["x'\0; drop table users"])).toBeUndefined();
    expect(parameterLiteral(['a\0'])).toBeUndefined();
  });
});

/** Values that have broken escapers: each must arrive exactly as the same value sent as a parameter. */
const hostile: [string, unknown, string][] = [
  ['quote', "'", 'text'],
  ['quote injection', "x'; drop table users; --", 'text'],
  ['backslash quote', "\\'; select 1; --", 'text'],
  ['trailing backslash', 'C:\\', 'text'],
  ['doubled backslashes', '\\\\x41\\\\', 'text'],
  ['escape-looking', "\\x27\\047\\u0027'", 'text'],
  ['dollar quote', '$$; select 1; $$ $1 $tag$', 'text'],
  ['comment starters', "-- /* */ '", 'text'],
  ['unicode', 'Zoë 🏠 عربى \u202e ‮ \uFEFF ʼ ’ ＇', 'text'],
  ['lone surrogate', 'a\uD800b', 'text'],
  ['newlines', "a\r\n'b'\n", 'text'],
  ['empty', '', 'text'],
  ['huge bigint', 2n ** 100n, 'numeric'],
  ['negative bigint', -(2n ** 63n), 'int8'],
  ['huge float', 1.7976931348623157e308, 'float8'],
  ['tiny float', 5e-324, 'float8'],
  ['NaN', Number.NaN, 'float8'],
  ['negative zero', -0, 'float8'],
  ['integer', 2147483647, 'int4'],
  ['boolean', false, 'bool'],
  ['date', new Date('2026-03-29T01:30:00.123Z'), 'timestamptz'],
  ['text array', ["it's", 'back\\slash', 'quo"te', null, '{,}', 'NULL', ''], 'text[]'],
  [
    'nested array',
    [
      [1, 2],
      [3, 4],
    ],
    'int[]',
  ],
  ['json object', { a: "it's", b: 'back\\slash \\u0041', c: [1, null, { d: '"' }], e: '🏠' }, 'jsonb'],
  ['json string', JSON.stringify("'; drop table users; --"), 'jsonb'],
  ['bytea', Buffer.from([0x27, 0x5c, 0x00, 0xff, 0x22, 0x24]), 'bytea'],
  ['uuid', '0190a8c2-7d3e-7000-8000-000000000001', 'uuid'],
];

describeDb('inlined literals mean what the parameters mean', (t) => {
  let a: TenantGraph;
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'lit');
  });

  const asParameter = async (value: unknown, type: string) => (await t.db.query<{ v: string | null }>(`select ($1::${type})::text as v`, [value]))[0]!.v;
  const inlined = (value: unknown, type: string) => inlineParameters(`select ($1::${type})::text as v`, [value])!;

  for (const [name, value, type] of hostile) {
    it(`${name} (${type})`, async () => {
      const expected = await asParameter(value, type);
      const [row] = await t.db.script<{ v: string | null }>(inlined(value, type));
      expect(row!.v).toBe(expected);
    });
  }

  it('reads the same with standard_conforming_strings off (escape strings do not depend on it)', async () => {
    await t.db.withSession(async (session) => {
      await session.exec('set standard_conforming_strings = off');
      try {
        for (const [, value, type] of hostile) {
          const [row] = await session.query<{ v: string | null }>(inlined(value, type));
          expect(row!.v).toBe(await asParameter(value, type));
        }
      } finally {
        await session.exec('reset standard_conforming_strings');
      }
    });
  });

  it('an untyped literal resolves like an untyped parameter (operators, IN, ANY, LIMIT, functions)', async () => {
    const text = "select $1 + 1 as n, 'b' = any($2) as member, coalesce($3, 'none') as c, length($4) as l from generate_series(1, 5) limit $5";
    const params = [41, ['a', 'b'], null, "it's", 2];
    const viaParams = await t.db.query(text, params);
    expect(await t.db.script(inlineParameters(text, params)!)).toEqual(viaParams);
  });

  it('in a tenant transaction: the settings, RLS and the statement’s values arrive together', async () => {
    const name = 'Dad\'s \\ "books" $1 -- 🏠';
    const created = await withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
      const [row] = await tx.insert(categories).values({ tenantId: a.tenantId, name, slug: 'lit-1' }).returning();
      const [who] = await rows<{ who: string; tenant: string }>(tx, sql`select current_user as who, current_setting('app.tenant_id') as tenant`);
      return { row: row!, who: who! };
    });
    expect(created.row.name).toBe(name);
    expect(created.who).toEqual({ who: 'mono_app', tenant: a.tenantId });
    const [read] = await withTenant(
      t.db,
      ctxFor(a.tenantId),
      (tx) => rows<{ name: string }>(tx, sql`select name from categories where tenant_id = ${a.tenantId} and slug = ${'lit-1'}`),
      {
        oneRoundTrip: true,
      },
    );
    expect(read!.name).toBe(name);
  });

  it('a failing first statement leaves nothing behind; a failing later one undoes the first', async () => {
    const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from categories where tenant_id = $1', [a.tenantId]))[0]!.n;
    const before = await count();
    await expect(
      withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
        await tx.insert(categories).values({ tenantId: a.tenantId, name: 'x', slug: 'lit-2' });
        await rows(tx, sql`select ${'not-a-uuid'}::uuid`);
      }),
    ).rejects.toMatchObject({ kind: 'validation' });
    expect(await count()).toBe(before);
    const [row] = await t.db.query<{ who: string; tenant: string | null }>(
      "select current_user as who, nullif(current_setting('app.tenant_id', true), '') as tenant",
    );
    expect(row).toEqual({ who: expect.not.stringMatching(/^mono_/), tenant: null });
  });

  it('a NUL byte is refused by the database as before, never cut short', async () => {
    await expect(
      withTenant(t.db, ctxFor(a.tenantId), (tx) =>
        tx.insert(categories).values({ tenantId: a.tenantId, name: "a\0'; delete from categories; --", slug: 'lit-3' }),
      ),
    ).rejects.toBeTruthy();
    const [row] = await t.db.query<{ n: number }>("select count(*)::int as n from categories where slug = 'lit-3'");
    expect(row!.n).toBe(0);
  });

  it('one round trip means one: a statement issued after it throws', async () => {
    if (t.engine === 'pglite') return; // PGlite has no round trips to save: the option changes nothing there
    const error = await withTenant(
      t.db,
      ctxFor(a.tenantId),
      async (tx) => {
        await rows(tx, sql`select 1`);
        await rows(tx, sql`select 2`);
      },
      { oneRoundTrip: true },
    ).catch((e: Error) => e);
    expect(String((error as Error).cause ?? error)).toMatch(/one round trip/);
  });

  it('statements issued at once travel together, also as one round trip, and fail together', async () => {
    const both = await withTenant(
      t.db,
      ctxFor(a.tenantId),
      (tx) =>
        Promise.all([
          rows<{ n: number }>(tx, sql`select count(*)::int as n from categories where tenant_id = ${a.tenantId}`),
          tx.select({ name: categories.name }).from(categories).where(sql`${categories.tenantId} = ${a.tenantId} and ${categories.slug} = ${'lit-1'}`),
        ]),
      { oneRoundTrip: true },
    );
    expect(both[0][0]!.n).toBeGreaterThan(0);
    expect(both[1]).toEqual([{ name: expect.stringContaining("Dad's") }]);
    await expect(
      withTenant(
        t.db,
        ctxFor(a.tenantId),
        (tx) => Promise.all([tx.insert(categories).values({ tenantId: a.tenantId, name: 'y', slug: 'lit-4' }), rows(tx, sql`select ${'not-a-uuid'}::uuid`)]),
        { oneRoundTrip: true },
      ),
    ).rejects.toMatchObject({ kind: 'validation' });
    const [left] = await t.db.query<{ n: number }>("select count(*)::int as n from categories where slug = 'lit-4'");
    expect(left!.n).toBe(0);
  });

  it('later statements issued at once share one script too: in the transaction, in order, failing together', async () => {
    const stamp = (tx: Tx, v: string) =>
      rows<{ at: string; txid: string; v: string }>(tx, sql`select statement_timestamp()::text as at, txid_current()::text as txid, ${v}::text as v`);
    const [first, [x], [y], [z]] = await withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
      const before = await stamp(tx, 'first');
      await tx.insert(categories).values({ tenantId: a.tenantId, name: 'later', slug: 'lit-5' });
      return [
        before,
        ...(await Promise.all([
          stamp(tx, 'x'),
          stamp(tx, 'y'),
          rows<{ at: string; txid: string; v: string }>(
            tx,
            sql`select statement_timestamp()::text as at, txid_current()::text as txid, slug as v from categories where tenant_id = ${a.tenantId} and slug = 'lit-5'`,
          ),
        ])),
      ] as const;
    });
    expect([x!.v, y!.v, z!.v]).toEqual(['x', 'y', 'lit-5']);
    expect(new Set([first[0]!.txid, x!.txid, y!.txid, z!.txid]).size).toBe(1);
    // One simple-protocol message: its statements share the server's statement timestamp.
    if (t.engine === 'postgres') expect(new Set([x!.at, y!.at, z!.at]).size).toBe(1);
    await expect(
      withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
        await stamp(tx, 'first');
        await Promise.all([tx.insert(categories).values({ tenantId: a.tenantId, name: 'z', slug: 'lit-6' }), rows(tx, sql`select ${'not-a-uuid'}::uuid`)]);
      }),
    ).rejects.toMatchObject({ kind: 'validation' });
    const [left] = await t.db.query<{ n: number }>("select count(*)::int as n from categories where slug = 'lit-6'");
    expect(left!.n).toBe(0);
  });

  it('lastTrip: the last statements commit with them, in the transaction; a failure among them undoes it all', async () => {
    const slugs = async (...wanted: string[]) =>
      (await t.db.query<{ slug: string }>('select slug from categories where slug = any($1) order by slug', [wanted])).map((r) => r.slug);
    const [inserted, [seen]] = await withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
      const [before] = await rows<{ txid: string }>(tx, sql`select txid_current()::text as txid`);
      return lastTrip(tx, () =>
        Promise.all([
          tx.insert(categories).values({ tenantId: a.tenantId, name: 'last', slug: 'lit-7' }).returning({ slug: categories.slug }),
          rows<{ txid: string; same: boolean }>(tx, sql`select txid_current()::text as txid, txid_current()::text = ${before!.txid} as same`),
        ]),
      );
    });
    expect(inserted).toEqual([{ slug: 'lit-7' }]);
    expect(seen!.same).toBe(true);
    expect(await slugs('lit-7')).toEqual(['lit-7']);
    await expect(
      withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
        await rows(tx, sql`select 1`);
        await lastTrip(tx, () =>
          Promise.all([tx.insert(categories).values({ tenantId: a.tenantId, name: 'z', slug: 'lit-8' }), rows(tx, sql`select ${'not-a-uuid'}::uuid`)]),
        );
      }),
    ).rejects.toMatchObject({ kind: 'validation' });
    expect(await slugs('lit-8')).toEqual([]);
    // The connection is clean afterwards (no transaction left open, no context).
    const [row] = await t.db.query<{ who: string; tenant: string | null }>(
      "select current_user as who, nullif(current_setting('app.tenant_id', true), '') as tenant",
    );
    expect(row).toEqual({ who: expect.not.stringMatching(/^mono_/), tenant: null });
  });

  it('lastTrip: nothing may follow the last statements (they committed)', async () => {
    if (t.engine === 'pglite') return; // PGlite has no round trips to save: lastTrip changes nothing there
    const error = await withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
      await rows(tx, sql`select 1`);
      await lastTrip(tx, () => tx.insert(categories).values({ tenantId: a.tenantId, name: 'w', slug: 'lit-9' }));
      await rows(tx, sql`select 2`);
    }).catch((e: Error) => e);
    expect(String((error as Error).cause ?? error)).toMatch(/round trip/);
    const [left] = await t.db.query<{ n: number }>("select count(*)::int as n from categories where slug = 'lit-9'");
    expect(left!.n).toBe(1);
  });

  it('statements issued at once in one transaction run in it, in order', async () => {
    const [x, y] = await withTenant(t.db, ctxFor(a.tenantId), (tx) =>
      Promise.all([
        rows<{ tenant: string }>(tx, sql`select current_setting('app.tenant_id') as tenant, ${'x'}::text as v`),
        rows<{ tenant: string }>(tx, sql`select current_setting('app.tenant_id') as tenant, ${'y'}::text as v`),
      ]),
    );
    expect([x![0], y![0]]).toEqual([
      { tenant: a.tenantId, v: 'x' },
      { tenant: a.tenantId, v: 'y' },
    ]);
  });
});

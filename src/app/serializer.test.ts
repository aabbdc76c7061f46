import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from './serializer';

/** What fastify-type-provider-zod answered before: zod's encoding, as JSON, or its error. */
function byZod(schema: z.ZodType, data: unknown): string | Error {
  const result = z.safeEncode(schema, data);
  return result.success ? JSON.stringify(result.data) : new Error('refused');
}

function compiled(schema: z.ZodType, data: unknown): string | Error {
  try {
    return serializerCompiler({ schema, method: 'GET', url: '/t' })(data);
  } catch (error) {
    if (isResponseSerializationError(error)) return new Error('refused');
    throw error;
  }
}

const image = z.object({ mediaId: z.uuid(), position: z.number().int(), alt: z.string().nullable(), url: z.string() });
const listing = z
  .object({
    id: z.uuid(),
    type: z.enum(['GIG', 'JOB']),
    title: z.string(),
    price: z.string().nullable(),
    remote: z.boolean(),
    startDate: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    distanceKm: z.number().optional(),
    location: z.record(z.string(), z.unknown()).nullable(),
    customFields: z.record(z.string(), z.unknown()),
    requirements: z.object({ questions: z.array(z.object({ id: z.string(), required: z.boolean() })), positions: z.number().int().optional() }).nullable(),
    images: z.array(image).optional(),
    coverImage: image.nullable().optional(),
    kind: z.literal('listing'),
    note: z.string().min(2).optional(),
    either: z.union([z.string(), z.number()]).optional(),
    nothing: z.null().optional(),
    anything: z.unknown().optional(),
  })
  .meta({ id: 'T' });

const good = {
  id: '01a252cc-39f3-7e6e-b8f9-691762674841',
  type: 'GIG',
  title: 'Runway "model" \u2028 \\ é 😀',
  price: '1500.00',
  remote: false,
  startDate: null,
  createdAt: '2026-12-07T10:00:00.000Z',
  location: { city: 'Ghent', lat: 51.05, nested: { a: [1, null, 'x'] } },
  customFields: {},
  requirements: { questions: [{ id: 'q1', required: true, extra: 'stripped' }] },
  images: [{ mediaId: '01a252cc-39f3-7e6e-b8f9-691762674841', position: 0, alt: null, url: '/x', secret: 'stripped' }],
  coverImage: null,
  kind: 'listing',
  internalColumn: 'never leaves',
};

describe('the compiled response serializer', () => {
  it('runs in the test suite with the cross-check on', () => {
    expect(process.env.MONO_CHECK_SERIALIZER).toBe('1');
  });

  it('writes exactly what zod and JSON.stringify write, keys outside the schema left out', () => {
    const variants: unknown[] = [
      good,
      { ...good, distanceKm: 1.25, price: null, startDate: '2026-12-07T10:00:00+02:00' },
      { ...good, distanceKm: undefined, images: undefined, coverImage: undefined },
      { ...good, requirements: null, location: null, images: [] },
      { ...good, requirements: { questions: [], positions: 3 } },
      { ...good, note: 'ok', either: 3, nothing: null, anything: { a: 1 } },
      { ...good, either: 'x', anything: [1, 'two'] },
      { ...good, customFields: { a: undefined, b: 1 } },
      { ...good, distanceKm: -0 },
      { ...good, title: 'lone \ud800 surrogate, \u0000 NUL, \u001f, tab\t, line\n, \u007f, quote " and \\' },
      { ...good, title: '', price: 'plain ascii' },
    ];
    for (const data of variants) {
      const ours = compiled(listing, data);
      expect(ours).toEqual(byZod(listing, data));
      expect(ours).not.toContain('never leaves');
      expect(ours).not.toContain('stripped');
    }
  });

  it('refuses what zod refuses, with its error', () => {
    const refused: unknown[] = [
      { ...good, id: 'not-a-uuid' },
      { ...good, id: '00000000-0000-0000-0000-000000000000' },
      { ...good, createdAt: new Date() },
      { ...good, createdAt: '2026-12-07 10:00' },
      { ...good, type: 'OTHER' },
      { ...good, title: undefined },
      { ...good, price: undefined },
      { ...good, remote: 'false' },
      { ...good, distanceKm: Number.NaN },
      { ...good, distanceKm: Number.POSITIVE_INFINITY },
      { ...good, requirements: { questions: [], positions: 1.5 } },
      { ...good, requirements: { questions: [], positions: 2 ** 60 } },
      { ...good, images: [undefined] },
      { ...good, location: [] },
      { ...good, location: new Map() },
      { ...good, customFields: Object.assign(Object.create({ inherited: 1 }), { a: 1 }) },
      { ...good, kind: 'other' },
      { ...good, note: 'x' },
      { ...good, either: true },
      { ...good, nothing: 0 },
      null,
      [],
      'text',
    ];
    for (const data of refused) expect(compiled(listing, data)).toEqual(byZod(listing, data));
  });

  it('leaves odd JSON to zod: an own __proto__ key, symbol keys, BigInt', () => {
    const record = z.object({ fields: z.record(z.string(), z.unknown()) });
    const proto = { fields: JSON.parse('{"__proto__": {"x": 1}, "a": 2}') };
    expect(compiled(record, proto)).toEqual(byZod(record, proto));
    const symbol = { fields: { a: 1, [Symbol('s')]: 2 } };
    expect(compiled(record, symbol)).toEqual(byZod(record, symbol));
    const big = { fields: { a: 1n } };
    expect(() => compiled(record, big)).toThrow(TypeError);
  });

  it('follows recursive schemas and leaves unions, transforms and refinements to zod', () => {
    const node: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(node);
      },
    });
    const tree = { name: 'a', children: [{ name: 'b', children: [], extra: 1 }] };
    expect(compiled(node, tree)).toEqual(byZod(node, tree));
    const refined = z.object({ a: z.number() }).refine((o) => o.a > 1);
    expect(compiled(refined, { a: 1 })).toEqual(byZod(refined, { a: 1 }));
    expect(compiled(refined, { a: 2 })).toEqual(byZod(refined, { a: 2 }));
    const defaulted = z.object({ a: z.number().default(5).optional(), b: z.string().trim() });
    expect(compiled(defaulted, { b: ' x ' })).toEqual(byZod(defaulted, { b: ' x ' }));
    const loose = z.object({ a: z.number() }).loose();
    expect(compiled(loose, { a: 1, b: 2 })).toEqual(byZod(loose, { a: 1, b: 2 }));
  });
});

import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validatorCompiler } from './validator';

const compile = (schema: z.ZodType) => validatorCompiler({ schema, method: 'GET', url: '/t', httpPart: 'params' } as never) as (data: unknown) => unknown;
const zod = (schema: z.ZodType) => zodValidatorCompiler({ schema } as never) as (data: unknown) => unknown;

describe('the route input validator', () => {
  const uuid = z.uuid({ message: 'must be a UUID' });
  const params = z.strictObject({ accountId: uuid, listingId: uuid });
  const loose = z.object({ name: z.string(), code: z.string().regex(/^[a-z]+$/) });
  const id = '01a252cc-39f3-7e6e-b8f9-691762674841';

  it('answers what zod answers: the schema’s keys in its order, or zod’s errors', () => {
    const cases: [z.ZodType, unknown][] = [
      [params, { listingId: id, accountId: id }],
      [params, { accountId: id, listingId: id, extra: 'x' }],
      [params, { accountId: id, listingId: 'nope' }],
      [params, { accountId: id }],
      [params, { accountId: id, listingId: 42 }],
      [params, Object.assign(Object.create({ inherited: 'x' }), { accountId: id, listingId: id })],
      [params, null],
      [params, []],
      [z.strictObject({}), {}],
      [z.strictObject({}), { limt: '10' }],
      [loose, { code: 'abc', name: 'n', other: 1 }],
      [loose, { code: 'ABC', name: 'n' }],
      [z.strictObject({ n: z.coerce.number() }), { n: '3' }],
    ];
    for (const [schema, data] of cases) expect(JSON.stringify(compile(schema)(data))).toBe(JSON.stringify(zod(schema)(data)));
    expect(Object.keys((compile(params)({ listingId: id, accountId: id }) as { value: object }).value)).toEqual(['accountId', 'listingId']);
  });
});

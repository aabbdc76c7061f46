import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { defOf, hasChecks, type Internals, patternOf } from './serializer';

/**
 * Route input validated with its zod schema (fastify-type-provider-zod's compiler), with
 * a shortcut for the schema every request meets: path parameters and the (usually empty)
 * query string — an object of required strings, plain or with a uuid-like pattern. When
 * the input has exactly what zod would accept, the shortcut answers the object zod would
 * (the schema's keys, in its order); anything else — a key it does not know, a value that
 * is not a matching string, any other schema — is zod's to validate, with its errors.
 * With MONO_CHECK_SERIALIZER=1 (the test suite) every input goes both ways and must agree.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const zod = zodValidatorCompiler(route as never) as (data: unknown) => ReturnType<ReturnType<FastifySchemaCompiler<unknown>>>;
  const fields = stringFieldsOf(route.schema as Internals);
  if (!fields) return zod;
  const { keys, patterns, strict } = fields;
  const known = new Set(keys);
  const fast = (data: unknown) => {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return zod(data);
    const input = data as Record<string, unknown>;
    if (strict) for (const key in input) if (!known.has(key)) return zod(data);
    const value: Record<string, string> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = input[keys[i]!];
      if (typeof v !== 'string') return zod(data);
      for (const pattern of patterns[i]!) {
        pattern.lastIndex = 0;
        if (!pattern.test(v)) return zod(data);
      }
      value[keys[i]!] = v;
    }
    return { value };
  };
  if (process.env.MONO_CHECK_SERIALIZER !== '1') return fast;
  // The test suite: every input the shortcut accepts, zod must accept as the same object.
  return (data: unknown) => {
    const ours = fast(data);
    const theirs = zod(data);
    if (JSON.stringify(ours) !== JSON.stringify(theirs))
      throw new Error(`the validator's shortcut answered ${JSON.stringify(ours)} where zod answered ${JSON.stringify(theirs)}`);
    return ours;
  };
};

/** An object (strict or stripping) of required strings whose checks are patterns only, else undefined. */
function stringFieldsOf(node: Internals | undefined): { keys: string[]; patterns: RegExp[][]; strict: boolean } | undefined {
  if (!node || typeof node !== 'object' || !('_zod' in node)) return undefined;
  const def = defOf(node);
  if (def.type !== 'object' || hasChecks(node)) return undefined;
  const catchall = def.catchall as Internals | undefined;
  if (catchall !== undefined && defOf(catchall).type !== 'never') return undefined;
  const shape = def.shape as Record<string, Internals>;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) return undefined;
  const patterns: RegExp[][] = [];
  for (const key of keys) {
    const field = shape[key]!;
    const fieldDef = defOf(field);
    if (fieldDef.type !== 'string' || fieldDef.coerce) return undefined;
    const own: RegExp[] = [];
    for (const check of [...(fieldDef.check !== undefined ? [field] : []), ...(fieldDef.checks ?? [])]) {
      const pattern = patternOf(check);
      if (!pattern) return undefined;
      own.push(pattern);
    }
    patterns.push(own);
  }
  return { keys, patterns, strict: catchall !== undefined };
}

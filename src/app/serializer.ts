import { ResponseSerializationError, serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type $ZodType, safeEncode, util } from 'zod/v4/core';

/**
 * Response bodies written from their zod schemas, compiled once per route.
 *
 * fastify-type-provider-zod encodes every answer with zod (`safeEncode`: each field
 * checked — twice for a field with checks, as zod runs a canary pass when encoding — into
 * a new object) and then `JSON.stringify`s it: profiles of the listing read put 5 % of the
 * process's time and much of its garbage there. This writes the JSON text directly while
 * checking each value against its schema, for the schemas our responses are made of:
 * objects (unknown keys are left out, as zod strips them), strings (with the uuid and
 * date-time formats), numbers and integers, booleans, enums, literals, null, nullable,
 * optional, arrays, and records of unknown values (JSON from the database).
 *
 * It answers only what zod would: a part of the schema it does not know (a union, a
 * transform, a refinement, a length check…) is encoded by zod itself, and when a value
 * does not pass — or anything is in doubt (an undefined where zod might fill in or
 * refuse) — the whole answer goes to zod, which then produces its output or its error
 * (500) exactly as before. With MONO_CHECK_SERIALIZER=1 (the test suite sets it) every
 * answer is written both ways and a difference throws, so the HTTP suites compare the
 * two on every response they get.
 */

/** Not sure: let zod decide. */
const FAIL = Symbol('fail');
/** An optional property without a value: left out (JSON.stringify leaves out undefined). */
const OMIT = Symbol('omit');
type Written = string | typeof FAIL | typeof OMIT;
type Write = (value: unknown) => Written;

export interface Internals {
  _zod: {
    def: Record<string, unknown> & { type: string; checks?: Internals[] };
    values?: Set<unknown>;
    optin?: string;
    traits: Set<string>;
  };
}

/** String formats whose check is only their pattern (zod's $ZodCheckStringFormat). */
const PATTERN_FORMATS = new Set(['uuid', 'guid', 'datetime', 'date', 'time', 'duration', 'email', 'regex']);

/** Formats whose pattern admits only characters JSON writes as they are (digits, hex, -, :, ., T, Z, +, P…). */
const PLAIN_FORMATS = new Set(['uuid', 'guid', 'datetime', 'date', 'time', 'duration']);

/** What JSON.stringify escapes (and any surrogate, so that a lone one is left to it). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

export const defOf = (node: Internals) => node._zod.def;
export const hasChecks = (node: Internals) => (defOf(node).checks?.length ?? 0) > 0;

/** zod's own encoding of one part (with its own JSON text): for what this file does not know. */
function byZod(node: Internals): Write {
  return (value) => {
    if (value === undefined) return FAIL;
    const result = safeEncode(node as unknown as $ZodType, value);
    if (!result.success) return FAIL;
    const text = JSON.stringify(result.data);
    return text === undefined ? FAIL : text;
  };
}

/** The pattern a string check holds, when that pattern is all it checks. */
export function patternOf(check: Internals): RegExp | undefined {
  const def = defOf(check);
  if (def.check !== 'string_format' || def.when !== undefined || !PATTERN_FORMATS.has(def.format as string)) return undefined;
  return def.pattern instanceof RegExp ? def.pattern : undefined;
}

function stringWriter(node: Internals): Write {
  const def = defOf(node);
  if (def.coerce) return byZod(node);
  const patterns: RegExp[] = [];
  let plain = false;
  // A format (z.uuid(), z.iso.datetime()) is its own first check.
  for (const check of [...(def.check !== undefined ? [node] : []), ...(def.checks ?? [])]) {
    const pattern = patternOf(check);
    if (!pattern) return byZod(node);
    patterns.push(pattern);
    plain ||= PLAIN_FORMATS.has(defOf(check).format as string);
  }
  if (patterns.length === 0) return (value) => (typeof value === 'string' ? quote(value) : FAIL);
  return (value) => {
    if (typeof value !== 'string') return FAIL;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      if (!pattern.test(value)) return FAIL;
    }
    return plain ? `"${value}"` : quote(value);
  };
}

function numberWriter(node: Internals): Write {
  const def = defOf(node);
  if (def.coerce) return byZod(node);
  let integer = false;
  for (const check of [...(def.check !== undefined ? [node] : []), ...(def.checks ?? [])]) {
    const c = defOf(check);
    if (c.check !== 'number_format' || c.format !== 'safeint' || c.when !== undefined) return byZod(node);
    integer = true;
  }
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return FAIL;
    if (integer && !Number.isSafeInteger(value)) return FAIL;
    return String(value);
  };
}

function objectWriter(node: Internals): Write {
  const def = defOf(node);
  if (hasChecks(node) || def.catchall !== undefined) return byZod(node);
  const shape = def.shape as Record<string, Internals>;
  const keys = Object.keys(shape);
  if (keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length > 0) return byZod(node);
  const names = keys.map((key) => JSON.stringify(key));
  const writers = keys.map((key) => compile(shape[key]!));
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return FAIL;
    const input = value as Record<string, unknown>;
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const written = writers[i]!(input[keys[i]!]);
      if (written === FAIL) return FAIL;
      if (written === OMIT) continue;
      out += out.length === 1 ? `${names[i]}:${written}` : `,${names[i]}:${written}`;
    }
    return `${out}}`;
  };
}

function arrayWriter(node: Internals): Write {
  if (hasChecks(node)) return byZod(node);
  const element = compile(defOf(node).element as Internals);
  return (value) => {
    if (!Array.isArray(value)) return FAIL;
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const written = element(value[i]);
      // zod would write null for an absent element: rare enough to leave to it.
      if (written === FAIL || written === OMIT) return FAIL;
      out += i === 0 ? written : `,${written}`;
    }
    return `${out}]`;
  };
}

/** record<string, unknown>: JSON from the database, written as it is when zod would copy it unchanged. */
function recordWriter(node: Internals): Write {
  const def = defOf(node);
  const key = def.keyType as Internals;
  const item = def.valueType as Internals;
  const keyDef = defOf(key);
  const plainKey = keyDef.type === 'string' && !keyDef.coerce && keyDef.check === undefined && !hasChecks(key) && key._zod.values === undefined;
  const anyValue = (defOf(item).type === 'unknown' || defOf(item).type === 'any') && !hasChecks(item);
  if (hasChecks(node) || def.mode !== undefined || !plainKey || !anyValue) return byZod(node);
  return (value) => {
    // zod skips an own __proto__ key and refuses symbol keys; JSON.stringify would not.
    if (!util.isPlainObject(value) || Object.hasOwn(value, '__proto__') || Object.getOwnPropertySymbols(value).length > 0) return FAIL;
    const text = JSON.stringify(value);
    return text === undefined ? FAIL : text;
  };
}

const compiled = new WeakMap<object, Write>();

function compile(node: Internals): Write {
  const known = compiled.get(node);
  if (known) return known;
  // A recursive schema (a getter in a shape) meets itself while it is compiled: it then calls what it becomes.
  let write: Write | undefined;
  compiled.set(node, (value) => write!(value));
  write = writerOf(node);
  compiled.set(node, write);
  return write;
}

function writerOf(node: Internals): Write {
  const def = defOf(node);
  switch (def.type) {
    case 'string':
      return stringWriter(node);
    case 'number':
      return numberWriter(node);
    case 'boolean':
      if (def.coerce || hasChecks(node)) return byZod(node);
      return (value) => (typeof value === 'boolean' ? String(value) : FAIL);
    case 'null':
      if (hasChecks(node)) return byZod(node);
      return (value) => (value === null ? 'null' : FAIL);
    case 'enum':
    case 'literal': {
      const values = node._zod.values;
      if (!values || hasChecks(node)) return byZod(node);
      return (value) => {
        if (!values.has(value) || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return FAIL;
        const text = JSON.stringify(value);
        return text === undefined ? FAIL : text;
      };
    }
    case 'nullable': {
      if (hasChecks(node)) return byZod(node);
      const inner = compile(def.innerType as Internals);
      return (value) => (value === null ? 'null' : inner(value));
    }
    case 'optional': {
      const innerNode = def.innerType as Internals;
      // An exact optional refuses undefined; a default inside fills it in: zod's to do.
      if (hasChecks(node) || node._zod.traits.has('$ZodExactOptional') || innerNode._zod.optin === 'defaulted') return byZod(node);
      const inner = compile(innerNode);
      return (value) => (value === undefined ? OMIT : inner(value));
    }
    case 'object':
      return objectWriter(node);
    case 'array':
      return arrayWriter(node);
    case 'record':
      return recordWriter(node);
    case 'unknown':
    case 'any':
      if (hasChecks(node)) return byZod(node);
      return (value) => {
        if (value === undefined) return FAIL;
        const text = JSON.stringify(value);
        return text === undefined ? FAIL : text;
      };
    default:
      return byZod(node);
  }
}

const crossCheck = process.env.MONO_CHECK_SERIALIZER === '1';

/**
 * Fastify's serializer compiler for zod response schemas: the compiled writer, and zod
 * (with fastify-type-provider-zod's error) whenever the writer is not sure.
 */
export function serializerCompiler({ schema, method, url }: { schema: unknown; method: string; url: string }): (data: unknown) => string {
  const node = schema as Internals;
  // Another form ({ properties: zodSchema }): fastify-type-provider-zod's own compiler takes it (or refuses it).
  if (!(node && typeof node === 'object' && '_zod' in node)) return zodSerializerCompiler({ schema, method, url } as never) as (data: unknown) => string;
  const write = compile(node);
  const withZod = (data: unknown): string => {
    const result = safeEncode(node as unknown as $ZodType, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
  const fast = (data: unknown): string => {
    let written: Written = FAIL;
    try {
      written = write(data);
    } catch {
      // e.g. a BigInt inside unknown JSON: zod's path throws what it always threw.
    }
    return typeof written === 'string' ? written : withZod(data);
  };
  if (!crossCheck) return fast;
  return (data) => {
    let theirs: string | undefined;
    try {
      theirs = withZod(data);
    } catch (error) {
      fast(data); // not sure either: throws zod's error
      throw new Error(`${method} ${url}: the compiled serializer wrote what zod refuses`, { cause: error });
    }
    const ours = fast(data);
    if (ours !== theirs) throw new Error(`${method} ${url}: the compiled serializer wrote\n${ours}\nwhere zod wrote\n${theirs}`);
    return ours;
  };
}

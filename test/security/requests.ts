/**
 * Builds requests for every route from the OpenAPI document: valid samples (ids aimed
 * at a chosen tenant's resources) and inputs that are invalid by construction.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  minItems?: number;
  default?: unknown;
  $ref?: string;
};

export interface OpenApiOperation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>>; components?: { schemas?: Record<string, JsonSchema> } };

export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function operationOf(doc: OpenApiDoc, method: string, url: string): OpenApiOperation | undefined {
  return doc.paths[openApiPath(url)]?.[method.toLowerCase()];
}

export function resolve(doc: OpenApiDoc, schema: JsonSchema): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return resolve(doc, doc.components?.schemas?.[name] ?? {});
  }
  return schema;
}

/** Strings tried against a pattern until one matches. */
const PATTERN_CANDIDATES = [
  'probe',
  'probe-1',
  'probe1',
  'Probe1',
  'abc',
  'a',
  'x1',
  'probe_1',
  'sample-slug',
  '09:00',
  '17:00',
  '2030-01-15',
  'USD',
  'EUR',
  'AT',
  'en',
  'image/png',
  'news',
  'view',
  'like',
  'contents',
  'FREQ=WEEKLY;COUNT=2',
  'FREQ=DAILY;COUNT=2',
  '+43 1 234 5678',
  '123456',
  'Europe/Vienna',
  'UTC',
  '#7c3aed',
  'folder/sub',
  'account.listings.read',
  'tenant.users.read',
  'instagram',
  'abcd-efgh-jkmn',
  'probe.example',
  '00',
];

export function stringFor(schema: JsonSchema, name: string, ids: (name: string) => string | undefined): string {
  if (schema.format === 'uuid') return ids(name) ?? '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'email') return `probe-${Math.random().toString(36).slice(2, 8)}@example.test`;
  if (schema.format === 'date-time') return '2030-01-15T10:00:00Z';
  if (schema.format === 'date') return '2030-01-15';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.test/probe';
  if (schema.pattern) {
    const re = new RegExp(schema.pattern);
    const fits = (s: string) => re.test(s) && s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
    const found = PATTERN_CANDIDATES.find(fits);
    if (found) return found;
    throw new Error(`no sample string for pattern ${schema.pattern} (field ${name}): add a sample in test/security/samples.ts`);
  }
  const min = Math.max(schema.minLength ?? 1, 1);
  return 'probe text'.padEnd(min, 'x').slice(0, schema.maxLength ?? 100);
}

/**
 * A value valid for `schema`. Objects get their required properties, plus optional
 * `…Id`/`id` properties (so references aim at the target tenant's rows).
 */
export function sample(doc: OpenApiDoc, raw: JsonSchema, ids: (name: string) => string | undefined, name = ''): unknown {
  const schema = resolve(doc, raw);
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const nonNull = alternatives.find((a) => resolve(doc, a).type !== 'null') ?? alternatives[0]!;
    return sample(doc, nonNull, ids, name);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(doc, s, ids, name) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        const wanted = schema.required?.includes(key) || (/Id$/.test(key) && ids(key) !== undefined);
        if (wanted) out[key] = sample(doc, prop, ids, key);
      }
      return out;
    }
    case 'array': {
      const count = schema.minItems ?? 0;
      return Array.from({ length: count }, () => sample(doc, schema.items ?? {}, ids, name));
    }
    case 'string':
      return stringFor(schema, name, ids);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return Math.min(Math.max(min, 1), schema.maximum ?? 1);
    }
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** The body schema of an operation (JSON only). */
export const bodySchema = (op: OpenApiOperation | undefined) => op?.requestBody?.content['application/json']?.schema;

/** A query object with sample values for the required parameters and for `…Id` filters. */
export function sampleQuery(doc: OpenApiDoc, op: OpenApiOperation | undefined, ids: (name: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op?.parameters ?? []) {
    if (p.in !== 'query') continue;
    if (p.required || (/Id$/.test(p.name) && ids(p.name))) out[p.name] = String(sample(doc, p.schema, ids, p.name));
  }
  return out;
}

export function fillPath(url: string, value: (param: string) => string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, param: string) => encodeURIComponent(value(param)));
}

export const withQuery = (path: string, query: Record<string, string>) => {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
};

/**
 * Values that cannot satisfy `schema` — wrong types, out-of-range, too long, unknown keys.
 * Each is invalid by construction, so the only right answer is a 4xx.
 */
export function invalidVariants(doc: OpenApiDoc, raw: JsonSchema, valid: unknown): unknown[] {
  const schema = resolve(doc, raw);
  const variants: unknown[] = [];
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (type.includes('object') && valid && typeof valid === 'object' && !Array.isArray(valid)) {
    variants.push([], 'a string', 42, true);
    if (schema.additionalProperties === false) variants.push({ ...(valid as object), unexpectedField: 'x' });
    for (const [key, prop] of Object.entries(schema.properties ?? {})) {
      const p = resolve(doc, prop);
      const allowsNull = (p.anyOf ?? []).some((a) => resolve(doc, a).type === 'null') || (Array.isArray(p.type) && p.type.includes('null'));
      const pType = p.anyOf ? resolve(doc, p.anyOf.find((a) => resolve(doc, a).type !== 'null') ?? {}).type : p.type;
      const inner = p.anyOf ? resolve(doc, p.anyOf.find((a) => resolve(doc, a).type !== 'null') ?? {}) : p;
      if (pType === 'string') {
        variants.push({ ...(valid as object), [key]: 12345 });
        // One character too many; an unbounded string gets 200k characters (unbounded input is a finding).
        variants.push({ ...(valid as object), [key]: 'x'.repeat(inner.maxLength !== undefined ? inner.maxLength + 1 : 200_000) });
      } else if (pType === 'integer' || pType === 'number') {
        variants.push({ ...(valid as object), [key]: 'not a number' });
        if (inner.maximum !== undefined) variants.push({ ...(valid as object), [key]: inner.maximum + 1 });
        if (inner.minimum !== undefined) variants.push({ ...(valid as object), [key]: inner.minimum - 1 });
        if (pType === 'integer') variants.push({ ...(valid as object), [key]: 1.5 });
      } else if (pType === 'boolean') {
        variants.push({ ...(valid as object), [key]: 'yes' });
      } else if (pType === 'array') {
        variants.push({ ...(valid as object), [key]: { not: 'an array' } });
      } else if (pType === 'object') {
        variants.push({ ...(valid as object), [key]: 'not an object' });
      }
      if (!allowsNull && pType) variants.push({ ...(valid as object), [key]: null });
    }
  }
  return variants;
}

import { z } from 'zod';
import { type KindName, rowSchemas } from './kinds';

/**
 * The documented format of each kind: the JSON Schema of its row, generated from the
 * zod schema that checks it (docs/import/schemas/<kind>.json; a test keeps the
 * committed files equal to this).
 */
export function kindJsonSchema(kind: KindName): Record<string, unknown> {
  const schema = z.toJSONSchema(rowSchemas[kind], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: `https://mono.example/import/${kind}.json`, title: `mono import: one record of ${kind}`, ...schema };
}

type Cell = (value: string) => unknown;

/** The JSON types a property accepts (through anyOf/oneOf, as nullable fields are written). */
function typesOf(property: Record<string, unknown> | undefined): Set<string> {
  const types = new Set<string>();
  const walk = (p: Record<string, unknown> | undefined) => {
    if (!p) return;
    const t = p.type;
    if (typeof t === 'string') types.add(t);
    else if (Array.isArray(t)) for (const x of t) types.add(String(x));
    if (p.enum) types.add('string');
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) for (const inner of (p[key] as Record<string, unknown>[] | undefined) ?? []) walk(inner);
  };
  walk(property);
  return types;
}

/**
 * How a CSV cell becomes the JSON value of its field, by the field's JSON Schema type:
 * text stays text; numbers and booleans (true/false) are read as such; objects and
 * arrays are written as JSON inside the cell; `null` is null where a field may be null.
 * A cell that does not read as its type stays text, so the schema names the problem.
 */
export function csvCells(kind: KindName): (record: Record<string, unknown>) => Record<string, unknown> {
  const properties = (kindJsonSchema(kind).properties ?? {}) as Record<string, Record<string, unknown>>;
  const converters = new Map<string, Cell>();
  for (const [name, property] of Object.entries(properties)) {
    const types = typesOf(property);
    converters.set(name, (value) => {
      if (value === 'null' && types.has('null')) return null;
      if (types.has('string')) return value;
      if ((types.has('number') || types.has('integer')) && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      if (types.has('boolean') && (value === 'true' || value === 'false')) return value === 'true';
      if ((types.has('object') || types.has('array')) && /^\s*[[{]/.test(value)) {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          return value;
        }
      }
      return value;
    });
  }
  return (record) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(record)) {
      const convert = converters.get(name);
      out[name] = convert && typeof value === 'string' ? convert(value) : value;
    }
    return out;
  };
}

import type { ListingType } from '../shared/schemas';
import type { FieldKind } from './schemas';

/** A listing field as the database holds it. */
export interface FieldDef {
  key: string;
  label: string;
  kind: FieldKind;
  listingTypes: ListingType[];
  required: boolean;
  public: boolean;
  options: string[] | null;
}

export interface FieldProblem {
  path: string;
  message: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2027-02-30 is not). */
export function isDay(v: string): boolean {
  const m = DAY.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Why a value does not fit its field, or null when it does. */
function valueProblem(def: FieldDef, v: unknown): string | null {
  switch (def.kind) {
    case 'text':
      return typeof v === 'string' && v.trim().length > 0 ? null : 'must be a non-empty text';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof v === 'string' && isDay(v) ? null : 'must be a date written YYYY-MM-DD, e.g. 2027-03-01';
    case 'enum':
      return typeof v === 'string' && def.options!.includes(v) ? null : `must be one of ${def.options!.join(', ')}`;
    case 'multi_enum': {
      if (!Array.isArray(v) || v.length === 0) return `must be a list of one or more of ${def.options!.join(', ')}`;
      const bad = v.find((o) => typeof o !== 'string' || !def.options!.includes(o));
      if (bad !== undefined) return `"${String(bad)}" is not one of ${def.options!.join(', ')}`;
      return new Set(v).size === v.length ? null : 'lists an option twice';
    }
  }
}

export interface CheckedFields {
  /** Values of public fields (custom_fields). */
  public: Record<string, unknown>;
  /** Values of private fields (private_fields). */
  private: Record<string, unknown>;
  problems: FieldProblem[];
}

/**
 * A listing's field values checked against the tenant's fields for its type and split
 * into public and private. `current` are the values it has (kept unless `patch` names
 * them; kept values of fields that no longer exist or no longer apply are dropped);
 * `patch` the values written (null removes one). Problems name `customFields.<key>`.
 */
export function checkFieldValues(
  defs: readonly FieldDef[],
  type: ListingType,
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
  options: { requireAll: boolean },
): CheckedFields {
  const mine = new Map(defs.filter((d) => d.listingTypes.includes(type)).map((d) => [d.key, d]));
  const known = new Map(defs.map((d) => [d.key, d]));
  const out: CheckedFields = { public: {}, private: {}, problems: [] };
  // A kept value that no longer fits (its option was removed, its kind changed) is dropped, not held against the edit.
  const values = fittingValues(defs, type, current);
  for (const [k, v] of Object.entries(patch)) {
    if (!mine.has(k)) {
      out.problems.push({
        path: `customFields.${k}`,
        message: known.has(k) ? `is not a field of ${type} listings` : 'is not a listing field of this marketplace',
      });
      continue;
    }
    if (v === null) delete values[k];
    else values[k] = typeof v === 'string' ? v.trim() : v;
  }
  for (const def of mine.values()) {
    const v = values[def.key];
    if (v === undefined) {
      if (def.required && options.requireAll) out.problems.push({ path: `customFields.${def.key}`, message: `is required (${def.label})` });
      continue;
    }
    const problem = valueProblem(def, v);
    if (problem) out.problems.push({ path: `customFields.${def.key}`, message: `${problem} (${def.label})` });
    else (def.public ? out.public : out.private)[def.key] = v;
  }
  return out;
}

/**
 * The fields whose kept values may no longer fit after the tenant's fields change from
 * `before` to `after`: removed, of another kind, with fewer options or fewer listing types.
 */
export function narrowedFieldKeys(before: readonly FieldDef[], after: readonly FieldDef[]): string[] {
  const now = new Map(after.map((d) => [d.key, d]));
  return before
    .filter((old) => {
      const def = now.get(old.key);
      return (
        !def ||
        def.kind !== old.kind ||
        (old.options ?? []).some((o) => !def.options?.includes(o)) ||
        old.listingTypes.some((t) => !def.listingTypes.includes(t))
      );
    })
    .map((d) => d.key);
}

/**
 * The values that still fit the fields of a listing of `type`: values of fields that are
 * gone or do not apply to the type are dropped, and so are those that no longer fit
 * (another kind, a removed option); a multi_enum keeps its options that remain.
 */
export function fittingValues(defs: readonly FieldDef[], type: ListingType, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const def = defs.find((d) => d.key === key && d.listingTypes.includes(type));
    if (!def) continue;
    const kept = def.kind === 'multi_enum' && Array.isArray(value) ? value.filter((o) => def.options!.includes(o)) : value;
    if (valueProblem(def, kept) === null) out[key] = kept;
  }
  return out;
}

/** A search filter on a listing field: any of some values (enum, multi_enum, boolean), or a range (number, date). */
export type FieldFilter =
  | { key: string; kind: 'any'; multi: boolean; values: (string | boolean)[] }
  | { key: string; kind: 'range'; column: 'num' | 'day'; min?: string; max?: string };

const NUMBER = /^-?\d{1,15}(\.\d{1,6})?$/;

/** One bound of a range, or a problem. */
function bound(def: FieldDef, v: string): string | { problem: string } {
  if (def.kind === 'number') return NUMBER.test(v) ? v : { problem: `"${v}" is not a number` };
  return isDay(v) ? v : { problem: `"${v}" is not a date written YYYY-MM-DD` };
}

/**
 * The `field.<key>` parameters of a search as filters on the tenant's public fields:
 * `a,b` any of (enum, multi_enum), `true`/`false` (boolean), `min..max`, `min..`,
 * `..max` or one value (number, date). Problems name the parameter (`field.size`).
 */
export function parseFieldFilters(defs: readonly FieldDef[], params: Record<string, string>): { filters: FieldFilter[]; problems: FieldProblem[] } {
  const byKey = new Map(defs.filter((d) => d.public).map((d) => [d.key, d]));
  const filters: FieldFilter[] = [];
  const problems: FieldProblem[] = [];
  for (const [param, raw] of Object.entries(params)) {
    const key = param.slice('field.'.length);
    const def = byKey.get(key);
    const problem = (message: string) => problems.push({ path: param, message });
    if (!def) {
      problem('is not a public listing field of this marketplace (GET /public/listing-fields)');
      continue;
    }
    const value = raw.trim();
    switch (def.kind) {
      case 'text':
        problem('text fields cannot be filtered on; use q');
        break;
      case 'boolean':
        if (value === 'true' || value === 'false') filters.push({ key, kind: 'any', multi: false, values: [value === 'true'] });
        else problem('must be true or false');
        break;
      case 'enum':
      case 'multi_enum': {
        const values = [
          ...new Set(
            value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        const bad = values.filter((v) => !def.options!.includes(v));
        if (values.length === 0) problem(`must name one or more of ${def.options!.join(', ')}`);
        else if (bad.length > 0) problem(`${bad.map((b) => `"${b}"`).join(', ')} is not one of ${def.options!.join(', ')}`);
        else filters.push({ key, kind: 'any', multi: def.kind === 'multi_enum', values });
        break;
      }
      case 'number':
      case 'date': {
        const parts = value.includes('..') ? value.split('..') : [value, value];
        if (parts.length !== 2 || (parts[0] === '' && parts[1] === '')) {
          problem(`must be min..max, min.., ..max or one value`);
          break;
        }
        const [lo, hi] = parts.map((p) => (p.trim() === '' ? undefined : bound(def, p.trim())));
        const bad = [lo, hi].find((b) => typeof b === 'object');
        if (bad) problem((bad as { problem: string }).problem);
        else filters.push({ key, kind: 'range', column: def.kind === 'number' ? 'num' : 'day', min: lo as string | undefined, max: hi as string | undefined });
        break;
      }
    }
  }
  return { filters, problems };
}

/** The `field.<key>` parameters of a search query. */
export const fieldParams = (query: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[0].startsWith('field.') && typeof e[1] === 'string'));

import type { RequestContext } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { parseInput } from '../../../core/validation';
import { type TenantTx, withTenant } from '../../../db/tenant-context';
import type { MarketplaceDeps } from '../shared/deps';
import type { ListingType } from '../shared/schemas';
import { checkFieldValues, type FieldDef, type FieldFilter, fittingValues, narrowedFieldKeys, parseFieldFilters } from './policy';
import { categoryExists, listingsHoldingFields, moveFieldValues, readFieldDefs, replaceFieldDefs, writeFieldValues } from './repository';
import { type ListingFieldsInput, listingFieldsBody } from './schemas';

const present = (d: FieldDef) => ({ ...d, options: d.options ?? null });

/** Every listing field of the tenant (administrators: tenant.settings.read). */
export async function listingFieldsOfTenant(deps: MarketplaceDeps, ctx: RequestContext) {
  const defs = await withTenant(deps.db, ctx, (tx) => readFieldDefs(tx));
  return { data: defs.map(present) };
}

/** The public listing fields: what a listing shows and a search may filter on. */
export async function publicListingFields(deps: MarketplaceDeps, ctx: RequestContext) {
  const defs = await withTenant(deps.db, ctx, (tx) => readFieldDefs(tx));
  return { data: defs.filter((d) => d.public).map(present) };
}

/**
 * Replaces the tenant's listing fields. Listings keep their values as far as they still
 * fit: values of a field that became private (or public) move to the other column, and
 * values of a removed field, of one whose kind changed, of a removed option or of a
 * listing type the field no longer applies to are dropped — at once, in the same
 * transaction, so a field removed to take its values out of public view takes them out.
 */
export async function replaceListingFields(deps: MarketplaceDeps, ctx: RequestContext, input: ListingFieldsInput) {
  const { fields } = parseInput(listingFieldsBody, input);
  return withTenant(deps.db, ctx, async (tx) => {
    const before = await readFieldDefs(tx);
    await replaceFieldDefs(tx, fields);
    await moveFieldValues(
      tx,
      fields.filter((f) => f.public).map((f) => f.key),
      fields.filter((f) => !f.public).map((f) => f.key),
    );
    const after = await readFieldDefs(tx);
    await dropUnfitValues(tx, after, narrowedFieldKeys(before, after));
    return { data: after.map(present) };
  });
}

/** Drops the values of `keys` that no longer fit `defs` from every listing holding one, a batch at a time. */
async function dropUnfitValues(tx: TenantTx, defs: readonly FieldDef[], keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  for (let after: string | null = null; ; ) {
    const batch = await listingsHoldingFields(tx, keys, after, 500);
    const changed = batch
      .map((l) => ({
        id: l.id,
        customFields: fittingValues(defs, l.type, l.customFields),
        privateFields: fittingValues(defs, l.type, l.privateFields),
        was: l,
      }))
      // fittingValues keeps the order of the keys it keeps: an unchanged listing reads the same.
      .filter((l) => JSON.stringify([l.customFields, l.privateFields]) !== JSON.stringify([l.was.customFields, l.was.privateFields]));
    await writeFieldValues(tx, changed);
    if (batch.length < 500) return;
    after = batch.at(-1)!.id;
  }
}

/** What a listing write stores: its public and private field values (and its category). */
export interface ListingFieldColumns {
  customFields?: Record<string, unknown>;
  privateFields?: Record<string, unknown>;
}

/**
 * Checks a listing's field values against the tenant's fields for its type (422
 * INVALID_LISTING_FIELDS naming each `customFields.<key>`) and its category (422
 * UNKNOWN_CATEGORY): the columns to write. `patch` undefined and the type unchanged:
 * nothing to check, nothing written. Required fields are checked on create and
 * whenever the values or the type change.
 */
export async function checkListingFields(
  tx: TenantTx,
  write: {
    type: ListingType;
    typeChanged: boolean;
    current: { customFields: Record<string, unknown>; privateFields: Record<string, unknown> } | null;
    patch: Record<string, unknown> | undefined;
    categoryId: string | null | undefined;
  },
): Promise<ListingFieldColumns> {
  if (write.categoryId && !(await categoryExists(tx, write.categoryId))) {
    throw new AppError('UNKNOWN_CATEGORY', undefined, { errors: [{ path: 'categoryId', message: 'no such category' }] });
  }
  const creating = write.current === null;
  if (!creating && write.patch === undefined && !write.typeChanged) return {};
  const defs = await readFieldDefs(tx);
  const current = write.current ? { ...write.current.privateFields, ...write.current.customFields } : {};
  const checked = checkFieldValues(defs, write.type, current, write.patch ?? {}, { requireAll: true });
  if (checked.problems.length > 0) {
    throw new AppError('INVALID_LISTING_FIELDS', `The listing’s fields do not fit: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, {
      errors: checked.problems,
    });
  }
  return { customFields: checked.public, privateFields: checked.private };
}

/** The `field.<key>` parameters of a search as filters (400 VALIDATION_FAILED naming each that is no public field, or malformed). */
export function fieldFiltersOf(defs: readonly FieldDef[], params: Record<string, string>): FieldFilter[] {
  const { filters, problems } = parseFieldFilters(defs, params);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `A listing field filter does not fit: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, {
      errors: problems,
    });
  }
  return filters;
}

/** The keys of `field.<key>` facets: public enum and multi_enum fields only (400 naming `facets` otherwise). */
export function facetFieldKeys(defs: readonly FieldDef[], facets: readonly string[]): string[] {
  const keys = facets.map((f) => f.slice('field.'.length));
  const bad = keys.filter((k) => !defs.some((d) => d.key === k && d.public && (d.kind === 'enum' || d.kind === 'multi_enum')));
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Facets are counted for public enum and multi_enum fields only: ${bad.map((b) => `field.${b}`).join(', ')}`, {
      errors: bad.map((b) => ({ path: 'facets', message: `field.${b} is not a public enum or multi_enum listing field` })),
    });
  }
  return keys;
}

import { type AnyColumn, and, asc, eq, gt, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import { categories } from '../../../db/schema/content';
import { listingFields, listings } from '../../../db/schema/marketplace';
import type { TenantTx } from '../../../db/tenant-context';
import type { ListingType } from '../shared/schemas';
import type { FieldDef } from './policy';
import type { ListingFieldDef } from './schemas';

const defColumns = {
  key: listingFields.key,
  label: listingFields.label,
  kind: listingFields.kind,
  listingTypes: listingFields.listingTypes,
  required: listingFields.required,
  public: listingFields.public,
  options: listingFields.options,
};

/** The tenant's listing fields in display order. */
export async function readFieldDefs(tx: TenantTx): Promise<FieldDef[]> {
  return tx.select(defColumns).from(listingFields).where(eq(listingFields.tenantId, tx.tenantId)).orderBy(asc(listingFields.position), asc(listingFields.key));
}

/**
 * Replaces the tenant's listing fields with `defs` (their order is the display order):
 * fields not named are deleted, the others upserted by key. The statements take the
 * tenant's fields in key order, so two replacements take turns.
 */
export async function replaceFieldDefs(tx: TenantTx, defs: readonly ListingFieldDef[]): Promise<void> {
  const keys = defs.map((d) => d.key);
  await tx.delete(listingFields).where(and(eq(listingFields.tenantId, tx.tenantId), keys.length ? notInArray(listingFields.key, keys) : undefined));
  if (defs.length === 0) return;
  await tx
    .insert(listingFields)
    .values(
      defs.map((d, position) => ({
        tenantId: tx.tenantId,
        key: d.key,
        label: d.label,
        kind: d.kind,
        listingTypes: d.listingTypes,
        required: d.required,
        public: d.public,
        options: d.options ?? null,
        position,
      })),
    )
    .onConflictDoUpdate({
      target: [listingFields.tenantId, listingFields.key],
      set: {
        label: sql`excluded.label`,
        kind: sql`excluded.kind`,
        listingTypes: sql`excluded.listing_types`,
        required: sql`excluded.required`,
        public: sql`excluded.public`,
        options: sql`excluded.options`,
        position: sql`excluded.position`,
      },
    });
}

/**
 * Moves the values of fields that became private out of custom_fields (searched,
 * public) into private_fields, and those that became public the other way: one
 * set-based update of the listings that hold such a value.
 */
export async function moveFieldValues(tx: TenantTx, publicKeys: string[], privateKeys: string[]): Promise<void> {
  if (publicKeys.length === 0 && privateKeys.length === 0) return;
  const pub = sql`array(select jsonb_array_elements_text(${JSON.stringify(publicKeys)}::jsonb))`;
  const priv = sql`array(select jsonb_array_elements_text(${JSON.stringify(privateKeys)}::jsonb))`;
  const pick = (column: SQL | AnyColumn, keys: SQL) =>
    sql`coalesce((select jsonb_object_agg(f.key, f.value) from jsonb_each(${column}) f where f.key = any(${keys})), '{}'::jsonb)`;
  await tx
    .update(listings)
    .set({
      customFields: sql`(${listings.customFields} - ${priv}) || ${pick(listings.privateFields, pub)}`,
      privateFields: sql`(${listings.privateFields} - ${pub}) || ${pick(listings.customFields, priv)}`,
    })
    .where(and(eq(listings.tenantId, tx.tenantId), sql`(${listings.customFields} ?| ${priv} or ${listings.privateFields} ?| ${pub})`));
}

/** The category exists in the tenant and is not deleted. */
export async function categoryExists(tx: TenantTx, categoryId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.tenantId, tx.tenantId), eq(categories.id, categoryId), isNull(categories.deletedAt)));
  return row !== undefined;
}

export interface ListingFieldValues {
  id: string;
  type: ListingType;
  customFields: Record<string, unknown>;
  privateFields: Record<string, unknown>;
}

/** The tenant's listings (deleted ones too) that hold a value of one of `keys`, in id order after `afterId`. */
export async function listingsHoldingFields(tx: TenantTx, keys: string[], afterId: string | null, limit: number): Promise<ListingFieldValues[]> {
  const set = sql`array(select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`;
  return tx
    .select({ id: listings.id, type: listings.type, customFields: listings.customFields, privateFields: listings.privateFields })
    .from(listings)
    .where(
      and(
        eq(listings.tenantId, tx.tenantId),
        afterId ? gt(listings.id, afterId) : undefined,
        sql`(${listings.customFields} ?| ${set} or ${listings.privateFields} ?| ${set})`,
      ),
    )
    .orderBy(asc(listings.id))
    .limit(limit) as Promise<ListingFieldValues[]>;
}

/** Writes listings' field values: one statement for the batch. */
export async function writeFieldValues(tx: TenantTx, values: readonly Omit<ListingFieldValues, 'type'>[]): Promise<void> {
  if (values.length === 0) return;
  await tx.execute(sql`
    update listings l set custom_fields = v.custom_fields, private_fields = v.private_fields
      from jsonb_to_recordset(${JSON.stringify(values.map((v) => ({ id: v.id, custom_fields: v.customFields, private_fields: v.privateFields })))}::jsonb)
           as v(id uuid, custom_fields jsonb, private_fields jsonb)
     where l.tenant_id = ${tx.tenantId} and l.id = v.id`);
}

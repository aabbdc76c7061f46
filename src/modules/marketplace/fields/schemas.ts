import { z } from 'zod';
import { listingTypes } from '../shared/schemas';

/** The kinds of value a listing field holds. */
export const fieldKinds = ['text', 'number', 'enum', 'multi_enum', 'boolean', 'date'] as const;
export type FieldKind = (typeof fieldKinds)[number];

export const fieldKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a key of lowercase letters, digits and _, starting with a letter (at most 40), e.g. "shoe_size"');

const optionSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^,]+$/, 'an option cannot contain a comma (search filters list options comma-separated)');

export const listingFieldSchema = z
  .strictObject({
    key: fieldKeySchema,
    label: z.string().trim().min(1).max(200),
    kind: z.enum(fieldKinds),
    listingTypes: z.array(z.enum(listingTypes)).min(1).max(listingTypes.length).describe('The listing types that have this field'),
    required: z.boolean().default(false),
    public: z.boolean().default(true).describe('false: only the listing’s account and moderators see the value; it cannot be searched'),
    options: z.array(optionSchema).min(1).max(100).optional().describe('The choices of an enum or multi_enum field (and of no other kind)'),
  })
  .superRefine((f, ctx) => {
    const choice = f.kind === 'enum' || f.kind === 'multi_enum';
    if (choice && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.kind} field needs options` });
    if (!choice && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.kind} field has no options` });
    if (f.options && new Set(f.options).size !== f.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an option is listed twice' });
    if (new Set(f.listingTypes).size !== f.listingTypes.length) ctx.addIssue({ code: 'custom', path: ['listingTypes'], message: 'a type is listed twice' });
  });
export type ListingFieldInput = z.input<typeof listingFieldSchema>;
export type ListingFieldDef = z.output<typeof listingFieldSchema>;

/** The whole set of a tenant's listing fields, in display order (it replaces the old set). */
export const listingFieldsBody = z.strictObject({ fields: z.array(listingFieldSchema).max(100) }).superRefine((b, ctx) => {
  const seen = new Set<string>();
  b.fields.forEach((f, i) => {
    if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `the key "${f.key}" is used twice` });
    seen.add(f.key);
  });
});
export type ListingFieldsInput = z.input<typeof listingFieldsBody>;

export const listingFieldResponse = z
  .object({
    key: z.string(),
    label: z.string(),
    kind: z.enum(fieldKinds),
    listingTypes: z.array(z.enum(listingTypes)),
    required: z.boolean(),
    public: z.boolean(),
    options: z.array(z.string()).nullable(),
  })
  .meta({ id: 'ListingField' });
export const listingFieldsResponse = z.object({ data: z.array(listingFieldResponse) }).meta({ id: 'ListingFields' });

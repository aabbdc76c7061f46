import { and, eq, isNull, sql } from 'drizzle-orm';
import { categories, contents } from '../../../db/schema';
import type { TenantTx } from '../../../db/tenant-context';

export type SlugTable = 'contents' | 'categories';

/** Live slugs of the tenant equal to `base` or `base-…`, to suggest the next free one. */
export async function slugsLike(tx: TenantTx, table: SlugTable, base: string): Promise<string[]> {
  const source = table === 'contents' ? contents : categories;
  const found = await tx
    .select({ slug: source.slug })
    .from(source)
    .where(and(eq(source.tenantId, tx.tenantId), isNull(source.deletedAt), sql`(${source.slug} = ${base} or ${source.slug} like ${`${base}-%`})`));
  return found.map((r) => r.slug);
}

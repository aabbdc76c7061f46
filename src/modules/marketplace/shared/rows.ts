import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Tx } from '../../../db/tenant-context';

/** A tenant-owned table keyed by (tenant_id, id). */
type Keyed = PgTable & { tenantId: PgColumn; id: PgColumn };

/** Changes one row by its key and answers it as it is now (undefined when there is none). */
export async function updateById<T extends Keyed, R = T['$inferSelect']>(
  tx: Tx,
  table: T,
  tenantId: string,
  id: string,
  values: PgUpdateSetSource<T>,
  columns?: Record<string, PgColumn>,
): Promise<R> {
  const query = tx
    .update(table)
    .set(values)
    .where(and(eq(table.tenantId, tenantId), eq(table.id, id)));
  const [row] = (await (columns ? query.returning(columns) : query.returning())) as R[];
  return row!;
}

/** Inserts one row and answers it with its defaults filled in. */
export async function insertRow<T extends Keyed, R = T['$inferSelect']>(
  tx: Tx,
  table: T,
  values: PgInsertValue<T>,
  columns?: Record<string, PgColumn>,
): Promise<R> {
  const query = tx.insert(table).values(values);
  const [row] = (await (columns ? query.returning(columns) : query.returning())) as R[];
  return row!;
}

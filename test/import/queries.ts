import type { HttpFixture } from '../helpers/http';

/** What the import tests ask the database about one tenant: rows, counts, and the Mono id an external id became. */
export function importQueries(t: HttpFixture, tenantId: () => string) {
  const q = <T = Record<string, any>>(text: string, params: unknown[] = []) => t.db.query<T>(text, params);
  const count = async (table: string) => Number((await q<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantId()]))[0]!.n);
  const mapped = async (kind: string, externalId: string) =>
    (
      await q<{ mono_id: string }>('select mono_id from import_external_ids where tenant_id = $1 and kind = $2 and external_id = $3', [
        tenantId(),
        kind,
        externalId,
      ])
    )[0]?.mono_id;
  return { q, count, mapped };
}

import type { Database } from '../db/client';
import { type MigrateResult, migrate } from '../db/migrate';
import { syncRbac } from '../modules/access';

/**
 * Brings a database to what this version of Mono expects: the SQL migrations, then the
 * permission catalog and every tenant's system roles (both defined in code, see
 * src/modules/rbac/catalog.ts). `mono migrate`, `mono serve` and the tests all use it.
 */
export async function prepareDatabase(db: Database, options: { platformTenant: string; onApply?: (name: string) => void }): Promise<MigrateResult> {
  const result = await migrate(db, { onApply: options.onApply });
  await syncRbac(db, options.platformTenant);
  return result;
}

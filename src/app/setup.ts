import type { Database } from '../db/client';
import { type MigrateResult, migrate } from '../db/migrate';
import type { TemplateFacts } from '../db/pglite-template';
import { rbacFingerprint, syncRbac } from '../modules/access';

/**
 * Brings a database to what this version of Mono expects: the SQL migrations, then the
 * permission catalog and every tenant's system roles (both defined in code, see
 * src/modules/rbac/catalog.ts). `mono migrate`, `mono serve` and the tests all use it.
 *
 * `template`: the facts of the embedded template the database was just unpacked from.
 * The migrations are checked all the same; the permission sync is skipped when the
 * template was synced with the catalog this code has (it holds no tenant, so there are
 * no tenants' roles to sync), which saves its statements on a cold catalog at every
 * first start.
 */
export async function prepareDatabase(
  db: Database,
  options: { platformTenant: string; onApply?: (name: string) => void; template?: TemplateFacts },
): Promise<MigrateResult & { rbacSynced: boolean }> {
  const result = await migrate(db, { onApply: options.onApply });
  const templateSynced = options.template?.catalog !== undefined && options.template.catalog === rbacFingerprint() && result.applied.length === 0;
  if (!templateSynced) await syncRbac(db, options.platformTenant);
  return { ...result, rbacSynced: !templateSynced };
}

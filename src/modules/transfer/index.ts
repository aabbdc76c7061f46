/**
 * Data out and back in: a tenant's complete dump and its restore into another
 * installation (tenant move), and a person's own data export (GDPR art. 15/20).
 */

export { ERASURE_TABLES_NOT_EXPORTED, EXPORTED_ERASURE_TABLES, type PersonalKind } from './personal/data-repository';
export { type UserExportView, userExportSchema } from './personal/schemas';
export {
  buildPendingExports,
  downloadExport,
  type ExportEnvironment,
  getExport,
  type PersonalExportDeps,
  pruneExpiredExports,
  requestExportFor,
  requestOwnExport,
} from './personal/user-exports';
export { transferRoutes } from './routes';
export {
  type DumpOptions,
  type DumpProgress,
  type DumpSummary,
  exportTenant,
  type TenantDumpDeps,
  TenantDumpError,
  tenantDumpPlan,
} from './tenant-dump/export-tenant';
export { importTenant, type RestoreOptions, type RestoreSummary, readManifest, verifyDump } from './tenant-dump/import-tenant';
export { DUMP_FORMAT_VERSION, type DumpManifest } from './tenant-dump/manifest';
export { EXCLUDED_TENANT_TABLES, GLOBAL_REFERENCES, GLOBAL_TABLES } from './tenant-dump/plan';

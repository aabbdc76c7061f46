import type { DataMigration } from './backfill';
import { estimateRows, fillAuditChangedFields } from './backfill-repository';

/**
 * The registry of data migrations `mono backfill <name>` can run. To add one: walk the
 * table by a unique key in index order (the primary key (tenant_id, id) is the usual
 * one), change only what still needs it (so a re-run changes nothing), and return the
 * last key — see docs/migrations.md.
 */

/**
 * Worked example of docs/migrations.md: fills audit_logs.changed_fields (added nullable
 * by 0401) for the entries written before it existed; 0402/0403 then make it NOT NULL.
 * Owner-only: the runtime roles may not change audit entries. changed_fields is derived
 * from the entry's own values and is not part of its hash, so the chain is unaffected.
 */
export const auditChangedFields: DataMigration = {
  name: 'audit-changed-fields',
  description: 'Fill audit_logs.changed_fields (the keys of old_values/new_values) for entries written before 0401',
  table: 'audit_logs',
  runAs: 'owner',
  estimate: (db) => estimateRows(db, 'audit_logs'),
  batch: (tx, after, limit) => fillAuditChangedFields(tx, after, limit),
};

export const dataMigrations: DataMigration[] = [auditChangedFields];

export function findDataMigration(name: string, registry: DataMigration[] = dataMigrations): DataMigration | undefined {
  return registry.find((m) => m.name === name);
}

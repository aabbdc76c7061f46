import type { CatalogForeignKey, CatalogTable } from './catalog-repository';

/**
 * What a tenant dump contains, derived from the database catalog so that a new table is
 * never forgotten: every table with a `tenant_id` column (in foreign-key order, parents
 * first) plus the tenant's own row in `tenants`. A table without `tenant_id` must be
 * named here as global, with the reason it stays behind; the dump refuses to run
 * otherwise (and test/export/tenant-dump.test.ts fails).
 */
export const GLOBAL_TABLES: Readonly<Record<string, string>> = {
  plans: 'the platform’s plan catalogue; subscriptions name plans by code, which must exist in the target',
  permissions: 'the permission catalogue, synced from code by `mono migrate`; grants are re-pointed by permission name',
  auth_throttles: 'short-lived sign-in throttles keyed by address and e-mail; they start empty after a move',
  'mono.schema_migrations': 'the installation’s schema level; the target must be at the dump’s level',
  'mono.schema_definitions': 'the installation’s functions and triggers, applied by `mono migrate`',
  'mono.job_runs': 'the installation’s scheduler bookkeeping',
  'mono.backfill_checkpoints': 'progress of the installation’s data migrations',
  'mono.pruned_partitions': 'the installation’s record of dropped partitions; the tenant’s anchor travels on its chain head',
  'mono.erasure_rules': 'part of the schema (written by migrations)',
};

/**
 * Tables with a tenant_id column that are deliberately not dumped, with the reason.
 * Empty: a move takes everything, sessions and queued mail included.
 */
export const EXCLUDED_TENANT_TABLES: Readonly<Record<string, string>> = {};

/**
 * Global tables that tenant rows reference, and the column that names a row the same way
 * in every installation. A reference is re-pointed through it on restore (permission ids
 * differ between installations, their names do not).
 */
export const GLOBAL_REFERENCES: Readonly<Record<string, string>> = {
  permissions: 'name',
  plans: 'code',
};

export interface DumpPlanTable extends CatalogTable {
  /** References to global tables: child column → the global table and its naming column. */
  globalRefs: { column: string; table: string; key: string; naturalKey: string }[];
}

export interface DumpPlan {
  /** Parents before children; `tenants` first. */
  tables: DumpPlanTable[];
  /** Foreign keys among the dumped tables and to global tables (checked after a restore). */
  foreignKeys: CatalogForeignKey[];
}

export class DumpPlanError extends Error {}

export function planDump(tables: CatalogTable[], foreignKeys: CatalogForeignKey[]): DumpPlan {
  const unknown = tables.filter((t) => !t.tenantOwned && t.name !== 'tenants' && !(t.name in GLOBAL_TABLES)).map((t) => t.name);
  if (unknown.length) {
    throw new DumpPlanError(`table(s) without tenant_id and not listed as global in the tenant dump plan: ${unknown.join(', ')}`);
  }
  const dumped = new Map(tables.filter((t) => t.name === 'tenants' || (t.tenantOwned && !(t.name in EXCLUDED_TENANT_TABLES))).map((t) => [t.name, t]));
  const relevant = foreignKeys.filter((fk) => dumped.has(fk.child));
  const globalRefs = new Map<string, DumpPlanTable['globalRefs']>();
  for (const fk of relevant) {
    if (dumped.has(fk.parent)) continue;
    const naturalKey = GLOBAL_REFERENCES[fk.parent];
    if (!naturalKey || fk.childColumns.length !== 1) {
      throw new DumpPlanError(`${fk.child} references ${fk.parent}, which a tenant dump neither contains nor knows how to re-point (${fk.name})`);
    }
    const refs = globalRefs.get(fk.child) ?? [];
    refs.push({ column: fk.childColumns[0]!, table: fk.parent, key: fk.parentColumns[0]!, naturalKey });
    globalRefs.set(fk.child, refs);
  }
  return {
    tables: dependencyOrder(
      [...dumped.values()].map((t) => ({ ...t, globalRefs: globalRefs.get(t.name) ?? [] })),
      relevant,
    ),
    foreignKeys: relevant,
  };
}

/** Kahn's algorithm, ties by name; tables in a cycle (none today) follow by name. */
function dependencyOrder(tables: DumpPlanTable[], foreignKeys: CatalogForeignKey[]): DumpPlanTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const fk of foreignKeys) {
    if (fk.parent !== fk.child && byName.has(fk.parent)) parents.get(fk.child)!.add(fk.parent);
  }
  const ordered: DumpPlanTable[] = [];
  const done = new Set<string>();
  while (done.size < tables.length) {
    const ready = [...parents.entries()]
      .filter(([name, deps]) => !done.has(name) && [...deps].every((d) => done.has(d)))
      .map(([name]) => name)
      .sort((a, b) => (a === 'tenants' ? -1 : b === 'tenants' ? 1 : a.localeCompare(b)));
    const next = ready.length ? ready : [...parents.keys()].filter((n) => !done.has(n)).sort();
    for (const name of ready.length ? next : next.slice(0, 1)) {
      done.add(name);
      ordered.push(byName.get(name)!);
    }
  }
  return ordered;
}

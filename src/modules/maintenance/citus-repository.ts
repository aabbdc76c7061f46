import type { Database, RawSession } from '../../db/client';

/**
 * (A repository file: every step of the distribution is a statement on one session.)
 *
 * Distributes a migrated Mono database over a Citus cluster (docs/citus.md,
 * docs/decisions/0072-citus.md):
 * - every tenant-owned table (a tenant_id column) is hash-distributed by tenant_id, all
 *   in one colocation group, so every statement of one tenant runs on one shard group;
 * - the global tables that tenant data refers to or that functions read (tenants, plans,
 *   permissions, erasure rules, …) become reference tables, copied to every node;
 * - Mono's own bookkeeping (migrations, job runs, throttles, checkpoints) stays on the
 *   coordinator;
 * - tenants is a reference table without its audit trigger (it would write one entry per
 *   placement), see the decision.
 * Foreign keys of tenant tables (also those to tenants: making tenants a reference table
 * would otherwise turn every table pointing at it into a Citus local table) are set aside first (kept in
 * mono.citus_pending_foreign_keys, so an interrupted run resumes) and added back once
 * every table is distributed: no dependency order to get right. Idempotent: a table
 * already distributed is skipped; a second run changes nothing.
 */
export const COORDINATOR_ONLY = [
  'mono.schema_migrations',
  'mono.schema_definitions',
  'mono.job_runs',
  'mono.backfill_checkpoints',
  'mono.pruned_partitions',
  'public.auth_throttles',
  'mono.citus_pending_foreign_keys',
];

/** The table all tenant tables are colocated with. */
export const COLOCATION_ANCHOR = 'public.users';

export interface DistributeEvent {
  step: 'reference' | 'distribute' | 'skip' | 'foreign-keys-aside' | 'foreign-key' | 'foreign-key-refused' | 'trigger';
  table: string;
  detail?: string;
}

export interface DistributeResult {
  reference: string[];
  distributed: string[];
  alreadyDone: number;
  foreignKeys: number;
  /** Foreign keys Citus would not take back (kept pending): `table.name: reason`. */
  refused: string[];
}

export class CitusError extends Error {
  override name = 'CitusError';
}

interface TableRow {
  name: string;
  tenant: boolean;
}

async function tables(session: RawSession): Promise<TableRow[]> {
  return session.query<TableRow>(`
    select format('%I.%I', n.nspname, c.relname) as name,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
             and not (n.nspname = 'public' and c.relname = 'tenants') as tenant
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'mono') and c.relkind in ('r', 'p') and not c.relispartition
     order by 1`);
}

/** Whether the connected database has the citus extension (and its version). */
export async function citusVersion(db: Database): Promise<string | null> {
  const rows = await db.query<{ v: string }>("select extversion as v from pg_extension where extname = 'citus'");
  return rows[0]?.v ?? null;
}

export async function distributeForCitus(db: Database, onEvent: (event: DistributeEvent) => void = () => {}): Promise<DistributeResult> {
  if (!(await citusVersion(db))) {
    throw new CitusError('the citus extension is not installed in this database (create extension citus, then add the workers; docs/citus.md)');
  }
  return db.withSession(async (session) => {
    // Mono's tables have triggers (audit, touch, counters): Citus distributes them only with this on.
    await session.exec('set citus.enable_unsafe_triggers = on');
    await session.exec(`create table if not exists mono.citus_pending_foreign_keys (
      table_name text not null, name text not null, definition text not null, primary key (table_name, name))`);
    const done = new Map(
      (await session.query<{ name: string; kind: string }>(`select logicalrelid::regclass::text as name, partmethod as kind from pg_dist_partition`)).map(
        (r) => [qualified(r.name), r.kind],
      ),
    );
    const all = await tables(session);
    const tenantTables = all.filter((t) => t.tenant).map((t) => t.name);
    const globalTables = all.filter((t) => !t.tenant && !COORDINATOR_ONLY.includes(t.name)).map((t) => t.name);
    const result: DistributeResult = { reference: [], distributed: [], alreadyDone: 0, foreignKeys: 0, refused: [] };

    // 1. Foreign keys of the tenant tables still to distribute (from them or to them), set
    // aside (recorded first, then dropped). Not those between tables already distributed:
    // on a later run (a migration added a tenant table) Citus refused dropping them in one
    // transaction ("cannot modify table … because there was a parallel operation").
    const pendingTables = tenantTables.filter((t) => !done.has(t));
    if (pendingTables.length) {
      await session.exec('begin');
      await session.query(
        `insert into mono.citus_pending_foreign_keys (table_name, name, definition)
         select format('%I.%I', n.nspname, c.relname), con.conname, pg_get_constraintdef(con.oid)
           from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
           join pg_class r on r.oid = con.confrelid join pg_namespace rn on rn.oid = r.relnamespace
          where con.contype = 'f' and con.conparentid = 0
            and format('%I.%I', n.nspname, c.relname) = any ($1::text[])
            and (format('%I.%I', n.nspname, c.relname) = any ($2::text[]) or format('%I.%I', rn.nspname, r.relname) = any ($2::text[]))
         on conflict do nothing`,
        [tenantTables, pendingTables],
      );
      const aside = await session.query<{ table_name: string; name: string }>(
        `select p.table_name, p.name from mono.citus_pending_foreign_keys p
          where exists (select 1 from pg_constraint con where con.conrelid = p.table_name::regclass and con.conname = p.name)`,
      );
      for (const fk of aside) await session.exec(`alter table ${fk.table_name} drop constraint ${quoteIdent(fk.name)}`);
      await session.exec('commit');
      if (aside.length) onEvent({ step: 'foreign-keys-aside', table: '*', detail: `${aside.length} foreign key(s)` });
    }

    // 2. Reference tables: tenants without its audit trigger (one entry per placement otherwise).
    for (const table of globalTables) {
      if (done.has(table)) {
        result.alreadyDone++;
        onEvent({ step: 'skip', table, detail: 'already a Citus table' });
        continue;
      }
      if (table === 'public.tenants') {
        await session.exec('drop trigger if exists audit on public.tenants');
        onEvent({ step: 'trigger', table, detail: 'audit trigger dropped (reference table: it would fire on every placement)' });
      }
      await session.query('select create_reference_table($1)', [table]);
      result.reference.push(table);
      onEvent({ step: 'reference', table });
    }

    // 3. Tenant tables by tenant_id, colocated with users.
    const ordered = [COLOCATION_ANCHOR, ...tenantTables.filter((t) => t !== COLOCATION_ANCHOR)].filter((t) => tenantTables.includes(t));
    for (const table of ordered) {
      if (done.has(table)) {
        result.alreadyDone++;
        onEvent({ step: 'skip', table, detail: 'already distributed' });
        continue;
      }
      const colocate = table === COLOCATION_ANCHOR ? 'default' : COLOCATION_ANCHOR;
      await session.query(`select create_distributed_table($1, 'tenant_id', colocate_with => $2)`, [table, colocate]);
      result.distributed.push(table);
      onEvent({ step: 'distribute', table });
    }

    // 4. The foreign keys back, now between colocated tables.
    const pending = await session.query<{ table_name: string; name: string; definition: string }>(
      'select table_name, name, definition from mono.citus_pending_foreign_keys order by table_name, name',
    );
    for (const fk of pending) {
      const exists = await session.query('select 1 from pg_constraint where conrelid = $1::regclass and conname = $2', [fk.table_name, fk.name]);
      try {
        if (!exists.length) await session.exec(`alter table ${fk.table_name} add constraint ${quoteIdent(fk.name)} ${fk.definition}`);
      } catch (error) {
        // Kept in mono.citus_pending_foreign_keys; the next run tries again.
        result.refused.push(`${fk.table_name}.${fk.name}: ${error instanceof Error ? error.message : String(error)}`);
        onEvent({ step: 'foreign-key-refused', table: fk.table_name, detail: `${fk.name}: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      await session.query('delete from mono.citus_pending_foreign_keys where table_name = $1 and name = $2', [fk.table_name, fk.name]);
      result.foreignKeys++;
      onEvent({ step: 'foreign-key', table: fk.table_name, detail: fk.name });
    }
    return result;
  });
}

/** pg_dist_partition names tables as regclass text: `users`, `mono.authz_versions`. */
function qualified(name: string): string {
  return name.includes('.') ? name : `public.${name}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

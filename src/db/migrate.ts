import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../core/paths';
import type { Database, RawSession } from './client';
import { splitSqlStatements } from './split-sql';

/**
 * Migrations are plain SQL files in src/db/migrations, applied in file-name order,
 * each in its own transaction, recorded with a checksum in mono.schema_migrations.
 *
 * Why hand-written SQL rather than drizzle-kit output: most of what this schema
 * guarantees (forced RLS, policies, partitions, exclusion constraints, deferred audit
 * triggers, composite foreign keys to partial keys) is beyond a schema differ; the
 * Drizzle table definitions in src/db/schema are checked against the migrated
 * database by a test instead (see docs/decisions/0002-sql-migrations.md).
 */
export const migrationsDir = join(projectRoot, 'src', 'db', 'migrations');

/**
 * Functions, triggers and views: repeatable definitions (`create or replace …`), one
 * object (or one closely related group) per file, applied after the migrations in
 * file-name order whenever a file's checksum differs from the one recorded — so a
 * change to a function is a diff of its file, not a copy of its body into a new
 * migration (Flyway's repeatable migrations). A migration that needs a function that
 * does not exist yet creates it itself; the definition takes over afterwards.
 */
export const definitionsDir = join(projectRoot, 'src', 'db', 'definitions');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function loadSqlFiles(dir: string, pattern: RegExp): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => pattern.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return { name: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export const loadMigrations = (dir = migrationsDir): Migration[] => loadSqlFiles(dir, /^\d{4}_[a-z0-9_]+\.sql$/);

export const loadDefinitions = (dir = definitionsDir): Migration[] => loadSqlFiles(dir, /^\d{3}_[a-z0-9_]+\.sql$/);

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  /** Definitions (re-)applied because they were new or changed. */
  defined: string[];
}

const LOCK_KEY = 727_100_001; // any constant; all Mono processes agree on it

/**
 * Brings the database to the latest schema: pending migrations in order, then every new
 * or changed definition. Safe to run from several processes at once: a session-level
 * advisory lock lets one migrate while the others wait. Refuses to run if an applied
 * migration's file was edited afterwards, or if a pending one sorts before an applied one.
 */
export async function migrate(
  db: Database,
  options: { migrations?: Migration[]; definitions?: Migration[]; onApply?: (name: string) => void } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? loadMigrations();
  const definitions = options.definitions ?? loadDefinitions();
  return db.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await execEach(
        session,
        `create schema if not exists mono;
        create table if not exists mono.schema_migrations (
          name text primary key,
          checksum text not null,
          applied_at timestamptz not null default now()
        );
        create table if not exists mono.schema_definitions (
          name text primary key,
          checksum text not null,
          applied_at timestamptz not null default now()
        );`,
      );
      const applied = new Map(
        (await session.query<{ name: string; checksum: string }>('select name, checksum from mono.schema_migrations')).map((row) => [row.name, row.checksum]),
      );
      for (const [name] of applied) {
        if (!migrations.some((m) => m.name === name)) {
          throw new MigrationError(`the database has migration ${name}, which this version of Mono does not know; is the code older than the database?`);
        }
      }
      // A pending migration that sorts before the newest applied one would run after
      // migrations that were written assuming it did not exist (a branch merged late):
      // renumber it instead of applying history out of order.
      const newestApplied = [...applied.keys()].sort().at(-1);
      const outOfOrder = migrations.filter((m) => !applied.has(m.name) && newestApplied !== undefined && m.name < newestApplied);
      if (outOfOrder.length) {
        throw new MigrationError(
          `migration ${outOfOrder[0]!.name} is pending but sorts before ${newestApplied}, which is already applied; give it a number after ${newestApplied}`,
        );
      }
      const result: MigrateResult = { applied: [], alreadyApplied: 0, defined: [] };
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new MigrationError(`migration ${migration.name} was edited after it was applied (checksum differs); add a new migration instead`);
          }
          result.alreadyApplied += 1;
          continue;
        }
        await applyOne(session, migration, 'schema_migrations');
        options.onApply?.(migration.name);
        result.applied.push(migration.name);
      }
      const defined = new Map(
        (await session.query<{ name: string; checksum: string }>('select name, checksum from mono.schema_definitions')).map((row) => [row.name, row.checksum]),
      );
      for (const definition of definitions) {
        if (defined.get(definition.name) === definition.checksum) continue;
        await applyOne(session, definition, 'schema_definitions');
        options.onApply?.(`definition ${definition.name}`);
        result.defined.push(definition.name);
      }
      return result;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}

/**
 * A script statement by statement, never as one multi-statement string: Citus refuses
 * CREATE INDEX and CREATE TRIGGER on a distributed table inside one (docs/citus.md).
 */
async function execEach(session: RawSession, script: string): Promise<void> {
  for (const statement of splitSqlStatements(script)) await session.exec(statement);
}

async function applyOne(session: RawSession, migration: Migration, log: 'schema_migrations' | 'schema_definitions'): Promise<void> {
  // A migration may rewrite a big table: the API's statement timeout does not apply to it.
  await execEach(session, 'begin; set local statement_timeout = 0');
  try {
    await execEach(session, migration.sql);
    await session.query(
      `insert into mono.${log} (name, checksum) values ($1, $2) on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`,
      [migration.name, migration.checksum],
    );
    await session.exec('commit');
  } catch (error) {
    await session.exec('rollback');
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`${log === 'schema_migrations' ? 'migration' : 'definition'} ${migration.name} failed: ${message}`);
  }
}

/** Names of migrations not yet applied (for `mono doctor` and start-up checks). */
export async function pendingMigrations(db: Database, migrations = loadMigrations()): Promise<string[]> {
  const exists = await db.query<{ ok: boolean }>("select to_regclass('mono.schema_migrations') is not null as ok");
  if (!exists[0]?.ok) return migrations.map((m) => m.name);
  const applied = new Set((await db.query<{ name: string }>('select name from mono.schema_migrations')).map((r) => r.name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}

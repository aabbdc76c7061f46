import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../core/paths';
import type { Database, RawSession } from './client';

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

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return { name: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

const LOCK_KEY = 727_100_001; // any constant; all Mono processes agree on it

/**
 * Brings the database to the latest schema. Safe to run from several processes at
 * once: a session-level advisory lock lets one migrate while the others wait.
 * Refuses to run if an applied migration's file was edited afterwards.
 */
export async function migrate(db: Database, options: { migrations?: Migration[]; onApply?: (name: string) => void } = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? loadMigrations();
  return db.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      await session.exec(`
        create schema if not exists mono;
        create table if not exists mono.schema_migrations (
          name text primary key,
          checksum text not null,
          applied_at timestamptz not null default now()
        );`);
      const applied = new Map(
        (await session.query<{ name: string; checksum: string }>('select name, checksum from mono.schema_migrations')).map((row) => [row.name, row.checksum]),
      );
      for (const [name] of applied) {
        if (!migrations.some((m) => m.name === name)) {
          throw new MigrationError(`the database has migration ${name}, which this version of Mono does not know; is the code older than the database?`);
        }
      }
      const result: MigrateResult = { applied: [], alreadyApplied: 0 };
      for (const migration of migrations) {
        const checksum = applied.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new MigrationError(`migration ${migration.name} was edited after it was applied (checksum differs); add a new migration instead`);
          }
          result.alreadyApplied += 1;
          continue;
        }
        await applyOne(session, migration);
        options.onApply?.(migration.name);
        result.applied.push(migration.name);
      }
      return result;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
}

async function applyOne(session: RawSession, migration: Migration): Promise<void> {
  await session.exec('begin');
  try {
    await session.exec(migration.sql);
    await session.query('insert into mono.schema_migrations (name, checksum) values ($1, $2)', [migration.name, migration.checksum]);
    await session.exec('commit');
  } catch (error) {
    await session.exec('rollback');
    const message = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${migration.name} failed: ${message}`);
  }
}

/** Names of migrations not yet applied (for `mono doctor` and start-up checks). */
export async function pendingMigrations(db: Database, migrations = loadMigrations()): Promise<string[]> {
  const exists = await db.query<{ ok: boolean }>("select to_regclass('mono.schema_migrations') is not null as ok");
  if (!exists[0]?.ok) return migrations.map((m) => m.name);
  const applied = new Set((await db.query<{ name: string }>('select name from mono.schema_migrations')).map((r) => r.name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}

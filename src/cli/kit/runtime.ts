import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { auditKeyOf, type Config } from '../../config';
import { type Database, openDatabase } from '../../db/client';
import { lockDataDir } from '../../db/data-dir-lock';
import { type TemplateFacts, unpackPgliteTemplate } from '../../db/pglite-template';
import { CliError } from './io';
import { fileSystemProblem } from './thrown';

/** What a CLI command works with: the configured database, opened (and locked) once. */
export interface Runtime {
  config: Config;
  db: Database;
  /** Embedded only: what the template this database was just made from already holds (a fresh DATA_DIR). */
  template?: TemplateFacts;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, options: { serving?: boolean } = {}): Promise<Runtime> {
  if (config.databaseUrl) {
    const db = await openDatabase({
      url: config.databaseUrl,
      poolSize: config.dbPoolSize,
      acquireTimeoutMs: config.dbAcquireTimeoutMs,
      statementTimeoutMs: options.serving ? config.dbStatementTimeoutMs : 0,
      auditKey: auditKeyOf(config),
    });
    try {
      await db.query('select 1'); // fail here, in one line, rather than halfway through a command
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return { config, db, close: () => db.close() };
  }
  const release = dataDirCall(config.dataDir, () => lockDataDir(config.dataDir));
  try {
    const auditKey = dataDirCall(config.dataDir, () => auditKeyOf(config));
    const { db, template } = await openEmbedded(join(config.dataDir, 'pgdata'), auditKey).catch((error: unknown) =>
      dataDirCall(config.dataDir, () => Promise.reject(error)),
    );
    return {
      config,
      db,
      template,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Runs fn; a disk that is full or read-only (or a directory we may not write) becomes one
 * sentence naming the directory, whatever threw it (Node, or PGlite's Emscripten file system).
 */
function dataDirCall<T>(dataDir: string, fn: () => T): T {
  const explain = (error: unknown): never => {
    const problem = fileSystemProblem(error);
    if (problem) throw new CliError(`the embedded database cannot use its data directory ${dataDir}: ${problem}`);
    throw error;
  };
  try {
    const result = fn();
    return (result instanceof Promise ? result.catch(explain) : result) as T;
  } catch (error) {
    return explain(error);
  }
}

/**
 * The embedded database in `dir`. An empty directory starts as a copy of the migrated
 * template built at install time (see pglite-template.ts) instead of running initdb; if
 * there is no template, or it cannot be unpacked or opened, PGlite initialises the
 * directory itself.
 */
async function openEmbedded(dir: string, auditKey: Buffer): Promise<{ db: Database; template?: TemplateFacts }> {
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    let template: TemplateFacts | undefined;
    try {
      // An empty directory left by an earlier attempt is replaced; anything else is PGlite's to judge.
      if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
      if (!existsSync(dir)) template = unpackPgliteTemplate(dir);
    } catch (error) {
      if (fileSystemProblem(error)) throw error; // a full or read-only disk: initdb would fail too
    }
    if (template) {
      try {
        return { db: await openDatabase({ dataDir: dir, auditKey }), template };
      } catch {
        rmSync(dir, { recursive: true, force: true }); // not a usable database after all: start over
      }
    }
  }
  return { db: await openDatabase({ dataDir: dir, auditKey }) };
}

/** Where the database lives, for messages. */
export const describeDatabase = (config: Config) =>
  config.databaseUrl ? `PostgreSQL at ${redactUrl(config.databaseUrl)}` : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured server';
  }
}

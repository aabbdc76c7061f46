import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectRoot } from '../core/paths';
import { openDatabase } from './client';
import { loadMigrations } from './migrate';

/**
 * A freshly initialised and migrated PGlite data directory, kept as a tarball in
 * node_modules/.cache. PGlite's initdb takes seconds; loading this takes about one, so
 * the first `npm start` on an empty DATA_DIR is ready well under five seconds.
 * `npm ci` builds it (postinstall: `mono internal:pglite-template`). It is keyed by the
 * PGlite version (the on-disk format) and by the migrations it holds: a checkout with
 * other migrations (a `git pull` before the next `npm ci`, or another worktree sharing
 * node_modules) finds no template of its own and runs initdb, slower but never a
 * database holding migrations the code does not know.
 */

/** The installed PGlite version (its package.json is not exported: found from the entry point). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version: string };
      if (pkg.name === '@electric-sql/pglite') return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the version of @electric-sql/pglite');
    dir = parent;
  }
}

/** The migrations (names and contents) as a short hash. */
function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const m of loadMigrations()) hash.update(`${m.name}:${m.checksum}\n`);
  return hash.digest('hex').slice(0, 12);
}

export const templatePath = () => join(projectRoot, 'node_modules', '.cache', 'mono', `pglite-template-${pgliteVersion()}-${migrationsKey()}.tar.gz`);

/** The template, if one was built for this PGlite version (never throws: without one, initdb runs). */
export function readPgliteTemplate(): Blob | undefined {
  try {
    const path = templatePath();
    return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the template (initdb + migrations in memory, then a dump), written atomically. */
export async function buildPgliteTemplate(prepare: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<unknown>): Promise<string> {
  const db = await openDatabase({});
  try {
    await prepare(db);
    const dump = await db.dumpDataDir!();
    const path = templatePath();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${path}.tmp`, path);
    return path;
  } finally {
    await db.close();
  }
}

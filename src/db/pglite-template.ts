import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { projectRoot } from '../core/paths';
import { openDatabase } from './client';
import { loadMigrations } from './migrate';

/**
 * A freshly initialised and migrated PGlite data directory, kept as a tarball in
 * node_modules/.cache. PGlite's initdb takes seconds; unpacking this takes a few hundred
 * milliseconds, so the first `npm start` on an empty DATA_DIR skips initdb and the
 * migrations. `npm ci` builds it (postinstall: `mono internal:prepare`). It is keyed by
 * the PGlite version (the on-disk format), by how it is built, and by the migrations it
 * holds: a checkout with other migrations (a `git pull` before the next `npm ci`, or
 * another worktree sharing node_modules) finds no template of its own and runs initdb,
 * slower but never a database holding migrations the code does not know.
 */

/**
 * How the template is made; part of its name. 2: checkpointed before the dump, so opening
 * it does not replay the migrations' WAL (a second and more on every first start).
 */
const TEMPLATE_FORMAT = 2;

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

export const templatePath = () =>
  join(projectRoot, 'node_modules', '.cache', 'mono', `pglite-template-${pgliteVersion()}-v${TEMPLATE_FORMAT}-${migrationsKey()}.tar.gz`);

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

/**
 * Unpacks the template (or the tarball at `path`) as the data directory `dir`, which must
 * not exist yet; false when there is no template for this code. Node writes the files itself: handing the tarball
 * to PGlite (`loadDataDir`) writes each of its ~1,600 files through the Emscripten file
 * system, about a second. The files go into a sibling directory that is renamed into
 * place at the end, so an interrupted unpack never leaves a directory that looks like a
 * database (a crash leaves the sibling, removed by the next attempt).
 */
export function unpackPgliteTemplate(dir: string, path = templatePath()): boolean {
  if (!existsSync(path)) return false;
  const building = `${dir}.unpacking`;
  rmSync(building, { recursive: true, force: true });
  try {
    extractTar(gunzipSync(readFileSync(path)), building);
    renameSync(building, dir);
    return true;
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

/** The regular files and directories of a ustar archive (what PGlite's dump writes), below `root`. */
function extractTar(tar: Buffer, root: string): void {
  const made = new Set<string>();
  const mkdir = (path: string) => {
    if (!made.has(path)) mkdirSync(path, { recursive: true, mode: 0o700 });
    made.add(path);
  };
  mkdir(root);
  const field = (header: Buffer, start: number, length: number) => header.toString('latin1', start, start + length).replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break; // the end-of-archive blocks
    const name = [field(header, 345, 155), field(header, 0, 100)].filter(Boolean).join('/');
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = field(header, 156, 1) || '0';
    const parts = name.split('/').filter((part) => part && part !== '.');
    if (parts.includes('..')) throw new Error(`the template holds a path outside its directory: ${name}`);
    const target = join(root, ...parts);
    if (type === '5') mkdir(target);
    else if (type === '0') {
      mkdir(dirname(target));
      writeFileSync(target, tar.subarray(offset + 512, offset + 512 + size), { mode: 0o600 });
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

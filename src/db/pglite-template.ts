import { createHash } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { projectRoot } from '../core/paths';
import { type Database, openDatabase } from './client';
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
 * 3: the WAL the migrations wrote is dropped before the dump (see dumpTemplate): 48 MB
 * instead of 64 to unpack at every first start.
 */
const TEMPLATE_FORMAT = 3;

/**
 * What the template holds besides its migrations, recorded next to it (`<template>.json`,
 * with the SHA-256 of the tarball it describes) when it is built: whoever opens a copy
 * may skip work the build already did, while the code still agrees with it. `catalog`:
 * the fingerprint of the permission catalog and system roles it was synced with
 * (access/sync.ts, rbacFingerprint). A record that does not name the tarball's own hash
 * (another build replaced one of the two; checkouts with the same migrations share the
 * cache) says nothing.
 */
export interface TemplateFacts {
  catalog?: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function recordedFacts(path: string, tarball: Buffer): TemplateFacts {
  try {
    const { tarball: describes, ...facts } = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as TemplateFacts & { tarball?: string };
    return describes === sha256(tarball) ? facts : {};
  } catch {
    return {};
  }
}

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

/**
 * The data directory of a prepared PGlite database as a gzipped tarball, for a template.
 * The migrations fill a 16 MB WAL segment that a copy never reads once a checkpoint is
 * past them: switching to a new segment first and checkpointing with recycling off
 * removes it (a recycled segment would keep its old bytes under a new name). What is left
 * is one fresh segment, zeros after the checkpoint record.
 */
export async function dumpTemplate(db: Database): Promise<Blob> {
  await db.exec('set wal_recycle = off; select pg_switch_wal(); checkpoint');
  return db.dumpDataDir!();
}

/** Builds the template (initdb + migrations in memory, then a dump) and records its facts, each written atomically. */
export async function buildPgliteTemplate(prepare: (db: Database) => Promise<unknown>, facts: TemplateFacts = {}, path = templatePath()): Promise<string> {
  const db = await openDatabase({});
  try {
    await prepare(db);
    const dump = await dumpTemplate(db);
    mkdirSync(dirname(path), { recursive: true });
    const tarball = Buffer.from(await dump.arrayBuffer());
    writeFileSync(`${path}.tmp`, tarball);
    renameSync(`${path}.tmp`, path);
    writeFileSync(`${path}.json.tmp`, JSON.stringify({ ...facts, tarball: sha256(tarball) }));
    renameSync(`${path}.json.tmp`, `${path}.json`);
    return path;
  } finally {
    await db.close();
  }
}

/**
 * Unpacks the template (or the tarball at `path`) as the data directory `dir`, which must
 * not exist yet, and answers its facts; undefined when there is no template for this code.
 * Node writes the files itself: handing the tarball
 * to PGlite (`loadDataDir`) writes each of its ~1,600 files through the Emscripten file
 * system, about a second. The files go into a sibling directory that is renamed into
 * place at the end, so an interrupted unpack never leaves a directory that looks like a
 * database (a crash leaves the sibling, removed by the next attempt).
 */
export function unpackPgliteTemplate(dir: string, path = templatePath()): TemplateFacts | undefined {
  if (!existsSync(path)) return undefined;
  const building = `${dir}.unpacking`;
  rmSync(building, { recursive: true, force: true });
  try {
    const tarball = readFileSync(path);
    extractTar(gunzipSync(tarball), building);
    renameSync(building, dir);
    return recordedFacts(path, tarball);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}

const PAGE = 8192;
const ZERO_PAGE = Buffer.alloc(PAGE);

/**
 * Writes `data` as the file `path`, leaving its all-zero pages as holes: the template's
 * fresh WAL segment is 16 MB of zeros after its checkpoint record, and relations have
 * empty pages. Reading a hole gives zeros, so the file reads back exactly as `data`; the
 * kernel just has fewer pages to copy and allocate (most of an unpack is kernel time).
 */
function writeSparse(path: string, data: Buffer): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    let run = -1; // start of the pending run of non-zero pages
    for (let at = 0; at < data.length; at += PAGE) {
      const end = Math.min(at + PAGE, data.length);
      const zero = end - at === PAGE && data.subarray(at, end).equals(ZERO_PAGE);
      if (!zero && run < 0) run = at;
      if (zero && run >= 0) {
        writeSync(fd, data, run, at - run, run);
        run = -1;
      }
    }
    if (run >= 0) writeSync(fd, data, run, data.length - run, run);
    ftruncateSync(fd, data.length);
  } finally {
    closeSync(fd);
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
      writeSparse(target, tar.subarray(offset + 512, offset + 512 + size));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

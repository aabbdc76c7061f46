import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../core/errors';

/**
 * PGlite is a single-process database: two processes opening one data directory would
 * corrupt it. A pid file makes the second one stop with a clear sentence instead.
 *
 * Atomic in every case, so that of two processes starting at once exactly one wins:
 * - the pid file appears with its content in one step (written aside, then hard-linked
 *   into place; link fails if the name exists), so nobody reads a half-written one;
 * - a lock left by a process that no longer runs is taken over only under a takeover
 *   mutex (mkdir, atomic), re-checked there, and re-created with the same exclusive
 *   link: a second process finding the same stale lock either waits out the mutex and
 *   then sees the winner alive, or loses the link race.
 */
const TAKEOVER_STALE_MS = 10_000;

export function lockDataDir(dataDir: string): () => void {
  makeDir(dataDir);
  const path = join(dataDir, 'mono.pid');
  if (create(path) || takeOver(dataDir, path)) return releaser(path);
  const holder = readHolder(path);
  throw new AppError(
    'DATA_DIR_IN_USE',
    holder
      ? `the embedded database in ${dataDir} is in use by process ${holder} (is "mono serve" running?); stop it first, or use DATABASE_URL`
      : `could not lock ${dataDir}: another process is starting on it`,
  );
}

/** Creates the pid file with our pid, atomically; false when it exists. */
function create(path: string): boolean {
  const aside = `${path}.${process.pid}`;
  const fd = openSync(aside, 'w');
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Takes over a lock whose holder is gone; false when it is held (or being taken over by another process). */
function takeOver(dataDir: string, path: string): boolean {
  const holder = readHolder(path);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) return false;
  const mutex = join(dataDir, 'mono.pid.takeover');
  if (!enter(mutex)) return false;
  try {
    // Re-read under the mutex: a winner may have replaced the stale file meanwhile.
    const current = readHolder(path);
    if (current !== undefined && current !== process.pid && isAlive(current)) return false;
    rmSync(path, { force: true });
    return create(path);
  } finally {
    rmSync(mutex, { recursive: true, force: true });
  }
}

/**
 * mkdir as a mutex. A mutex is held for a few system calls; one older than 10 s was
 * left by a process that died inside them and is cleared once.
 */
function enter(mutex: string): boolean {
  try {
    mkdirSync(mutex);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    if (Date.now() - statSync(mutex).mtimeMs < TAKEOVER_STALE_MS) return false;
    rmSync(mutex, { recursive: true, force: true });
    mkdirSync(mutex);
    return true;
  } catch {
    return false;
  }
}

function releaser(path: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only our own lock: never remove one a later process holds.
    if (readHolder(path) === process.pid) rmSync(path, { force: true });
  };
  process.once('exit', release);
  return release;
}

/** The pid in the lock file; undefined when there is none or it is not a pid. */
function readHolder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * mkdir -p that reports why: Node's recursive mkdir says ENOENT where the real cause is
 * a read-only or full file system; one plain mkdir of the missing directory tells.
 */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(dirname(dir))) mkdirSync(dir);
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

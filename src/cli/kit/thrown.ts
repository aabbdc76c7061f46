/**
 * A readable sentence for anything thrown. Not everything thrown is an Error: PGlite's
 * file system (Emscripten) throws `{ name: 'ErrnoError', errno: 51 }` when the disk is
 * full or read-only, which String() prints as "[object Object]".
 */

/** Emscripten's errno numbers (they differ from Linux's) for what a data directory can hit. */
const EMSCRIPTEN_ERRNO: Record<number, [string, string]> = {
  2: ['EACCES', 'permission denied'],
  19: ['EDQUOT', 'disk quota exceeded'],
  29: ['EIO', 'input/output error'],
  44: ['ENOENT', 'no such file or directory'],
  51: ['ENOSPC', 'no space left on device'],
  63: ['EPERM', 'operation not permitted'],
  69: ['EROFS', 'read-only file system'],
};

/** Node's codes for the same conditions. */
const NODE_ERRNO: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOTDIR: 'a part of the path is not a directory',
};

/** A file-system failure ("no space left on device (ENOSPC)"), or undefined when it is not one. */
export function fileSystemProblem(thrown: unknown): string | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  const { name, errno, code } = thrown as { name?: unknown; errno?: unknown; code?: unknown };
  if (name === 'ErrnoError' && typeof errno === 'number') {
    const known = EMSCRIPTEN_ERRNO[errno];
    return known ? `${known[1]} (${known[0]})` : `file system error ${errno}`;
  }
  if (typeof code === 'string' && NODE_ERRNO[code]) return `${NODE_ERRNO[code]} (${code})`;
  return undefined;
}

export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name;
  const fs = fileSystemProblem(thrown);
  if (fs) return fs;
  if (typeof thrown === 'object' && thrown !== null) {
    const { message, name, code } = thrown as { message?: unknown; name?: unknown; code?: unknown };
    if (typeof message === 'string' && message) return message;
    try {
      const json = JSON.stringify(thrown);
      if (json && json !== '{}') return `${typeof name === 'string' ? name : typeof code === 'string' ? code : 'error'} ${json.slice(0, 300)}`;
    } catch {
      // circular: fall through
    }
    const kind = typeof name === 'string' ? name : (thrown as object).constructor?.name;
    return `${kind && kind !== 'Object' ? kind : 'an error'} without a message`;
  }
  return String(thrown);
}

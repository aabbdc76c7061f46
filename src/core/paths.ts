import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root (the directory of Mono's package.json), found by walking up from
 * this module — so it is right both from the TypeScript sources and from the bundle in
 * node_modules/.cache/mono that `npm ci` builds for a fast start.
 */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'mono') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find Mono's package.json above ${start}`);
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Mono's version, from its package.json (`mono --version`, the OpenAPI document). */
export const monoVersion: string = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

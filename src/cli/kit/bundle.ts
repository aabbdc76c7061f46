import { join } from 'node:path';
import { projectRoot } from '../../core/paths';

/** Where `npm ci` puts the bundled CLI; bin/mono.mjs runs it while no source is newer. */
export const bundlePath = join(projectRoot, 'node_modules', '.cache', 'mono', 'main.mjs');

/**
 * Bundles src/main.ts (dependencies stay external) so a start does not transpile ~200
 * TypeScript files first: about a second less for every `mono` command.
 */
export async function buildBundle(): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(projectRoot, 'src', 'main.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return bundlePath;
}

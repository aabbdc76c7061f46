import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { consoleDir } from '../../app/console';
import { projectRoot } from '../../core/paths';

/**
 * Builds the operator console (console/, React + Vite) into node_modules/.cache/mono/console,
 * where `mono serve` serves it at /console; `npm ci` runs it (internal:prepare), and so does
 * `npm run console:build` after a change to the console's sources. Text assets are also
 * written brotli- and gzip-compressed, served as they are to browsers that accept them.
 */
export async function buildConsole(): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'console', 'vite.config.ts'), logLevel: 'warn' });
  const assets = join(consoleDir, 'assets');
  for (const name of readdirSync(assets)) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const content = readFileSync(join(assets, name));
    if (content.length < 1024) continue;
    writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
    writeFileSync(join(assets, `${name}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
  }
  return consoleDir;
}

// Run as a script (`npm run console:build`). Bundled into main.mjs, import.meta.url is the
// bundle's: running the bundle itself (node node_modules/.cache/mono/main.mjs serve) must
// not start a console build with every command.
if (process.argv[1] && import.meta.url.endsWith('/console-build.ts') && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  buildConsole().then(
    (dir) => console.error(`built the console in ${((Date.now() - started) / 1000).toFixed(1)}s: ${dir}`),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectRoot } from '../core/paths';

/** Where `npm ci` (mono internal:prepare) and `npm run console:build` put the built console. */
export const consoleDir = join(projectRoot, 'node_modules', '.cache', 'mono', 'console');

/**
 * The console's pages are the app's own: scripts, styles, API calls and images from this
 * origin only (Mantine sets CSS variables in <style> elements, the favicon is a data: URL).
 * A script injected into the page could read the in-memory session token: this keeps any.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin');
}

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mono console</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5">
<h1>The console is not built</h1>
<p><code>npm ci</code> builds it; after changing its sources, run <code>npm run console:build</code> and reload.</p>
<p>The API works meanwhile: its reference is at <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * Serves the operator console (a single-page app built by Vite into `dir`) at /console:
 * - /console/assets/* — content-hashed files, cached for a year (immutable), served
 *   pre-compressed (.br/.gz next to them) when the browser accepts it;
 * - /console and any client route below it (/console/users/…) — index.html, revalidated
 *   on every load so a new build is picked up at once; a path with a file extension that
 *   is not there answers 404 instead of the page;
 * - / — a redirect to /console.
 */
export async function registerConsole(app: FastifyInstance, options: { dir: string }): Promise<void> {
  const { dir } = options;
  const built = () => existsSync(join(dir, 'index.html'));

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console', 302));

  if (existsSync(join(dir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/console/assets/',
      decorateReply: false,
      preCompressed: true,
      immutable: true,
      maxAge: '365d',
      index: false,
      list: false,
      schemaHide: true,
    });
  }

  const page = async (request: { url: string }, reply: FastifyReply) => {
    const path = request.url.split('?')[0]!;
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (last.includes('.')) return reply.callNotFound();
    if (!built()) return pageHeaders(reply).code(503).type('text/html; charset=utf-8').send(notBuilt);
    return pageHeaders(reply)
      .type('text/html; charset=utf-8')
      .send(await readIndex(dir));
  };
  app.get('/console', { schema: { hide: true } }, page);
  app.get('/console/*', { schema: { hide: true } }, page);
}

/** index.html is a kilobyte: read per request (a rebuild needs no restart), cached by mtime. */
let cached: { path: string; mtimeMs: number; html: string } | undefined;
async function readIndex(dir: string): Promise<string> {
  const { readFile, stat } = await import('node:fs/promises');
  const path = join(dir, 'index.html');
  const { mtimeMs } = await stat(path);
  if (cached?.path !== path || cached.mtimeMs !== mtimeMs) cached = { path, mtimeMs, html: await readFile(path, 'utf8') };
  return cached.html;
}

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp, type MonoApp } from '../../src/app/app';
import { consoleDir } from '../../src/app/console';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/client';
import { seedDemo, seedPlatform } from '../../src/modules/demo/seed';
import { findJob, runJobNow } from '../../src/modules/jobs';
import { ensurePartitions } from '../../src/modules/maintenance/partitions';

/**
 * The console's browser harness: Mono on the embedded engine with the demo marketplace
 * (as `npm start` seeds it) listening on a random port, and Debian's Chromium driven
 * by playwright-core (browsers cannot be downloaded here; `apt-get install chromium`).
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Mono-Demo-2026';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface RunningMono {
  url: string;
  app: MonoApp;
  platform: { email: string; password: string };
  close(): Promise<void>;
}

/** Serves Mono on `db` (migrated) like `mono serve`: partitions, demo seed, a run of each job, a random port. */
export async function startMono(db: Database): Promise<RunningMono> {
  const config = loadConfig({ MONO_DEMO: '1', JOBS: '0', LOG_LEVEL: 'silent', PORT: '0' });
  await ensurePartitions(db, 3);
  const platform = await seedPlatform(db, config);
  await seedDemo(db, config);
  for (const name of ['partitions.ensure', 'sessions.cleanup', 'grants.expire']) await runJobNow(db, findJob(name)!, 'console-test');
  const app = await buildApp({ db, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, app, platform: { email: platform!.email, password: platform!.password }, close: () => app.close() };
}

export function consoleIsBuilt(): boolean {
  return existsSync(`${consoleDir}/index.html`);
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh browser context (no shared state), axe-core injectable despite the console's CSP. */
export async function newPage(browser: Browser, viewport = { width: 1366, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/Vienna', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Signs in through the sign-in form and waits for the signed-in shell. */
export async function signIn(page: Page, url: string, tenant: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/console`);
  await page.getByLabel('Marketplace').fill(tenant);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console navigation' }).waitFor();
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core in the page (WCAG 2.1 A/AA rules); answers the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.mouse.move(0, 0); // no hover state under the last click
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => ({ target: n.target, html: n.html.slice(0, 200) })) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A JSON API call as a given session (for arranging data the console then shows). */
export async function apiCall<T = any>(
  url: string,
  method: string,
  path: string,
  options: { token?: string; tenant?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.tenant ? { 'x-tenant': options.tenant } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(url: string, tenant: string, email: string, password = DEMO_PASSWORD, extra: Record<string, string> = {}): Promise<string> {
  const body = await apiCall<{ token: string }>(url, 'POST', '/api/v1/public/auth/login', { tenant, body: { email, password, ...extra } });
  return body.token;
}

/** A piece of content submitted for review by the demo agency (what the review queue is for). */
export async function submitContentForReview(url: string, title: string): Promise<string> {
  const token = await login(url, 'demo', 'agency@demo.local');
  const accounts = await apiCall<{ data: { account: { id: string; identifier: string } }[] }>(url, 'GET', '/api/v1/user/accounts', { token });
  const agency = accounts.data.find((m) => m.account.identifier === 'elite-faces')!.account.id;
  const content = await apiCall<{ id: string }>(url, 'POST', `/api/v1/account/${agency}/content`, {
    token,
    body: { type: 'ARTICLE', title, body: '## Spring casting\n\nWe are looking for new faces for the spring campaign.', tags: ['casting'] },
  });
  await apiCall(url, 'POST', `/api/v1/account/${agency}/content/${content.id}/submit`, { token, body: {} });
  return content.id;
}

/**
 * A review that waits in the moderation queue: Mia's booking by the agency ended an hour
 * ago (written straight into the table, as the booking flow would leave it), both sides
 * review it (so it is revealed), and the tenant admin reports the agency's one.
 */
export async function reportedReview(url: string, db: Database, body: string): Promise<string> {
  const [mia, agency] = [await login(url, 'demo', 'mia@demo.local'), await login(url, 'demo', 'agency@demo.local')];
  const [miaMe, agencyMe] = [await apiCall(url, 'GET', '/api/v1/user/me', { token: mia }), await apiCall(url, 'GET', '/api/v1/user/me', { token: agency })];
  const [booking] = await db.query<{ id: string }>(
    `insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone, status)
     select tenant_id, $1, $2, 'Lookbook shoot', 'APPOINTMENT', now() - interval '2 hours', now() - interval '1 hour', 'UTC', 'COMPLETED'
       from users where id = $1 returning id`,
    [miaMe.id, agencyMe.id],
  );
  const review = await apiCall<{ id: string }>(url, 'POST', '/api/v1/user/reviews', { token: agency, body: { bookingId: booking!.id, stars: 1, body } });
  await apiCall(url, 'POST', '/api/v1/user/reviews', { token: mia, body: { bookingId: booking!.id, stars: 5, body: 'A pleasure to work with.' } });
  await apiCall(url, 'POST', `/api/v1/user/reviews/${review.id}/report`, {
    token: await login(url, 'demo', 'admin@demo.local'),
    body: { reason: 'Insulting' },
  });
  return review.id;
}

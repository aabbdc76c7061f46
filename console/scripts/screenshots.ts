/**
 * `npm run console:screenshots`: screenshots of the console's main pages into
 * docs/console/*.png — Mono on an in-memory embedded database with the demo
 * marketplace, Debian's Chromium through playwright-core (see test/console/harness.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { prepareDatabase } from '../../src/app/setup';
import { projectRoot } from '../../src/core/paths';
import { openDatabase } from '../../src/db/client';
import { readPgliteTemplate } from '../../src/db/pglite-template';
import { apiCall, consoleIsBuilt, launchBrowser, login, newPage, reportedReview, signIn, startMono, submitContentForReview } from '../../test/console/harness';

const out = join(projectRoot, 'docs', 'console');
const only = process.argv.slice(2);

async function shot(page: Page, name: string, prepare: () => Promise<unknown>) {
  if (only.length && !only.includes(name)) return;
  await prepare();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(250); // transitions
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.error(`docs/console/${name}.png`);
}

if (!consoleIsBuilt()) throw new Error('the console is not built: npm run console:build');
mkdirSync(out, { recursive: true });
const template = readPgliteTemplate();
const db = await openDatabase(template ? { loadDataDir: template } : {});
await prepareDatabase(db, { platformTenant: 'platform' });
const mono = await startMono(db);
const browser = await launchBrowser();
try {
  await submitContentForReview(mono.url, 'Spring casting call: new faces wanted');
  await submitContentForReview(mono.url, 'Behind the scenes at the Vienna shoot');
  const admin = await login(mono.url, 'demo', 'admin@demo.local');
  const users = await apiCall(mono.url, 'GET', '/api/v1/tenant/users?q=mia', { token: admin });
  const mia = users.data[0].id as string;
  const accounts = await apiCall(mono.url, 'GET', '/api/v1/tenant/accounts?q=elite', { token: admin });
  const agency = accounts.data[0].id as string;
  await apiCall(mono.url, 'POST', `/api/v1/tenant/users/${mia}/roles`, { token: admin, body: { role: 'account_viewer', accountId: agency } });
  await apiCall(mono.url, 'PATCH', `/api/v1/tenant/accounts/${agency}`, { token: admin, body: { limits: { maxMembers: 25 } } });
  await reportedReview(mono.url, db, 'Arrived two hours late and blamed everyone else.');
  const webhook = await apiCall(mono.url, 'POST', '/api/v1/tenant/webhooks', {
    token: admin,
    body: { url: 'https://93.184.215.14/hooks/mono', events: ['listing.*', 'booking.*'], description: 'CRM sync' },
  });
  await apiCall(mono.url, 'POST', `/api/v1/tenant/webhooks/${webhook.id}/test`, { token: admin });
  await apiCall(mono.url, 'POST', '/api/v1/tenant/api-keys', {
    token: admin,
    body: { name: 'Nightly export', permissions: ['tenant.users.read', 'tenant.listings.read'] },
  });
  await apiCall(mono.url, 'POST', '/api/v1/public/auth/password-reset', { tenant: 'demo', body: { email: 'mia@demo.local' } });

  const { page } = await newPage(browser, { width: 1440, height: 900 });
  const nav = (name: string | RegExp) =>
    page.getByRole('navigation', { name: 'Console navigation' }).getByRole('link', { name, exact: typeof name === 'string' });

  await shot(page, 'sign-in', async () => {
    await page.goto(`${mono.url}/console?tenant=demo`);
    await page.getByLabel('E-mail').fill('admin@demo.local');
  });
  await signIn(page, mono.url, 'demo', 'admin@demo.local', 'Mono-Demo-2026');
  await shot(page, 'dashboard', () => page.getByRole('heading', { name: 'Recent activity' }).waitFor());
  await shot(page, 'users', async () => {
    await nav('Users').click();
    await page.getByRole('table', { name: 'Users' }).getByText('Mia Model').waitFor();
  });
  await shot(page, 'user', async () => {
    await page.getByRole('link', { name: 'Mia Model' }).click();
    await page.getByRole('heading', { name: 'Roles and permissions' }).waitFor();
    await page.getByRole('button', { name: /^account_viewer/ }).click();
  });
  await shot(page, 'roles', async () => {
    await nav('Roles & permissions').click();
    await page.getByText('account_member').first().click();
  });
  await shot(page, 'accounts', async () => {
    await nav('Accounts').click();
    await page.getByRole('table', { name: 'Accounts' }).getByText('Elite Faces Agency').waitFor();
  });
  await shot(page, 'account', async () => {
    await page.getByRole('link', { name: 'Elite Faces Agency' }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.getByText('mia@demo.local').waitFor();
  });
  await shot(page, 'content-review', async () => {
    await nav(/Content review/).click();
    await page.getByRole('button', { name: 'Spring casting call: new faces wanted' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).waitFor();
  });
  await shot(page, 'audit', async () => {
    await page.keyboard.press('Escape');
    await nav('Audit trail').click();
    await page.getByRole('button', { name: 'Show the changed fields' }).nth(1).click();
  });
  await shot(page, 'history', async () => {
    await nav('Accounts').click();
    await page.getByRole('link', { name: 'Elite Faces Agency' }).click();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByText('History of account').waitFor();
  });
  await shot(page, 'settings', async () => {
    await nav('Settings').click();
    await page.getByLabel('Marketplace name').waitFor();
  });
  await shot(page, 'listings', async () => {
    await nav('Listings').click();
    await page.getByRole('table', { name: 'Listings' }).getByRole('button').first().waitFor();
  });
  await shot(page, 'reviews', async () => {
    await nav('Reviews').click();
    await page.getByText('Arrived two hours late').waitFor();
  });
  await shot(page, 'webhook', async () => {
    await nav('Webhooks').click();
    await page.getByRole('link', { name: 'https://93.184.215.14/hooks/mono' }).click();
    await page.getByRole('table', { name: 'Deliveries' }).getByText('webhook.test').waitFor();
  });
  await shot(page, 'api-keys', async () => {
    await nav('API keys').click();
    await page.getByText('Nightly export').waitFor();
  });
  await shot(page, 'mail', async () => {
    await nav('Mail log').click();
    await page.getByText('auth.password-reset').first().waitFor();
  });
  await shot(page, 'tablet', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await nav('Dashboard').click();
    await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
  });

  const platform = await newPage(browser, { width: 1440, height: 900 });
  await signIn(platform.page, mono.url, 'platform', mono.platform.email, mono.platform.password);
  const pnav = (name: string) => platform.page.getByRole('navigation', { name: 'Console navigation' }).getByRole('link', { name, exact: true });
  await shot(platform.page, 'platform-tenants', async () => {
    await pnav('Tenants').click();
    await platform.page.getByRole('link', { name: 'Demo Model Agency Network' }).waitFor();
  });
  await shot(platform.page, 'platform-jobs', async () => {
    await pnav('Jobs').click();
    await platform.page.getByText('partitions.ensure').waitFor();
  });
} finally {
  await browser.close();
  await mono.close();
  await db.close();
}

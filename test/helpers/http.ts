import { appendFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type MonoApp } from '../../src/app/app';
import { type Config, loadConfig } from '../../src/config';
import { systemContext } from '../../src/core/context';
import { createTenantService } from '../../src/modules/tenants/service';
import { openTestDatabase, type TestDatabase, testEngines } from './db';
import { uniqueIdentifier } from './graph';
import { TenantStatementLog } from './tenant-predicates';

export const PASSWORD = 'Correct-Horse-9-Battery';

/** Two keys, so that tests see rotation work: "new" encrypts, "old" still decrypts. */
export const TEST_SECRETS_KEYS = `new:${Buffer.alloc(32, 7).toString('base64')},old:${Buffer.alloc(32, 3).toString('base64')}`;

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ MONO_DEMO: '0', JOBS: '0', LOG_LEVEL: 'silent', SECRETS_KEYS: TEST_SECRETS_KEYS, ...overrides });
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/** A client of the in-process app: optional session token and tenant header. */
export class Client {
  constructor(
    readonly app: MonoApp,
    readonly token?: string,
    readonly tenant?: string,
  ) {}

  as(token: string | undefined, tenant = this.tenant): Client {
    return new Client(this.app, token, tenant);
  }

  forTenant(identifier: string | undefined): Client {
    return new Client(this.app, this.token, identifier);
  }

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const raw = await this.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(this.tenant ? { 'x-tenant': this.tenant } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    let parsed: unknown = raw.body;
    try {
      parsed = raw.body ? JSON.parse(raw.body) : undefined;
    } catch {
      // not JSON (docs, files)
    }
    return { status: raw.statusCode, body: parsed as T, headers: raw.headers, raw };
  }

  get = <T = any>(url: string, headers?: Record<string, string>) => this.request<T>('GET', url, undefined, headers);
  post = <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', url, body ?? {}, headers);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body ?? {});
  put = <T = any>(url: string, body?: unknown) => this.request<T>('PUT', url, body ?? {});
  delete = <T = any>(url: string) => this.request<T>('DELETE', url);
}

export interface TestTenant {
  id: string;
  identifier: string;
  admin: { id: string; email: string; token: string };
  /** Anonymous client for this tenant (X-Tenant set). */
  anon: Client;
  /** The tenant admin's client. */
  adminClient: Client;
}

export interface HttpFixture {
  db: TestDatabase;
  app: MonoApp;
  config: Config;
  client: Client;
}

/** A tenant with an admin, created through the service (as `mono tenant create` would), admin signed in through the API. */
export async function createTestTenant(app: MonoApp, label = 'tenant', options: { identifier?: string } = {}): Promise<TestTenant> {
  const identifier = options.identifier ?? uniqueIdentifier(label);
  const service = createTenantService({ db: app.deps.db, config: app.deps.config });
  const email = `admin@${identifier}.test`;
  const created = await service.create(systemContext(null, 'test'), {
    identifier,
    name: `Tenant ${identifier}`,
    status: 'ACTIVE',
    admin: { email, password: PASSWORD, displayName: `Admin of ${identifier}` },
  });
  const anon = new Client(app, undefined, identifier);
  const token = await login(anon, email);
  return { id: created.tenant.id, identifier, admin: { id: created.admin.id, email, token }, anon, adminClient: anon.as(token) };
}

export async function login(anon: Client, email: string, password = PASSWORD, extra: Record<string, string> = {}): Promise<string> {
  const response = await anon.post('/api/v1/public/auth/login', { email, password, ...extra });
  if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token;
}

/** A new user registered through the API and signed in. */
export async function signUp(tenant: TestTenant, label = 'user'): Promise<{ id: string; email: string; token: string; client: Client }> {
  const email = `${uniqueIdentifier(label)}@${tenant.identifier}.test`;
  const registered = await tenant.anon.post('/api/v1/public/auth/register', { email, password: PASSWORD, displayName: `User ${label}` });
  if (registered.status !== 202) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const token = await login(tenant.anon, email);
  const client = tenant.anon.as(token);
  const me = await client.get('/api/v1/user/me');
  return { id: me.body.id, email, token, client };
}

/**
 * describe() once per engine with an app on a fresh database:
 *   describeHttp('accounts', (t) => { it('…', async () => { await t.client.get('/health') }) })
 */
export function describeHttp(name: string, body: (fixture: HttpFixture) => void, options: { config?: Record<string, string> } = {}): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      const fixture = {} as HttpFixture;
      const statements = new TenantStatementLog();
      beforeAll(async () => {
        fixture.db = await openTestDatabase(engine, { observe: statements.observe });
        fixture.config = testConfig(options.config);
        fixture.app = await buildApp({ db: fixture.db, config: fixture.config });
        fixture.client = new Client(fixture.app);
      }, 60_000);
      afterAll(async () => {
        await fixture.app?.close();
        await fixture.db?.close();
      });
      body(fixture);
      it('answered only error codes its routes declare', () => {
        if (process.env.MONO_DUMP_UNDECLARED) appendFileSync(process.env.MONO_DUMP_UNDECLARED, [...fixture.app.undeclaredErrors].map((l) => `${l}\n`).join(''));
        expect([...fixture.app.undeclaredErrors]).toEqual([]);
      });
      it('named the tenant in every statement it ran for a tenant (tenant_id predicate on every scan)', async () => {
        expect(await statements.violations(fixture.db)).toEqual([]);
      }, 120_000);
    });
  }
}

/** The latest e-mail of a template sent to an address (read from the outbox as the owner). */
export async function lastMail(
  db: TestDatabase,
  to: string,
  template: string,
): Promise<{ subject: string; body_text: string; payload: Record<string, any> } | undefined> {
  const rows = await db.query<{ subject: string; body_text: string; payload: Record<string, any> }>(
    'select subject, body_text, payload from mail_outbox where to_email = $1 and template = $2 order by created_at desc, id desc limit 1',
    [to, template],
  );
  return rows[0];
}

/** One file into a media library (`/api/v1/user/media`, `/api/v1/account/{id}/media`) as multipart, as a browser sends it; 201 expected. */
export async function uploadFile(client: Client, url: string, data: Buffer, filename: string): Promise<{ id: string; size: number }> {
  const boundary = 'mono-test-upload-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const raw = await client.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${client.token}`, 'x-tenant': client.tenant!, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  if (raw.statusCode !== 201) throw new Error(`upload ${filename} failed: ${raw.statusCode} ${raw.body}`);
  return raw.json();
}

/** Bytes of a download (status, headers, raw body), with the client's session and tenant. */
export async function downloadBytes(client: Client, url: string, options: { method?: 'GET' | 'HEAD'; headers?: Record<string, string> } = {}) {
  const raw = await client.app.inject({
    method: options.method ?? 'GET',
    url,
    headers: {
      ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
      ...(client.tenant ? { 'x-tenant': client.tenant } : {}),
      ...options.headers,
    },
  });
  return { status: raw.statusCode, headers: raw.headers, body: raw.rawPayload };
}

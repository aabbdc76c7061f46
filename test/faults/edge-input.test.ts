import { type AddressInfo, connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/app';
import { openTestDatabase } from '../helpers/db';
import { createTestTenant, describeHttp, type TestTenant, testConfig } from '../helpers/http';

/**
 * Input that must be refused at the edge with a 4xx problem, before it reaches the
 * database: the NUL character anywhere (PostgreSQL refuses it in text and jsonb), broken
 * multipart bodies; and the health endpoints split into liveness and readiness.
 */
describeHttp('faults: input refused at the edge, health', (t) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'edge');
  });

  const expectNulRefused = (res: { status: number; headers: Record<string, unknown>; body: any }) => {
    expect(res.status).toBe(400);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.detail).toMatch(/NUL/);
  };

  it('refuses NUL in a body string, a JSON object key, a query value and a path parameter', async () => {
    const admin = tenant.adminClient;
    // A free-text field that would otherwise be stored as is.
    const body = await admin.patch('/api/v1/user/profile', { displayName: 'Eve\u0000', bio: 'fine' });
    expectNulRefused(body);
    expect(body.body.errors[0].path).toBe('body.displayName');
    const key = await admin.patch('/api/v1/tenant/settings', { 'bad\u0000key': 1 });
    expectNulRefused(key);
    const query = await tenant.anon.get('/api/v1/public/content?q=%00');
    expectNulRefused(query);
    const path = await tenant.anon.get('/api/v1/public/content/hello%00world');
    expectNulRefused(path);
    // Nothing was written by the refused requests.
    const profile = await admin.get('/api/v1/user/profile');
    expect(profile.status).toBe(200);
    expect(profile.body.bio).not.toBe('fine');
  });

  it('answers a truncated multipart body and a multipart type without boundary with a 4xx problem', async () => {
    const admin = tenant.adminClient;
    const boundary = 'mono-truncated';
    const truncated = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello wor`,
    );
    const cut = await admin.request('POST', '/api/v1/user/media', truncated as unknown as string, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(cut.status).toBeGreaterThanOrEqual(400);
    expect(cut.status).toBeLessThan(500);
    expect(String(cut.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const noBoundary = await admin.request('POST', '/api/v1/user/media', 'whatever', { 'content-type': 'multipart/form-data' });
    expect(noBoundary.status).toBeGreaterThanOrEqual(400);
    expect(noBoundary.status).toBeLessThan(500);
    expect(String(noBoundary.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const nulField = await admin.request(
      'POST',
      '/api/v1/user/media',
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nbad\u0000title\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
      ) as unknown as string,
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(nulField.status).toBe(400);
    const files = await admin.get('/api/v1/user/media');
    expect(files.body.data).toEqual([]);
  });

  it('splits health: live never touches the database, ready and /health check it', async () => {
    for (const path of ['/health/live', '/health/ready', '/health']) {
      const res = await t.client.get(path);
      expect(res.status, path).toBe(200);
      expect(res.body).toEqual({ status: 'ok', engine: t.db.engine });
    }
  });
});

describe('faults: a request body that trickles in', () => {
  it('is cut off after REQUEST_TIMEOUT_MS with a 408 problem', async () => {
    const db = await openTestDatabase('pglite');
    const app = await buildApp({ db, config: testConfig({ REQUEST_TIMEOUT_MS: '600' }) });
    try {
      const tenant = await createTestTenant(app, 'trickle');
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /api/v1/public/auth/login HTTP/1.1\r\nHost: localhost\r\nX-Tenant: ${tenant.identifier}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":`,
          );
        });
        // One byte every 100 ms: the body never completes within the timeout.
        const drip = setInterval(() => socket.write(' '), 100);
        const giveUp = setTimeout(() => socket.destroy(new Error('no answer within 8 s')), 8000);
        let received = '';
        socket.on('data', (chunk) => {
          received += chunk;
        });
        socket.on('error', reject);
        socket.on('close', () => {
          clearInterval(drip);
          clearTimeout(giveUp);
          resolve(received);
        });
      });
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 408 /);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(body!)).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await app.close();
      await db.close();
    }
  }, 30_000);
});

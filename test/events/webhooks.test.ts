import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { secretBox } from '../../src/config';
import { systemContext } from '../../src/core/context';
import { withTenant } from '../../src/db/tenant-context';
import { emitEvent, MAX_ATTEMPTS, retryDelayMs, startWebhookWorker, type WebhookWorker } from '../../src/modules/events';
import { claimDeliveries } from '../../src/modules/events/delivery';
import { outboxMailer } from '../../src/modules/mail';
import { createTestTenant, describeHttp, lastMail, signUp, type TestTenant } from '../helpers/http';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real receiver on loopback; `answer` decides each response (status, or a delay first). */
async function startReceiver() {
  const received: Received[] = [];
  let answer: (r: Received) => Promise<number> | number = () => 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const status = await answer(r);
      if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'thanks' : 'receiver says no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    port,
    setAnswer(fn: typeof answer) {
      answer = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(25);
  }
}

describeHttp(
  'webhooks',
  (t) => {
    let tenant: TestTenant;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let worker: WebhookWorker | undefined;

    const startWorker = (options: { allowLoopback?: boolean; timeoutMs?: number; disableAfter?: number } = {}) => {
      worker = startWebhookWorker({
        db: t.db,
        openSecret: (stored) => secretBox(t.config).open(stored),
        timeoutMs: options.timeoutMs ?? 1000,
        allowLoopback: options.allowLoopback ?? true,
        retryDelay: () => 0,
        disableAfter: options.disableAfter ?? 10,
        maxAttempts: 5,
        pollMs: 20,
        concurrency: 4,
        mailer: outboxMailer(),
      });
    };

    const register = async (path: string, events: string[] = ['listing.*'], host = '127.0.0.1') => {
      const created = await tenant.adminClient.post('/api/v1/tenant/webhooks', { url: `http://${host}:${receiver.port}${path}`, events, description: path });
      expect(created.status).toBe(201);
      return created.body as { id: string; secret: string };
    };

    const emit = (type: string, payload: Record<string, unknown>) =>
      withTenant(t.db, systemContext(tenant.id, 'test'), (tx) =>
        emitEvent(tx, { type, actorId: tenant.admin.id, resourceType: 'listing', resourceId: null, payload }),
      );

    const deliveriesOf = async (webhookId: string) => (await tenant.adminClient.get(`/api/v1/tenant/webhooks/${webhookId}/deliveries`)).body.data;
    const detail = async (deliveryId: string) => (await tenant.adminClient.get(`/api/v1/tenant/webhooks/deliveries/${deliveryId}`)).body;

    beforeAll(async () => {
      tenant = await createTestTenant(t.app, 'hooks');
      receiver = await startReceiver();
    });
    afterEach(async () => {
      await worker?.stop();
      worker = undefined;
      receiver.setAnswer(() => 200);
    });
    afterAll(async () => {
      await receiver?.close();
    });

    it('shows the secret once, lists, changes and deletes endpoints', async () => {
      const hook = await register('/crud', ['listing.*', 'booking.confirmed']);
      expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      // stored sealed under the active key (core/secret-box.ts), never as shown
      const [stored] = await t.db.query<{ secret: string }>('select secret from webhook_endpoints where id = $1', [hook.id]);
      expect(stored!.secret).toMatch(/^enc:v1:new:/);
      expect(stored!.secret).not.toContain(hook.secret.slice(6));
      const shown = await tenant.adminClient.get(`/api/v1/tenant/webhooks/${hook.id}`);
      expect(shown.body).toMatchObject({ id: hook.id, events: ['listing.*', 'booking.confirmed'], enabled: true, description: '/crud' });
      expect(JSON.stringify(shown.body)).not.toContain('whsec_');
      expect(JSON.stringify((await tenant.adminClient.get('/api/v1/tenant/webhooks')).body)).not.toContain('whsec_');
      const changed = await tenant.adminClient.patch(`/api/v1/tenant/webhooks/${hook.id}`, { events: ['*'], enabled: false });
      expect(changed.body).toMatchObject({ events: ['*'], enabled: false, disabledReason: 'disabled by an administrator' });
      expect((await tenant.adminClient.post(`/api/v1/tenant/webhooks/${hook.id}/test`)).body.code).toBe('WEBHOOK_DISABLED');
      expect((await tenant.adminClient.patch(`/api/v1/tenant/webhooks/${hook.id}`, {})).body).toMatchObject({ events: ['*'], enabled: false });
      expect((await tenant.adminClient.patch(`/api/v1/tenant/webhooks/${hook.id}`, { url: 'https://10.1.1.1/x' })).body.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
      expect((await tenant.adminClient.delete(`/api/v1/tenant/webhooks/${hook.id}`)).status).toBe(204);
      expect((await tenant.adminClient.get(`/api/v1/tenant/webhooks/${hook.id}`)).status).toBe(404);
      const plain = await signUp(tenant, 'nohooks');
      expect((await plain.client.get('/api/v1/tenant/webhooks')).status).toBe(403);
    });

    it('delivers matching events signed per Standard Webhooks to a real receiver', async () => {
      const hook = await register('/signed', ['listing.*']);
      await emit('listing.published', { title: 'Runway' });
      await emit('booking.confirmed', { ignored: true }); // not in the filters
      startWorker();
      const got = await until(async () => receiver.received.find((r) => r.path === '/signed'));
      const verified = new Webhook(hook.secret).verify(got.body, got.headers as Record<string, string>) as Record<string, any>;
      expect(verified).toMatchObject({ type: 'listing.published', actorId: tenant.admin.id, data: { title: 'Runway' }, resource: { type: 'listing' } });
      expect(() =>
        new Webhook(`whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`).verify(got.body, got.headers as Record<string, string>),
      ).toThrow();
      const [delivery] = await until(async () => {
        const list = await deliveriesOf(hook.id);
        return list.length === 1 && list[0].status === 'succeeded' && list;
      });
      expect(got.headers['webhook-id']).toBe(delivery.id);
      const one = await detail(delivery.id);
      expect(one.attemptLog).toEqual([expect.objectContaining({ statusCode: 200, responseExcerpt: 'thanks', error: null })]);
      expect(receiver.received.filter((r) => r.path === '/signed')).toHaveLength(1);
    });

    it('retries after 500s and timeouts, then succeeds; logs every attempt', async () => {
      const hook = await register('/flaky');
      let calls = 0;
      receiver.setAnswer(async (r) => {
        if (r.path !== '/flaky') return 200;
        calls += 1;
        if (calls <= 2) return 500;
        if (calls === 3) await sleep(3000); // longer than the worker's timeout (with room for a busy machine)
        return 200;
      });
      await emit('listing.closed', { n: 1 });
      startWorker({ timeoutMs: 1500 });
      const delivery = await until(async () => {
        const [d] = await deliveriesOf(hook.id);
        return d?.status === 'succeeded' && d;
      });
      expect(delivery.attempts).toBe(4);
      const log = (await detail(delivery.id)).attemptLog;
      expect(log.map((a: { statusCode: number | null }) => a.statusCode)).toEqual([500, 500, null, 200]);
      expect(log[0]).toMatchObject({ error: 'HTTP 500', responseExcerpt: 'receiver says no' });
      expect(log[2].error).toMatch(/timed out after 1500 ms/);
      for (const a of log) expect(a.durationMs).toBeGreaterThanOrEqual(0);
      expect(log[2].durationMs).toBeGreaterThanOrEqual(1400);
    });

    it('does not let a slow receiver hold up the others', async () => {
      const slow = await register('/slow');
      const fast = await register('/fast');
      receiver.setAnswer(async (r) => {
        if (r.path === '/slow') await sleep(4000);
        return 200;
      });
      await emit('listing.created', { n: 'one' });
      startWorker({ timeoutMs: 6000 });
      const started = Date.now();
      await until(async () => (await deliveriesOf(fast.id))[0]?.status === 'succeeded');
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await deliveriesOf(slow.id))[0].status).toBe('sending');
      await until(async () => (await deliveriesOf(slow.id))[0]?.status === 'succeeded', 10_000);
    });

    it('disables an endpoint after a run of failures and tells the tenant admins', async () => {
      const hook = await register('/dead');
      receiver.setAnswer((r) => (r.path === '/dead' ? 500 : 200));
      await emit('listing.expired', { n: 1 });
      await emit('listing.expired', { n: 2 });
      startWorker({ disableAfter: 3 });
      const disabled = await until(async () => {
        const h = (await tenant.adminClient.get(`/api/v1/tenant/webhooks/${hook.id}`)).body;
        return !h.enabled && h;
      });
      expect(disabled.disabledReason).toMatch(/^3 failed attempts in a row; last: HTTP 500/);
      const notice = await until(() => lastMail(t.db, tenant.admin.email, 'webhooks.endpoint-disabled'));
      expect(notice.body_text).toContain(`/dead`);
      // nothing is sent to a disabled endpoint; enabling it sends what waited
      await worker?.stop(); // an attempt claimed before the disablement may still have landed
      const before = receiver.received.filter((r) => r.path === '/dead').length;
      startWorker({ disableAfter: 3 });
      await sleep(150);
      expect(receiver.received.filter((r) => r.path === '/dead').length).toBe(before);
      receiver.setAnswer(() => 200);
      const enabled = await tenant.adminClient.patch(`/api/v1/tenant/webhooks/${hook.id}`, { enabled: true });
      expect(enabled.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
      await until(async () => (await deliveriesOf(hook.id)).every((d: { status: string }) => d.status === 'succeeded'));
    });

    it('rotates the secret with an overlap in which both secrets sign', async () => {
      const hook = await register('/rotate', ['*']);
      const rotated = await tenant.adminClient.post(`/api/v1/tenant/webhooks/${hook.id}/rotate-secret`, { overlapSeconds: 3600 });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(hook.secret);
      expect(rotated.body.previousSecretExpiresAt).toMatch(/Z$/);
      const test = await tenant.adminClient.post(`/api/v1/tenant/webhooks/${hook.id}/test`);
      expect(test.status).toBe(202);
      startWorker();
      const got = await until(async () => receiver.received.find((r) => r.path === '/rotate'));
      expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
      const headers = got.headers as Record<string, string>;
      expect(new Webhook(rotated.body.secret).verify(got.body, headers)).toMatchObject({ type: 'webhook.test' });
      expect(new Webhook(hook.secret).verify(got.body, headers)).toMatchObject({ type: 'webhook.test' });
      // redelivery: the same payload as a new message
      const redelivered = await tenant.adminClient.post(`/api/v1/tenant/webhooks/deliveries/${test.body.id}/redeliver`);
      expect(redelivered.status).toBe(202);
      expect(redelivered.body.id).not.toBe(test.body.id);
      await until(async () => receiver.received.filter((r) => r.path === '/rotate').length === 2);
    });

    it('refuses loopback targets at delivery when loopback is not allowed (localhost resolves to 127.0.0.1)', async () => {
      const hook = await register('/ssrf', ['listing.*'], 'localhost');
      await emit('listing.paused', { n: 1 });
      startWorker({ allowLoopback: false });
      const delivery = await until(async () => {
        const [d] = await deliveriesOf(hook.id);
        return d?.attempts >= 1 && d.status === 'pending' && d;
      });
      expect(delivery.lastError).toMatch(/^refused: .*loopback/);
      expect(receiver.received.filter((r) => r.path === '/ssrf')).toHaveLength(0);
    });

    it('a claim takes no more deliveries than asked, and a second claim none of those', async () => {
      const hook = await register('/limit', ['listing.*']);
      for (let i = 0; i < 5; i++) await emit('listing.updated', { n: i });
      const first = await claimDeliveries(t.db, 2, 60);
      expect(first).toHaveLength(2);
      const second = await claimDeliveries(t.db, 50, 60);
      const firstIds = first.map((c) => c.id);
      expect(second.filter((c) => firstIds.includes(c.id))).toEqual([]);
      expect(second.filter((c) => c.endpoint_id === hook.id).length + first.filter((c) => c.endpoint_id === hook.id).length).toBe(5);
    });

    it('refuses non-https and internal URLs at registration', async () => {
      for (const url of ['http://hooks.example.com/in', 'https://169.254.169.254/latest', 'https://10.0.0.1/in', 'ftp://x.example/']) {
        const refused = await tenant.adminClient.post('/api/v1/tenant/webhooks', { url, events: ['*'] });
        expect([400, 422], url).toContain(refused.status);
      }
      expect((await tenant.adminClient.post('/api/v1/tenant/webhooks', { url: 'https://10.0.0.1/in', events: ['*'] })).body.code).toBe(
        'WEBHOOK_URL_NOT_ALLOWED',
      );
    });

    it('retries with exponential backoff and jitter over more than a day', () => {
      const low = () => 0;
      let least = 0;
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) least += retryDelayMs(attempt, low);
      expect(least).toBeGreaterThan(24 * 3600_000);
      expect(retryDelayMs(1, low)).toBe(24_000);
      expect(retryDelayMs(1, () => 1)).toBe(36_000);
      expect(retryDelayMs(3, () => 0.5)).toBe(120_000);
    });
  },
  { config: { WEBHOOKS_ALLOW_LOOPBACK: '1' } },
);

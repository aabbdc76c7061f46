import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { withTenant } from '../../src/db/tenant-context';
import { deliverDueMail, logTransport, outboxMailer } from '../../src/modules/mail';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

describeHttp('GET /api/v1/tenant/mail', (t) => {
  let tenant: TestTenant;
  let other: TestTenant;

  const queue = (target: TestTenant, to: string) =>
    withTenant(t.db, systemContext(target.id, 'test'), (tx) =>
      outboxMailer().send(tx, tx.tenantId, { to, subject: `For ${to}`, text: 'secret link http://localhost/x?token=abc', template: 'test.hello' }),
    );

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'outbox');
    other = await createTestTenant(t.app, 'outboxother');
    await queue(tenant, 'one@example.test');
    await queue(tenant, 'two@example.test');
    await deliverDueMail(t.db, logTransport({ log: { info: () => undefined }, from: 'a@b.c' }));
    await queue(tenant, 'three@example.test');
    await queue(other, 'elsewhere@example.test');
    await t.db.query(
      `update mail_outbox set status = 'failed', failed_at = now(), last_error = '550 No such user', transport = null, sent_at = null where to_email = 'two@example.test'`,
    );
  });

  it('lists the tenant’s messages newest first with their delivery status, never their text', async () => {
    const page = await tenant.adminClient.get('/api/v1/tenant/mail');
    expect(page.status).toBe(200);
    const mine = page.body.data.filter((m: { template: string }) => m.template === 'test.hello');
    expect(mine.map((m: { to: string }) => m.to)).toEqual(['three@example.test', 'two@example.test', 'one@example.test']);
    expect(mine[0]).toMatchObject({
      status: 'queued',
      attempts: 0,
      transport: null,
      sentAt: null,
      failedAt: null,
      lastError: null,
      subject: 'For three@example.test',
    });
    expect(mine[0].nextAttemptAt).toMatch(/Z$/);
    expect(mine[1]).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 No such user', nextAttemptAt: null });
    expect(mine[2]).toMatchObject({ status: 'sent', attempts: 1, transport: 'log', nextAttemptAt: null });
    expect(mine[2].sentAt).toMatch(/Z$/);
    expect(JSON.stringify(page.body)).not.toContain('token=abc');
    expect(JSON.stringify(page.body)).not.toContain('elsewhere@example.test'); // another tenant's mail
  });

  it('filters by status and pages with a cursor', async () => {
    const failed = await tenant.adminClient.get('/api/v1/tenant/mail?status=failed');
    expect(failed.body.data.map((m: { to: string }) => m.to)).toEqual(['two@example.test']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } = await tenant.adminClient.get(
        `/api/v1/tenant/mail?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((m) => m.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await tenant.adminClient.get('/api/v1/tenant/mail?limit=100');
    expect(seen).toEqual(all.body.data.map((m: { id: string }) => m.id));
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect((await tenant.adminClient.get('/api/v1/tenant/mail?status=lost')).status).toBe(400);
  });

  it('is for administrators only', async () => {
    const user = await signUp(tenant, 'plain');
    expect((await user.client.get('/api/v1/tenant/mail')).status).toBe(403);
    expect((await tenant.anon.get('/api/v1/tenant/mail')).status).toBe(401);
  });
});

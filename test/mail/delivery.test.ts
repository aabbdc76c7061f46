import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { withTenant } from '../../src/db/tenant-context';
import { deliverDueMail, logTransport, type MailTransport, outboxMailer, smtpTransport, startMailWorker } from '../../src/modules/mail';
import { uniqueIdentifier } from '../helpers/graph';
import { createTestTenant, describeHttp, PASSWORD, type TestTenant } from '../helpers/http';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp';

const FROM = 'Mono Test <no-reply@mono.example>';

interface OutboxState {
  id: string;
  status: string;
  attempts: number;
  transport: string | null;
  last_error: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
  due_in_ms: number;
}

describeHttp('mail delivery over SMTP', (t) => {
  let sink: SmtpSink;
  let smtp: MailTransport;
  let tenant: TestTenant;
  const transports: MailTransport[] = [];

  const state = async (to: string) =>
    (
      await t.db.query<OutboxState>(
        `select id, status, attempts, transport, last_error, sent_at, failed_at,
                (extract(epoch from next_attempt_at - now()) * 1000)::int as due_in_ms
           from mail_outbox where to_email = $1 order by created_at`,
        [to],
      )
    )[0];

  /** Queues a message the way every use case does: in a tenant transaction, through the mailer. */
  const queue = (to: string, subject = 'Hello', tenantId = tenant.id) =>
    withTenant(t.db, systemContext(tenantId, 'test'), (tx) =>
      outboxMailer().send(tx, tx.tenantId, { to, subject, text: `Hi ${to}: http://localhost/x`, template: 'test.hello' }),
    );

  const newTransport = () => {
    const transport = smtpTransport({ url: sink.url, from: FROM, concurrency: 3 });
    transports.push(transport);
    return transport;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    smtp = newTransport();
    tenant = await createTestTenant(t.app, 'mail');
    // whatever creating the tenant queued is out of the way of the counts below
    await deliverDueMail(t.db, smtp);
  });
  afterAll(async () => {
    for (const transport of transports) transport.close();
    await sink?.close();
  });

  it('delivers the verification e-mail to the SMTP server; its link verifies the address', async () => {
    const email = `${uniqueIdentifier('new')}@example.test`;
    const registered = await tenant.anon.post('/api/v1/public/auth/register', { email, password: PASSWORD, displayName: 'New Person' });
    expect(registered.status).toBe(202);
    expect(sink.to(email)).toEqual([]); // the worker sends, not the request

    const report = await deliverDueMail(t.db, smtp);
    expect(report).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 });

    const [mail] = sink.to(email);
    expect(mail!.user).toBe('user'); // signed in with the credentials of the URL
    expect(mail!.envelopeFrom).toBe('no-reply@mono.example');
    expect(mail!.parsed.from?.value).toEqual([{ name: 'Mono Test', address: 'no-reply@mono.example' }]);
    expect(mail!.parsed.to).toMatchObject({ value: [{ address: email }] });
    expect(mail!.parsed.subject).toBe('Confirm your e-mail address');
    const row = await state(email);
    expect(mail!.parsed.messageId).toBe(`<${row!.id}@mono.example>`);
    expect(mail!.parsed.headers.get('x-mono-template')).toBe('auth.verify-email');
    const link = /(http:\/\/localhost:3000\/console\/verify-email\?token=(\S+))/.exec(mail!.parsed.text ?? '');
    expect(link, mail!.parsed.text).not.toBeNull();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, transport: 'smtp', last_error: null, failed_at: null });
    expect(row!.sent_at).toBeInstanceOf(Date);

    expect((await tenant.anon.post('/api/v1/public/auth/verify-email', { token: link![2] })).status).toBe(204);
    const [user] = await t.db.query<{ email_verified_at: Date | null }>('select email_verified_at from users where email = $1', [email]);
    expect(user!.email_verified_at).toBeInstanceOf(Date);

    expect(await deliverDueMail(t.db, smtp)).toMatchObject({ claimed: 0 }); // sent once
    expect(sink.to(email)).toHaveLength(1);
  });

  it('retries a temporary refusal (451) with backoff, then delivers', async () => {
    const email = `${uniqueIdentifier('later')}@example.test`;
    let refusals = 0;
    sink.refuse = (to) => (to === email && refusals++ < 2 ? { code: 451, message: 'Greylisted, try again later' } : undefined);
    await queue(email);

    expect(await deliverDueMail(t.db, smtp, { retryBaseMs: 1000 })).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    let row = await state(email);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, sent_at: null, failed_at: null });
    expect(row!.last_error).toMatch(/451.*Greylisted/);
    expect(row!.due_in_ms).toBeGreaterThan(500); // 1 s: not due yet, the next run leaves it
    expect(await deliverDueMail(t.db, smtp, { retryBaseMs: 1000 })).toMatchObject({ claimed: 0 });

    await new Promise((resolve) => setTimeout(resolve, row!.due_in_ms + 50));
    expect(await deliverDueMail(t.db, smtp, { retryBaseMs: 1000 })).toMatchObject({ claimed: 1, retried: 1 });
    row = await state(email);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row!.due_in_ms).toBeGreaterThan(1200); // doubled: 2 s
    expect(row!.due_in_ms).toBeLessThanOrEqual(2000);

    await new Promise((resolve) => setTimeout(resolve, row!.due_in_ms + 50));
    expect(await deliverDueMail(t.db, smtp, { retryBaseMs: 1000 })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await state(email)).toMatchObject({ status: 'sent', attempts: 3, transport: 'smtp', last_error: null });
    expect(sink.to(email)).toHaveLength(1);
    expect(refusals).toBe(3); // two refused, the third accepted
  });

  it('gives up on a temporary failure after maxAttempts', async () => {
    const email = `${uniqueIdentifier('never')}@example.test`;
    sink.refuse = (to) => (to === email ? { code: 421, message: 'Service not available' } : undefined);
    await queue(email);
    expect(await deliverDueMail(t.db, smtp, { maxAttempts: 1 })).toMatchObject({ claimed: 1, failed: 1 });
    const row = await state(email);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sent_at: null });
    expect(row!.last_error).toMatch(/^gave up after 1 attempts: .*421/);
  });

  it('marks a permanent refusal (550) failed and never tries it again', async () => {
    const email = `${uniqueIdentifier('nobody')}@example.test`;
    sink.refuse = (to) => (to === email ? { code: 550, message: 'No such user here' } : undefined);
    await queue(email);
    expect(await deliverDueMail(t.db, smtp)).toMatchObject({ claimed: 1, sent: 0, retried: 0, failed: 1 });
    const row = await state(email);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sent_at: null, transport: null });
    expect(row!.failed_at).toBeInstanceOf(Date);
    expect(row!.last_error).toMatch(/550.*No such user here/);
    expect(await deliverDueMail(t.db, smtp)).toMatchObject({ claimed: 0 });
    expect(sink.to(email)).toEqual([]);
  });

  it('a server that cannot be reached is a temporary failure', async () => {
    const email = `${uniqueIdentifier('offline')}@example.test`;
    await queue(email);
    const closed = await startSmtpSink();
    await closed.close(); // a port nobody listens on any more
    const offline = smtpTransport({ url: closed.url, from: FROM });
    transports.push(offline);
    expect(await deliverDueMail(t.db, offline)).toMatchObject({ claimed: 1, retried: 1 });
    const row = await state(email);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row!.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
    await t.db.query(`update mail_outbox set next_attempt_at = now() where to_email = $1`, [email]);
    expect(await deliverDueMail(t.db, smtp)).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.to(email)).toHaveLength(1);
  });

  it('two workers at once send each message exactly once', async () => {
    sink.refuse = () => undefined;
    const batch = uniqueIdentifier('burst');
    const addresses = Array.from({ length: 30 }, (_, i) => `${batch}-${i}@example.test`);
    for (const address of addresses) await queue(address, 'Burst');
    const drain = async (transport: MailTransport) => {
      let sent = 0;
      for (;;) {
        const report = await deliverDueMail(t.db, transport, { batchSize: 4 });
        sent += report.sent;
        if (report.claimed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([drain(newTransport()), drain(newTransport())]);
    expect(a + b).toBe(30);
    for (const address of addresses) expect(sink.to(address), address).toHaveLength(1);
    const ids = sink.received.filter((m) => m.parsed.subject === 'Burst').map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(30);
    const [count] = await t.db.query<{ n: number }>(`select count(*)::int as n from mail_outbox where to_email like $1 and status = 'sent' and attempts = 1`, [
      `${batch}-%`,
    ]);
    expect(count!.n).toBe(30);
  });

  it('a batch takes due messages of several tenants, tenant by tenant, the longest waiting first, never more than its size', async () => {
    sink.refuse = () => undefined;
    const other = await createTestTenant(t.app, 'mail-other');
    await deliverDueMail(t.db, smtp); // what creating it queued
    const batch = uniqueIdentifier('tenants');
    const [a1, a2, b1, b2] = ['a1', 'a2', 'b1', 'b2'].map((n) => `${batch}-${n}@example.test`) as [string, string, string, string];
    for (const [to, tenantId] of [
      [a1, tenant.id],
      [a2, tenant.id],
      [b1, other.id],
      [b2, other.id],
    ] as const)
      await queue(to, 'Tenants', tenantId);
    // due since: b1 and b2 the longest (their tenant first), then a1, then a2
    for (const [to, minutes] of [
      [b1, 40],
      [b2, 30],
      [a1, 20],
      [a2, 10],
    ] as const)
      await t.db.query(`update mail_outbox set next_attempt_at = now() - make_interval(mins => $2) where to_email = $1`, [to, minutes]);
    expect(await deliverDueMail(t.db, smtp, { batchSize: 3 })).toMatchObject({ claimed: 3, sent: 3 });
    expect([a1, a2, b1, b2].map((to) => sink.to(to).length)).toEqual([1, 0, 1, 1]);
    // (batches of one: messages of the other tests whose retry came due wait behind a2)
    expect(await deliverDueMail(t.db, smtp, { batchSize: 1 })).toMatchObject({ claimed: 1, sent: 1 });
    expect([a1, a2, b1, b2].map((to) => sink.to(to).length)).toEqual([1, 1, 1, 1]);
  });

  it('a claim whose lease ran out is taken over, and the late worker cannot overwrite the outcome', async () => {
    const email = `${uniqueIdentifier('slow')}@example.test`;
    await queue(email);
    let release!: () => void;
    const stuck: MailTransport = {
      kind: 'smtp',
      concurrency: 1,
      send: () => new Promise<void>((resolve) => (release = resolve)),
      close: () => undefined,
    };
    const late = deliverDueMail(t.db, stuck, { leaseSeconds: 0.3 });
    let held = await state(email);
    for (let i = 0; i < 100 && (held!.status !== 'sending' || held!.due_in_ms > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      held = await state(email);
    }
    expect(held).toMatchObject({ status: 'sending', attempts: 1 }); // claimed, lease over, never recorded
    expect(await deliverDueMail(t.db, smtp)).toMatchObject({ claimed: 1, sent: 1 });
    release();
    expect(await late).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 0 });
    expect(await state(email)).toMatchObject({ status: 'sent', attempts: 2, transport: 'smtp' });
  });

  it('without SMTP: prints each message with its links to the log once and marks it sent to the log', async () => {
    const email = `${uniqueIdentifier('log')}@example.test`;
    await queue(email, 'Printed');
    const lines: { details: Record<string, unknown>; message: string }[] = [];
    const log = logTransport({ log: { info: (details, message) => lines.push({ details, message }) }, from: FROM });
    expect(await deliverDueMail(t.db, log)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await deliverDueMail(t.db, log)).toMatchObject({ claimed: 0 });
    expect(lines).toHaveLength(1);
    const row = await state(email);
    expect(lines[0]!.details).toEqual({
      mail: { id: row!.id, tenantId: tenant.id, to: email, subject: 'Printed', template: 'test.hello', links: ['http://localhost/x'] },
    });
    expect(lines[0]!.message).toContain(`To:      ${email}\nSubject: Printed\n\nHi ${email}: http://localhost/x`);
    expect(row).toMatchObject({ status: 'sent', transport: 'log' });
  });

  it('the README flow without SMTP: the worker of `mono serve` prints the link to the log, the link verifies', async () => {
    const email = `${uniqueIdentifier('readme')}@example.test`;
    const lines: { details: Record<string, any>; message: string }[] = [];
    const errors: string[] = [];
    const log = { info: (details: Record<string, any>, message: string) => lines.push({ details, message }), error: (_: unknown, m: string) => errors.push(m) };
    const worker = startMailWorker({ db: t.db, transport: logTransport({ log, from: FROM }), log, pollMs: 50 });
    try {
      expect((await tenant.anon.post('/api/v1/public/auth/register', { email, password: PASSWORD, displayName: 'Readme' })).status).toBe(202);
      for (let i = 0; i < 100 && !lines.some((l) => l.details.mail?.to === email); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await worker.stop();
    }
    const printed = lines.filter((l) => l.details.mail?.to === email);
    expect(printed).toHaveLength(1);
    expect(printed[0]!.message).toMatch(
      /^mail \S+\n─+\nFrom: {4}Mono Test <no-reply@mono\.example>\nTo: {6}\S+\nSubject: Confirm your e-mail address\n\nConfirm your address: http:/,
    );
    const [link] = printed[0]!.details.mail.links as string[];
    const token = new URL(link!).searchParams.get('token');
    expect((await tenant.anon.post('/api/v1/public/auth/verify-email', { token })).status).toBe(204);
    expect(lines.some((l) => l.details.mailDelivery)).toBe(true); // the worker reports its batches
    expect(errors).toEqual([]);
  });
});

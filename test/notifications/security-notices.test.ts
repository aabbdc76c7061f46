import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentTotp } from '../../src/modules/identity/totp';
import { deliverDueMail, type MailTransport, smtpTransport } from '../../src/modules/mail';
import { createTestTenant, describeHttp, PASSWORD, signUp, type TestTenant } from '../helpers/http';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp';

type User = Awaited<ReturnType<typeof signUp>>;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

/**
 * The three security notices end to end: the person does the thing over HTTP, the delivery
 * worker hands the outbox to a real SMTP server, and what arrives — and what the person
 * sees in the app — is checked; the preference to turn them off is refused.
 */
describeHttp('security notices, end to end', (t) => {
  let sink: SmtpSink;
  let smtp: MailTransport;
  let tenant: TestTenant;
  let ann: User;
  let bystander: User;

  /** Sends the outbox; answers the security mails that arrived for an address since the last call. */
  const delivered = async (address: string) => {
    const before = sink.received.length;
    await deliverDueMail(t.db, smtp);
    return sink.received.slice(before).filter((m) => m.envelopeTo.includes(address) && /sign-in|password|Two-factor/i.test(m.parsed.subject ?? ''));
  };
  const inApp = async (user: User, kind: string) =>
    (await user.client.get('/api/v1/user/notifications?limit=50')).body.data.filter((n: { kind: string }) => n.kind === kind);
  const securityMailsOf = async () =>
    (
      await t.db.query<{ to_email: string; template: string }>(
        `select to_email, template from mail_outbox where tenant_id = $1 and template like 'security.%' order by created_at, id`,
        [tenant.id],
      )
    ).map((r) => `${r.template} → ${r.to_email}`);

  beforeAll(async () => {
    sink = await startSmtpSink();
    smtp = smtpTransport({ url: sink.url, from: 'Mono Test <no-reply@mono.example>', concurrency: 2 });
    tenant = await createTestTenant(t.app, 'secnote');
    [ann, bystander] = await Promise.all([signUp(tenant, 'ann'), signUp(tenant, 'bystander')]);
    await deliverDueMail(t.db, smtp); // verification e-mails out of the way
  }, 60_000);
  afterAll(async () => {
    smtp?.close();
    await sink?.close();
  });

  it('refuses to turn security notices off, by e-mail or in the app', async () => {
    for (const choice of [
      { email: false, inApp: true },
      { email: true, inApp: false },
    ]) {
      const refused = await ann.client.put('/api/v1/user/notification-preferences', { preferences: [{ topic: 'security', ...choice }] });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('NOTIFICATION_MANDATORY');
    }
    // Turning everything else off leaves them on.
    const others = ['application', 'message', 'booking', 'booking_reminder', 'content'].map((topic) => ({ topic, email: false, inApp: false }));
    expect((await ann.client.put('/api/v1/user/notification-preferences', { preferences: others })).status).toBe(200);
    const prefs = (await ann.client.get('/api/v1/user/notification-preferences')).body.data;
    expect(prefs.find((p: { topic: string }) => p.topic === 'security')).toMatchObject({ email: true, inApp: true, mandatory: true });
  });

  it('a sign-in from a new device tells the person, by e-mail and in the app; a known device does not', async () => {
    const signIn = (userAgent: string) =>
      tenant.anon.post('/api/v1/public/auth/login', { email: ann.email, password: PASSWORD }, { 'user-agent': userAgent, 'x-forwarded-for': '203.0.113.7' });
    expect((await signIn(FIREFOX)).status).toBe(200);

    const [mail, ...more] = await delivered(ann.email);
    expect(more).toEqual([]);
    expect(mail!.envelopeTo).toEqual([ann.email]);
    expect(mail!.parsed.subject).toBe(`New sign-in to your Tenant ${tenant.identifier} account`);
    expect(mail!.parsed.text).toContain(`Your account was signed in to from a new device: ${FIREFOX}`);
    expect(mail!.parsed.text).toMatch(/ at \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(mail!.parsed.text).toMatch(/sign out other sessions: https?:\/\/[^\s]+\/console\/me/);
    expect(mail!.parsed.html).toContain('Firefox/140.0');
    // Security mail carries no unsubscribe: it cannot be turned off.
    expect(mail!.parsed.headers.has('list-unsubscribe')).toBe(false);
    const [notice] = await inApp(ann, 'security.new_sign_in');
    expect(notice).toMatchObject({ title: `New sign-in from ${FIREFOX}`, link: '/console/me', read: false });
    expect(notice.body).toMatch(/^Signed in from Mozilla.+ at .+ UTC\. Not you\? Change your password\.$/);

    // The same device again: nothing new.
    expect((await signIn(FIREFOX)).status).toBe(200);
    expect(await delivered(ann.email)).toEqual([]);
    expect(await inApp(ann, 'security.new_sign_in')).toHaveLength(1);
    expect(await securityMailsOf()).toEqual([`security.new_sign_in → ${ann.email}`]);
  });

  it('a changed password tells the person, and nobody else', async () => {
    const changed = await ann.client.post('/api/v1/user/password', { currentPassword: PASSWORD, newPassword: 'Another-Horse-7-Battery' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    const [mail, ...more] = await delivered(ann.email);
    expect(more).toEqual([]);
    expect(mail!.envelopeTo).toEqual([ann.email]);
    expect(mail!.parsed.subject).toBe(`Your Tenant ${tenant.identifier} password was changed`);
    expect(mail!.parsed.text).toMatch(
      /^Your password was changed at \d{4}-\d\d-\d\d \d\d:\d\d UTC\.\nIf it was not you, reset it now: https?:\/\/\S+\/console\/me/,
    );
    expect(mail!.parsed.headers.has('list-unsubscribe')).toBe(false);
    expect(await inApp(ann, 'security.password_changed')).toEqual([
      expect.objectContaining({ title: 'Your password was changed', body: expect.stringMatching(/^Your password was changed at .+ UTC\.$/) }),
    ]);
    expect(await inApp(bystander, 'security.password_changed')).toEqual([]);
    expect((await securityMailsOf()).at(-1)).toBe(`security.password_changed → ${ann.email}`);
  });

  it('turning two-factor sign-in off tells the person', async () => {
    const { secret } = (await ann.client.post('/api/v1/user/2fa/enroll')).body;
    const confirmed = await ann.client.post('/api/v1/user/2fa/confirm', { code: currentTotp(secret) });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(await delivered(ann.email)).toEqual([]); // turning it on is no alarm
    const off = await ann.client.post('/api/v1/user/2fa/disable', { password: 'Another-Horse-7-Battery', recoveryCode: confirmed.body.recoveryCodes[0] });
    expect(off.status, JSON.stringify(off.body)).toBeLessThan(300);

    const [mail, ...more] = await delivered(ann.email);
    expect(more).toEqual([]);
    expect(mail!.envelopeTo).toEqual([ann.email]);
    expect(mail!.parsed.subject).toBe(`Two-factor sign-in was turned off on Tenant ${tenant.identifier}`);
    expect(mail!.parsed.text).toMatch(
      /^Two-factor sign-in was turned off for your account at .+ UTC\.\nIf it was not you, secure your account: https?:\/\/\S+\/console\/me/,
    );
    expect(mail!.parsed.headers.has('list-unsubscribe')).toBe(false);
    expect(await inApp(ann, 'security.two_factor_disabled')).toEqual([
      expect.objectContaining({ title: 'Two-factor sign-in turned off', link: '/console/me' }),
    ]);
    expect(await securityMailsOf()).toEqual([
      `security.new_sign_in → ${ann.email}`,
      `security.password_changed → ${ann.email}`,
      `security.two_factor_disabled → ${ann.email}`,
    ]);
    // Ann's preferences never stopped any of them; the bystander was told nothing.
    expect(await inApp(bystander, 'security.two_factor_disabled')).toEqual([]);
  });
});

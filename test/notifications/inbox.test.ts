import { beforeAll, expect, it } from 'vitest';
import { secretBox } from '../../src/config';
import { systemContext } from '../../src/core/context';
import { withTenant } from '../../src/db/tenant-context';
import { deliverDueMail, smtpTransport } from '../../src/modules/mail';
import { type Notice, notify, readUnsubscribeToken, unsubscribeLinks } from '../../src/modules/notifications';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';
import { startSmtpSink } from '../helpers/smtp';

type User = Awaited<ReturnType<typeof signUp>>;

const msg = (excerpt: string) => ({ sender: 'Ann', listing: 'Runway', excerpt });
const booking = { title: 'Fitting', start: '2027-01-04 10:00', timezone: 'Europe/Vienna', by: 'Ann' };

describeHttp('in-app notifications, preferences and one-click unsubscribe', (t) => {
  let tenant: TestTenant;
  let other: TestTenant;
  let ann: User;
  let bob: User;
  let cem: User;
  let stranger: User;
  let accountId: string;

  const send = (target: TestTenant, notice: Notice) => withTenant(t.db, systemContext(target.id, 'test'), (tx) => notify(tx, notice));
  const mailsTo = (email: string, template: string) =>
    t.db.query<{ subject: string; body_text: string; body_html: string | null; payload: Record<string, unknown> }>(
      'select subject, body_text, body_html, payload from mail_outbox where to_email = $1 and template = $2 order by id',
      [email, template],
    );

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'notify');
    other = await createTestTenant(t.app, 'notifyother');
    [ann, bob, cem] = [await signUp(tenant, 'ann'), await signUp(tenant, 'bob'), await signUp(tenant, 'cem')];
    stranger = await signUp(other, 'stranger');
    const [account] = await t.db.query<{ id: string }>(
      `insert into accounts (tenant_id, identifier, name, type) values ($1, 'studio', 'Studio', 'AGENCY') returning id`,
      [tenant.id],
    );
    accountId = account!.id;
    await t.db.query(
      `insert into account_users (tenant_id, account_id, user_id, role) values ($1, $2, $3, 'admin'), ($1, $2, $4, 'member'), ($1, $2, $5, 'viewer')`,
      [tenant.id, accountId, ann.id, bob.id, cem.id],
    );
  });

  it('fans one notice out to an account’s reviewers in one statement, in-app and by e-mail, never to the actor', async () => {
    const written = await send(tenant, {
      kind: 'application.submitted',
      recipients: { accountMembers: accountId, roles: ['admin', 'member'] },
      actorId: bob.id,
      variables: { listing: 'Runway', applicant: 'Bob <b>' },
      link: '/console/applications/1',
    });
    expect(written).toEqual({ inApp: 1, emails: 1 }); // ann only: bob acted, cem only views
    const page = await ann.client.get('/api/v1/user/notifications');
    expect(page.status).toBe(200);
    expect(page.body.unreadCount).toBe(1);
    expect(page.body.data[0]).toMatchObject({
      kind: 'application.submitted',
      title: 'New application to Runway',
      body: 'Bob <b> applied to “Runway”.',
      link: '/console/applications/1',
      read: false,
    });
    expect((await bob.client.get('/api/v1/user/notifications')).body).toMatchObject({ data: [], unreadCount: 0 });
    expect((await cem.client.get('/api/v1/user/notifications')).body).toMatchObject({ data: [], unreadCount: 0 });
    const [mail] = await mailsTo(ann.email, 'application.submitted');
    expect(mail!.subject).toBe('New application to Runway');
    expect(mail!.body_text).toBe(
      `Bob <b> applied to “Runway” on Tenant ${tenant.identifier}.\nReview the application: http://localhost:3000/console/applications/1`,
    );
    expect(mail!.body_html).toContain('Bob &lt;b&gt; applied');
    expect(mail!.body_html).toContain('<a href="http://localhost:3000/console/applications/1">');
    expect(mail!.payload).toMatchObject({ userId: ann.id, topic: 'application', unsubscribe: true });
  });

  it('writes nothing when the change that caused it rolls back', async () => {
    await expect(
      withTenant(t.db, systemContext(tenant.id, 'test'), async (tx) => {
        await notify(tx, { kind: 'message.new', recipients: { users: [cem.id] }, variables: msg('Rolled back') });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect((await cem.client.get('/api/v1/user/notifications')).body.unreadCount).toBe(0);
    expect(await mailsTo(cem.email, 'message.new')).toEqual([]);
  });

  it('pages newest first, marks one and all read, and hides other people’s notices', async () => {
    for (let i = 1; i <= 3; i++) await send(tenant, { kind: 'message.new', recipients: { users: [bob.id] }, variables: msg(`Message ${i}`), email: false });
    const first = await bob.client.get('/api/v1/user/notifications?limit=2');
    expect(first.body.data.map((n: { body: string }) => n.body)).toEqual(['Message 3', 'Message 2']);
    expect(first.body.unreadCount).toBe(3);
    const second = await bob.client.get(`/api/v1/user/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((n: { body: string }) => n.body)).toEqual(['Message 1']);
    expect(second.body.nextCursor).toBeNull();

    const one = await bob.client.post(`/api/v1/user/notifications/${first.body.data[0].id}/read`);
    expect(one.status).toBe(200);
    expect(one.body.read).toBe(true);
    expect((await bob.client.get('/api/v1/user/notifications?unread=true')).body.data).toHaveLength(2);
    // Not mine, not my tenant's: not found.
    expect((await ann.client.post(`/api/v1/user/notifications/${first.body.data[1].id}/read`)).status).toBe(404);
    expect((await stranger.client.post(`/api/v1/user/notifications/${first.body.data[1].id}/read`)).status).toBe(404);
    const all = await bob.client.post('/api/v1/user/notifications/read-all', { upTo: second.body.data[0].id });
    expect(all.body).toEqual({ marked: 1, unreadCount: 1 });
    expect((await bob.client.post('/api/v1/user/notifications/read-all')).body).toEqual({ marked: 1, unreadCount: 0 });
    expect((await stranger.client.get('/api/v1/user/notifications')).body.data).toEqual([]);
  });

  it('honours preferences per topic; security notices cannot be turned off', async () => {
    const defaults = await cem.client.get('/api/v1/user/notification-preferences');
    expect(defaults.body.data.find((p: { topic: string }) => p.topic === 'message')).toMatchObject({ email: true, inApp: true, mandatory: false });
    const changed = await cem.client.put('/api/v1/user/notification-preferences', {
      preferences: [
        { topic: 'message', email: false, inApp: true },
        { topic: 'booking', email: true, inApp: false },
      ],
    });
    expect(changed.status).toBe(200);
    const refused = await cem.client.put('/api/v1/user/notification-preferences', { preferences: [{ topic: 'security', email: false, inApp: true }] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NOTIFICATION_MANDATORY');
    expect((await cem.client.put('/api/v1/user/notification-preferences', { preferences: [{ topic: 'gossip', email: false, inApp: true }] })).status).toBe(400);
    // The database refuses it too.
    await expect(
      t.db.query(`insert into notification_preferences (tenant_id, user_id, kind, email, in_app) values ($1, $2, 'security', false, true)`, [
        tenant.id,
        cem.id,
      ]),
    ).rejects.toThrow(/notification_preferences_security/);

    expect(await send(tenant, { kind: 'message.new', recipients: { users: [cem.id] }, variables: msg('Hi') })).toEqual({
      inApp: 1,
      emails: 0,
    });
    expect(await send(tenant, { kind: 'booking.requested', recipients: { users: [cem.id] }, variables: booking })).toEqual({
      inApp: 0,
      emails: 1,
    });
    await t.db.query(`insert into notification_preferences (tenant_id, user_id, kind, email, in_app) values ($1, $2, 'booking_reminder', false, false)`, [
      tenant.id,
      ann.id,
    ]);
    // Security: always both, preferences or not, and without an unsubscribe link.
    expect(await send(tenant, { kind: 'security.password_changed', recipients: { users: [cem.id] }, variables: { time: 'now' } })).toEqual({
      inApp: 1,
      emails: 1,
    });
    expect((await mailsTo(cem.email, 'security.password_changed'))[0]!.payload).toMatchObject({ unsubscribe: false });
  });

  it('delivers RFC 8058 headers whose signed link turns off exactly that e-mail, without signing in', async () => {
    const sink = await startSmtpSink();
    const transport = smtpTransport({ url: sink.url, from: 'Mono <no-reply@mono.example>' });
    try {
      await t.db.query(
        `update tenants set settings = settings || '{"mail": {"fromName": "Studio Desk", "replyTo": "desk@studio.test", "brandColor": "#ff0000"}}' where id = $1`,
        [tenant.id],
      );
      await send(tenant, { kind: 'application.status_changed', recipients: { users: [bob.id] }, variables: { listing: 'Runway', status: 'ACCEPTED' } });
      await deliverDueMail(t.db, transport, { unsubscribeLink: unsubscribeLinks(t.config) });
      const [received] = sink.to(bob.email).filter((m) => m.parsed.subject === 'Your application to Runway was accepted');
      const header = (name: string) => received!.parsed.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const link = /^<(https?:\/\/[^>]+)>$/.exec(header('list-unsubscribe') ?? '')![1]!;
      expect(received!.parsed.text).toContain(`Stop these e-mails: ${link}`);
      expect(received!.parsed.html).toContain(`<a href="${link}">Stop these e-mails</a>`);
      expect(received!.parsed.html).toContain('#ff0000');
      expect(received!.parsed.from?.value[0]).toMatchObject({ name: 'Studio Desk', address: 'no-reply@mono.example' });
      expect(received!.parsed.replyTo?.value[0]?.address).toBe('desk@studio.test');
      const url = new URL(link);
      expect(url.pathname).toBe('/api/v1/public/unsubscribe');
      const token = url.searchParams.get('token')!;
      expect(readUnsubscribeToken(secretBox(t.config), token)).toEqual({ tenantId: tenant.id, userId: bob.id, topic: 'application' });

      // Forged or tampered: refused, nothing changes.
      expect((await t.client.post(`/api/v1/public/unsubscribe?token=${token.slice(0, -2)}xx`)).status).toBe(422);
      const forged = token.replace(/^[^.]+/, Buffer.from(tenant.id.replace(/-/g, '') + ann.id.replace(/-/g, ''), 'hex').toString('base64url'));
      expect((await t.client.post(`/api/v1/public/unsubscribe?token=${forged}`)).status).toBe(422);

      // The mail client's one-click POST: a form body, no tenant header, no session.
      const done = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/unsubscribe?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toEqual({ topic: 'application', email: false });
      const prefs = (await bob.client.get('/api/v1/user/notification-preferences')).body.data;
      expect(prefs.find((p: { topic: string }) => p.topic === 'application')).toMatchObject({ email: false, inApp: true });
      expect(prefs.filter((p: { email: boolean }) => !p.email).map((p: { topic: string }) => p.topic)).toEqual(['application']);
      expect((await ann.client.get('/api/v1/user/notification-preferences')).body.data.find((p: { topic: string }) => p.topic === 'application').email).toBe(
        true,
      );
      expect(
        await send(tenant, { kind: 'application.status_changed', recipients: { users: [bob.id] }, variables: { listing: 'Runway', status: 'REJECTED' } }),
      ).toEqual({
        inApp: 1,
        emails: 0,
      });
    } finally {
      transport.close();
      await sink.close();
    }
  });
});

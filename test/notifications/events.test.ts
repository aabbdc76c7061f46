import { beforeAll, describe, expect, it } from 'vitest';
import { remindDueBookings } from '../../src/modules/booking';
import { rescheduleBooking } from '../../src/modules/booking/reschedule';
import { type BookingWorld, createBookingWorld, NOW, services } from '../booking/world';
import { type ContentWorld, contentWorld, draftInput } from '../content/fixtures';
import type { TestDatabase } from '../helpers/db';
import { describeDb } from '../helpers/db';
import { activeListing, createWorld, type World } from '../marketplace/fixtures';

interface Notice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}
interface Mail {
  to_email: string;
  subject: string;
  body_text: string;
  payload: { attachments?: { filename: string; contentType: string; content: string }[]; unsubscribe?: boolean };
}

/** What a person was told of one kind: in the app and by e-mail. */
async function told(db: TestDatabase, userId: string, kind: string): Promise<{ inApp: Notice[]; mail: Mail[] }> {
  const inApp = await db.query<Notice>('select kind, title, body, link from notifications where user_id = $1 and kind = $2 order by id', [userId, kind]);
  const mail = await db.query<Mail>(
    `select to_email, subject, body_text, payload from mail_outbox where payload ->> 'userId' = $1 and template = $2 order by id`,
    [userId, kind],
  );
  return { inApp, mail };
}

const prefer = (db: TestDatabase, tenantId: string, userId: string, topic: string, email: boolean, inApp: boolean) =>
  db.query('insert into notification_preferences (tenant_id, user_id, kind, email, in_app) values ($1, $2, $3, $4, $5)', [
    tenantId,
    userId,
    topic,
    email,
    inApp,
  ]);

describeDb('the events that notify', (t) => {
  describe('applications and messages', () => {
    let w: World;
    let listingId: string;
    let applicationId: string;
    beforeAll(async () => {
      w = await createWorld(t.db, { applicants: 2 });
      listingId = (await activeListing(w, { title: 'Autumn show' })).id;
      await prefer(t.db, w.tenantId, w.memberId, 'application', false, true);
      applicationId = (await w.market.applications.apply(w.applicant(0), listingId, {})).id;
    });

    it('a new application tells the account’s reviewers (not the applicant, not other accounts), as their preferences say', async () => {
      const owner = await told(t.db, w.ownerId, 'application.submitted');
      expect(owner.inApp).toEqual([
        {
          kind: 'application.submitted',
          title: 'New application to Autumn show',
          body: expect.stringMatching(/ applied to “Autumn show”\.$/),
          link: `/console/accounts/${w.accountId}`,
        },
      ]);
      expect(owner.mail).toHaveLength(1);
      expect(owner.mail[0]!.subject).toBe('New application to Autumn show');
      expect(owner.mail[0]!.body_text).toContain(`/console/accounts/${w.accountId}`);
      const member = await told(t.db, w.memberId, 'application.submitted');
      expect(member.inApp).toHaveLength(1);
      expect(member.mail).toEqual([]); // e-mail of this topic off
      expect((await told(t.db, w.applicants[0]!, 'application.submitted')).inApp).toEqual([]);
      expect((await told(t.db, w.otherOwnerId, 'application.submitted')).inApp).toEqual([]);
    });

    it('a decision tells the applicant', async () => {
      await w.market.applications.review(w.owner, applicationId, { action: 'review' });
      await w.market.applications.review(w.owner, applicationId, { action: 'accept' });
      const applicant = await told(t.db, w.applicants[0]!, 'application.status_changed');
      expect(applicant.inApp.map((n) => n.title)).toEqual(['Your application to Autumn show: reviewing', 'Your application to Autumn show: accepted']);
      expect(applicant.mail.map((m) => m.subject)).toEqual(['Your application to Autumn show was reviewing', 'Your application to Autumn show was accepted']);
      expect((await told(t.db, w.ownerId, 'application.status_changed')).inApp).toEqual([]);
    });

    it('a new message tells the other side; e-mails are batched per conversation while unread', async () => {
      const other = (await w.market.applications.apply(w.applicant(1), listingId, {})).id;
      await w.market.messages.send(w.applicant(1), other, { body: 'Is the date fixed?' });
      await w.market.messages.send(w.applicant(1), other, { body: 'And the fee?' });
      let owner = await told(t.db, w.ownerId, 'message.new');
      expect(owner.inApp.map((n) => n.body)).toEqual(['Is the date fixed?', 'And the fee?']);
      expect(owner.mail).toHaveLength(1); // the second is batched: unread, within 15 minutes
      expect(owner.mail[0]!.body_text).toContain('Is the date fixed?');
      expect((await told(t.db, w.applicants[1]!, 'message.new')).inApp).toEqual([]); // not to the sender
      // Once the owner has read the conversation, the next message is mailed again; the member has not.
      await w.market.messages.markRead(w.owner, other);
      await w.market.messages.send(w.applicant(1), other, { body: 'Hello?' });
      owner = await told(t.db, w.ownerId, 'message.new');
      expect(owner.mail).toHaveLength(2);
      expect((await told(t.db, w.memberId, 'message.new')).mail).toHaveLength(1);
      // The account answers: the applicant is told.
      await w.market.messages.send(w.member, other, { body: 'Yes, 1 March.' });
      const applicant = await told(t.db, w.applicants[1]!, 'message.new');
      expect(applicant.inApp.map((n) => n.body)).toEqual(['Yes, 1 March.']);
      expect(applicant.mail[0]!.subject).toMatch(/^New message from .+ about Autumn show$/);
    });
  });

  describe('bookings', () => {
    let w: BookingWorld;
    let s: ReturnType<typeof services>;
    const ics = (mail: Mail) => mail.payload.attachments?.[0]?.content ?? '';
    beforeAll(async () => {
      w = await createBookingWorld(t.db, 'notifybook');
      s = services(t.db);
    });

    it('requested, confirmed, rescheduled and cancelled tell both sides, with an .ics of one UID and a rising SEQUENCE', async () => {
      const [row] = await s.bookings.create(w.asClient, {
        resourceId: w.resourceId,
        title: 'Fitting',
        start: '2030-06-03T08:00:00Z',
        end: '2030-06-03T09:00:00Z',
      });
      await s.bookings.transition(w.asResource, { bookingId: row!.id, action: 'confirm' });
      await rescheduleBooking({ db: t.db, now: () => NOW }, w.asClient, row!.id, { start: '2030-06-03T09:00:00Z' });
      await s.bookings.transition(w.asClient, { bookingId: row!.id, action: 'cancel' });
      for (const userId of [w.clientId, w.resourceId]) {
        const requested = await told(t.db, userId, 'booking.requested');
        expect(requested.inApp[0]).toMatchObject({ title: 'Booking requested: Fitting', link: '/console/bookings' });
        expect(requested.inApp[0]!.body).toContain('3 Jun 2030, 10:00 (Europe/Vienna)');
        const request = ics(requested.mail[0]!);
        expect(requested.mail[0]!.payload.attachments![0]!.contentType).toContain('method=REQUEST');
        expect(request).toContain('METHOD:REQUEST');
        expect(request).toContain(`UID:${row!.id}@mono`);
        expect(request).toContain('SEQUENCE:0');
        expect(request).toContain('DTSTART:20300603T080000Z');
        expect(ics((await told(t.db, userId, 'booking.confirmed')).mail[0]!)).toContain('SEQUENCE:1');
        const moved = (await told(t.db, userId, 'booking.rescheduled')).mail[0]!;
        expect(moved.subject).toBe('Moved: Fitting, now on 3 Jun 2030, 11:00');
        expect(ics(moved)).toMatch(/METHOD:REQUEST[\s\S]*SEQUENCE:2[\s\S]*DTSTART:20300603T090000Z/);
        const cancelled = (await told(t.db, userId, 'booking.cancelled')).mail[0]!;
        expect(cancelled.subject).toBe('Cancelled: Fitting on 3 Jun 2030, 11:00');
        expect(ics(cancelled)).toMatch(/METHOD:CANCEL[\s\S]*SEQUENCE:3[\s\S]*STATUS:CANCELLED/);
        expect(ics(cancelled)).toContain(`UID:${row!.id}@mono`);
      }
      expect((await told(t.db, w.strangerId, 'booking.requested')).inApp).toEqual([]);
    });

    it('a reminder goes to both sides once, however many processes run the job at once, as preferences say', async () => {
      const [row] = await s.bookings.create(w.asClient, {
        resourceId: w.resourceId,
        title: 'Soon',
        start: '2030-06-04T08:00:00Z',
        end: '2030-06-04T09:00:00Z',
      });
      await s.bookings.transition(w.asResource, { bookingId: row!.id, action: 'confirm' });
      await prefer(t.db, w.tenantId, w.clientId, 'booking_reminder', true, false);
      expect(await remindDueBookings(t.db, { leadMinutes: 120 })).toBe(0); // not due yet
      await t.db.query(`update bookings set start_time = now() + interval '1 hour', end_time = now() + interval '2 hours' where id = $1`, [row!.id]);
      const runs = await Promise.all([remindDueBookings(t.db, { leadMinutes: 120 }), remindDueBookings(t.db, { leadMinutes: 120 })]);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await remindDueBookings(t.db, { leadMinutes: 120 })).toBe(0);
      const resource = await told(t.db, w.resourceId, 'booking_reminder.due');
      expect(resource.inApp).toHaveLength(1);
      expect(resource.inApp[0]!.title).toBe('Soon: Soon');
      expect(resource.mail).toHaveLength(1);
      const client = await told(t.db, w.clientId, 'booking_reminder.due');
      expect(client.inApp).toEqual([]); // in-app off for reminders
      expect(client.mail.map((m) => m.subject)).toEqual([expect.stringMatching(/^Reminder: Soon on /)]);
    });
  });

  describe('content review', () => {
    let w: ContentWorld;
    let reviewerId: string;
    beforeAll(async () => {
      w = await contentWorld(t.db, 'notifycontent');
      reviewerId = w.reviewer.actor!.userId;
      await t.db.query(
        `insert into user_permissions (tenant_id, user_id, permission_id, granted) select $1, $2, id, true from permissions where name = 'tenant.content.review'`,
        [w.tenantId, reviewerId],
      );
    });

    it('a submission tells the reviewers; approval and rejection tell the author', async () => {
      const editorId = w.editor.actor!.userId;
      const draft = await w.content.create(w.editor, draftInput(w.accountId, { title: 'Spring lookbook' }));
      await w.content.transition(w.editor, draft.id, { action: 'submit' });
      const reviewer = await told(t.db, reviewerId, 'content.submitted');
      expect(reviewer.inApp).toEqual([
        {
          kind: 'content.submitted',
          title: 'To review: Spring lookbook',
          body: expect.stringContaining('submitted “Spring lookbook” for review'),
          link: '/console/content',
        },
      ]);
      expect(reviewer.mail).toHaveLength(1);
      expect((await told(t.db, editorId, 'content.submitted')).inApp).toEqual([]);
      await w.content.transition(w.reviewer, draft.id, { action: 'reject', reason: 'Needs photo credits' });
      const rejected = await told(t.db, editorId, 'content.rejected');
      expect(rejected.inApp[0]!.body).toBe('“Spring lookbook” was not approved. Needs photo credits');
      expect(rejected.mail[0]!.body_text).toContain('The reviewer’s note: Needs photo credits');
      await w.content.transition(w.editor, draft.id, { action: 'submit' });
      await w.content.transition(w.reviewer, draft.id, { action: 'approve' });
      expect((await told(t.db, editorId, 'content.approved')).inApp.map((n) => n.title)).toEqual(['Approved: Spring lookbook']);
    });
  });
});

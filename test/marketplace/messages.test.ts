import { beforeAll, describe, expect, it } from 'vitest';
import { ctxFor, permissionsOf } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { activeListing, createMedia, createWorld, errorOf, type World } from './fixtures';

describeDb('marketplace messages', (t) => {
  let w: World;
  /** A conversation: applicant 0 applied to a listing of w's account. */
  let applicationId: string;
  beforeAll(async () => {
    w = await createWorld(t.db, { applicants: 3, limits: { maxActiveListings: null } });
    const listing = await activeListing(w);
    applicationId = (await w.market.applications.apply(w.applicant(0), listing.id, {})).id;
  });
  const newConversation = async (applicant = 1) => {
    const listing = await activeListing(w);
    return (await w.market.applications.apply(w.applicant(applicant), listing.id, {})).id;
  };
  const backdate = (messageId: string, minutes: number) =>
    t.db.query(`update messages set created_at = created_at - make_interval(mins => $2) where id = $1`, [messageId, minutes]);

  it('writes message.sent with the ids, never the text', async () => {
    const sent = await w.market.messages.send(w.applicant(0), applicationId, { body: 'A private question about the fee' });
    const events = await t.db.query<{ type: string; payload: Record<string, unknown> }>(
      `select type, payload from events where tenant_id = $1 and resource_id = $2`,
      [w.tenantId, sent.id],
    );
    expect(events).toEqual([{ type: 'message.sent', payload: { id: sent.id, applicationId, senderId: w.applicants[0], createdAt: sent.createdAt } }]);
  });

  describe('who can take part', () => {
    it('lets the applicant and the account’s people write and read', async () => {
      const fromApplicant = await w.market.messages.send(w.applicant(0), applicationId, { body: 'Hello, is the date fixed?' });
      const fromMember = await w.market.messages.send(w.member, applicationId, { body: 'Yes, 1 March.' });
      expect(fromApplicant).toMatchObject({ applicationId, senderId: w.applicants[0], body: 'Hello, is the date fixed?', editedAt: null, deletedAt: null });
      const seenByOwner = await w.market.messages.list(w.owner, applicationId, {});
      const seenByApplicant = await w.market.messages.list(w.applicant(0), applicationId, {});
      expect(seenByOwner.data.map((m) => m.id).slice(0, 2)).toEqual([fromMember.id, fromApplicant.id]);
      expect(seenByApplicant.data.map((m) => m.id)).toEqual(seenByOwner.data.map((m) => m.id));
    });

    it('answers 404 to everyone else in the tenant, and to everyone in other tenants', async () => {
      const outsiders = [w.applicant(1), w.otherOwner, w.moderator];
      for (const ctx of outsiders) {
        expect(await errorOf(w.market.messages.list(ctx, applicationId, {}))).toMatchObject({ kind: 'not_found', code: 'CONVERSATION_NOT_FOUND' });
        expect(await errorOf(w.market.messages.send(ctx, applicationId, { body: 'psst' }))).toMatchObject({ kind: 'not_found' });
        expect(await errorOf(w.market.messages.markRead(ctx, applicationId))).toMatchObject({ kind: 'not_found' });
      }
      const other = await createWorld(t.db, { applicants: 1 });
      expect(
        await errorOf(other.market.messages.list(ctxFor(other.tenantId, other.ownerId, { permissions: permissionsOf(['*']) }), applicationId, {})),
      ).toMatchObject({
        kind: 'not_found',
      });
      const message = await w.market.messages.send(w.applicant(0), applicationId, { body: 'Mine' });
      expect(await errorOf(w.market.messages.edit(w.applicant(1), message.id, { body: 'Hacked' }))).toMatchObject({
        kind: 'not_found',
        code: 'MESSAGE_NOT_FOUND',
      });
      expect(await errorOf(w.market.messages.remove(w.otherOwner, message.id))).toMatchObject({ kind: 'not_found' });
    });

    it('lets a tenant administrator outside the conversation read it only as a moderator, and records every such read', async () => {
      const moderator = ctxFor(w.tenantId, w.otherOwnerId, { permissions: permissionsOf(['tenant.*.*', 'account.*.*', 'user.*.*']) });
      const withoutModeration = ctxFor(w.tenantId, w.otherOwnerId, { permissions: permissionsOf(['tenant.users.*', 'account.*.*', 'user.*.*']) });
      const reads = async () =>
        (await t.db.query<{ n: number }>('select count(*)::int as n from conversation_moderation_reads where application_id = $1', [applicationId]))[0]!.n;
      const before = await reads();
      // its own people read without a trace of moderation
      await w.market.messages.list(w.owner, applicationId, {});
      await w.market.messages.list(w.applicant(0), applicationId, {});
      expect(await reads()).toBe(before);
      expect(await errorOf(w.market.messages.list(withoutModeration, applicationId, {}))).toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
      expect(await reads()).toBe(before);
      expect((await w.market.messages.list(moderator, applicationId, {})).data.length).toBeGreaterThan(0);
      expect(await reads()).toBe(before + 1);
      const audited = await t.db.query<{ user_id: string; action: string }>(
        `select user_id, action from audit_logs where tenant_id = $1 and resource = 'conversation_moderation_reads' and new_values ->> 'application_id' = $2`,
        [w.tenantId, applicationId],
      );
      expect(audited).toContainEqual({ user_id: w.otherOwnerId, action: 'create' });
    });

    it('lets a read-only account viewer read but not write', async () => {
      const viewer = ctxFor(w.tenantId, w.otherOwnerId, { permissions: permissionsOf([`account.*.read@${w.accountId}`]) });
      expect((await w.market.messages.list(viewer, applicationId, {})).data.length).toBeGreaterThan(0);
      expect(await errorOf(w.market.messages.send(viewer, applicationId, { body: 'Hi' }))).toMatchObject({ kind: 'forbidden' });
    });

    it('checks attachments are the sender’s own files', async () => {
      const mine = await createMedia(t.db, w.tenantId, w.applicants[0]!);
      const theirs = await createMedia(t.db, w.tenantId, w.ownerId);
      const sent = await w.market.messages.send(w.applicant(0), applicationId, { body: 'My book', attachments: [mine] });
      expect(sent.attachments).toEqual([mine]);
      expect(await errorOf(w.market.messages.send(w.applicant(0), applicationId, { body: 'Theirs', attachments: [theirs] }))).toMatchObject({
        code: 'INVALID_ATTACHMENTS',
        errors: [{ path: 'attachments.0' }],
      });
    });

    it('closes the conversation for new messages once the application is withdrawn', async () => {
      const id = await newConversation(2);
      await w.market.messages.send(w.member, id, { body: 'Welcome' });
      await w.market.applications.withdraw(w.applicant(2), id);
      expect(await errorOf(w.market.messages.send(w.member, id, { body: 'Still there?' }))).toMatchObject({ code: 'CONVERSATION_CLOSED' });
      expect((await w.market.messages.list(w.applicant(2), id, {})).data).toHaveLength(1);
    });
  });

  describe('editing and deleting', () => {
    it('lets the sender edit within the window, and nobody else', async () => {
      const message = await w.market.messages.send(w.applicant(0), applicationId, { body: 'See you Mondya' });
      const edited = await w.market.messages.edit(w.applicant(0), message.id, { body: 'See you Monday' });
      expect(edited.body).toBe('See you Monday');
      expect(edited.editedAt).not.toBeNull();
      expect(await errorOf(w.market.messages.edit(w.owner, message.id, { body: 'See you never' }))).toMatchObject({
        kind: 'forbidden',
        code: 'NOT_MESSAGE_SENDER',
      });
      await backdate(message.id, 16);
      expect(await errorOf(w.market.messages.edit(w.applicant(0), message.id, { body: 'Too late' }))).toMatchObject({
        kind: 'conflict',
        code: 'EDIT_WINDOW_PASSED',
        extra: { editWindowSeconds: 900 },
      });
      const [row] = await t.db.query<{ body: string }>(`select body from messages where id = $1`, [message.id]);
      expect(row!.body).toBe('See you Monday');
    });

    it('soft-deletes: a tombstone without content stays; it cannot be edited any more', async () => {
      const message = await w.market.messages.send(w.member, applicationId, { body: 'Wrong chat, sorry' });
      const deleted = await w.market.messages.remove(w.member, message.id);
      expect(deleted).toMatchObject({ id: message.id, body: null, attachments: [] });
      expect(deleted.deletedAt).not.toBeNull();
      expect((await w.market.messages.remove(w.member, message.id)).deletedAt).toBe(deleted.deletedAt);
      expect(await errorOf(w.market.messages.edit(w.member, message.id, { body: 'x' }))).toMatchObject({ code: 'MESSAGE_DELETED' });
      expect(await errorOf(w.market.messages.remove(w.owner, message.id))).toMatchObject({ code: 'NOT_MESSAGE_SENDER' });
      const listed = (await w.market.messages.list(w.applicant(0), applicationId, { limit: 100 })).data.find((m) => m.id === message.id);
      expect(listed).toMatchObject({ body: null, deletedAt: deleted.deletedAt });
      const [row] = await t.db.query<{ body: string }>(`select body from messages where id = $1`, [message.id]);
      expect(row!.body).toBe('Wrong chat, sorry');
    });
  });

  describe('paging and reading', () => {
    it('pages newest first without skipping or repeating, also for messages of one instant', async () => {
      const id = await newConversation();
      const sent = [];
      for (let i = 0; i < 7; i++) sent.push(await w.market.messages.send(i % 2 ? w.member : w.applicant(1), id, { body: `m${i}` }));
      // Three messages with the very same created_at: the id breaks the tie.
      await t.db.query(`update messages set created_at = (select created_at from messages where id = $1) where id = any($2::uuid[])`, [
        sent[2]!.id,
        [sent[3]!.id, sent[4]!.id],
      ]);
      const seen = [];
      let cursor: string | undefined;
      do {
        const page = await w.market.messages.list(w.applicant(1), id, { limit: 2, cursor });
        seen.push(...page.data.map((m) => m.body));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      expect(seen.slice(0, 2)).toEqual(['m6', 'm5']);
      expect(seen.slice(5)).toEqual(['m1', 'm0']);
    });

    it('counts unread per person: the others’ live messages after their own read mark', async () => {
      const id = await newConversation();
      const applicant = w.applicant(1);
      const a1 = await w.market.messages.send(applicant, id, { body: 'Hi' });
      await w.market.messages.send(applicant, id, { body: 'Are you there?' });
      const a3 = await w.market.messages.send(applicant, id, { body: 'Deleted later' });
      await w.market.messages.remove(applicant, a3.id);
      const unreadIn = async (ctx: typeof applicant, accountId?: string) =>
        (await w.market.messages.unreadCounts(ctx, { accountId })).conversations.find((c) => c.applicationId === id)?.unread ?? 0;

      // Each person on the account side has their own state; one's own messages never count.
      expect(await unreadIn(w.owner, w.accountId)).toBe(2);
      expect(await unreadIn(w.member, w.accountId)).toBe(2);
      expect(await unreadIn(applicant)).toBe(0);

      expect(await w.market.messages.markRead(w.owner, id, { upToMessageId: a1.id })).toEqual({ applicationId: id, unread: 1 });
      expect(await w.market.messages.markRead(w.owner, id)).toEqual({ applicationId: id, unread: 0 });
      // Marking an older message read again does not move the mark back.
      expect(await w.market.messages.markRead(w.owner, id, { upToMessageId: a1.id })).toEqual({ applicationId: id, unread: 0 });
      expect(await unreadIn(w.member, w.accountId)).toBe(2);

      // The member answers: that reads everything before it for the member, and is new for the others.
      const reply = await w.market.messages.send(w.member, id, { body: 'Yes!' });
      expect(await unreadIn(w.member, w.accountId)).toBe(0);
      expect(await unreadIn(w.owner, w.accountId)).toBe(1);
      expect(await unreadIn(applicant)).toBe(1);
      const totals = await w.market.messages.unreadCounts(applicant);
      expect(totals.total).toBe(totals.conversations.reduce((s, c) => s + c.unread, 0));

      // read_at: when the other side first read it.
      await w.market.messages.markRead(applicant, id);
      const rows = await t.db.query<{ id: string; read_at: Date | null }>(
        `select id, read_at from messages where application_id = $1 order by created_at, id`,
        [id],
      );
      const readAt = Object.fromEntries(rows.map((r) => [r.id, r.read_at]));
      expect(readAt[a1.id]).toBeInstanceOf(Date);
      expect(readAt[reply.id]).toBeInstanceOf(Date);
      expect(await unreadIn(applicant)).toBe(0);
      expect(await errorOf(w.market.messages.markRead(applicant, id, { upToMessageId: '0190a4d6-0000-7000-8000-000000000000' }))).toMatchObject({
        code: 'MESSAGE_NOT_FOUND',
      });
    });

    it('refuses unread counts of an account one does not belong to', async () => {
      expect(await errorOf(w.market.messages.unreadCounts(w.otherOwner, { accountId: w.accountId }))).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { withPlatform } from '../../src/db/tenant-context';
import {
  archiveExpiredContent,
  CONTENT_STATUSES,
  CONTENT_TRANSITIONS,
  type ContentStatus,
  publicSearchQuery,
  rejectContentInput,
  type TransitionInput,
  transitionsFrom,
} from '../../src/modules/content';
import { describeDb } from '../helpers/db';
import { type ContentWorld, contentWorld, draftInput, publishedContent, rejection } from './fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeDb('content workflow', (t) => {
  let w: ContentWorld;
  beforeAll(async () => {
    w = await contentWorld(t.db);
  });

  const step = (ctx: keyof ContentWorld, id: string, input: TransitionInput) => w.content.transition(w[ctx] as ContentWorld['admin'], id, input);

  /** Fresh content brought to `status` by the admin, along the workflow's own paths. */
  async function contentIn(status: ContentStatus): Promise<string> {
    const { id } = await w.content.create(w.editor, draftInput(w.accountId));
    const path: Record<ContentStatus, TransitionInput[]> = {
      DRAFT: [],
      IN_REVIEW: [{ action: 'submit' }],
      APPROVED: [{ action: 'submit' }, { action: 'approve' }],
      PUBLISHED: [{ action: 'submit' }, { action: 'approve' }, { action: 'publish' }],
      ARCHIVED: [{ action: 'submit' }, { action: 'approve' }, { action: 'publish' }, { action: 'archive' }],
    };
    for (const input of path[status]) await step('admin', id, input);
    return id;
  }

  it('walks the whole cycle; publishedAt is set on publish and cleared when it goes back', async () => {
    const { id } = await w.content.create(w.editor, draftInput(w.accountId));
    expect((await step('editor', id, { action: 'submit' })).status).toBe('IN_REVIEW');
    const approved = await step('reviewer', id, { action: 'approve', note: 'Looks good' });
    expect(approved).toMatchObject({ status: 'APPROVED', review: { note: 'Looks good', reviewedBy: w.reviewer.actor!.userId } });
    expect(approved.publishedAt).toBeNull();
    const before = Date.now();
    const published = await step('publisher', id, { action: 'publish' });
    expect(published).toMatchObject({ status: 'PUBLISHED', visibility: 'live' });
    expect(Date.parse(published.publishedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect((await w.content.getPublished(w.anonymous, { slug: published.slug })).id).toBe(id);

    const unpublished = await step('publisher', id, { action: 'unpublish' });
    expect(unpublished).toMatchObject({ status: 'APPROVED', publishedAt: null, visibility: 'hidden' });
    expect(await rejection(w.content.getPublished(w.anonymous, { id }))).toMatchObject({ kind: 'not_found' });

    await step('publisher', id, { action: 'publish' });
    const archived = await step('publisher', id, { action: 'archive' });
    expect(archived.status).toBe('ARCHIVED');
    expect(archived.publishedAt).not.toBeNull();
    expect(await rejection(w.content.getPublished(w.anonymous, { id }))).toMatchObject({ kind: 'not_found' });

    const restored = await step('publisher', id, { action: 'restore' });
    expect(restored).toMatchObject({ status: 'DRAFT', publishedAt: null });
    expect(restored.actions).toEqual(['submit', 'edit', 'delete']);
  });

  it('reject sends it back to DRAFT with the reason; the next submit starts a new review', async () => {
    const id = await contentIn('IN_REVIEW');
    expect(() => rejectContentInput.parse({ reason: '  ' })).toThrow();
    const rejected = await step('reviewer', id, { action: 'reject', ...rejectContentInput.parse({ reason: 'Add photo credits' }) });
    expect(rejected).toMatchObject({ status: 'DRAFT', review: { note: 'Add photo credits', reviewedBy: w.reviewer.actor!.userId } });
    const resubmitted = await step('editor', id, { action: 'submit' });
    expect(resubmitted).toMatchObject({ status: 'IN_REVIEW', review: null });
  });

  it('revise takes APPROVED content back to DRAFT so it can be edited', async () => {
    const id = await contentIn('APPROVED');
    expect((await step('editor', id, { action: 'revise' })).status).toBe('DRAFT');
  });

  describe('who may do what', () => {
    const cases: [keyof ContentWorld, TransitionInput['action'], ContentStatus, boolean][] = [
      ['editor', 'submit', 'DRAFT', true],
      ['reviewer', 'submit', 'DRAFT', false],
      ['editor', 'approve', 'IN_REVIEW', false],
      ['publisher', 'approve', 'IN_REVIEW', false],
      ['reviewer', 'approve', 'IN_REVIEW', true],
      ['reviewer', 'reject', 'IN_REVIEW', true],
      ['editor', 'publish', 'APPROVED', false],
      ['reviewer', 'publish', 'APPROVED', false],
      ['publisher', 'publish', 'APPROVED', true],
      ['admin', 'publish', 'APPROVED', true],
      ['editor', 'unpublish', 'PUBLISHED', false],
      ['publisher', 'unpublish', 'PUBLISHED', true],
      ['editor', 'archive', 'PUBLISHED', false],
      ['publisher', 'archive', 'PUBLISHED', true],
      ['editor', 'restore', 'ARCHIVED', false],
      ['publisher', 'restore', 'ARCHIVED', true],
      ['editor', 'revise', 'APPROVED', true],
      ['reviewer', 'revise', 'APPROVED', false],
    ];
    it.each(cases)('%s %s from %s: allowed=%s', async (who, action, from, allowed) => {
      const id = await contentIn(from);
      const input = (action === 'reject' ? { action, reason: 'no' } : { action }) as TransitionInput;
      if (allowed) {
        const after = await step(who, id, input);
        expect(after.status).not.toBe(from);
      } else {
        expect(await rejection(step(who, id, input))).toMatchObject({ kind: 'forbidden' });
        expect((await w.content.get(w.admin, id)).status).toBe(from);
      }
    });

    it('strangers and readers learn nothing: 404', async () => {
      const id = await contentIn('APPROVED');
      for (const who of ['stranger', 'reader', 'anonymous'] as const) {
        expect(await rejection(step(who, id, { action: 'publish' }))).toMatchObject({ kind: 'not_found' });
      }
    });
  });

  it('refuses every illegal transition with 409 naming the allowed ones', async () => {
    for (const status of CONTENT_STATUSES) {
      const id = await contentIn(status);
      const allowed = transitionsFrom(status);
      for (const action of CONTENT_TRANSITIONS.filter((a) => !allowed.includes(a))) {
        const input = (action === 'reject' ? { action, reason: 'no' } : { action }) as TransitionInput;
        expect(await rejection(step('admin', id, input)), `${action} from ${status}`).toMatchObject({
          kind: 'conflict',
          code: 'ILLEGAL_TRANSITION',
          extra: { from: status, action, allowed },
        });
      }
      expect((await w.content.get(w.admin, id)).status).toBe(status);
    }
  });

  it('lets exactly one of a parallel approve and reject through', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await contentIn('IN_REVIEW');
      const results = await Promise.allSettled([
        step('reviewer', id, { action: 'approve' }),
        step('admin', id, { action: 'reject', reason: 'Too late' }),
        step('reviewer', id, { action: 'approve' }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      expect(ok).toHaveLength(1);
      for (const r of results.filter((x) => x.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
      }
      const final = (await w.content.get(w.admin, id)).status;
      expect(final).toBe((ok[0] as PromiseFulfilledResult<{ status: string }>).value.status);
    }
  });

  describe('scheduling and expiry', () => {
    it('is honoured by the public queries at every moment, without a job', async () => {
      // Far enough ahead that a slow machine still checks before it, waited for exactly below.
      const switchAt = Date.now() + 4000;
      const soon = () => new Date(switchAt);
      const scheduled = await publishedContent(w, { title: 'Scheduled launch' }, { publishAt: soon() });
      const expiring = await publishedContent(w, { title: 'Flash sale' }, { expiresAt: soon() });
      expect(scheduled).toMatchObject({ status: 'PUBLISHED', visibility: 'scheduled' });
      expect(expiring.visibility).toBe('live');

      const publicIds = async () => (await w.content.publicSearch(w.anonymous, publicSearchQuery.parse({ limit: 100 }))).data.map((c) => c.id);
      expect(await rejection(w.content.getPublished(w.anonymous, { id: scheduled.id }))).toMatchObject({ kind: 'not_found' });
      expect((await w.content.getPublished(w.anonymous, { id: expiring.id })).id).toBe(expiring.id);
      expect(await publicIds()).toEqual(expect.arrayContaining([expiring.id]));
      expect(await publicIds()).not.toContain(scheduled.id);

      await sleep(Math.max(0, switchAt - Date.now()) + 250);
      expect((await w.content.getPublished(w.anonymous, { slug: scheduled.slug })).id).toBe(scheduled.id);
      expect(await rejection(w.content.getPublished(w.anonymous, { id: expiring.id }))).toMatchObject({ kind: 'not_found' });
      expect(await publicIds()).toContain(scheduled.id);
      expect(await publicIds()).not.toContain(expiring.id);
      expect((await w.content.get(w.publisher, expiring.id)).visibility).toBe('expired');
    });

    it('archiveExpiredContent archives exactly the expired published content of every tenant, as the system', async () => {
      const other = await contentWorld(t.db, 'expiry');
      const expired = await publishedContent(w, {}, { publishAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() - 1000) });
      const theirs = await publishedContent(other, {}, { publishAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() - 1000) });
      const current = await publishedContent(w, {}, { expiresAt: new Date(Date.now() + 3_600_000) });
      const draft = await w.content.create(w.editor, draftInput(w.accountId, { expiresAt: '2000-01-01T00:00:00Z' }));

      const archived = await withPlatform(t.db, systemContext(null, 'job:archive-expired'), (tx) => archiveExpiredContent(tx));
      expect(archived).toBeGreaterThanOrEqual(2);
      expect((await w.content.get(w.admin, expired.id)).status).toBe('ARCHIVED');
      expect((await other.content.get(other.admin, theirs.id)).status).toBe('ARCHIVED');
      expect((await w.content.get(w.admin, current.id)).status).toBe('PUBLISHED');
      expect((await w.content.get(w.admin, draft.id)).status).toBe('DRAFT');
      expect(await withPlatform(t.db, systemContext(null, 'job:archive-expired'), (tx) => archiveExpiredContent(tx))).toBe(0);

      const [entry] = await t.db.query<{ user_id: string | null; request_id: string; new_values: { status: string } }>(
        `select user_id, request_id, new_values from audit_logs where resource = 'contents' and resource_id = $1 order by seq desc limit 1`,
        [expired.id],
      );
      expect(entry).toMatchObject({ user_id: null, request_id: 'system:job:archive-expired', new_values: { status: 'ARCHIVED' } });

      // Restoring voids the passed expiry, so it can be published again.
      const restored = await step('publisher', expired.id, { action: 'restore' });
      expect(restored.expiresAt).toBeNull();
    });

    it('refuses an expiry before the publication time (the database’s check)', async () => {
      const id = await contentIn('APPROVED');
      const error = await rejection(
        step('publisher', id, { action: 'publish', publishAt: new Date('2030-01-02T00:00:00Z'), expiresAt: new Date('2030-01-01T00:00:00Z') }),
      );
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'EXPIRY_BEFORE_PUBLICATION' });
      expect((await w.content.get(w.admin, id)).status).toBe('APPROVED');
    });

    it('hides content of a suspended account from the public', async () => {
      const other = await contentWorld(t.db, 'suspended');
      const published = await publishedContent(other);
      await t.db.query(`update accounts set status = 'SUSPENDED' where id = $1`, [other.accountId]);
      expect(await rejection(other.content.getPublished(other.anonymous, { id: published.id }))).toMatchObject({ kind: 'not_found' });
      const listed = await other.content.publicSearch(other.anonymous, publicSearchQuery.parse({}));
      expect(listed.data.map((c) => c.id)).not.toContain(published.id);
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { noPermissions, type RequestContext, systemContext } from '../../src/core/context';
import { withPlatform } from '../../src/db/tenant-context';
import { activityFeedQuery, pruneEngagementWindows, shareInput } from '../../src/modules/activity';
import { describeDb } from '../helpers/db';
import { type ContentWorld, contentWorld, draftInput, publishedContent, rejection } from './fixtures';

describeDb('engagement: likes, views, shares and the activity feed', (t) => {
  let w: ContentWorld;
  beforeAll(async () => {
    w = await contentWorld(t.db, 'engage');
  });

  const counters = async (id: string) =>
    (await t.db.query<{ views: number; likes: number; shares: number }>('select views, likes, shares from contents where id = $1', [id]))[0]!;
  const activityCount = async (id: string, type: string, userId?: string) =>
    (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from activities where target = 'contents' and target_id = $1 and type = $2 and ($3::uuid is null or user_id = $3)`,
        [id, type, userId ?? null],
      )
    )[0]!.n;
  const likeRows = async (id: string) =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from engagements where target_id = $1 and kind = 'like'`, [id]))[0]!.n;

  describe('likes', () => {
    it('one per user and target: liking again changes nothing, unlike removes it and its activity', async () => {
      const { id } = await publishedContent(w);
      const [me] = await w.readers(1);
      expect(await w.engagement.like(me!, 'contents', id)).toEqual({ counted: true, liked: true, stats: { views: 0, likes: 1, shares: 0 } });
      expect(await w.engagement.like(me!, 'contents', id)).toMatchObject({ counted: false, stats: { likes: 1 } });
      expect(await activityCount(id, 'like', me!.actor!.userId)).toBe(1);
      expect(await w.engagement.unlike(me!, 'contents', id)).toEqual({ counted: true, liked: false, stats: { views: 0, likes: 0, shares: 0 } });
      expect(await w.engagement.unlike(me!, 'contents', id)).toMatchObject({ counted: false, stats: { likes: 0 } });
      expect(await activityCount(id, 'like', me!.actor!.userId)).toBe(0);
    });

    it('a user liking many times at the same moment counts once', async () => {
      const { id } = await publishedContent(w);
      const [me] = await w.readers(1);
      const results = await Promise.all(Array.from({ length: 12 }, () => w.engagement.like(me!, 'contents', id)));
      expect(results.filter((r) => r.counted)).toHaveLength(1);
      expect(await counters(id)).toMatchObject({ likes: 1 });
      expect(await likeRows(id)).toBe(1);
      expect(await activityCount(id, 'like')).toBe(1);
    });

    it('many users liking at once are all counted, and likes/unlikes interleaved keep the counter exact', async () => {
      const { id } = await publishedContent(w);
      const people = await w.readers(15);
      await Promise.all(people.map((p) => w.engagement.like(p, 'contents', id)));
      expect((await counters(id)).likes).toBe(15);
      await Promise.all(
        people.flatMap((p, i) =>
          i % 3 === 0
            ? [w.engagement.unlike(p, 'contents', id), w.engagement.like(p, 'contents', id), w.engagement.unlike(p, 'contents', id)]
            : [w.engagement.like(p, 'contents', id)],
        ),
      );
      expect((await counters(id)).likes).toBe(await likeRows(id));
      expect(await activityCount(id, 'like')).toBe(await likeRows(id));
    });
  });

  describe('views and shares', () => {
    it('a view counts at most once per user and hour, also when sent in parallel', async () => {
      const { id } = await publishedContent(w);
      const [me, other] = await w.readers(2);
      const burst = await Promise.all(Array.from({ length: 10 }, () => w.engagement.view(me!, 'contents', id)));
      expect(burst.filter((r) => r.counted)).toHaveLength(1);
      expect((await w.engagement.view(other!, 'contents', id)).stats.views).toBe(2);
      expect(await activityCount(id, 'view')).toBe(2);

      // 59 minutes later: still the same hour for this user.
      await t.db.query(`update engagements set counted_at = now() - interval '59 minutes' where target_id = $1 and user_id = $2 and kind = 'view'`, [
        id,
        me!.actor!.userId,
      ]);
      expect((await w.engagement.view(me!, 'contents', id)).counted).toBe(false);
      // An hour later it counts again, once.
      await t.db.query(`update engagements set counted_at = now() - interval '61 minutes' where target_id = $1 and user_id = $2 and kind = 'view'`, [
        id,
        me!.actor!.userId,
      ]);
      const again = await Promise.all([1, 2, 3].map(() => w.engagement.view(me!, 'contents', id)));
      expect(again.filter((r) => r.counted)).toHaveLength(1);
      expect(await counters(id)).toMatchObject({ views: 3 });
      expect(await activityCount(id, 'view', me!.actor!.userId)).toBe(2);
    });

    it('the database refuses counting a window again within the hour, whatever the statement', async () => {
      const { id } = await publishedContent(w);
      const [me] = await w.readers(1);
      await w.engagement.view(me!, 'contents', id);
      const bypass = t.db.query(`update engagements set counted_at = counted_at + interval '30 minutes' where target_id = $1 and kind = 'view'`, [id]);
      await expect(bypass).rejects.toMatchObject({ code: '23514', constraint: 'engagements_count_window' });
      await t.db.query(`update engagements set counted_at = counted_at + interval '61 minutes' where target_id = $1 and kind = 'view'`, [id]);
      expect((await counters(id)).views).toBe(2);
    });

    it('a share counts once per hour and records its channel', async () => {
      const { id } = await publishedContent(w);
      const [me] = await w.readers(1);
      expect(await w.engagement.share(me!, 'contents', id, shareInput.parse({ channel: 'LinkedIn' }))).toMatchObject({ counted: true, stats: { shares: 1 } });
      expect(await w.engagement.share(me!, 'contents', id, shareInput.parse({ channel: 'email' }))).toMatchObject({ counted: false, stats: { shares: 1 } });
      const [row] = await t.db.query<{ metadata: unknown }>(`select metadata from activities where target_id = $1 and type = 'share'`, [id]);
      expect(row!.metadata).toEqual({ channel: 'linkedin' });
    });

    it('counters are bookkeeping: no updated_at change, no audit entry', async () => {
      const { id } = await publishedContent(w);
      const [before] = await t.db.query<{ updated_at: Date; audits: number }>(
        `select updated_at, (select count(*)::int from audit_logs where resource_id = $1::text) as audits from contents where id = $1::uuid`,
        [id],
      );
      const [me] = await w.readers(1);
      await w.engagement.like(me!, 'contents', id);
      await w.engagement.view(me!, 'contents', id);
      const [after] = await t.db.query<{ updated_at: Date; audits: number }>(
        `select updated_at, (select count(*)::int from audit_logs where resource_id = $1::text) as audits from contents where id = $1::uuid`,
        [id],
      );
      expect(after).toEqual(before);
    });
  });

  describe('who and what', () => {
    it('only publicly visible content of the tenant can be engaged with (404 otherwise)', async () => {
      const draft = await w.content.create(w.editor, draftInput(w.accountId));
      const scheduled = await publishedContent(w, {}, { publishAt: new Date(Date.now() + 3_600_000) });
      const other = await contentWorld(t.db, 'engage-other');
      const theirs = await publishedContent(other);
      for (const id of [draft.id, scheduled.id, theirs.id, 'not-a-uuid']) {
        expect(await rejection(w.engagement.like(w.reader, 'contents', id))).toMatchObject({ kind: 'not_found' });
        expect(await rejection(w.engagement.view(w.reader, 'contents', id))).toMatchObject({ kind: 'not_found' });
      }
      expect((await counters(theirs.id)).likes).toBe(0);
    });

    it('needs a signed-in user; likes and shares need user.activity.create', async () => {
      const { id } = await publishedContent(w);
      expect(await rejection(w.engagement.like(w.anonymous, 'contents', id))).toMatchObject({ kind: 'unauthenticated' });
      expect(await rejection(w.engagement.view(w.anonymous, 'contents', id))).toMatchObject({ kind: 'unauthenticated' });
      const bare: RequestContext = { ...w.reader, permissions: noPermissions };
      expect(await rejection(w.engagement.like(bare, 'contents', id))).toMatchObject({ kind: 'forbidden' });
      expect(await rejection(w.engagement.share(bare, 'contents', id))).toMatchObject({ kind: 'forbidden' });
      expect((await w.engagement.view(bare, 'contents', id)).counted).toBe(true);
    });
  });

  describe('activity feed', () => {
    let me: RequestContext;
    const published: string[] = [];
    beforeAll(async () => {
      const [first, someoneElse] = await w.readers(2);
      me = first!;
      for (let i = 0; i < 4; i++) published.push((await publishedContent(w, { title: `Feed item ${i}` })).id);
      for (const id of published) {
        await w.engagement.view(me, 'contents', id);
        await w.engagement.like(me, 'contents', id);
        await w.engagement.like(someoneElse!, 'contents', id);
      }
      await w.engagement.share(me, 'contents', published[0]!, { channel: 'email' });
    });

    const feed = (query: Record<string, unknown>, ctx = me) => w.engagement.feed(ctx, activityFeedQuery.parse(query));

    it('is the caller’s own activity, newest first, with the content while it is public', async () => {
      const all = await feed({ limit: 100 });
      expect(all.data).toHaveLength(9);
      expect(all.data[0]).toMatchObject({ type: 'share', target: 'contents', targetId: published[0], metadata: { channel: 'email' } });
      expect(all.data[0]!.content).toMatchObject({ id: published[0], title: 'Feed item 0' });
      const times = all.data.map((a) => a.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(all.data.every((a) => published.includes(a.targetId))).toBe(true);

      await w.content.transition(w.publisher, published[1]!, { action: 'unpublish' });
      const later = await feed({ type: 'like', limit: 100 });
      expect(later.data).toHaveLength(4);
      expect(later.data.find((a) => a.targetId === published[1])!.content).toBeNull();
    });

    it('pages by cursor without gaps or repeats, also across rows of one transaction', async () => {
      const all = (await feed({ limit: 100 })).data.map((a) => a.id);
      const walked: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await feed({ limit: 2, ...(cursor ? { cursor } : {}) });
        walked.push(...page.data.map((a) => a.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(walked).toEqual(all);
    });

    it('needs user.activity.read and a user', async () => {
      expect(await rejection(feed({}, { ...me, permissions: noPermissions }))).toMatchObject({ kind: 'forbidden' });
      expect(await rejection(feed({}, w.anonymous))).toMatchObject({ kind: 'unauthenticated' });
    });
  });

  it('pruneEngagementWindows forgets lapsed view/share windows only; counters and likes stay', async () => {
    const { id } = await publishedContent(w);
    const [me] = await w.readers(1);
    await w.engagement.view(me!, 'contents', id);
    await w.engagement.share(me!, 'contents', id);
    await w.engagement.like(me!, 'contents', id);
    await t.db.query(`update engagements set counted_at = now() - interval '2 hours' where target_id = $1`, [id]);
    const pruned = await withPlatform(t.db, systemContext(null, 'job:prune-engagement'), (tx) => pruneEngagementWindows(tx));
    expect(pruned).toBeGreaterThanOrEqual(2);
    const left = await t.db.query<{ kind: string }>('select kind from engagements where target_id = $1', [id]);
    expect(left.map((r) => r.kind)).toEqual(['like']);
    expect(await counters(id)).toEqual({ views: 1, likes: 1, shares: 1 });
    expect((await w.engagement.view(me!, 'contents', id)).stats.views).toBe(2);
  });
});

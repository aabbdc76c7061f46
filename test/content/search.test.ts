import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/core/context';
import { managedSearchQuery, publicSearchQuery } from '../../src/modules/content';
import { describeDb } from '../helpers/db';
import { type ContentWorld, contentWorld, draftInput, publishedContent, rejection } from './fixtures';

describeDb('content search', (t) => {
  let w: ContentWorld;
  const ids: Record<string, string> = {};

  /** The corpus: published unless said otherwise, all in one fresh tenant. */
  beforeAll(async () => {
    w = await contentWorld(t.db, 'search');
    const add = async (key: string, fields: Record<string, unknown>, publishAt?: string) => {
      ids[key] = (await publishedContent(w, fields, publishAt ? { publishAt: new Date(publishAt) } : {})).id;
    };
    await add('basics', { title: 'Gardening basics', description: 'Your first vegetable patch', tags: ['howto'] }, '2024-01-10T10:00:00Z');
    await add('plan', { title: 'Vegetable garden planning', body: 'Plan the beds in winter.' }, '2024-02-10T10:00:00Z');
    await add('tagged', { title: 'Spring planting', tags: ['gardening', 'spring'] }, '2024-03-10T10:00:00Z');
    await add('body', { title: 'Weekend notes', body: 'Saturday: a little gardening, then coffee with friends.' });
    await add('lazy', { title: 'The lazy dog sleeps', body: 'The quick brown fox jumps over it.' });
    await add('dogLazy', { title: 'A dog that is never lazy', body: 'Always running around.' });
    await add('cats', { title: 'Cats and their owners', description: 'A story about a cat' });
    await add('runway', { type: 'PORTFOLIO', title: 'Runway fashion week in Paris', tags: ['fashion'] });
    await add('photo', { type: 'PORTFOLIO', title: 'Fashion photography tips', description: 'Lighting for fashion shoots' });
    await add('xss', {
      title: 'Tulips <script>alert(1)</script>',
      body: 'Plant tulips in autumn. <img src=x onerror=alert(1)> Tulips need cold winters.',
    });
    const other = await publishedContent(w, { accountId: w.otherAccountId, title: 'Gardening for agencies' }).catch(() => undefined);
    expect(other).toBeUndefined(); // the editor may not create for another account
    const otherDraft = await w.content.create(w.admin, draftInput(w.otherAccountId, { title: 'Gardening elsewhere' }));
    await w.content.transition(w.admin, otherDraft.id, { action: 'submit' });
    await w.content.transition(w.admin, otherDraft.id, { action: 'approve' });
    ids.otherAccount = (await w.content.transition(w.admin, otherDraft.id, { action: 'publish' })).id;
    ids.draft = (await w.content.create(w.editor, draftInput(w.accountId, { title: 'Gardening secrets (draft)' }))).id;
  }, 120_000);

  const search = (query: Record<string, unknown>, ctx: RequestContext = w.anonymous) => w.content.publicSearch(ctx, publicSearchQuery.parse(query));
  const keysOf = (data: { id: string }[]) => data.map((d) => Object.keys(ids).find((k) => ids[k] === d.id) ?? d.id);

  describe('relevance', () => {
    it('ranks title hits above tag/description hits above body hits, and stems words', async () => {
      const page = await search({ q: 'gardening' });
      expect(page.mode).toBe('fulltext');
      const keys = keysOf(page.data);
      expect(keys.slice(0, 3).sort()).toEqual(['basics', 'otherAccount', 'plan']); // "garden" in the title
      expect(keys.slice(3)).toEqual(['tagged', 'body']);
      expect(keys).not.toContain('draft');
      const scores = page.data.map((d) => d.score!);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('understands websearch syntax: phrases, OR, exclusion', async () => {
      expect(keysOf((await search({ q: '"lazy dog"' })).data)).toEqual(['lazy']);
      expect(keysOf((await search({ q: 'lazy dog' })).data).sort()).toEqual(['dogLazy', 'lazy']);
      expect(keysOf((await search({ q: 'cat OR photography' })).data).sort()).toEqual(['cats', 'photo']);
      expect(keysOf((await search({ q: 'fashion -paris' })).data)).toEqual(['photo']);
    });

    it('highlights matches in safe HTML: the author’s markup is escaped, only <mark> is ours', async () => {
      const [hit] = (await search({ q: 'tulips' })).data;
      expect(hit!.highlight!.title).toBe('<mark>Tulips</mark> &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(hit!.highlight!.snippet).toContain('<mark>tulips</mark>');
      expect(hit!.highlight!.snippet).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(hit!.highlight!.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    });

    it('falls back to trigram similarity for typos when full text finds nothing', async () => {
      const typo = await search({ q: 'gardnening' });
      expect(typo.mode).toBe('fuzzy');
      expect(keysOf(typo.data)).toContain('basics');
      expect(typo.data.every((d) => d.highlight === null)).toBe(true);
      const twoTypos = await search({ q: 'fashon photgraphy' });
      expect(twoTypos.mode).toBe('fuzzy');
      expect(keysOf(twoTypos.data)[0]).toBe('photo');
      const nothing = await search({ q: 'xylophone' });
      expect(nothing).toMatchObject({ mode: 'fuzzy', data: [], nextCursor: null });
    });
  });

  describe('filters', () => {
    it('by type, tag, account, author and publication date', async () => {
      expect(keysOf((await search({ type: 'PORTFOLIO' })).data).sort()).toEqual(['photo', 'runway']);
      expect(keysOf((await search({ tag: 'Gardening' })).data)).toEqual(['tagged']);
      expect(keysOf((await search({ q: 'gardening', accountId: w.otherAccountId })).data)).toEqual(['otherAccount']);
      expect(keysOf((await search({ authorId: w.admin.actor!.userId })).data)).toEqual(['otherAccount']);
      expect(keysOf((await search({ publishedFrom: '2024-02-01T00:00:00Z', publishedTo: '2024-03-01T00:00:00Z' })).data)).toEqual(['plan']);
      expect(keysOf((await search({ q: 'gardening', publishedTo: '2024-12-31T00:00:00Z' })).data).sort()).toEqual(['basics', 'plan', 'tagged']);
    });

    it('status only for those who may see every state', async () => {
      expect(() => publicSearchQuery.parse({ status: 'DRAFT' })).toThrow();
      const managed = (query: Record<string, unknown>, ctx: RequestContext) => w.content.managedSearch(ctx, managedSearchQuery.parse(query));
      const drafts = await managed({ status: 'DRAFT', accountId: w.accountId, q: 'gardening' }, w.editor);
      expect(keysOf(drafts.data)).toEqual(['draft']);
      expect(drafts.data[0]).toMatchObject({ status: 'DRAFT', visibility: 'hidden' });
      const both = await managed({ status: 'DRAFT,PUBLISHED', q: 'gardening secrets' }, w.reviewer);
      expect(keysOf(both.data)[0]).toBe('draft');
      expect(await rejection(managed({ status: 'DRAFT' }, w.editor))).toMatchObject({ kind: 'forbidden' });
      expect(await rejection(managed({ accountId: w.accountId }, w.stranger))).toMatchObject({ kind: 'forbidden' });
      expect(await rejection(managed({}, w.reader))).toMatchObject({ kind: 'forbidden' });
    });
  });

  describe('cursor pagination', () => {
    let w2: ContentWorld;
    const many: string[] = [];
    beforeAll(async () => {
      w2 = await contentWorld(t.db, 'pages');
      // Five share one publication instant: ties are broken by id.
      for (let i = 0; i < 23; i++) {
        const publishAt = i < 5 ? new Date('2025-05-05T05:05:05.123Z') : new Date(Date.UTC(2025, 0, 1 + i));
        const words = ['model', 'casting', i % 3 === 0 ? 'model model' : 'portfolio'].join(' ');
        many.push((await publishedContent(w2, { title: `Page ${i} ${words}`, body: 'model '.repeat(i % 4) }, { publishAt })).id);
      }
    }, 120_000);

    async function walk(query: Record<string, unknown>, limit: number) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await w2.content.publicSearch(w2.anonymous, publicSearchQuery.parse({ ...query, limit, ...(cursor ? { cursor } : {}) }));
        seen.push(...page.data.map((d) => d.id));
        expect(page.data.length).toBeLessThanOrEqual(limit);
        if (!page.nextCursor) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('too many pages');
    }

    it.each([
      ['newest first', {}],
      ['full text by rank', { q: 'model' }],
      ['trigram fallback', { q: 'castng' }],
    ])('%s: pages in small steps give exactly the one-page result', async (_label, query) => {
      const all = await w2.content.publicSearch(w2.anonymous, publicSearchQuery.parse({ ...query, limit: 100 }));
      expect(all.data.length).toBe(23);
      expect(all.nextCursor).toBeNull();
      const walked = await walk(query, 4);
      expect(walked).toEqual(all.data.map((d) => d.id));
      expect(new Set(walked).size).toBe(23);
    });

    it('newest first is by publication time, then id', async () => {
      const all = await w2.content.publicSearch(w2.anonymous, publicSearchQuery.parse({ limit: 100 }));
      const keys = all.data.map((d) => [d.publishedAt!, d.id] as const);
      const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? 1 : -1) : a[0] < b[0] ? 1 : -1));
      expect(keys).toEqual(sorted);
    });

    it('refuses a forged cursor or one from another kind of query', async () => {
      const first = await w2.content.publicSearch(w2.anonymous, publicSearchQuery.parse({ limit: 2 }));
      expect(await rejection(w2.content.publicSearch(w2.anonymous, publicSearchQuery.parse({ q: 'model', cursor: first.nextCursor })))).toMatchObject({
        kind: 'validation',
      });
      for (const cursor of ['nonsense', Buffer.from('["f","x","y"]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
        expect(await rejection(w2.content.publicSearch(w2.anonymous, publicSearchQuery.parse({ cursor })))).toMatchObject({ kind: 'validation' });
      }
    });
  });
});

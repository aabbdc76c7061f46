import { beforeAll, describe, expect, it } from 'vitest';
import { managedSearchQuery, updateContentInput } from '../../src/modules/content';
import { describeDb } from '../helpers/db';
import { type ContentWorld, contentWorld, createMedia, draftInput, publishedContent, rejection } from './fixtures';

describeDb('content: create, edit, delete, slugs', (t) => {
  let w: ContentWorld;
  beforeAll(async () => {
    w = await contentWorld(t.db);
  });

  describe('create', () => {
    it('stores every field as given, as a DRAFT by the caller, and presents ISO times and UUIDs', async () => {
      const mediaId = await createMedia(t.db, w.tenantId, w.g.userId, w.accountId);
      const body = '# Heading\n\nSome *Markdown* with <script>alert(1)</script> kept verbatim.';
      const created = await w.content.create(
        w.editor,
        draftInput(w.accountId, {
          type: 'PORTFOLIO',
          title: 'Spring shoot in Vienna',
          description: 'Behind the scenes',
          body,
          featuredImageId: mediaId,
          metaTitle: 'Spring shoot',
          metaDescription: 'Photos from the spring shoot',
          keywords: ['fashion', 'vienna', 'fashion'],
          tags: ['Spring', ' Outdoor  Shoot ', 'spring'],
          categoryIds: [w.g.categoryId],
          mediaIds: [mediaId],
          expiresAt: '2099-01-01T00:00:00+01:00',
        }),
      );
      expect(created).toMatchObject({
        type: 'PORTFOLIO',
        title: 'Spring shoot in Vienna',
        slug: 'spring-shoot-in-vienna',
        description: 'Behind the scenes',
        body,
        featuredImageId: mediaId,
        seo: { metaTitle: 'Spring shoot', metaDescription: 'Photos from the spring shoot', keywords: ['fashion', 'vienna'] },
        tags: ['spring', 'outdoor shoot'],
        categories: [{ id: w.g.categoryId, slug: 'news', name: 'News' }],
        mediaIds: [mediaId],
        status: 'DRAFT',
        visibility: 'hidden',
        publishedAt: null,
        expiresAt: '2098-12-31T23:00:00.000Z',
        account: { id: w.accountId, name: 'Acme' },
        author: { id: w.editor.actor!.userId },
        stats: { views: 0, likes: 0, shares: 0 },
        review: null,
        actions: ['submit', 'edit'],
      });
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const again = await w.content.get(w.editor, created.id);
      expect(again).toEqual(created);
    });

    it('needs account.content.create in that account, and a signed-in author', async () => {
      expect(await rejection(w.content.create(w.stranger, draftInput(w.accountId)))).toMatchObject({ kind: 'forbidden' });
      expect(await rejection(w.content.create(w.reader, draftInput(w.accountId)))).toMatchObject({ kind: 'forbidden' });
      expect(await rejection(w.content.create(w.anonymous, draftInput(w.accountId)))).toMatchObject({ kind: 'unauthenticated' });
    });

    it('refuses media of another account, another person, another tenant, and deleted media', async () => {
      const foreign = await createMedia(t.db, w.tenantId, w.g.userId, w.otherAccountId);
      const other = await contentWorld(t.db, 'other');
      const editorId = w.editor.actor!.userId;
      const deleted = await createMedia(t.db, w.tenantId, editorId);
      await t.db.query('update media_files set deleted_at = now() where id = $1', [deleted]);
      // Someone else's personal upload (e.g. a passport attached to an application): private, never the account's to publish.
      const someoneElses = await createMedia(t.db, w.tenantId, w.g.otherUserId);
      for (const media of [foreign, other.g.mediaId, deleted, someoneElses]) {
        const error = await rejection(w.content.create(w.editor, draftInput(w.accountId, { featuredImageId: media })));
        expect(error).toMatchObject({ kind: 'unprocessable', code: 'UNKNOWN_MEDIA', extra: { mediaIds: [media] } });
        const inGallery = await rejection(w.content.create(w.editor, draftInput(w.accountId, { mediaIds: [media] })));
        expect(inGallery).toMatchObject({ code: 'UNKNOWN_MEDIA', errors: [{ path: 'mediaIds' }] });
      }
      expect(await t.db.query('select 1 from contents where featured_image_id = $1', [someoneElses])).toHaveLength(0);
      // The account's own files and the author's own personal files are usable.
      const accounts = await createMedia(t.db, w.tenantId, w.g.userId, w.accountId);
      const editors = await createMedia(t.db, w.tenantId, editorId, null);
      const ok = await w.content.create(w.editor, draftInput(w.accountId, { featuredImageId: editors, mediaIds: [accounts, editors] }));
      expect(ok).toMatchObject({ featuredImageId: editors, mediaIds: [accounts, editors] });
    });

    it('on update: another person’s personal file is refused; files the content already uses stay usable', async () => {
      const editorId = w.editor.actor!.userId;
      const editors = await createMedia(t.db, w.tenantId, editorId, null);
      const draft = await w.content.create(w.editor, draftInput(w.accountId, { featuredImageId: editors, mediaIds: [editors] }));
      // The publisher edits the editor's draft: the editor's file stays, but the publisher cannot add more of the editor's personal files …
      const more = await createMedia(t.db, w.tenantId, editorId, null);
      const refused = await rejection(w.content.update(w.publisher, draft.id, updateContentInput.parse({ mediaIds: [editors, more] })));
      expect(refused).toMatchObject({ kind: 'unprocessable', code: 'UNKNOWN_MEDIA', extra: { mediaIds: [more] } });
      // … while keeping what is there and adding the publisher's own works.
      const publishers = await createMedia(t.db, w.tenantId, w.g.userId, null);
      const kept = await w.content.update(w.publisher, draft.id, updateContentInput.parse({ featuredImageId: editors, mediaIds: [publishers, editors] }));
      expect(kept).toMatchObject({ featuredImageId: editors, mediaIds: [publishers, editors] });
    });

    it('treats an account or category of another tenant as missing', async () => {
      const other = await contentWorld(t.db, 'other2');
      expect(await rejection(w.content.create(w.admin, draftInput(other.accountId)))).toMatchObject({ kind: 'not_found' });
      expect(await rejection(w.content.managedSearch(w.admin, managedSearchQuery.parse({ accountId: other.accountId })))).toMatchObject({
        kind: 'not_found',
      });
      expect(await rejection(w.content.create(w.editor, draftInput(w.accountId, { categoryIds: [other.g.categoryId] })))).toMatchObject({
        kind: 'unprocessable',
        code: 'UNKNOWN_CATEGORY',
      });
    });
  });

  describe('slugs', () => {
    it('are generated from the title with transliteration', async () => {
      const created = await w.content.create(w.editor, draftInput(w.accountId, { title: 'Über die Straße — Привет!' }));
      expect(created.slug).toBe('ueber-die-strasse-privet');
    });

    it('generated: a clash moves on to the next free variant', async () => {
      const titles = await Promise.all([1, 2, 3].map(() => w.content.create(w.editor, draftInput(w.accountId, { title: 'Casting call' }))));
      expect(titles.map((c) => c.slug).sort()).toEqual(['casting-call', 'casting-call-2', 'casting-call-3']);
    });

    it('given: a clash is 409 SLUG_TAKEN with a free suggestion, on create and on update', async () => {
      await w.content.create(w.editor, draftInput(w.accountId, { title: 'Summer', slug: 'summer' }));
      await w.content.create(w.editor, draftInput(w.accountId, { title: 'Summer', slug: 'summer-2' }));
      const onCreate = await rejection(w.content.create(w.editor, draftInput(w.accountId, { title: 'Other', slug: 'summer' })));
      expect(onCreate).toMatchObject({ kind: 'conflict', code: 'SLUG_TAKEN', extra: { slug: 'summer', suggestion: 'summer-3' }, errors: [{ path: 'slug' }] });

      const mine = await w.content.create(w.editor, draftInput(w.accountId, { title: 'Winter' }));
      const onUpdate = await rejection(w.content.update(w.editor, mine.id, updateContentInput.parse({ slug: 'summer' })));
      expect(onUpdate).toMatchObject({ kind: 'conflict', code: 'SLUG_TAKEN', extra: { slug: 'summer', suggestion: 'summer-3' } });
      expect((await w.content.get(w.editor, mine.id)).slug).toBe('winter');
      const renamed = await w.content.update(w.editor, mine.id, updateContentInput.parse({ slug: 'summer-3' }));
      expect(renamed.slug).toBe('summer-3');
    });

    it('are unique per tenant among live rows only', async () => {
      const other = await contentWorld(t.db, 'slugs');
      const here = await w.content.create(w.editor, draftInput(w.accountId, { title: 'Shared slug', slug: 'shared-slug' }));
      const there = await other.content.create(other.editor, draftInput(other.accountId, { title: 'Shared slug', slug: 'shared-slug' }));
      expect(there.slug).toBe(here.slug);
      await w.content.remove(w.publisher, here.id);
      const reused = await w.content.create(w.editor, draftInput(w.accountId, { title: 'Again', slug: 'shared-slug' }));
      expect(reused.slug).toBe('shared-slug');
    });

    it('refuses malformed slugs at the schema', () => {
      for (const slug of ['Upper', 'two  words', '-dash', 'dash-', 'a--b', 'ü']) {
        expect(() => draftInput(w.accountId, { slug })).toThrow();
      }
    });
  });

  describe('update', () => {
    it('changes only the given fields, clears nulls, and replaces lists', async () => {
      const m1 = await createMedia(t.db, w.tenantId, w.g.userId, w.accountId);
      const m2 = await createMedia(t.db, w.tenantId, w.g.userId, w.accountId);
      const created = await w.content.create(
        w.editor,
        draftInput(w.accountId, { title: 'Editable', description: 'old', tags: ['a', 'b'], mediaIds: [m1, m2], categoryIds: [w.g.categoryId] }),
      );
      const updated = await w.content.update(
        w.editor,
        created.id,
        updateContentInput.parse({ description: null, tags: ['c'], mediaIds: [m2, m1], categoryIds: [] }),
      );
      expect(updated).toMatchObject({ title: 'Editable', slug: created.slug, description: null, tags: ['c'], mediaIds: [m2, m1], categories: [] });
    });

    it('is for DRAFTs only, by the account’s editors; others get 404 or 403', async () => {
      const created = await w.content.create(w.editor, draftInput(w.accountId));
      const change = updateContentInput.parse({ title: 'New title' });
      expect(await rejection(w.content.update(w.stranger, created.id, change))).toMatchObject({ kind: 'not_found' });
      expect(await rejection(w.content.update(w.reader, created.id, change))).toMatchObject({ kind: 'not_found' });
      expect(await rejection(w.content.update(w.reviewer, created.id, change))).toMatchObject({ kind: 'forbidden' });
      await w.content.transition(w.editor, created.id, { action: 'submit' });
      expect(await rejection(w.content.update(w.editor, created.id, change))).toMatchObject({
        kind: 'conflict',
        code: 'ILLEGAL_TRANSITION',
        extra: { from: 'IN_REVIEW', action: 'edit', allowed: ['approve', 'reject'] },
      });
    });
  });

  describe('delete', () => {
    it('soft-deletes: gone for everyone, only with account.content.delete', async () => {
      const published = await publishedContent(w);
      expect(await rejection(w.content.remove(w.editor, published.id))).toMatchObject({ kind: 'forbidden' });
      await w.content.remove(w.publisher, published.id);
      expect(await rejection(w.content.get(w.publisher, published.id))).toMatchObject({ kind: 'not_found' });
      expect(await rejection(w.content.getPublished(w.anonymous, { id: published.id }))).toMatchObject({ kind: 'not_found' });
      const [row] = await t.db.query<{ deleted: boolean }>('select deleted_at is not null as deleted from contents where id = $1', [published.id]);
      expect(row!.deleted).toBe(true);
    });
  });

  describe('reads', () => {
    it('any state for the account’s readers and tenant readers; 404 for others', async () => {
      const draft = await w.content.create(w.editor, draftInput(w.accountId));
      expect((await w.content.get(w.publisher, draft.id)).id).toBe(draft.id);
      expect((await w.content.get(w.reviewer, draft.id)).actions).toEqual([]);
      for (const ctx of [w.stranger, w.reader, w.anonymous]) {
        expect(await rejection(w.content.get(ctx, draft.id))).toMatchObject({ kind: 'not_found' });
      }
    });

    it('another tenant’s content is 404, even for its tenant admin', async () => {
      const other = await contentWorld(t.db, 'reads');
      const theirs = await publishedContent(other);
      expect(await rejection(w.content.get(w.admin, theirs.id))).toMatchObject({ kind: 'not_found' });
      expect(await rejection(w.content.getPublished(w.anonymous, { id: theirs.id }))).toMatchObject({ kind: 'not_found' });
      expect(await rejection(w.content.getPublished(w.anonymous, { slug: theirs.slug }))).toMatchObject({ kind: 'not_found' });
    });
  });
});

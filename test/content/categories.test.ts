import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CategoryNode,
  createCategoryInput,
  moveCategoryInput,
  publicSearchQuery,
  updateCategoryInput,
  updateContentInput,
} from '../../src/modules/content';
import { describeDb } from '../helpers/db';
import { type ContentWorld, contentWorld, draftInput, publishedContent, rejection } from './fixtures';

describeDb('categories', (t) => {
  let w: ContentWorld;
  beforeAll(async () => {
    w = await contentWorld(t.db);
  });

  const create = (fields: Record<string, unknown>) => w.categories.create(w.admin, createCategoryInput.parse(fields));
  const move = (id: string, parentId: string | null) => w.categories.move(w.admin, id, moveCategoryInput.parse({ parentId }));
  const names = (nodes: CategoryNode[]): unknown[] => nodes.map((n) => (n.children.length ? [n.name, names(n.children)] : n.name));

  it('builds a tree per tenant, siblings by position then name, with generated slugs', async () => {
    const other = await contentWorld(t.db, 'other');
    const fashion = await create({ name: 'Fashion & Style', position: 1 });
    const events = await create({ name: 'Events', position: 0 });
    await create({ name: 'Runway', parentId: fashion.id });
    await create({ name: 'Editorial', parentId: fashion.id });
    await create({ name: 'Backstage', parentId: events.id });
    expect(fashion.slug).toBe('fashion-and-style');
    const tree = await w.categories.tree(w.anonymous);
    // News (from the graph) and Events share position 0, so the name decides; Fashion has 1.
    expect(names(tree)).toEqual([['Events', ['Backstage']], 'News', ['Fashion & Style', ['Editorial', 'Runway']]]);
    // Another tenant has only its own.
    expect(names(await other.categories.tree(other.anonymous))).toEqual(['News']);
  });

  it('answers one category by slug with its path and children', async () => {
    const top = await create({ name: 'Models' });
    const mid = await create({ name: 'Women', parentId: top.id });
    const leaf = await create({ name: 'Curve', parentId: mid.id });
    const found = await w.categories.get(w.anonymous, { slug: mid.slug });
    expect(found).toMatchObject({ id: mid.id, path: [{ id: top.id, slug: 'models', name: 'Models' }], children: [{ id: leaf.id }] });
    expect(await rejection(w.categories.get(w.anonymous, { slug: 'nope' }))).toMatchObject({ kind: 'not_found' });
  });

  it('needs tenant.categories.* to change anything', async () => {
    const input = createCategoryInput.parse({ name: 'Nope' });
    expect(await rejection(w.categories.create(w.publisher, input))).toMatchObject({ kind: 'forbidden' });
    expect(await rejection(w.categories.remove(w.reviewer, w.g.categoryId))).toMatchObject({ kind: 'forbidden' });
  });

  it('a taken slug is 409 with a suggestion, on create and on update', async () => {
    await create({ name: 'Photo', slug: 'photo' });
    expect(await rejection(create({ name: 'Photography', slug: 'photo' }))).toMatchObject({
      code: 'SLUG_TAKEN',
      extra: { slug: 'photo', suggestion: 'photo-2' },
    });
    const generated = await create({ name: 'Photo' });
    expect(generated.slug).toBe('photo-2');
    const video = await create({ name: 'Video' });
    expect(await rejection(w.categories.update(w.admin, video.id, updateCategoryInput.parse({ slug: 'photo' })))).toMatchObject({
      code: 'SLUG_TAKEN',
      extra: { suggestion: 'photo-3' },
    });
    expect(await w.categories.update(w.admin, video.id, updateCategoryInput.parse({ name: 'Film', position: 3 }))).toMatchObject({
      name: 'Film',
      slug: 'video',
      position: 3,
    });
  });

  describe('move', () => {
    it('re-parents, and back to the top level', async () => {
      const a = await create({ name: 'Move A' });
      const b = await create({ name: 'Move B' });
      expect((await move(b.id, a.id)).parentId).toBe(a.id);
      expect((await move(b.id, null)).parentId).toBeNull();
    });

    it('refuses a cycle: under itself, under a child, under a grandchild', async () => {
      const a = await create({ name: 'Cycle A' });
      const b = await create({ name: 'Cycle B', parentId: a.id });
      const c = await create({ name: 'Cycle C', parentId: b.id });
      for (const parent of [a.id, b.id, c.id]) {
        expect(await rejection(move(a.id, parent))).toMatchObject({ kind: 'unprocessable', code: 'CATEGORY_CYCLE' });
      }
      expect((await w.categories.get(w.anonymous, { id: a.id })).parentId).toBeNull();
    });

    it('refuses a cycle from two opposite moves at the same moment', async () => {
      for (let round = 0; round < 5; round++) {
        const a = await create({ name: `Race A ${round}` });
        const b = await create({ name: `Race B ${round}` });
        const results = await Promise.allSettled([move(a.id, b.id), move(b.id, a.id)]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toMatchObject({ code: 'CATEGORY_CYCLE' });
        const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from categories where id in ($1, $2) and parent_id is not null', [a.id, b.id]);
        expect(row!.n).toBe(1);
      }
    });

    it('refuses a missing, deleted or foreign parent', async () => {
      const other = await contentWorld(t.db, 'foreign');
      const gone = await create({ name: 'Gone' });
      await w.categories.remove(w.admin, gone.id);
      const child = await create({ name: 'Orphan' });
      for (const parent of [gone.id, other.g.categoryId, crypto.randomUUID()]) {
        expect(await rejection(move(child.id, parent))).toMatchObject({ kind: 'unprocessable', code: 'UNKNOWN_CATEGORY' });
        expect(await rejection(create({ name: 'New child', parentId: parent }))).toMatchObject({ code: 'UNKNOWN_CATEGORY' });
      }
      expect(await rejection(move(crypto.randomUUID(), null))).toMatchObject({ kind: 'not_found' });
    });
  });

  describe('delete', () => {
    it('is refused while subcategories live, allowed once they are gone', async () => {
      const parent = await create({ name: 'Parent' });
      const child = await create({ name: 'Child', parentId: parent.id });
      expect(await rejection(w.categories.remove(w.admin, parent.id))).toMatchObject({ kind: 'conflict', code: 'CATEGORY_HAS_CHILDREN' });
      await w.categories.remove(w.admin, child.id);
      await w.categories.remove(w.admin, parent.id);
      expect(await rejection(w.categories.get(w.anonymous, { id: parent.id }))).toMatchObject({ kind: 'not_found' });
      expect(await rejection(w.categories.remove(w.admin, parent.id))).toMatchObject({ kind: 'not_found' });
    });

    it('cannot race a new child: of a parallel delete and child insert, not both succeed', async () => {
      for (let round = 0; round < 5; round++) {
        const parent = await create({ name: `Racy parent ${round}` });
        const results = await Promise.allSettled([w.categories.remove(w.admin, parent.id), create({ name: `Racy child ${round}`, parentId: parent.id })]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const [orphans] = await t.db.query<{ n: number }>(
          `select count(*)::int as n from categories c join categories p on p.tenant_id = c.tenant_id and p.id = c.parent_id
            where c.deleted_at is null and p.deleted_at is not null`,
        );
        expect(orphans!.n).toBe(0);
      }
    });

    it('takes the category off content, and content cannot be put into a deleted one', async () => {
      const cat = await create({ name: 'Temporary' });
      const published = await publishedContent(w, { categoryIds: [cat.id] });
      expect(published.categories.map((c) => c.id)).toEqual([cat.id]);
      await w.categories.remove(w.admin, cat.id);
      expect((await w.content.get(w.admin, published.id)).categories).toEqual([]);
      const [links] = await t.db.query<{ n: number }>('select count(*)::int as n from content_categories where category_id = $1', [cat.id]);
      expect(links!.n).toBe(0);
      const draft = await w.content.create(w.editor, draftInput(w.accountId));
      expect(await rejection(w.content.update(w.editor, draft.id, updateContentInput.parse({ categoryIds: [cat.id] })))).toMatchObject({
        kind: 'unprocessable',
        code: 'UNKNOWN_CATEGORY',
      });
    });
  });

  it('filters content by a category including its descendants', async () => {
    const root = await create({ name: 'Filter root' });
    const sub = await create({ name: 'Filter sub', parentId: root.id });
    const subsub = await create({ name: 'Filter subsub', parentId: sub.id });
    const sibling = await create({ name: 'Filter sibling' });
    const inRoot = await publishedContent(w, { categoryIds: [root.id] });
    const inSubSub = await publishedContent(w, { categoryIds: [subsub.id] });
    const inSibling = await publishedContent(w, { categoryIds: [sibling.id] });
    const ids = async (q: Record<string, unknown>) => (await w.content.publicSearch(w.anonymous, publicSearchQuery.parse(q))).data.map((c) => c.id).sort();
    expect(await ids({ categoryId: root.id })).toEqual([inRoot.id, inSubSub.id].sort());
    expect(await ids({ categorySlug: sub.slug })).toEqual([inSubSub.id]);
    expect(await ids({ categoryId: sibling.id })).toEqual([inSibling.id]);
  });
});

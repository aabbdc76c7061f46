import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type SignedUp = Awaited<ReturnType<typeof signUp>>;

describeHttp('content, categories and engagement over HTTP', (t) => {
  let tenant: TestTenant;
  let other: TestTenant;
  let owner: SignedUp; // account admin
  let member: SignedUp; // account member: writes, cannot publish
  let moderator: SignedUp; // tenant role: reads and reviews content
  let reader: SignedUp;
  let accountId: string;
  let admin: Client;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'content');
    other = await createTestTenant(t.app, 'elsewhere');
    admin = tenant.adminClient;
    const people = await Promise.all(['owner', 'member', 'moderator', 'reader'].map((l) => signUp(tenant, l)));
    [owner, member, moderator, reader] = people as [SignedUp, SignedUp, SignedUp, SignedUp];
    const account = await admin.post('/api/v1/tenant/accounts', { identifier: 'studio', name: 'Studio', type: 'AGENCY', ownerId: owner.id });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    expect((await admin.post(`/api/v1/tenant/accounts/${accountId}/members`, { userId: member.id, role: 'member' })).status).toBe(201);
    const role = await admin.post('/api/v1/tenant/roles', { name: 'content_moderator', permissions: ['tenant.content.read', 'tenant.content.review'] });
    expect(role.status).toBe(201);
    expect((await admin.post(`/api/v1/tenant/users/${moderator.id}/roles`, { role: 'content_moderator' })).status).toBe(201);
  });

  const base = () => `/api/v1/account/${accountId}/content`;

  async function createDraft(fields: Record<string, unknown> = {}) {
    const res = await member.client.post(base(), { type: 'ARTICLE', title: 'A walk in the park', ...fields });
    expect(res.status).toBe(201);
    return res.body as { id: string; slug: string };
  }

  async function publish(fields: Record<string, unknown> = {}, when: Record<string, unknown> = {}) {
    const draft = await createDraft(fields);
    expect((await member.client.post(`${base()}/${draft.id}/submit`)).body.status).toBe('IN_REVIEW');
    // a bare POST (no body at all) is an action without options
    expect((await moderator.client.post(`/api/v1/tenant/content/${draft.id}/approve`)).body.status).toBe('APPROVED');
    const published = await owner.client.post(`${base()}/${draft.id}/publish`, when);
    expect(published.status).toBe(200);
    return published.body as { id: string; slug: string; visibility: string };
  }

  describe('the publishing flow', () => {
    it('draft → review → approval → publication, each step by the right people', async () => {
      const draft = await createDraft({ title: 'Über uns', body: '**Hello**', tags: ['About'] });
      expect(draft).toMatchObject({ slug: 'ueber-uns', status: 'DRAFT', tags: ['about'], actions: ['submit', 'edit'] });

      const early = await owner.client.post(`${base()}/${draft.id}/publish`, {});
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'DRAFT', action: 'publish', allowed: ['submit'] });

      expect((await member.client.post(`${base()}/${draft.id}/submit`)).body.status).toBe('IN_REVIEW');
      const queue = await moderator.client.get('/api/v1/tenant/content?status=IN_REVIEW');
      expect(queue.status).toBe(200);
      expect(queue.body.data.map((c: { id: string }) => c.id)).toContain(draft.id);

      const rejected = await moderator.client.post(`/api/v1/tenant/content/${draft.id}/reject`, { reason: 'Please add a photo' });
      expect(rejected.body).toMatchObject({ status: 'DRAFT', review: { note: 'Please add a photo', reviewedBy: moderator.id } });
      const edited = await member.client.patch(`${base()}/${draft.id}`, { description: 'Who we are' });
      expect(edited.body.description).toBe('Who we are');
      await member.client.post(`${base()}/${draft.id}/submit`);
      expect((await moderator.client.post(`/api/v1/tenant/content/${draft.id}/approve`, { note: 'Thanks' })).body.status).toBe('APPROVED');

      const byMember = await member.client.post(`${base()}/${draft.id}/publish`, {});
      expect(byMember.status).toBe(403);
      const byModerator = await moderator.client.post(`/api/v1/tenant/content/${draft.id}/publish`, {});
      expect(byModerator.status).toBe(403);
      const published = await owner.client.post(`${base()}/${draft.id}/publish`, {});
      expect(published.body).toMatchObject({ status: 'PUBLISHED', visibility: 'live' });

      const read = await tenant.anon.get('/api/v1/public/content/by-slug/ueber-uns');
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: draft.id, title: 'Über uns', body: '**Hello**', account: { id: accountId, name: 'Studio' } });
      expect(read.body).not.toHaveProperty('status');
      expect(read.body).not.toHaveProperty('review');

      expect((await admin.post(`/api/v1/tenant/content/${draft.id}/archive`)).body.status).toBe('ARCHIVED');
      expect((await tenant.anon.get(`/api/v1/public/content/${draft.id}`)).status).toBe(404);
      expect((await owner.client.post(`${base()}/${draft.id}/restore`)).body).toMatchObject({ status: 'DRAFT', publishedAt: null });
    });

    it('scheduled publication is not public before its time', async () => {
      const scheduled = await publish({ title: 'Coming soon' }, { publishAt: new Date(Date.now() + 3_600_000).toISOString() });
      expect(scheduled.visibility).toBe('scheduled');
      expect((await tenant.anon.get(`/api/v1/public/content/by-slug/${scheduled.slug}`)).status).toBe(404);
    });

    it('a taken slug is 409 SLUG_TAKEN with a suggestion', async () => {
      await createDraft({ title: 'Contact', slug: 'contact' });
      const clash = await member.client.post(base(), { type: 'PAGE', title: 'Contact us', slug: 'contact' });
      expect(clash.status).toBe(409);
      expect(clash.body).toMatchObject({ code: 'SLUG_TAKEN', slug: 'contact', suggestion: 'contact-2', errors: [{ path: 'slug' }] });
    });

    it('refuses malformed input with 400 and unknown fields too', async () => {
      for (const body of [
        { type: 'ARTICLE', title: 'x', slug: 'Not A Slug' },
        { type: 'POEM', title: 'x' },
        { type: 'ARTICLE', title: 'x', status: 'PUBLISHED' },
      ]) {
        const res = await member.client.post(base(), body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect((await tenant.anon.get('/api/v1/public/content?limit=1000')).status).toBe(400);
      expect((await tenant.anon.get('/api/v1/public/content?cursor=garbage')).status).toBe(400);
      // no body at all: the problem names the required fields, not "expected object, received null"
      const bare = await member.client.post(base());
      expect(bare.status).toBe(400);
      expect(bare.body.errors.map((e: { path: string }) => e.path)).toEqual(
        expect.arrayContaining([expect.stringMatching(/title$/), expect.stringMatching(/type$/)]),
      );
    });

    it('keeps accounts and tenants apart', async () => {
      const mine = await createDraft();
      const outsider = await signUp(tenant, 'outsider');
      const theirs = await admin.post('/api/v1/tenant/accounts', { identifier: 'rival', name: 'Rival', type: 'AGENCY', ownerId: outsider.id });
      // Their own account's route does not reach our content.
      expect((await outsider.client.get(`/api/v1/account/${theirs.body.id}/content/${mine.id}`)).status).toBe(404);
      expect((await outsider.client.patch(`/api/v1/account/${theirs.body.id}/content/${mine.id}`, { title: 'Mine now' })).status).toBe(404);
      // And ours answers them with the guard's refusal.
      expect((await outsider.client.get(`${base()}/${mine.id}`)).status).toBe(403);
      // Another tenant sees nothing, not even with its admin.
      const published = await publish({ title: 'Local news' });
      expect((await other.anon.get(`/api/v1/public/content/${published.id}`)).status).toBe(404);
      expect((await other.anon.get(`/api/v1/public/content/by-slug/${published.slug}`)).status).toBe(404);
      expect((await other.adminClient.get(`/api/v1/tenant/content/${published.id}`)).status).toBe(404);
      expect((await other.anon.get('/api/v1/public/content?q=local')).body.data).toEqual([]);
    });
  });

  describe('search', () => {
    it('ranks, highlights safely and falls back for typos', async () => {
      await publish({ title: 'Sunflower fields', body: 'Sunflowers <b>everywhere</b> in July.' });
      await publish({ title: 'Summer notes', body: 'We saw a sunflower.' });
      const hits = await tenant.anon.get('/api/v1/public/content?q=sunflower');
      expect(hits.body.mode).toBe('fulltext');
      expect(hits.body.data.map((h: { title: string }) => h.title)).toEqual(['Sunflower fields', 'Summer notes']);
      expect(hits.body.data[0].highlight.title).toBe('<mark>Sunflower</mark> fields');
      expect(hits.body.data[0].highlight.snippet).toContain('<mark>Sunflowers</mark>');
      expect(hits.body.data[0].highlight.snippet).not.toContain('<b>');
      const typo = await tenant.anon.get('/api/v1/public/content?q=sunflowr%20feilds');
      expect(typo.body.mode).toBe('fuzzy');
      expect(typo.body.data[0].title).toBe('Sunflower fields');
    });
  });

  describe('categories', () => {
    it('administered by the tenant, read by the public, cycle-proof', async () => {
      const parent = await admin.post('/api/v1/tenant/categories', { name: 'Events' });
      expect(parent.status).toBe(201);
      const child = await admin.post('/api/v1/tenant/categories', { name: 'Workshops', parentId: parent.body.id });
      const cycle = await admin.post(`/api/v1/tenant/categories/${parent.body.id}/move`, { parentId: child.body.id });
      expect(cycle.status).toBe(422);
      expect(cycle.body.code).toBe('CATEGORY_CYCLE');
      const busy = await admin.delete(`/api/v1/tenant/categories/${parent.body.id}`);
      expect(busy.status).toBe(409);
      expect(busy.body.code).toBe('CATEGORY_HAS_CHILDREN');
      expect((await owner.client.post('/api/v1/tenant/categories', { name: 'Nope' })).status).toBe(403);

      const tree = await tenant.anon.get('/api/v1/public/categories');
      expect(tree.body.data).toEqual([expect.objectContaining({ name: 'Events', children: [expect.objectContaining({ name: 'Workshops', children: [] })] })]);
      const bySlug = await tenant.anon.get('/api/v1/public/categories/by-slug/workshops');
      expect(bySlug.body).toMatchObject({ id: child.body.id, path: [{ slug: 'events' }] });
      expect((await other.anon.get(`/api/v1/public/categories/${child.body.id}`)).status).toBe(404);

      const tagged = await publish({ title: 'Pottery workshop', categoryIds: [child.body.id] });
      const listed = await tenant.anon.get(`/api/v1/public/content?categoryId=${parent.body.id}`);
      expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([tagged.id]);
    });
  });

  describe('engagement', () => {
    it('a signed-in read counts one view per hour; likes count once even in parallel; the feed shows it', async () => {
      const published = await publish({ title: 'Engaging story' });
      const first = await reader.client.get(`/api/v1/public/content/by-slug/${published.slug}`);
      expect(first.body.stats.views).toBe(1);
      expect((await reader.client.get(`/api/v1/public/content/${published.id}`)).body.stats.views).toBe(1);
      expect((await tenant.anon.get(`/api/v1/public/content/${published.id}`)).body.stats.views).toBe(1);

      const likes = await Promise.all(Array.from({ length: 8 }, () => reader.client.post(`/api/v1/user/content/${published.id}/like`)));
      expect(likes.every((r) => r.status === 200)).toBe(true);
      expect(likes.filter((r) => r.body.counted)).toHaveLength(1);
      expect(likes.map((r) => r.body.stats.likes)).toEqual(Array(8).fill(1));

      const shared = await reader.client.post(`/api/v1/user/content/${published.id}/share`, { channel: 'email' });
      expect(shared.body).toMatchObject({ counted: true, stats: { shares: 1 } });

      const feed = await reader.client.get('/api/v1/user/activity?limit=2');
      expect(feed.body.data.map((a: { type: string }) => a.type)).toEqual(['share', 'like']);
      expect(feed.body.data[0]).toMatchObject({ targetId: published.id, metadata: { channel: 'email' }, content: { slug: published.slug } });
      const rest = await reader.client.get(`/api/v1/user/activity?limit=2&cursor=${feed.body.nextCursor}`);
      expect(rest.body.data.map((a: { type: string }) => a.type)).toEqual(['view']);
      expect(rest.body.nextCursor).toBeNull();

      const unliked = await reader.client.delete(`/api/v1/user/content/${published.id}/like`);
      expect(unliked.body).toMatchObject({ counted: true, liked: false, stats: { likes: 0 } });
    });

    it('needs a session, and only reaches public content', async () => {
      const draft = await createDraft();
      expect((await tenant.anon.post(`/api/v1/user/content/${draft.id}/like`)).status).toBe(401);
      expect((await reader.client.post(`/api/v1/user/content/${draft.id}/like`)).status).toBe(404);
      const elsewhere = await signUp(other, 'visitor');
      const published = await publish();
      expect((await elsewhere.client.post(`/api/v1/user/content/${published.id}/view`)).status).toBe(404);
    });
  });
});

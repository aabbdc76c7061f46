import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/core/context';
import type { MediaFileView } from '../../src/modules/media';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { errorOf, makeImage, makePdf } from './fixtures';
import { type MediaWorld, mediaWorld } from './world';

describeDb('media library', (t) => {
  let w: MediaWorld;
  let other: MediaWorld;
  beforeAll(async () => {
    w = await mediaWorld(t.db, { label: 'library' });
    other = await mediaWorld(t.db, { label: 'elsewhere' });
  });
  afterAll(async () => {
    await w.close();
    await other.close();
  });

  describe('details', () => {
    it('changes title, alt, caption, folder and tags, and clears them with null', async () => {
      const { file } = await w.upload(w.owner, makePdf());
      const changed = await w.media.update(w.owner, file.id, {
        title: ' Contract ',
        alt: 'A signed contract',
        caption: 'Page 1',
        folder: 'Legal/2024',
        tags: ['Signed', 'legal', 'signed'],
      });
      expect(changed).toMatchObject({ title: 'Contract', alt: 'A signed contract', caption: 'Page 1', folder: 'Legal/2024', tags: ['signed', 'legal'] });
      expect(await w.media.get(w.owner, file.id)).toEqual(changed);
      const cleared = await w.media.update(w.owner, file.id, { title: null, folder: null, tags: [] });
      expect(cleared).toMatchObject({ title: null, alt: 'A signed contract', folder: null, tags: [] });
      expect(await w.media.update(w.owner, file.id, {})).toEqual(cleared);
    });

    it.each([
      [{ folder: '../secrets' }, 'folder'],
      [{ folder: 'a//b' }, 'folder'],
      [{ folder: 'a/<script>' }, 'folder'],
      [{ title: 'x'.repeat(301) }, 'title'],
      [{ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'tags'],
      [{ storageKey: 'elsewhere' }, '(input)'],
    ])('refuses %j (400)', async (patch, path) => {
      const { file } = await w.upload(w.owner, makePdf());
      const error = await errorOf(w.media.update(w.owner, file.id, patch));
      expect(error).toMatchObject({ kind: 'validation', code: 'VALIDATION_FAILED' });
      expect(error.errors![0]!.path).toBe(path);
    });
  });

  describe('listing', () => {
    let files: MediaFileView[];
    let account: string;
    let acct: RequestContext;
    beforeAll(async () => {
      const world = w;
      account = await world.newAccount();
      acct = world.inAccount(account, ['account.media.*'], world.g.otherUserId);
      files = [
        (await world.upload(acct, await makeImage({ format: 'png', seed: 21 }), { accountId: account, folder: 'Shoots/Paris', tags: ['runway'] })).file,
        (await world.upload(acct, await makeImage({ format: 'jpeg', seed: 22 }), { accountId: account, folder: 'Shoots/Paris', tags: ['runway', 'night'] }))
          .file,
        (await world.upload(acct, makePdf(), { accountId: account, folder: 'Contracts' })).file,
        (
          await world.upload(world.inAccount(account, ['account.media.create']), await makeImage({ format: 'webp', seed: 23 }), {
            accountId: account,
            folder: 'Shoots/Milan',
            tags: ['night'],
          })
        ).file,
        (await world.upload(acct, makePdf(), { accountId: account })).file,
      ];
    });
    const ids = (page: { data: MediaFileView[] }) => page.data.map((f) => f.id);
    const byAccount = (query: Record<string, unknown>) => w.media.list(acct, { kind: 'account', accountId: account }, query);

    it('lists newest first and filters by folder, tag, type, uploader and account', async () => {
      expect(ids(await byAccount({}))).toEqual(files.map((f) => f.id).reverse());
      expect(ids(await byAccount({ folder: 'Shoots/Paris' }))).toEqual([files[1]!.id, files[0]!.id]);
      expect(ids(await byAccount({ tag: 'Night' }))).toEqual([files[3]!.id, files[1]!.id]);
      expect(ids(await byAccount({ mimetype: 'image/*' }))).toEqual([files[3]!.id, files[1]!.id, files[0]!.id]);
      expect(ids(await byAccount({ mimetype: 'application/pdf' }))).toEqual([files[4]!.id, files[2]!.id]);
      expect(ids(await byAccount({ uploaderId: w.g.userId }))).toEqual([files[3]!.id]);
      expect(ids(await byAccount({ tag: 'night', mimetype: 'image/jpeg' }))).toEqual([files[1]!.id]);
      const tenantWide = await w.media.list(w.auditor, { kind: 'tenant' }, { accountId: account, folder: 'Contracts' });
      expect(ids(tenantWide)).toEqual([files[2]!.id]);
    });

    it('pages with a cursor, without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await byAccount({ limit: '2', ...(cursor ? { cursor } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(files.map((f) => f.id).reverse());
      expect(await errorOf(byAccount({ cursor: 'not-a-cursor' }))).toMatchObject({ kind: 'validation' });
      expect(await errorOf(byAccount({ limit: '1000' }))).toMatchObject({ kind: 'validation' });
    });

    it('lists the folders in use with their file counts', async () => {
      expect(await w.media.folders(acct, { kind: 'account', accountId: account })).toEqual([
        { folder: 'Contracts', files: 1 },
        { folder: 'Shoots/Milan', files: 1 },
        { folder: 'Shoots/Paris', files: 2 },
      ]);
    });

    it('keeps the trash out of lists and lists it on request', async () => {
      const [victim] = files.slice(-1);
      await w.media.trash(acct, victim!.id);
      expect(ids(await byAccount({}))).not.toContain(victim!.id);
      expect(ids(await byAccount({ trashed: 'true' }))).toEqual([victim!.id]);
      await w.media.restore(acct, victim!.id);
      expect(ids(await byAccount({}))).toContain(victim!.id);
    });

    it('shows a user only their personal files in the user scope', async () => {
      const mine = (await w.upload(w.other, makePdf())).file;
      const page = await w.media.list(w.other, { kind: 'own', userId: w.g.otherUserId }, {});
      expect(ids(page)).toEqual([mine.id]);
    });
  });

  describe('who may see and change what', () => {
    it('hides another user’s personal file (404) and lets the tenant auditor read it', async () => {
      const { file } = await w.upload(w.owner, makePdf());
      for (const op of [
        () => w.media.get(w.other, file.id),
        () => w.media.update(w.other, file.id, { title: 'x' }),
        () => w.media.trash(w.other, file.id),
        () => w.media.purge(w.other, file.id),
      ]) {
        expect(await errorOf(op())).toMatchObject({ kind: 'not_found', code: 'MEDIA_NOT_FOUND' });
      }
      expect((await w.media.get(w.auditor, file.id)).id).toBe(file.id);
      expect(await errorOf(w.media.update(w.auditor, file.id, { title: 'x' }))).toMatchObject({ kind: 'forbidden' });
    });

    it('needs the matching account permission for account files', async () => {
      const account = await w.newAccount();
      const { file } = await w.upload(w.inAccount(account, ['account.media.*']), makePdf(), { accountId: account });
      const reader = w.inAccount(account, ['account.media.read'], w.g.otherUserId);
      expect((await w.media.get(reader, file.id)).id).toBe(file.id);
      expect(await errorOf(w.media.update(reader, file.id, { title: 'x' }))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(w.media.trash(reader, file.id))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(w.media.get(w.other, file.id))).toMatchObject({ kind: 'not_found' });
      expect(await errorOf(w.media.list(w.other, { kind: 'account', accountId: account }, {}))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(w.media.list(w.other, { kind: 'tenant' }, {}))).toMatchObject({ kind: 'forbidden' });
      const anywhere = ctxFor(w.tenantId, w.g.userId); // a tenant-wide grant passes the route guard for any account id
      for (const accountId of [other.g.accountId, '00000000-0000-4000-8000-000000000000']) {
        const scope = { kind: 'account' as const, accountId };
        for (const op of [() => w.media.list(anywhere, scope, {}), () => w.media.folders(anywhere, scope), () => w.media.storageUsage(anywhere, scope)]) {
          expect(await errorOf(op())).toMatchObject({ kind: 'not_found', code: 'ACCOUNT_NOT_FOUND' });
        }
      }
    });

    it('answers 404 for every operation on another tenant’s file, as for a missing one', async () => {
      const { file } = await other.upload(other.owner, makePdf());
      const strangerIsAdmin = ctxFor(w.tenantId, w.g.userId); // every permission, in the wrong tenant
      for (const op of [
        () => w.media.get(strangerIsAdmin, file.id),
        () => w.media.update(strangerIsAdmin, file.id, { title: 'x' }),
        () => w.media.trash(strangerIsAdmin, file.id),
        () => w.media.restore(strangerIsAdmin, file.id),
        () => w.media.purge(strangerIsAdmin, file.id),
        () => w.media.download(strangerIsAdmin, file.id),
        () => w.media.get(w.owner, 'not-a-uuid'),
      ]) {
        expect(await errorOf(op())).toMatchObject({ kind: 'not_found', code: 'MEDIA_NOT_FOUND' });
      }
      expect((await other.media.get(other.owner, file.id)).title).toBeNull();
    });
  });

  describe('trash, restore and purge', () => {
    it('restores unless the owner has the same bytes live again (409)', async () => {
      const bytes = makePdf();
      const { file } = await w.upload(w.owner, bytes);
      await w.media.trash(w.owner, file.id);
      const { file: again, deduplicated } = await w.upload(w.owner, bytes);
      expect(deduplicated).toBe(false);
      expect(await errorOf(w.media.restore(w.owner, file.id))).toMatchObject({ kind: 'conflict', code: 'MEDIA_DUPLICATE' });
      await w.media.purge(w.owner, again.id);
      expect((await w.media.restore(w.owner, file.id)).deletedAt).toBeNull();
    });

    it('deletes the stored bytes with the last file that uses them, and frees the quota', async () => {
      const bytes = makePdf(10_000);
      const a = (await w.upload(w.owner, bytes)).file;
      const b = (await w.upload(w.other, bytes)).file;
      const key = (await w.objectKeys()).find((k) => k.endsWith(a.sha256!))!;
      expect(key).toBeDefined();
      const before = await w.media.storageUsage(w.owner, { kind: 'own', userId: w.g.userId });
      await w.media.trash(w.owner, a.id);
      expect(await w.media.storageUsage(w.owner, { kind: 'own', userId: w.g.userId })).toEqual(before);
      await w.media.purge(w.owner, a.id);
      expect((await w.media.storageUsage(w.owner, { kind: 'own', userId: w.g.userId })).bytes).toBe(before.bytes - a.size);
      expect(await w.objectKeys()).toContain(key);
      await w.media.purge(w.other, b.id);
      expect(await w.objectKeys()).not.toContain(key);
      expect(await errorOf(w.media.get(w.owner, a.id))).toMatchObject({ kind: 'not_found' });
    });
  });
});

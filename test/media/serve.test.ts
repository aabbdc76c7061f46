import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaFileView } from '../../src/modules/media';
import { describeDb } from '../helpers/db';
import { errorOf, makeImage, readAll } from './fixtures';
import { type MediaWorld, mediaWorld } from './world';

describeDb('media downloads', (t) => {
  let w: MediaWorld;
  let other: MediaWorld;
  let file: MediaFileView;
  let bytes: Buffer;
  let slug = 0;
  beforeAll(async () => {
    w = await mediaWorld(t.db, { label: 'serve' });
    other = await mediaWorld(t.db, { label: 'serve-other' });
    bytes = await makeImage({ width: 500, height: 400, seed: 31 });
    file = (await w.upload(w.owner, bytes, { filename: 'Café “Zürich”.jpg', accountId: w.g.accountId })).file;
  });
  afterAll(async () => {
    await w.close();
    await other.close();
  });

  const publish = async (mediaId: string, at = "now() - interval '1 hour'", expires = 'null') => {
    slug += 1;
    const [row] = await t.db.query<{ id: string }>(
      `insert into contents (tenant_id, account_id, user_id, type, title, slug, status, published_at, expires_at, featured_image_id)
       values ($1, $2, $3, 'ARTICLE', 'Public', $4, 'PUBLISHED', ${at}, ${expires}, $5) returning id`,
      [w.tenantId, w.g.accountId, w.g.userId, `public-${slug}`, mediaId],
    );
    return row!.id;
  };

  describe('HTTP semantics', () => {
    it('sends the whole file with type, length, ETag and a safe disposition', async () => {
      const res = await w.media.download(w.owner, file.id);
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({
        'content-type': 'image/jpeg',
        'content-length': String(bytes.length),
        etag: `"${file.sha256}"`,
        'accept-ranges': 'bytes',
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-cache',
        'content-disposition': `inline; filename="Caf_ _Z_rich_.jpg"; filename*=UTF-8''${encodeURIComponent('Café “Zürich”.jpg')}`,
      });
      expect((await readAll(res.body!)).equals(bytes)).toBe(true);
    });

    it.each([
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, -1],
      ['bytes=-25', -25, -1],
    ])('serves %s as 206 with Content-Range', async (range, from, to) => {
      const start = from < 0 ? bytes.length + from : from;
      const end = to < 0 ? bytes.length - 1 : to;
      const res = await w.media.download(w.owner, file.id, { range });
      expect(res.status).toBe(206);
      expect(res.headers).toMatchObject({ 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': String(end - start + 1) });
      expect((await readAll(res.body!)).equals(bytes.subarray(start, end + 1))).toBe(true);
    });

    it('answers 416 for a range past the end, and ignores ranges it does not serve', async () => {
      const past = await w.media.download(w.owner, file.id, { range: `bytes=${bytes.length}-` });
      expect(past).toMatchObject({ status: 416, body: null, headers: { 'content-range': `bytes */${bytes.length}` } });
      for (const range of ['bytes=0-1,5-6', 'bytes=9-2', 'pages=1']) {
        const res = await w.media.download(w.owner, file.id, { range });
        expect(res.status).toBe(200);
        expect((await readAll(res.body!)).length).toBe(bytes.length);
      }
    });

    it('answers 304 when the client has the current version, and honours If-Range', async () => {
      const etag = `"${file.sha256}"`;
      expect(await w.media.download(w.owner, file.id, { ifNoneMatch: etag })).toMatchObject({ status: 304, body: null, headers: { etag } });
      expect(await w.media.download(w.owner, file.id, { ifNoneMatch: `"other", W/${etag}` })).toMatchObject({ status: 304 });
      const changed = await w.media.download(w.owner, file.id, { ifNoneMatch: '"stale"' });
      expect(changed.status).toBe(200);
      await readAll(changed.body!);
      const stale = await w.media.download(w.owner, file.id, { range: 'bytes=0-9', ifRange: '"stale"' });
      expect(stale.status).toBe(200);
      await readAll(stale.body!);
      expect((await w.media.download(w.owner, file.id, { range: 'bytes=0-9', ifRange: etag })).status).toBe(206);
    });

    it('serves the thumbnail as WebP with its own ETag, and ranges of it', async () => {
      const res = await w.media.download(w.owner, file.id, { variant: 'thumbnail' });
      const thumb = await readAll(res.body!);
      expect(res.headers).toMatchObject({ 'content-type': 'image/webp', 'content-length': String(thumb.length), etag: `"${file.sha256}.thumbnail"` });
      const part = await w.media.download(w.owner, file.id, { variant: 'thumbnail', range: 'bytes=0-3' });
      expect((await readAll(part.body!)).toString('latin1')).toBe('RIFF');
    });
  });

  describe('who may download', () => {
    it('refuses anonymous and unrelated users while no published content shows the file', async () => {
      expect(await errorOf(w.media.download(w.anonymous, file.id))).toMatchObject({ kind: 'not_found' });
      expect(await errorOf(w.media.download(w.other, file.id))).toMatchObject({ kind: 'not_found' });
      await publish(file.id, "now() + interval '1 day'"); // scheduled, not yet public
      expect(await errorOf(w.media.download(w.anonymous, file.id))).toMatchObject({ kind: 'not_found' });
      await publish(file.id, "now() - interval '2 days'", "now() - interval '1 day'"); // expired
      expect(await errorOf(w.media.download(w.anonymous, file.id))).toMatchObject({ kind: 'not_found' });
    });

    it('lets anyone in the tenant download what published content shows, and nobody elsewhere', async () => {
      const image = (await w.upload(w.owner, await makeImage({ seed: 32 }), { accountId: w.g.accountId })).file;
      const content = await publish(image.id);
      const res = await w.media.download(w.anonymous, image.id, { variant: 'thumbnail' });
      expect(res).toMatchObject({ status: 200, headers: { 'cache-control': 'public, max-age=300' } });
      await readAll(res.body!);
      expect(await errorOf(other.media.download(other.anonymous, image.id))).toMatchObject({ kind: 'not_found', code: 'MEDIA_NOT_FOUND' });
      expect(await errorOf(other.media.download(other.owner, image.id))).toMatchObject({ kind: 'not_found' });

      await t.db.query(`update contents set status = 'ARCHIVED' where id = $1`, [content]);
      expect(await errorOf(w.media.download(w.anonymous, image.id))).toMatchObject({ kind: 'not_found' });
    });

    it('serves the public only content of a live, ACTIVE account (like the public content queries)', async () => {
      const image = (await w.upload(w.owner, await makeImage({ seed: 34 }), { accountId: w.g.accountId })).file;
      await publish(image.id);
      const status = async () =>
        await w.media.download(w.anonymous, image.id).then(
          async (res) => {
            await readAll(res.body!);
            return res.status;
          },
          (e) => e.kind,
        );
      expect(await status()).toBe(200);
      for (const change of [`status = 'SUSPENDED'`, `status = 'PENDING'`, `status = 'INACTIVE'`, 'deleted_at = now()']) {
        await t.db.query(`update accounts set ${change} where id = $1`, [w.g.accountId]);
        expect(await status()).toBe('not_found');
        await t.db.query(`update accounts set status = 'ACTIVE', deleted_at = null where id = $1`, [w.g.accountId]);
        expect(await status()).toBe(200);
      }
      // The account's readers still have it: only the public view follows the account's state.
      await t.db.query(`update accounts set status = 'SUSPENDED' where id = $1`, [w.g.accountId]);
      try {
        const own = await w.media.download(w.owner, image.id);
        expect(own.headers['cache-control']).toBe('private, no-cache');
        await readAll(own.body!);
      } finally {
        await t.db.query(`update accounts set status = 'ACTIVE' where id = $1`, [w.g.accountId]);
      }
    });

    it('lets the tenant auditor and account readers download, and hides the trash from the public', async () => {
      const reader = w.inAccount(w.g.accountId, ['account.media.read'], w.g.otherUserId);
      for (const ctx of [w.auditor, reader]) {
        const res = await w.media.download(ctx, file.id, { range: 'bytes=0-0' });
        expect(res.status).toBe(206);
        await readAll(res.body!);
      }
      const loose = (await w.upload(w.owner, await makeImage({ seed: 33 }))).file;
      await w.media.trash(w.owner, loose.id);
      const own = await w.media.download(w.owner, loose.id);
      await readAll(own.body!);
      expect(await errorOf(w.media.download(w.anonymous, loose.id))).toMatchObject({ kind: 'not_found' });
    });
  });
});

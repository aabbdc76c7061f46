import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/modules/media';
import { describeDb } from '../helpers/db';
import { errorOf, exifOf, latitudeBytes, makeImage, makePdf, pixelsOf, readAll } from './fixtures';
import { startTestS3Server, type TestS3Server } from './s3-server';
import { type MediaWorld, mediaWorld, sha256 } from './world';

/** Everything an upload could leave behind: rows, usage, audit entries, stored objects, temp files. */
async function traces(w: MediaWorld) {
  return {
    rows: await w.count('select count(*) as n from media_files where tenant_id = $1', [w.tenantId]),
    usage: await w.count('select coalesce(sum(bytes), 0) as n from media_storage_usage where tenant_id = $1', [w.tenantId]),
    audit: await w.count(`select count(*) as n from audit_logs where tenant_id = $1 and resource = 'media_files'`, [w.tenantId]),
    objects: await w.objectKeys(),
    leftovers: await w.leftovers(),
  };
}

async function download(w: MediaWorld, id: string, variant?: 'thumbnail') {
  const result = await w.media.download(w.owner, id, { variant });
  return readAll(result.body!);
}

describeDb('media uploads', (t) => {
  let w: MediaWorld;
  beforeAll(async () => {
    w = await mediaWorld(t.db, { maxUploadBytes: 2 * 1024 * 1024, putDelayMs: 30 });
  });
  afterAll(async () => w.close());

  describe('images', () => {
    it('stores a photo with its type from the bytes, metadata and a thumbnail', async () => {
      const photo = await makeImage({ width: 900, height: 600, takenAt: '2021:07:04 12:34:56', seed: 2 });
      const { file, deduplicated } = await w.upload(w.owner, photo, {
        filename: '../../etc/Sommer 2021.jpg',
        declaredType: 'text/plain',
        title: 'Summer',
        tags: ['Beach', 'beach', 'sun'],
      });
      expect(deduplicated).toBe(false);
      expect(file).toMatchObject({
        filename: 'Sommer 2021.jpg',
        mimetype: 'image/jpeg',
        size: photo.length,
        sha256: sha256(photo),
        title: 'Summer',
        tags: ['beach', 'sun'],
        uploaderId: w.g.userId,
        accountId: null,
        usageCount: 0,
        url: `/api/v1/public/media/${file.id}`,
        thumbnailUrl: `/api/v1/public/media/${file.id}/thumbnail`,
      });
      expect(file.metadata).toMatchObject({ width: 900, height: 600, orientation: 1, takenAt: '2021-07-04T12:34:56', gpsRemoved: false, frames: 1 });
      expect((await download(w, file.id)).equals(photo)).toBe(true);

      const thumb = await download(w, file.id, 'thumbnail');
      const info = await sharp(thumb).metadata();
      expect(info).toMatchObject({ format: 'webp', width: 400, height: 267 });
      expect(file.metadata.thumbnail).toMatchObject({ width: 400, height: 267, size: thumb.length });
      expect(JSON.stringify(file)).not.toContain(w.dir);
      expect(JSON.stringify(file)).not.toMatch(/media\/[0-9a-f-]{36}\/[0-9a-f]{2}\//);
    });

    it('reports the displayed size of a rotated photo and its EXIF orientation', async () => {
      const { file } = await w.upload(w.owner, await makeImage({ width: 64, height: 48, orientation: 6, seed: 3 }));
      expect(file.metadata).toMatchObject({ width: 48, height: 64, orientation: 6 });
      const thumb = await sharp(await download(w, file.id, 'thumbnail')).metadata();
      expect([thumb.width, thumb.height]).toEqual([48, 64]);
    });

    it('removes the GPS location from the stored original, keeping pixels, orientation and date', async () => {
      const photo = await makeImage({ gps: true, orientation: 3, takenAt: '2020:01:02 03:04:05', seed: 4 });
      expect((await exifOf(photo)).gps).toBeDefined();
      const { file } = await w.upload(w.owner, photo);
      const stored = await download(w, file.id);
      const exif = await exifOf(stored);
      expect(exif.gps).toBeUndefined();
      expect(latitudeBytes().some((b) => stored.includes(b))).toBe(false);
      expect(exif.orientation).toBe(3);
      expect(exif.takenAt).toEqual(new Date('2020-01-02T03:04:05Z'));
      expect((await pixelsOf(stored)).equals(await pixelsOf(photo))).toBe(true);
      expect(file.metadata).toMatchObject({ gpsRemoved: true, takenAt: '2020-01-02T03:04:05' });
      expect(file.metadata.gps).toBeUndefined();
      expect(file).toMatchObject({ size: stored.length, sha256: sha256(stored) });
      expect(file.sha256).not.toBe(sha256(photo));
    });

    it('removes locations written as XMP, and from formats it cannot edit losslessly (AVIF is re-encoded)', async () => {
      const xmp = await makeImage({ format: 'webp', xmpGps: true, seed: 5 });
      const { file: a } = await w.upload(w.owner, xmp);
      expect((await exifOf(await download(w, a.id))).xmp ?? '').not.toMatch(/GPS/);
      const avif = await makeImage({ format: 'avif', gps: true, seed: 6 });
      const { file: b } = await w.upload(w.owner, avif);
      expect(b).toMatchObject({ mimetype: 'image/avif', metadata: { gpsRemoved: true } });
      expect((await exifOf(await download(w, b.id))).gps).toBeUndefined();
    });

    it('keeps the location when the tenant allows it, and reports it', async () => {
      const world = await mediaWorld(t.db, { label: 'keepgps' });
      await world.setMediaSettings({ keepGps: true });
      const photo = await makeImage({ gps: true, seed: 7 });
      const { file } = await world.upload(world.owner, photo);
      expect((await readAll((await world.media.download(world.owner, file.id)).body!)).equals(photo)).toBe(true);
      expect(file.metadata).toMatchObject({ gpsRemoved: false, gps: { latitude: 48.2083333, longitude: 16.3700944 } });
      await world.close();
    });

    it('refuses a damaged image (422) and leaves nothing behind', async () => {
      const before = await traces(w);
      const photo = await makeImage({ width: 300, height: 300, seed: 8 });
      const error = await errorOf(w.upload(w.owner, photo.subarray(0, Math.floor(photo.length / 2))));
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'MEDIA_UNREADABLE' });
      expect(await traces(w)).toEqual(before);
    });
  });

  describe('types', () => {
    it('trusts the bytes, not the declared type or the file name', async () => {
      const png = await makeImage({ format: 'png', seed: 9 });
      const { file } = await w.upload(w.owner, png, { filename: 'photo.jpg', declaredType: 'image/jpeg' });
      expect(file.mimetype).toBe('image/png');
      const { file: doc } = await w.upload(w.owner, makePdf(5000), { filename: 'cv.png', declaredType: 'image/png' });
      expect(doc).toMatchObject({ mimetype: 'application/pdf', thumbnailUrl: null, metadata: {} });
      await expect(w.media.download(w.owner, doc.id, { variant: 'thumbnail' })).rejects.toMatchObject({ kind: 'not_found' });
    });

    it.each([
      ['unidentifiable bytes', randomBytes(2000), /could not be identified/],
      ['an SVG (scripts)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /SVG files are not accepted/],
      [
        'an SVG with an XML prolog',
        Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        /SVG files are not accepted/,
      ],
      ['HTML sent as a JPEG', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), /sent as image\/jpeg/],
      ['a ZIP archive', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]), /application\/zip.*not accepted/],
    ])('refuses %s with 415 and leaves nothing behind', async (_label, bytes, message) => {
      const before = await traces(w);
      const error = await errorOf(w.upload(w.owner, bytes, { declaredType: 'image/jpeg', filename: 'x.jpg' }));
      expect(error).toMatchObject({ kind: 'unsupported_media_type', code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(error.message).toMatch(message);
      expect(await traces(w)).toEqual(before);
    });

    it('applies the tenant’s allow-list', async () => {
      const world = await mediaWorld(t.db, { label: 'allowlist' });
      await world.setMediaSettings({ allowedTypes: ['image/png'] });
      const error = await errorOf(world.upload(world.owner, makePdf(3000)));
      expect(error).toMatchObject({ kind: 'unsupported_media_type', extra: { detected: 'application/pdf', allowed: ['image/png'] } });
      expect((await world.upload(world.owner, await makeImage({ format: 'png' }))).file.mimetype).toBe('image/png');
      expect(await world.leftovers()).toEqual([]);
      expect(await world.objectKeys()).toHaveLength(2); // the PNG and its thumbnail
      await world.close();
    });

    it('refuses an empty file', async () => {
      expect(await errorOf(w.upload(w.owner, Buffer.alloc(0)))).toMatchObject({ kind: 'validation', code: 'EMPTY_FILE' });
      expect(await w.leftovers()).toEqual([]);
    });
  });

  describe('size limits', () => {
    it('accepts a file of exactly the limit and refuses one byte more (413)', async () => {
      const limit = 2 * 1024 * 1024;
      expect((await w.upload(w.owner, makePdf(limit))).file.size).toBe(limit);
      const before = await traces(w);
      const error = await errorOf(w.upload(w.owner, makePdf(limit + 1)));
      expect(error).toMatchObject({ kind: 'payload_too_large', code: 'PAYLOAD_TOO_LARGE', extra: { limitBytes: limit } });
      expect(await traces(w)).toEqual(before);
    });

    it('stops reading at the limit instead of consuming the whole upload', async () => {
      let pulled = 0;
      const chunk = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64 * 1024 - 9, 0x20)]);
      const endless = Readable.from(
        (function* () {
          for (let i = 0; i < 10_000; i++) {
            pulled += chunk.length;
            yield chunk;
          }
        })(),
      );
      const before = await traces(w);
      const error = await errorOf(w.media.upload(w.owner, { stream: endless, filename: 'big.pdf' }));
      expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(pulled).toBeLessThan(2 * 1024 * 1024 + 20 * chunk.length); // not the 640 MB on offer
      expect(await traces(w)).toEqual(before);
    });

    it('applies a lower per-tenant limit', async () => {
      const world = await mediaWorld(t.db, { label: 'small', maxUploadBytes: 1024 * 1024 });
      await world.setMediaSettings({ maxUploadBytes: 10_000 });
      expect(await errorOf(world.upload(world.owner, makePdf(10_001)))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', extra: { limitBytes: 10_000 } });
      expect((await world.upload(world.owner, makePdf(10_000))).file.size).toBe(10_000);
      await world.setMediaSettings({ maxUploadBytes: 5 * 1024 * 1024 }); // cannot raise the installation's cap
      expect(await errorOf(world.upload(world.owner, makePdf(1024 * 1024 + 1)))).toMatchObject({ extra: { limitBytes: 1024 * 1024 } });
      await world.close();
    });

    it('leaves nothing behind when the client goes away mid-upload', async () => {
      const before = await traces(w);
      const broken = new Readable({
        read() {
          this.push(makePdf(50_000));
          this.destroy(new Error('connection reset'));
        },
      });
      expect(await errorOf(w.media.upload(w.owner, { stream: broken, filename: 'x.pdf' }))).toMatchObject({ message: 'connection reset' });
      expect(await traces(w)).toEqual(before);
    });
  });

  describe('de-duplication', () => {
    it('returns the owner’s existing file for the same bytes, and stores the bytes once for other owners', async () => {
      const bytes = makePdf(20_000);
      const first = await w.upload(w.owner, bytes, { title: 'first' });
      const objects = await w.objectKeys();
      const again = await w.upload(w.owner, bytes, { title: 'second' });
      expect(again).toEqual({ file: first.file, deduplicated: true });

      const theirs = await w.upload(w.other, bytes);
      expect(theirs.deduplicated).toBe(false);
      expect(theirs.file.id).not.toBe(first.file.id);
      expect(theirs.file.sha256).toBe(first.file.sha256);
      const inAccount = await w.upload(w.owner, bytes, { accountId: w.g.accountId });
      expect(inAccount.deduplicated).toBe(false);
      expect(await w.objectKeys()).toEqual(objects);
      expect(await w.count('select count(*) as n from media_files where content_hash = $1', [sha256(bytes)])).toBe(3);
    });

    it('lets exactly one of several parallel identical uploads create the file', async () => {
      const bytes = makePdf(30_000);
      const results = await Promise.all(Array.from({ length: 6 }, () => w.upload(w.other, bytes)));
      expect(new Set(results.map((r) => r.file.id)).size).toBe(1);
      expect(results.filter((r) => !r.deduplicated)).toHaveLength(1);
      expect(await w.count('select count(*) as n from media_files where content_hash = $1', [sha256(bytes)])).toBe(1);
    });
  });

  describe('storage quota', () => {
    it('refuses what does not fit the account’s limit (413) and leaves nothing behind', async () => {
      const account = await w.newAccount({ limits: { storageBytes: 50_000 } });
      const ctx = w.inAccount(account, ['account.media.*']);
      await w.upload(ctx, makePdf(30_000), { accountId: account });
      const before = await traces(w);
      const error = await errorOf(w.upload(ctx, makePdf(30_000), { accountId: account }));
      expect(error).toMatchObject({ kind: 'payload_too_large', code: 'STORAGE_QUOTA_EXCEEDED' });
      expect(await traces(w)).toEqual(before);
      expect(await w.media.storageUsage(ctx, { kind: 'account', accountId: account })).toEqual({ bytes: 30_000, files: 1, limitBytes: 50_000 });
    });

    it('lets parallel uploads use the last free bytes only once', async () => {
      const size = 40_000;
      const account = await w.newAccount({ limits: { storageBytes: Math.floor(3.5 * size) } });
      const ctx = w.inAccount(account, ['account.media.*']);
      const before = await w.objectKeys();
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => w.upload(ctx, makePdf(size), { accountId: account })));
      const ok = results.filter((r) => r.status === 'fulfilled');
      expect(ok).toHaveLength(3);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
      expect(await w.media.storageUsage(ctx, { kind: 'account', accountId: account })).toMatchObject({ bytes: 3 * size, files: 3 });
      expect(await w.count('select count(*) as n from media_files where account_id = $1', [account])).toBe(3);
      expect((await w.objectKeys()).length - before.length).toBe(3); // the five refused left no bytes
      expect(await w.leftovers()).toEqual([]);
    });

    it('keeps bytes another file shares when an upload of the same bytes is refused', async () => {
      const bytes = makePdf(60_000);
      const { file } = await w.upload(w.owner, bytes, { accountId: w.g.accountId });
      const tiny = await w.newAccount({ limits: { storageBytes: 1000 } });
      const error = await errorOf(w.upload(w.inAccount(tiny, ['account.media.*']), bytes, { accountId: tiny }));
      expect(error).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
      expect((await download(w, file.id)).equals(bytes)).toBe(true);
    });

    it('takes the limit from the plan, overridden by the account, and personal limits from the tenant', async () => {
      const onFree = await w.newAccount({ plan: 'free' });
      const overridden = await w.newAccount({ plan: 'free', limits: { storageBytes: 12345 } });
      const unlimited = await w.newAccount({ plan: 'enterprise' });
      const usage = (accountId: string) => w.media.storageUsage(w.inAccount(accountId, ['account.media.read']), { kind: 'account', accountId });
      expect((await usage(onFree)).limitBytes).toBe(104857600);
      expect((await usage(overridden)).limitBytes).toBe(12345);
      expect((await usage(unlimited)).limitBytes).toBeNull();

      const world = await mediaWorld(t.db, { label: 'personal' });
      await world.setMediaSettings({ userStorageBytes: 25_000 });
      await world.upload(world.other, makePdf(20_000));
      expect(await errorOf(world.upload(world.other, makePdf(6000)))).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
      expect(await world.media.storageUsage(world.other, { kind: 'own', userId: world.g.otherUserId })).toEqual({
        bytes: 20_000,
        files: 1,
        limitBytes: 25_000,
      });
      await world.close();
    });
  });

  describe('who may upload where', () => {
    it('needs account.media.create in that account, a live account, and a signed-in user', async () => {
      const account = await w.newAccount();
      expect(await errorOf(w.upload(w.inAccount(account, ['account.media.read']), makePdf(100), { accountId: account }))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(w.upload(w.other, makePdf(100), { accountId: w.g.accountId }))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(w.upload(w.anonymous, makePdf(100)))).toMatchObject({ kind: 'unauthenticated' });
      await t.db.query('update accounts set deleted_at = now() where id = $1', [account]);
      expect(await errorOf(w.upload(w.inAccount(account, ['account.media.create']), makePdf(100), { accountId: account }))).toMatchObject({
        kind: 'not_found',
      });
    });

    it('validates the details before reading the file', async () => {
      let read = false;
      const stream = new Readable({
        read() {
          read = true;
          this.push(null);
        },
      });
      const error = await errorOf(w.media.upload(w.owner, { stream, filename: 'x', folder: '../up', tags: ['x'.repeat(51)] }));
      expect(error).toMatchObject({ kind: 'validation', code: 'VALIDATION_FAILED' });
      expect(error.errors!.map((e) => e.path).sort()).toEqual(['folder', 'tags.0']);
      expect(read).toBe(false);
    });
  });
});

describeDb('media uploads on S3-compatible storage', (t) => {
  let s3: TestS3Server;
  let w: MediaWorld;
  beforeAll(async () => {
    s3 = await startTestS3Server();
    const storage = createStorage({
      dataDir: '/nonexistent',
      storage: {
        driver: 's3',
        s3: { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      },
    });
    w = await mediaWorld(t.db, { label: 's3', storage });
  });
  afterAll(async () => {
    await w.close();
    await s3.close();
  });

  const bucketKeys = () => [...s3.objects.keys()].filter((k) => k.includes(w.tenantId)).sort();

  it('uploads, serves ranges, de-duplicates and purges through signed S3 requests', async () => {
    const photo = await makeImage({ gps: true, width: 200, height: 100, seed: 11 });
    const { file } = await w.upload(w.owner, photo);
    const stored = s3.objects.get(`media/${w.tenantId}/${file.sha256!.slice(0, 2)}/${file.sha256}`)!;
    expect(stored).toBeDefined();
    expect((await exifOf(stored)).gps).toBeUndefined();
    expect(s3.requests.filter((r) => r.method === 'PUT' && r.key.includes(file.sha256!)).map((r) => r.payloadHash)).toContain(file.sha256);
    expect(bucketKeys()).toHaveLength(2); // original and thumbnail

    const part = await w.media.download(w.owner, file.id, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect((await readAll(part.body!)).equals(stored.subarray(10, 20))).toBe(true);

    expect((await w.upload(w.owner, photo)).deduplicated).toBe(true);
    await w.media.purge(w.owner, file.id);
    expect(bucketKeys()).toEqual([]);
  });

  it('leaves no object in the bucket when the database refuses the upload', async () => {
    const account = await w.newAccount({ limits: { storageBytes: 10 } });
    const error = await errorOf(w.upload(w.inAccount(account, ['account.media.*']), makePdf(5000), { accountId: account }));
    expect(error).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
    expect(s3.requests.some((r) => r.method === 'PUT' && r.bodyBytes === 5000)).toBe(true);
    expect(bucketKeys()).toEqual([]);
    expect(await w.leftovers()).toEqual([]);
  });
});

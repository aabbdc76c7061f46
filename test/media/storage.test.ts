import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobKey, createStorage, type ObjectStorage } from '../../src/modules/media/storage';
import { readAll } from './fixtures';
import { startTestS3Server, type TestS3Server } from './s3-server';

const localOnly = { driver: 'local' as const, s3: { bucket: undefined, region: 'x', endpoint: undefined, accessKeyId: undefined, secretAccessKey: undefined } };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The same contract, proven for both drivers. */
const drivers: [string, () => Promise<{ storage: ObjectStorage; close: () => Promise<void> }>][] = [
  [
    'local',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mono-storage-'));
      return { storage: createStorage({ dataDir: dir, storage: localOnly }), close: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
  [
    's3',
    async () => {
      const s3 = await startTestS3Server();
      const storage = createStorage({
        dataDir: '/nonexistent',
        storage: {
          driver: 's3',
          s3: { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
        },
      });
      return { storage, close: () => s3.close() };
    },
  ],
];

describe.each(drivers)('object storage contract [%s]', (_name, make) => {
  let storage: ObjectStorage;
  let close: () => Promise<void>;
  const bytes = randomBytes(300_000);
  const key = blobKey('0190a0c8-0000-7000-8000-000000000001', sha(bytes));

  beforeAll(async () => {
    ({ storage, close } = await make());
  });
  afterAll(async () => close());

  it('answers null for objects that do not exist', async () => {
    expect(await storage.head(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
  });

  it('stores a stream and reads it back whole and by byte range', async () => {
    await storage.put(key, Readable.from([bytes.subarray(0, 100_000), bytes.subarray(100_000)]), { size: bytes.length, sha256: sha(bytes) });
    expect(await storage.head(key)).toEqual({ size: bytes.length });
    expect((await readAll((await storage.get(key))!)).equals(bytes)).toBe(true);
    const part = await readAll((await storage.get(key, { start: 1000, end: 1999 }))!);
    expect(part.equals(bytes.subarray(1000, 2000))).toBe(true);
    const tail = await readAll((await storage.get(key, { start: bytes.length - 10, end: bytes.length - 1 }))!);
    expect(tail.equals(bytes.subarray(-10))).toBe(true);
  });

  it('overwrites idempotently and deletes (deleting twice is fine)', async () => {
    await storage.put(key, Readable.from([bytes]), { size: bytes.length, sha256: sha(bytes) });
    expect(await storage.head(key)).toEqual({ size: bytes.length });
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
  });

  it('refuses keys that could escape the storage root', async () => {
    await expect(storage.put('../etc/passwd', Readable.from([bytes]), { size: bytes.length })).rejects.toThrow(/unsafe storage key/);
    await expect(storage.get('media/../../x')).rejects.toThrow(/unsafe storage key/);
  });

  it('does not leave a partial object when the source stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push(bytes.subarray(0, 1000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put(`${key}.broken`, failing, { size: bytes.length, sha256: sha(bytes) })).rejects.toThrow();
    expect(await storage.head(`${key}.broken`)).toBeNull();
  });
});

describe('local storage writes atomically', () => {
  it('leaves no temp files behind after success or failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mono-storage-'));
    const storage = createStorage({ dataDir: dir, storage: localOnly });
    const data = randomBytes(5000);
    await storage.put('media/t/ab/one', Readable.from([data]), { size: data.length });
    await expect(storage.put('media/t/ab/two', Readable.from([data]), { size: data.length + 1 })).rejects.toThrow(/expected/);
    expect(await readdir(join(dir, 'objects', '.tmp'))).toEqual([]);
    expect(await storage.head('media/t/ab/two')).toBeNull();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('S3 driver speaks real, signed HTTP', () => {
  let s3: TestS3Server;
  beforeAll(async () => {
    s3 = await startTestS3Server();
  });
  afterAll(async () => s3.close());
  const storageWith = (secret: string) =>
    createStorage({
      dataDir: '/nonexistent',
      storage: { driver: 's3', s3: { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: secret } },
    });

  it('signs the payload hash, so the server can verify every byte', async () => {
    const data = randomBytes(70_000);
    await storageWith(s3.secretAccessKey).put('media/t/aa/signed', Readable.from([data]), { size: data.length, sha256: sha(data) });
    const put = s3.requests.find((r) => r.key === 'media/t/aa/signed');
    expect(put).toMatchObject({ method: 'PUT', payloadHash: sha(data), bodyBytes: data.length });
    expect(s3.objects.get('media/t/aa/signed')!.equals(data)).toBe(true);
  });

  it('is refused with a wrong secret', async () => {
    const data = randomBytes(100);
    await expect(storageWith('not-the-secret').put('media/t/aa/x', Readable.from([data]), { size: 100, sha256: sha(data) })).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    await expect(storageWith('not-the-secret').head('media/t/aa/signed')).rejects.toBeTruthy();
    expect(s3.objects.has('media/t/aa/x')).toBe(false);
  });

  it('is refused when the bytes change in transit', async () => {
    const data = randomBytes(1000);
    s3.corruptNextPut = true;
    await expect(storageWith(s3.secretAccessKey).put('media/t/aa/corrupt', Readable.from([data]), { size: 1000, sha256: sha(data) })).rejects.toMatchObject({
      name: 'XAmzContentSHA256Mismatch',
    });
    expect(s3.objects.has('media/t/aa/corrupt')).toBe(false);
  });
});

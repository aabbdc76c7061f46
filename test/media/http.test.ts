import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';
import { exifOf, makeImage, makePdf } from './fixtures';

type Part = { name: string; value: string } | { name: string; filename: string; type: string; data: Buffer };

/** A multipart/form-data body, built by hand like a browser would send it. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----mono${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = 'filename' in part ? `form-data; name="${part.name}"; filename="${part.filename}"` : `form-data; name="${part.name}"`;
    const headers = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${'filename' in part ? `Content-Type: ${part.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(headers), 'filename' in part ? part.data : Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const file = (data: Buffer, filename = 'photo.jpg', type = 'image/jpeg'): Part => ({ name: 'file', filename, type, data });

async function post(client: Client, url: string, parts: Part[]) {
  const { body, contentType } = multipart(parts);
  const raw = await client.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': contentType,
      ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
      ...(client.tenant ? { 'x-tenant': client.tenant } : {}),
    },
    payload: body,
  });
  return { status: raw.statusCode, headers: raw.headers, body: raw.json() };
}

async function fetchRaw(client: Client, url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  const raw = await client.app.inject({
    method,
    url,
    headers: { ...(client.token ? { authorization: `Bearer ${client.token}` } : {}), ...(client.tenant ? { 'x-tenant': client.tenant } : {}), ...headers },
  });
  return { status: raw.statusCode, headers: raw.headers, body: raw.rawPayload };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return (await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])))).flat();
}

const dataDir = mkdtempSync(join(tmpdir(), 'mono-media-http-'));
const LIMIT = 1024 * 1024;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeHttp(
  'media over HTTP',
  (t) => {
    let tenant: TestTenant;
    let owner: Awaited<ReturnType<typeof signUp>>;
    let viewer: Awaited<ReturnType<typeof signUp>>;
    let stranger: Awaited<ReturnType<typeof signUp>>;
    let elsewhere: Awaited<ReturnType<typeof signUp>>;
    let otherTenant: TestTenant;
    let accountId: string;

    /** Rows, stored objects and temp files: what a failed upload must not add to. */
    const traces = async () => ({
      rows: Number((await t.db.query<{ n: number }>('select count(*) as n from media_files where tenant_id = $1', [tenant.id]))[0]!.n),
      objects: (await walk(join(dataDir, 'objects'))).filter((p) => !p.includes('/.tmp/')).length,
      temps: [...(await walk(join(dataDir, 'tmp'))), ...(await walk(join(dataDir, 'objects', '.tmp')))],
    });

    beforeAll(async () => {
      tenant = await createTestTenant(t.app, 'media');
      owner = await signUp(tenant, 'owner');
      viewer = await signUp(tenant, 'viewer');
      stranger = await signUp(tenant, 'stranger');
      otherTenant = await createTestTenant(t.app, 'media-other');
      elsewhere = await signUp(otherTenant, 'elsewhere');
      const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
        identifier: 'studio',
        name: 'Studio',
        type: 'AGENCY',
        ownerId: owner.id,
        plan: 'pro',
      });
      expect(account.status).toBe(201);
      accountId = account.body.id;
      expect((await tenant.adminClient.post(`/api/v1/tenant/accounts/${accountId}/members`, { userId: viewer.id, role: 'viewer' })).status).toBe(201);
    });

    describe('upload', () => {
      it('stores a multipart upload with fields before and after the file (201), and returns it again for the same bytes (200)', async () => {
        const photo = await makeImage({ width: 300, height: 200, gps: true, seed: 41 });
        const res = await post(owner.client, '/api/v1/user/media', [
          { name: 'title', value: 'Portrait' },
          { name: 'tags', value: 'studio, portrait' },
          file(photo, 'portrait.jpg', 'application/octet-stream'),
          { name: 'folder', value: 'Shoots/2026' },
          { name: 'tags', value: 'Spring' },
        ]);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          filename: 'portrait.jpg',
          mimetype: 'image/jpeg',
          title: 'Portrait',
          folder: 'Shoots/2026',
          tags: ['studio', 'portrait', 'spring'],
          metadata: { width: 300, height: 200, gpsRemoved: true },
        });
        expect(res.headers.location).toBe(`/api/v1/public/media/${res.body.id}`);
        expect(JSON.stringify(res.body)).not.toContain(dataDir);

        const again = await post(owner.client, '/api/v1/user/media', [file(photo)]);
        expect(again.status).toBe(200);
        expect(again.body.id).toBe(res.body.id);

        const listed = await owner.client.get('/api/v1/user/media?tag=spring');
        expect(listed.body.data.map((f: { id: string }) => f.id)).toEqual([res.body.id]);
        const downloaded = await fetchRaw(owner.client, res.body.url);
        expect((await exifOf(downloaded.body)).gps).toBeUndefined();
      });

      it('refuses a type it does not accept with 415 and leaves nothing behind', async () => {
        const before = await traces();
        for (const [data, name] of [
          [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg'],
          [Buffer.from('just some text, sent as a PNG'), 'note.png'],
        ] as const) {
          const res = await post(owner.client, '/api/v1/user/media', [{ name: 'title', value: 'x' }, file(data, name, 'image/png')]);
          expect(res.status).toBe(415);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
        }
        expect(await traces()).toEqual(before);
      });

      it('cuts an oversized upload off at the limit with 413 and leaves nothing behind', async () => {
        const before = await traces();
        const res = await post(owner.client, '/api/v1/user/media', [file(makePdf(LIMIT + 1), 'big.pdf', 'application/pdf')]);
        expect(res.status).toBe(413);
        expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT });
        expect((await post(owner.client, '/api/v1/user/media', [file(makePdf(LIMIT), 'max.pdf', 'application/pdf')])).status).toBe(201);
        const after = await traces();
        expect(after).toEqual({ ...before, rows: before.rows + 1, objects: before.objects + 1 });
      });

      it('answers a large streamed upload over a real socket with 413 before reading it all', async () => {
        const before = await traces();
        const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
        const { port } = t.app.server.address() as AddressInfo;
        const boundary = 'mono-stream-boundary';
        const total = 64 * LIMIT;
        let sent = 0;
        const status = await new Promise<number>((resolve, reject) => {
          const req = httpRequest({
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/user/media',
            headers: {
              authorization: `Bearer ${owner.token}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(total + 200),
            },
          });
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode!);
            req.destroy();
          });
          req.on('error', (error) => (sent < total ? undefined : reject(error)));
          req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          const pump = () => {
            while (sent < total && !req.destroyed) {
              sent += chunk.length;
              if (!req.write(chunk)) return void req.once('drain', pump);
            }
          };
          pump();
        });
        expect(status).toBe(413);
        expect(sent).toBeLessThan(total);
        expect(address).toMatch(/^http:/);
        expect(await traces()).toEqual(before);
      });

      it('refuses malformed uploads with a 4xx problem', async () => {
        const noFile = await post(owner.client, '/api/v1/user/media', [{ name: 'title', value: 'x' }]);
        expect(noFile).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ path: 'file' }] } });
        const unknown = await post(owner.client, '/api/v1/user/media', [{ name: 'owner', value: 'me' }, file(makePdf(100), 'a.pdf')]);
        expect(unknown).toMatchObject({ status: 400, body: { errors: [{ path: 'owner' }] } });
        const badFolder = await post(owner.client, '/api/v1/user/media', [file(makePdf(100), 'a.pdf'), { name: 'folder', value: '../../etc' }]);
        expect(badFolder).toMatchObject({ status: 400, body: { errors: [{ path: 'folder' }] } });
        const two = await post(owner.client, '/api/v1/user/media', [file(makePdf(100), 'a.pdf'), file(makePdf(100), 'b.pdf')]);
        expect(two.status).toBe(413);
        const json = await owner.client.post('/api/v1/user/media', { file: 'aGVsbG8=' });
        expect(json.status).toBe(415);
        expect((await traces()).temps).toEqual([]);
      });

      it('enforces the account’s storage quota with 413', async () => {
        await t.db.query(`update accounts set limits = '{"storageBytes": 5000}' where id = $1`, [accountId]);
        const res = await post(owner.client, `/api/v1/account/${accountId}/media`, [file(makePdf(6000), 'a.pdf')]);
        expect(res).toMatchObject({ status: 413, body: { code: 'STORAGE_QUOTA_EXCEEDED' } });
        const usage = await owner.client.get(`/api/v1/account/${accountId}/media/usage`);
        expect(usage.body).toEqual({ bytes: 0, files: 0, limitBytes: 5000 });
        await t.db.query(`update accounts set limits = '{}' where id = $1`, [accountId]);
      });
    });

    describe('account library', () => {
      let fileId: string;
      beforeAll(async () => {
        const res = await post(owner.client, `/api/v1/account/${accountId}/media`, [
          file(await makeImage({ seed: 42 })),
          { name: 'caption', value: 'Look book' },
        ]);
        expect(res.status).toBe(201);
        fileId = res.body.id;
      });

      it('lets viewers read but not upload or change, and hides the account from strangers', async () => {
        expect((await viewer.client.get(`/api/v1/account/${accountId}/media`)).body.data.map((f: { id: string }) => f.id)).toContain(fileId);
        const upload = await post(viewer.client, `/api/v1/account/${accountId}/media`, [file(makePdf(100), 'a.pdf')]);
        expect(upload).toMatchObject({ status: 403, body: { code: 'PERMISSION_DENIED' } });
        expect((await viewer.client.patch(`/api/v1/account/${accountId}/media/${fileId}`, { title: 'x' })).status).toBe(403);
        expect((await stranger.client.get(`/api/v1/account/${accountId}/media/${fileId}`)).status).toBe(403);
        expect((await fetchRaw(stranger.client, `/api/v1/public/media/${fileId}`)).status).toBe(404);
      });

      it('changes details, trashes, restores and deletes for good', async () => {
        const base = `/api/v1/account/${accountId}/media/${fileId}`;
        expect((await owner.client.patch(base, { title: 'Look book', tags: ['SS26'] })).body).toMatchObject({
          title: 'Look book',
          tags: ['ss26'],
          caption: 'Look book',
        });
        expect((await owner.client.delete(base)).status).toBe(204);
        expect((await owner.client.get(`/api/v1/account/${accountId}/media?trashed=true`)).body.data.map((f: { id: string }) => f.id)).toEqual([fileId]);
        expect((await owner.client.post(`${base}/restore`)).body.deletedAt).toBeNull();
        expect((await owner.client.request('DELETE', `${base}?permanent=true`)).status).toBe(204);
        expect((await owner.client.get(base)).status).toBe(404);
      });

      it('refuses to delete a file content uses (409) and addresses only the account’s own files', async () => {
        const res = await post(owner.client, `/api/v1/account/${accountId}/media`, [file(makePdf(500), 'used.pdf')]);
        await t.db.query(
          `insert into contents (tenant_id, account_id, user_id, type, title, slug, featured_image_id) values ($1, $2, $3, 'ARTICLE', 'Uses it', 'uses-it', $4)`,
          [tenant.id, accountId, owner.id, res.body.id],
        );
        const refused = await owner.client.request('DELETE', `/api/v1/account/${accountId}/media/${res.body.id}?permanent=true`);
        expect(refused).toMatchObject({ status: 409, body: { code: 'MEDIA_IN_USE' } });
        expect((await owner.client.delete(`/api/v1/account/${accountId}/media/${res.body.id}`)).status).toBe(409);

        const personal = await post(owner.client, '/api/v1/user/media', [file(makePdf(400), 'mine.pdf')]);
        expect((await owner.client.get(`/api/v1/account/${accountId}/media/${personal.body.id}`)).status).toBe(404);
        expect((await owner.client.get(`/api/v1/user/media/${res.body.id}`)).status).toBe(404);
        expect((await tenant.adminClient.get(`/api/v1/tenant/media?accountId=${accountId}`)).body.data.map((f: { id: string }) => f.id)).toContain(res.body.id);
      });
    });

    describe('downloads', () => {
      let image: Buffer;
      let id: string;
      let etag: string;
      beforeAll(async () => {
        const res = await post(owner.client, `/api/v1/account/${accountId}/media`, [file(await makeImage({ width: 200, height: 150, seed: 43 }))]);
        id = res.body.id;
        image = (await fetchRaw(owner.client, `/api/v1/public/media/${id}`)).body;
        etag = `"${res.body.sha256}"`;
      });

      it('sends the file with Content-Type, Content-Length, ETag; 304, 206, 416 and HEAD', async () => {
        const full = await fetchRaw(owner.client, `/api/v1/public/media/${id}`);
        expect(full.status).toBe(200);
        expect(full.headers).toMatchObject({ 'content-type': 'image/jpeg', 'content-length': String(image.length), etag, 'accept-ranges': 'bytes' });
        expect((await fetchRaw(owner.client, `/api/v1/public/media/${id}`, { 'if-none-match': etag })).status).toBe(304);
        const part = await fetchRaw(owner.client, `/api/v1/public/media/${id}`, { range: 'bytes=2-11' });
        expect(part.status).toBe(206);
        expect(part.headers['content-range']).toBe(`bytes 2-11/${image.length}`);
        expect(part.body.equals(image.subarray(2, 12))).toBe(true);
        const past = await fetchRaw(owner.client, `/api/v1/public/media/${id}`, { range: `bytes=${image.length + 5}-` });
        expect(past.status).toBe(416);
        expect(past.headers['content-range']).toBe(`bytes */${image.length}`);
        const head = await fetchRaw(owner.client, `/api/v1/public/media/${id}`, {}, 'HEAD');
        expect(head.status).toBe(200);
        expect(head.headers['content-length']).toBe(String(image.length));
        expect(head.body.length).toBe(0);
        const thumb = await fetchRaw(owner.client, `/api/v1/public/media/${id}/thumbnail`);
        expect(thumb.headers['content-type']).toBe('image/webp');
      });

      it('serves the public only what published content shows, and never across tenants', async () => {
        expect((await fetchRaw(tenant.anon, `/api/v1/public/media/${id}`)).status).toBe(404);
        await t.db.query(
          `insert into contents (tenant_id, account_id, user_id, type, title, slug, status, published_at, featured_image_id)
           values ($1, $2, $3, 'ARTICLE', 'Published', 'published-look', 'PUBLISHED', now() - interval '1 minute', $4)`,
          [tenant.id, accountId, owner.id, id],
        );
        const res = await fetchRaw(tenant.anon, `/api/v1/public/media/${id}`);
        expect(res.status).toBe(200);
        expect(res.body.equals(image)).toBe(true);
        expect(res.headers['cache-control']).toBe('public, max-age=300');

        const foreign = await fetchRaw(otherTenant.anon, `/api/v1/public/media/${id}`);
        expect(foreign.status).toBe(404);
        expect(foreign.body.toString()).not.toContain(id);
        expect((await fetchRaw(elsewhere.client, `/api/v1/public/media/${id}`)).status).toBe(404);
        expect((await elsewhere.client.get(`/api/v1/user/media/${id}`)).status).toBe(404);
        expect((await elsewhere.client.get(`/api/v1/account/${accountId}/media/${id}`)).status).toBe(404);
      });
    });
  },
  { config: { DATA_DIR: dataDir, MAX_UPLOAD_BYTES: String(LIMIT) } },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, downloadBytes, signUp, type TestTenant, uploadFile } from '../helpers/http';
import { makeImage, makePdf } from '../media/fixtures';

type User = Awaited<ReturnType<typeof signUp>>;

const upload = async (client: Client, url: string, data: Buffer, filename: string) => (await uploadFile(client, url, data, filename)).id;
const download = (client: Client, url: string, headers: Record<string, string> = {}) => downloadBytes(client, url, { headers });

const dataDir = mkdtempSync(join(tmpdir(), 'mono-gallery-http-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeHttp(
  'listing image galleries',
  (t) => {
    let tenant: TestTenant;
    let owner: User;
    let stranger: User;
    let accountId: string;
    let otherAccountId: string;
    let listingId: string;
    let front: string;
    let side: string;
    let brochure: string;
    let personal: string;
    let foreign: string;
    const base = () => `/api/v1/account/${accountId}/listings/${listingId}`;

    const newListing = async () => {
      const draft = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
        type: 'SERVICE',
        title: 'Portrait session in the studio',
        description: 'Two hours, twenty edited pictures.',
        price: '300.00',
        priceType: 'FIXED',
        currency: 'EUR',
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      return draft.body.id as string;
    };

    beforeAll(async () => {
      tenant = await createTestTenant(t.app, 'gallery');
      [owner, stranger] = await Promise.all([signUp(tenant, 'owner'), signUp(tenant, 'stranger')]);
      const make = async (identifier: string, ownerId: string) => {
        const account = await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier, name: identifier, type: 'AGENCY', ownerId, plan: 'pro' });
        expect(account.status).toBe(201);
        return account.body.id as string;
      };
      accountId = await make('studio', owner.id);
      otherAccountId = await make('elsewhere', stranger.id);
      listingId = await newListing();
      const lib = `/api/v1/account/${accountId}/media`;
      front = await upload(owner.client, lib, await makeImage({ width: 1200, height: 900, seed: 11 }), 'front.jpg');
      side = await upload(owner.client, lib, await makeImage({ width: 300, height: 600, format: 'png', seed: 12 }), 'side.png');
      brochure = await upload(owner.client, lib, makePdf(2000), 'brochure.pdf');
      personal = await upload(owner.client, '/api/v1/user/media', await makeImage({ seed: 13 }), 'me.jpg');
      foreign = await upload(stranger.client, `/api/v1/account/${otherAccountId}/media`, await makeImage({ seed: 14 }), 'theirs.jpg');
    });

    it('sets the gallery in order; the first image is the cover of the listing and of search results', async () => {
      const set = await owner.client.put(`${base()}/images`, { mediaIds: [side, front] });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect(set.body.data.map((i: { mediaId: string }) => i.mediaId)).toEqual([side, front]);
      expect(set.body.data[1]).toMatchObject({
        position: 1,
        width: 1200,
        height: 900,
        url: `/api/v1/public/media/${front}`,
        cardUrl: `/api/v1/public/media/${front}/card`,
      });

      // the account reads it on a draft; the public sees nothing of a draft
      expect((await owner.client.get(base())).body).toMatchObject({ coverImage: { mediaId: side }, images: [{ mediaId: side }, { mediaId: front }] });
      expect((await download(tenant.anon, `/api/v1/public/media/${front}`)).status).toBe(404);

      expect((await owner.client.post(`${base()}/transition`, { action: 'publish' })).status).toBe(200);
      const shown = await tenant.anon.get(`/api/v1/public/listings/${listingId}`);
      expect(shown.body.images.map((i: { mediaId: string }) => i.mediaId)).toEqual([side, front]);
      expect(shown.body.coverImage.mediaId).toBe(side);
      const found = await tenant.anon.get(`/api/v1/public/listings?accountId=${accountId}`);
      expect(found.body.data).toHaveLength(1);
      expect(found.body.data[0]).toMatchObject({ id: listingId, coverImage: { mediaId: side, thumbnailUrl: `/api/v1/public/media/${side}/thumbnail` } });
      expect(found.body.data[0].images).toBeUndefined();
      // a favourite shows the same cover
      expect((await stranger.client.put(`/api/v1/user/favourites/${listingId}`)).status).toBeLessThan(300);
      const favourites = await stranger.client.get('/api/v1/user/favourites');
      expect(favourites.body.data).toMatchObject([{ listing: { id: listingId, coverImage: { mediaId: side } } }]);

      // reordering replaces the gallery
      const again = await owner.client.put(`${base()}/images`, { mediaIds: [front, side] });
      expect(again.body.data.map((i: { mediaId: string }) => i.mediaId)).toEqual([front, side]);
    });

    it('serves the images and their variants publicly while the listing is public, the card made once with an ETag', async () => {
      const original = await download(tenant.anon, `/api/v1/public/media/${front}`);
      expect(original).toMatchObject({ status: 200, headers: { 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=300' } });
      const thumb = await download(tenant.anon, `/api/v1/public/media/${front}/thumbnail`);
      expect(thumb).toMatchObject({ status: 200, headers: { 'content-type': 'image/webp' } });
      const card = await download(tenant.anon, `/api/v1/public/media/${front}/card`);
      expect(card).toMatchObject({ status: 200, headers: { 'content-type': 'image/webp' } });
      const meta = await sharp(card.body).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 640, 480]);
      const etag = card.headers.etag as string;
      expect(etag).toBeTruthy();
      expect((await download(tenant.anon, `/api/v1/public/media/${front}/card`, { 'if-none-match': etag })).status).toBe(304);
      const second = await download(tenant.anon, `/api/v1/public/media/${front}/card`);
      expect(second.headers.etag).toBe(etag);
      expect(second.body.equals(card.body)).toBe(true);
      // a PDF has no image variants
      expect((await download(owner.client, `/api/v1/public/media/${brochure}/card`)).status).toBe(404);

      // paused: no longer public (the account still reads its own library)
      expect((await owner.client.post(`${base()}/transition`, { action: 'pause' })).status).toBe(200);
      expect((await download(tenant.anon, `/api/v1/public/media/${front}/card`)).status).toBe(404);
      expect((await download(owner.client, `/api/v1/public/media/${front}/card`)).status).toBe(200);
      expect((await owner.client.post(`${base()}/transition`, { action: 'resume' })).status).toBe(200);
      expect((await download(tenant.anon, `/api/v1/public/media/${front}`)).status).toBe(200);
    });

    it('refuses files that are not ready images of the account, naming each, and changes nothing', async () => {
      const missing = '01900000-0000-7000-8000-000000000000';
      const res = await owner.client.put(`${base()}/images`, { mediaIds: [front, brochure, personal, foreign, missing] });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_LISTING_IMAGES');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['mediaIds.1', 'mediaIds.2', 'mediaIds.3', 'mediaIds.4']);
      expect((await owner.client.put(`${base()}/images`, { mediaIds: [front, front] })).status).toBe(400);
      const tooMany = Array.from({ length: 21 }, (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`);
      expect((await owner.client.put(`${base()}/images`, { mediaIds: tooMany })).status).toBe(400);
      expect((await owner.client.get(base())).body.images.map((i: { mediaId: string }) => i.mediaId)).toEqual([front, side]);
    });

    it('is the account’s to change: a non-member is refused, another account’s listing is 404', async () => {
      expect((await stranger.client.put(`${base()}/images`, { mediaIds: [] })).status).toBe(403);
      expect((await stranger.client.put(`/api/v1/account/${otherAccountId}/listings/${listingId}/images`, { mediaIds: [] })).status).toBe(404);
      expect((await tenant.anon.put(`${base()}/images`, { mediaIds: [] })).status).toBe(401);
    });

    it('keeps galleries consistent: a shown file cannot be trashed or deleted; emptied or deleted galleries free it', async () => {
      const trash = await owner.client.delete(`/api/v1/account/${accountId}/media/${side}`);
      expect(trash).toMatchObject({ status: 409, body: { code: 'MEDIA_IN_USE' } });
      const purge = await owner.client.delete(`/api/v1/account/${accountId}/media/${side}?permanent=true`);
      expect(purge).toMatchObject({ status: 409, body: { code: 'MEDIA_IN_USE' } });

      expect((await owner.client.put(`${base()}/images`, { mediaIds: [front] })).status).toBe(200);
      expect((await owner.client.get(`/api/v1/account/${accountId}/media/${side}`)).body.usageCount).toBe(0);
      expect((await owner.client.delete(`/api/v1/account/${accountId}/media/${side}`)).status).toBe(204);
      // a trashed file cannot join a gallery
      const trashed = await owner.client.put(`${base()}/images`, { mediaIds: [front, side] });
      expect(trashed).toMatchObject({ status: 422, body: { code: 'INVALID_LISTING_IMAGES', errors: [{ path: 'mediaIds.1' }] } });

      // deleting the listing empties its gallery: the file is free again
      const other = await newListing();
      expect((await owner.client.put(`/api/v1/account/${accountId}/listings/${other}/images`, { mediaIds: [front] })).status).toBe(200);
      expect((await owner.client.get(`/api/v1/account/${accountId}/media/${front}`)).body.usageCount).toBe(2);
      expect((await owner.client.delete(`/api/v1/account/${accountId}/listings/${other}`)).status).toBe(204);
      expect((await owner.client.get(`/api/v1/account/${accountId}/media/${front}`)).body.usageCount).toBe(1);
    });

    it('the database refuses a gallery row of another account’s file, whatever writes it', async () => {
      await expect(
        t.db.query(`insert into listing_images (tenant_id, listing_id, media_id, position) values ($1, $2, $3, 5)`, [tenant.id, listingId, foreign]),
      ).rejects.toThrow(/not a ready image of the listing's account/);
    });
  },
  { config: { DATA_DIR: dataDir } },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, downloadBytes, signUp, type TestTenant, uploadFile } from '../helpers/http';
import { makeImage, makePdf } from './fixtures';

type User = Awaited<ReturnType<typeof signUp>>;

const uploadPersonal = (client: Client, data: Buffer, filename: string) => uploadFile(client, '/api/v1/user/media', data, filename);
const download = (client: Client, url: string, method: 'GET' | 'HEAD' = 'GET') => downloadBytes(client, url, { method });

const dataDir = mkdtempSync(join(tmpdir(), 'mono-attachments-http-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeHttp(
  'attachments over HTTP',
  (t) => {
    let tenant: TestTenant;
    let owner: User;
    let applicant: User;
    let stranger: User;
    let elsewhere: User;
    let accountId: string;
    let applicationId: string;
    let passport: { id: string; size: number };
    let photo: { id: string; size: number };

    beforeAll(async () => {
      tenant = await createTestTenant(t.app, 'attach');
      [owner, applicant, stranger] = await Promise.all([signUp(tenant, 'owner'), signUp(tenant, 'applicant'), signUp(tenant, 'stranger')]);
      const otherTenant = await createTestTenant(t.app, 'attach-other');
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
      const draft = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
        type: 'GIG',
        title: 'Runway model',
        description: 'One show in Vienna.',
        price: '900.00',
        priceType: 'FIXED',
        currency: 'EUR',
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${draft.body.id}/transition`, { action: 'publish' })).status).toBe(200);

      passport = await uploadPersonal(applicant.client, makePdf(3000), 'passport.pdf');
      photo = await uploadPersonal(applicant.client, await makeImage({ seed: 81 }), 'portrait.jpg');
      const applied = await applicant.client.post('/api/v1/user/applications', { listingId: draft.body.id, attachments: [passport.id, photo.id] });
      expect(applied.status, JSON.stringify(applied.body)).toBe(201);
      applicationId = applied.body.id;
    });

    it('the reviewing account downloads the applicant’s attachments, thumbnail and HEAD included', async () => {
      const file = await download(owner.client, `/api/v1/public/media/${passport.id}`);
      expect(file.status).toBe(200);
      expect(file.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-length': String(passport.size), 'cache-control': 'private, no-cache' });
      expect(file.body.length).toBe(passport.size);
      const thumbnail = await download(owner.client, `/api/v1/public/media/${photo.id}/thumbnail`);
      expect(thumbnail).toMatchObject({ status: 200, headers: { 'content-type': 'image/webp' } });
      expect((await download(owner.client, `/api/v1/public/media/${photo.id}`, 'HEAD')).status).toBe(200);
    });

    it('nobody else gets them: another person, the public, another tenant (404)', async () => {
      for (const client of [stranger.client, tenant.anon, elsewhere.client]) {
        for (const url of [`/api/v1/public/media/${passport.id}`, `/api/v1/public/media/${photo.id}/thumbnail`]) {
          const res = await download(client, url);
          expect(res.status).toBe(404);
          expect(res.body.toString()).not.toContain('passport');
        }
      }
    });

    it('the applicant opens what the account sends in the conversation', async () => {
      const contract = await uploadPersonal(owner.client, makePdf(2500), 'contract.pdf');
      const sent = await owner.client.post(`/api/v1/account/${accountId}/applications/${applicationId}/messages`, {
        body: 'Please sign',
        attachments: [contract.id],
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect((await download(applicant.client, `/api/v1/public/media/${contract.id}`)).status).toBe(200);
      expect((await download(stranger.client, `/api/v1/public/media/${contract.id}`)).status).toBe(404);
    });

    it('the applicant cannot trash or delete a file while the application attaches it (409 MEDIA_IN_USE)', async () => {
      const trash = await applicant.client.delete(`/api/v1/user/media/${passport.id}`);
      expect(trash).toMatchObject({ status: 409, body: { code: 'MEDIA_IN_USE' } });
      const purge = await applicant.client.request('DELETE', `/api/v1/user/media/${passport.id}?permanent=true`);
      expect(purge).toMatchObject({ status: 409, body: { code: 'MEDIA_IN_USE' } });
      expect((await applicant.client.get(`/api/v1/user/media/${passport.id}`)).body).toMatchObject({ usageCount: 1, deletedAt: null });
      expect((await download(owner.client, `/api/v1/public/media/${passport.id}`)).status).toBe(200);
    });
  },
  { config: { DATA_DIR: dataDir } },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findJob, runJobNow } from '../../src/modules/jobs';
import { ERASURE_TABLES_NOT_EXPORTED, EXPORTED_ERASURE_TABLES } from '../../src/modules/transfer';
import { type Client, createTestTenant, describeHttp, lastMail, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

const dataDir = mkdtempSync(join(tmpdir(), 'mono-personal-export-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function uploadPersonal(client: Client, data: Buffer, filename: string): Promise<{ id: string }> {
  const boundary = 'mono-export-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`;
  const raw = await client.app.inject({
    method: 'POST',
    url: '/api/v1/user/media',
    headers: { authorization: `Bearer ${client.token}`, 'x-tenant': client.tenant!, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  expect(raw.statusCode, raw.body).toBe(201);
  return raw.json();
}

async function download(client: Client, url: string) {
  const raw = await client.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${client.token}`, 'x-tenant': client.tenant! } });
  return {
    status: raw.statusCode,
    headers: raw.headers,
    bytes: raw.rawPayload,
    body: String(raw.headers['content-type']).includes('json') ? raw.json() : undefined,
  };
}

/**
 * Personal data export (GDPR art. 15/20, docs/export.md): a person asks, the job builds a zip
 * of their data and files and mails them; they download it until it expires. It holds what
 * is theirs and nothing of other people beyond what the API shows them.
 */
describeHttp(
  'personal data export',
  (t) => {
    let a: TestTenant;
    let b: TestTenant;
    let person: User;
    let other: User;
    const personPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('my own passport scan '.repeat(20))]);
    const otherPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('somebody else entirely '.repeat(20))]);
    const runBuild = async () => {
      const outcome = await runJobNow(t.db, findJob('exports.build')!, 'test', undefined, { config: t.config });
      expect(outcome.status, outcome.error).toBe('succeeded');
      return outcome.result as { ready: number; failed: number };
    };

    beforeAll(async () => {
      a = await createTestTenant(t.app, 'export-a');
      b = await createTestTenant(t.app, 'export-b');
      person = await signUp(a, 'exporter');
      other = await signUp(a, 'counterpart');
      await t.db.query(`update user_profiles set phone = '+43 660 1234567', display_name = 'Ada Person' where tenant_id = $1 and user_id = $2`, [
        a.id,
        person.id,
      ]);
      await t.db.query(`update user_profiles set phone = '+49 170 7654321', display_name = 'Otto Other' where tenant_id = $1 and user_id = $2`, [
        a.id,
        other.id,
      ]);
      await uploadPersonal(person.client, personPdf, 'passport.pdf');
      await uploadPersonal(other.client, otherPdf, 'others.pdf');
      // a conversation: the person applied to the other's listing; both wrote
      const [account] = await t.db.query<{ id: string }>(
        `insert into accounts (tenant_id, identifier, name, type) values ($1, 'otto', 'Otto Agency', 'AGENCY') returning id`,
        [a.id],
      );
      const [listing] = await t.db.query<{ id: string }>(
        `insert into listings (tenant_id, account_id, user_id, type, title, description, price, price_type, status)
         values ($1, $2, $3, 'GIG', 'Runway model', 'Two days in Paris', '1500.00', 'FIXED', 'ACTIVE') returning id`,
        [a.id, account!.id, other.id],
      );
      const [application] = await t.db.query<{ id: string }>(
        `insert into applications (tenant_id, listing_id, applicant_id, cover_letter) values ($1, $2, $3, 'I would love to walk') returning id`,
        [a.id, listing!.id, person.id],
      );
      await t.db.query(
        `insert into messages (tenant_id, application_id, sender_id, body) values ($1, $2, $3, 'When can you start?'), ($1, $2, $4, 'Monday!')`,
        [a.id, application!.id, other.id, person.id],
      );
    });

    let exportId: string;

    it('covers every table the erasure rules name, or says why not', async () => {
      const rules = await t.db.query<{ table_name: string }>('select distinct table_name from mono.erasure_rules');
      const covered = new Set([...EXPORTED_ERASURE_TABLES, ...Object.keys(ERASURE_TABLES_NOT_EXPORTED)]);
      expect(rules.map((r) => r.table_name.replace(/^public\./, '')).filter((table) => !covered.has(table))).toEqual([]);
    });

    it('queues an export (202), one at a time per person', async () => {
      const asked = await person.client.post('/api/v1/user/export');
      expect(asked.status, JSON.stringify(asked.body)).toBe(202);
      expect(asked.body).toMatchObject({ userId: person.id, requestedBy: person.id, status: 'PENDING', expiresAt: null });
      exportId = asked.body.id;
      const again = await person.client.post('/api/v1/user/export');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('EXPORT_ALREADY_RUNNING');
      const early = await download(person.client, `/api/v1/user/export/${exportId}/download`);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('EXPORT_NOT_READY');
    });

    it('the job builds the archive and mails the person; it holds their data and files, and nothing of the other person', async () => {
      expect(await runBuild()).toEqual({ ready: 1, failed: 0 });
      const status = await person.client.get(`/api/v1/user/export/${exportId}`);
      expect(status.status).toBe(200);
      expect(status.body).toMatchObject({ status: 'READY', sizeBytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(Date.parse(status.body.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
      const mail = await lastMail(t.db, person.email, 'export.ready');
      expect(mail?.body_text).toContain(`/api/v1/user/export/${exportId}/download`);

      const got = await download(person.client, `/api/v1/user/export/${exportId}/download`);
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe('application/zip');
      expect(got.bytes.length).toBe(status.body.sizeBytes);
      const files = unzipSync(new Uint8Array(got.bytes));
      const json = (name: string) => JSON.parse(new TextDecoder().decode(files[name]!)) as any[];
      expect(json('account.json')[0]).toMatchObject({ id: person.id, email: person.email });
      expect(json('account.json')[0]).not.toHaveProperty('hashed_password');
      expect(json('profile.json')[0]).toMatchObject({ phone: '+43 660 1234567', display_name: 'Ada Person' });
      expect(json('sessions.json').length).toBeGreaterThan(0);
      expect(json('applications.json')[0]).toMatchObject({ cover_letter: 'I would love to walk', listingTitle: 'Runway model' });
      // the conversation as the API shows it: the counterpart by id and public name
      expect(json('messages.json')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ fromMe: false, senderId: other.id, senderName: 'Otto Other', body: 'When can you start?' }),
          expect.objectContaining({ fromMe: true, body: 'Monday!' }),
        ]),
      );
      expect(json('accountHistory.json').some((e) => e.record === 'users' && e.action === 'create')).toBe(true);
      expect(json('media.json')).toHaveLength(1);
      const stored = Object.keys(files).filter((name) => name.startsWith('files/'));
      expect(stored).toHaveLength(1);
      expect(Buffer.from(files[stored[0]!]!)).toEqual(personPdf);

      // nothing of the other person beyond id and public name: no e-mail, phone, file
      const everything = Buffer.concat(Object.values(files).map((f) => Buffer.from(f))).toString('utf8');
      expect(everything).not.toContain(other.email);
      expect(everything).not.toContain('+49 170 7654321');
      expect(everything).not.toContain('somebody else entirely');
      expect(everything).not.toContain(a.admin.email);
    });

    it('another person, or another tenant, cannot see or download it', async () => {
      for (const url of [`/api/v1/user/export/${exportId}`, `/api/v1/user/export/${exportId}/download`]) {
        const byOther = await download(other.client, url);
        expect(byOther.status).toBe(404);
        expect(byOther.body.code).toBe('EXPORT_NOT_FOUND');
      }
      const crossTenant = await download(b.adminClient, `/api/v1/tenant/users/${person.id}/export/${exportId}/download`);
      expect(crossTenant.status).toBe(404);
    });

    it('a tenant administrator can export a person’s data; it is audited and mailed to the administrator', async () => {
      const asked = await a.adminClient.post(`/api/v1/tenant/users/${other.id}/export`);
      expect(asked.status, JSON.stringify(asked.body)).toBe(202);
      expect(asked.body).toMatchObject({ userId: other.id, requestedBy: a.admin.id });
      const audit = await a.adminClient.get(`/api/v1/tenant/audit?resource=user_exports&actorId=${a.admin.id}`);
      expect(audit.body.data.map((e: any) => e.resourceId)).toContain(asked.body.id);
      expect(await runBuild()).toEqual({ ready: 1, failed: 0 });
      expect((await lastMail(t.db, a.admin.email, 'export.ready'))?.body_text).toContain(`/api/v1/tenant/users/${other.id}/export/${asked.body.id}/download`);
      const got = await download(a.adminClient, `/api/v1/tenant/users/${other.id}/export/${asked.body.id}/download`);
      expect(got.status).toBe(200);
      const text = Buffer.concat(Object.values(unzipSync(new Uint8Array(got.bytes))).map((f) => Buffer.from(f))).toString('utf8');
      expect(text).toContain(other.email);
      expect(text).not.toContain(person.email);
      expect(text).not.toContain('+43 660 1234567');
      expect(text).not.toContain('my own passport scan');
      // not the administrator's own data through the tenant route, nor another tenant's person
      expect((await a.adminClient.post(`/api/v1/tenant/users/${a.admin.id}/export`)).body.code).toBe('NOT_ON_YOURSELF');
      expect((await b.adminClient.post(`/api/v1/tenant/users/${other.id}/export`)).status).toBe(404);
      expect((await person.client.post(`/api/v1/tenant/users/${other.id}/export`)).status).toBe(403);
    });

    it('expires: after its time the download is gone (410) and the prune job deletes the archive', async () => {
      await t.db.query(`update user_exports set expires_at = now() - interval '1 second' where tenant_id = $1 and id = $2`, [a.id, exportId]);
      const late = await download(person.client, `/api/v1/user/export/${exportId}/download`);
      expect(late.status).toBe(410);
      expect(late.body.code).toBe('EXPORT_EXPIRED');
      const [row] = await t.db.query<{ storage_key: string }>('select storage_key from user_exports where id = $1', [exportId]);
      const pruned = await runJobNow(t.db, findJob('exports.prune')!, 'test', undefined, { config: t.config });
      expect(pruned.result).toMatchObject({ expired: 1 });
      expect((await person.client.get(`/api/v1/user/export/${exportId}`)).body).toMatchObject({ status: 'EXPIRED' });
      const { createStorage } = await import('../../src/modules/media');
      expect(await createStorage(t.config).head(row!.storage_key)).toBeNull();
      expect((await download(person.client, `/api/v1/user/export/${exportId}/download`)).status).toBe(410);
      // and now a new one may be asked for
      expect((await person.client.post('/api/v1/user/export')).status).toBe(202);
    });
  },
  { config: { DATA_DIR: dataDir } },
);

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/core/context';
import { loadMigrations } from '../../src/db/migrate';
import { type Tx, withTenant } from '../../src/db/tenant-context';
import { createErasureService } from '../../src/modules/audit';
import { createMediaService, createStorage, type MediaFileView, type MediaService, type ObjectStorage } from '../../src/modules/media';
import { blobKey, cardKey, thumbnailKey } from '../../src/modules/media/storage';
import { ctxFor, permissionsOf } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { activeListing, createWorld, type World } from '../marketplace/fixtures';
import { errorOf, makeImage, makePdf, readAll, streamOf } from './fixtures';

/**
 * Files attached to applications and messages (uuid[] columns without a foreign key):
 * the database counts each attachment as a use of the file (migration 0151), so an
 * attached file can be neither trashed nor purged; and the parties of the application
 * or message may open the file, nobody else.
 */
describeDb('media attached to applications and messages', (t) => {
  let w: World;
  let media: MediaService;
  let dir: string;
  let storage: ObjectStorage;
  beforeAll(async () => {
    w = await createWorld(t.db, { applicants: 7, limits: { maxActiveListings: null } });
    dir = await mkdtemp(join(tmpdir(), 'mono-attachments-'));
    storage = createStorage({
      dataDir: dir,
      storage: { driver: 'local', s3: { bucket: undefined, region: 'x', endpoint: undefined, accessKeyId: undefined, secretAccessKey: undefined } },
    });
    media = createMediaService({ db: t.db, storage, maxUploadBytes: 5 * 1024 * 1024, tempDir: join(dir, 'tmp') });
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const upload = async (ctx: RequestContext, bytes?: Buffer): Promise<MediaFileView> =>
    (await media.upload(ctx, { stream: streamOf(bytes ?? makePdf()), filename: 'passport.pdf', declaredType: 'application/pdf' })).file;
  const usage = async (id: string) => (await t.db.query<{ n: number }>('select usage_count as n from media_files where id = $1', [id]))[0]!.n;
  const usages = async (...ids: string[]) => Promise.all(ids.map(usage));
  const apply = async (i: number, attachments: string[] = []) => w.market.applications.apply(w.applicant(i), (await activeListing(w)).id, { attachments });

  describe('usage counting', () => {
    it('counts each attached file once per row, on insert, change of the array and delete (cascades included)', async () => {
      const [a, b] = [await upload(w.applicant(0)), await upload(w.applicant(0))];
      const application = await apply(0, [a.id, b.id]);
      expect(await usages(a.id, b.id)).toEqual([1, 1]);
      expect((await media.get(w.applicant(0), a.id)).lastUsedAt).not.toBeNull();
      const message = await w.market.messages.send(w.applicant(0), application.id, { body: 'My passport again', attachments: [a.id] });
      expect(await usages(a.id, b.id)).toEqual([2, 1]);

      await t.db.query(`update applications set attachments = array[$2::uuid, $2::uuid] where id = $1`, [application.id, b.id]);
      expect(await usages(a.id, b.id)).toEqual([1, 1]); // a repeated id is one reference
      await t.db.query(`update applications set cover_letter = 'Changed' where id = $1`, [application.id]);
      expect(await usages(a.id, b.id)).toEqual([1, 1]);
      await t.db.query(`update messages set attachments = array[$2::uuid, $3::uuid] where id = $1`, [message.id, b.id, a.id]);
      expect(await usages(a.id, b.id)).toEqual([1, 2]);
      await t.db.query(`update messages set attachments = '{}' where id = $1`, [message.id]);
      expect(await usages(a.id, b.id)).toEqual([0, 1]);

      await t.db.query(`update messages set attachments = array[$2::uuid] where id = $1`, [message.id, a.id]);
      expect(await usages(a.id, b.id)).toEqual([1, 1]);
      await t.db.query(`delete from listings where id = $1`, [application.listingId]); // → applications → messages
      expect(await usages(a.id, b.id)).toEqual([0, 0]);
    });

    it('refuses to trash or purge an attached file (409 MEDIA_IN_USE), and allows it once nothing attaches it', async () => {
      const file = await upload(w.applicant(1));
      const application = await apply(1, [file.id]);
      expect(await errorOf(media.trash(w.applicant(1), file.id))).toMatchObject({ kind: 'conflict', code: 'MEDIA_IN_USE' });
      expect(await errorOf(media.purge(w.applicant(1), file.id))).toMatchObject({ kind: 'conflict', code: 'MEDIA_IN_USE' });
      await t.db.query(`update applications set attachments = '{}' where id = $1`, [application.id]);

      const message = await w.market.messages.send(w.applicant(1), application.id, { body: 'Here it is', attachments: [file.id] });
      expect(await errorOf(media.trash(w.applicant(1), file.id))).toMatchObject({ code: 'MEDIA_IN_USE' });
      // A deleted message stays as a tombstone that still holds its attachments: still a use.
      await w.market.messages.remove(w.applicant(1), message.id);
      expect(await errorOf(media.purge(w.applicant(1), file.id))).toMatchObject({ code: 'MEDIA_IN_USE' });
      await t.db.query(`delete from messages where id = $1`, [message.id]);

      expect((await media.trash(w.applicant(1), file.id)).deletedAt).not.toBeNull();
      await media.purge(w.applicant(1), file.id);
      expect(await t.db.query('select 1 from media_files where id = $1', [file.id])).toHaveLength(0);
    });

    it('refuses a new attachment of a file in the trash, also written behind the service’s back', async () => {
      const file = await upload(w.applicant(2));
      await media.trash(w.applicant(2), file.id);
      const application = await apply(2);
      expect(await errorOf(w.market.messages.send(w.applicant(2), application.id, { body: 'x', attachments: [file.id] }))).toMatchObject({
        code: 'INVALID_ATTACHMENTS',
      });
      expect(await errorOf(t.db.query(`update applications set attachments = array[$2::uuid] where id = $1`, [application.id, file.id]))).toMatchObject({
        message: expect.stringContaining('is in the trash'),
      });
      expect(await usage(file.id)).toBe(0);
    });

    it('erasing the applicant empties their applications’ and messages’ attachments and deletes the files, bytes included', async () => {
      const [onApplication, inMessage] = [await upload(w.applicant(3)), await upload(w.applicant(3))];
      const application = await apply(3, [onApplication.id]);
      await w.market.messages.send(w.applicant(3), application.id, { body: 'Scan attached', attachments: [inMessage.id, onApplication.id] });
      expect(await usages(onApplication.id, inMessage.id)).toEqual([2, 1]);
      const hashes = await t.db.query<{ content_hash: string }>('select content_hash from media_files where id in ($1, $2)', [onApplication.id, inMessage.id]);
      const stored = async () => (await Promise.all(hashes.map((h) => storage.head(blobKey(w.tenantId, h.content_hash))))).filter(Boolean).length;
      expect(await stored()).toBe(2);
      const admin = ctxFor(w.tenantId, w.ownerId, { permissions: permissionsOf(['tenant.users.erase']) });
      const result = await createErasureService({ db: t.db, storage }).eraseUser(admin, { user: w.applicants[3]! });
      expect(result.filesDeleted).toBe(2);
      const [message] = await t.db.query<{ attachments: string[] }>('select attachments from messages where application_id = $1', [application.id]);
      expect(message!.attachments).toEqual([]);
      const [applied] = await t.db.query<{ attachments: string[] }>('select attachments from applications where id = $1', [application.id]);
      expect(applied!.attachments).toEqual([]);
      expect(await t.db.query('select id from media_files where id in ($1, $2)', [onApplication.id, inMessage.id])).toEqual([]);
      expect(await stored()).toBe(0);
    });

    it('erasing a person deletes their personal images with every stored variant (original, thumbnail, card)', async () => {
      const photo = (await media.upload(w.applicant(6), { stream: streamOf(await makeImage()), filename: 'me.jpg', declaredType: 'image/jpeg' })).file;
      const scan = await upload(w.applicant(6));
      await apply(6, [scan.id]);
      const [{ content_hash: hash }] = (await t.db.query<{ content_hash: string }>('select content_hash from media_files where id = $1', [photo.id])) as [
        { content_hash: string },
      ];
      const card = await media.download(w.applicant(6), photo.id, { variant: 'card' });
      await readAll(card.body!);
      const keys = [blobKey(w.tenantId, hash), thumbnailKey(w.tenantId, hash), cardKey(w.tenantId, hash)];
      const stored = async () => (await Promise.all(keys.map((key) => storage.head(key)))).map(Boolean);
      expect(await stored()).toEqual([true, true, true]);
      const admin = ctxFor(w.tenantId, w.ownerId, { permissions: permissionsOf(['tenant.users.erase']) });
      const result = await createErasureService({ db: t.db, storage }).eraseUser(admin, { user: w.applicants[6]! });
      expect(result.filesDeleted).toBe(2);
      expect(await t.db.query('select id from media_files where id in ($1, $2)', [photo.id, scan.id])).toEqual([]);
      expect(await stored()).toEqual([false, false, false]);
    });

    it('stays exact under parallel attachments and removals', async () => {
      const file = await upload(w.applicant(4));
      const application = await apply(4);
      const sent = await Promise.all(
        Array.from({ length: 12 }, (_, i) => w.market.messages.send(w.applicant(4), application.id, { body: `Copy ${i}`, attachments: [file.id] })),
      );
      expect(await usage(file.id)).toBe(12);
      await Promise.all(sent.map((m) => t.db.query(`update messages set attachments = '{}' where id = $1`, [m.id])));
      expect(await usage(file.id)).toBe(0);
    });

    it('never lets a file be trashed while it is attached at the same moment', async () => {
      const application = await apply(5);
      const applicant = w.applicant(5);
      // Whichever commits first wins; the other waits for its row lock and is refused.
      const holding = (statement: (tx: Tx) => Promise<unknown>) => {
        let started!: () => void;
        const running = new Promise<void>((resolve) => (started = resolve));
        const done = withTenant(t.db, applicant, async (tx) => {
          await statement(tx);
          started();
          await new Promise((resolve) => setTimeout(resolve, 150));
        });
        return { running, done };
      };
      const attachFirst = await upload(applicant);
      const attaching = holding((tx) =>
        tx.execute(sql`insert into messages (tenant_id, application_id, sender_id, body, attachments)
                       values (${w.tenantId}, ${application.id}, ${w.applicants[5]}, 'Attached first', array[${attachFirst.id}::uuid])`),
      );
      await attaching.running;
      const [trashLater] = await Promise.allSettled([media.trash(applicant, attachFirst.id), attaching.done]);
      expect(trashLater).toMatchObject({ status: 'rejected', reason: { code: 'MEDIA_IN_USE' } });

      const trashFirst = await upload(applicant);
      const trashing = holding((tx) => tx.execute(sql`update media_files set deleted_at = now() where id = ${trashFirst.id}`));
      await trashing.running;
      const [attachLater] = await Promise.allSettled([
        w.market.messages.send(applicant, application.id, { body: 'Attached later', attachments: [trashFirst.id] }),
        trashing.done,
      ]);
      expect(attachLater).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_ATTACHMENTS' } });

      // And truly at once, both ways round: exactly one of them succeeds.
      for (let round = 0; round < 6; round++) {
        const file = await upload(applicant);
        const trash = () => media.trash(applicant, file.id);
        const send = () => w.market.messages.send(applicant, application.id, { body: `Round ${round}`, attachments: [file.id] });
        const [first, second] = round % 2 ? [send(), trash()] : [trash(), send()];
        const results = await Promise.allSettled([first, second]);
        const trashed = results[round % 2 ? 1 : 0]!;
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const [outcome] = await t.db.query<{ usage_count: number; deleted: boolean }>(
          'select usage_count, deleted_at is not null as deleted from media_files where id = $1',
          [file.id],
        );
        expect(outcome).toEqual(trashed.status === 'fulfilled' ? { usage_count: 0, deleted: true } : { usage_count: 1, deleted: false });
      }
    });
  });

  it('the migration adds the attachments that existed before it to the counts', async () => {
    const [a, b] = [await upload(w.applicant(5)), await upload(w.applicant(5))];
    const application = await apply(5, [a.id, b.id]);
    await w.market.messages.send(w.applicant(5), application.id, { body: 'Both again', attachments: [b.id, a.id] });
    const gone = await w.market.messages.send(w.applicant(5), application.id, { body: 'Retracted', attachments: [b.id] });
    await w.market.messages.remove(w.applicant(5), gone.id);
    await t.db.query(`update applications set attachments = array[$2::uuid, $2::uuid, $3::uuid] where id = $1`, [application.id, a.id, b.id]);
    const wrong = () =>
      t.db.query<{ id: string }>(`
        select m.id from media_files m
         where m.usage_count <> (select count(*) from content_media cm where cm.tenant_id = m.tenant_id and cm.media_id = m.id)
                              + (select count(*) from contents c where c.tenant_id = m.tenant_id and c.featured_image_id = m.id)
                              + (select count(*) from applications x where x.tenant_id = m.tenant_id and m.id = any(x.attachments))
                              + (select count(*) from messages x where x.tenant_id = m.tenant_id and m.id = any(x.attachments))`);
    expect(await wrong()).toEqual([]);
    expect(await usages(a.id, b.id)).toEqual([2, 3]);

    // The database as it was before 0151: no triggers, no indexes, attachments not counted.
    await t.db.exec(`
      drop trigger media_usage on applications;
      drop trigger media_usage on messages;
      drop index applications_attachments_idx;
      drop index messages_attachments_idx;
      update media_files m set usage_count = usage_count - n
        from (select tenant_id, f, count(*)::int as n from (
                select x.tenant_id, f from applications x, lateral (select distinct f from unnest(x.attachments) f) u
                union all select x.tenant_id, f from messages x, lateral (select distinct f from unnest(x.attachments) f) u) refs
               group by tenant_id, f) refs
       where m.tenant_id = refs.tenant_id and m.id = refs.f`);
    expect(await usages(a.id, b.id)).toEqual([0, 0]);

    const migration = loadMigrations().find((m) => m.name === '0151_media_attachment_usage')!;
    await t.db.exec(`begin;\n${migration.sql}\ncommit;`);
    expect(await usages(a.id, b.id)).toEqual([2, 3]);
    expect(await wrong()).toEqual([]);
  });

  describe('who may open an attached file', () => {
    let application: { id: string; listingId: string };
    let photo: MediaFileView;
    let passport: MediaFileView;
    let contract: MediaFileView;
    let messageId: string;
    beforeAll(async () => {
      photo = await upload(w.applicant(0), await makeImage({ seed: 71 }));
      passport = await upload(w.applicant(0));
      application = await apply(0, [photo.id, passport.id]);
      contract = await upload(w.member); // the account side's own personal file, sent in the conversation
      messageId = (await w.market.messages.send(w.member, application.id, { body: 'Please sign', attachments: [contract.id] })).id;
    });

    const opens = async (ctx: RequestContext, id: string) => {
      const details = await media.get(ctx, id);
      const file = await media.download(ctx, id);
      const bytes = await readAll(file.body!);
      expect(file.headers['cache-control']).toBe('private, no-cache');
      return { details, status: file.status, length: bytes.length };
    };
    const refused = async (ctx: RequestContext, id: string) => {
      expect(await errorOf(media.get(ctx, id))).toMatchObject({ kind: 'not_found', code: 'MEDIA_NOT_FOUND' });
      expect(await errorOf(media.download(ctx, id))).toMatchObject({ kind: 'not_found', code: 'MEDIA_NOT_FOUND' });
      expect(await errorOf(media.download(ctx, id, { variant: 'thumbnail' }))).toMatchObject({ kind: 'not_found' });
    };

    it('the listing’s account opens an application’s attachments: details, the file and its thumbnail', async () => {
      for (const ctx of [w.owner, w.member]) {
        expect(await opens(ctx, passport.id)).toMatchObject({ details: { id: passport.id, filename: 'passport.pdf' }, status: 200, length: passport.size });
        expect((await opens(ctx, photo.id)).status).toBe(200);
        const thumbnail = await media.download(ctx, photo.id, { variant: 'thumbnail' });
        expect(thumbnail.headers['content-type']).toBe('image/webp');
        await readAll(thumbnail.body!);
      }
      // Reading is all: the file is still the applicant's.
      expect(await errorOf(media.update(w.owner, passport.id, { title: 'Mine now' }))).toMatchObject({ kind: 'forbidden' });
      expect(await errorOf(media.trash(w.owner, passport.id))).toMatchObject({ kind: 'forbidden' });
      // The account's own library does not list or address it.
      expect(await errorOf(media.get(w.owner, passport.id, { kind: 'account', accountId: w.accountId }))).toMatchObject({ kind: 'not_found' });
    });

    it('both sides of the conversation open a message’s attachments', async () => {
      for (const ctx of [w.applicant(0), w.owner, w.member]) expect((await opens(ctx, contract.id)).status).toBe(200);
    });

    it('follows the permission that shows the application or the message', async () => {
      const applicationsOnly = ctxFor(w.tenantId, w.otherOwnerId, { permissions: permissionsOf([`account.applications.read@${w.accountId}`]) });
      const messagesOnly = ctxFor(w.tenantId, w.otherOwnerId, { permissions: permissionsOf([`account.messages.read@${w.accountId}`]) });
      expect((await opens(applicationsOnly, passport.id)).status).toBe(200);
      await refused(applicationsOnly, contract.id);
      expect((await opens(messagesOnly, contract.id)).status).toBe(200);
      await refused(messagesOnly, passport.id);
    });

    it('answers 404 to everybody else: other applicants, another account, moderators, the public, another tenant', async () => {
      const other = await createWorld(t.db, { applicants: 1 });
      const everythingElsewhere = ctxFor(other.tenantId, other.ownerId, { permissions: permissionsOf(['*']) });
      for (const ctx of [w.applicant(1), w.otherOwner, w.moderator, w.anonymous, everythingElsewhere]) {
        for (const file of [photo, passport, contract]) await refused(ctx, file.id);
      }
    });

    it('grants nothing through a deleted message or the applications of a deleted listing', async () => {
      await w.market.messages.remove(w.member, messageId);
      await refused(w.applicant(0), contract.id);
      expect((await opens(w.member, contract.id)).status).toBe(200); // still the sender's own file
      await w.market.listings.remove(w.owner, { listingId: application.listingId, accountId: w.accountId });
      await refused(w.owner, passport.id);
      await refused(w.member, photo.id);
      expect((await opens(w.applicant(0), passport.id)).status).toBe(200);
    });
  });
});

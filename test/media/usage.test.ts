import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/tenant-context';
import { describeDb } from '../helpers/db';
import { errorOf, makePdf } from './fixtures';
import { type MediaWorld, mediaWorld } from './world';

/**
 * usage_count / last_used_at are kept by the database from the references content
 * holds (content_media rows, contents.featured_image_id), and a file in use can be
 * neither trashed nor purged — also when both happen at the same time.
 */
describeDb('media usage counting', (t) => {
  let w: MediaWorld;
  let slug = 0;
  beforeAll(async () => {
    w = await mediaWorld(t.db, { label: 'usage' });
  });
  afterAll(async () => w.close());

  const run = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) => withTenant(t.db, w.owner, fn);
  const newFile = async () => (await w.upload(w.owner, makePdf(), { accountId: w.g.accountId })).file.id;
  const usage = async (id: string) =>
    (await t.db.query<{ usage_count: number; last_used_at: Date | null }>('select usage_count, last_used_at from media_files where id = $1', [id]))[0]!;
  const newContent = async (featured: string | null = null) => {
    slug += 1;
    const [row] = await t.db.query<{ id: string }>(
      `insert into contents (tenant_id, account_id, user_id, type, title, slug, featured_image_id)
       values ($1, $2, $3, 'ARTICLE', 'Usage', $4, $5) returning id`,
      [w.tenantId, w.g.accountId, w.g.userId, `usage-${slug}`, featured],
    );
    return row!.id;
  };
  const attach = (contentId: string, mediaId: string) =>
    run((tx) => tx.execute(sql`insert into content_media (tenant_id, content_id, media_id) values (${w.tenantId}, ${contentId}, ${mediaId})`));

  it('counts gallery references on insert, delete and move, and stamps last use', async () => {
    const [a, b] = [await newFile(), await newFile()];
    expect(await usage(a)).toEqual({ usage_count: 0, last_used_at: null });
    const c1 = await newContent();
    const c2 = await newContent();
    await attach(c1, a);
    await attach(c2, a);
    const used = await usage(a);
    expect(used.usage_count).toBe(2);
    expect(used.last_used_at).toBeInstanceOf(Date);

    await t.db.query('update content_media set media_id = $1 where content_id = $2', [b, c2]);
    expect((await usage(a)).usage_count).toBe(1);
    expect((await usage(b)).usage_count).toBe(1);
    await t.db.query('update content_media set position = 5 where content_id = $1', [c1]);
    expect((await usage(a)).usage_count).toBe(1);

    await t.db.query('delete from content_media where content_id = $1', [c1]);
    expect(await usage(a)).toEqual({ usage_count: 0, last_used_at: used.last_used_at });
  });

  it('counts featured images on insert, change, clear and delete, including cascades', async () => {
    const [a, b] = [await newFile(), await newFile()];
    const content = await newContent(a);
    expect((await usage(a)).usage_count).toBe(1);
    await t.db.query('update contents set featured_image_id = $1 where id = $2', [b, content]);
    expect([(await usage(a)).usage_count, (await usage(b)).usage_count]).toEqual([0, 1]);
    await t.db.query('update contents set title = $1 where id = $2', ['Renamed', content]);
    expect((await usage(b)).usage_count).toBe(1);
    await t.db.query('update contents set featured_image_id = null where id = $1', [content]);
    expect((await usage(b)).usage_count).toBe(0);

    await t.db.query('update contents set featured_image_id = $1 where id = $2', [a, content]);
    await attach(content, b);
    await attach(content, a);
    expect([(await usage(a)).usage_count, (await usage(b)).usage_count]).toEqual([2, 1]);
    await t.db.query('delete from contents where id = $1', [content]); // content_media rows cascade
    expect([(await usage(a)).usage_count, (await usage(b)).usage_count]).toEqual([0, 0]);
  });

  it('stays exact under parallel references and removals', async () => {
    const file = await newFile();
    const contents = await Promise.all(Array.from({ length: 16 }, () => newContent()));
    await Promise.all(
      contents.map((c, i) => (i % 2 ? attach(c, file) : run((tx) => tx.execute(sql`update contents set featured_image_id = ${file} where id = ${c}`)))),
    );
    expect((await usage(file)).usage_count).toBe(16);
    await Promise.all(
      contents.map((c, i) =>
        i % 2
          ? run((tx) => tx.execute(sql`delete from content_media where content_id = ${c}`))
          : run((tx) => tx.execute(sql`update contents set featured_image_id = null where id = ${c}`)),
      ),
    );
    expect((await usage(file)).usage_count).toBe(0);
  });

  it('refuses to trash or purge a file in use (409 MEDIA_IN_USE), and allows it once unused', async () => {
    const file = await newFile();
    const content = await newContent(file);
    expect(await errorOf(w.media.trash(w.owner, file))).toMatchObject({ kind: 'conflict', code: 'MEDIA_IN_USE' });
    expect(await errorOf(w.media.purge(w.owner, file))).toMatchObject({ kind: 'conflict', code: 'MEDIA_IN_USE' });
    expect((await w.media.get(w.owner, file)).deletedAt).toBeNull();
    await t.db.query('update contents set featured_image_id = null where id = $1', [content]);
    expect((await w.media.trash(w.owner, file)).deletedAt).not.toBeNull();
    await w.media.purge(w.owner, file);
    expect(await t.db.query('select 1 from media_files where id = $1', [file])).toHaveLength(0);
  });

  it('refuses new references to a file in the trash', async () => {
    const file = await newFile();
    await w.media.trash(w.owner, file);
    const content = await newContent();
    expect(await errorOf(attach(content, file))).toMatchObject({ kind: 'unprocessable', code: 'MEDIA_IN_TRASH' });
    expect(await errorOf(run((tx) => tx.execute(sql`update contents set featured_image_id = ${file} where id = ${content}`)))).toMatchObject({
      code: 'MEDIA_IN_TRASH',
    });
    expect((await usage(file)).usage_count).toBe(0);
  });

  it('never lets a file be trashed while a reference to it is added at the same moment', async () => {
    for (let round = 0; round < 6; round++) {
      const file = await newFile();
      const content = await newContent();
      const [trashed, attached] = await Promise.allSettled([w.media.trash(w.owner, file), attach(content, file)]);
      const outcome = (
        await t.db.query<{ usage_count: number; deleted: boolean }>('select usage_count, deleted_at is not null as deleted from media_files where id = $1', [
          file,
        ])
      )[0]!;
      expect([trashed.status, attached.status].sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcome.deleted && outcome.usage_count > 0).toBe(false);
      expect(outcome).toEqual(trashed.status === 'fulfilled' ? { usage_count: 0, deleted: true } : { usage_count: 1, deleted: false });
    }
  });

  it('keeps the bytes of a stored file immutable', async () => {
    const file = await newFile();
    for (const change of [sql`size = size + 1`, sql`content_hash = ${'0'.repeat(64)}`, sql`mimetype = 'image/png'`, sql`storage_key = 'elsewhere'`]) {
      expect(await errorOf(run((tx) => tx.execute(sql`update media_files set ${change} where id = ${file}`)))).toMatchObject({ code: 'MEDIA_IMMUTABLE' });
    }
  });

  describe('the usage of an owner follows its files', () => {
    it('adds on insert, subtracts on purge, and moves with the owner', async () => {
      const account = await w.newAccount();
      const ctx = w.inAccount(account, ['account.media.*']);
      const used = () => w.media.storageUsage(ctx, { kind: 'account', accountId: account });
      const { file } = await w.upload(ctx, makePdf(), { accountId: account });
      expect(await used()).toMatchObject({ bytes: file.size, files: 1 });
      await w.media.trash(ctx, file.id);
      expect(await used()).toMatchObject({ bytes: file.size, files: 1 }); // the trash still occupies storage
      await t.db.query('update media_files set account_id = null where id = $1', [file.id]);
      expect(await used()).toMatchObject({ bytes: 0, files: 0 });
      await t.db.query('update media_files set account_id = $1 where id = $2', [account, file.id]);
      await w.media.purge(ctx, file.id);
      expect(await used()).toMatchObject({ bytes: 0, files: 0 });
    });
  });
});

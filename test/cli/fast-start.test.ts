import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/app/setup';
import { openRuntime } from '../../src/cli/kit/runtime';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/client';
import { loadMigrations, pendingMigrations } from '../../src/db/migrate';
import { buildPgliteTemplate, readPgliteTemplate, templatePath, unpackPgliteTemplate } from '../../src/db/pglite-template';
import { grantableNames, rbacFingerprint } from '../../src/modules/access';
import { describeDb } from '../helpers/db';

describe('fast first start: the migrated PGlite template', () => {
  it('opens an empty data directory from the template as a complete, migrated database', async () => {
    if (!existsSync(templatePath())) await buildPgliteTemplate((db) => prepareDatabase(db, { platformTenant: 'platform' }), { catalog: rbacFingerprint() });
    expect(readPgliteTemplate()).toBeInstanceOf(Blob);
    const dataDir = mkdtempSync(join(tmpdir(), 'mono-fast-'));
    try {
      const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir }));
      try {
        expect(existsSync(join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
        expect(readdirSync(dataDir)).not.toContain('pgdata.unpacking'); // unpacked beside it, then renamed into place
        expect(rt.template).toBeDefined();
        const pending = await pendingMigrations(rt.db);
        // A template from an older checkout is only missing the newest migrations; none is lost.
        expect(loadMigrations().map((m) => m.name)).toEqual(expect.arrayContaining(pending));
        await prepareDatabase(rt.db, { platformTenant: 'platform', template: rt.template });
        expect(await pendingMigrations(rt.db)).toEqual([]);
        const [row] = await rt.db.query<{ n: number }>("select count(*)::int as n from permissions where name = 'tenant.users.read'");
        expect(row!.n).toBe(1);
      } finally {
        await rt.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  describe('a template built here (its WAL, its recorded facts)', () => {
    let dir: string;
    let tarball: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mono-template-'));
      tarball = await buildPgliteTemplate(
        (db) => prepareDatabase(db, { platformTenant: 'platform' }),
        { catalog: rbacFingerprint() },
        join(dir, 'template.tar.gz'),
      );
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** The permissions table as name → description. */
    const permissions = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
      new Map((await db.query<{ name: string; description: string }>('select name, description from permissions')).map((r) => [r.name, r.description]));

    it('holds one WAL segment, not the migrations’ WAL, and a copy opens migrated with the whole catalog', async () => {
      const copy = join(dir, 'copy');
      const facts = unpackPgliteTemplate(copy, tarball);
      expect(facts).toEqual({ catalog: rbacFingerprint() });
      const segments = readdirSync(join(copy, 'pg_wal')).filter((name) => /^[0-9A-F]{24}$/.test(name));
      expect(segments).toHaveLength(1);
      // written with holes for its zero pages, it still reads as a whole segment
      expect(statSync(join(copy, 'pg_wal', segments[0]!)).size).toBe(16 * 1024 * 1024);
      const db = await openDatabase({ dataDir: copy });
      try {
        expect(await pendingMigrations(db)).toEqual([]);
        const result = await prepareDatabase(db, { platformTenant: 'platform', template: facts });
        expect(result.rbacSynced).toBe(false); // the template was synced with this catalog
        expect(result.applied).toEqual([]);
        expect(await permissions(db)).toEqual(grantableNames());
        expect(await db.query('select 1 from tenants')).toEqual([]); // no tenant, so no tenant's roles to sync
      } finally {
        await db.close();
      }
    }, 60_000);

    it('syncs the catalog when the template was synced with another one', async () => {
      const copy = join(dir, 'other-catalog');
      unpackPgliteTemplate(copy, tarball);
      const db = await openDatabase({ dataDir: copy });
      try {
        await db.exec(`update permissions set description = 'stale' where name = 'tenant.users.read'`);
        const result = await prepareDatabase(db, { platformTenant: 'platform', template: { catalog: 'another catalog' } });
        expect(result.rbacSynced).toBe(true);
        expect(await permissions(db)).toEqual(grantableNames());
      } finally {
        await db.close();
      }
    }, 60_000);

    it('trusts no record that describes another tarball (a build replaced one of the two)', () => {
      const record = `${tarball}.json`;
      const saved = readFileSync(record, 'utf8');
      try {
        writeFileSync(record, JSON.stringify({ ...JSON.parse(saved), tarball: 'f'.repeat(64) }));
        expect(unpackPgliteTemplate(join(dir, 'mismatch'), tarball)).toEqual({});
        rmSync(record);
        expect(unpackPgliteTemplate(join(dir, 'no-record'), tarball)).toEqual({});
      } finally {
        writeFileSync(record, saved);
      }
    });
  });
});

describeDb('prepareDatabase without a template', (t) => {
  it('syncs the permission catalog as it always did', async () => {
    const result = await prepareDatabase(t.db, { platformTenant: 'platform' });
    expect(result.rbacSynced).toBe(true);
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from permissions');
    expect(row!.n).toBe(grantableNames().size);
  });
});

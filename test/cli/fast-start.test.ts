import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/app/setup';
import { openRuntime } from '../../src/cli/kit/runtime';
import { loadConfig } from '../../src/config';
import { loadMigrations, pendingMigrations } from '../../src/db/migrate';
import { buildPgliteTemplate, readPgliteTemplate, templatePath } from '../../src/db/pglite-template';

describe('fast first start: the migrated PGlite template', () => {
  it('opens an empty data directory from the template as a complete, migrated database', async () => {
    if (!existsSync(templatePath())) await buildPgliteTemplate((db) => prepareDatabase(db, { platformTenant: 'platform' }));
    expect(readPgliteTemplate()).toBeInstanceOf(Blob);
    const dataDir = mkdtempSync(join(tmpdir(), 'mono-fast-'));
    try {
      const rt = await openRuntime(loadConfig({ DATA_DIR: dataDir }));
      try {
        expect(existsSync(join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
        expect(readdirSync(dataDir)).not.toContain('pgdata.unpacking'); // unpacked beside it, then renamed into place
        const pending = await pendingMigrations(rt.db);
        // A template from an older checkout is only missing the newest migrations; none is lost.
        expect(loadMigrations().map((m) => m.name)).toEqual(expect.arrayContaining(pending));
        await prepareDatabase(rt.db, { platformTenant: 'platform' });
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
});

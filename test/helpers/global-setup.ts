import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../src/app/setup';
import { openDatabase } from '../../src/db/client';
import { loadDefinitions, loadMigrations } from '../../src/db/migrate';
import { TEST_AUDIT_KEY } from './audit-key';
import { adminUrl, databaseUrl } from './server-url';

/**
 * Migrates once per test run, then every test file clones the result:
 * - PGlite: the migrated data directory is dumped to a file that each file loads;
 * - PostgreSQL (TEST_DATABASE_URL): a template database that each file copies with
 *   CREATE DATABASE … TEMPLATE (milliseconds instead of running migrations again).
 * The template is keyed by the migrations' checksums, so a changed migration rebuilds it.
 */
export default async function setup(project: TestProject) {
  // Everything prepareDatabase() writes: the SQL migrations and the RBAC catalog in code.
  const fingerprint = createHash('sha256')
    .update([...loadMigrations(), ...loadDefinitions()].map((m) => m.checksum).join(''))
    .update(readFileSync(new URL('../../src/modules/access/catalog.ts', import.meta.url)))
    .update(readFileSync(new URL('../../src/modules/access/sync.ts', import.meta.url)))
    .update(readFileSync(new URL('../../src/modules/access/sync-repository.ts', import.meta.url)))
    .digest('hex')
    .slice(0, 12);

  const dir = join(tmpdir(), 'mono-test');
  mkdirSync(dir, { recursive: true });
  const dumpPath = join(dir, `pglite-${fingerprint}-${process.pid}.tar.gz`);
  const pglite = await openDatabase({ auditKey: TEST_AUDIT_KEY });
  await prepareDatabase(pglite, { platformTenant: 'platform' });
  const dump = await pglite.dumpDataDir!();
  await pglite.close();
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', dumpPath);
  const cleanup = () => rmSync(dumpPath, { force: true });

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `mono_tpl_${fingerprint}`;
    const admin = await openDatabase({ url: adminUrl(serverUrl), poolSize: 1 });
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.length === 0) {
      const building = `${template}_building_${process.pid}`;
      await admin.exec(`drop database if exists ${building}`);
      await admin.exec(`create database ${building}`);
      const db = await openDatabase({ url: databaseUrl(serverUrl, building), poolSize: 1, auditKey: TEST_AUDIT_KEY });
      await prepareDatabase(db, { platformTenant: 'platform' });
      await db.close();
      await admin.exec(`alter database ${building} rename to ${template}`).catch(async (error) => {
        // another run built it meanwhile
        await admin.exec(`drop database if exists ${building}`);
        if (!/already exists/.test(String(error))) throw error;
      });
    }
    await admin.close();
    project.provide('serverTemplate', template);
  } else {
    project.provide('serverTemplate', '');
  }
  return cleanup;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    serverTemplate: string;
  }
}

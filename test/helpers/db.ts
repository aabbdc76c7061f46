import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, type Engine, openDatabase, type StatementObserver } from '../../src/db/client';
import { TEST_AUDIT_KEY } from './audit-key';
import { adminUrl, databaseUrl } from './server-url';

/**
 * Every database test runs on each engine: PGlite always, the PostgreSQL server too
 * when TEST_DATABASE_URL is set. Each test file gets a fresh copy of the migrated
 * template (see global-setup.ts).
 */
export function testEngines(): Engine[] {
  return inject('serverTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Connection string of the copy (postgres engine only): for extra processes/pools. */
  readonly url?: string;
}

export async function openTestDatabase(engine: Engine, options: { poolSize?: number; observe?: StatementObserver } = {}): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ loadDataDir: new Blob([dump]), observe: options.observe, auditKey: TEST_AUDIT_KEY });
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `mono_t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url: adminUrl(serverUrl), poolSize: 1 });
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.exec(`create database ${name} template ${inject('serverTemplate')}`);
      break;
    } catch (error) {
      // "source database is being accessed by other users": another file is copying it.
      if (attempt >= 20 || !/being accessed/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  const url = databaseUrl(serverUrl, name);
  const db = await openDatabase({ url, poolSize: options.poolSize ?? 20, observe: options.observe, auditKey: TEST_AUDIT_KEY });
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

export interface DbFixture {
  db: TestDatabase;
  engine: Engine;
}

/**
 * describe() once per engine with a fresh database for the block:
 *   describeDb('bookings', (t) => { it('…', async () => { await t.db.query(…) }) })
 */
export function describeDb(name: string, body: (fixture: DbFixture) => void, options: { poolSize?: number } = {}): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      const fixture = { engine } as DbFixture;
      beforeAll(async () => {
        fixture.db = await openTestDatabase(engine, options);
      }, 60_000);
      afterAll(async () => {
        await fixture.db?.close();
      });
      body(fixture);
    });
  }
}

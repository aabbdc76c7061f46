import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { CliIO } from '../../src/cli/kit/io';
import { runCli } from '../../src/cli/program';
import { type Engine, openDatabase } from '../../src/db/client';
import { TEST_AUDIT_KEY, TEST_AUDIT_KEY_BASE64 } from './audit-key';
import { openTestDatabase, type TestDatabase, testEngines } from './db';
import { adminUrl, databaseUrl } from './server-url';

export interface CliResult {
  code: number;
  out: string[];
  err: string[];
  /** stdout and stderr, one string, for toContain/toMatch. */
  text: string;
}

/** A CliIO that keeps what a command prints. */
export function captureIO(): CliIO & { out: (line: string) => void; lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, out: (line) => lines.out.push(line), err: (line) => lines.err.push(line), isTTY: false };
}

export interface CliFixture {
  engine: Engine;
  /** The database the CLI works on, for setting up and checking (reopened after each cli() on PGlite). */
  db: TestDatabase;
  /** Where a PGlite database lives (DATA_DIR); undefined on a server. */
  dataDir?: string;
  /** The environment the CLI gets: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  /** Runs `mono <argv>` in-process against this database and captures its output. */
  cli(argv: string[], env?: Record<string, string>): Promise<CliResult>;
}

/** A new, empty database on the test server (no migrations), dropped on close. */
async function openEmptyServerDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `mono_e_${Math.random().toString(16).slice(2, 14)}`;
  const admin = await openDatabase({ url: adminUrl(serverUrl), poolSize: 1 });
  await admin.exec(`create database ${name}`);
  const url = databaseUrl(serverUrl, name);
  const db = await openDatabase({ url, poolSize: 10, auditKey: TEST_AUDIT_KEY });
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

/**
 * describe() once per engine with a fresh migrated database (or, with `empty`, one
 * without any migration) that `mono` commands can open like they would in production:
 * a PostgreSQL server database by URL, or a PGlite data directory on disk. PGlite is single-process, so cli() closes the test's handle
 * while the command runs and reopens it afterwards.
 */
export function describeCli(name: string, body: (fixture: CliFixture) => void, options: { empty?: boolean } = {}): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      const fixture = { engine, env: {} } as CliFixture;
      beforeAll(async () => {
        if (engine === 'postgres') {
          fixture.db = options.empty ? await openEmptyServerDatabase() : await openTestDatabase('postgres');
          fixture.env = { DATABASE_URL: fixture.db.url!, AUDIT_KEY: TEST_AUDIT_KEY_BASE64 };
        } else {
          fixture.dataDir = mkdtempSync(join(tmpdir(), 'mono-cli-'));
          fixture.env = { DATA_DIR: fixture.dataDir, AUDIT_KEY: TEST_AUDIT_KEY_BASE64 };
          fixture.db = await openDatabase({
            dataDir: join(fixture.dataDir, 'pgdata'),
            loadDataDir: options.empty ? undefined : new Blob([readFileSync(inject('pgliteTemplate'))]),
            auditKey: TEST_AUDIT_KEY,
          });
        }
      }, 60_000);
      afterAll(async () => {
        await fixture.db?.close();
        if (fixture.dataDir) rmSync(fixture.dataDir, { recursive: true, force: true });
      });
      fixture.cli = async (argv, env = {}) => {
        const io = captureIO();
        if (engine === 'pglite') await fixture.db.close();
        try {
          const code = await runCli(argv, io, { ...fixture.env, ...env });
          return { code, out: io.lines.out, err: io.lines.err, text: [...io.lines.out, ...io.lines.err].join('\n') };
        } finally {
          if (engine === 'pglite') fixture.db = await openDatabase({ dataDir: join(fixture.dataDir!, 'pgdata'), auditKey: TEST_AUDIT_KEY });
        }
      };
      body(fixture);
    });
  }
}

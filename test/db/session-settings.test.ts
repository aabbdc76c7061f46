import { describe, expect, it } from 'vitest';
import { auditKeySetting, openDatabase } from '../../src/db/client';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { openTestDatabase } from '../helpers/db';

/**
 * What every pooled server session starts with (db/client.ts sessionOptions): JIT off —
 * compiling a costly-looking search plan took longer than running it — and the audit key.
 * PGlite has no JIT and sets the key with a statement when it opens.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  `db: server session settings [postgres]${process.env.TEST_DATABASE_URL ? '' : ' (skipped: needs TEST_DATABASE_URL)'}`,
  () => {
    it('starts every pooled session with jit off and the audit key, on every connection of the pool', async () => {
      const copy = await openTestDatabase('postgres');
      const db = await openDatabase({ url: copy.url, poolSize: 3, auditKey: TEST_AUDIT_KEY });
      try {
        // Three at once, so that three connections answer.
        const rows = (
          await Promise.all(
            [1, 2, 3].map(() =>
              db.query<{ jit: string; key: string; pid: number }>(
                "select current_setting('jit') as jit, current_setting('mono.audit_key') as key, pg_backend_pid() as pid from pg_sleep(0.1)",
              ),
            ),
          )
        ).map(([row]) => row!);
        expect(new Set(rows.map((r) => r.pid)).size).toBe(3);
        for (const row of rows) expect(row).toMatchObject({ jit: 'off', key: auditKeySetting(TEST_AUDIT_KEY) });
      } finally {
        await db.close();
        await copy.close();
      }
    }, 30_000);
  },
);

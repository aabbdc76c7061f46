import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { openDatabase } from '../../src/db/client';
import { translateDbError } from '../../src/db/errors';
import { openTestDatabase } from '../helpers/db';

/**
 * Bounded waiting on a PostgreSQL server: a statement past the statement timeout and a
 * wait for a pooled connection past the acquire timeout both end in a coded 503 — they do
 * not hang. (PGlite has neither: one in-process connection, no statement timeout.)
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  `faults: bounded waiting [postgres]${process.env.TEST_DATABASE_URL ? '' : ' (skipped: needs TEST_DATABASE_URL)'}`,
  () => {
    const failureOf = async (work: Promise<unknown>) => {
      try {
        await work;
      } catch (error) {
        return translateDbError(error) as AppError;
      }
      throw new Error('expected a failure');
    };

    it('cancels a statement past DB_STATEMENT_TIMEOUT_MS: 503 QUERY_TIMEOUT with Retry-After', async () => {
      const copy = await openTestDatabase('postgres');
      const db = await openDatabase({ url: copy.url, poolSize: 2, statementTimeoutMs: 200, acquireTimeoutMs: 1000 });
      try {
        const started = Date.now();
        const error = await failureOf(db.query('select pg_sleep(5)'));
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: 'QUERY_TIMEOUT', kind: 'unavailable' });
        expect(error.retryAfter).toBeGreaterThan(0);
        expect(Date.now() - started).toBeLessThan(3000);
        // The session is usable afterwards, and the database was not declared away.
        expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
        expect(db.availability.available).toBe(true);
      } finally {
        await db.close();
        await copy.close();
      }
    }, 30_000);

    it('gives up waiting for a pooled connection after DB_ACQUIRE_TIMEOUT_MS: 503 DATABASE_UNAVAILABLE', async () => {
      const copy = await openTestDatabase('postgres');
      const db = await openDatabase({ url: copy.url, poolSize: 1, acquireTimeoutMs: 300 });
      try {
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        // The only connection is busy for as long as we like.
        const holder = db.withSession(async () => held);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const started = Date.now();
        const error = await failureOf(db.query('select 1'));
        expect(error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', kind: 'unavailable' });
        expect(error.retryAfter).toBeGreaterThan(0);
        expect(Date.now() - started).toBeLessThan(2000);
        release();
        await holder;
        expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
        // A saturated pool is not an outage of the database.
        expect(db.availability.available).toBe(true);
      } finally {
        await db.close();
        await copy.close();
      }
    }, 30_000);
  },
);

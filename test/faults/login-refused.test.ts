import { describe, expect, it } from 'vitest';
import { toProblem } from '../../src/app/problem';
import { AppError } from '../../src/core/errors';
import { openDatabase } from '../../src/db/client';
import { isUnavailableError, loginRefusedSentence, translateDbError } from '../../src/db/errors';
import { openTestDatabase } from '../helpers/db';

/**
 * A login the database refuses is a configuration error, not an outage (docs/citus.md,
 * open item 8): 500 DATABASE_LOGIN_REFUSED, the database not declared away, and one
 * sentence for the operator that quotes the refusal.
 */

/** What a Citus 13.2 coordinator answered on the cluster (2026-12-08) before mono_platform could log in on the workers. */
const relayed = Object.assign(new Error('x'), {
  code: '08006',
  message:
    'connection to the remote node mono_platform@127.0.0.1:9701 failed with the following error: FATAL:  role "mono_platform" is not permitted to log in',
});

describe('a refused login', () => {
  it('relayed by a Citus coordinator: DATABASE_LOGIN_REFUSED, not DATABASE_UNAVAILABLE', () => {
    expect(isUnavailableError(relayed)).toBe(false);
    expect(translateDbError(relayed)).toMatchObject({ code: 'DATABASE_LOGIN_REFUSED', kind: 'internal' });
    const { problem, internal, retryAfter } = toProblem(relayed, 'r1');
    expect(problem).toMatchObject({ status: 500, code: 'DATABASE_LOGIN_REFUSED' });
    expect(problem.detail).not.toContain('mono_platform'); // the client is not told the cluster's roles and hosts
    expect(internal).toBe(true);
    expect(retryAfter).toBeUndefined();
    expect(loginRefusedSentence(relayed)).toBe(
      'the database refused a login — a configuration error, not an outage: connection to the remote node mono_platform@127.0.0.1:9701 failed with the following error: FATAL: role "mono_platform" is not permitted to log in (the roles mono_app and mono_platform must be able to log in on every Citus node: docs/citus.md, "Credentials")',
    );
  });

  it('a worker that is down stays an outage', () => {
    const down = Object.assign(new Error('x'), {
      code: '08006',
      message: 'connection to the remote node mono_app@127.0.0.1:9701 failed with the following error: Connection refused',
    });
    expect(isUnavailableError(down)).toBe(true);
    expect(translateDbError(down)).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(loginRefusedSentence(down)).toBeUndefined();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  `a refused login on a server [postgres]${process.env.TEST_DATABASE_URL ? '' : ' (skipped: needs TEST_DATABASE_URL)'}`,
  () => {
    it('a role without LOGIN: DATABASE_LOGIN_REFUSED, the database not declared away', async () => {
      const copy = await openTestDatabase('postgres');
      const role = `nologin_${Math.random().toString(36).slice(2, 10)}`;
      await copy.query(`create role ${role} nologin`);
      const url = new URL(copy.url!);
      url.username = role;
      const db = await openDatabase({ url: url.toString(), poolSize: 1 });
      try {
        const error = await db.query('select 1').then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isUnavailableError(error)).toBe(false);
        const translated = translateDbError(error) as AppError;
        expect(translated).toBeInstanceOf(AppError);
        expect(translated.code).toBe('DATABASE_LOGIN_REFUSED');
        expect(loginRefusedSentence(translated)).toMatch(
          new RegExp(`role "${role}" is not permitted to log in \\(check the user and password in DATABASE_URL`),
        );
        expect(db.availability.available).toBe(true);
      } finally {
        await db.close();
        await copy.query(`drop role ${role}`);
        await copy.close();
      }
    });
  },
);

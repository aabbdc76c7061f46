import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { describeConstraints, translateDbError } from './errors';

const pgError = (code: string, extra: Record<string, string> = {}) => Object.assign(new Error(extra.message ?? 'db error'), { code, ...extra });

describe('translateDbError', () => {
  it('uses the registered description of a constraint', () => {
    describeConstraints({ test_slot: { code: 'SLOT_TAKEN', message: 'That slot is taken', field: 'startTime' } });
    const error = translateDbError(pgError('23P01', { constraint: 'test_slot' })) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'SLOT_TAKEN',
      message: 'That slot is taken',
      errors: [{ path: 'startTime', message: 'That slot is taken' }],
    });
  });

  it('finds the PostgreSQL error inside a Drizzle wrapper', () => {
    const wrapped = Object.assign(new Error('Failed query: …'), { cause: pgError('23505', { table: 'accounts' }) });
    expect(translateDbError(wrapped)).toMatchObject({ kind: 'conflict', code: 'ALREADY_EXISTS' });
  });

  it.each([
    ['23503', { message: 'insert or update on table "listings" violates foreign key constraint' }, 'unprocessable', 'REFERENCE_NOT_FOUND'],
    [
      '23503',
      { message: 'update or delete on table "media_files" violates foreign key constraint', detail: 'Key is still referenced from table "contents".' },
      'conflict',
      'IN_USE',
    ],
    ['23514', { constraint: 'x' }, 'validation', 'VALIDATION_FAILED'],
    ['23502', { column: 'title' }, 'validation', 'VALIDATION_FAILED'],
    ['22P02', {}, 'validation', 'VALIDATION_FAILED'],
    ['42501', {}, 'forbidden', 'FORBIDDEN'],
    ['40001', {}, 'conflict', 'CONCURRENT_UPDATE'],
    ['57014', {}, 'unavailable', 'QUERY_TIMEOUT'],
  ] as const)('maps %s to %s', (code, extra, kind, appCode) => {
    expect(translateDbError(pgError(code, extra))).toMatchObject({ kind, code: appCode });
  });

  it('passes other errors through unchanged', () => {
    const plain = new TypeError('boom');
    expect(translateDbError(plain)).toBe(plain);
  });
});

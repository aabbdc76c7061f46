import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import { isUnavailableError, translateDbError, violatedConstraint } from './errors';

const pgError = (code: string, extra: Record<string, string> = {}) => Object.assign(new Error(extra.message ?? 'db error'), { code, ...extra });

describe('translateDbError', () => {
  it('uses the table entry of a named constraint, without revealing the name', () => {
    const error = translateDbError(pgError('23P01', { constraint: 'bookings_no_overlap' })) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'BOOKING_SLOT_TAKEN', errors: [{ path: 'start' }] });
    expect(error.extra).toBeUndefined();
    expect(violatedConstraint(error)).toBe('bookings_no_overlap');
  });

  it('recognises a constraint behind the shard suffix Citus adds', () => {
    const error = translateDbError(pgError('23P01', { constraint: 'bookings_no_overlap_102008', table: 'bookings_102008' })) as AppError;
    expect(error.code).toBe('BOOKING_SLOT_TAKEN');
    expect(violatedConstraint(error)).toBe('bookings_no_overlap');
    const unnamed = translateDbError(pgError('23505', { constraint: 'listings_x_key_102040', table: 'listings_102040' })) as AppError;
    expect(unnamed.message).toBe('A listing with these values already exists');
  });

  it('finds the PostgreSQL error inside a Drizzle wrapper', () => {
    const wrapped = Object.assign(new Error('Failed query: …'), { cause: pgError('23505', { table: 'accounts' }) });
    expect(translateDbError(wrapped)).toMatchObject({ kind: 'conflict', code: 'ALREADY_EXISTS' });
  });

  it.each([
    ['23503', { message: 'insert or update on table "listings" violates foreign key constraint' }, 'unprocessable', 'UNKNOWN_REFERENCE'],
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
    const error = translateDbError(pgError(code, extra)) as AppError;
    expect(error).toMatchObject({ kind, code: appCode });
    expect(error.message).not.toMatch(/\bx\b/);
  });

  it('passes other errors through unchanged', () => {
    const plain = new TypeError('boom');
    expect(translateDbError(plain)).toBe(plain);
  });

  it.each([
    ['server shutting down', pgError('57P01')],
    ['crash shutdown', pgError('57P02')],
    ['starting up', pgError('57P03')],
    ['connection exception', pgError('08006')],
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['refused on ::1 and 127.0.0.1', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {})],
    ['reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['pool acquire timeout', new Error('timeout exceeded when trying to connect')],
    ['inside a Drizzle wrapper', Object.assign(new Error('Failed query: select 1'), { cause: pgError('57P01') })],
  ])('maps an unreachable database (%s) to 503 DATABASE_UNAVAILABLE with Retry-After', (_, thrown) => {
    expect(isUnavailableError(thrown)).toBe(true);
    const error = translateDbError(thrown) as AppError;
    expect(error).toMatchObject({ kind: 'unavailable', code: 'DATABASE_UNAVAILABLE' });
    expect(error.retryAfter).toBeGreaterThan(0);
  });

  it('does not take a refused statement or a bug for an outage', () => {
    expect(isUnavailableError(pgError('23505'))).toBe(false);
    expect(isUnavailableError(pgError('57014'))).toBe(false);
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
  });
});

import { AppError, type ErrorCode } from '../core/errors';
import { constraintError } from './constraint-errors';

/**
 * PostgreSQL refusals → domain errors, in one place.
 *
 * The database enforces the invariants (unique keys, exclusion, checks, references);
 * this module gives each refusal a stable code and a sentence a person understands —
 * named constraints from the explicit table in ./constraint-errors.ts, the rest by
 * SQLSTATE. Constraint names never reach a client (they would describe the schema).
 */
interface PgErrorLike {
  code: string;
  message: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
}

export function isPgError(error: unknown): error is PgErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
  );
}

const humanTable = (table?: string) => (table ? table.replace(/_\d+$/, '').replace(/_/g, ' ').replace(/s$/, '') : 'record');

/** The PostgreSQL error inside a driver or Drizzle wrapper (DrizzleQueryError keeps it as `cause`). */
export function findPgError(error: unknown): PgErrorLike | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isPgError(e)) return e;
  }
  return undefined;
}

/**
 * The name of the constraint behind a translated database error (an AppError made by
 * translateDbError), for code that tells apart two refusals with one code (e.g. which
 * slug was taken). Internal: never part of a problem document.
 */
export function violatedConstraint(error: AppError): string | undefined {
  return (error.cause as PgErrorLike | undefined)?.constraint?.replace(/_\d+$/, '');
}

/** Translates a PostgreSQL error; anything else passes through unchanged. */
export function translateDbError(thrown: unknown): unknown {
  if (thrown instanceof AppError) return thrown;
  const error = findPgError(thrown);
  if (!error) return thrown;
  const make = (code: ErrorCode, message?: string, field?: string) =>
    new AppError(code, message, { cause: error, errors: field ? [{ path: field, message: message ?? 'is not valid' }] : undefined });
  const described = constraintError(error.constraint);
  if (described) return make(described.code, described.message, described.field);
  switch (error.code) {
    case '23505':
      return make('ALREADY_EXISTS', `A ${humanTable(error.table)} with these values already exists`);
    case '23P01':
      return make('CONFLICTING_RECORD', `This ${humanTable(error.table)} conflicts with an existing one`);
    case '23503':
      return /still referenced/.test(error.detail ?? '') || /update or delete/.test(error.message)
        ? make('IN_USE', `This ${humanTable(error.table)} is still in use and cannot be removed`)
        : make('UNKNOWN_REFERENCE', `A record the ${humanTable(error.table)} refers to does not exist`);
    case '23514':
      return make('VALIDATION_FAILED', `The ${humanTable(error.table)} breaks one of its rules`);
    case '23502':
      return make('VALIDATION_FAILED', `${error.column ?? 'A field'} is required`, error.column);
    case '22001':
      return make('VALIDATION_FAILED', 'A value is too long');
    case '22003':
      return make('VALIDATION_FAILED', 'A number is out of range');
    case '22007':
    case '22008':
      return make('VALIDATION_FAILED', 'A date or time is not valid');
    case '22P02':
      return make('VALIDATION_FAILED', 'A value has the wrong format');
    case '22023':
      return make('VALIDATION_FAILED', error.message);
    case '42501':
      return make('FORBIDDEN', 'This change is not allowed');
    case '40001':
    case '40P01':
      return make('CONCURRENT_UPDATE');
    case '55P03':
      return make('LOCKED');
    case '57014':
      return new AppError('QUERY_TIMEOUT', undefined, { cause: error, retryAfter: 1 });
    default:
      return error;
  }
}

/** Serialization failures and deadlocks: the whole transaction may simply be re-run. */
export function isRetryable(error: unknown): boolean {
  const pgError = findPgError(error);
  return pgError !== undefined && (pgError.code === '40001' || pgError.code === '40P01');
}

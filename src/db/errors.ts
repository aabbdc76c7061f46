import { AppError, type ErrorKind } from '../core/errors';

/**
 * PostgreSQL refusals → domain errors, in one place.
 *
 * The database enforces the invariants (unique keys, exclusion, checks, references);
 * this module gives each refusal a stable code and a sentence a person understands.
 * Modules register messages for their own constraints with `describeConstraints`.
 */
export interface ConstraintDescription {
  kind?: ErrorKind;
  code: string;
  message: string;
  /** The input field the constraint is about, for the problem's `errors` list. */
  field?: string;
}

const constraints = new Map<string, ConstraintDescription>();

export function describeConstraints(descriptions: Record<string, ConstraintDescription>): void {
  for (const [name, description] of Object.entries(descriptions)) constraints.set(name, description);
}

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

const humanTable = (table?: string) => (table ? table.replace(/_/g, ' ').replace(/s$/, '') : 'record');

/** The PostgreSQL error inside a driver or Drizzle wrapper (DrizzleQueryError keeps it as `cause`). */
export function findPgError(error: unknown): PgErrorLike | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isPgError(e)) return e;
  }
  return undefined;
}

/** Translates a PostgreSQL error; anything else passes through unchanged. */
export function translateDbError(thrown: unknown): unknown {
  if (thrown instanceof AppError) return thrown;
  const error = findPgError(thrown);
  if (!error) return thrown;
  const described = error.constraint ? constraints.get(error.constraint) : undefined;
  const make = (kind: ErrorKind, code: string, message: string, field?: string) =>
    new AppError(kind, code, message, {
      cause: error,
      errors: field ? [{ path: field, message }] : undefined,
      extra: error.constraint ? { constraint: error.constraint } : undefined,
    });
  if (described) {
    const defaultKind: ErrorKind = error.code === '23505' || error.code === '23P01' ? 'conflict' : error.code === '23503' ? 'unprocessable' : 'validation';
    return make(described.kind ?? defaultKind, described.code, described.message, described.field);
  }
  switch (error.code) {
    case '23505':
      return make('conflict', 'ALREADY_EXISTS', `A ${humanTable(error.table)} with these values already exists`);
    case '23P01':
      return make('conflict', 'CONFLICTING_RECORD', `This ${humanTable(error.table)} conflicts with an existing one`);
    case '23503':
      return /still referenced/.test(error.detail ?? '') || /update or delete/.test(error.message)
        ? make('conflict', 'IN_USE', `This ${humanTable(error.table)} is still in use and cannot be removed`)
        : make('unprocessable', 'REFERENCE_NOT_FOUND', `A referenced record does not exist (${error.constraint ?? 'reference'})`);
    case '23514':
      return make('validation', 'VALIDATION_FAILED', `The ${humanTable(error.table)} breaks the rule ${error.constraint ?? 'check'}`);
    case '23502':
      return make('validation', 'VALIDATION_FAILED', `${error.column ?? 'A field'} is required`, error.column);
    case '22001':
      return make('validation', 'VALIDATION_FAILED', 'A value is too long');
    case '22003':
      return make('validation', 'VALIDATION_FAILED', 'A number is out of range');
    case '22007':
    case '22008':
      return make('validation', 'VALIDATION_FAILED', 'A date or time is not valid');
    case '22P02':
      return make('validation', 'VALIDATION_FAILED', 'A value has the wrong format');
    case '22023':
      return make('validation', 'VALIDATION_FAILED', error.message);
    case '42501':
      return make('forbidden', 'FORBIDDEN', 'This change is not allowed');
    case '40001':
    case '40P01':
      return new AppError('conflict', 'CONCURRENT_UPDATE', 'Another change got in the way; please retry', { cause: error });
    case '55P03':
      return new AppError('conflict', 'LOCKED', 'The record is being changed by someone else; please retry', { cause: error });
    case '57014':
      return new AppError('unavailable', 'QUERY_TIMEOUT', 'The database took too long to answer', { cause: error, retryAfter: 1 });
    default:
      return error;
  }
}

/** Serialization failures and deadlocks: the whole transaction may simply be re-run. */
export function isRetryable(error: unknown): boolean {
  const pgError = findPgError(error);
  return pgError !== undefined && (pgError.code === '40001' || pgError.code === '40P01');
}

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

/**
 * Is this error the database being out of reach (rather than refusing a statement)?
 * Server shutting down or starting (57P01/57P02/57P03), too many connections (53300),
 * any connection exception (class 08), a socket that was refused, reset or timed out,
 * the driver's own "connection terminated" and the pool's acquire timeout.
 */
const UNREACHABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNREACHABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /not queryable/i,
  /connection (?:was )?(?:closed|ended|refused|reset)/i,
  /server closed the connection/i,
];

export function isUnavailableError(thrown: unknown): boolean {
  if (loginRefusal(thrown)) return false;
  const pg = findPgError(thrown);
  if (pg && (UNREACHABLE_SQLSTATES.has(pg.code) || pg.code.startsWith('08'))) return true;
  for (let e = thrown, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && UNREACHABLE_ERRNO.has(code)) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.some((re) => re.test(message))) return true;
    // Node reports a refused connection to localhost (::1 and 127.0.0.1) as an AggregateError.
    if (Array.isArray(errors) && errors.some((inner) => isUnavailableError(inner))) return true;
  }
  return false;
}

/**
 * A login the database refused, as the refusal's own words (`FATAL: role "mono_app" is
 * not permitted to log in`), or undefined. Either the server refused this process's own
 * connection (28000: not permitted to log in, no pg_hba.conf entry; 28P01: wrong password),
 * or a Citus coordinator relays a worker's refusal of the connection it opens as the
 * current role (08006 "connection to the remote node mono_app@host:port failed with the
 * following error: FATAL: …", seen on the cluster before mono_app could log in on the
 * workers). A configuration error, not an outage: retrying changes nothing, and the
 * connection to the coordinator is fine.
 */
const REFUSED_LOGIN = /not permitted to log in|password authentication failed|no pg_hba\.conf entry|role "[^"]*" does not exist|authentication failed/i;

export function loginRefusal(thrown: unknown): { message: string; relayed: boolean } | undefined {
  const pg = findPgError(thrown);
  if (!pg) return undefined;
  if (pg.code === '28000' || pg.code === '28P01') return { message: pg.message, relayed: false };
  if (pg.code.startsWith('08') && /connection to the remote node/i.test(pg.message) && REFUSED_LOGIN.test(pg.message)) {
    return { message: pg.message.replace(/\s+/g, ' '), relayed: true };
  }
  return undefined;
}

/** What the operator reads about a refused login (the log line, the CLI's answer); undefined when the error is none. */
export function loginRefusedSentence(thrown: unknown): string | undefined {
  const refusal = loginRefusal(thrown instanceof AppError ? (thrown.cause ?? thrown) : thrown);
  if (!refusal) return undefined;
  const fix = refusal.relayed
    ? 'the roles mono_app and mono_platform must be able to log in on every Citus node: docs/citus.md, "Credentials"'
    : 'check the user and password in DATABASE_URL and pg_hba.conf';
  return `the database refused a login — a configuration error, not an outage: ${refusal.message} (${fix})`;
}

/**
 * The pool's acquire timeout: every connection is busy (a saturated pool, or a database
 * that stopped answering). Answered like an outage, but not announced as one: the
 * database may well be there, and no new connection would tell when it is "back".
 */
export function isAcquireTimeout(thrown: unknown): boolean {
  for (let e = thrown, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (/timeout exceeded when trying to connect/i.test(String((e as { message?: unknown }).message))) return true;
  }
  return false;
}

/**
 * A connection's prepared statements (db/first-trip.ts) no longer fit the server: one is
 * gone (26000: DEALLOCATE, DISCARD ALL), already there (42P05), or its plan would now
 * return another row type (0A000, a migration changed a column's type while the process
 * ran). Nothing of the transaction was committed; on a fresh connection it works.
 */
export function isStalePreparedStatement(thrown: unknown): boolean {
  const pg = findPgError(thrown);
  return pg !== undefined && (pg.code === '26000' || pg.code === '42P05' || (pg.code === '0A000' && /cached plan/i.test(pg.message ?? '')));
}

/** Seconds a client is asked to wait before retrying while the database is out of reach. */
export const UNAVAILABLE_RETRY_AFTER = 5;

/** Translates a PostgreSQL error; anything else passes through unchanged. */
export function translateDbError(thrown: unknown): unknown {
  if (thrown instanceof AppError) return thrown;
  if (loginRefusal(thrown)) return new AppError('DATABASE_LOGIN_REFUSED', undefined, { cause: thrown });
  if (isUnavailableError(thrown)) return new AppError('DATABASE_UNAVAILABLE', undefined, { cause: thrown, retryAfter: UNAVAILABLE_RETRY_AFTER });
  const error = findPgError(thrown);
  if (!error) return thrown;
  const make = (code: ErrorCode, message?: string, field?: string) =>
    new AppError(code, message, { cause: error, errors: field ? [{ path: field, message: message ?? 'is not valid' }] : undefined });
  const described = constraintError(error.constraint);
  if (described) return make(described.code, described.message, described.field);
  switch (error.code) {
    case 'MS401': // mono.session_guard: a cached session was revoked, expired or lost its user, tenant or account
      return make('UNAUTHENTICATED', 'The session has expired or was signed out; sign in again');
    case 'MS409': // mono.session_guard: the permissions changed (app/auth.ts authenticates afresh and runs the request again)
      return make('CONCURRENT_UPDATE', 'Your permissions changed while the request ran; retry it');
    case 'MS4SL': // mono.tenant_search_language: settings.search.language names no text-search configuration
      return make('UNKNOWN_SEARCH_LANGUAGE', error.message, 'settings.search.language');
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

import { type ErrorCode, type ErrorKind, errorCatalogue } from './error-catalogue';

export { type ErrorCode, type ErrorKind, errorCatalogue, isErrorCode } from './error-catalogue';

/**
 * The one error type of Mono. `code` is the stable machine-readable name clients rely
 * on (e.g. BOOKING_SLOT_TAKEN), from the catalogue (./error-catalogue.ts), which also
 * gives its `kind` — what went wrong in HTTP-independent terms, mapped to a status at
 * the HTTP edge only — and a default message for people.
 */
export interface FieldError {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  errors?: FieldError[];
  /** Extra members of the problem document, e.g. { allowed: [...] } or { suggestion }. */
  extra?: Record<string, unknown>;
  /** Seconds, for rate limiting and unavailability. */
  retryAfter?: number;
  cause?: unknown;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly kind: ErrorKind;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  readonly retryAfter?: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    options: AppErrorOptions = {},
  ) {
    super(message ?? errorCatalogue[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = errorCatalogue[code].kind;
    this.errors = options.errors;
    this.extra = options.extra;
    this.retryAfter = options.retryAfter;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** Invalid input found by code rather than by a schema, with the fields it concerns. */
export function validationFailed(message: string, errors?: FieldError[]): AppError {
  return new AppError('VALIDATION_FAILED', message, { errors });
}

/** A cursor that this query did not issue (garbled, or from another sort or filter). */
export function invalidCursor(message?: string): AppError {
  return new AppError('INVALID_CURSOR', message, { errors: [{ path: 'cursor', message: 'not a cursor of this query; start again without it' }] });
}

/**
 * A state machine refused a transition: 409 naming the transitions that are allowed
 * from the current state, so a client can correct itself.
 */
export function illegalTransition(what: string, from: string, action: string, allowed: readonly string[]): AppError {
  // The message speaks the routes' language (no-show), the fields keep the action names (noShow).
  const spoken = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const options = allowed.length ? `allowed from ${from}: ${allowed.map(spoken).join(', ')}` : `nothing is allowed from ${from}`;
  return new AppError('ILLEGAL_TRANSITION', `Cannot ${spoken(action)} a ${what} that is ${from} (${options})`, {
    extra: { from, action, allowed },
  });
}

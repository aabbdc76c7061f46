/**
 * The one error type of Mono. `kind` says what went wrong in HTTP-independent terms
 * (the HTTP edge maps it to a status), `code` is the stable machine-readable name
 * clients can rely on (e.g. BOOKING_SLOT_TAKEN), `message` is for people.
 */
export type ErrorKind =
  | 'validation' // 400: the input is malformed
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404: missing, or another tenant's (indistinguishable on purpose)
  | 'method_not_allowed' // 405
  | 'conflict' // 409: the state of things does not allow it
  | 'gone' // 410
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'unprocessable' // 422: well-formed but breaks a business rule
  | 'rate_limited' // 429
  | 'unavailable' // 503
  | 'internal'; // 500: a bug

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
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  readonly retryAfter?: number;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.errors = options.errors;
    this.extra = options.extra;
    this.retryAfter = options.retryAfter;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** Not found — also what another tenant's resource looks like. */
export function notFound(what: string, code = 'NOT_FOUND'): AppError {
  return new AppError('not_found', code, `${what} was not found`);
}

export function validationFailed(message: string, errors?: FieldError[]): AppError {
  return new AppError('validation', 'VALIDATION_FAILED', message, { errors });
}

export function forbidden(message = 'You are not allowed to do this', code = 'FORBIDDEN'): AppError {
  return new AppError('forbidden', code, message);
}

export function conflict(code: string, message: string, extra?: Record<string, unknown>): AppError {
  return new AppError('conflict', code, message, { extra });
}

export function unprocessable(code: string, message: string, extra?: Record<string, unknown>): AppError {
  return new AppError('unprocessable', code, message, { extra });
}

/**
 * A state machine refused a transition: 409 naming the transitions that are allowed
 * from the current state, so a client can correct itself.
 */
export function illegalTransition(what: string, from: string, action: string, allowed: readonly string[]): AppError {
  // The message speaks the routes' language (no-show), the fields keep the action names (noShow).
  const spoken = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const options = allowed.length ? `allowed from ${from}: ${allowed.map(spoken).join(', ')}` : `nothing is allowed from ${from}`;
  return new AppError('conflict', 'ILLEGAL_TRANSITION', `Cannot ${spoken(action)} a ${what} that is ${from} (${options})`, {
    extra: { from, action, allowed },
  });
}

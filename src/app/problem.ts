import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type ErrorKind, type FieldError } from '../core/errors';
import { findPgError, translateDbError } from '../db/errors';

/** Where error kinds become HTTP statuses — the only place (ARCHITECTURE §7.4). */
export const statusOf: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  timeout: 408,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict with the current state',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'The request breaks a rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Temporarily unavailable',
};

/**
 * An error as it may be logged: its type, message, database code and stack frames, but
 * not the query parameters a Drizzle error carries in its message (they can be password
 * or token hashes, TOTP secrets, personal data).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  const e = (error ?? {}) as { name?: string; message?: string; stack?: string };
  const withoutParams = (text: string | undefined) => text?.split(/\nparams:/)[0];
  const pg = findPgError(error);
  return {
    type: e.name,
    message: withoutParams(e.message),
    ...(pg ? { dbCode: pg.code, dbMessage: pg.message, constraint: pg.constraint } : {}),
    stack: e.stack
      ?.split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
  };
}

/** Secrets that travel in URLs (calendar feed tokens), replaced before a URL is logged. */
export const redactUrl = (url: string) => url.replace(/(\/calendar\/)[^/?#]+/g, '$1[secret]').replace(/([?&]token=)[^&#]+/g, '$1[secret]');

/** RFC 9457 problem details, as every error response of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  requestId: string;
  [extra: string]: unknown;
}

export const problemType = (code: string) => `tag:mono,2026:problem/${code.toLowerCase().replace(/_/g, '-')}`;

function problem(status: number, code: string, detail: string, requestId: string, rest: Partial<Problem> = {}): Problem {
  return { type: problemType(code), title: titles[status] ?? 'Error', status, code, detail, requestId, ...rest };
}

interface FastifyishError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
}

/** Fastify's own refusals (parsing, limits) → catalogue codes with a sentence for people. */
const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here; send application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['MALFORMED_JSON', 'The body is empty but the content type says JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_JSON', 'The body is not valid JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['BAD_CONTENT_LENGTH', 'The Content-Length does not match the body'],
  FST_ERR_BAD_URL: ['BAD_URL', 'The URL is not valid'],
  FST_REQ_FILE_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The file is larger than allowed'],
  FST_PARTS_LIMIT: ['PAYLOAD_TOO_LARGE', 'Too many parts in the upload'],
  FST_FILES_LIMIT: ['PAYLOAD_TOO_LARGE', 'Too many files in the upload'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'Expected a multipart/form-data upload'],
};

/**
 * The multipart parser (busboy, under @fastify/multipart) fails with plain Errors: a body
 * cut short, a content type without boundary, an unusable boundary or part header.
 * They describe the request, not a fault of ours.
 */
const MALFORMED_MULTIPART = [
  /^Multipart: Boundary not found$/,
  /^Boundary required$/,
  /unexpected end of multipart data/i,
  /^Malformed part header$/,
  /^The needle cannot (?:be an empty|have a length bigger)/,
];

function isMalformedMultipart(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && MALFORMED_MULTIPART.some((re) => re.test(message))) return true;
  }
  return false;
}

/** Other 4xx statuses Fastify or a plugin may raise, by status. */
const clientErrorCodes: Record<number, ErrorCode> = {
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

const places: Record<string, [whole: string, one: string]> = {
  body: ['The body', 'The field'],
  querystring: ['The query string', 'The query parameter'],
  params: ['The path', 'The path parameter'],
  headers: ['The headers', 'The header'],
};

/**
 * The detail of a validation problem as a sentence about its first field:
 * "The field “description” is required (and 2 more problems, see errors)."
 */
export function validationSentence(first: { path: string; message: string }, count: number): string {
  const [where = 'body', ...field] = first.path.split('.');
  const [whole, one] = places[where] ?? places.body!;
  const subject = field.length ? `${one} “${field.join('.')}”` : whole;
  const fragment = /^(is|are|must|has|have|needs?|should|cannot|can't|may)\b/.test(first.message);
  const more = count > 1 ? ` (and ${count - 1} more ${count === 2 ? 'problem' : 'problems'}, see errors)` : '';
  return `${subject}${fragment ? ' ' : ': '}${first.message.replace(/\.$/, '')}${more}.`;
}

/**
 * Any error → (status, problem). Unknown errors become a 500 whose detail reveals
 * nothing; `internal` tells the caller to log the original.
 */
export function toProblem(thrown: unknown, requestId: string): { problem: Problem; internal: boolean; retryAfter?: number } {
  const error = translateDbError(thrown);
  if (error instanceof AppError) {
    const status = statusOf[error.kind];
    return {
      problem: problem(status, error.code, error.message, requestId, { ...(error.errors ? { errors: error.errors } : {}), ...error.extra }),
      internal: status >= 500,
      retryAfter: error.retryAfter,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyishError).validationContext ?? 'body';
    const errors = ((error as FastifyishError).validation ?? []).map((issue) => ({
      path: [where, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is not valid',
    }));
    const first = errors[0];
    return {
      problem: problem(400, 'VALIDATION_FAILED', first ? validationSentence(first, errors.length) : 'The request is not valid', requestId, { errors }),
      internal: false,
    };
  }
  if (isResponseSerializationError(error)) return toProblem(new AppError('INTERNAL_ERROR'), requestId);
  const e = error as FastifyishError;
  const known = e.code ? fastifyCodes[e.code] : undefined;
  if (known) return toProblem(new AppError(known[0], known[1]), requestId);
  if (isMalformedMultipart(e)) return toProblem(new AppError('BAD_REQUEST', 'The multipart body is malformed or incomplete'), requestId);
  if (e instanceof SyntaxError) return toProblem(new AppError('BAD_REQUEST', e.message), requestId);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return toProblem(new AppError(clientErrorCodes[e.statusCode] ?? 'BAD_REQUEST', e.message), requestId);
  }
  return toProblem(new AppError('INTERNAL_ERROR'), requestId);
}

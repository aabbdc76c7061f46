import { type ErrorCode, errorCatalogue } from '../core/errors';
import type { Tier } from '../http/kit/tiers';
import { statusOf } from './problem';

/** What any /api route can answer, whatever it does: malformed requests, overload, outages, bugs. */
const everywhere: ErrorCode[] = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_URL',
  'MALFORMED_JSON',
  'BAD_CONTENT_LENGTH',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_TIMEOUT',
  'CONCURRENT_UPDATE',
  'LOCKED',
  'QUERY_TIMEOUT',
  'DATABASE_UNAVAILABLE',
  'DATABASE_LOGIN_REFUSED',
  'INTERNAL_ERROR',
];

/** What any write (POST, PUT, PATCH, DELETE) can answer: the Idempotency-Key header (app/idempotency.ts). */
const writes: ErrorCode[] = ['IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS'];
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the authentication hook and the guard answer, per tier (app/auth.ts); RATE_LIMITED: requests with an API key. */
const byTier: Record<Tier, ErrorCode[]> = {
  public: ['TENANT_REQUIRED', 'TENANT_NOT_FOUND', 'TENANT_SUSPENDED', 'UNAUTHENTICATED', 'RATE_LIMITED'],
  user: ['UNAUTHENTICATED', 'PERMISSION_DENIED', 'TENANT_SUSPENDED', 'RATE_LIMITED'],
  account: ['UNAUTHENTICATED', 'PERMISSION_DENIED', 'TENANT_SUSPENDED', 'ACCOUNT_NOT_FOUND', 'RATE_LIMITED'],
  tenant: ['UNAUTHENTICATED', 'PERMISSION_DENIED', 'TENANT_SUSPENDED', 'RATE_LIMITED'],
  platform: ['UNAUTHENTICATED', 'PERMISSION_DENIED', 'RATE_LIMITED'],
};

/** What a write of a signed-in tier can answer when the console's session cookie authenticates it (app/auth.ts). */
const cookieWrites: ErrorCode[] = ['CSRF_TOKEN_INVALID'];

/**
 * Every code a route may answer: what it declares, plus what every route of its tier
 * can — INVALID_CURSOR where its query takes a cursor, the idempotency codes (and, but
 * on public routes, the CSRF check) on writes.
 */
export function routeErrorCodes(tier: Tier, declared: readonly ErrorCode[] = [], schema?: unknown, method?: string): Set<ErrorCode> {
  const query = (schema as { querystring?: { shape?: Record<string, unknown> } } | undefined)?.querystring;
  const paginated = Boolean(query?.shape && 'cursor' in query.shape);
  const write = method !== undefined && WRITE_METHODS.has(method) ? (tier === 'public' ? writes : [...writes, ...cookieWrites]) : [];
  return new Set([...everywhere, ...byTier[tier], ...(paginated ? (['INVALID_CURSOR'] as const) : []), ...write, ...declared]);
}

/**
 * The error responses of an operation in the OpenAPI document: one per status, its
 * description listing the codes with their meaning; the body is the shared Problem schema.
 */
export function errorResponses(codes: Set<ErrorCode>): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes].sort()) {
    const status = statusOf[errorCatalogue[code].kind];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\`: ${errorCatalogue[code].message}`).join('\n\n'),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
}

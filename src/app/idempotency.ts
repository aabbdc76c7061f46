import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors';
import { claimIdempotency, completeIdempotency, hashRequest, releaseIdempotency } from '../modules/idempotency';
import type { AppDeps } from './deps';
import { WRITE_METHODS } from './route-errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key claim this request holds: its response is kept for retries (onSend). */
    idempotencyClaim?: string;
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/** What makes a request this request: method, URL (path and query) and the parsed body — or, for a body not parsed before the handler (multipart uploads), its length. */
function requestHashOf(request: FastifyRequest): Buffer {
  const body = request.body === undefined ? `unparsed:${request.headers['content-length'] ?? ''}` : JSON.stringify(request.body);
  return hashRequest([request.method, request.url, body]);
}

/** Replaces the top-level fields a replay must not repeat (secrets shown once) by null. */
function redact(body: string, fields: readonly string[] | undefined): string {
  if (!fields?.length) return body;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    if (parsed === null || typeof parsed !== 'object') return body;
    for (const field of fields) if (field in parsed) parsed[field] = null;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

/**
 * preHandler (after authentication, the permission guard and validation): a write with
 * an Idempotency-Key header claims it for the caller (user or API key) in the tenant —
 * or answers what the first request with that key answered, with `Idempotent-Replayed:
 * true`, without running the handler. Requests without a signed-in caller ignore the
 * header: a key must belong to somebody.
 */
export function idempotencyClaimHook(deps: AppDeps) {
  return async function claim(request: FastifyRequest, reply: FastifyReply) {
    if (!WRITE_METHODS.has(request.method)) return;
    const header = request.headers['idempotency-key'];
    const { ctx } = request;
    if (header === undefined || !ctx.actor || !ctx.tenantId) return;
    if (typeof header !== 'string' || !KEY.test(header)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const outcome = await claimIdempotency(deps.db, ctx, {
      principalId: ctx.actor.apiKeyId ?? ctx.actor.userId,
      key: header,
      requestHash: requestHashOf(request),
    });
    if (outcome.kind === 'claimed') {
      request.idempotencyClaim = outcome.id;
      return;
    }
    const { status, contentType, body } = outcome.response;
    reply.status(status).header('idempotent-replayed', 'true');
    if (contentType) reply.header('content-type', contentType);
    return reply.send(body);
  };
}

/**
 * onSend: the claimed request's response is kept — 2xx and 4xx, as sent — for the retries;
 * after a 5xx (or a streamed body) the claim is given up, so a retry does the work again.
 */
export function idempotencyStoreHook(deps: AppDeps) {
  return async function store(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const id = request.idempotencyClaim;
    if (!id) return payload;
    request.idempotencyClaim = undefined;
    const storable = payload === null || payload === undefined || typeof payload === 'string' || Buffer.isBuffer(payload);
    try {
      if (reply.statusCode >= 500 || !storable) {
        await releaseIdempotency(deps.db, request.ctx, id);
      } else {
        const contentType = reply.getHeader('content-type');
        await completeIdempotency(deps.db, request.ctx, id, {
          status: reply.statusCode,
          contentType: typeof contentType === 'string' ? contentType : null,
          body: redact(payload === null || payload === undefined ? '' : payload.toString(), request.routeOptions.config.idempotencyRedact),
        });
      }
    } catch (error) {
      // The response goes out regardless; the claim stays "in progress" until it counts as abandoned.
      request.log.error({ err: error }, 'could not keep the response of an Idempotency-Key');
    }
    return payload;
  };
}

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Database } from '../../db/client';
import { withTenant } from '../../db/tenant-context';
import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyKey, releaseIdempotencyKey } from './repository';

/** A stored response, to answer again. */
export interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export type ClaimOutcome = { kind: 'claimed'; id: string } | { kind: 'replay'; response: StoredResponse };

export interface IdempotentRequest {
  /** The user or the API key that asks: keys are theirs alone. */
  principalId: string;
  key: string;
  /** SHA-256 of what makes the request this request (method, path, body). */
  requestHash: Buffer;
}

/** How long a twin waits for the first request to finish before it is told 409 IDEMPOTENCY_IN_PROGRESS. */
const WAIT_MS = 5000;

export const hashRequest = (parts: readonly string[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest();
};

const sameHash = (a: Buffer | Uint8Array, b: Buffer) => Buffer.from(a).equals(b);

/**
 * Claims the request's Idempotency-Key, or answers what the first request with it
 * answered. Another request with the key (another hash): 422 IDEMPOTENCY_KEY_REUSED. The
 * first still running: waits for it (polling, up to WAIT_MS), then 409 IDEMPOTENCY_IN_PROGRESS.
 */
export async function claimIdempotency(db: Database, ctx: RequestContext, request: IdempotentRequest, waitMs = WAIT_MS): Promise<ClaimOutcome> {
  const deadline = Date.now() + waitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
    const outcome = await withTenant(db, ctx, async (tx): Promise<ClaimOutcome | 'wait'> => {
      const id = await claimIdempotencyKey(tx, request);
      if (id) return { kind: 'claimed', id };
      const held = await findIdempotencyKey(tx, request.principalId, request.key);
      if (!held) return 'wait'; // released (the first failed) between the two statements: claim again
      if (!sameHash(held.request_hash, request.requestHash)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      if (held.status === null) return 'wait';
      return { kind: 'replay', response: { status: held.status, contentType: held.content_type, body: held.body ?? '' } };
    });
    if (outcome !== 'wait') return outcome;
    if (Date.now() >= deadline) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    await sleep(pause);
  }
}

/** The claimed request was answered: keep the answer for the retries. */
export function completeIdempotency(db: Database, ctx: RequestContext, id: string, response: StoredResponse): Promise<void> {
  return withTenant(db, ctx, (tx) => completeIdempotencyKey(tx, id, response));
}

/** The claimed request failed (5xx) or its answer cannot be kept: a retry does the work again. */
export function releaseIdempotency(db: Database, ctx: RequestContext, id: string): Promise<void> {
  return withTenant(db, ctx, (tx) => releaseIdempotencyKey(tx, id));
}

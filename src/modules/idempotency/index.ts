/** Idempotent writes: claims of Idempotency-Key headers and the responses they answered (app/idempotency.ts hooks them in). */
export { type ClaimOutcome, claimIdempotency, completeIdempotency, hashRequest, releaseIdempotency, type StoredResponse } from './idempotency';

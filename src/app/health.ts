import { z } from 'zod';
import { AppError } from '../core/errors';
import type { Database } from '../db/client';
import { UNAVAILABLE_RETRY_AFTER } from '../db/errors';
import type { Api } from '../http/kit/types';

/** Readiness answers within this time even when every pooled connection is busy or hanging. */
const READY_TIMEOUT_MS = 2000;

const ok = z.object({ status: z.literal('ok'), engine: z.string() });

/**
 * Health for load balancers and orchestrators:
 * - `/health/live`: the process runs and answers HTTP; never touches the database, so a
 *   database outage does not get a healthy process restarted.
 * - `/health/ready`: the database answers `select 1` within 2 s; otherwise 503
 *   DATABASE_UNAVAILABLE with Retry-After (take the instance out of rotation).
 * - `/health`: the same as ready, as before the split.
 */
export function registerHealth(api: Api, db: Database): void {
  api.get('/health/live', { schema: { hide: true, response: { 200: ok } } }, async () => ({ status: 'ok' as const, engine: db.engine }));
  const ready = async () => {
    await checkDatabase(db);
    return { status: 'ok' as const, engine: db.engine };
  };
  api.get('/health/ready', { schema: { hide: true, response: { 200: ok } } }, ready);
  api.get('/health', { schema: { hide: true, response: { 200: ok } } }, ready);
}

async function checkDatabase(db: Database): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('DATABASE_UNAVAILABLE', 'The database did not answer in time', { retryAfter: UNAVAILABLE_RETRY_AFTER })),
      READY_TIMEOUT_MS,
    );
  });
  const probe = db.query('select 1');
  probe.catch(() => undefined); // answered after the timeout: nobody waits for it any more
  try {
    await Promise.race([probe, timeout]);
    db.availability.reportSuccess();
  } finally {
    clearTimeout(timer);
  }
}

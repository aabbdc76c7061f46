import type { Database } from '../../db/client';
import { claimDeliveries, deliverClaimed, type WebhookDeliveryOptions } from './delivery';

export interface WebhookWorkerLog {
  error(details: Record<string, unknown>, message: string): void;
}

export interface WebhookWorkerOptions extends WebhookDeliveryOptions {
  db: Database;
  log?: WebhookWorkerLog;
  /** Deliveries on the wire at once, per process (default 32). */
  concurrency?: number;
  /** How long to wait when nothing was due (default 1 s). */
  pollMs?: number;
}

export interface WebhookWorker {
  stop(): Promise<void>;
}

/**
 * The webhook delivery loop `mono serve` runs beside the mail worker. It keeps up to
 * `concurrency` deliveries in flight and claims more as soon as one finishes, so a slow
 * receiver holds one slot until its timeout, never the others, and never the API (the
 * HTTP requests run outside any transaction).
 */
export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, log } = options;
  const concurrency = options.concurrency ?? 32;
  const pollMs = options.pollMs ?? 1000;
  const leaseSeconds = options.leaseSeconds ?? Math.max(120, Math.ceil((options.timeoutMs * 2) / 1000));
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    while (!stopped) {
      const free = concurrency - inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const claims = await claimDeliveries(db, free, leaseSeconds);
          claimed = claims.length;
          for (const claim of claims) {
            const running = deliverClaimed(db, claim, options)
              .catch((error) => log?.error({ err: error instanceof Error ? error.message : String(error), delivery: claim.id }, 'webhook delivery failed'))
              .finally(() => {
                inFlight.delete(running);
                wake?.();
              });
            inFlight.add(running);
          }
        } catch (error) {
          log?.error({ err: error instanceof Error ? error.message : String(error) }, 'webhook claim failed');
        }
      }
      if (stopped) break;
      // Nothing new (or no free slot): wait for a slot to free up or the next poll.
      if (claimed === 0 || inFlight.size >= concurrency) await sleep(claimed === 0 && inFlight.size === 0 ? pollMs : pollMs / 4);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const running = loop();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}

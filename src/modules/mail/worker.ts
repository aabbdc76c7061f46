import type { Database } from '../../db/client';
import { type DeliveryOptions, type DeliveryReport, deliverDueMail } from './delivery';
import type { MailTransport } from './transport';

export interface MailWorkerLog {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface MailWorkerOptions extends DeliveryOptions {
  db: Database;
  transport: MailTransport;
  log?: MailWorkerLog;
  /** How long to wait when nothing was due (default 2 s). */
  pollMs?: number;
}

export interface MailWorker {
  stop(): Promise<void>;
}

/**
 * The delivery loop `mono serve` runs: a batch, then the next at once while batches come
 * back full, otherwise a pause of pollMs. One batch at a time per process, each with a
 * bounded number of messages on the wire, so delivery takes a bounded share of the
 * database and never stands in the API's way; several processes share the outbox through
 * the claim (SKIP LOCKED).
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, transport, log } = options;
  const pollMs = options.pollMs ?? 2000;
  const batchSize = options.batchSize ?? 50;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const pause = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, pollMs);
      timer.unref();
    });

  const loop = async () => {
    while (!stopped) {
      let report: DeliveryReport | undefined;
      try {
        report = await deliverDueMail(db, transport, { ...options, batchSize });
        if (report.claimed > 0) log?.info({ mailDelivery: report }, `mail delivery: ${report.sent} sent, ${report.retried} to retry, ${report.failed} failed`);
      } catch (error) {
        log?.error({ err: error instanceof Error ? error.message : String(error) }, 'mail delivery failed');
      }
      if (stopped) break;
      if (!report || report.claimed < batchSize) await pause();
      else await new Promise((resolve) => setImmediate(resolve)); // let the API's work in between
    }
  };
  const running = loop();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
      transport.close();
    },
  };
}

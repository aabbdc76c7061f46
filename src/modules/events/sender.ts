import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { AttemptResult } from './delivery-repository';
import { resolveTarget, UrlNotAllowed, type UrlPolicy } from './ssrf';

export interface SendOptions extends UrlPolicy {
  /** The whole exchange (connect, send, first bytes and the excerpt of the answer). */
  timeoutMs: number;
}

export interface OutgoingWebhook {
  /** The delivery id: webhook-id, the receiver's idempotency key. */
  id: string;
  url: string;
  /** The current secret and, during a rotation's overlap, the previous one: each signs. */
  secrets: string[];
  body: string;
}

const EXCERPT_BYTES = 1000;

/**
 * Signs per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature with one
 * `v1,` signature per active secret) and POSTs to the address the SSRF check resolved —
 * pinned through `lookup`, so the connection cannot go where a second DNS answer points.
 * Never throws: the outcome is the attempt's log line.
 */
export async function sendWebhook(message: OutgoingWebhook, options: SendOptions): Promise<AttemptResult> {
  const started = performance.now();
  const done = (fields: Omit<AttemptResult, 'durationMs'>): AttemptResult => ({ ...fields, durationMs: performance.now() - started });
  let target: Awaited<ReturnType<typeof resolveTarget>>;
  try {
    target = await resolveTarget(message.url, options);
  } catch (error) {
    const reason = error instanceof UrlNotAllowed ? `refused: ${error.message}` : String(error);
    return done({ ok: false, statusCode: null, responseExcerpt: null, error: reason });
  }
  const timestamp = new Date();
  const signature = message.secrets.map((secret) => new Webhook(secret).sign(message.id, timestamp, message.body)).join(' ');
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(message.body)),
    'user-agent': 'Mono-Webhooks/1',
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  };
  const pinned: LookupFunction = (_host, opts, callback) => {
    if (opts?.all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(done(result));
    };
    const req = send(target.url, { method: 'POST', headers, lookup: pinned, agent: false }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = () => {
        const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
        const ok = status >= 200 && status < 300;
        finish({ ok, statusCode: status, responseExcerpt: excerpt || null, error: ok ? null : `HTTP ${status}` });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= EXCERPT_BYTES) answer(); // enough to log; the rest is not read
      });
      res.on('end', answer);
      res.on('error', answer);
    });
    const timer = setTimeout(
      () => finish({ ok: false, statusCode: null, responseExcerpt: null, error: `timed out after ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, statusCode: null, responseExcerpt: null, error: `${error.code ?? 'error'}: ${error.message}` }),
    );
    // Redirects are not followed (node:http never does): a 3xx is a failure, not a way around the SSRF check.
    req.end(message.body);
  });
}

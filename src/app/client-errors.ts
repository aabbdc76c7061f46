import http from 'node:http';
import type { Socket } from 'node:net';
import { newId } from '../core/ids';
import { problemType } from './problem';

/**
 * Errors Node's HTTP server raises before a request reaches Fastify — a request that
 * did not arrive within requestTimeout (slow headers, a body trickling in), a malformed
 * request line, oversized headers — answered as problem+json like every other error,
 * then the connection is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'BAD_REQUEST', 'The request headers are too large']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
  const title = status === 408 ? 'Request timeout' : 'The request is not valid';
  const body = JSON.stringify({ type: problemType(code), title, status, code, detail, requestId: newId() });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Node's own timeouts for a request to arrive. Node only enforces requestTimeout when
 * headersTimeout is not longer (and refuses that combination at construction), and checks
 * connections every connectionsCheckingInterval: often enough here for the timeout to be
 * accurate to about 10 %. Slow headers keep Node's 60 s limit, or requestTimeout if shorter.
 */
export function serverTimeouts(requestTimeoutMs: number) {
  if (requestTimeoutMs <= 0) return { requestTimeout: 0 };
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(60_000, requestTimeoutMs),
    connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(requestTimeoutMs / 10))),
  };
}

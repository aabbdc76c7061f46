import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors';

/**
 * PostgreSQL cannot store the NUL character in text or jsonb (22021 / 22P05): a string
 * carrying one would reach the database and fail there as a 500. No field of the API
 * has a use for it, so it is refused at the edge — in any string or object key of the
 * body, the query string or the path — before a route sees the input.
 */
const NUL = '\u0000';
const MAX_DEPTH = 64;

/** The path of the first string or key holding NUL, or undefined. */
export function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  // Buffers (uploads, raw bodies) are bytes, not text: they never reach a text column as such.
  if (ArrayBuffer.isView(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes(NUL)) return `${path}.${key.replaceAll(NUL, '\\u0000')}`;
    const found = findNul(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** preValidation hook: 400 VALIDATION_FAILED naming where the NUL character was. */
export async function refuseNul(request: FastifyRequest): Promise<void> {
  const where = findNul(request.params, 'path') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
  if (where) {
    throw new AppError('VALIDATION_FAILED', `${where}: must not contain the NUL character (\\u0000)`, {
      errors: [{ path: where, message: 'must not contain the NUL character (\\u0000)' }],
    });
  }
}

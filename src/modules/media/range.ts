/**
 * HTTP conditional and range semantics for downloads (RFC 9110 §13, §14), as pure
 * functions so the rules are tested without a server.
 *
 * Only single byte ranges are served. A multi-range or malformed Range header is
 * ignored (the whole file is sent), which RFC 9110 allows; a well-formed range that
 * starts beyond the end is 416.
 */
export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export type RangeDecision = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number): RangeDecision {
  if (!header) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  const [, first, last] = match;
  if (first === '') {
    // suffix range: the last N bytes
    const length = Number(last);
    if (length === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'full' }; // invalid: ignore
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end } };
}

/** Strong ETag for stored bytes identified by their hash. */
export const etagOf = (hash: string): string => `"${hash}"`;

/** If-None-Match: '*' or a list of entity tags; weak comparison (W/ prefix ignored). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** If-Range with an entity tag: the range applies only if the representation is unchanged (strong comparison). */
export function rangeStillValid(ifRange: string | undefined, etag: string): boolean {
  if (!ifRange) return true;
  const tag = ifRange.trim();
  return !tag.startsWith('W/') && tag === etag;
}
